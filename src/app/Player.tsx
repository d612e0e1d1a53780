import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ClipInfo, PoseFrame } from '../core/types';
import { FrameSuperseded, type FrameRequestOptions, type PlayerFrameInfo } from '../pipeline/protocol';
import { formatFrameTime } from './format';
import { TOUCH, useMediaQuery } from './useMediaQuery';
import { drawSkeleton } from './skeleton';
import { drawAngles, type OverlayLayers, type Rect } from './report/overlay';
import { adjacentEventFrame, phaseAt, type EventMark, type StanceBand } from './report/timelineModel';

/** Longest side of the frames the player asks the worker for. */
const PLAYER_LONG_SIDE = 1280;
const SPEEDS = [0.1, 0.25, 0.5, 1] as const;
const ZOOMS = [1, 2, 3] as const;

export interface PlayerProps {
  clip: ClipInfo;
  frames: readonly PoseFrame[];
  /** A frame's picture; the player asks with `{ purpose: 'player' }` (a newer request supersedes an older one). */
  getFrame(index: number, longSide: number, options?: FrameRequestOptions): Promise<ImageBitmap | null>;
  /** The frame asked for (controlled: the timeline and the flag strip move it too). */
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

/** A frame's picture as received, kept to redraw it (zoom, layers) without asking again. */
interface Held {
  index: number;
  /** Null: no picture (no video kept, or a damaged frame): the skeleton alone on a dark frame. */
  bmp: ImageBitmap | null;
  info: PlayerFrameInfo | null;
}

/** What the picture is drawn with; read by `paint`, which also runs from async frame arrivals. */
interface PaintSettings {
  clip: ClipInfo;
  frames: readonly PoseFrame[];
  zoom: number;
  layers: OverlayLayers;
  groundTiltDeg: number | null;
}


/** The last frame whose timestamp is at or before `us` (frames in time order), not before `from`. */
function frameAtOrBefore(frames: readonly PoseFrame[], us: number, from: number): number {
  let lo = from;
  let hi = frames.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (frames[mid].timestampUs <= us) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Draws a frame's picture with its own skeleton and angles, and labels the canvas with that frame's number
 * (`data-frame`) in the same step: the number, the picture and the angles can never come from different frames.
 */
function paintFrame(c: HTMLCanvasElement, h: Held, s: PaintSettings): void {
  const { clip, frames, zoom, layers, groundTiltDeg } = s;
  const bmp = h.bmp;
  // no video (a record saved without it): the skeleton on a dark frame of the clip's shape
  const k = PLAYER_LONG_SIDE / Math.max(clip.displayWidth, clip.displayHeight, 1);
  c.width = bmp ? bmp.width : Math.round(clip.displayWidth * Math.min(1, k));
  c.height = bmp ? bmp.height : Math.round(clip.displayHeight * Math.min(1, k));
  const ctx = c.getContext('2d')!;
  const f = frames[h.index];
  const scale = c.width / clip.displayWidth;
  // the part of the drawing's coordinates on the canvas (the labels stay inside it)
  let view: Rect = { x: 0, y: 0, w: c.width, h: c.height };
  ctx.save();
  if (zoom > 1 && f?.keypoints) {
    // zoom onto the feet: centre on the mean of the visible heel / toe / ankle keypoints
    const feet = f.keypoints.filter((p) => /heel|foot_index|ankle/.test(p.name) && p.score >= 0.3);
    if (feet.length) {
      const cx = (feet.reduce((sum, p) => sum + p.x, 0) / feet.length) * scale;
      const cy = (feet.reduce((sum, p) => sum + p.y, 0) / feet.length) * scale;
      const ex = c.width / 2 - cx * zoom;
      const ey = c.height / 2 - cy * zoom;
      ctx.setTransform(zoom, 0, 0, zoom, ex, ey);
      view = { x: -ex / zoom, y: -ey / zoom, w: c.width / zoom, h: c.height / zoom };
    }
  }
  if (bmp) {
    ctx.drawImage(bmp, 0, 0);
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
    if (layers.angles || layers.lines) drawAngles(ctx, f.keypoints, scale, lw, layers, groundTiltDeg, view);
  }
  ctx.restore();
  c.dataset.frame = String(h.index);
  // where the picture came from and the worker's frame cache (tests and diagnosis read these)
  c.dataset.source = h.info?.source ?? 'none';
  if (h.info) {
    const cache = h.info.cache;
    c.dataset.cacheState = cache.state;
    c.dataset.cacheFrames = `${cache.frames}/${cache.framesTotal}`;
    c.dataset.cacheBytes = String(cache.bytes);
    c.dataset.cacheBuildMs = cache.buildMs === null ? '' : String(Math.round(cache.buildMs));
    c.dataset.cacheBuildBusyMs = String(cache.buildBusyMs);
    c.dataset.workerMs = String(Math.round(h.info.workerMs));
  }
}

export function Player({ clip, frames, getFrame, index, onIndex, events = [], stances = [], groundTiltDeg = null, active = true, label = 'Frame player', timeFactor = 1, onEventJump }: PlayerProps) {
  /** The frame whose picture is on the canvas (-1: none yet). */
  const [drawn, setDrawn] = useState(-1);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<(typeof SPEEDS)[number]>(0.25);
  const [zoom, setZoom] = useState<(typeof ZOOMS)[number]>(1);
  const [layers, setLayers] = useState<OverlayLayers>({ skeleton: true, angles: true, lines: true });
  const touch = useMediaQuery(TOUCH);
  const canvas = useRef<HTMLCanvasElement>(null);
  const held = useRef<Held | null>(null);
  const settings = useRef<PaintSettings>({ clip, frames, zoom, layers, groundTiltDeg });
  const last = frames.length - 1;
  const indexRef = useRef(index);
  indexRef.current = index;
  const onIndexRef = useRef(onIndex);
  onIndexRef.current = onIndex;
  /** The frame playback last made the player's, and a count of the moves made by anything else (seeks, steps). */
  const playedTo = useRef(-1);
  const moves = useRef(0);
  useEffect(() => {
    if (index !== playedTo.current) moves.current++;
  }, [index]);
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

  const paint = useCallback(() => {
    if (canvas.current && held.current) paintFrame(canvas.current, held.current, settings.current);
  }, []);

  /** Puts a received frame on the canvas (the one before is released). */
  const show = useCallback(
    (h: Held) => {
      if (held.current && held.current.bmp !== h.bmp) held.current.bmp?.close();
      held.current = h;
      paint();
      setDrawn(h.index);
    },
    [paint],
  );

  /** Asks the worker for a frame as the player's one request (null: superseded by a newer one). */
  const fetchFrame = useCallback(
    async (i: number): Promise<Held | null> => {
      let info: PlayerFrameInfo | null = null;
      try {
        const bmp = await getFrame(i, PLAYER_LONG_SIDE, { purpose: 'player', onInfo: (x) => (info = x) });
        return { index: i, bmp, info };
      } catch (e) {
        if (e instanceof FrameSuperseded) return null;
        return { index: i, bmp: null, info: null }; // the worker failed: the skeleton alone
      }
    },
    [getFrame],
  );

  // another clip (another worker): the picture held is not of it, and the read-out must not name it
  useEffect(
    () => () => {
      held.current?.bmp?.close();
      held.current = null;
      setDrawn(-1);
    },
    [getFrame],
  );

  // repaint the frame held when what it is drawn with changes (before the browser paints)
  useLayoutEffect(() => {
    settings.current = { clip, frames, zoom, layers, groundTiltDeg };
    paint();
  }, [clip, frames, zoom, layers, groundTiltDeg, paint]);

  // the frame asked for (a seek, a step, the timeline): fetch it; until it is drawn the read-out says it is loading
  useEffect(() => {
    if (held.current?.index === index) return;
    let live = true;
    void fetchFrame(index).then((h) => {
      if (!h) return;
      if (!live || indexRef.current !== h.index) return h.bmp?.close();
      show(h);
    });
    return () => {
      live = false;
    };
  }, [index, fetchFrame, show]);

  // playback at 0.1–1× of real time, following the frames' own timestamps. The clock says which frame is due; that
  // frame is fetched, drawn, and only then becomes the player's frame, so the number never runs ahead of the picture.
  // When fetching lags, the frames in between are skipped. A slow-motion clip with its capture rate given plays its
  // frames faster (real time is timeFactor × clip time).
  useEffect(() => {
    if (!playing) return;
    let stopped = false;
    const rate = speed / timeFactor;
    void (async () => {
      // from the frame shown (from the start when at the end); a move by anything else re-anchors the clock there
      let from = indexRef.current >= last ? 0 : indexRef.current;
      let seenMoves = moves.current;
      let t0 = performance.now();
      let justDrawn = false;
      while (!stopped) {
        // right after a frame is drawn the next one is asked for at once (the fetch is the slow part); else wait for
        // the next screen refresh
        if (!justDrawn) await new Promise((r) => requestAnimationFrame(r));
        justDrawn = false;
        if (stopped) return;
        if (moves.current !== seenMoves) {
          seenMoves = moves.current;
          from = indexRef.current;
          t0 = performance.now();
        }
        const due = frames[from].timestampUs + (performance.now() - t0) * 1000 * rate;
        const target = frameAtOrBefore(frames, due, from);
        if (held.current?.index === target) {
          if (target >= last) break;
          continue;
        }
        const h = await fetchFrame(target);
        if (stopped) return h?.bmp?.close();
        if (!h || moves.current !== seenMoves) {
          h?.bmp?.close();
          continue;
        }
        show(h);
        playedTo.current = target;
        onIndexRef.current(target);
        justDrawn = true;
        if (target >= last) break;
      }
      if (!stopped) setPlaying(false);
    })();
    return () => {
      stopped = true;
    };
  }, [playing, speed, timeFactor, frames, last, fetchFrame, show]);

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
  // the read-out names the frame on the canvas; while the frame asked for is still coming it says so
  const loading = drawn !== index;
  return (
    <section className="card player" aria-label={label} data-testid="player">
      <div className={`frame-wrap${loading ? ' loading' : ''}`}>
        <canvas ref={canvas} data-testid="player-canvas" aria-label={drawn >= 0 ? `Frame ${drawn} with the estimated skeleton and angles` : 'Frame loading'} />
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
      <p className="frame-info" data-testid="frame-info" data-loading={loading ? 'true' : 'false'} aria-live="polite">
        {loading ? (
          <>
            Loading frame <strong data-testid="frame-index">{index}</strong> of {last}…
          </>
        ) : (
          <>
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
          </>
        )}
      </p>
      <p className="legend" data-testid="player-hints" data-input={touch ? 'touch' : 'keyboard'}>
        <span className="swatch left" /> left <span className="swatch right" /> right · dashed = low confidence · angles are image-plane values on this frame ·{' '}
        {touch ? '← → one frame · ⇤ ⇥ previous / next contact or toe-off · ▶ play · drag the slider to move through the clip' : '← → frame · Shift+← → contact / toe-off · Space play'}
      </p>
    </section>
  );
}
