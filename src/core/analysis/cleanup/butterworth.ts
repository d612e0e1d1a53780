/**
 * Butterworth low-pass filter as second-order sections (bilinear transform with pre-warping), and zero-phase
 * forward–backward filtering (filtfilt) with odd-reflection padding and steady-state initial conditions — the
 * approach of scipy.signal.filtfilt used by Sports2D / Pose2Sim (Pagnon et al.).
 */

export interface Biquad {
  b0: number;
  b1: number;
  b2: number;
  a1: number;
  a2: number;
}

/** Designs an even-order Butterworth low-pass (order 2, 4, 6, ...) at cutoffHz for sample rate fs. */
export function butterworthLowpass(order: number, cutoffHz: number, fs: number): Biquad[] {
  if (order % 2 !== 0 || order < 2) throw new Error('butterworthLowpass: order must be even and >= 2');
  const fc = Math.min(cutoffHz, 0.49 * fs);
  const K = Math.tan((Math.PI * fc) / fs);
  const sections: Biquad[] = [];
  for (let k = 0; k < order / 2; k++) {
    const theta = (Math.PI * (2 * k + 1)) / (2 * order);
    const q = 1 / (2 * Math.cos(theta));
    const norm = 1 / (1 + K / q + K * K);
    const b0 = K * K * norm;
    sections.push({ b0, b1: 2 * b0, b2: b0, a1: 2 * (K * K - 1) * norm, a2: (1 - K / q + K * K) * norm });
  }
  return sections;
}

function runSection(x: Float64Array, s: Biquad): void {
  // transposed direct form II, initial state = steady state for x[0]
  const g = (s.b0 + s.b1 + s.b2) / (1 + s.a1 + s.a2);
  const x0 = x[0];
  const y0 = g * x0;
  let z2 = s.b2 * x0 - s.a2 * y0;
  let z1 = y0 - s.b0 * x0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    const yi = s.b0 * xi + z1;
    z1 = s.b1 * xi - s.a1 * yi + z2;
    z2 = s.b2 * xi - s.a2 * yi;
    x[i] = yi;
  }
}

/** Zero-phase filtering of a finite (NaN-free) series. Short series (< 4 samples) are returned unchanged. */
export function filtfilt(input: ArrayLike<number>, sections: Biquad[]): Float64Array {
  const n = input.length;
  const out = Float64Array.from(input as ArrayLike<number>);
  if (n < 4) return out;
  const pad = Math.min(n - 1, 3 * (2 * sections.length + 1) * 2);
  const ext = new Float64Array(n + 2 * pad);
  const first = input[0];
  const last = input[n - 1];
  for (let i = 0; i < pad; i++) ext[i] = 2 * first - input[pad - i];
  for (let i = 0; i < n; i++) ext[pad + i] = input[i];
  for (let i = 0; i < pad; i++) ext[pad + n + i] = 2 * last - input[n - 2 - i];
  for (const s of sections) runSection(ext, s);
  ext.reverse();
  for (const s of sections) runSection(ext, s);
  ext.reverse();
  for (let i = 0; i < n; i++) out[i] = ext[pad + i];
  return out;
}

/**
 * Low-pass a series that may contain NaN: each finite run is filtered on its own; NaN stays NaN.
 * The cutoff is capped at maxFraction × fs so the same call works from 30 to 240 fps.
 */
export function lowpassNaN(series: ArrayLike<number>, cutoffHz: number, fs: number, order = 4, maxFraction = 0.4): Float64Array {
  const n = series.length;
  const out = new Float64Array(n).fill(NaN);
  const sections = butterworthLowpass(order, Math.min(cutoffHz, maxFraction * fs), fs);
  let i = 0;
  while (i < n) {
    if (!Number.isFinite(series[i])) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && Number.isFinite(series[j])) j++;
    const run = new Float64Array(j - i);
    for (let k = i; k < j; k++) run[k - i] = series[k];
    const f = filtfilt(run, sections);
    for (let k = i; k < j; k++) out[k] = f[k - i];
    i = j;
  }
  return out;
}
