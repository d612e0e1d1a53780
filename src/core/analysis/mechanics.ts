/**
 * Running or walking, from the mechanics rather than the cadence (pure).
 *
 * Running is a bouncing gait: the body is highest in the flight phase and lowest at mid-stance, when the stance leg
 * is most compressed. Walking is a vaulting gait (inverted pendulum): the body is highest at mid-stance, when it
 * passes over the straight stance leg, and lowest in double support. Mid-stance is, in both gaits, when the swing
 * foot passes the stance foot: seen from the side, the moment the two feet are level fore-aft (minimum of
 * |x_left − x_right|); the feet are widest apart around the change of support. So the sign of
 *
 *    drop_k = y_pelvis(crossing k) − ½ (y_pelvis(widest before k) + y_pelvis(widest after k))   (image y points down)
 *
 * tells the gait: > 0 (pelvis lower at mid-stance) running, < 0 walking. It needs no contact or toe-off detection and
 * no timing at all, so it holds at any cadence and in slow motion, and a left/right label swap of the pose model does
 * not change |x_left − x_right|.
 */
import type { KeypointName } from '../types';
import type { CleanTrack, XY } from './cleanup';
import { midpoint } from './cleanup';
import { mean, median, robustSd } from './stats';

export interface GaitMechanics {
  /** Median of drop_k over the steps, leg lengths (> 0: pelvis lower at mid-stance = running). */
  midStanceDrop: number;
  /** Its standard error (robust SD / √n), leg lengths. */
  se: number;
  /** Steps (feet crossings with a widest separation on both sides) behind it. */
  steps: number;
}

/** Local minima / maxima of a series at least `sep` samples apart (plateaus: first sample). */
function extrema(x: Float64Array, kind: 'min' | 'max', sep: number): number[] {
  const s = kind === 'min' ? -1 : 1;
  const out: number[] = [];
  for (let i = 1; i < x.length - 1; i++) {
    const a = x[i - 1];
    const b = x[i];
    const c = x[i + 1];
    if (!Number.isFinite(a) || !Number.isFinite(b) || !Number.isFinite(c)) continue;
    if (s * b >= s * a && s * b > s * c) {
      const last = out[out.length - 1];
      if (last !== undefined && i - last < sep) {
        if (s * b > s * x[last]) out[out.length - 1] = i;
      } else out.push(i);
    }
  }
  return out;
}

/**
 * Side view: pelvis height at the feet's crossings against their widest separation. `stepFrames`: about half the
 * stride period (extrema closer than 0.4 of it are one). Null without hips or ankles, or with fewer than 2 steps.
 */
export function sideMechanics(ct: CleanTrack, stepFrames: number): GaitMechanics | null {
  const n = ct.n;
  const L = ct.legLengthPx;
  const get = (k: string): XY | undefined => ct.slow.get(k as KeypointName);
  const la = get('left_ankle');
  const ra = get('right_ankle');
  const hips = midpoint(ct.smooth.get('left_hip' as KeypointName), ct.smooth.get('right_hip' as KeypointName), n);
  if (!la || !ra || !(L > 0) || !(stepFrames > 2)) return null;
  const gap = new Float64Array(n);
  for (let f = 0; f < n; f++) gap[f] = Math.abs(la.x[f] - ra.x[f]);
  const sep = 0.4 * stepFrames;
  const cross = extrema(gap, 'min', sep);
  const wide = extrema(gap, 'max', sep);
  const drops: number[] = [];
  for (const c of cross) {
    const before = wide.filter((w) => w < c && c - w < 1.2 * stepFrames).pop();
    const after = wide.find((w) => w > c && w - c < 1.2 * stepFrames);
    if (before === undefined || after === undefined) continue;
    const d = hips.y[c] - 0.5 * (hips.y[before] + hips.y[after]);
    if (Number.isFinite(d)) drops.push(d / L);
  }
  return summariseDrops(drops);
}

/** Median drop and its standard error (robust SD / √n); null with fewer than 2 steps. */
function summariseDrops(drops: number[]): GaitMechanics | null {
  if (drops.length < 2) return null;
  const sd = drops.length >= 3 ? robustSd(drops) : Math.abs(drops[0] - drops[1]) / Math.SQRT2;
  return { midStanceDrop: median(drops), se: (Number.isFinite(sd) ? sd : mean(drops.map(Math.abs))) / Math.sqrt(drops.length), steps: drops.length };
}

/**
 * Back / front view: the same comparison, with the mid-stances given (backMeasures.ts: the stance foot is the lower
 * one in the image) and the change of support halfway between consecutive mid-stances.
 */
export function backMechanics(ct: CleanTrack, midStances: number[]): GaitMechanics | null {
  const n = ct.n;
  const L = ct.legLengthPx;
  const hips = midpoint(ct.smooth.get('left_hip' as KeypointName), ct.smooth.get('right_hip' as KeypointName), n);
  if (!(L > 0)) return null;
  const at = (t: number) => {
    const i = Math.floor(t);
    const j = Math.min(n - 1, i + 1);
    return hips.y[i] + (hips.y[j] - hips.y[i]) * (t - i);
  };
  const m = [...midStances].sort((a, b) => a - b);
  const drops: number[] = [];
  for (let k = 1; k + 1 < m.length; k++) {
    const d = hips.y[Math.round(m[k])] - 0.5 * (at((m[k - 1] + m[k]) / 2) + at((m[k] + m[k + 1]) / 2));
    if (Number.isFinite(d)) drops.push(d / L);
  }
  return summariseDrops(drops);
}
