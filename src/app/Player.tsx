import { useCallback, useEffect, useRef, useState } from 'react';
import type { ClipInfo, PoseFrame } from '../core/types';
import { formatFrameTime } from './format';
import { drawSkeleton } from './skeleton';
import { drawAngles, type OverlayLayers } from './report/overlay';
import { adjacentEventFrame, phaseAt, type EventMark, type StanceBand } from './report/timelineModel';

/** Longest side of the frames the player asks the worker for. */
const PLAYER_LONG_SIDE = 1280;
const SPEEDS = [0.1, 0.25, 0.5, 1] as const;
const ZOOMS = [1, 2, 3] as const;

export interface PlayerProps {
  clip: ClipInfo;
  frames: readonly PoseFrame[];
  getFrame(index: number, longSide: number): Promise<ImageBitmap | null>;
  /** The shown frame (controlled: the timeline and the flag strip move it too). */
  index: number;
  onIndex(index: number): void;
  /** Gait events (Shift+← / Shift+→ jump between them) and stance bands (gait phase read-out). */
  events?: readonly EventMark[];
  stances?: readonly StanceBand[];
  groundTiltDeg?: number | null;
  /** Keyboard shortcuts only act when this player is the active one (two clips on one page). */
  active?: boolean;
  label?: string;
  /** Real seconds per second of the clip's own time (a slow-motion clip with its capture rate given: < 1). */
  timeFactor?: number;
  /** Shift+← / Shift+→ (or their buttons) landed on the event frame `frame` (the editor selects that event). */
  onEventJump?(frame: number): void;
}

export function Player({ clip, frames, getFrame, index, onIndex, events = [], stances = [], groundTiltDeg = null, active = true, label = 'Frame player', timeFactor = 1, onEventJump }: PlayerProps) {
  const [shown, setShown] = useState(-1);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<(typeof SPEEDS)[number]>(0.25);
  const [zoom, setZoom] = useState<(typeof ZOOMS)[number]>(1);
  const [layers, setLayers] = useState<OverlayLayers>({ skeleton: true, angles: true, lines: true });
  const canvas = useRef<HTMLCanvasElement>(null);
  const wanted = useRef(0);
  const last = frames.length - 1;
  const indexRef = useRef(index);
  indexRef.current = index;
  const go = useCallback((i: number) => onIndex(Math.max(0, Math.min(last, i))), [onIndex, last]);
  const step = useCallback((d: number) => go(indexRef.current + d), [go]);
  const jump = useCallback(
    (dir: 1 | -1) => {
      const f = adjacentEventFrame(events, indexRef.current, dir);
      if (f !== null) {
        go(f);
        onEventJump?.(f);
      }
    },
    [events, go, onEventJump],
  );

  // draw the wanted frame (frames are fetched from the worker; a newer request supersedes an older one)
  useEffect(() => {
    wanted.current = index;
    let live = true;
    void getFrame(index, PLAYER_LONG_SIDE).then((bmp) => {
      if (!live || wanted.current !== index) {
        bmp?.close();
        return;
      }
      const c = canvas.current;
      if (!c) return bmp?.close();
      // no video (a record saved without it): the skeleton on a dark frame of the clip's shape
      const k = PLAYER_LONG_SIDE / Math.max(clip.displayWidth, clip.displayHeight, 1);
      c.width = bmp ? bmp.width : Math.round(clip.displayWidth * Math.min(1, k));
      c.height = bmp ? bmp.height : Math.round(clip.displayHeight * Math.min(1, k));
      const ctx = c.getContext('2d')!;
      const f = frames[index];
      const scale = c.width / clip.displayWidth;
      ctx.save();
      if (zoom > 1 && f?.keypoints) {
        // zoom onto the feet: centre on the mean of the visible heel / toe / ankle keypoints
        const feet = f.keypoints.filter((k) => /heel|foot_index|ankle/.test(k.name) && k.score >= 0.3);
        if (feet.length) {
          const cx = (feet.reduce((s, k) => s + k.x, 0) / feet.length) * scale;
          const cy = (feet.reduce((s, k) => s + k.y, 0) / feet.length) * scale;
          ctx.setTransform(zoom, 0, 0, zoom, c.width / 2 - cx * zoom, c.height / 2 - cy * zoom);
        }
      }
      if (bmp) {
        ctx.drawImage(bmp, 0, 0);
        bmp.close();
      } else {
        ctx.fillStyle = '#0d1117';
        ctx.fillRect(0, 0, c.width, c.height);
        ctx.fillStyle = '#9aa5b5';
        ctx.font = `${Math.max(12, Math.round(c.width / 40))}px system-ui, sans-serif`;
        ctx.fillText('no picture for this frame (video not kept, or damaged): skeleton only', 12, 12 + Math.max(12, Math.round(c.width / 40)));
      }
      const lw = Math.max(2, Math.max(c.width, c.height) / 260) / zoom;
      if (f?.keypoints) {
        if (layers.skeleton) drawSkeleton(ctx, f.keypoints, scale, lw);
        if (layers.angles || layers.lines) drawAngles(ctx, f.keypoints, scale, lw, layers, groundTiltDeg);
      }
      ctx.restore();
      setShown(index);
    });
    return () => {
      live = false;
    };
  }, [index, frames, clip.displayWidth, clip.displayHeight, getFrame, zoom, layers, groundTiltDeg]);

  // playback at 0.1–1× of real time, following the frames' own timestamps (skips frames when drawing lags); a
  // slow-motion clip with its capture rate given plays its frames faster (real time is timeFactor × clip time)
  useEffect(() => {
    if (!playing) return;
    const t0 = performance.now();
    const start = indexRef.current >= last ? 0 : indexRef.current;
    const us0 = frames[start]?.timestampUs ?? 0;
    let raf = 0;
    const tick = () => {
      const target = us0 + ((performance.now() - t0) * 1000 * speed) / timeFactor;
      let i = indexRef.current < start ? start : indexRef.current;
      while (i < last && frames[i + 1].timestampUs <= target) i++;
      if (i !== indexRef.current) onIndex(i);
      if (i >= last) {
        setPlaying(false);
        return;
      }
      raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [playing, speed, frames, last, onIndex, timeFactor]);

  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (t && ((t.tagName === 'INPUT' && (t as HTMLInputElement).type !== 'range') || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT')) return;
      // Alt+← → move an event (the event editor); Ctrl / Cmd combinations are the browser's
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === 'ArrowLeft' && e.shiftKey) jump(-1);
      else if (e.key === 'ArrowRight' && e.shiftKey) jump(1);
      else if (e.key === 'ArrowLeft') step(-1);
      else if (e.key === 'ArrowRight') step(1);
      else if (e.key === ' ' && !(t && t.tagName === 'BUTTON')) setPlaying((p) => !p);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [step, jump, active]);

  const f = frames[index];
  const first = frames[0]?.timestampUs ?? 0;
  const here = events.filter((e) => e.frame === index);
  const phase = (foot: 'left' | 'right') => phaseAt(stances, foot, index);
  return (
    <section className="card player" aria-label={label} data-testid="player">
      <div className="frame-wrap">
        <canvas ref={canvas} data-testid="player-canvas" data-frame={shown} aria-label={`Frame ${index} with the estimated skeleton and angles`} />
      </div>
      <div className="player-controls">
        <button type="button" onClick={() => jump(-1)} aria-label="Previous gait event (Shift+←)" title="Previous contact or toe-off (Shift+←)" disabled={!events.length}>
          ⇤
        </button>
        <button type="button" onClick={() => step(-1)} aria-label="Previous frame (←)" disabled={index === 0}>
          ←
        </button>
        <button type="button" className="play" onClick={() => setPlaying((p) => !p)} aria-label={playing ? 'Pause (Space)' : 'Play (Space)'} data-testid="play">
          {playing ? '❚❚' : '▶'}
        </button>
        <button type="button" onClick={() => step(1)} aria-label="Next frame (→)" disabled={index === last}>
          →
        </button>
        <button type="button" onClick={() => jump(1)} aria-label="Next gait event (Shift+→)" title="Next contact or toe-off (Shift+→)" disabled={!events.length}>
          ⇥
        </button>
        <input type="range" min={0} max={last} value={index} onChange={(e) => go(Number(e.target.value))} aria-label="Frame" data-testid="scrubber" />
      </div>
      <div className="player-options">
        <label>
          speed{' '}
          <select value={speed} onChange={(e) => setSpeed(Number(e.target.value) as (typeof SPEEDS)[number])} data-testid="speed">
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
        <label>
          zoom on feet{' '}
          <select value={zoom} onChange={(e) => setZoom(Number(e.target.value) as (typeof ZOOMS)[number])} data-testid="zoom">
            {ZOOMS.map((z) => (
              <option key={z} value={z}>
                {z === 1 ? 'off' : `${z}×`}
              </option>
            ))}
          </select>
        </label>
        {(['skeleton', 'angles', 'lines'] as const).map((k) => (
          <label key={k}>
            <input type="checkbox" checked={layers[k]} onChange={(e) => setLayers((l) => ({ ...l, [k]: e.target.checked }))} data-testid={`layer-${k}`} />{' '}
            {k === 'lines' ? 'foot & ground lines' : k}
          </label>
        ))}
      </div>
      <p className="frame-info" data-testid="frame-info" aria-live="polite">
        Frame <strong data-testid="frame-index">{index}</strong> of {last} · {f ? formatFrameTime(first + (f.timestampUs - first) * timeFactor, first) : ''}
        {timeFactor !== 1 ? ' real time' : ''}
        {stances.length > 0 && (
          <span data-testid="gait-phase">
            {' '}
            · left {phase('left') ?? '—'}, right {phase('right') ?? '—'}
          </span>
        )}
        {here.map((e) => (
          <span key={`${e.type}${e.foot}`} className={`event-tag side-${e.foot}`}>
            {e.type === 'IC' ? 'initial contact' : 'toe-off'} {e.foot}
          </span>
        ))}
        {' · '}
        {f?.score != null ? `pose score ${f.score.toFixed(2)}` : 'no person found'}
      </p>
      <p className="legend">
        <span className="swatch left" /> left <span className="swatch right" /> right · dashed = low confidence · angles are image-plane values on this frame · ← → frame ·
        Shift+← → contact / toe-off · Space play
      </p>
    </section>
  );
}
