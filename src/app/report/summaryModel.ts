/**
 * The consult view's measures in plain words, from a GaitAnalysis (pure): one card per measure with its value, spread,
 * sides, what it counts, what it means in one line, how sure (certainty.ts), the cross-check caveat that makes it
 * unreliable (crossChecks.ts), a reference band with its source where one exists, and the frame that shows its typical
 * value (for the toe-off extension measures also the most and least extended toe-off).
 */
import type { Foot, GaitAnalysis, Measure, SideStride } from '../../core/analysis';
import { thresholds } from '../../core/analysis';
import { caveatOf, crossCheck, type MeasureCaveat, type MeasureKey } from '../../core/analysis/crossChecks';
import { strideLowConfidenceFor, type StrideValueBasis } from '../../core/analysis/sideMeasures';
import { measureCertainty, type Certainty } from './certainty';

/** A frame that shows something, with what it shows. */
export interface FrameRef {
  frame: number;
  foot: Foot | null;
  /** Short title ("typical", "most extended", "Heel strike, straight knee · left"). */
  title: string;
  /** The reading on that frame ("knee 3.1°"). */
  detail: string;
}

export interface MeasureCard {
  id: string;
  key: MeasureKey;
  label: string;
  /** When in the stride the value is read, with its preposition ("at toe-off", "over the whole clip"). */
  event: string;
  measure: Measure;
  digits: number;
  /** What `measure.n` counts ("contacts", "toe-offs", "strides", "steps"). */
  counts: string;
  /** What the measure means, in one line a patient can follow. */
  meaning: string;
  /** A published band, or the app's own flag threshold, with where it comes from. */
  reference: string | null;
  /** Why the value is not to be trusted (a cross-check failed), or null. */
  caveat: string | null;
  sure: Certainty;
  /** The frame whose value is closest to the median (null: a whole-clip measure or nothing to show). */
  typical: FrameRef | null;
  /** The most and least extended toe-off (extension measures), to compare. */
  pair: { most: FrameRef; least: FrameRef } | null;
}

interface CardDef {
  id: string;
  key: MeasureKey;
  label: string;
  event: string;
  digits: number;
  counts: string;
  meaning: string;
  reference?: string;
  /** The stride field (side view) and the event its frame is read at. */
  stride?: { field: keyof SideStride; at: 'ic' | 'to'; basis: StrideValueBasis };
  /** Show the most / least extended toe-off beside the typical one. */
  pair?: boolean;
}

const t = thresholds;

/** The cadence cards' reading: over the whole clip (a clip of several parts says which instead: measureCards). */
const WHOLE_CLIP = 'over the whole clip';

const SIDE_CARDS: CardDef[] = [
  { id: 'cadence', key: 'cadence', label: 'Cadence', event: WHOLE_CLIP, digits: 0, counts: 'strides', meaning: 'Steps per minute, both feet counted. Most runners take 150–190; a low cadence often goes with overstriding.' },
  { id: 'contact', key: 'contactTimeMs', label: 'Contact time', event: 'from contact to toe-off', digits: 0, counts: 'contacts', meaning: 'How long each foot stays on the ground, from landing to toe-off.', stride: { field: 'contactTimeMs', at: 'ic', basis: 'contact' } },
  { id: 'flight', key: 'flightTimeMs', label: 'Flight time', event: 'from toe-off to the other foot\u2019s contact', digits: 0, counts: 'flights', meaning: 'Time with both feet off the ground, from one foot\u2019s toe-off to the other foot\u2019s landing.', stride: { field: 'flightTimeMs', at: 'to', basis: 'flight' } },
  {
    id: 'foot-angle',
    key: 'footAngleDeg',
    label: 'Foot angle',
    event: 'at initial contact',
    digits: 1,
    counts: 'contacts',
    meaning: 'The sole against the ground as the foot lands: toes up (+) is a heel strike, flat a midfoot strike, toes down (−) a forefoot strike.',
    reference: `heel strike > ${t.STRIKE_HEEL_MIN_DEG}°, forefoot < ${t.STRIKE_FOREFOOT_MAX_DEG}° (Altman & Davis 2012)`,
    stride: { field: 'footAngleDeg', at: 'ic', basis: 'ic' },
  },
  {
    id: 'knee-ic',
    key: 'kneeFlexionIcDeg',
    label: 'Knee flexion',
    event: 'at initial contact',
    digits: 1,
    counts: 'contacts',
    meaning: 'How bent the knee is as the foot lands (0° = straight); runners typically land with 15–25°.',
    reference: `flagged as nearly straight ≤ ${t.STRAIGHT_KNEE_MAX_DEG}° (StrideScope threshold)`,
    stride: { field: 'kneeFlexionIcDeg', at: 'ic', basis: 'ic' },
  },
  { id: 'shank', key: 'shankAngleIcDeg', label: 'Shank angle', event: 'at initial contact', digits: 1, counts: 'contacts', meaning: 'The lower leg against vertical as the foot lands; + = the ankle lands ahead of the knee (reaching forward).', stride: { field: 'shankAngleIcDeg', at: 'ic', basis: 'ic' } },
  { id: 'overstride', key: 'overstride', label: 'Overstride', event: 'at initial contact', digits: 2, counts: 'contacts', meaning: 'How far ahead of the hips the heel lands, in leg lengths.', stride: { field: 'overstride', at: 'ic', basis: 'ic' } },
  {
    id: 'thigh-to',
    key: 'thighExtensionToDeg',
    label: 'Thigh extension',
    event: 'at toe-off',
    digits: 1,
    counts: 'toe-offs',
    meaning: 'How far the thigh is behind vertical as the foot leaves the ground.',
    reference: `high ≥ ${t.THIGH_EXTENSION_HIGH_DEG}° (StrideScope threshold)`,
    stride: { field: 'thighExtensionToDeg', at: 'to', basis: 'to' },
    pair: true,
  },
  {
    id: 'trunk-thigh-to',
    key: 'trunkThighExtensionToDeg',
    label: 'Trunk–thigh extension',
    event: 'at toe-off (iliopsoas length)',
    digits: 1,
    counts: 'toe-offs',
    meaning: 'The opening between trunk and thigh at toe-off: how far the front of the hip (iliopsoas) is stretched.',
    reference: `high ≥ ${t.TRUNK_THIGH_EXTENSION_HIGH_DEG}° (StrideScope threshold)`,
    stride: { field: 'trunkThighExtensionToDeg', at: 'to', basis: 'to' },
    pair: true,
  },
  {
    id: 'trunk-to',
    key: 'trunkLeanToDeg',
    label: 'Trunk lean',
    event: 'at toe-off',
    digits: 1,
    counts: 'toe-offs',
    meaning: 'The trunk against vertical at toe-off; + = leaning forward. Upright or leaning back goes with the extended posture.',
    reference: `upright / back ≤ ${t.TRUNK_UPRIGHT_MAX_DEG}° (StrideScope threshold)`,
    stride: { field: 'trunkLeanToDeg', at: 'to', basis: 'to' },
  },
  {
    id: 'lumbar',
    key: 'lumbarExtensionEstimateDeg',
    label: 'Lumbar extension',
    event: 'at toe-off',
    digits: 1,
    counts: 'toe-offs',
    meaning: 'Estimated arching of the low back at toe-off, compared with standing: a model estimate, not a measurement.',
    reference: `high ≥ ${t.LUMBAR_EXTENSION_HIGH_DEG}° (StrideScope threshold)`,
    stride: { field: 'lumbarExtensionEstimateDeg', at: 'to', basis: 'to' },
  },
  { id: 'pelvic-tilt', key: 'pelvicTiltEstimateDeg', label: 'Pelvic tilt', event: 'at toe-off', digits: 1, counts: 'toe-offs', meaning: 'Estimated forward tilt of the pelvis at toe-off beyond the typical: a model estimate, not a measurement.', stride: { field: 'pelvicTiltEstimateDeg', at: 'to', basis: 'to' } },
];

const BACK_CARDS: CardDef[] = [
  { id: 'cadence', key: 'cadence', label: 'Cadence', event: WHOLE_CLIP, digits: 0, counts: 'steps', meaning: 'Steps per minute, both feet counted. Most runners take 150–190.' },
  { id: 'pelvic-drop', key: 'pelvicDropDeg', label: 'Pelvic drop', event: 'at mid-stance', digits: 1, counts: 'stances', meaning: 'How far the hip of the swinging leg drops while the other foot carries the body (+ = drops).' },
  { id: 'lateral-trunk', key: 'lateralTrunkLeanDeg', label: 'Lateral trunk lean', event: 'at mid-stance', digits: 1, counts: 'stances', meaning: 'The trunk leaning sideways toward the standing leg.' },
  { id: 'step-width', key: 'stepWidthHipWidths', label: 'Step width', event: 'at contact', digits: 2, counts: 'steps', meaning: 'Sideways distance between the two feet\u2019s landings, in hip widths.' },
  { id: 'crossover', key: 'crossoverFraction', label: 'Crossover contacts', event: 'at contact', digits: 2, counts: 'contacts', meaning: 'Share of landings that cross the body\u2019s midline.' },
];

const fmtValue = (v: number, m: Measure, digits: number) => `${v.toFixed(digits)}${m.unit === 'deg' ? '°' : ` ${m.unit}`}`;

interface StrideValue {
  s: SideStride;
  v: number;
  frame: number;
}

function strideValues(a: GaitAnalysis, d: CardDef): StrideValue[] {
  if (!d.stride) return [];
  const { field, at, basis } = d.stride;
  const out: StrideValue[] = [];
  for (const s of a.strides) {
    const v = s[field];
    const frame = at === 'ic' ? s.icFrame : s.toFrame;
    if (typeof v !== 'number' || !Number.isFinite(v) || frame === null || strideLowConfidenceFor(s, basis)) continue;
    out.push({ s, v, frame });
  }
  return out;
}

const sideWord = (s: SideStride) => `${s.foot}${s.side ? ` (${s.side})` : ''}`;

/** The stride nearest the median (the near side first on ties: the camera sees it best). */
function typicalOf(values: StrideValue[], m: Measure, d: CardDef): FrameRef | null {
  if (m.value === null || values.length === 0) return null;
  const target = m.value;
  const best = [...values].sort((p, q) => Math.abs(p.v - target) - Math.abs(q.v - target) || (p.s.side === 'near' ? -1 : q.s.side === 'near' ? 1 : 0))[0];
  return { frame: best.frame, foot: best.s.foot, title: 'typical', detail: `${fmtValue(best.v, m, d.digits)}, ${sideWord(best.s)}` };
}

function pairOf(values: StrideValue[], m: Measure, d: CardDef): MeasureCard['pair'] {
  if (!d.pair || m.value === null || values.length < 3) return null;
  const sorted = [...values].sort((p, q) => q.v - p.v);
  const ref = (x: StrideValue, title: string): FrameRef => ({ frame: x.frame, foot: x.s.foot, title, detail: `${fmtValue(x.v, m, d.digits)}, ${sideWord(x.s)}` });
  return { most: ref(sorted[0], 'most extended'), least: ref(sorted[sorted.length - 1], 'least extended') };
}

/** Back view: the stance nearest the median of pelvic drop / lateral lean / step width. */
function backTypical(a: GaitAnalysis, d: CardDef, m: Measure): FrameRef | null {
  if (m.value === null) return null;
  const field = d.key === 'pelvicDropDeg' ? 'pelvicDropDeg' : d.key === 'lateralTrunkLeanDeg' ? 'lateralTrunkLeanDeg' : d.key === 'stepWidthHipWidths' ? 'stepWidthHipWidths' : null;
  if (!field) return null;
  const vals = a.backStances.filter((b) => b[field] !== null).map((b) => ({ b, v: b[field] as number }));
  if (!vals.length) return null;
  const best = vals.sort((p, q) => Math.abs(p.v - m.value!) - Math.abs(q.v - m.value!))[0];
  return { frame: best.b.midStanceFrame, foot: best.b.foot, title: 'typical', detail: `${fmtValue(best.v, m, d.digits)}, ${best.b.foot} stance` };
}

export function measureCards(a: GaitAnalysis, caveats: readonly MeasureCaveat[] = crossCheck(a)): MeasureCard[] {
  const back = a.view.view === 'back';
  const defs = back ? BACK_CARDS : SIDE_CARDS;
  // a clip of several parts: every figure is from one of them (the overview lists them), not from the whole clip
  const parts = (a.segments?.length ?? 0) > 1;
  return defs.map((d) => {
    const measure = a.summary[d.key];
    const caveat = caveatOf(caveats, d.key);
    const values = back ? [] : strideValues(a, d);
    return {
      id: d.id,
      key: d.key,
      label: d.label,
      event: parts && d.event === WHOLE_CLIP ? 'over one part of the clip (see the parts above)' : d.event,
      measure,
      digits: d.digits,
      counts: d.counts,
      meaning: d.meaning,
      reference: d.reference ?? null,
      caveat: caveat?.reason ?? null,
      sure: measureCertainty(measure, a, caveat, d.digits, d.counts),
      typical: back ? backTypical(a, d, measure) : typicalOf(values, measure, d),
      pair: back ? null : pairOf(values, measure, d),
    };
  });
}

/** Strike counts per foot (contacts whose strike was decided), and the contacts whose strike was unsure. */
export function strikeByFoot(a: GaitAnalysis): Record<Foot, { heel: number; midfoot: number; forefoot: number; undecided: number }> {
  const out = { left: { heel: 0, midfoot: 0, forefoot: 0, undecided: 0 }, right: { heel: 0, midfoot: 0, forefoot: 0, undecided: 0 } };
  for (const s of a.strides) {
    if (s.strike) out[s.foot][s.strike]++;
    else if (s.footAngleDeg !== null) out[s.foot].undecided++;
  }
  return out;
}

/** How many measures were measured, how many with caveats, how many not and why — in one line. */
export interface Coverage {
  measured: number;
  withCaveats: number;
  notMeasured: number;
  /** Reasons with the measures they apply to ("needs a view from behind: pelvic drop, …"). */
  reasons: string[];
  sentence: string;
}

export function coverageOf(cards: readonly MeasureCard[]): Coverage {
  const measured = cards.filter((c) => c.measure.value !== null);
  const withCaveats = measured.filter((c) => c.caveat !== null).length;
  const missing = cards.filter((c) => c.measure.value === null);
  const byReason = new Map<string, string[]>();
  for (const c of missing) {
    const r = plainReason(c.measure.reason ?? 'not measurable in this clip');
    byReason.set(r, [...(byReason.get(r) ?? []), c.label.toLowerCase()]);
  }
  const reasons = [...byReason].map(([r, labels]) => `${labels.join(', ')}: ${r}`);
  const parts = [`${measured.length} of ${cards.length} measures measured`];
  if (withCaveats) parts.push(`${withCaveats} with a caveat (shown as unreliable)`);
  if (missing.length) parts.push(`${missing.length} not measured (${reasons.join('; ')})`);
  return { measured: measured.length, withCaveats, notMeasured: missing.length, reasons, sentence: `${parts.join(', ')}.` };
}

/** The core's reasons in a clinician's words. */
function plainReason(r: string): string {
  if (/back-view/.test(r)) return 'needs a view from behind';
  if (/side view/.test(r)) return 'needs a side view';
  if (/MoveNet/.test(r)) return 'needs BlazePose (heel and toe keypoints)';
  return r;
}
