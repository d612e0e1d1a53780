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
import { emptyMeasure } from './summary';
import type { Measure } from './types';
import { CADENCE_CYCLE_MIN_STRIDES, CADENCE_CYCLE_TOLERANCE } from './thresholds';

/** Stride time per foot and combined from contact times (in the contacts' unit: frames, or ms for a variable frame rate; `frames` is that unit); null with fewer than 2 strides. */
export function strideTimeFromContacts(contacts: { foot: 'left' | 'right'; te: number }[]): { frames: number; strides: number } | null {
  let sumW = 0;
  let sumB = 0;
  for (const foot of ['left', 'right'] as const) {
    const t = contacts.filter((c) => c.foot === foot).map((c) => c.te).sort((a, b) => a - b);
    if (t.length < 3) continue;
    const diffs = t.slice(1).map((x, i) => x - t[i]);
    const T = median(diffs);
    if (!(T > 0)) continue;
    // stride numbers from the foot's mean phase (circular mean of t mod T), not from its first contact: a first contact
    // misplaced by half a stride numbered all the others wrongly; a misplaced or spurious contact itself lands about
    // half a stride off the line and is left out below
    let sin = 0;
    let cos = 0;
    for (const x of t) {
      sin += Math.sin((2 * Math.PI * x) / T);
      cos += Math.cos((2 * Math.PI * x) / T);
    }
    const phase = (Math.atan2(sin, cos) / (2 * Math.PI)) * T;
    const k = t.map((x) => Math.round((x - phase) / T));
    // a misplaced contact would pull a least-squares line: contacts more than OUTLIER_STRIDE_FRACTION of a stride off
    // the robust (Theil–Sen) line are left out of the least-squares fit
    const robust = theilSen(t, k);
    let keep = t.map((x, i) => Math.abs(x - (robust.a + robust.b * k[i])) <= OUTLIER_STRIDE_FRACTION * T);
    if (keep.filter(Boolean).length < 3) keep = t.map(() => true);
    const fit = regress(t, k, keep);
    if (!fit) continue;
    const ks = k.filter((_, i) => keep[i]);
    const strides = ks[ks.length - 1] - ks[0];
    sumW += strides;
    sumB += strides * fit.b;
  }
  return sumW >= 2 ? { frames: sumB / sumW, strides: sumW } : null;
}

/** A contact further than this fraction of a stride from the fitted line is left out of the fit (misplaced). */
const OUTLIER_STRIDE_FRACTION = 0.2;

/** Theil–Sen line t = a + b·k: the median of the pairwise slopes, the median intercept. */
function theilSen(t: number[], k: number[]): { a: number; b: number } {
  const slopes: number[] = [];
  for (let i = 0; i < t.length; i++) for (let j = i + 1; j < t.length; j++) if (k[j] !== k[i]) slopes.push((t[j] - t[i]) / (k[j] - k[i]));
  const b = median(slopes);
  return { a: median(t.map((x, i) => x - b * k[i])), b };
}

/** Least-squares t = a + b·k over the kept contacts; null when k does not vary. */
function regress(t: number[], k: number[], keep: boolean[]): { a: number; b: number } | null {
  const idx = t.map((_, i) => i).filter((i) => keep[i]);
  const n = idx.length;
  const mk = idx.reduce((s, i) => s + k[i], 0) / n;
  const mt = idx.reduce((s, i) => s + t[i], 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (const i of idx) {
    sxx += (k[i] - mk) ** 2;
    sxy += (k[i] - mk) * (t[i] - mt);
  }
  if (!(sxx > 0)) return null;
  const b = sxy / sxx;
  return { a: mt - b * mk, b };
}

/**
 * A cadence from fewer than CADENCE_CYCLE_MIN_STRIDES strides that disagrees by more than CADENCE_CYCLE_TOLERANCE with
 * the legs' cycle over the whole clip (the stride period of the feet's motion) is too little evidence to give: a
 * missed or misplaced contact in a 3-stride pass moves it by 10–20 %. Then no value, with the reason.
 */
export function checkedAgainstCycle(m: Measure, cycleCadence: number): Measure {
  if (m.value === null || m.n >= CADENCE_CYCLE_MIN_STRIDES || !(cycleCadence > 0)) return m;
  if (Math.abs(m.value - cycleCadence) / cycleCadence <= CADENCE_CYCLE_TOLERANCE) return m;
  return emptyMeasure(m.unit, `low confidence: ${m.n} stride${m.n === 1 ? '' : 's'} read ${m.value} steps/min, the legs' cycle over the whole clip ${Math.round(cycleCadence)}: too little to tell`);
}

