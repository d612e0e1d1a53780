/**
 * Jitter (outlier) rejection: each sample is compared with a quadratic fitted to its neighbours (leave-one-out,
 * ±k frames, k scaled to the frame rate); samples whose 2-D residual exceeds both OUTLIER_SIGMA robust SDs of all
 * residuals and OUTLIER_MIN_LEG_FRACTION × leg length are set to NaN (then bridged by gap filling).
 */
import { OUTLIER_MIN_LEG_FRACTION, OUTLIER_SIGMA } from '../thresholds';
import { median, quadraticFitAt } from '../stats';

/** Least-squares quadratic through the neighbours j in [i − k, i + k], j ≠ i, evaluated at i (leave-one-out). */
function predictLeaveOneOut(v: Float64Array, i: number, k: number): number {
  return quadraticFitAt(v, i, i - k, i + k, i);
}

/** Marks outliers NaN in place; returns how many samples were rejected. */
export function rejectOutliers(x: Float64Array, y: Float64Array, fps: number, legLengthPx: number, passes = 2): number {
  const n = x.length;
  const k = Math.max(2, Math.round(0.05 * fps));
  let rejected = 0;
  for (let pass = 0; pass < passes; pass++) {
    const res = new Float64Array(n).fill(NaN);
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(x[i])) continue;
      const px = predictLeaveOneOut(x, i, k);
      const py = predictLeaveOneOut(y, i, k);
      if (!Number.isFinite(px) || !Number.isFinite(py)) continue;
      res[i] = Math.hypot(x[i] - px, y[i] - py);
    }
    const sd = 1.4826 * median(res);
    const limit = Math.max(OUTLIER_SIGMA * sd, OUTLIER_MIN_LEG_FRACTION * legLengthPx);
    if (!Number.isFinite(limit)) break;
    let worst = 0;
    for (let i = 0; i < n; i++) {
      if (res[i] > limit) {
        // only reject local maxima of the residual (a single bad sample also inflates its neighbours' residuals)
        const a = i > 0 && Number.isFinite(res[i - 1]) ? res[i - 1] : 0;
        const b = i < n - 1 && Number.isFinite(res[i + 1]) ? res[i + 1] : 0;
        if (res[i] >= a && res[i] >= b) {
          x[i] = NaN;
          y[i] = NaN;
          rejected++;
          worst++;
        }
      }
    }
    if (worst === 0) break;
  }
  return rejected;
}
