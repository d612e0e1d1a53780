/**
 * Running, walking — and slow motion — decided from the mechanics first (mechanics.ts), then from the duty factor,
 * and from the cadence only when neither says anything (pure). A cadence band never overrides the mechanics: a
 * runner at 166 steps/min is running, and running mechanics at 80 steps/min is a slow-motion clip, not walking.
 */
import type { GaitMechanics } from './mechanics';
import type { Activity, SlowMotionCheck } from './types';
import {
  MECHANICS_MIN_DROP,
  MECHANICS_MIN_Z,
  SLOW_MOTION_CADENCE_MAX,
  SLOW_MOTION_FACTORS,
  RUNNING_CADENCE_RANGE,
  WALKING_CADENCE_MAX,
  WALKING_DUTY_FACTOR_MIN,
} from './thresholds';

export interface ActivityDecision {
  activity: Exclude<Activity, 'none'>;
  /** Which evidence decided: the pelvis' mechanics, the duty factor, or (weakest) the cadence alone. */
  basis: 'mechanics' | 'duty-factor' | 'cadence';
  reason: string;
}

/** What the mechanics say alone: null when the drop is too small or too uncertain to tell. */
export function mechanicsVerdict(m: GaitMechanics | null): 'running' | 'walking' | null {
  if (!m || !Number.isFinite(m.midStanceDrop)) return null;
  const d = m.midStanceDrop;
  if (Math.abs(d) < MECHANICS_MIN_DROP || Math.abs(d) < MECHANICS_MIN_Z * m.se) return null;
  return d > 0 ? 'running' : 'walking';
}

function mechanicsWords(m: GaitMechanics): string {
  const where = m.midStanceDrop > 0 ? 'lowest' : 'highest';
  return `the pelvis is ${where} at mid-stance (${m.midStanceDrop > 0 ? '+' : ''}${m.midStanceDrop.toFixed(3)} ± ${m.se.toFixed(3)} leg lengths over ${m.steps} steps)`;
}

/**
 * `duty`: median contact / stride time (NaN when no contact times); `cadence`: steps per minute of the clip's time.
 */
export function decideActivity(m: GaitMechanics | null, duty: number, cadence: number): ActivityDecision {
  const mech = mechanicsVerdict(m);
  const dutyWords = Number.isFinite(duty) ? `duty factor ${duty.toFixed(2)} (contact / stride; running < ${WALKING_DUTY_FACTOR_MIN}: a flight phase)` : null;
  if (mech && m) {
    const gait = mech === 'running' ? 'a bouncing, running gait' : 'a vaulting, walking gait';
    return { activity: mech, basis: 'mechanics', reason: `${mechanicsWords(m)}: ${gait}${dutyWords ? `; ${dutyWords}` : ''}` };
  }
  const unclear = m ? `${mechanicsWords(m)}: too small to tell` : 'pelvis motion not measurable';
  if (dutyWords) {
    return { activity: duty > WALKING_DUTY_FACTOR_MIN ? 'walking' : 'running', basis: 'duty-factor', reason: `${dutyWords}; ${unclear}` };
  }
  return {
    activity: cadence < WALKING_CADENCE_MAX ? 'walking' : 'running',
    basis: 'cadence',
    reason: `low confidence: cadence ${cadence.toFixed(0)} steps/min alone (walking < ${WALKING_CADENCE_MAX}); ${unclear}, no contact times`,
  };
}

/**
 * Slow motion played at normal speed: running by the pelvis' mechanics (a flight phase read from the detected
 * contacts is not enough: a few missed contacts make both the duty factor and the cadence wrong) at a cadence nobody
 * runs at. The likely factor is the smallest of SLOW_MOTION_FACTORS that brings the cadence into the running range.
 */
export function checkSlowMotion(decision: ActivityDecision, cadence: number): SlowMotionCheck {
  const none: SlowMotionCheck = { suspected: false, reason: null, likelyFactor: null };
  if (decision.activity !== 'running' || decision.basis !== 'mechanics' || !(cadence > 0) || cadence >= SLOW_MOTION_CADENCE_MAX) return none;
  const factor = SLOW_MOTION_FACTORS.find((k) => cadence * k >= RUNNING_CADENCE_RANGE[0] && cadence * k <= RUNNING_CADENCE_RANGE[1]) ?? null;
  return {
    suspected: true,
    reason: `running mechanics (pelvis lowest at mid-stance) at ${cadence.toFixed(0)} steps/min, a cadence nobody runs at${factor ? `: played ${factor}× slower than filmed, the cadence would be ${(cadence * factor).toFixed(0)}` : ''}`,
    likelyFactor: factor,
  };
}

/**
 * Running (by any evidence) at a cadence under SLOW_MOTION_CADENCE_MAX that is not reported as slow motion: the
 * timing is not to be trusted (strides missed, or slow motion the mechanics could not confirm). The reason to give,
 * or null when the timing is plausible.
 */
export function implausibleTiming(decision: ActivityDecision, slow: SlowMotionCheck, cadence: number): string | null {
  if (decision.activity !== 'running' || slow.suspected || !(cadence > 0) || cadence >= SLOW_MOTION_CADENCE_MAX) return null;
  return `low confidence: running at ${cadence.toFixed(0)} steps/min is implausible — contacts were missed, or the clip is slow motion (then give the rate it was filmed at)`;
}
