/**
 * Checks between the summary's measures (pure): a value that contradicts another measure or the physiology of two legs
 * of one runner is shown as unreliable, with the reason, never as a number to trust. Four checks, each a fact of
 * running rather than a threshold fitted to a clip (docs/METHODS.md, "Cross-checks"):
 *  - step time: a step is one contact plus one flight, so the contact and flight medians must add up to the step time
 *    the cadence gives (60 000 / cadence ms), within two frames or 15 %;
 *  - spread: the middle half of the strides (IQR) wider than the value itself (times, lengths) or than
 *    CROSS_CHECK_SPREAD_MAX_DEG (angles): the strides disagree more than strides of one run do;
 *  - left / right: the two legs differ by more than legs of one runner do (times 25 %, angles 15°, overstride 0.15 leg
 *    lengths) — in a side view usually the far leg's keypoints;
 *  - floor: a model-based estimate that reads exactly its floor on every stride (pelvic tilt is 0 whenever the thigh
 *    does not extend past the typical hip extension) has measured nothing.
 */
import type { GaitAnalysis, GaitSummary, Measure } from './types';
import {
  CROSS_CHECK_ASYMMETRY_MAX_DEG,
  CROSS_CHECK_ASYMMETRY_MAX_FRACTION,
  CROSS_CHECK_ASYMMETRY_MAX_LEG_LENGTHS,
  CROSS_CHECK_SPREAD_MAX_DEG,
  CROSS_CHECK_STEP_TIME_FRACTION,
  CROSS_CHECK_STEP_TIME_FRAMES,
} from './thresholds';

/** The summary's measures (every field of GaitSummary that is a Measure). */
export type MeasureKey = {
  [K in keyof GaitSummary]: GaitSummary[K] extends Measure ? K : never;
}[keyof GaitSummary];

export type CrossCheckKind = 'step-time' | 'spread' | 'left-right' | 'floor';

export interface MeasureCaveat {
  measure: MeasureKey;
  check: CrossCheckKind;
  /** Plain words: what disagrees with what, and what to do. */
  reason: string;
}

const TIMES: MeasureKey[] = ['contactTimeMs', 'flightTimeMs', 'strideTimeMs'];
const LENGTHS: MeasureKey[] = ['overstride', 'stepWidthHipWidths'];
const ANGLES: MeasureKey[] = [
  'footAngleDeg',
  'kneeFlexionIcDeg',
  'shankAngleIcDeg',
  'thighExtensionToDeg',
  'trunkThighExtensionToDeg',
  'trunkLeanToDeg',
  'lumbarExtensionEstimateDeg',
  'pelvicTiltEstimateDeg',
  'pelvicDropDeg',
  'lateralTrunkLeanDeg',
];

const fmt = (v: number, unit: string) => (unit === 'deg' ? `${v.toFixed(1)}°` : unit === 'ms' ? `${Math.round(v)} ms` : `${v.toFixed(2)} ${unit}`);

/** The far foot (side view), for the left / right wording. */
function farFoot(a: GaitAnalysis): 'left' | 'right' | null {
  const near = a.view.nearSide;
  return near === 'left' ? 'right' : near === 'right' ? 'left' : null;
}

export function crossCheck(a: GaitAnalysis): MeasureCaveat[] {
  const s = a.summary;
  const out: MeasureCaveat[] = [];
  const add = (measure: MeasureKey, check: CrossCheckKind, reason: string) => {
    if (!out.some((c) => c.measure === measure)) out.push({ measure, check, reason });
  };

  // step time: contact + flight = one step
  const cad = s.cadence.value;
  const ct = s.contactTimeMs.value;
  const ft = s.flightTimeMs.value;
  if (cad !== null && cad > 0 && ct !== null && ft !== null && a.fps > 0) {
    const step = 60000 / cad;
    const sum = ct + ft;
    const tol = Math.max((CROSS_CHECK_STEP_TIME_FRAMES * 1000) / a.fps, CROSS_CHECK_STEP_TIME_FRACTION * step);
    if (Math.abs(sum - step) > tol) {
      const why = `contact + flight = ${Math.round(sum)} ms per step, but the cadence (${Math.round(cad)} steps/min) gives ${Math.round(step)} ms: the contact or toe-off timing is off. Check the events in the player and correct them`;
      add('contactTimeMs', 'step-time', why);
      add('flightTimeMs', 'step-time', why);
    }
  }

  const keys = Object.keys(s) as (keyof GaitSummary)[];
  for (const k of keys) {
    const m = s[k] as Measure;
    if (!m || typeof m !== 'object' || !('value' in m) || m.value === null) continue;
    const key = k as MeasureKey;
    const isTime = TIMES.includes(key);
    const isLength = LENGTHS.includes(key);
    const isAngle = ANGLES.includes(key);

    // floor: an estimate reading exactly the same value on every stride
    if (m.estimate && m.iqr && m.iqr[0] === m.iqr[1] && m.iqr[0] === m.value) {
      add(key, 'floor', `every stride reads exactly ${fmt(m.value, m.unit)}: the estimate only responds when the thigh extends beyond the typical hip extension, and it did not here — this is "no sign of extra tilt", not a measured ${fmt(m.value, m.unit)}`);
      continue;
    }

    // spread
    if (m.iqr) {
      const width = m.iqr[1] - m.iqr[0];
      const wide = isAngle ? width > CROSS_CHECK_SPREAD_MAX_DEG : (isTime || isLength) && width > Math.abs(m.value);
      if (wide) {
        add(key, 'spread', `the strides disagree: the middle half of them reads ${fmt(m.iqr[0], m.unit)} to ${fmt(m.iqr[1], m.unit)}, ${isAngle ? `a range wider than ${CROSS_CHECK_SPREAD_MAX_DEG}°` : 'a range wider than the value itself'}. Look at the strides in the player before using it`);
        continue;
      }
    }

    // left / right
    if (m.left !== null && m.right !== null) {
      const d = Math.abs(m.left - m.right);
      const meanAbs = (Math.abs(m.left) + Math.abs(m.right)) / 2;
      const tooFar = isTime
        ? meanAbs > 0 && d / meanAbs > CROSS_CHECK_ASYMMETRY_MAX_FRACTION
        : isAngle
          ? d > CROSS_CHECK_ASYMMETRY_MAX_DEG
          : key === 'overstride' && d > CROSS_CHECK_ASYMMETRY_MAX_LEG_LENGTHS;
      if (tooFar) {
        const far = a.view.view === 'side' ? farFoot(a) : null;
        const size = isTime ? `${Math.round((100 * d) / meanAbs)} %` : fmt(d, m.unit);
        add(
          key,
          'left-right',
          `left ${fmt(m.left, m.unit)} and right ${fmt(m.right, m.unit)} differ by ${size}, more than two legs of one runner usually do${far ? `; the ${far} leg is the far one, whose keypoints the camera sees worst` : ''}. Check both legs in the player`,
        );
      }
    }
  }
  return out;
}

/** The caveat of one measure, or null. */
export function caveatOf(caveats: readonly MeasureCaveat[], key: MeasureKey): MeasureCaveat | null {
  return caveats.find((c) => c.measure === key) ?? null;
}
