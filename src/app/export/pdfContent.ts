/**
 * What the PDF report says, in words (pure, no jsPDF): the measures table's cells, the captions of the stills (each
 * flag with its own foot, kind and frame), the thresholds drawn on the charts, and the methods written out for a patient
 * and a clinician. pdfReport.ts lays these out.
 */
import type { GaitAnalysis, PatternFlag } from '../../core/analysis';
import { thresholds as t } from '../../core/analysis';
import { CERTAINTY_MEANING, LEVEL_WORDS } from '../report/certainty';
import { FINDING_SHORT } from '../report/findingsModel';
import type { FrameRef, MeasureCard } from '../report/summaryModel';
import { FLAG_WORDS, FOOT_LETTER } from './still';

const deg0 = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? '\u2014' : `${Math.round(v)}°`);

/** A flag's readings in a few words ("knee 6°, foot 31°"; "trunk 1°, thigh 27°, trunk–thigh 26°"). */
export function flagReadings(f: PatternFlag): string {
  const v = f.values;
  if (f.kind === 'heel-strike-straight-knee') return `knee ${deg0(v.kneeFlexionDeg)}, foot ${deg0(v.footAngleDeg)}`;
  const parts = [`trunk ${deg0(v.trunkLeanDeg)}`, `thigh ${deg0(v.thighExtensionDeg)}`, `trunk–thigh ${deg0(v.trunkThighExtensionDeg)}`];
  if (f.thresholds.some((x) => x.name === 'LUMBAR_EXTENSION_HIGH_DEG')) parts.push(`lumbar ${deg0(v.lumbarExtensionEstimateDeg)} (estimate)`);
  return parts.join(', ');
}

/** "L heel strike on a nearly straight knee · frame 69 · knee 6°, foot 31°": the flag's own foot, kind and frame. */
export function flagCaption(f: PatternFlag): string {
  return `${FOOT_LETTER[f.foot]} ${FLAG_WORDS[f.kind]} · frame ${f.frame} · ${flagReadings(f)}`;
}

/** The flag a "frame to look at" was made from (same frame, foot and kind), or null (a typical frame). */
export function flagOfRef(a: GaitAnalysis, r: FrameRef): PatternFlag | null {
  return a.flags.find((f) => f.frame === r.frame && f.foot === r.foot && r.title.startsWith(FINDING_SHORT[f.kind])) ?? null;
}

/** The caption of a "frame to look at": its flag's caption, or for a typical frame its title, frame and readings. */
export function refCaption(a: GaitAnalysis, r: FrameRef): string {
  const f = flagOfRef(a, r);
  if (f) return flagCaption(f);
  const title = r.foot ? `${FOOT_LETTER[r.foot]} ${r.title.replace(/ · (left|right)$/, '').toLowerCase()}` : r.title;
  return `${title} · frame ${r.frame} · ${r.detail}`;
}

/** The flagged frames for the stills after the frames to look at: up to `max`, those not shown yet first, spread over
 *  the clip (not the first few in a row), in frame order. Always min(max, flagged frames) when there are that many. */
export function flaggedStillFrames(a: GaitAnalysis, shown: readonly number[], max = 6): number[] {
  const all = [...new Set(a.flags.map((f) => f.frame))].sort((p, q) => p - q);
  const fresh = all.filter((f) => !shown.includes(f));
  const pick = (from: number[], k: number) => {
    if (k >= from.length) return [...from];
    return Array.from({ length: k }, (_, i) => from[Math.round(((i + 0.5) * from.length) / k - 0.5)]);
  };
  const chosen = pick(fresh, max);
  if (chosen.length < max) chosen.push(...pick(all.filter((f) => !chosen.includes(f)), max - chosen.length));
  return [...new Set(chosen)].sort((p, q) => p - q);
}

/** Every caption line of a flagged still: one per flag on that frame, each its own. */
export function flaggedStillCaptions(a: GaitAnalysis, frame: number): string[] {
  return a.flags.filter((f) => f.frame === frame).map(flagCaption);
}

// ---- measures table

export interface MeasureRow {
  label: string;
  /** When it is read ("at initial contact", "over the whole clip"). */
  event: string;
  estimate: boolean;
  /** The value as printed: "12.3°", "unreliable", "not measured". */
  value: string;
  /** Printed under the value, smaller (the reading of an unreliable value). */
  valueNote: string | null;
  state: 'ok' | 'unreliable' | 'not-measured';
  /** Middle half of the strides and how many ("10.2 to 14.0 · 16 contacts"). */
  range: string;
  /** "L 12.0 / R 13.1", or "—". */
  sides: string;
  /** High / Moderate / Low, or "—" when not measured. */
  sure: string;
  /** The reference band or threshold, or "—". */
  reference: string;
  /** A line under the row: why the value is unreliable, why it was not measured, or why how sure is low. */
  note: string | null;
}

const unitOf = (u: string) => (u === 'deg' || u === '°' ? '°' : ` ${u}`);

export function measureRow(c: MeasureCard): MeasureRow {
  const m = c.measure;
  // a minus sign (en dash in the standard fonts), not a hyphen
  const f = (v: number | null) => (v === null || !Number.isFinite(v) ? '\u2014' : v.toFixed(c.digits).replace(/^-(?=\d)/, '\u2013'));
  const noun = m.n === 1 ? c.counts.replace(/s$/, '') : c.counts;
  const base = { label: c.label, event: c.event, estimate: m.estimate, reference: c.reference ?? '\u2014' };
  if (m.value === null) {
    return { ...base, value: 'not measured', valueNote: null, state: 'not-measured', range: '\u2014', sides: '\u2014', sure: '\u2014', note: `Not measured: ${m.reason ?? 'not measurable in this clip'}.` };
  }
  const reading = `${f(m.value)}${unitOf(m.unit)}`;
  const range = `${m.iqr ? `${f(m.iqr[0])} to ${f(m.iqr[1])} · ` : ''}${m.n} ${noun}`;
  const sides = m.left !== null || m.right !== null ? `L ${f(m.left)} / R ${f(m.right)}` : '\u2014';
  const sure = LEVEL_WORDS[c.sure.level];
  if (c.caveat) {
    return { ...base, value: 'unreliable', valueNote: `(reads ${reading})`, state: 'unreliable', range, sides, sure, note: `Unreliable: ${c.caveat}.` };
  }
  // a low "how sure" says why on the row (a moderate one is explained under the table and in the methods)
  const note = c.sure.level === 'low' && c.sure.why ? `How sure is low: ${c.sure.why}.` : null;
  return { ...base, value: reading, valueNote: null, state: 'ok', range, sides, sure, note };
}

// ---- chart thresholds

export interface ChartThreshold {
  value: number;
  /** Short label drawn at the line's right end. */
  label: string;
}

/** The thresholds that apply to a timeline panel (side view), drawn as lines: they apply at the events named. */
export function panelThresholds(panelId: string): ChartThreshold[] {
  switch (panelId) {
    case 'trunk':
      return [
        { value: t.TRUNK_UPRIGHT_MAX_DEG, label: `trunk upright ${t.TRUNK_UPRIGHT_MAX_DEG}° (at toe-off)` },
        { value: t.LUMBAR_EXTENSION_HIGH_DEG, label: `lumbar high ${t.LUMBAR_EXTENSION_HIGH_DEG}° (estimate)` },
      ];
    case 'thigh':
      return [{ value: t.THIGH_EXTENSION_HIGH_DEG, label: `high ${t.THIGH_EXTENSION_HIGH_DEG}° (at toe-off)` }];
    case 'knee':
      return [{ value: t.STRAIGHT_KNEE_MAX_DEG, label: `nearly straight ${t.STRAIGHT_KNEE_MAX_DEG}° (at contact)` }];
    case 'foot':
      return [{ value: t.STRIKE_HEEL_MIN_DEG, label: `heel strike ${t.STRIKE_HEEL_MIN_DEG}° (at contact)` }];
    default:
      return [];
  }
}

// ---- methods, in words

export interface MethodsSection {
  title: string;
  paragraphs: string[];
  /** Bulleted lines after the paragraphs. */
  items?: string[];
}

const pct = (x: number) => `${Math.round(x * 100)} %`;

export function methodsSections(a: GaitAnalysis, cards: readonly MeasureCard[]): MethodsSection[] {
  const side = a.view.view !== 'back';
  const model = a.quality.footKeypoints
    ? 'a pose model (BlazePose) marked 33 points of the body on every frame — shoulders, hips, knees, ankles, heels and toes'
    : 'a pose model (MoveNet) marked 17 points of the body on every frame (no heels or toes, so no foot angles)';
  const how: string[] = [
    `The video was analysed on this device, in the browser; nothing was uploaded. ${model[0].toUpperCase()}${model.slice(1)}. ` +
      'The points were cleaned (single-frame jumps rejected, short gaps bridged, left and right kept apart) and smoothed.',
    side
      ? "Each foot's landing (initial contact) and lift-off (toe-off) were found from the feet's motion relative to the pelvis (after Zeni et al. 2008), " +
        'refined from the paths of the heel and the toe (after Handsaker et al. 2016). Angles are read at those events, stride by stride; each measure ' +
        'is the median over the strides, with the middle half of the strides as its range and the left and right feet apart. Strides whose events were ' +
        'not timed well are left out of the figures.'
      : "Viewed from behind, each foot's mid-stance was found from the feet's height; pelvic drop, lateral trunk lean and step width are read there, " +
        'and each measure is the median over the stances, with the middle half as its range.',
  ];
  if (a.timeScale) how.push(`Slow motion: the clip was filmed at ${a.timeScale.captureFps} fps and plays slower; every time in this report is real time.`);
  if (a.eventsCorrected) how.push('Some events were corrected by hand in StrideScope; every figure in this report is computed from the corrected events.');

  const measures = cards.map((c) => `${c.label}${c.measure.estimate ? ' (an estimate)' : ''}, ${c.event}: ${c.meaning}`);

  const thresholdItems: string[] = [];
  if (side) {
    thresholdItems.push(
      `Foot strike: a heel strike when the sole is more than ${t.STRIKE_HEEL_MIN_DEG}° toes-up at contact (against the same foot flat on the ground), a forefoot strike below ${t.STRIKE_FOREFOOT_MAX_DEG}°, midfoot in between. These are the foot-strike-angle bands of Altman & Davis 2012 (Gait & Posture 35:298). A contact too close to a band's edge to tell is left unclassified.`,
      `Nearly straight knee at a heel strike: knee flexion at contact ${t.STRAIGHT_KNEE_MAX_DEG}° or less. StrideScope threshold; runners typically land with 15–25° (Novacheck 1998).`,
      `Trunk upright or leaning back at toe-off: forward lean ${t.TRUNK_UPRIGHT_MAX_DEG}° or less. StrideScope threshold; a typical running lean is 5–10° forward (Folland et al. 2017).`,
      `Thigh far behind at toe-off: thigh extension ${t.THIGH_EXTENSION_HIGH_DEG}° or more, or trunk–thigh extension ${t.TRUNK_THIGH_EXTENSION_HIGH_DEG}° or more. StrideScope thresholds, above typical toe-off values (about 15–22° for the thigh).`,
      `Lumbar extension (estimate) high: ${t.LUMBAR_EXTENSION_HIGH_DEG}° or more. StrideScope threshold, beyond the 5–10° the low back moves in running (Schache et al. 2002).`,
      `Extended posture at toe-off: the trunk upright or back (or the lumbar estimate high) AND the thigh far behind, at the thigh's furthest-back point of the stride. Each of the two signs is reported present when it is seen at ${pct(t.PATTERN_PRESENT_FRACTION)} or more of the strides judged.`,
    );
  } else {
    thresholdItems.push('Viewed from behind, no threshold is applied: the values are given with their range for the clinician to judge. The extended-posture pattern needs a side view.');
  }

  return [
    { title: 'How the video was analysed', paragraphs: how },
    { title: 'What each measure is', paragraphs: [], items: measures },
    { title: 'Thresholds and where they come from', paragraphs: [], items: thresholdItems },
    {
      title: 'How sure',
      paragraphs: [
        `${CERTAINTY_MEANING} A value that disagrees with another measure (for example contact plus flight time not adding up to the step time the cadence gives, or the two legs differing more than one runner's legs do) is printed as unreliable, with the reason, instead of as a number.`,
      ],
    },
    ...(side
      ? [
          {
            title: 'Estimates: lumbar extension and pelvic tilt',
            paragraphs: [
              `These two are estimates, not measurements: a camera sees the trunk and the thigh, not the pelvis or the spine. They assume the hip itself extends no further than a typical ${t.HIP_EXTENSION_TYPICAL_DEG}° at toe-off (Novacheck 1998; Schache et al. 1999) and put the rest of the thigh's extension down to the pelvis tilting forward and the low back arching. A runner with a large hip range therefore reads as pelvic tilt. For the front of the hip (iliopsoas), use the trunk–thigh extension, which is measured.`,
            ],
          },
        ]
      : []),
    {
      title: 'Limits',
      paragraphs: [
        'Every figure is a 2-D estimate from one video, not a diagnosis. The camera angle (square to the runner is best), clothing, light and the frame rate affect it, and the leg further from the camera is seen worst. This report supports a clinical assessment by a qualified professional; it does not replace one.',
      ],
    },
    {
      title: 'Sources',
      paragraphs: [],
      items: [
        'Altman AR, Davis IS (2012) A kinematic method for footstrike pattern detection in barefoot and shod runners. Gait Posture 35:298–300.',
        'Zeni JA, Richards JG, Higginson JS (2008) Two simple methods for determining gait events during treadmill and overground walking using kinematic data. Gait Posture 27:710–714.',
        'Handsaker JC et al. (2016) A kinematic algorithm to identify gait events during running at different speeds and with different footstrike types. J Biomech 49:4128–4133.',
        'Novacheck TF (1998) The biomechanics of running. Gait Posture 7:77–95.',
        'Schache AG et al. (1999) Clin Biomech 14:327; (2002) Gait Posture 15:136.',
        'Folland JP et al. (2017) Running technique is an important component of running economy and performance. Med Sci Sports Exerc 49:1412.',
        'Heiderscheit BC et al. (2011) Effects of step rate manipulation on joint mechanics during running. Med Sci Sports Exerc 43:296–302.',
      ],
    },
  ];
}

/** The one-line legend under the measures table. */
export const SURE_LEGEND = 'How sure: High, Moderate or Low, the weakest of how many strides carry the value, how well they agree, the frame rate (times), the camera and pose, whether it is a model estimate, and whether it agrees with the other measures (see Methods).';
