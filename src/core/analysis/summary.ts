/** Summaries across strides: median, IQR, left/right and near/far medians, n, confidence; null + reason when too thin. */
import type { Foot, Measure, NearFar } from './types';
import { clamp, median, quantile } from './stats';
import { RECOMMENDED_STRIDES } from './thresholds';

export interface Sample {
  value: number | null;
  foot: Foot;
  side: NearFar | null;
  confidence: number;
  /** From a stride with a low-confidence event: left out of the median (and counted in lowConfidenceExcluded). */
  lowConfidence?: boolean;
}

export function emptyMeasure(unit: string, reason: string, estimate = false, lowConfidenceExcluded = 0): Measure {
  return { value: null, unit, confidence: 0, n: 0, iqr: null, left: null, right: null, near: null, far: null, estimate, reason, lowConfidenceExcluded };
}

const r = (v: number, d = 2) => (Number.isFinite(v) ? Math.round(v * 10 ** d) / 10 ** d + 0 : null);

export function summarise(samples: Sample[], unit: string, viewConfidence: number, opts: { estimate?: boolean; minN?: number; digits?: number } = {}): Measure {
  const valued = samples.filter((s) => s.value !== null && Number.isFinite(s.value));
  // strides with a low-confidence event are left out (never a confident wrong value), and counted
  const ok = valued.filter((s) => !s.lowConfidence);
  const excluded = valued.length - ok.length;
  const minN = opts.minN ?? 2;
  const d = opts.digits ?? 1;
  const left = excluded ? `; ${excluded} left out: low-confidence events` : '';
  if (ok.length < minN) return emptyMeasure(unit, (ok.length === 0 ? (excluded ? 'no stride with confident events' : 'not measurable in this clip') : `only ${ok.length} stride(s): too few for a value`) + left, opts.estimate ?? false, excluded);
  const vals = ok.map((s) => s.value as number);
  const by = (pred: (s: Sample) => boolean) => {
    const v = ok.filter(pred).map((s) => s.value as number);
    return v.length ? r(median(v), d) : null;
  };
  const meanConf = ok.reduce((a, s) => a + s.confidence, 0) / ok.length;
  const conf = clamp(meanConf * Math.sqrt(Math.min(1, ok.length / RECOMMENDED_STRIDES)) * clamp(viewConfidence, 0, 1), 0, 1);
  return {
    value: r(median(vals), d),
    unit,
    confidence: Math.round(conf * 100) / 100,
    n: ok.length,
    iqr: ok.length >= 3 ? [r(quantile(vals, 0.25), d) as number, r(quantile(vals, 0.75), d) as number] : null,
    left: by((s) => s.foot === 'left'),
    right: by((s) => s.foot === 'right'),
    near: by((s) => s.side === 'near'),
    far: by((s) => s.side === 'far'),
    estimate: opts.estimate ?? false,
    reason: null,
    lowConfidenceExcluded: excluded,
  };
}
