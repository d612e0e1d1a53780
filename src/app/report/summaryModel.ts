/**
 * The consult view's summary in plain words, from a GaitAnalysis (pure): the measure cards (value, spread, sides,
 * confidence, estimate badge, reference band with its source where one exists) and the extended-posture finding
 * ("seen at 9 of 11 toe-offs, left more than right").
 */
import type { Foot, GaitAnalysis, Measure } from '../../core/analysis';
import { thresholds } from '../../core/analysis';

export interface MeasureCard {
  id: string;
  label: string;
  /** When in the stride the value is read. */
  event: string;
  measure: Measure;
  digits: number;
  /** A published band, or the app's own flag threshold, with where it comes from. */
  reference: string | null;
}

export function measureCards(a: GaitAnalysis): MeasureCard[] {
  const s = a.summary;
  const t = thresholds;
  if (a.view.view === 'back') {
    return [
      { id: 'cadence', label: 'Cadence', event: 'whole clip', measure: s.cadence, digits: 0, reference: null },
      { id: 'pelvic-drop', label: 'Pelvic drop', event: 'mid-stance', measure: s.pelvicDropDeg, digits: 1, reference: null },
      { id: 'lateral-trunk', label: 'Lateral trunk lean', event: 'mid-stance', measure: s.lateralTrunkLeanDeg, digits: 1, reference: null },
      { id: 'step-width', label: 'Step width', event: 'contact', measure: s.stepWidthHipWidths, digits: 2, reference: null },
      { id: 'crossover', label: 'Crossover contacts', event: 'contact', measure: s.crossoverFraction, digits: 2, reference: null },
    ];
  }
  return [
    { id: 'cadence', label: 'Cadence', event: 'whole clip', measure: s.cadence, digits: 0, reference: null },
    { id: 'contact', label: 'Contact time', event: 'contact → toe-off', measure: s.contactTimeMs, digits: 0, reference: null },
    { id: 'flight', label: 'Flight time', event: 'toe-off → other foot\u2019s contact', measure: s.flightTimeMs, digits: 0, reference: null },
    {
      id: 'foot-angle',
      label: 'Foot angle',
      event: 'initial contact',
      measure: s.footAngleDeg,
      digits: 1,
      reference: `heel strike > ${t.STRIKE_HEEL_MIN_DEG}°, forefoot < ${t.STRIKE_FOREFOOT_MAX_DEG}° (Altman & Davis 2012)`,
    },
    { id: 'knee-ic', label: 'Knee flexion', event: 'initial contact', measure: s.kneeFlexionIcDeg, digits: 1, reference: `flagged as nearly straight ≤ ${t.STRAIGHT_KNEE_MAX_DEG}° (StrideScope threshold)` },
    { id: 'shank', label: 'Shank angle', event: 'initial contact', measure: s.shankAngleIcDeg, digits: 1, reference: null },
    { id: 'overstride', label: 'Overstride', event: 'initial contact', measure: s.overstride, digits: 2, reference: null },
    { id: 'thigh-to', label: 'Thigh extension', event: 'toe-off', measure: s.thighExtensionToDeg, digits: 1, reference: `high ≥ ${t.THIGH_EXTENSION_HIGH_DEG}° (StrideScope threshold)` },
    { id: 'trunk-thigh-to', label: 'Trunk–thigh extension', event: 'toe-off (iliopsoas length)', measure: s.trunkThighExtensionToDeg, digits: 1, reference: `high ≥ ${t.TRUNK_THIGH_EXTENSION_HIGH_DEG}° (StrideScope threshold)` },
    { id: 'trunk-to', label: 'Trunk lean', event: 'toe-off', measure: s.trunkLeanToDeg, digits: 1, reference: `upright / back ≤ ${t.TRUNK_UPRIGHT_MAX_DEG}° (StrideScope threshold)` },
    { id: 'lumbar', label: 'Lumbar extension', event: 'toe-off', measure: s.lumbarExtensionEstimateDeg, digits: 1, reference: `high ≥ ${t.LUMBAR_EXTENSION_HIGH_DEG}° (StrideScope threshold)` },
    { id: 'pelvic-tilt', label: 'Pelvic tilt', event: 'toe-off', measure: s.pelvicTiltEstimateDeg, digits: 1, reference: null },
  ];
}

/** Strike counts per foot (contacts whose strike was decided). */
export function strikeByFoot(a: GaitAnalysis): Record<Foot, { heel: number; midfoot: number; forefoot: number; undecided: number }> {
  const out = { left: { heel: 0, midfoot: 0, forefoot: 0, undecided: 0 }, right: { heel: 0, midfoot: 0, forefoot: 0, undecided: 0 } };
  for (const s of a.strides) {
    if (s.strike) out[s.foot][s.strike]++;
    else if (s.footAngleDeg !== null) out[s.foot].undecided++;
  }
  return out;
}

function sideComparison(left: number, right: number): string {
  if (left === right) return left ? ', on both sides alike' : '';
  return left > right ? ', left more than right' : ', right more than left';
}

/** The extended-posture finding in a sentence or two; `nothingFlagged` says so plainly. */
export function patternFinding(a: GaitAnalysis): { lines: string[]; nothingFlagged: boolean } {
  const p = a.summary.pattern;
  if (a.activity !== 'running') return { lines: [p.verdict], nothingFlagged: a.flags.length === 0 };
  if (a.view.view === 'back') return { lines: ['The extended-posture pattern is judged from the side: film the runner side-on to check it.'], nothingFlagged: true };
  const ext = a.flags.filter((f) => f.kind === 'extension-at-toe-off');
  const hs = a.flags.filter((f) => f.kind === 'heel-strike-straight-knee');
  const count = (fl: typeof ext, foot: Foot) => fl.filter((f) => f.foot === foot).length;
  const lines: string[] = [];
  if (p.extensionAtToeOff.strides > 0) {
    lines.push(
      ext.length
        ? `Extension at toe-off seen at ${ext.length} of ${p.extensionAtToeOff.strides} toe-offs${sideComparison(count(ext, 'left'), count(ext, 'right'))}.`
        : `No extension at toe-off in ${p.extensionAtToeOff.strides} toe-offs.`,
    );
  }
  if (p.heelStrikeStraightKnee.contacts > 0) {
    lines.push(
      hs.length
        ? `Heel strike on a nearly straight knee at ${hs.length} of ${p.heelStrikeStraightKnee.contacts} contacts${sideComparison(count(hs, 'left'), count(hs, 'right'))}.`
        : `No heel strike on a nearly straight knee in ${p.heelStrikeStraightKnee.contacts} contacts.`,
    );
  }
  lines.push(p.verdict);
  return { lines, nothingFlagged: a.flags.length === 0 };
}
