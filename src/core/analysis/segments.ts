/**
 * Where a clip is not one stretch of one time scale (pure): hard cuts between shots, stretches whose frames are each
 * shown several times (slow motion made by repeating frames, as an editor's or a phone's ramp does), and changes of the
 * frame interval in the timestamps. Each stretch becomes a segment that the analysis reads on its own time scale
 * (docs/METHODS.md §0). Without the per-frame picture change (`track.change`, measured by the pose worker) only the
 * timestamps are read.
 */
import type { PoseTrack } from '../types';
import { median } from './stats';
import {
  CUT_ISOLATION_S,
  CUT_MIN_MEAN_CHANGE,
  CUT_MIN_RATIO,
  FRAME_INTERVAL_CHANGE,
  MIN_SEGMENT_S,
  REPEAT_MAX_PEAK,
  REPEAT_MOTION_MIN_PEAK,
} from './thresholds';

export type SegmentStart = 'clip-start' | 'cut' | 'repeated-frames' | 'frame-interval';

/** One stretch of the clip as found in its frames; the analysis adds speed, running and cadence (ClipSegment). */
export interface PlannedSegment {
  startFrame: number;
  /** Last frame, inclusive. */
  endFrame: number;
  /** What begins the segment. */
  startsWith: SegmentStart;
  /** Each picture is shown this many times in a row (1: every frame is new). */
  repeatEvery: number;
  /** Median frame interval of the segment, µs (its playback rate). */
  frameIntervalUs: number;
}

/** A clip's segments, in order, covering every frame, and per frame whether its picture repeats the previous one
 *  (null: the track has no picture change). */
export interface SegmentPlan {
  segments: PlannedSegment[];
  repeated: Uint8Array | null;
}

/** Per frame: true where the picture is the previous one again while the scene around it moves. */
export function repeatedFrames(peak: ArrayLike<number>): Uint8Array {
  const n = peak.length;
  const out = new Uint8Array(n);
  // the next frame that changes, from each frame on
  let nextNew = Infinity;
  for (let i = n - 1; i >= 1; i--) {
    const p = peak[i];
    if (Number.isFinite(p) && p <= REPEAT_MAX_PEAK) {
      // a still scene changes nothing either: a repeat only where the next new picture shows motion
      out[i] = nextNew !== Infinity && peak[nextNew] >= REPEAT_MOTION_MIN_PEAK ? 1 : 0;
    } else nextNew = i;
  }
  return out;
}

/** How many times each frame's picture is shown, smoothed over its neighbours: 1 in real time, 4 in ×4 made by repeats. */
export function localRepeatFactor(repeated: Uint8Array): number[] {
  const n = repeated.length;
  // run length of each new picture (itself + the repeats after it)
  const runStart: number[] = [];
  const runLength: number[] = [];
  for (let i = 0; i < n; i++) {
    if (i === 0 || !repeated[i]) {
      runStart.push(i);
      runLength.push(1);
    } else runLength[runLength.length - 1]++;
  }
  const out = new Array<number>(n).fill(1);
  const half = 3; // median over 7 runs: a single doubled frame in real time does not make a segment
  runStart.forEach((s, r) => {
    const win = runLength.slice(Math.max(0, r - half), r + half + 1);
    const k = Math.max(1, Math.round(median(win)));
    for (let i = s; i < s + runLength[r]; i++) out[i] = k;
  });
  return out;
}

/** Frames that begin a new shot: most of the picture changes at once, far more than around it, and nowhere near. */
export function hardCuts(mean: ArrayLike<number>, fps: number): number[] {
  const n = mean.length;
  const near = Math.max(2, Math.round(0.2 * fps));
  const candidates: number[] = [];
  for (let i = 1; i < n; i++) {
    const m = mean[i];
    if (!(m >= CUT_MIN_MEAN_CHANGE)) continue;
    const around: number[] = [];
    for (let j = i - near; j <= i + near; j++) if (j !== i && j >= 1 && j < n && Number.isFinite(mean[j])) around.push(mean[j]);
    if (m >= CUT_MIN_RATIO * Math.max(1, median(around))) candidates.push(i);
  }
  // a flash, a fast pan or flicker changes the picture several times within moments; a cut once
  const apart = Math.round(CUT_ISOLATION_S * fps);
  return candidates.filter((c) => candidates.every((o) => o === c || Math.abs(o - c) > apart));
}

/** The clip's segments and its repeated pictures. */
export function planSegments(track: PoseTrack): SegmentPlan {
  const n = track.frameCount;
  const fps = track.fps > 0 ? track.fps : 30;
  const ts = track.timestampsUs;
  const intervals: number[] = [];
  for (let i = 1; i < n; i++) intervals.push(ts[i] - ts[i - 1]);
  const wholeInterval = median(intervals.filter((d) => d > 0));
  const minLength = Math.max(2, Math.round(MIN_SEGMENT_S * fps));

  // per frame: the reason a segment would start there, and the repeat factor the frame belongs to
  const starts = new Map<number, SegmentStart>();
  const repeated = track.change ? repeatedFrames(track.change.peak) : null;
  const factor = repeated ? localRepeatFactor(repeated) : new Array<number>(n).fill(1);
  if (track.change) for (const c of hardCuts(track.change.mean, fps)) starts.set(c, 'cut');
  for (let i = 1; i < n; i++) if (factor[i] !== factor[i - 1] && !starts.has(i)) starts.set(i, 'repeated-frames');
  // the frame interval: local medians that stay apart by more than FRAME_INTERVAL_CHANGE
  const w = Math.max(3, Math.round(0.25 * fps));
  let level = NaN;
  for (let i = 1; i + w <= intervals.length; i++) {
    const local = median(intervals.slice(i, i + w).filter((d) => d > 0));
    if (!Number.isFinite(level)) level = local;
    else if (Math.abs(local - level) > FRAME_INTERVAL_CHANGE * level) {
      if (!starts.has(i + 1)) starts.set(i + 1, 'frame-interval');
      level = local;
    }
  }

  // boundaries at least MIN_SEGMENT_S apart: a shorter stretch joins the segment before it (a cut is kept first)
  const order = [...starts.keys()].sort((a, b) => a - b);
  const kept: number[] = [];
  for (const b of order) {
    const prev = kept.length ? kept[kept.length - 1] : 0;
    if (b - prev < minLength && starts.get(b) !== 'cut') continue;
    if (n - b < minLength && starts.get(b) !== 'cut') continue;
    kept.push(b);
  }
  const bounds = [0, ...kept, n];
  const out: PlannedSegment[] = [];
  for (let s = 0; s + 1 < bounds.length; s++) {
    const a = bounds[s];
    const b = bounds[s + 1] - 1;
    const segIntervals = intervals.slice(a, b).filter((d) => d > 0);
    out.push({
      startFrame: a,
      endFrame: b,
      startsWith: s === 0 ? 'clip-start' : starts.get(a)!,
      repeatEvery: Math.max(1, Math.round(median(factor.slice(a, b + 1)))),
      frameIntervalUs: segIntervals.length ? median(segIntervals) : wholeInterval,
    });
  }
  return { segments: out, repeated };
}
