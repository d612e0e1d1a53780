/**
 * Standing calibration: if the clip starts with the runner standing still (pelvis and feet nearly motionless for at
 * least STANDING_MIN_S), the median trunk angle over those frames is the neutral reference for the lumbar estimate.
 */
import type { KeypointName } from '../types';
import type { CleanTrack } from './cleanup';
import { midpoint } from './cleanup';
import { STANDING_MIN_S, STANDING_SPEED_MAX_LEG_PER_S } from './thresholds';

export function findStandingFrames(ct: CleanTrack, beforeFrame: number): [number, number] | null {
  const n = Math.min(ct.n, Math.max(0, Math.floor(beforeFrame)));
  const L = ct.legLengthPx;
  const pel = midpoint(ct.slow.get('left_hip'), ct.slow.get('right_hip'), ct.n);
  const feet = ['left_ankle', 'right_ankle'].map((k) => ct.slow.get(k as KeypointName));
  const maxStep = (STANDING_SPEED_MAX_LEG_PER_S * L) / ct.fps;
  let start = -1;
  for (let f = 1; f < n; f++) {
    let quiet = Math.hypot(pel.x[f] - pel.x[f - 1], pel.y[f] - pel.y[f - 1]) < maxStep;
    for (const a of feet) if (a && !(Math.hypot(a.x[f] - a.x[f - 1], a.y[f] - a.y[f - 1]) < 2 * maxStep)) quiet = false;
    if (quiet && start < 0) start = f - 1;
    if (!quiet) {
      if (start >= 0 && f - start >= STANDING_MIN_S * ct.fps) return [start, f - 1];
      if (start >= 0) break;
      if (f > 0.2 * ct.fps && start < 0) return null; // must start at the beginning of the clip
    }
  }
  if (start >= 0 && n - start >= STANDING_MIN_S * ct.fps) return [start, n - 1];
  return null;
}
