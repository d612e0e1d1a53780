/**
 * The timeline of the PDF report drawn from the data with jsPDF vector paths (no screenshot of the page's SVG, so no
 * player cursor, hover line or zoom strip): a stance lane per foot with every initial contact and toe-off, the angle
 * panels of buildTimelineModel (left blue, right orange, whole-body dark grey; estimates dashed, trunk–thigh dotted),
 * the flagged frames as shaded bands, the thresholds that apply as grey dashed lines, degrees on the y axes and
 * seconds on the time axis.
 */
import type { jsPDF } from 'jspdf';
import type { GaitAnalysis } from '../../core/analysis';
import type { PoseFrame } from '../../core/types';
import { buildTimelineModel, type Panel, type TimelineModel } from '../report/timelineModel';
import { panelThresholds } from './pdfContent';
import { latin1, niceTicks, overWhite, rgb } from './pdfLayout';

export const CHART_COLOURS = { left: '#0072b2', right: '#e69f00', centre: '#3b4252', flag: '#d55e00', threshold: '#4a5263', grid: '#e3e8ef', text: '#5b6475' } as const;

const LANE_H = 26;
const AXIS_W = 34;
const TITLE_H = 12;
const PANEL_GAP = 10;
const TIME_AXIS_H = 24;

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

type Rgb = [number, number, number];
const colourOf = (side: 'left' | 'right' | 'centre'): string => CHART_COLOURS[side];

/** Seconds from the clip's start of each frame (real time: a slow-motion clip's playback times × its factor). */
export function frameSeconds(a: GaitAnalysis, frames: readonly PoseFrame[]): number[] {
  const factor = a.timeScale?.factor ?? 1;
  const t0 = frames[0]?.timestampUs;
  const n = Math.max(a.frameCount, frames.length);
  const fps = a.fps > 0 ? a.fps : 30;
  return Array.from({ length: n }, (_, i) => {
    const f = frames[i];
    return f && t0 !== undefined ? ((f.timestampUs - t0) / 1e6) * factor : i / fps;
  });
}

/** The fractional frame at which the clip reaches `s` seconds (times increase with the frame). */
function frameAtSeconds(secs: readonly number[], s: number): number {
  if (secs.length < 2) return 0;
  for (let i = 1; i < secs.length; i++) {
    if (secs[i] >= s) {
      const d = secs[i] - secs[i - 1];
      return i - 1 + (d > 0 ? (s - secs[i - 1]) / d : 0);
    }
  }
  return secs.length - 1;
}

/** The y range of a panel, widened to show the thresholds that apply to it. */
export function panelRange(p: Panel, thresholdValues: readonly number[]): [number, number] {
  let [lo, hi] = p.extent ?? [0, 1];
  for (const v of thresholdValues) {
    lo = Math.min(lo, Math.floor(v - 3));
    hi = Math.max(hi, Math.ceil(v + 3));
  }
  return hi > lo ? [lo, hi] : [lo - 1, hi + 1];
}

export interface ChartResult {
  model: TimelineModel;
  /** Points used below `box.y`. */
  height: number;
}

/** Height the chart needs for `panels` panels of `panelH` points. */
export function chartHeight(panels: number, panelH: number): number {
  return LANE_H + 8 + panels * (TITLE_H + panelH + PANEL_GAP) - PANEL_GAP + TIME_AXIS_H;
}

/** The panel height that fills `h` points with `panels` panels (between 50 and 130). */
export function panelHeightFor(h: number, panels: number): number {
  const fixed = chartHeight(panels, 0);
  return Math.max(50, Math.min(130, (h - fixed) / Math.max(1, panels)));
}

/**
 * Windows of the clip for the chart pages: a clip longer than `maxS` seconds is cut into equal parts (at most
 * `maxParts`), so a stride stays wide enough to read. Frames [from, to], inclusive, overlapping by one frame.
 */
export function chartWindows(secs: readonly number[], maxS = 6.5, maxParts = 3): [number, number][] {
  const n = secs.length;
  if (n < 2) return [[0, Math.max(1, n - 1)]];
  const parts = Math.max(1, Math.min(maxParts, Math.ceil((secs[n - 1] - secs[0]) / maxS - 1e-9)));
  const out: [number, number][] = [];
  for (let i = 0; i < parts; i++) out.push([Math.round(((n - 1) * i) / parts), Math.round(((n - 1) * (i + 1)) / parts)]);
  return out;
}

/** Draws frames [range[0], range[1]] of the clip's timeline into `box` (whole clip when no range). */
export function drawChart(doc: jsPDF, a: GaitAnalysis, frames: readonly PoseFrame[], box: Box, range?: [number, number]): ChartResult {
  const model = buildTimelineModel(a);
  const secs = frameSeconds(a, frames);
  const n = Math.max(2, model.frameCount);
  const [f0, f1] = range ?? [0, n - 1];
  const span = Math.max(1, f1 - f0);
  const x0 = box.x + AXIS_W;
  const x1 = box.x + box.w;
  const X = (f: number) => x0 + ((Math.max(f0, Math.min(f1, f)) - f0) / span) * (x1 - x0);
  /** Whether [from, to] shows in the window. */
  const shows = (from: number, to: number) => to >= f0 && from <= f1;
  const panelH = panelHeightFor(box.h, model.panels.length);
  const laneTop = box.y;
  const panelsTop = laneTop + LANE_H + 8;
  const plotBottom = panelsTop + model.panels.length * (TITLE_H + panelH + PANEL_GAP) - PANEL_GAP;

  const setText = (size: number, colour: string = CHART_COLOURS.text, bold = false) => {
    doc.setFont('helvetica', bold ? 'bold' : 'normal');
    doc.setFontSize(size);
    doc.setTextColor(...rgb(colour));
  };
  const solid = () => doc.setLineDashPattern([], 0);

  // flagged frames: bands across the lanes and every panel (under everything else)
  for (const b of model.flags) {
    if (!shows(b.from, b.to)) continue;
    doc.setFillColor(...overWhite(CHART_COLOURS.flag, 0.1 + 0.25 * b.severity));
    const bx = X(b.from);
    doc.rect(bx, laneTop, Math.max(2, X(b.to) - bx), plotBottom - laneTop, 'F');
  }

  // lanes: stance bars and event marks, left above right
  const laneY = (foot: 'left' | 'right') => laneTop + (foot === 'left' ? 0 : LANE_H / 2);
  setText(7);
  doc.text('left', box.x, laneY('left') + 8.5);
  doc.text('right', box.x, laneY('right') + 8.5);
  for (const s of model.stances) {
    if (!shows(s.from, s.to)) continue;
    doc.setFillColor(...overWhite(colourOf(s.foot), 0.3));
    doc.rect(X(s.from), laneY(s.foot) + 2, Math.max(0.8, X(s.to) - X(s.from)), LANE_H / 2 - 4, 'F');
  }
  const tri = (xc: number, yc: number, down: boolean, r: number) => {
    const h = r * 0.95;
    return down ? ([xc - r, yc - h, xc + r, yc - h, xc, yc + h] as const) : ([xc - r, yc + h, xc + r, yc + h, xc, yc - h] as const);
  };
  doc.setLineWidth(0.6);
  for (const e of model.detected) {
    if (!shows(e.subFrame, e.subFrame)) continue;
    doc.setDrawColor(...rgb('#8a93a3'));
    doc.setLineDashPattern([1.2, 1], 0);
    const p = tri(X(e.subFrame), laneY(e.foot) + LANE_H / 4, e.type === 'IC', 3.2);
    doc.triangle(p[0], p[1], p[2], p[3], p[4], p[5], 'S');
  }
  solid();
  for (const e of model.events) {
    if (!shows(e.subFrame, e.subFrame)) continue;
    const c = colourOf(e.foot);
    const strength = 0.45 + 0.55 * Math.max(0, Math.min(1, e.confidence));
    doc.setDrawColor(...overWhite(c, strength));
    doc.setFillColor(...(e.type === 'IC' ? overWhite(c, strength) : ([255, 255, 255] as Rgb)));
    const p = tri(X(e.subFrame), laneY(e.foot) + LANE_H / 4, e.type === 'IC', 3.2);
    doc.triangle(p[0], p[1], p[2], p[3], p[4], p[5], 'FD');
  }

  // panels
  model.panels.forEach((p, i) => {
    const top = panelsTop + i * (TITLE_H + panelH + PANEL_GAP) + TITLE_H;
    const bottom = top + panelH;
    const thresholds = a.view.view === 'back' ? [] : panelThresholds(p.id);
    const [lo, hi] = panelRange(p, thresholds.map((t) => t.value));
    const Y = (v: number) => bottom - ((Math.max(lo, Math.min(hi, v)) - lo) / (hi - lo)) * panelH;
    setText(7.5, '#1d2330', true);
    doc.text(latin1(p.title), x0, top - 3.5);
    // grid and y ticks (degrees)
    doc.setLineWidth(0.4);
    doc.setDrawColor(...rgb(CHART_COLOURS.grid));
    setText(6.5);
    for (const v of niceTicks(lo, hi, 3)) {
      doc.line(x0, Y(v), x1, Y(v));
      doc.text(latin1(`${v}°`), x0 - 3, Y(v) + 2.2, { align: 'right' });
    }
    doc.setDrawColor(...rgb('#c3cad6'));
    doc.rect(x0, top, x1 - x0, panelH, 'S');
    // thresholds: dark grey dashed lines under the traces, their labels over them
    for (const t of thresholds) {
      doc.setDrawColor(...rgb(CHART_COLOURS.threshold));
      doc.setLineWidth(0.7);
      doc.setLineDashPattern([3, 2], 0);
      doc.line(x0, Y(t.value), x1, Y(t.value));
      solid();
    }
    // traces
    for (const tr of p.traces) {
      doc.setDrawColor(...rgb(colourOf(tr.side)));
      doc.setLineWidth(0.9);
      if (tr.estimate) doc.setLineDashPattern([3.5, 2], 0);
      else if (tr.key.startsWith('trunkThigh')) doc.setLineDashPattern([1, 1.5], 0);
      else solid();
      let open = false;
      const vals = tr.values;
      for (let f = Math.max(0, Math.floor(f0)); f <= Math.min(vals.length - 1, Math.ceil(f1)); f++) {
        const v = vals[f];
        if (v === null || !Number.isFinite(v)) {
          if (open) doc.stroke();
          open = false;
          continue;
        }
        if (!open) doc.moveTo(X(f), Y(v));
        else doc.lineTo(X(f), Y(v));
        open = true;
      }
      if (open) doc.stroke();
      solid();
    }
    for (const t of thresholds) {
      setText(6, CHART_COLOURS.threshold);
      const label = latin1(t.label);
      const lw = doc.getTextWidth(label);
      const above = Y(t.value) - top > 9;
      const ly = above ? Y(t.value) - 2 : Y(t.value) + 6.5;
      doc.setFillColor(255, 255, 255);
      doc.rect(x1 - lw - 4, ly - 5.2, lw + 3, 6.6, 'F');
      doc.text(label, x1 - 2.5, ly, { align: 'right' });
    }
  });

  // time axis, in seconds
  doc.setDrawColor(...rgb('#9aa5b5'));
  doc.setLineWidth(0.5);
  doc.line(x0, plotBottom + 2, x1, plotBottom + 2);
  setText(6.5);
  const sAt = (f: number) => secs[Math.max(0, Math.min(secs.length - 1, Math.round(f)))] ?? f / (a.fps || 30);
  for (const s of niceTicks(sAt(f0), sAt(f1), Math.max(4, Math.round((x1 - x0) / 70)))) {
    const tx = X(frameAtSeconds(secs, s));
    doc.line(tx, plotBottom + 2, tx, plotBottom + 5);
    doc.text(`${Number.isInteger(s) ? s : s.toFixed(1)} s`, tx, plotBottom + 12, { align: 'center' });
  }
  setText(7);
  doc.text(latin1(a.timeScale ? 'time from the start of the clip, seconds (real time)' : 'time from the start of the clip, seconds'), (x0 + x1) / 2, plotBottom + 21, { align: 'center' });
  return { model, height: plotBottom + TIME_AXIS_H - box.y };
}

/** The legend above the chart: what each colour, line and mark means. Returns the height used. */
export function drawLegend(doc: jsPDF, a: GaitAnalysis, x: number, y: number, w: number): number {
  const back = a.view.view === 'back';
  const items: { draw: (x: number, y: number) => void; label: string }[] = [];
  const line = (colour: string, dash: number[] | null) => (lx: number, ly: number) => {
    doc.setDrawColor(...rgb(colour));
    doc.setLineWidth(1.1);
    doc.setLineDashPattern(dash ?? [], 0);
    doc.line(lx, ly, lx + 16, ly);
    doc.setLineDashPattern([], 0);
  };
  if (!back) {
    items.push({ draw: line(CHART_COLOURS.left, null), label: 'left' });
    items.push({ draw: line(CHART_COLOURS.right, null), label: 'right' });
  }
  items.push({ draw: line(CHART_COLOURS.centre, null), label: back ? 'whole body' : 'trunk (whole body)' });
  if (!back) {
    items.push({ draw: line(CHART_COLOURS.centre, [3.5, 2]), label: 'estimate (lumbar)' });
    items.push({ draw: line(CHART_COLOURS.left, [1, 1.5]), label: 'trunk–thigh' });
    items.push({
      draw: (lx, ly) => {
        doc.setFillColor(...rgb(CHART_COLOURS.left));
        doc.setDrawColor(...rgb(CHART_COLOURS.left));
        doc.setLineWidth(0.6);
        doc.triangle(lx + 2, ly - 3, lx + 8, ly - 3, lx + 5, ly + 3, 'FD');
      },
      label: 'initial contact',
    });
    items.push({
      draw: (lx, ly) => {
        doc.setFillColor(255, 255, 255);
        doc.setDrawColor(...rgb(CHART_COLOURS.left));
        doc.setLineWidth(0.6);
        doc.triangle(lx + 2, ly + 3, lx + 8, ly + 3, lx + 5, ly - 3, 'FD');
      },
      label: 'toe-off',
    });
    items.push({
      draw: (lx, ly) => {
        doc.setFillColor(...overWhite(CHART_COLOURS.left, 0.3));
        doc.rect(lx, ly - 3, 16, 6, 'F');
      },
      label: 'foot on the ground',
    });
  }
  items.push({
    draw: (lx, ly) => {
      doc.setFillColor(...overWhite(CHART_COLOURS.flag, 0.3));
      doc.rect(lx, ly - 4, 16, 8, 'F');
    },
    label: 'flagged frames',
  });
  if (!back) items.push({ draw: line(CHART_COLOURS.threshold, [3, 2]), label: 'threshold' });
  doc.setFont('helvetica', 'normal');
  doc.setFontSize(7.5);
  let cx = x;
  let cy = y + 6;
  for (const it of items) {
    const label = latin1(it.label);
    const iw = 20 + doc.getTextWidth(label) + 12;
    if (cx + iw > x + w && cx > x) {
      cx = x;
      cy += 12;
    }
    it.draw(cx, cy);
    doc.setTextColor(...rgb('#1d2330'));
    doc.text(label, cx + 20, cy + 2.6);
    cx += iw;
  }
  return cy + 8 - y;
}
