/**
 * Cadence from the whole run of contacts rather than the median of single strides.
 *
 * A single stride time is the difference of two contact times, each off by up to a frame at 30 fps (±33 ms), so one
 * stride reads 640–770 ms for a true 706 ms, and the median of 7 such strides can still be 5 % off. Counting strides
 * over the whole pass does not accumulate those errors: per foot, the contact times t_i are regressed on their stride
 * number k_i (t = a + b·k, least squares; k from the rounded ratio to the median stride, so a missed contact leaves a
 * gap in k instead of doubling a stride); b is the stride time. The feet are combined weighted by their number of
 * strides. The error is then that of the two end contacts spread over the whole pass (±1 frame over 8 strides at
 * 30 fps: ±0.5 %).
 */
import { median } from './stats';

/** Stride time (frames) per foot and combined from contact times (frames); null with fewer than 2 strides. */
export function strideTimeFromContacts(contacts: { foot: 'left' | 'right'; te: number }[]): { frames: number; strides: number } | null {
  let sumW = 0;
  let sumB = 0;
  for (const foot of ['left', 'right'] as const) {
    const t = contacts.filter((c) => c.foot === foot).map((c) => c.te).sort((a, b) => a - b);
    if (t.length < 3) continue;
    const diffs = t.slice(1).map((x, i) => x - t[i]);
    const T = median(diffs);
    if (!(T > 0)) continue;
    const k = t.map((x) => Math.round((x - t[0]) / T));
    const n = t.length;
    const mk = k.reduce((s, v) => s + v, 0) / n;
    const mt = t.reduce((s, v) => s + v, 0) / n;
    let sxx = 0;
    let sxy = 0;
    for (let i = 0; i < n; i++) {
      sxx += (k[i] - mk) ** 2;
      sxy += (k[i] - mk) * (t[i] - mt);
    }
    if (!(sxx > 0)) continue;
    const b = sxy / sxx;
    const strides = k[n - 1] - k[0];
    sumW += strides;
    sumB += strides * b;
  }
  return sumW >= 2 ? { frames: sumB / sumW, strides: sumW } : null;
}
