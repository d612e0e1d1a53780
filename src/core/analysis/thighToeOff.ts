/**
 * Toe-off timing below RIGID_IC_MIN_FPS, helped by the thigh (docs/METHODS.md §3.4, "Toe-offs below 50 fps").
 *
 * At 30 fps a toe-off — the toe leaving its stance level, a ~30 ms event — falls between two samples, and the pose
 * model's toe keypoint rises with the heel before the shoe leaves (BlazePose's foot_index follows the foot's attitude):
 * on the labelled 30 fps clips the toe's own estimate read 0.4–1.8 frames early. The thigh reaches its greatest
 * extension at about the same moment (the stance leg is pushed furthest back as the foot leaves; in running, peak hip
 * extension falls at or just after toe-off — Novacheck 1998), and that maximum is a slow, smooth one of a large,
 * well-seen segment: the vertex of a parabola through three samples places it between frames. The two are independent
 * estimates of one instant and are averaged. At higher frame rates the foot's own lift-off is resolved (position-domain
 * fits, the toe's fore-aft start) and stands alone: on synthetic tracks the thigh's peak follows the toe-off by 2–11 ms
 * depending on the gait, which is within a frame at 30 fps but not at 120.
 */
import type { DetectedEvent } from './events';
import type { Foot } from './types';
import { parabolicOffset } from './stats';
import { RIGID_IC_MIN_FPS, THIGH_TO_SEARCH_S, THIGH_TO_WEIGHT } from './thresholds';

/** Sub-frame time of the local maximum of `v` nearest `t` within ±r frames: the vertex of the parabola through a sample
 *  higher than (or equal to) both neighbours and those neighbours. NaN when there is none (or a neighbour is missing). */
export function nearestPeakTime(v: ArrayLike<number>, t: number, r: number): number {
  let best = NaN;
  for (let f = Math.max(1, Math.ceil(t - r)); f <= Math.min(v.length - 2, Math.floor(t + r)); f++) {
    const a = v[f - 1];
    const b = v[f];
    const c = v[f + 1];
    if (!(Number.isFinite(a) && Number.isFinite(b) && Number.isFinite(c)) || b < a || b < c) continue;
    const peak = f + parabolicOffset(v, f);
    if (!Number.isFinite(best) || Math.abs(peak - t) < Math.abs(best - t)) best = peak;
  }
  return best;
}

/** The events with each kinematic toe-off below RIGID_IC_MIN_FPS moved to THIGH_TO_WEIGHT of the way to the thigh's
 *  extension peak nearest it (within ±THIGH_TO_SEARCH_S); other events, and toe-offs with no peak near, unchanged. */
export function withThighToeOffs(events: DetectedEvent[], thighExt: Record<Foot, ArrayLike<number>>, fps: number): DetectedEvent[] {
  if (fps >= RIGID_IC_MIN_FPS) return events;
  const r = Math.max(1, THIGH_TO_SEARCH_S * fps);
  return events.map((e) => {
    if (e.type !== 'TO' || e.method !== 'kinematic') return e;
    const peak = nearestPeakTime(thighExt[e.foot], e.te, r);
    return Number.isFinite(peak) ? { ...e, te: (1 - THIGH_TO_WEIGHT) * e.te + THIGH_TO_WEIGHT * peak } : e;
  });
}
