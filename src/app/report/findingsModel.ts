/**
 * The report's first screen in plain words (pure): what was found — one sentence per pattern with its count and share
 * of the strides it judges, and how sure — what the counts count and why they differ, and the three or four frames
 * that show it best.
 */
import type { Foot, GaitAnalysis, PatternFlag } from '../../core/analysis';
import { thresholds } from '../../core/analysis';
import { cameraFactor, withWhy, type Certainty, type Factor, type Level } from './certainty';
import type { FrameRef } from './summaryModel';
import { flagSeverity } from './timelineModel';

export type FindingId = PatternFlag['kind'];

export interface Finding {
  id: FindingId;
  /** "Heel strike on a nearly straight knee". */
  title: string;
  /** The finding with its count and share ("at 32 of 32 measured contacts (100 %) — left 16, right 16"). */
  sentence: string;
  flagged: number;
  /** Contacts / toe-offs judged (the share's denominator). */
  of: number;
  present: boolean;
  sure: Certainty;
}

export interface Overview {
  /** Whether the extended-posture pattern could be judged on this clip; `verdict` says why not when it could not. */
  judged: boolean;
  /** One line: the pattern present, partly present, not seen, or why it was not judged. */
  verdict: string;
  findings: Finding[];
  /** What the counts count, and why they differ: short lines (found; judged, with what was left out and why; strides). */
  counts: string[];
}

export const FINDING_TITLES: Record<FindingId, string> = {
  'heel-strike-straight-knee': 'Heel strike on a nearly straight knee',
  'extension-at-toe-off': 'Extension at toe-off',
};
/** The same, short enough for a thumbnail's caption. */
export const FINDING_SHORT: Record<FindingId, string> = {
  'heel-strike-straight-knee': 'Straight-knee heel strike',
  'extension-at-toe-off': 'Extended at toe-off',
};

const pct = (k: number, n: number) => `${Math.round((100 * k) / Math.max(1, n))} %`;

function feetWords(flags: readonly PatternFlag[]): string {
  const l = flags.filter((f) => f.foot === 'left').length;
  const r = flags.length - l;
  return `left ${l}, right ${r}`;
}

const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};

/** One condition of a pattern: the typical reading against its threshold, and the margin one reading can be off by. */
interface Condition {
  what: string;
  value: number;
  threshold: number;
  /** One reading's uncertainty: the typical value must clear the threshold by this to count as clear. */
  needed: number;
}

const clear = (c: Condition) => Number.isFinite(c.value) && Math.abs(c.value - c.threshold) >= c.needed;
const conditionWords = (c: Condition) => `typical ${c.what} ${c.value.toFixed(1)}° against the ${c.threshold}° threshold`;

/**
 * Factors of a finding's certainty: how many it judged, how clear-cut the share is, and the camera — and how far the
 * typical readings sit from their thresholds. A pattern needs every one of its `groups` of conditions (each group: any
 * one of its conditions): when the finding is absent, one group clearly failing is enough to be sure; when present,
 * every group must clear its threshold.
 */
function findingCertainty(n: number, k: number, groups: Condition[][], a: GaitAnalysis, noun: string): Certainty {
  const factors: Factor[] = [];
  factors.push({ name: noun, reading: `${n} judged`, level: n >= 6 ? 'high' : n >= 3 ? 'moderate' : 'low' });
  const share = n ? k / n : 0;
  const clearCut = share >= 0.75 || share <= 0.25;
  factors.push({ name: 'clear-cut', reading: clearCut ? `${k} of ${n}: clear` : `${k} of ${n}: about half, borderline`, level: clearCut ? 'high' : 'moderate' });
  const known = groups.map((g) => g.filter((c) => Number.isFinite(c.value))).filter((g) => g.length);
  if (known.length) {
    const present = share >= 0.5;
    const groupClear = known.map((g) => g.some(clear));
    const sure = present ? groupClear.every(Boolean) : groupClear.some(Boolean);
    const shown = known.flat();
    factors.push({
      name: 'margin',
      reading: sure ? shown.map(conditionWords).join('; ') : `${shown.map(conditionWords).join('; ')} — too close to tell one reading from the threshold (${shown.map((c) => `±${Math.round(c.needed)}°`).join(', ')})`,
      level: sure ? 'high' : 'moderate',
    });
  }
  factors.push(cameraFactor(a));
  return withWhy(factors);
}

export function overviewOf(a: GaitAnalysis): Overview {
  const counts = countsOf(a);
  if (a.activity === 'none') return { judged: false, verdict: 'No running found, so nothing was judged.', findings: [], counts };
  if (a.activity === 'walking') return { judged: false, verdict: 'This clip shows walking: the extended-posture pattern is judged on running (a heel strike on a nearly straight knee is normal in walking).', findings: [], counts };
  if (a.view.view !== 'side') return { judged: false, verdict: 'The extended-posture pattern is judged from the side: film the runner side-on to check it. This view gives pelvic drop, trunk lean and crossover.', findings: [], counts };

  const p = a.summary.pattern;
  const fps = a.fps > 0 ? a.fps : 30;
  const kneeUncertainty = Math.max(thresholds.STRAIGHT_KNEE_MARGIN_MIN_DEG, thresholds.STRAIGHT_KNEE_MARGIN_30FPS_DEG * (30 / fps));
  const findings: Finding[] = [];

  const hs = a.flags.filter((f) => f.kind === 'heel-strike-straight-knee');
  const hsN = p.heelStrikeStraightKnee.contacts;
  const kneeMed = median(a.strides.filter((s) => s.strike === 'heel' && s.kneeFlexionIcDeg !== null && !s.lowConfidenceEvents.includes('ic')).map((s) => s.kneeFlexionIcDeg as number));
  findings.push({
    id: 'heel-strike-straight-knee',
    title: FINDING_TITLES['heel-strike-straight-knee'],
    sentence:
      hsN === 0
        ? 'not judged: no contact had both a sure strike and a knee reading.'
        : hs.length
          ? `at ${hs.length} of ${hsN} measured contacts (${pct(hs.length, hsN)}) — ${feetWords(hs)}.`
          : `not seen in ${hsN} measured contacts.`,
    flagged: hs.length,
    of: hsN,
    present: p.heelStrikeStraightKnee.present,
    sure: findingCertainty(hsN, hs.length, [[{ what: 'knee at a heel strike', value: kneeMed, threshold: thresholds.STRAIGHT_KNEE_MAX_DEG, needed: kneeUncertainty }]], a, 'contacts'),
  });

  const ext = a.flags.filter((f) => f.kind === 'extension-at-toe-off');
  const extN = p.extensionAtToeOff.strides;
  const sure = (v: number | null) => (v === null ? NaN : v);
  findings.push({
    id: 'extension-at-toe-off',
    title: FINDING_TITLES['extension-at-toe-off'],
    sentence:
      extN === 0
        ? 'not judged: no toe-off had both a sure timing and trunk and thigh readings.'
        : ext.length
          ? `at ${ext.length} of ${extN} measured toe-offs (${pct(ext.length, extN)}) — ${feetWords(ext)}: trunk upright or back while the thigh is far behind.`
          : `not seen in ${extN} measured toe-offs (trunk leaning forward ${fmtDeg(a.summary.trunkLeanToDeg.value)}, trunk–thigh extension ${fmtDeg(a.summary.trunkThighExtensionToDeg.value)}).`,
    flagged: ext.length,
    of: extN,
    present: p.extensionAtToeOff.present,
    sure: findingCertainty(
      extN,
      ext.length,
      // trunk upright (per-stride error of the trunk lean at toe-off ≤ 1.8° at 30 fps, METHODS §4) and the thigh far
      // behind (the thigh's lift-off peak is under-read by 2–5° at 30 fps)
      [
        [{ what: 'trunk lean', value: sure(a.summary.trunkLeanToDeg.value), threshold: thresholds.TRUNK_UPRIGHT_MAX_DEG, needed: 2 }],
        [
          { what: 'thigh extension', value: sure(a.summary.thighExtensionToDeg.value), threshold: thresholds.THIGH_EXTENSION_HIGH_DEG, needed: 5 },
          { what: 'trunk–thigh extension', value: sure(a.summary.trunkThighExtensionToDeg.value), threshold: thresholds.TRUNK_THIGH_EXTENSION_HIGH_DEG, needed: 5 },
        ],
      ],
      a,
      'toe-offs',
    ),
  });

  const present = findings.filter((f) => f.present);
  const verdict =
    hsN === 0 && extN === 0
      ? 'Not enough strides to judge the extended-posture pattern.'
      : present.length === 2
        ? 'Extended-posture pattern present: extension at toe-off and heel strikes on a nearly straight knee.'
        : present.length === 1
          ? `Extended-posture pattern partly present: ${present[0].id === 'heel-strike-straight-knee' ? 'heel strikes on a nearly straight knee, without marked extension at toe-off' : 'extension at toe-off, without straight-knee heel strikes'}.`
          : a.flags.length
            ? 'Extended-posture pattern not present: its signs were seen at under half of the strides judged.'
            : 'No sign of the extended-posture pattern.';
  return { judged: true, verdict, findings, counts };
}

function fmtDeg(v: number | null): string {
  return v === null ? '—' : `${v.toFixed(1)}°`;
}

/** What each count counts, and why the numbers differ, in short lines. */
export function countsOf(a: GaitAnalysis): string[] {
  const ic = a.events.filter((e) => e.type === 'IC');
  const to = a.events.filter((e) => e.type === 'TO');
  if (a.view.view !== 'side' || a.activity === 'none') {
    if (a.backStances.length) return [`${a.backStances.length} mid-stances measured (from behind; contacts and toe-offs need a side view).`];
    return [ic.length || to.length ? `${ic.length} contacts and ${to.length} toe-offs found.` : 'No contacts or toe-offs found.'];
  }
  const st = a.summary.strides;
  const strides = `Strides: ${st.total} complete, each from a contact to the same foot's next (left ${st.left}, right ${st.right}).`;
  const found = `Found: ${ic.length} contacts and ${to.length} toe-offs.`;
  if (a.activity !== 'running') return [found, strides];
  const p = a.summary.pattern;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  // contacts: judged = a sure timing, a decided strike and a knee reading
  const icLow = ic.filter((e) => e.lowConfidence).length;
  const unsure = a.strides.filter((s) => s.strike === null && s.footAngleDeg !== null && !s.lowConfidenceEvents.includes('ic')).length;
  const icRest = Math.max(0, ic.length - p.heelStrikeStraightKnee.contacts - icLow - unsure);
  const icWhy = [icLow ? `${icLow} not timed well` : '', unsure ? `${unsure} with an unsure strike` : '', icRest ? `${icRest} without a strike or knee reading` : ''].filter(Boolean);
  // toe-offs: judged = in a stride (after a contact of the same foot), a sure timing, trunk and thigh readings
  const paired = a.strides.filter((s) => s.toFrame !== null);
  const toLow = paired.filter((s) => s.lowConfidenceEvents.includes('to')).length;
  const unpaired = Math.max(0, to.length - paired.length);
  const toRest = Math.max(0, paired.length - toLow - p.extensionAtToeOff.strides);
  const toWhy = [toLow ? `${toLow} not timed well` : '', unpaired ? `${unpaired} without a contact before it in the clip` : '', toRest ? `${toRest} without trunk and thigh readings` : ''].filter(Boolean);
  const judged =
    `Judged: ${plural(p.heelStrikeStraightKnee.contacts, 'contact')}${icWhy.length ? ` (left out: ${icWhy.join(', ')})` : ''}` +
    ` and ${plural(p.extensionAtToeOff.strides, 'toe-off')}${toWhy.length ? ` (left out: ${toWhy.join(', ')})` : ''}.`;
  return [found, judged, strides];
}

/** Up to `max` frames that show the findings best: the strongest flags (how far past their thresholds, times their
 *  confidence), the near side first, alternating feet and kinds; with nothing flagged, a typical contact and toe-off. */
export function framesToLookAt(a: GaitAnalysis, max = 4): FrameRef[] {
  if (a.flags.length) {
    const byKind = new Map<FindingId, PatternFlag[]>();
    for (const f of a.flags) byKind.set(f.kind, [...(byKind.get(f.kind) ?? []), f]);
    const ranked = [...byKind.values()].map((fl) =>
      alternateFeet([...fl].sort((p, q) => flagSeverity(q) - flagSeverity(p) || (p.side === 'near' ? -1 : q.side === 'near' ? 1 : 0) || p.frame - q.frame)),
    );
    const out: PatternFlag[] = [];
    for (let i = 0; out.length < max && ranked.some((r) => i < r.length); i++) for (const r of ranked) if (i < r.length && out.length < max) out.push(r[i]);
    return out.map((f) => ({ frame: f.frame, foot: f.foot, title: `${FINDING_SHORT[f.kind]} · ${f.foot}`, detail: flagDetail(f) }));
  }
  const out: FrameRef[] = [];
  const near = a.strides.filter((s) => s.side !== 'far' && !s.lowConfidence);
  const pool = near.length ? near : a.strides.filter((s) => !s.lowConfidence);
  const knee = pool.filter((s) => s.kneeFlexionIcDeg !== null);
  const kMed = median(knee.map((s) => s.kneeFlexionIcDeg as number));
  const kBest = knee.sort((p, q) => Math.abs((p.kneeFlexionIcDeg as number) - kMed) - Math.abs((q.kneeFlexionIcDeg as number) - kMed))[0];
  if (kBest) out.push({ frame: kBest.icFrame, foot: kBest.foot, title: `Typical contact · ${kBest.foot}`, detail: `knee ${(kBest.kneeFlexionIcDeg as number).toFixed(1)}°${kBest.footAngleDeg !== null ? `, foot ${kBest.footAngleDeg.toFixed(1)}°` : ''}` });
  const tt = pool.filter((s) => s.trunkThighExtensionToDeg !== null && s.toFrame !== null);
  const tMed = median(tt.map((s) => s.trunkThighExtensionToDeg as number));
  const tBest = tt.sort((p, q) => Math.abs((p.trunkThighExtensionToDeg as number) - tMed) - Math.abs((q.trunkThighExtensionToDeg as number) - tMed))[0];
  if (tBest) out.push({ frame: tBest.toFrame as number, foot: tBest.foot, title: `Typical toe-off · ${tBest.foot}`, detail: `trunk–thigh ${(tBest.trunkThighExtensionToDeg as number).toFixed(1)}°, trunk ${(tBest.trunkLeanToDeg ?? 0).toFixed(1)}°` });
  return out.slice(0, max);
}

function alternateFeet(flags: PatternFlag[]): PatternFlag[] {
  const by: Record<Foot, PatternFlag[]> = { left: flags.filter((f) => f.foot === 'left'), right: flags.filter((f) => f.foot === 'right') };
  const first: Foot = flags[0]?.foot ?? 'left';
  const second: Foot = first === 'left' ? 'right' : 'left';
  const out: PatternFlag[] = [];
  for (let i = 0; i < flags.length; i++) {
    const f = by[i % 2 === 0 ? first : second].shift() ?? by[first].shift() ?? by[second].shift();
    if (f) out.push(f);
  }
  return out;
}

function flagDetail(f: PatternFlag): string {
  const v = f.values;
  const d = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${x.toFixed(1)}°`);
  return f.kind === 'heel-strike-straight-knee' ? `knee ${d(v.kneeFlexionDeg)}, foot ${d(v.footAngleDeg)}` : `trunk ${d(v.trunkLeanDeg)}, trunk–thigh ${d(v.trunkThighExtensionDeg)}`;
}
