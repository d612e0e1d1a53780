/** Brightness of a decoded frame, for the "too dark" check (pure; runs in the worker). */

/**
 * Mean luma (Rec. 601 weights, 0–255) of an RGBA pixel buffer, read from every `step`-th pixel
 * (the default reads ~1 pixel in 16: plenty for a mean, and cheap at every frame).
 */
export function meanLuma(rgba: ArrayLike<number>, step = 16): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i + 2 < rgba.length; i += 4 * step) {
    sum += 0.299 * rgba[i] + 0.587 * rgba[i + 1] + 0.114 * rgba[i + 2];
    n++;
  }
  return n ? sum / n : 0;
}

/** Median of the per-frame values; undefined when there are none. */
export function medianOf(values: readonly number[]): number | undefined {
  if (!values.length) return undefined;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
