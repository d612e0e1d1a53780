/**
 * Stride-to-stride registration of gait events (ensemble averaging).
 *
 * A per-event kinematic fit (events.ts) places each contact or toe-off from the few samples around it, so at 60 fps
 * with a few pixels of keypoint noise its error is ±5–10 ms per event. The foot's path through an event, though, has
 * nearly the same shape every stride. Here the foot's marker signals (height above ground and forward position of
 * heel, ankle and toe) around every event of one foot and one type are averaged into a template; each event is then
 * re-timed by the time shift that best aligns its own samples with the template (least squares over all samples of
 * all markers in the window, a per-event offset per signal removed). That relative timing uses every sample in the
 * window and is several times more precise than a kink fit. The absolute time of the template — where on it the
 * event lies — is taken as the median, over the events, of the per-event kinematic estimate minus its registered time:
 * the kinematic method keeps defining what "contact" means, and its per-event noise is averaged away.
 *
 * Limits: assumes the foot's path near the event keeps its shape from stride to stride (true of steady running; a
 * changing strike pattern within a clip would blur the template). Needs MIN_EVENTS events of the same foot and type;
 * events whose registration fits much worse than the others (a leg swap left over, a dropout, a stumble) keep
 * their kinematic time.
 */
import { median, sampleAt } from './stats';

export interface RegistrationOptions {
  /** Half-width of the window of samples compared with the template, frames. */
  halfWindow: number;
  /** Largest shift searched either side of the current time, frames. */
  maxShift: number;
  /** Template / registration rounds. */
  iterations?: number;
}

export interface RegistrationResult {
  /** Registered event times (frames), absolute time anchored on the median kinematic offset. */
  te: number[];
  /** Whether each event was re-timed (false: kept its kinematic time). */
  registered: boolean[];
  /** Per-event RMS residual against the template (signal units). */
  rmse: number[];
}

/** Fewest events of one foot and type for a template. */
export const REGISTRATION_MIN_EVENTS = 3;
/** An event whose residual exceeds this multiple of the median residual keeps its kinematic time. */
const MISFIT_FACTOR = 2.5;

/** Template sampled every 1/TEMPLATE_RES frame. */
const TEMPLATE_RES = 4;

interface Template {
  start: number; // τ of sample 0, frames
  values: Float64Array[]; // per series
}

function buildTemplate(series: Float64Array[], te: number[], use: boolean[], span: number, halfWindow: number): Template {
  const steps = Math.ceil(span * TEMPLATE_RES);
  const len = 2 * steps + 1;
  const values = series.map(() => new Float64Array(len));
  for (let k = 0; k < series.length; k++) {
    // each event's own level over the compared window is removed first (a treadmill foot lands further back as the
    // belt drifts, an overground foot further along, a marker's height differs a little stride to stride)
    const level = te.map((t) => {
      let s = 0;
      let c = 0;
      for (let tau = -halfWindow; tau <= halfWindow; tau += 1) {
        const y = sampleAt(series[k], t + tau);
        if (Number.isFinite(y)) {
          s += y;
          c++;
        }
      }
      return c ? s / c : NaN;
    });
    const v = values[k];
    for (let j = 0; j < len; j++) {
      const tau = (j - steps) / TEMPLATE_RES;
      const col: number[] = [];
      for (let i = 0; i < te.length; i++) {
        if (!use[i] || !Number.isFinite(level[i])) continue;
        const y = sampleAt(series[k], te[i] + tau);
        if (Number.isFinite(y)) col.push(y - level[i]);
      }
      v[j] = col.length ? median(col) : NaN;
    }
  }
  return { start: -steps / TEMPLATE_RES, values };
}

function templateAt(t: Template, k: number, tau: number): number {
  return sampleAt(t.values[k], (tau - t.start) * TEMPLATE_RES);
}

/** Sum of squared residuals of one event's window against the template shifted by s (offset per series removed). */
function misfit(series: Float64Array[], tpl: Template, frames: number[], te: number, s: number): { sse: number; count: number } {
  let sse = 0;
  let count = 0;
  for (let k = 0; k < series.length; k++) {
    let sd = 0;
    let sdd = 0;
    let c = 0;
    for (const f of frames) {
      const y = series[k][f];
      const m = templateAt(tpl, k, f - te - s);
      if (!Number.isFinite(y) || !Number.isFinite(m)) continue;
      const d = y - m;
      sd += d;
      sdd += d * d;
      c++;
    }
    if (c < 2) continue;
    sse += sdd - (sd * sd) / c;
    count += c - 1;
  }
  return { sse, count };
}

/**
 * Registers the events `te` (frames; the per-event kinematic estimates, which also anchor the absolute time) of one
 * foot and type on `series` (sampled per frame, NaN = missing).
 */
export function registerEvents(series: Float64Array[], te: number[], opts: RegistrationOptions): RegistrationResult {
  const n0 = te.length;
  const keep: RegistrationResult = { te: [...te], registered: te.map(() => false), rmse: te.map(() => NaN) };
  if (n0 < REGISTRATION_MIN_EVENTS || series.length === 0) return keep;
  const nFrames = series[0].length;
  const W = opts.halfWindow;
  const S = opts.maxShift;
  const frames = te.map((t) => {
    const out: number[] = [];
    for (let f = Math.ceil(t - W); f <= Math.floor(t + W); f++) if (f >= 0 && f < nFrames) out.push(f);
    return out;
  });
  let cur = [...te];
  // an event whose window runs off the clip (its first or last stride) would be compared on part of the window only:
  // it neither shapes the template nor is re-timed (it keeps its kinematic time)
  const full0 = 2 * Math.floor(W) + 1;
  let use = te.map((_, i) => frames[i].length >= full0 - 1);
  let rmse = te.map(() => NaN);
  const step = 0.05;
  for (let it = 0; it < (opts.iterations ?? 3); it++) {
    const tpl = buildTemplate(series, cur, use, W + 2 * S + 1, W);
    const next: number[] = [];
    for (let i = 0; i < n0; i++) {
      // grid search over the shift, then a parabola through the best three
      let best = Infinity;
      let bestS = 0;
      const vals: number[] = [];
      const grid: number[] = [];
      // candidate times te[i] + s: the total re-timing stays within ±S of the kinematic estimate
      for (let s = -S; s <= S + 1e-9; s += step) {
        const m = misfit(series, tpl, frames[i], te[i], s);
        const v = m.count > 0 ? m.sse / m.count : Infinity;
        grid.push(s);
        vals.push(v);
        if (v < best) {
          best = v;
          bestS = s;
        }
      }
      const bi = grid.indexOf(bestS);
      let shift = bestS;
      if (bi > 0 && bi < grid.length - 1 && Number.isFinite(vals[bi - 1]) && Number.isFinite(vals[bi + 1])) {
        const den = vals[bi - 1] - 2 * vals[bi] + vals[bi + 1];
        if (den > 1e-12) shift += (step * (vals[bi - 1] - vals[bi + 1])) / (2 * den);
      }
      rmse[i] = Math.sqrt(best);
      next.push(Number.isFinite(best) ? te[i] + shift : cur[i]);
    }
    // the template's time origin is arbitrary: keep the median shift at zero so the rounds do not drift
    const drift = median(next.map((t, i) => t - cur[i]));
    cur = next.map((t) => t - drift);
    const medR = median(rmse.filter((r) => Number.isFinite(r)));
    use = rmse.map((r, i) => Number.isFinite(r) && r <= MISFIT_FACTOR * medR && frames[i].length >= full0 - 1);
  }
  if (use.filter(Boolean).length < REGISTRATION_MIN_EVENTS) return keep;
  // anchor: median of (kinematic − registered) over the well-fitting events
  const offset = median(te.map((t, i) => (use[i] ? t - cur[i] : NaN)).filter((x) => Number.isFinite(x)));
  return {
    te: cur.map((t, i) => (use[i] ? t + offset : te[i])),
    registered: use,
    rmse,
  };
}
