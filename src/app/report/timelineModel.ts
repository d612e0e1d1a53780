/**
 * What the consult-view timeline draws, derived from a GaitAnalysis (pure, no DOM): the angle panels and their
 * traces, the stance bands and event marks per foot, and the flagged-frame bands. Kept apart from the D3 drawing so
 * it can be unit-tested and so the drawing code only maps data to pixels.
 */
import type { AngleSeries, Foot, GaitAnalysis, PatternFlag } from '../../core/analysis';
import { THRESHOLD_VALUE_KEY } from '../../core/analysis/pattern';

export interface Trace {
  key: keyof AngleSeries;
  label: string;
  /** 'left' / 'right' colour the line by side; 'centre' for whole-body measures. */
  side: Foot | 'centre';
  /** Drawn dashed and labelled as an estimate (lumbar extension). */
  estimate: boolean;
  values: (number | null)[];
}

export interface Panel {
  id: string;
  title: string;
  unit: string;
  traces: Trace[];
  /** Value range over all traces (padded), or null when the panel has no value at all. */
  extent: [number, number] | null;
}

export interface EventMark {
  type: 'IC' | 'TO';
  foot: Foot;
  frame: number;
  subFrame: number;
  confidence: number;
  /** The event's timing is uncertain: drawn faint, and the strides resting on it are left out of the figures. */
  lowConfidence: boolean;
}

export interface StanceBand {
  foot: Foot;
  from: number;
  to: number;
}

export interface FlagBand {
  /** Index into analysis.flags. */
  index: number;
  kind: PatternFlag['kind'];
  foot: Foot;
  frame: number;
  from: number;
  to: number;
  /** 0–1: how far past its thresholds the flag is, scaled by its confidence (band opacity). */
  severity: number;
  title: string;
}

/** A kind of flag raised at (nearly) every stride it judges: said once, not painted on every stride. */
export interface SummarisedFlags {
  kind: PatternFlag['kind'];
  title: string;
  flagged: number;
  /** Contacts / toe-offs judged. */
  of: number;
}

export interface TimelineModel {
  frameCount: number;
  panels: Panel[];
  events: EventMark[];
  /** The automatically detected events, when the events were corrected by hand (drawn faint); else empty. */
  detected: EventMark[];
  stances: StanceBand[];
  /** Bands for the flags of the kinds raised at some strides only. */
  flags: FlagBand[];
  /** The kinds raised at SUMMARISE_FLAG_SHARE or more of the strides they judge: no bands (they would cover the whole
   *  clip and single nothing out), a line instead. */
  summarised: SummarisedFlags[];
}

/** A kind of flag at this share of its strides or more is summarised rather than drawn stride by stride. */
export const SUMMARISE_FLAG_SHARE = 0.8;

const PANEL_DEFS: { id: string; title: string; unit: string; traces: Omit<Trace, 'values'>[] }[] = [
  {
    id: 'trunk',
    title: 'Trunk lean and lumbar extension (estimate)',
    unit: '°',
    traces: [
      { key: 'trunkLeanDeg', label: 'trunk lean (+ forward)', side: 'centre', estimate: false },
      { key: 'lumbarExtensionEstimateDeg', label: 'lumbar extension (estimate)', side: 'centre', estimate: true },
    ],
  },
  {
    id: 'thigh',
    title: 'Thigh extension (solid) and trunk–thigh extension (dotted)',
    unit: '°',
    traces: [
      { key: 'thighExtensionLeftDeg', label: 'thigh extension, left', side: 'left', estimate: false },
      { key: 'thighExtensionRightDeg', label: 'thigh extension, right', side: 'right', estimate: false },
      { key: 'trunkThighExtensionLeftDeg', label: 'trunk–thigh extension, left', side: 'left', estimate: false },
      { key: 'trunkThighExtensionRightDeg', label: 'trunk–thigh extension, right', side: 'right', estimate: false },
    ],
  },
  {
    id: 'knee',
    title: 'Knee flexion',
    unit: '°',
    traces: [
      { key: 'kneeFlexionLeftDeg', label: 'knee flexion, left', side: 'left', estimate: false },
      { key: 'kneeFlexionRightDeg', label: 'knee flexion, right', side: 'right', estimate: false },
    ],
  },
  {
    id: 'foot',
    title: 'Foot angle (+ toes up)',
    unit: '°',
    traces: [
      { key: 'footAngleLeftDeg', label: 'foot angle, left', side: 'left', estimate: false },
      { key: 'footAngleRightDeg', label: 'foot angle, right', side: 'right', estimate: false },
    ],
  },
];

const BACK_PANEL_DEFS: typeof PANEL_DEFS = [
  {
    id: 'pelvis',
    title: 'Pelvic drop (+ swing-side hip lower)',
    unit: '°',
    traces: [{ key: 'pelvicDropDeg', label: 'pelvic drop', side: 'centre', estimate: false }],
  },
  {
    id: 'trunk',
    title: 'Trunk lean',
    unit: '°',
    traces: [{ key: 'trunkLeanDeg', label: 'trunk lean', side: 'centre', estimate: false }],
  },
];

/** Value range of a panel: 2nd–98th percentile of all its values, padded (a swing foot pointing 70° down, or a
 *  single-frame glitch, would otherwise flatten the contact values that matter); the drawing clamps to it. */
function extentOf(traces: Trace[]): [number, number] | null {
  const all: number[] = [];
  for (const t of traces) for (const v of t.values) if (v !== null && Number.isFinite(v)) all.push(v);
  if (all.length === 0) return null;
  all.sort((a, b) => a - b);
  const q = (p: number) => all[Math.min(all.length - 1, Math.max(0, Math.round(p * (all.length - 1))))];
  const lo = q(0.02);
  const hi = q(0.98);
  const pad = Math.max(2, 0.1 * (hi - lo));
  return [Math.floor(lo - pad), Math.ceil(hi + pad)];
}

const FLAG_TITLES: Record<PatternFlag['kind'], string> = {
  'extension-at-toe-off': 'Extension at toe-off',
  'heel-strike-straight-knee': 'Heel strike on a nearly straight knee',
};

/** How far a flag's values go past its thresholds (degrees past, summed, 10° = full), times its confidence. */
export function flagSeverity(f: PatternFlag): number {

  let past = 0;
  for (const t of f.thresholds) {
    const v = f.values[THRESHOLD_VALUE_KEY[t.name]];
    if (v === null || v === undefined) continue;
    past += Math.max(0, t.comparison === '>=' ? v - t.value : t.value - v);
  }
  const conf = Number.isFinite(f.confidence) ? Math.max(0, Math.min(1, f.confidence)) : 0.5;
  return Math.max(0.15, Math.min(1, (0.3 + 0.7 * Math.min(1, past / 10)) * (0.5 + 0.5 * conf)));
}

export function buildTimelineModel(a: GaitAnalysis): TimelineModel {
  const series = a.series;
  const defs = a.view.view === 'back' ? BACK_PANEL_DEFS : PANEL_DEFS;
  const panels: Panel[] = series
    ? defs
        .map((d) => {
          const traces = d.traces.map((t) => ({ ...t, values: (series[t.key] as (number | null)[]) ?? [] }));
          return { id: d.id, title: d.title, unit: d.unit, traces, extent: extentOf(traces) };
        })
        .filter((p) => p.extent !== null)
    : [];
  const mark = (e: GaitAnalysis['events'][number]): EventMark => ({ type: e.type, foot: e.foot, frame: e.frame, subFrame: e.subFrame, confidence: e.confidence, lowConfidence: !!e.lowConfidence });
  const events: EventMark[] = a.events.map(mark);
  const detected: EventMark[] = a.eventsCorrected && a.detectedEvents ? a.detectedEvents.map(mark) : [];
  const stances: StanceBand[] = [];
  for (const foot of ['left', 'right'] as Foot[]) {
    const evs = a.events.filter((e) => e.foot === foot).sort((x, y) => x.subFrame - y.subFrame);
    for (let i = 0; i < evs.length; i++) {
      if (evs[i].type !== 'IC') continue;
      const to = evs[i + 1]?.type === 'TO' ? evs[i + 1] : null;
      if (to) stances.push({ foot, from: evs[i].subFrame, to: to.subFrame });
    }
  }
  const judged = (k: PatternFlag['kind']) => (k === 'extension-at-toe-off' ? a.summary.pattern.extensionAtToeOff.strides : a.summary.pattern.heelStrikeStraightKnee.contacts);
  const summarised: SummarisedFlags[] = [];
  for (const kind of ['heel-strike-straight-knee', 'extension-at-toe-off'] as const) {
    const n = a.flags.filter((f) => f.kind === kind).length;
    const of = judged(kind);
    if (n > 0 && of > 0 && n / of >= SUMMARISE_FLAG_SHARE) summarised.push({ kind, title: FLAG_TITLES[kind], flagged: n, of });
  }
  const flags: FlagBand[] = a.flags.map((f, index) => ({
    index,
    kind: f.kind,
    foot: f.foot,
    frame: f.frame,
    from: Math.min(...f.frames) - 0.5,
    to: Math.max(...f.frames) + 0.5,
    severity: flagSeverity(f),
    title: `${FLAG_TITLES[f.kind]} (${f.foot}, frame ${f.frame}): ${f.reasons.join('; ')}`,
  })).filter((b) => !summarised.some((s) => s.kind === b.kind));
  return { frameCount: a.frameCount, panels, events, detected, stances, flags, summarised };
}

/** The event frame after (dir = 1) or before (dir = −1) `frame`, or null. */
export function adjacentEventFrame(events: readonly { frame: number }[], frame: number, dir: 1 | -1): number | null {
  let best: number | null = null;
  for (const e of events) {
    if (dir > 0 ? e.frame > frame && (best === null || e.frame < best) : e.frame < frame && (best === null || e.frame > best)) best = e.frame;
  }
  return best;
}

/** Gait phase of `foot` at `frame`: 'stance' inside an IC→TO band, 'swing' between bands, null outside any stride. */
export function phaseAt(stances: readonly StanceBand[], foot: Foot, frame: number): 'stance' | 'swing' | null {
  const mine = stances.filter((s) => s.foot === foot);
  if (mine.some((s) => frame >= s.from && frame < s.to)) return 'stance';
  const first = mine[0];
  const last = mine[mine.length - 1];
  if (first && last && frame >= first.from && frame < last.to) return 'swing';
  return null;
}
