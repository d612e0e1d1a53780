/** Gap filling: NaN runs no longer than maxGap frames, with data on both sides, are bridged by cubic Hermite interpolation. */

/** Fills in place; returns the number of samples filled. */
export function fillGaps(v: Float64Array, maxGap: number): number {
  const n = v.length;
  let filled = 0;
  let i = 0;
  while (i < n) {
    if (Number.isFinite(v[i])) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && !Number.isFinite(v[j])) j++;
    const a = i - 1;
    const b = j;
    const len = b - a - 1;
    if (a >= 0 && b < n && len <= maxGap) {
      const p0 = v[a];
      const p1 = v[b];
      const span = b - a;
      const m0 = a >= 1 && Number.isFinite(v[a - 1]) ? (v[a] - v[a - 1]) * span : p1 - p0;
      const m1 = b + 1 < n && Number.isFinite(v[b + 1]) ? (v[b + 1] - v[b]) * span : p1 - p0;
      for (let k = a + 1; k < b; k++) {
        const t = (k - a) / span;
        const t2 = t * t;
        const t3 = t2 * t;
        v[k] = (2 * t3 - 3 * t2 + 1) * p0 + (t3 - 2 * t2 + t) * m0 + (-2 * t3 + 3 * t2) * p1 + (t3 - t2) * m1;
        filled++;
      }
    }
    i = j;
  }
  return filled;
}
