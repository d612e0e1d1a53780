/**
 * View detection: side (with running direction) vs back / front, treadmill vs overground, and the near side.
 * Cues (each reported in `cues`):
 *  - fore-aft foot excursion relative to the pelvis, in leg lengths (large in a side view, small from behind);
 *  - projected shoulder width / trunk length (large from behind or in front, small from the side);
 *  - direction: toe ahead of heel, nose ahead of the ears, and (overground) the pelvis' travel;
 *  - back vs front: the runner's left shoulder on the image left = seen from behind;
 *  - setting: a camera following the runner (the background outside the runner moves); else, the camera still, pelvis
 *    travel across the frame (side) or body-size trend (back/front): overground, or treadmill;
 *  - near side: BlazePose z (smaller = closer), keypoint scores, and the direction of travel
 *    (moving to the image right shows the runner's right side).
 */
import type { KeypointName, ViewChoice } from '../types';
import type { CleanTrack, XY } from './cleanup';
import { midpoint } from './cleanup';
import type { Direction, DetectedView, Foot, Setting, ViewInfo } from './types';
import { clamp, mean, median, quantile } from './stats';
import { BACK_SHOULDER_WIDTH_MIN, CAMERA_MOVING_MIN, OBLIQUE_FULL_CONFIDENCE_DEG, OBLIQUE_MIN_DEG, OVERGROUND_SPEED_MIN_LEG_PER_S, OVERGROUND_TRAVEL_MIN_LEG, SIDE_EXCURSION_MIN } from './thresholds';
import { estimateYaw } from './obliqueness';

/** The setting in a report's words. */
export const SETTING_WORDS: Record<Setting, string> = { treadmill: 'treadmill', overground: 'overground', following: 'camera following the runner' };

/** View confidence from how far the camera is from square: 1 up to OBLIQUE_FULL_CONFIDENCE_DEG, 0.2 at 45°. */
export function squareness(obliqueDeg: number): number {
  return clamp(1 - (0.8 * (obliqueDeg - OBLIQUE_FULL_CONFIDENCE_DEG)) / (45 - OBLIQUE_FULL_CONFIDENCE_DEG), 0.2, 1);
}

export interface ViewResult extends ViewInfo {
  /** +1 = moving toward the image right, −1 = left (side view); 0 otherwise. */
  dirSign: number;
  excursion: number;
  shoulderRatio: number;
}

/** Robust slope (Theil–Sen on a subsample) of y against frame index. */
function robustSlope(y: ArrayLike<number>): number {
  const idx: number[] = [];
  for (let i = 0; i < y.length; i++) if (Number.isFinite(y[i])) idx.push(i);
  if (idx.length < 4) return 0;
  const step = Math.max(1, Math.floor(idx.length / 60));
  const sub = idx.filter((_, i) => i % step === 0);
  const slopes: number[] = [];
  for (let i = 0; i < sub.length; i++) for (let j = i + 1; j < sub.length; j++) slopes.push((y[sub[j]] - y[sub[i]]) / (sub[j] - sub[i]));
  return median(slopes);
}

function get(ct: CleanTrack, name: string): XY | undefined {
  return ct.slow.get(name as KeypointName);
}

/**
 * Whether the camera follows the runner, from the picture outside the runner's box (FrameChange.background, per
 * frame): the median over the frames that have it; null when fewer than a third of the pose frames do (a track
 * without picture change, or a runner filling the picture).
 */
export function cameraMotion(background: ArrayLike<number> | undefined, present: Uint8Array): { moving: boolean; level: number; still: Uint8Array } | null {
  if (!background) return null;
  const values: number[] = [];
  let posed = 0;
  for (let f = 0; f < present.length; f++) {
    if (!present[f]) continue;
    posed++;
    if (Number.isFinite(background[f])) values.push(background[f]);
  }
  if (!posed || values.length < posed / 3) return null;
  const level = median(values);
  // frames on which the camera is still (or not known to move): where positions in the picture are positions on the ground
  const still = new Uint8Array(present.length);
  for (let f = 0; f < present.length; f++) still[f] = Number.isFinite(background[f]) && background[f] >= CAMERA_MOVING_MIN ? 0 : 1;
  return { moving: level >= CAMERA_MOVING_MIN, level, still };
}

export function detectView(ct: CleanTrack, choice: ViewChoice = 'auto', background?: ArrayLike<number>): ViewResult {
  const n = ct.n;
  const camera = cameraMotion(background, ct.present);
  const L = ct.legLengthPx;
  const cues: string[] = [];
  const pelvis = midpoint(get(ct, 'left_hip'), get(ct, 'right_hip'), n);
  const shoulders = midpoint(get(ct, 'left_shoulder'), get(ct, 'right_shoulder'), n);

  // excursion of the feet relative to the pelvis (horizontal)
  const footName = ct.slow.has('left_heel') ? 'heel' : 'ankle';
  const exc: number[] = [];
  for (const side of ['left', 'right']) {
    const f = get(ct, `${side}_${footName}`);
    if (!f) continue;
    const d = new Float64Array(n);
    for (let i = 0; i < n; i++) d[i] = f.x[i] - pelvis.x[i];
    exc.push((quantile(d, 0.95) - quantile(d, 0.05)) / L);
  }
  const excursion = exc.length ? mean(exc) : 0;
  // shoulder width / trunk length
  const ls = get(ct, 'left_shoulder');
  const rs = get(ct, 'right_shoulder');
  const ratios: number[] = [];
  const signs: number[] = [];
  if (ls && rs) {
    for (let i = 0; i < n; i++) {
      const trunk = Math.hypot(shoulders.x[i] - pelvis.x[i], shoulders.y[i] - pelvis.y[i]);
      const w = rs.x[i] - ls.x[i];
      if (Number.isFinite(w) && trunk > 0) {
        ratios.push(Math.abs(w) / trunk);
        signs.push(Math.sign(w));
      }
    }
  }
  const shoulderRatio = ratios.length ? median(ratios) : 0;
  cues.push(`fore-aft foot excursion ${excursion.toFixed(2)} leg lengths (side view ≥ ${SIDE_EXCURSION_MIN})`);
  cues.push(`shoulder width ${shoulderRatio.toFixed(2)} trunk lengths (back/front view ≥ ${BACK_SHOULDER_WIDTH_MIN})`);

  let view: DetectedView;
  let confidence: number;
  if (Number.isFinite(L) && excursion >= SIDE_EXCURSION_MIN) {
    view = 'side';
    confidence = clamp(0.5 + (excursion - SIDE_EXCURSION_MIN) / 0.4, 0, 1);
  } else if (shoulderRatio >= BACK_SHOULDER_WIDTH_MIN) {
    view = 'back';
    confidence = clamp(0.5 + (shoulderRatio - BACK_SHOULDER_WIDTH_MIN) / 0.3, 0, 1);
  } else if (Number.isFinite(L)) {
    view = excursion > 0.25 ? 'side' : 'unknown';
    confidence = 0.3;
  } else {
    view = 'unknown';
    confidence = 0;
  }
  const overridden = choice !== 'auto';
  if (choice === 'side') view = 'side';
  if (choice === 'back' && (view as DetectedView) !== 'front') view = 'back';
  // how far from square (side: from the side; back / front: from straight behind or ahead)
  const yaw = estimateYaw(ct);
  let obliqueDeg: number | null = null;
  if (yaw && (view as DetectedView) !== 'unknown') {
    obliqueDeg = Math.round(view === 'side' ? yaw.fromSideDeg : 90 - yaw.fromSideDeg);
    confidence *= squareness(obliqueDeg);
    const fs = yaw.footPerShank !== null ? `, foot ${yaw.footPerShank.toFixed(2)} shank lengths on the ground` : '';
    cues.push(`about ${obliqueDeg}° from square to the runner's ${view === 'side' ? 'side' : 'back / front'} (widths across the image: shoulders ${yaw.shoulderWidth?.toFixed(2) ?? '—'}, hips ${yaw.hipWidth?.toFixed(2) ?? '—'} trunk lengths${fs}; oblique ≥ ${OBLIQUE_MIN_DEG}°)`);
  }

  // back vs front
  if (view === 'back' || (view as DetectedView) === 'front') {
    const s = median(signs); // +1: right shoulder to the image right = seen from behind
    if (!overridden || choice === 'back') {
      const front = s < 0;
      if (!overridden) view = front ? 'front' : 'back';
      cues.push(front ? "runner's left shoulder on the image right: seen from the front" : "runner's left shoulder on the image left: seen from behind");
    }
  }

  // direction (side)
  let dirSign = 0;
  let direction: Direction | null = null;
  let setting: Setting | null = null;
  const pelvisSlope = robustSlope(pelvis.x) * ct.fps; // px/s
  if (view === 'side') {
    let vote = 0;
    const heelL = get(ct, 'left_heel');
    if (heelL) {
      const d: number[] = [];
      for (const side of ['left', 'right']) {
        const h = get(ct, `${side}_heel`);
        const t = get(ct, `${side}_foot_index`);
        if (!h || !t) continue;
        for (let i = 0; i < n; i++) if (Number.isFinite(h.x[i]) && Number.isFinite(t.x[i])) d.push(t.x[i] - h.x[i]);
      }
      const m = median(d);
      if (Number.isFinite(m)) {
        vote += 2 * Math.sign(m);
        cues.push(`toes point to the image ${m > 0 ? 'right' : 'left'}`);
      }
    }
    const nose = get(ct, 'nose');
    const ears = midpoint(get(ct, 'left_ear'), get(ct, 'right_ear'), n);
    if (nose) {
      const d: number[] = [];
      for (let i = 0; i < n; i++) if (Number.isFinite(nose.x[i]) && Number.isFinite(ears.x[i])) d.push(nose.x[i] - ears.x[i]);
      const m = median(d);
      if (Number.isFinite(m) && Math.abs(m) > 0.02 * L) {
        vote += Math.sign(m);
        cues.push(`nose ahead of the ears toward the image ${m > 0 ? 'right' : 'left'}`);
      }
    }
    const speedLeg = Math.abs(pelvisSlope) / L;
    // how far the runner gets across the picture while the camera stands still: a treadmill runner stays within a
    // fraction of a leg length, a runner passing (or leaving the blocks after a long wait) crosses several
    const xs: number[] = [];
    for (let f = 0; f < n; f++) if (Number.isFinite(pelvis.x[f]) && (!camera || camera.still[f])) xs.push(pelvis.x[f]);
    const travelLeg = xs.length ? (quantile(xs, 0.95) - quantile(xs, 0.05)) / L : 0;
    if (camera?.moving) {
      setting = 'following';
      cues.push(`the background moves ${camera.level.toFixed(1)} of 255 per frame outside the runner: a camera following the runner`);
    } else {
      setting = speedLeg >= OVERGROUND_SPEED_MIN_LEG_PER_S || travelLeg >= OVERGROUND_TRAVEL_MIN_LEG ? 'overground' : 'treadmill';
      const still = camera ? `the camera still (background ${camera.level.toFixed(1)} of 255 per frame); ` : '';
      cues.push(`${still}pelvis travels ${speedLeg.toFixed(2)} leg lengths/s, ${travelLeg.toFixed(1)} leg lengths in all, across the frame: ${setting}`);
    }
    if (speedLeg >= OVERGROUND_SPEED_MIN_LEG_PER_S && setting !== 'following') vote += 1.5 * Math.sign(pelvisSlope);
    dirSign = vote >= 0 ? 1 : -1;
    direction = dirSign > 0 ? 'left-to-right' : 'right-to-left';
  } else if (view === 'back' || view === 'front') {
    // size trend: trunk length over time
    const trunk = new Float64Array(n);
    for (let i = 0; i < n; i++) trunk[i] = Math.hypot(shoulders.x[i] - pelvis.x[i], shoulders.y[i] - pelvis.y[i]);
    const m = median(trunk);
    const rel = (robustSlope(trunk) * ct.fps) / m; // fraction per second
    setting = camera?.moving ? 'following' : Math.abs(rel) > 0.05 ? 'overground' : 'treadmill';
    cues.push(camera?.moving ? `the background moves ${camera.level.toFixed(1)} of 255 per frame outside the runner: a camera following the runner` : `body size changes ${(rel * 100).toFixed(1)} %/s: ${setting}`);
    direction = view === 'back' ? 'away' : 'toward';
  }

  // near side (side view)
  let nearSide: Foot | null = null;
  let nearSideConfidence = 0;
  if (view === 'side') {
    let vote = 0;
    let weight = 0;
    const legParts = ['hip', 'knee', 'ankle', 'heel', 'foot_index'];
    const zMean = (side: string) => mean(legParts.flatMap((p) => { const z = ct.z.get(`${side}_${p}` as KeypointName); return z ? [median(z)] : []; }));
    const zl = zMean('left');
    const zr = zMean('right');
    if (Number.isFinite(zl) && Number.isFinite(zr) && Math.abs(zl - zr) > 1e-6) {
      vote += zl < zr ? 1 : -1; // +1 = left near
      weight += 1;
      cues.push(`BlazePose depth: the ${zl < zr ? 'left' : 'right'} leg is closer`);
    }
    const sMean = (side: string) => mean(legParts.flatMap((p) => { const s = ct.score.get(`${side}_${p}` as KeypointName); return s ? [median(s)] : []; }));
    const sl = sMean('left');
    const sr = sMean('right');
    if (Number.isFinite(sl) && Number.isFinite(sr) && Math.abs(sl - sr) > 0.03) {
      vote += 0.5 * (sl > sr ? 1 : -1);
      weight += 0.5;
      cues.push(`keypoint scores: the ${sl > sr ? 'left' : 'right'} leg scores higher`);
    }
    // moving to the image right shows the runner's right side (rear camera, not mirrored)
    vote += dirSign > 0 ? -1 : 1;
    weight += 1;
    cues.push(`direction of travel: the ${dirSign > 0 ? 'right' : 'left'} side faces the camera`);
    nearSide = vote >= 0 ? 'left' : 'right';
    nearSideConfidence = clamp(Math.abs(vote) / weight, 0, 1);
  }

  return {
    view,
    direction,
    setting,
    confidence: overridden ? Math.max(confidence, 0.5) : confidence,
    overridden,
    obliqueDeg,
    oblique: obliqueDeg !== null && obliqueDeg >= OBLIQUE_MIN_DEG,
    nearSide,
    nearSideConfidence,
    cues,
    dirSign,
    excursion,
    shoulderRatio,
  };
}
