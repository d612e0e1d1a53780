/**
 * The consult-view timeline (D3): angle panels over the whole clip, a stance/swing lane per foot with every initial
 * contact (▼) and toe-off (▲), the flagged frames as bands across all panels, a cursor that follows the player, a
 * click anywhere to move the player there, hover read-outs, and a brush strip underneath to zoom.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import * as d3 from 'd3';
import type { EventMark, TimelineModel } from './timelineModel';
import { SIDE_COLOURS } from '../skeleton';
import { useElementWidth } from './useElementWidth';

const FLAG_COLOUR = '#D55E00'; // Okabe–Ito vermillion
const CENTRE_COLOUR = '#3b4252';
const M = { left: 46, right: 14, top: 6 };
const LANE_H = 30;
const PANEL_H = 86;
const PANEL_GAP = 18;
const BRUSH_H = 26;

export interface TimelineProps {
  model: TimelineModel;
  frame: number;
  /** Presentation time of each frame, ms from the clip start (axis labels and read-outs). */
  timeMs: readonly number[];
  onSeek(frame: number): void;
  /** The zoom is kept while this stays the same (a correction redraws the model of the same clip); default: the model. */
  clipKey?: unknown;
  /** Events can be selected and dragged to another frame (hand correction). */
  editable?: boolean;
  /** The event selected for editing (ringed). */
  selected?: { type: 'IC' | 'TO'; foot: 'left' | 'right'; frame: number } | null;
  onSelectEvent?(e: EventMark): void;
  /** An event dragged to another frame. */
  onMoveEvent?(e: EventMark, frame: number): void;
}

function colourOf(side: 'left' | 'right' | 'centre'): string {
  return side === 'centre' ? CENTRE_COLOUR : SIDE_COLOURS[side];
}

export function Timeline({ model, frame, timeMs, onSeek, clipKey, editable = false, selected = null, onSelectEvent, onMoveEvent }: TimelineProps) {
  const [wrap, width] = useElementWidth<HTMLDivElement>(900, 280);
  const svgRef = useRef<SVGSVGElement>(null);
  const [domain, setDomain] = useState<[number, number]>([0, Math.max(1, model.frameCount - 1)]);
  const [hover, setHover] = useState<{ frame: number; x: number } | null>(null);
  const seek = useRef(onSeek);
  seek.current = onSeek;
  const selectEvent = useRef(onSelectEvent);
  selectEvent.current = onSelectEvent;
  const moveEvent = useRef(onMoveEvent);
  moveEvent.current = onMoveEvent;

  const zoomKey = clipKey ?? model;
  useEffect(() => setDomain([0, Math.max(1, model.frameCount - 1)]), [zoomKey, model.frameCount]);

  const panelsTop = M.top + LANE_H + 12;
  const height = panelsTop + model.panels.length * (PANEL_H + PANEL_GAP) + BRUSH_H + 22;
  const brushTop = height - BRUSH_H - 4;
  const x = useMemo(() => d3.scaleLinear().domain(domain).range([M.left, width - M.right]), [domain, width]);
  const xFull = useMemo(() => d3.scaleLinear().domain([0, Math.max(1, model.frameCount - 1)]).range([M.left, width - M.right]), [model.frameCount, width]);
  const secondsAt = (f: number) => {
    const i = Math.max(0, Math.min(timeMs.length - 1, Math.round(f)));
    return (timeMs[i] ?? 0) / 1000;
  };

  // everything except the cursor and the hover read-out
  useEffect(() => {
    const svg = d3.select(svgRef.current!);
    svg.selectAll('*').remove();
    const clipId = `tl-clip-${Math.random().toString(36).slice(2)}`;
    svg.append('defs').append('clipPath').attr('id', clipId).append('rect').attr('x', M.left).attr('y', 0).attr('width', width - M.left - M.right).attr('height', height);
    const plot = svg.append('g').attr('clip-path', `url(#${clipId})`);

    // stance bands and event marks, one sub-lane per foot (left above right)
    const laneY = (foot: 'left' | 'right') => M.top + (foot === 'left' ? 0 : LANE_H / 2);
    svg.append('text').attr('x', 4).attr('y', M.top + 11).attr('class', 'tl-lane-label').text('left');
    svg.append('text').attr('x', 4).attr('y', M.top + LANE_H / 2 + 11).attr('class', 'tl-lane-label').text('right');
    plot
      .selectAll('rect.tl-stance')
      .data(model.stances)
      .join('rect')
      .attr('class', 'tl-stance')
      .attr('x', (s) => x(s.from))
      .attr('width', (s) => Math.max(1, x(s.to) - x(s.from)))
      .attr('y', (s) => laneY(s.foot) + 2)
      .attr('height', LANE_H / 2 - 4)
      .attr('fill', (s) => colourOf(s.foot))
      .attr('opacity', 0.28)
      .append('title')
      .text((s) => `${s.foot} foot on the ground (stance), frames ${Math.round(s.from)}–${Math.round(s.to)}`);
    const tri = d3.symbol().type(d3.symbolTriangle).size(46);
    const markAt = (e: EventMark, sub: number) => `translate(${x(sub)},${laneY(e.foot) + LANE_H / 4}) rotate(${e.type === 'IC' ? 180 : 0})`;
    // the detected events, faint, under the corrected ones (only once events were corrected by hand)
    plot
      .selectAll('path.tl-detected')
      .data(model.detected)
      .join('path')
      .attr('class', 'tl-detected')
      .attr('data-testid', 'detected-mark')
      .attr('data-type', (e) => e.type)
      .attr('data-foot', (e) => e.foot)
      .attr('data-frame', (e) => e.frame)
      .attr('d', tri)
      .attr('transform', (e) => markAt(e, e.subFrame))
      .attr('fill', 'none')
      .attr('stroke', '#5b6475')
      .attr('stroke-width', 1.2)
      .attr('stroke-dasharray', '2 1.5')
      .attr('opacity', 0.55)
      .style('pointer-events', 'none')
      .append('title')
      .text((e) => `Detected ${e.type === 'IC' ? 'initial contact' : 'toe-off'}, ${e.foot} foot, frame ${e.frame}`);
    const marks = plot
      .selectAll<SVGPathElement, EventMark>('path.tl-event')
      .data(model.events)
      .join('path')
      .attr('class', 'tl-event')
      .attr('data-testid', 'event-mark')
      .attr('data-type', (e) => e.type)
      .attr('data-foot', (e) => e.foot)
      .attr('data-frame', (e) => e.frame)
      .attr('d', tri)
      .attr('transform', (e) => markAt(e, e.subFrame))
      .attr('fill', (e) => (e.type === 'IC' ? colourOf(e.foot) : '#fff'))
      .attr('stroke', (e) => colourOf(e.foot))
      .attr('stroke-width', 1.6)
      .attr('opacity', (e) => (e.lowConfidence ? 0.4 : 1))
      .style('cursor', editable ? 'grab' : 'pointer')
      .on('click', (ev: MouseEvent, e) => {
        ev.stopPropagation();
        selectEvent.current?.(e);
        seek.current(e.frame);
      });
    marks
      .append('title')
      .text((e) => `${e.type === 'IC' ? 'Initial contact' : 'Toe-off'}, ${e.foot} foot, frame ${e.frame} (${secondsAt(e.frame).toFixed(2)} s)${e.lowConfidence ? ' · timing uncertain: the figures leave out the strides that rest on it' : ''}${editable ? ' · drag to move it' : ''}`);
    if (editable) {
      // drag a mark to another frame: it follows the pointer, frame by frame, and moves on release
      let to: number | null = null;
      marks.call(
        d3
          .drag<SVGPathElement, EventMark>()
          // the pointer's own position (the default subject is the datum, which has no x)
          .subject((ev: d3.D3DragEvent<SVGPathElement, EventMark, EventMark>) => ({ x: ev.x, y: ev.y }))
          .on('start', function (_ev, e) {
            to = null;
            selectEvent.current?.(e);
            d3.select(this).style('cursor', 'grabbing');
          })
          .on('drag', function (ev: d3.D3DragEvent<SVGPathElement, EventMark, EventMark>, e) {
            if (!Number.isFinite(ev.x)) return;
            to = Math.max(0, Math.min(model.frameCount - 1, Math.round(x.invert(ev.x))));
            d3.select(this).attr('transform', markAt(e, to)).attr('data-drag-frame', to);
          })
          .on('end', function (_ev, e) {
            d3.select(this).style('cursor', 'grab');
            if (to !== null && to !== e.frame) moveEvent.current?.(e, to);
            else if (to !== null) d3.select(this).attr('transform', markAt(e, e.subFrame));
          }),
      );
    }

    // panels
    model.panels.forEach((p, i) => {
      const top = panelsTop + i * (PANEL_H + PANEL_GAP);
      const y = d3.scaleLinear().domain(p.extent!).range([top + PANEL_H, top]).clamp(true);
      const g = svg.append('g').attr('class', 'tl-panel').attr('data-panel', p.id);
      g.append('text').attr('class', 'tl-panel-title').attr('x', M.left).attr('y', top - 4).text(p.title);
      g.append('g').attr('class', 'tl-axis').attr('transform', `translate(${M.left},0)`).call(d3.axisLeft(y).ticks(3).tickSize(-(width - M.left - M.right)).tickFormat((v) => `${v}°`));
      const line = d3
        .line<number | null>()
        .defined((v) => v !== null && Number.isFinite(v))
        .x((_, f) => x(f))
        .y((v) => y(v as number));
      for (const t of p.traces) {
        plot
          .append('path')
          .attr('class', 'tl-trace')
          .attr('data-trace', t.key)
          .attr('d', line(t.values))
          .attr('fill', 'none')
          .attr('stroke', colourOf(t.side))
          .attr('stroke-width', 1.6)
          .attr('stroke-dasharray', t.estimate ? '5 3' : t.key.startsWith('trunkThigh') ? '1.5 2.5' : null)
          .attr('opacity', 0.95);
      }
    });

    // flagged frames: bands across the lane and every panel
    const bandTop = M.top;
    const bandBottom = panelsTop + model.panels.length * (PANEL_H + PANEL_GAP) - PANEL_GAP;
    plot
      .selectAll('rect.tl-flag')
      .data(model.flags)
      .join('rect')
      .attr('class', 'tl-flag')
      .attr('data-testid', 'flag-band')
      .attr('data-frame', (f) => f.frame)
      .attr('data-kind', (f) => f.kind)
      .attr('x', (f) => x(f.from))
      .attr('width', (f) => Math.max(4, x(f.to) - x(f.from)))
      .attr('y', bandTop)
      .attr('height', bandBottom - bandTop)
      .attr('fill', FLAG_COLOUR)
      .attr('opacity', (f) => 0.12 + 0.3 * f.severity)
      .style('cursor', 'pointer')
      .attr('tabindex', 0)
      .attr('role', 'button')
      .attr('aria-label', (f) => `${f.title}. Open frame ${f.frame}`)
      .on('click', (ev: MouseEvent, f) => {
        ev.stopPropagation();
        seek.current(f.frame);
      })
      .on('keydown', (ev: KeyboardEvent, f) => {
        if (ev.key !== 'Enter' && ev.key !== ' ') return;
        ev.preventDefault();
        ev.stopPropagation();
        seek.current(f.frame);
      })
      .append('title')
      .text((f) => f.title);

    // time axis under the last panel
    const axisY = bandBottom + 4;
    svg
      .append('g')
      .attr('class', 'tl-axis tl-time')
      .attr('transform', `translate(0,${axisY})`)
      .call(d3.axisBottom(x).ticks(Math.max(3, Math.floor(width / 110))).tickFormat((f) => `${secondsAt(Number(f)).toFixed(1)} s`));

    // brush strip to zoom (over the whole clip), with the flags and events in miniature
    const strip = svg.append('g').attr('class', 'tl-brush-strip');
    strip.append('rect').attr('x', M.left).attr('y', brushTop).attr('width', width - M.left - M.right).attr('height', BRUSH_H).attr('fill', '#eef2f7');
    strip
      .selectAll('rect.mini-flag')
      .data(model.flags)
      .join('rect')
      .attr('x', (f) => xFull(f.from))
      .attr('width', (f) => Math.max(2, xFull(f.to) - xFull(f.from)))
      .attr('y', brushTop)
      .attr('height', BRUSH_H)
      .attr('fill', FLAG_COLOUR)
      .attr('opacity', 0.35);
    strip
      .selectAll('line.mini-ev')
      .data(model.events.filter((e) => e.type === 'IC'))
      .join('line')
      .attr('x1', (e) => xFull(e.subFrame))
      .attr('x2', (e) => xFull(e.subFrame))
      .attr('y1', (e) => brushTop + (e.foot === 'left' ? 3 : BRUSH_H / 2 + 1))
      .attr('y2', (e) => brushTop + (e.foot === 'left' ? BRUSH_H / 2 - 1 : BRUSH_H - 3))
      .attr('stroke', (e) => colourOf(e.foot));
    strip.append('text').attr('x', 4).attr('y', brushTop + 17).attr('class', 'tl-lane-label').text('zoom');
    const brush = d3
      .brushX()
      .extent([
        [M.left, brushTop],
        [width - M.right, brushTop + BRUSH_H],
      ])
      .on('end', (ev: d3.D3BrushEvent<unknown>) => {
        if (!ev.sourceEvent) return;
        const s = ev.selection as [number, number] | null;
        if (!s || s[1] - s[0] < 4) setDomain([0, Math.max(1, model.frameCount - 1)]);
        else setDomain([Math.max(0, xFull.invert(s[0])), Math.min(model.frameCount - 1, xFull.invert(s[1]))]);
      });
    const bg = strip.append('g').attr('class', 'tl-brush').call(brush);
    const full = domain[0] <= 0 && domain[1] >= model.frameCount - 1;
    if (!full) bg.call(brush.move, [xFull(domain[0]), xFull(domain[1])]);

    // the cursor (moved by the other effect) and the hover line
    svg.append('line').attr('class', 'tl-cursor').attr('data-testid', 'timeline-cursor').attr('y1', M.top).attr('y2', bandBottom).attr('stroke', '#111').attr('stroke-width', 1.5);
    svg.append('line').attr('class', 'tl-hover').attr('y1', M.top).attr('y2', bandBottom).attr('stroke', '#888').attr('stroke-dasharray', '2 2').attr('opacity', 0);
  }, [model, width, height, x, xFull, domain, panelsTop, brushTop, timeMs, editable]);

  // the selected event: ringed
  useEffect(() => {
    d3.select(svgRef.current!)
      .selectAll<SVGPathElement, EventMark>('path.tl-event')
      .attr('stroke', (e) => (selected && e.type === selected.type && e.foot === selected.foot && e.frame === selected.frame ? '#111' : colourOf(e.foot)))
      .attr('stroke-width', (e) => (selected && e.type === selected.type && e.foot === selected.foot && e.frame === selected.frame ? 3 : 1.6))
      .attr('data-selected', (e) => (selected && e.type === selected.type && e.foot === selected.foot && e.frame === selected.frame ? 'true' : null));
  }, [selected, model, width, domain, editable]);

  // cursor follows the player
  useEffect(() => {
    const svg = d3.select(svgRef.current!);
    const inView = frame >= domain[0] && frame <= domain[1];
    svg
      .select('line.tl-cursor')
      .attr('data-frame', frame)
      .attr('data-x', x(frame).toFixed(2))
      .attr('x1', x(frame))
      .attr('x2', x(frame))
      .attr('opacity', inView ? 1 : 0);
  }, [frame, x, domain, model, width]);

  const plotBottom = panelsTop + model.panels.length * (PANEL_H + PANEL_GAP) - PANEL_GAP;
  const frameAtPointer = (ev: React.MouseEvent<SVGSVGElement>) => {
    const r = svgRef.current!.getBoundingClientRect();
    const mx = ev.clientX - r.left;
    const my = ev.clientY - r.top;
    if (mx < M.left || mx > width - M.right || my > plotBottom + 2) return null;
    return { frame: Math.max(0, Math.min(model.frameCount - 1, Math.round(x.invert(mx)))), x: mx };
  };

  const hoverValues = hover
    ? model.panels.flatMap((p) => p.traces.map((t) => ({ label: t.label, side: t.side, v: t.values[hover.frame] ?? null })))
    : [];
  const phaseText = (foot: 'left' | 'right', f: number) => {
    const inStance = model.stances.some((s) => s.foot === foot && f >= s.from && f < s.to);
    return inStance ? 'stance' : 'swing';
  };

  return (
    <div className="timeline" ref={wrap} data-testid="timeline">
      <svg
        ref={svgRef}
        width={width}
        height={height}
        role="img"
        aria-label={`Angle traces over the clip with ${model.events.length} gait events and ${model.flags.length} flagged frame ranges; click to move the player`}
        onClick={(ev) => {
          const h = frameAtPointer(ev);
          if (h) onSeek(h.frame);
        }}
        onMouseMove={(ev) => {
          const h = frameAtPointer(ev);
          setHover(h);
          d3.select(svgRef.current!).select('line.tl-hover').attr('x1', h?.x ?? 0).attr('x2', h?.x ?? 0).attr('opacity', h ? 1 : 0);
        }}
        onMouseLeave={() => {
          setHover(null);
          d3.select(svgRef.current!).select('line.tl-hover').attr('opacity', 0);
        }}
      />
      {hover && (
        <div className="tl-tooltip" style={{ left: Math.min(hover.x + 12, width - 230) }} data-testid="timeline-tooltip">
          <strong>
            Frame {hover.frame} · {secondsAt(hover.frame).toFixed(2)} s
          </strong>
          <span className="tl-phase">
            left {phaseText('left', hover.frame)} · right {phaseText('right', hover.frame)}
          </span>
          {hoverValues.map((h) => (
            <span key={h.label} style={{ color: colourOf(h.side) }}>
              {h.label}: {h.v === null ? '—' : `${h.v.toFixed(1)}°`}
            </span>
          ))}
        </div>
      )}
      {(domain[0] > 0 || domain[1] < model.frameCount - 1) && (
        <button type="button" className="tl-reset" onClick={() => setDomain([0, Math.max(1, model.frameCount - 1)])}>
          Show the whole clip
        </button>
      )}
    </div>
  );
}
