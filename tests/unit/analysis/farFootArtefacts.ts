/**
 * The far (occluded) foot's keypoint artefacts measured on the real treadmill clip (docs/METHODS.md §3.8), added to a
 * synthetic track whose true events are known:
 *  - at a contact the far foot's keypoints hover above the foot: on the real clip the far heel keypoint is still ~0.06
 *    leg lengths above its stance level when the heel has stopped relative to the belt, and reaches it 2–4 frames
 *    (60–130 ms) later. Modelled as an upward offset on the far heel, ankle and toe rising from 0 at `hoverLeadMs`
 *    before the contact to `hoverLeg` leg lengths at it and back to 0 `hoverMs` after it (vertical only: the fore-aft
 *    stop is not shifted — as on the real clip);
 *  - before a toe-off the far toe keypoint rises early (BlazePose's foot_index on the toe box is dragged up as the heel
 *    lifts, before the toe tip leaves): an upward offset on the far toe rising from 0 at `riseMs` before the toe-off to
 *    `riseLeg` at it, fading out over the next 50 ms.
 */
import type { PoseTrack } from '../../../src/core/types';
import type { SideTruth } from '../../../fixtures/synthetic';

export interface FarFootArtefacts {
  hoverLeg?: number;
  hoverMs?: number;
  hoverLeadMs?: number;
  riseLeg?: number;
  riseMs?: number;
}

export function addFarFootArtefacts(track: PoseTrack, truth: SideTruth, a: FarFootArtefacts = {}): void {
  const far = truth.nearSide === 'left' ? 'right' : 'left';
  const K = track.keypointNames.length;
  const idx = (name: string) => track.keypointNames.indexOf(name as never);
  const heel = idx(`${far}_heel`);
  const ankle = idx(`${far}_ankle`);
  const toe = idx(`${far}_foot_index`);
  const L = truth.legLengthPx;
  const fps = track.fps;
  const lift = (f: number, k: number, dy: number) => {
    const o = (f * K + k) * 4 + 1; // y (image, down)
    if (Number.isFinite(track.data[o])) track.data[o] -= dy;
  };
  const hover = (a.hoverLeg ?? 0.06) * L;
  const after = ((a.hoverMs ?? 100) / 1000) * fps;
  const lead = ((a.hoverLeadMs ?? 40) / 1000) * fps;
  const rise = (a.riseLeg ?? 0.06) * L;
  const riseF = ((a.riseMs ?? 60) / 1000) * fps;
  const fade = 0.05 * fps;
  for (const e of truth.events) {
    if (e.foot !== far) continue;
    const t = e.subFrame;
    if (e.type === 'IC' && hover > 0) {
      for (let f = Math.ceil(t - lead); f <= Math.floor(t + after); f++) {
        if (f < 0 || f >= track.frameCount) continue;
        const w = f < t ? (f - (t - lead)) / lead : 1 - (f - t) / after;
        for (const k of [heel, ankle, toe]) if (k >= 0) lift(f, k, hover * Math.max(0, w));
      }
    }
    if (e.type === 'TO' && rise > 0 && toe >= 0) {
      for (let f = Math.ceil(t - riseF); f <= Math.floor(t + fade); f++) {
        if (f < 0 || f >= track.frameCount) continue;
        const w = f < t ? (f - (t - riseF)) / riseF : 1 - (f - t) / fade;
        lift(f, toe, rise * Math.max(0, w));
      }
    }
  }
}
