/** Small robust statistics helpers (NaN-aware). */

export function finite(values: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) out.push(values[i]);
  return out;
}

/** Quantile with linear interpolation (q in 0..1) of the finite values; NaN if none. */
export function quantile(values: ArrayLike<number>, q: number): number {
  const v = finite(values).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const pos = (v.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return v[lo] + (v[hi] - v[lo]) * (pos - lo);
}

export function median(values: ArrayLike<number>): number {
  return quantile(values, 0.5);
}

export function mean(values: ArrayLike<number>): number {
  let s = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    if (Number.isFinite(values[i])) {
      s += values[i];
      n++;
    }
  }
  return n ? s / n : NaN;
}

/** Median absolute deviation scaled to a normal SD (×1.4826). */
export function robustSd(values: ArrayLike<number>): number {
  const m = median(values);
  const dev = finite(values).map((v) => Math.abs(v - m));
  return 1.4826 * median(dev);
}

export function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

/** Linear interpolation of a sampled series at fractional index t (NaN outside or next to NaN). */
export function sampleAt(series: ArrayLike<number>, t: number): number {
  if (!(t >= 0) || t > series.length - 1) return NaN;
  const i = Math.floor(t);
  const f = t - i;
  if (f === 0 || i + 1 >= series.length) return series[i];
  return series[i] * (1 - f) + series[i + 1] * f;
}

/** Converts a (possibly typed) array with NaN into number[] with null, rounded to `digits` decimals. */
export function toJsonArray(values: ArrayLike<number>, digits = 2): (number | null)[] {
  const out: (number | null)[] = new Array(values.length);
  const p = Math.pow(10, digits);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = Number.isFinite(v) ? Math.round(v * p) / p + 0 : null;
  }
  return out;
}

export function round(v: number | null | undefined, digits = 2): number | null {
  if (v === null || v === undefined || !Number.isFinite(v)) return null;
  const p = Math.pow(10, digits);
  return Math.round(v * p) / p + 0; // + 0 turns -0 into 0 (JSON has no -0)
}

/** Local maxima indices of a series, at least `minSeparation` apart (greedy by height), with a minimum prominence. */
export function findPeaks(series: ArrayLike<number>, minSeparation: number, minProminence: number): number[] {
  const n = series.length;
  const cands: number[] = [];
  for (let i = 1; i < n - 1; i++) {
    const v = series[i];
    if (!Number.isFinite(v)) continue;
    const a = series[i - 1];
    const b = series[i + 1];
    if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
    if (v >= a && v > b) cands.push(i);
  }
  // prominence: drop to the lowest point within minSeparation on both sides
  const kept = cands.filter((i) => {
    const v = series[i];
    let leftMin = v;
    let rightMin = v;
    const w = Math.max(1, Math.round(minSeparation));
    for (let j = Math.max(0, i - w); j < i; j++) if (Number.isFinite(series[j])) leftMin = Math.min(leftMin, series[j]);
    for (let j = i + 1; j <= Math.min(n - 1, i + w); j++) if (Number.isFinite(series[j])) rightMin = Math.min(rightMin, series[j]);
    // a side cut short by the clip's edge (or by missing data) cannot show the drop: judge on the other side alone
    const leftCut = i - w < 0 || !Number.isFinite(series[Math.max(0, i - w)]);
    const rightCut = i + w > n - 1 || !Number.isFinite(series[Math.min(n - 1, i + w)]);
    const base = leftCut && !rightCut ? rightMin : rightCut && !leftCut ? leftMin : Math.max(leftMin, rightMin);
    return v - base >= minProminence;
  });
  kept.sort((a, b) => series[b] - series[a]);
  const chosen: number[] = [];
  for (const i of kept) if (chosen.every((j) => Math.abs(j - i) >= minSeparation)) chosen.push(i);
  return chosen.sort((a, b) => a - b);
}

/** Parabolic interpolation of an extremum at integer index i: returns the fractional offset in [-0.5, 0.5]. */
export function parabolicOffset(series: ArrayLike<number>, i: number): number {
  const a = series[i - 1];
  const b = series[i];
  const c = series[i + 1];
  if (!Number.isFinite(a) || !Number.isFinite(b) || !Number.isFinite(c)) return 0;
  const den = a - 2 * b + c;
  if (den === 0) return 0;
  const off = (0.5 * (a - c)) / den;
  return clamp(off, -0.5, 0.5);
}

/** Dominant period (in samples) of a series by autocorrelation, searched in [minLag, maxLag]; NaN if not periodic. */
export function dominantPeriod(series: ArrayLike<number>, minLag: number, maxLag: number): { period: number; strength: number } {
  const m = mean(series);
  const n = series.length;
  const x = new Float64Array(n);
  let energy = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const v = series[i];
    x[i] = Number.isFinite(v) ? v - m : NaN;
    if (Number.isFinite(x[i])) {
      energy += x[i] * x[i];
      count++;
    }
  }
  if (count < 8 || energy === 0) return { period: NaN, strength: 0 };
  const e0 = energy / count;
  const ac = new Float64Array(maxLag + 2).fill(NaN);
  const hi = Math.min(maxLag + 1, n - 4);
  for (let lag = Math.max(1, Math.floor(minLag) - 1); lag <= hi; lag++) {
    let s = 0;
    let c = 0;
    for (let i = 0; i + lag < n; i++) {
      const a = x[i];
      const b = x[i + lag];
      if (Number.isFinite(a) && Number.isFinite(b)) {
        s += a * b;
        c++;
      }
    }
    ac[lag] = c > 4 ? s / c / e0 : NaN;
  }
  // first strong local maximum (prefer the fundamental over its multiples)
  let best = -1;
  let bestV = -Infinity;
  for (let lag = Math.max(2, Math.ceil(minLag)); lag <= Math.min(maxLag, hi - 1); lag++) {
    const v = ac[lag];
    if (Number.isFinite(v) && v >= ac[lag - 1] && v >= ac[lag + 1] && v > bestV) {
      bestV = v;
      best = lag;
    }
  }
  if (best < 0) return { period: NaN, strength: 0 };
  // prefer the smallest lag whose peak is at least 80 % of the best (avoid picking 2× the period)
  for (let lag = Math.max(2, Math.ceil(minLag)); lag < best; lag++) {
    const v = ac[lag];
    if (Number.isFinite(v) && v >= ac[lag - 1] && v >= ac[lag + 1] && v >= 0.8 * bestV) {
      best = lag;
      bestV = v;
      break;
    }
  }
  return { period: best + parabolicOffset(ac, best), strength: bestV };
}

/**
 * Least-squares quadratic through the finite samples j in [lo, hi] (clamped to the series), j ≠ `skip`, evaluated at
 * the fractional index t. NaN with fewer than 4 samples or a singular fit.
 */
export function quadraticFitAt(series: ArrayLike<number>, t: number, lo: number, hi: number, skip = -1): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, t0 = 0, t1 = 0, t2 = 0;
  let cnt = 0;
  for (let j = Math.max(0, lo); j <= Math.min(series.length - 1, hi); j++) {
    if (j === skip) continue;
    const y = series[j];
    if (!Number.isFinite(y)) continue;
    const d = j - t;
    const d2 = d * d;
    s0 += 1; s1 += d; s2 += d2; s3 += d2 * d; s4 += d2 * d2;
    t0 += y; t1 += y * d; t2 += y * d2;
    cnt++;
  }
  if (cnt < 4) return NaN;
  // solve [[s0 s1 s2][s1 s2 s3][s2 s3 s4]] c = [t0 t1 t2]; the value at d = 0 is c0
  const det = s0 * (s2 * s4 - s3 * s3) - s1 * (s1 * s4 - s3 * s2) + s2 * (s1 * s3 - s2 * s2);
  if (Math.abs(det) < 1e-9) return NaN;
  return (t0 * (s2 * s4 - s3 * s3) - s1 * (t1 * s4 - s3 * t2) + s2 * (t1 * s3 - s2 * t2)) / det;
}

/**
 * Local quadratic least-squares fit of a series around fractional index t (samples within ±w), evaluated at t.
 * Preserves peaks far better than a low-pass filter (used for values at events). Falls back to the interpolated
 * sample with too few samples.
 */
export function localQuadratic(series: ArrayLike<number>, t: number, w: number): number {
  const v = quadraticFitAt(series, t, Math.ceil(t - w), Math.floor(t + w));
  return Number.isNaN(v) ? sampleAt(series, t) : v;
}
