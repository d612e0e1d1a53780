/**
 * Extended-posture pattern flags (per stride):
 *  - 'extension-at-toe-off': at TO the trunk is upright / leaning back (trunk lean ≤ TRUNK_UPRIGHT_MAX_DEG) or the
 *    lumbar-extension estimate is high (≥ LUMBAR_EXTENSION_HIGH_DEG), AND the thigh extension (≥ THIGH_EXTENSION_HIGH_DEG)
 *    or the trunk–thigh extension (≥ TRUNK_THIGH_EXTENSION_HIGH_DEG) is high, AND TO is at the thigh's maximal
 *    extension (within MAX_EXTENSION_TIMING_FRACTION of the stride): the iliopsoas is at its longest.
 *  - 'heel-strike-straight-knee': heel strike with knee flexion at IC ≤ STRAIGHT_KNEE_MAX_DEG.
 * Each flag lists its reasons, the values and the thresholds crossed.
 */
import type { FlagThreshold, Foot, PatternFlag, PatternSummary, SideStride } from './types';
import type { SideSeries } from './sideMeasures';
import { median } from './stats';
import {
  LUMBAR_EXTENSION_HIGH_DEG,
  MAX_EXTENSION_TIMING_FRACTION,
  PATTERN_PRESENT_FRACTION,
  STRAIGHT_KNEE_MAX_DEG,
  STRAIGHT_KNEE_MARGIN_30FPS_DEG,
  STRAIGHT_KNEE_MARGIN_MIN_DEG,
  STRIKE_HEEL_MIN_DEG,
  THIGH_EXTENSION_HIGH_DEG,
  TRUNK_THIGH_EXTENSION_HIGH_DEG,
  TRUNK_UPRIGHT_MAX_DEG,
} from './thresholds';

/** Which of a flag's `values` each named threshold is compared with (severity shading, consistency checks). */
export const THRESHOLD_VALUE_KEY: Record<string, string> = {
  TRUNK_UPRIGHT_MAX_DEG: 'trunkLeanDeg',
  LUMBAR_EXTENSION_HIGH_DEG: 'lumbarExtensionEstimateDeg',
  THIGH_EXTENSION_HIGH_DEG: 'thighExtensionDeg',
  TRUNK_THIGH_EXTENSION_HIGH_DEG: 'trunkThighExtensionDeg',
  STRAIGHT_KNEE_MAX_DEG: 'kneeFlexionDeg',
  STRIKE_HEEL_MIN_DEG: 'footAngleDeg',
};

const r1 = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

function framesAround(frame: number, fps: number, n: number): number[] {
  const w = Math.max(1, Math.round(0.02 * fps));
  const out: number[] = [];
  for (let f = Math.max(0, frame - w); f <= Math.min(n - 1, frame + w); f++) out.push(f);
  return out;
}

export function detectPattern(strides: SideStride[], series: SideSeries, fps: number, n: number): { flags: PatternFlag[]; summary: PatternSummary } {
  const flags: PatternFlag[] = [];
  let toStrides = 0;
  let toFlagged = 0;
  let contacts = 0;
  let icFlagged = 0;
  const typicalKnee = new Map<string, number>();
  for (const foot of ['left', 'right']) {
    const k = strides.filter((s) => s.foot === foot && s.strike === 'heel' && s.kneeFlexionIcDeg !== null && !s.lowConfidenceEvents.includes('ic')).map((s) => s.kneeFlexionIcDeg as number);
    if (k.length >= 3) typicalKnee.set(foot, median(k));
  }
  const kneeMargin = Math.max(STRAIGHT_KNEE_MARGIN_MIN_DEG, STRAIGHT_KNEE_MARGIN_30FPS_DEG * (30 / fps));
  for (const s of strides) {
    // --- extension at toe-off
    // a value read at a low-confidence event (docs/METHODS.md §3.8) neither raises a flag nor counts against one
    if (s.toSubFrame !== null && s.thighExtensionToDeg !== null && s.trunkLeanToDeg !== null && !s.lowConfidenceEvents.includes('to')) {
      toStrides++;
      const reasons: string[] = [];
      const crossed: FlagThreshold[] = [];
      const upright = s.trunkLeanToDeg <= TRUNK_UPRIGHT_MAX_DEG;
      const lumbarHigh = s.lumbarExtensionEstimateDeg !== null && s.lumbarExtensionEstimateDeg >= LUMBAR_EXTENSION_HIGH_DEG;
      const thighHigh = s.thighExtensionToDeg >= THIGH_EXTENSION_HIGH_DEG;
      const ttHigh = s.trunkThighExtensionToDeg !== null && s.trunkThighExtensionToDeg >= TRUNK_THIGH_EXTENSION_HIGH_DEG;
      if (upright) {
        reasons.push(`trunk ${s.trunkLeanToDeg <= 0 ? 'leaning back' : 'upright'} at toe-off (${r1(s.trunkLeanToDeg)}° forward lean)`);
        crossed.push({ name: 'TRUNK_UPRIGHT_MAX_DEG', value: TRUNK_UPRIGHT_MAX_DEG, comparison: '<=' });
      }
      if (lumbarHigh) {
        reasons.push(`lumbar-extension estimate ${r1(s.lumbarExtensionEstimateDeg)}° at toe-off (estimate)`);
        crossed.push({ name: 'LUMBAR_EXTENSION_HIGH_DEG', value: LUMBAR_EXTENSION_HIGH_DEG, comparison: '>=' });
      }
      if (thighHigh) {
        reasons.push(`thigh extension ${r1(s.thighExtensionToDeg)}° at toe-off`);
        crossed.push({ name: 'THIGH_EXTENSION_HIGH_DEG', value: THIGH_EXTENSION_HIGH_DEG, comparison: '>=' });
      }
      if (ttHigh) {
        reasons.push(`trunk–thigh extension ${r1(s.trunkThighExtensionToDeg)}° at toe-off (iliopsoas near maximal length)`);
        crossed.push({ name: 'TRUNK_THIGH_EXTENSION_HIGH_DEG', value: TRUNK_THIGH_EXTENSION_HIGH_DEG, comparison: '>=' });
      }
      // is TO at the thigh's maximal extension within this stride?
      const th = series.thighExt[s.foot];
      const end = s.nextIcFrame ?? Math.min(n - 1, Math.round(s.icSubFrame + (s.strideTimeMs ?? 700) * fps / 1000));
      let maxF = -1;
      let maxV = -Infinity;
      for (let f = s.icFrame; f <= end && f < n; f++) if (th[f] > maxV) { maxV = th[f]; maxF = f; }
      const strideFrames = end - s.icFrame;
      const atMax = maxF >= 0 && Math.abs(maxF - s.toSubFrame) <= Math.max(1, MAX_EXTENSION_TIMING_FRACTION * strideFrames);
      if (atMax) reasons.push('toe-off coincides with the maximal thigh extension of the stride');
      if ((upright || lumbarHigh) && (thighHigh || ttHigh) && atMax) {
        toFlagged++;
        const frame = s.toFrame!;
        flags.push({
          kind: 'extension-at-toe-off',
          foot: s.foot as Foot,
          side: s.side,
          frame,
          frames: framesAround(frame, fps, n),
          reasons,
          values: {
            trunkLeanDeg: r1(s.trunkLeanToDeg),
            lumbarExtensionEstimateDeg: r1(s.lumbarExtensionEstimateDeg),
            pelvicTiltEstimateDeg: r1(s.pelvicTiltEstimateDeg),
            thighExtensionDeg: r1(s.thighExtensionToDeg),
            trunkThighExtensionDeg: r1(s.trunkThighExtensionToDeg),
            maxThighExtensionDeg: r1(maxV),
          },
          thresholds: crossed,
          confidence: s.confidence,
        });
      }
    }
    // --- heel strike on a nearly straight knee. A single contact's knee reading carries the contact-timing error
    // times the knee's flexion rate at contact (±5° at 30 fps, the knee flexing at ~500°/s): a reading just under the
    // threshold is believed when this foot's contacts are typically straight-kneed (median at or under the threshold),
    // otherwise only when it clears the threshold by that uncertainty
    if (s.strike !== null && s.kneeFlexionIcDeg !== null && !s.lowConfidenceEvents.includes('ic')) {
      contacts++;
      const typical = typicalKnee.get(s.foot);
      const limit = typical !== undefined && typical <= STRAIGHT_KNEE_MAX_DEG ? STRAIGHT_KNEE_MAX_DEG : STRAIGHT_KNEE_MAX_DEG - kneeMargin;
      if (s.strike === 'heel' && s.kneeFlexionIcDeg <= limit) {
        icFlagged++;
        flags.push({
          kind: 'heel-strike-straight-knee',
          foot: s.foot,
          side: s.side,
          // the contact's own frame in the event list (the first frame at or after the contact), so a flag opens the
          // frame the player names as this contact, never the swing frame before it
          frame: s.icFrame,
          frames: framesAround(s.icFrame, fps, n),
          reasons: [
            `heel strike (foot angle ${r1(s.footAngleDeg)}°, toes up)`,
            `knee nearly straight at contact (${r1(s.kneeFlexionIcDeg)}° flexion)`,
          ],
          values: { footAngleDeg: r1(s.footAngleDeg), kneeFlexionDeg: r1(s.kneeFlexionIcDeg), shankAngleDeg: r1(s.shankAngleIcDeg), overstride: s.overstride === null ? null : Math.round(s.overstride * 100) / 100 },
          // heel strike = foot angle above the heel band's lower edge (plus its noise margin, sideMeasures.strikeAtIC)
          thresholds: [
            { name: 'STRIKE_HEEL_MIN_DEG', value: STRIKE_HEEL_MIN_DEG, comparison: '>=' },
            { name: 'STRAIGHT_KNEE_MAX_DEG', value: STRAIGHT_KNEE_MAX_DEG, comparison: '<=' },
          ],
          confidence: s.confidence,
        });
      }
    }
  }
  const extPresent = toStrides > 0 && toFlagged / toStrides >= PATTERN_PRESENT_FRACTION;
  const hsPresent = contacts > 0 && icFlagged / contacts >= PATTERN_PRESENT_FRACTION;
  let verdict: string;
  if (toStrides === 0 && contacts === 0) verdict = 'Not enough strides to judge the extended-posture pattern.';
  else if (extPresent && hsPresent) verdict = 'Extended-posture pattern present: extension at toe-off and heel strikes on a nearly straight knee.';
  else if (extPresent) verdict = 'Extension at toe-off present (trunk upright/back with large thigh extension); contacts are not straight-knee heel strikes.';
  else if (hsPresent) verdict = 'Heel strikes on a nearly straight knee; no marked extension at toe-off.';
  else verdict = 'No extended-posture pattern found.';
  return {
    flags,
    summary: {
      extensionAtToeOff: { strides: toStrides, flagged: toFlagged, present: extPresent },
      heelStrikeStraightKnee: { contacts, flagged: icFlagged, present: hsPresent },
      verdict,
    },
  };
}
