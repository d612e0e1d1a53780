/**
 * Clean-up pipeline: other people's frames blanked (identity.ts) → confidence gating → left/right swap repair → jitter
 * rejection → gap filling → zero-phase Butterworth low-pass (cutoff in Hz, so it scales with the frame rate).
 * Produces three versions of every keypoint:
 *   raw    — repaired, de-jittered and gap-filled, NOT smoothed (event change-point fits run on this),
 *   smooth — low-passed for measures (limbs MEASURE_CUTOFF_HZ, trunk/head TRUNK_CUTOFF_HZ),
 *   slow   — low-passed at EVENT_CUTOFF_HZ (event windows, view, periodicity).
 */
import type { KeypointName, PoseTrack, TrackSpan } from '../../types';
import {
  BUTTERWORTH_ORDER,
  EVENT_CUTOFF_HZ,
  KEYPOINT_MIN_SCORE,
  MAX_CUTOFF_FRACTION_OF_FPS,
  MAX_GAP_S,
  MAX_SWAP_S,
  MEASURE_CUTOFF_HZ,
  TRUNK_CUTOFF_HZ,
} from '../thresholds';
import { median } from '../stats';
import { extractGated, type KeypointSeries } from './gating';
import { FOOT_GROUP, LEG_GROUP, linkAcrossBreaks, repairSwaps } from './swapRepair';
import { rejectOutliers } from './outliers';
import { fillGaps } from './gapFill';
import { lowpassNaN } from './butterworth';
import { separatePeople, withoutFrames } from '../identity';

export interface XY {
  x: Float64Array;
  y: Float64Array;
}

export interface CleanTrack {
  n: number;
  /** The stretch analysed (PoseTrack.span; the whole clip: 0 to n − 1, no edge trimmed). */
  span: TrackSpan;
  fps: number;
  width: number;
  height: number;
  names: readonly KeypointName[];
  /** 1 where the pose model found a person. */
  present: Uint8Array;
  timestampsUs: Float64Array;
  score: Map<KeypointName, Float64Array>;
  z: Map<KeypointName, Float64Array>;
  raw: Map<KeypointName, XY>;
  smooth: Map<KeypointName, XY>;
  slow: Map<KeypointName, XY>;
  legLengthPx: number;
  stats: { swapFrames: number; outliers: number; gapsFilled: number; personFrames: number; otherPersonFrames: number };
}

export interface CleanOptions {
  minKeypointScore?: number;
  measureCutoffHz?: number;
  repairSwaps?: boolean;
}

const TRUNK_NAMES = new Set<string>([
  'nose', 'left_eye_inner', 'left_eye', 'left_eye_outer', 'right_eye_inner', 'right_eye', 'right_eye_outer',
  'left_ear', 'right_ear', 'mouth_left', 'mouth_right', 'left_shoulder', 'right_shoulder', 'left_hip', 'right_hip',
]);

/** Median leg length (hip–knee + knee–ankle) over frames and both sides, pixels. */
export function estimateLegLength(series: Map<KeypointName, { x: Float64Array; y: Float64Array }>, n: number): number {
  const vals: number[] = [];
  for (const side of ['left', 'right'] as const) {
    const h = series.get(`${side}_hip` as KeypointName);
    const k = series.get(`${side}_knee` as KeypointName);
    const a = series.get(`${side}_ankle` as KeypointName);
    if (!h || !k || !a) continue;
    for (let f = 0; f < n; f++) {
      const l = Math.hypot(h.x[f] - k.x[f], h.y[f] - k.y[f]) + Math.hypot(k.x[f] - a.x[f], k.y[f] - a.y[f]);
      if (Number.isFinite(l)) vals.push(l);
    }
  }
  // the 75th percentile: foreshortening (oblique views, swing) only ever shortens a projected leg
  const v = vals.sort((p, q) => p - q);
  return v.length ? v[Math.floor(0.75 * (v.length - 1))] : NaN;
}

export function cleanTrack(input: PoseTrack, opts: CleanOptions = {}): CleanTrack {
  // the track may have jumped to another person: their frames count as "no person" from here on
  const people = separatePeople(input);
  const track = people.otherPersonFrames ? withoutFrames(input, people.keep) : input;
  const n = track.frameCount;
  const fps = track.fps;
  const gated = extractGated(track, opts.minKeypointScore ?? KEYPOINT_MIN_SCORE);
  const present = new Uint8Array(n);
  let personFrames = 0;
  for (let f = 0; f < n; f++) {
    if (!Number.isNaN(track.poseScore[f])) {
      present[f] = 1;
      personFrames++;
    }
  }
  let legLengthPx = estimateLegLength(gated, n);

  let swapFrames = 0;
  if (opts.repairSwaps !== false && Number.isFinite(legLengthPx)) {
    const maxRun = Math.max(2, Math.round(MAX_SWAP_S * fps));
    const s1 = repairSwaps(gated, LEG_GROUP, legLengthPx, n, maxRun);
    const s2 = repairSwaps(gated, FOOT_GROUP, legLengthPx, n, maxRun);
    // then the persistent exchanges (at gaps and crossings), once the short in-and-out swaps are repaired
    const link = linkAcrossBreaks(gated, LEG_GROUP, legLengthPx, n, fps);
    for (let f = 0; f < n; f++) if (link.state[f] || s1[f] || s2[f]) swapFrames++;
    // if most frames ended exchanged, the model's labels were simply the other way round: keep its naming
    // (Viterbi's prior already prefers labels as given; this is only a guard)
  }

  let outliers = 0;
  let gapsFilled = 0;
  const maxGap = Math.max(1, Math.round(MAX_GAP_S * fps));
  const raw = new Map<KeypointName, XY>();
  const score = new Map<KeypointName, Float64Array>();
  const z = new Map<KeypointName, Float64Array>();
  for (const [name, s] of gated as Map<KeypointName, KeypointSeries>) {
    const x = Float64Array.from(s.x);
    const y = Float64Array.from(s.y);
    if (Number.isFinite(legLengthPx)) outliers += rejectOutliers(x, y, fps, legLengthPx);
    gapsFilled += fillGaps(x, maxGap);
    fillGaps(y, maxGap);
    raw.set(name, { x, y });
    score.set(name, s.score);
    z.set(name, s.z);
  }
  legLengthPx = estimateLegLength(raw, n);

  const smooth = new Map<KeypointName, XY>();
  const slow = new Map<KeypointName, XY>();
  const measureCut = opts.measureCutoffHz ?? MEASURE_CUTOFF_HZ;
  for (const [name, r] of raw) {
    const cut = TRUNK_NAMES.has(name) ? Math.min(TRUNK_CUTOFF_HZ, measureCut) : measureCut;
    smooth.set(name, {
      x: lowpassNaN(r.x, cut, fps, BUTTERWORTH_ORDER, MAX_CUTOFF_FRACTION_OF_FPS),
      y: lowpassNaN(r.y, cut, fps, BUTTERWORTH_ORDER, MAX_CUTOFF_FRACTION_OF_FPS),
    });
    slow.set(name, {
      x: lowpassNaN(r.x, EVENT_CUTOFF_HZ, fps, BUTTERWORTH_ORDER, MAX_CUTOFF_FRACTION_OF_FPS),
      y: lowpassNaN(r.y, EVENT_CUTOFF_HZ, fps, BUTTERWORTH_ORDER, MAX_CUTOFF_FRACTION_OF_FPS),
    });
  }

  return {
    n,
    fps,
    width: track.width,
    height: track.height,
    names: track.keypointNames,
    present,
    timestampsUs: track.timestampsUs,
    span: track.span ?? { first: 0, last: Math.max(0, track.frameCount - 1), trimStart: false, trimEnd: false },
    score,
    z,
    raw,
    smooth,
    slow,
    legLengthPx,
    stats: { swapFrames, outliers, gapsFilled, personFrames, otherPersonFrames: people.otherPersonFrames },
  };
}

/** Mean of two keypoints' positions (e.g. mid-hip), NaN where either is missing (falls back to the one present). */
export function midpoint(a: XY | undefined, b: XY | undefined, n: number): XY {
  const x = new Float64Array(n).fill(NaN);
  const y = new Float64Array(n).fill(NaN);
  for (let f = 0; f < n; f++) {
    const ax = a ? a.x[f] : NaN;
    const bx = b ? b.x[f] : NaN;
    const ay = a ? a.y[f] : NaN;
    const by = b ? b.y[f] : NaN;
    if (Number.isFinite(ax) && Number.isFinite(bx)) {
      x[f] = (ax + bx) / 2;
      y[f] = (ay + by) / 2;
    } else if (Number.isFinite(ax)) {
      x[f] = ax;
      y[f] = ay;
    } else if (Number.isFinite(bx)) {
      x[f] = bx;
      y[f] = by;
    }
  }
  return { x, y };
}

export { median };
