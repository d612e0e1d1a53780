/**
 * How far the camera is from square to the runner (pure). A square side view sees the runner's sagittal plane
 * face-on; turned by an angle ψ, every fore-aft length shrinks by cos ψ and every left–right width appears, ∝ sin ψ
 * (orthographic projection; a phone a few metres away is close to it). Two 2-D cues, each a ratio of lengths of
 * the same body so that the runner's size and distance cancel:
 *  - widths: the distance between the shoulders and between the hips across the image, per trunk length. Square from
 *    behind these are the body's widths (shoulders ≈ SHOULDER_WIDTH_PER_TRUNK, hips ≈ HIP_WIDTH_PER_TRUNK); square
 *    from the side they are not zero but a floor (trunk rotation in running, keypoint noise), removed in quadrature;
 *  - foot length: heel → toe (foot_index) per shank length while the foot is on the ground; ≈ FOOT_PER_SHANK square
 *    from the side, shortened by cos ψ.
 * ψ = atan2(sin estimate, cos estimate). A rough reading (person-to-person proportions vary ~±10 %: about ±10° at
 * 40°); its use is to tell a square view from a clearly oblique one, not to correct angles.
 */
import type { KeypointName } from '../types';
import type { CleanTrack, XY } from './cleanup';
import { midpoint } from './cleanup';
import { clamp, median, quantile } from './stats';
import { FOOT_PER_SHANK, HIP_WIDTH_FLOOR, HIP_WIDTH_PER_TRUNK, SHOULDER_WIDTH_FLOOR, SHOULDER_WIDTH_PER_TRUNK } from './thresholds';

export interface YawEstimate {
  /** Angle between the camera's view and square to the runner's side, degrees (0 = square side view, 90 = from behind / in front). */
  fromSideDeg: number;
  shoulderWidth: number | null;
  hipWidth: number | null;
  footPerShank: number | null;
}

const get = (ct: CleanTrack, k: string): XY | undefined => ct.slow.get(k as KeypointName);

/** Median |a.x − b.x| / trunk length over the frames (NaN-safe); null without the keypoints. */
function widthPerTrunk(ct: CleanTrack, a: string, b: string, trunk: Float64Array): number | null {
  const p = get(ct, a);
  const q = get(ct, b);
  if (!p || !q) return null;
  const w: number[] = [];
  for (let f = 0; f < ct.n; f++) {
    const v = Math.abs(p.x[f] - q.x[f]) / trunk[f];
    if (Number.isFinite(v)) w.push(v);
  }
  return w.length ? median(w) : null;
}

/** Median heel→toe / knee→ankle while the heel is low (its lowest 40 % of positions: on the ground), both feet. */
function footPerShank(ct: CleanTrack): number | null {
  const r: number[] = [];
  for (const side of ['left', 'right']) {
    const heel = get(ct, `${side}_heel`);
    const toe = get(ct, `${side}_foot_index`);
    const knee = get(ct, `${side}_knee`);
    const ankle = get(ct, `${side}_ankle`);
    if (!heel || !toe || !knee || !ankle) continue;
    const low = quantile(heel.y, 0.6); // image y points down: the lowest positions have the largest y
    for (let f = 0; f < ct.n; f++) {
      if (!(heel.y[f] >= low)) continue;
      const v = Math.hypot(toe.x[f] - heel.x[f], toe.y[f] - heel.y[f]) / Math.hypot(knee.x[f] - ankle.x[f], knee.y[f] - ankle.y[f]);
      if (Number.isFinite(v)) r.push(v);
    }
  }
  return r.length >= 5 ? median(r) : null;
}

export function estimateYaw(ct: CleanTrack): YawEstimate | null {
  const n = ct.n;
  const hips = midpoint(get(ct, 'left_hip'), get(ct, 'right_hip'), n);
  const shoulders = midpoint(get(ct, 'left_shoulder'), get(ct, 'right_shoulder'), n);
  const trunk = new Float64Array(n);
  for (let f = 0; f < n; f++) trunk[f] = Math.hypot(shoulders.x[f] - hips.x[f], shoulders.y[f] - hips.y[f]);
  const sw = widthPerTrunk(ct, 'left_shoulder', 'right_shoulder', trunk);
  const hw = widthPerTrunk(ct, 'left_hip', 'right_hip', trunk);
  const fs = footPerShank(ct);
  const sines: number[] = [];
  const lateral = (w: number | null, floor: number, full: number) => {
    if (w !== null) sines.push(clamp(Math.sqrt(Math.max(0, w * w - floor * floor)) / Math.sqrt(full * full - floor * floor), 0, 1));
  };
  lateral(sw, SHOULDER_WIDTH_FLOOR, SHOULDER_WIDTH_PER_TRUNK);
  lateral(hw, HIP_WIDTH_FLOOR, HIP_WIDTH_PER_TRUNK);
  if (!sines.length) return null;
  const s = sines.reduce((a, b) => a + b, 0) / sines.length;
  const c = fs !== null ? clamp(fs / FOOT_PER_SHANK, 0, 1) : Math.sqrt(Math.max(0, 1 - s * s));
  return { fromSideDeg: (Math.atan2(s, c) * 180) / Math.PI, shoulderWidth: sw, hipWidth: hw, footPerShank: fs };
}
