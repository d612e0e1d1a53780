/**
 * Two analyses side by side (pure): what kind of pair it is, the measure deltas, and the frame of the second clip
 * that matches a frame of the first at the same point of the gait cycle.
 */
import type { GaitAnalysis } from '../../core/analysis';
import { worst, type Level } from './certainty';
import { measureCards } from './summaryModel';

export type PairKind = 'views' | 'sessions';

/** A side clip and a back clip are two views of one session; two clips of the same view are two sessions. */
export function pairKind(a: GaitAnalysis, b: GaitAnalysis): PairKind {
  return a.view.view !== b.view.view ? 'views' : 'sessions';
}

export interface DeltaRow {
  id: string;
  label: string;
  event: string;
  unit: string;
  before: number | null;
  after: number | null;
  /** after − before, null when either is missing. */
  delta: number | null;
  digits: number;
  estimate: boolean;
  /** The lower of the two confidences (JSON-style, 0–1). */
  confidence: number;
  /** How sure the change is: the weaker of the two values' "how sure", or low when either carries a caveat. */
  sure: Level;
  /** Why it is not high (the weaker value's factors), '' when it is. */
  sureWhy: string;
}

export function measureDeltas(before: GaitAnalysis, after: GaitAnalysis): DeltaRow[] {
  const b = measureCards(before);
  const a = new Map(measureCards(after).map((c) => [c.id, c]));
  return b.map((c) => {
    const o = a.get(c.id);
    const x = c.measure.value;
    const y = o?.measure.value ?? null;
    return {
      id: c.id,
      label: c.label,
      event: c.event,
      unit: c.measure.unit,
      before: x,
      after: y,
      delta: x !== null && y !== null ? Math.round((y - x) * 10 ** c.digits) / 10 ** c.digits : null,
      digits: c.digits,
      estimate: c.measure.estimate,
      confidence: Math.min(c.measure.confidence, o?.measure.confidence ?? 0),
      sure: worst([c.sure.level, o?.sure.level ?? 'low']),
      sureWhy: [c.sure.why && `before — ${c.sure.why}`, o?.sure.why && `after — ${o.sure.why}`].filter(Boolean).join('; '),
    };
  });
}

/**
 * The frame of `b` at the same point of the gait cycle as `frameA` of `a`: the last event of `a` at or before
 * `frameA` (its type, foot and its number among `a`'s events of that type and foot), the same-numbered event of `b`
 * (clamped to those `b` has), then the same time after it (frame rates may differ). Before `a`'s first event the
 * clips are aligned on their first events.
 */
export function matchingFrame(a: GaitAnalysis, b: GaitAnalysis, frameA: number): number {
  const clamp = (f: number) => Math.max(0, Math.min(b.frameCount - 1, Math.round(f)));
  if (!a.events.length || !b.events.length) return clamp((frameA * b.fps) / a.fps);
  const sorted = [...a.events].sort((x, y) => x.frame - y.frame);
  const anchor = [...sorted].reverse().find((e) => e.frame <= frameA) ?? sorted[0];
  const sameA = sorted.filter((e) => e.type === anchor.type && e.foot === anchor.foot);
  const k = sameA.indexOf(anchor);
  const sameB = [...b.events].filter((e) => e.type === anchor.type && e.foot === anchor.foot).sort((x, y) => x.frame - y.frame);
  const target = sameB.length ? sameB[Math.min(k, sameB.length - 1)] : [...b.events].sort((x, y) => x.frame - y.frame)[0];
  return clamp(target.frame + ((frameA - anchor.frame) * b.fps) / a.fps);
}
