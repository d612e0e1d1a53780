/** Capture advice from what the clip shows (tilt, size, frame rate, strides, dropouts, view, model). */
import type { Advice, Activity, ViewInfo } from './types';
import {
  FPS_FOR_CONTACT_TIMING,
  MAX_DROPOUT_FRACTION,
  MAX_FEET_OUT_FRACTION,
  MAX_GROUND_TILT_DEG,
  MIN_RUNNER_HEIGHT_FRACTION,
  MIN_VIEW_CONFIDENCE,
  RECOMMENDED_STRIDES,
} from './thresholds';

export interface AdviceInput {
  activity: Activity;
  fps: number;
  view: ViewInfo;
  personFraction: number;
  runnerHeightFraction: number | null;
  feetOutOfFrameFraction: number | null;
  groundTiltDeg: number | null;
  strides: number;
  footKeypoints: boolean;
  swapFrames: number;
  frameCount: number;
  leavesFrame: boolean;
}

export function captureAdvice(a: AdviceInput): Advice[] {
  const out: Advice[] = [];
  const feetOut = a.feetOutOfFrameFraction !== null && a.feetOutOfFrameFraction > MAX_FEET_OUT_FRACTION;
  if (feetOut) {
    out.push({
      code: 'feet-out-of-frame',
      severity: a.activity === 'none' ? 'error' : 'warning',
      message: `The feet are out of the picture on ${(a.feetOutOfFrameFraction! * 100).toFixed(0)} % of the frames (the body is cut off at the shins or knees). Contacts, foot strike and knee angles need the whole body: film again from head to feet, with a little floor below the feet.`,
    });
  }
  if (a.activity === 'none' && !feetOut) {
    out.push({ code: 'no-running', severity: 'error', message: 'No running found in this clip. Film the runner from the side (or from behind) for at least 7 strides.' });
  }
  if (!a.footKeypoints) {
    out.push({ code: 'no-foot-keypoints', severity: 'warning', message: 'This pose model (MoveNet) has no heel or toe keypoints: foot-strike pattern and foot angle are unavailable with MoveNet, and contact timing uses the ankle only. Use BlazePose.' });
  }
  if (a.groundTiltDeg !== null && Math.abs(a.groundTiltDeg) > MAX_GROUND_TILT_DEG) {
    out.push({ code: 'camera-tilt', severity: 'warning', message: `The ground line is tilted ${a.groundTiltDeg.toFixed(1)}° in the image: level the phone (angles are corrected for the tilt, but a level camera is more reliable).` });
  }
  if (a.runnerHeightFraction !== null && a.runnerHeightFraction < MIN_RUNNER_HEIGHT_FRACTION) {
    out.push({ code: 'runner-too-small', severity: 'warning', message: `The runner fills only ${(a.runnerHeightFraction * 100).toFixed(0)} % of the frame height: move closer or zoom so the runner fills at least half of it.` });
  }
  if (a.activity !== 'none' && a.fps < FPS_FOR_CONTACT_TIMING) {
    out.push({ code: 'fps-too-low', severity: 'info', message: `At ${a.fps.toFixed(0)} fps one frame is ${(1000 / a.fps).toFixed(0)} ms: contact and flight times are coarse. Film at 120 or 240 fps (slow motion) for contact timing.` });
  }
  if (a.activity !== 'none' && a.strides < RECOMMENDED_STRIDES) {
    out.push({ code: 'too-few-strides', severity: 'warning', message: `Only ${a.strides} stride(s) found; film at least ${RECOMMENDED_STRIDES} strides for stable medians.` });
  }
  if (1 - a.personFraction > MAX_DROPOUT_FRACTION) {
    out.push({ code: 'many-dropouts', severity: 'warning', message: `No person was found on ${((1 - a.personFraction) * 100).toFixed(0)} % of the frames: improve lighting, avoid clutter, keep the whole body in view.` });
  }
  if (a.view.view !== 'unknown' && a.view.oblique && a.view.obliqueDeg !== null) {
    const deg = a.view.obliqueDeg;
    const side = a.view.view === 'side';
    out.push({
      code: 'oblique-view',
      severity: 'warning',
      message: `The camera is about ${deg}° from square to the runner's ${side ? 'side' : 'back'} (an oblique view, not a ${side ? 'side' : 'back'} view): angles in the picture are distorted — a ${side ? 'forward' : 'sideways'} angle of 20° reads about ${((Math.atan(Math.tan((20 * Math.PI) / 180) * Math.cos((deg * Math.PI) / 180)) * 180) / Math.PI).toFixed(0)}° — so every figure is given at lower confidence. Film again with the phone square to the runner's ${side ? 'side (perpendicular to the running direction)' : 'back (straight behind, in line with the running direction)'}, at hip height.`,
    });
  } else if (a.view.view !== 'unknown' && a.view.confidence < MIN_VIEW_CONFIDENCE && a.activity !== 'none') {
    out.push({ code: 'oblique-view', severity: 'info', message: 'The view is not clearly a side or a back view: film exactly from the side (or exactly from behind); oblique views distort 2-D angles.' });
  }
  if (a.swapFrames > 0.1 * a.frameCount) {
    out.push({ code: 'leg-swaps', severity: 'info', message: `The pose model confused the left and right legs on ${a.swapFrames} frames (repaired). Contrasting shoes or socks help.` });
  }
  if (a.leavesFrame) {
    out.push({ code: 'runner-leaves-frame', severity: 'info', message: 'The runner is out of the frame for part of the clip: use a treadmill or pan less, and keep the whole body in view.' });
  }
  return out;
}

/**
 * Several people in view: one advice entry saying another person was seen (by the pose stage's person detector,
 * `seenFrames`, and/or as frames the pose track had jumped to, `quality.otherPersonFrames`) and that the runner was
 * followed. A "many dropouts" entry is dropped when the frames left out for the other person are what made it fire.
 */
export function withOtherPersonAdvice(advice: Advice[], quality: { otherPersonFrames: number; personFrameFraction: number }, frameCount: number, seenFrames = 0): Advice[] {
  const blanked = quality.otherPersonFrames;
  const seen = Math.max(seenFrames, blanked);
  if (seen <= 0) return advice;
  const plural = (k: number) => `${k} frame${k === 1 ? '' : 's'}`;
  const message =
    `Another person was seen on ${plural(seen)} of ${frameCount}: StrideScope followed the runner (the person whose legs cycle) and kept the other person out of the analysis` +
    (blanked > 0 ? ` (the pose had jumped to them on ${plural(blanked)}, counted as "no person")` : '') +
    '. For the cleanest analysis, film the runner alone.';
  const explainsDropouts = frameCount > 0 && 1 - (quality.personFrameFraction + blanked / frameCount) <= MAX_DROPOUT_FRACTION;
  return [...advice.filter((a) => !(a.code === 'many-dropouts' && blanked > 0 && explainsDropouts)), { code: 'other-person', severity: blanked > 0 ? 'warning' : 'info', message }];
}
