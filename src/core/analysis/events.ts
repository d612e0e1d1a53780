/**
 * Side-view gait events (IC / TO per foot), treadmill and overground, 30–240 fps.
 *
 * 1. Windows (Zeni et al. 2008): along the running direction, IC lies near the maximum of heel − pelvis and TO near the
 *    minimum of toe − pelvis. These extrema are robust (large, slow signals) but biased in running (the swing foot
 *    is retracted before touchdown; the toe keeps moving back after toe-off), so they only define search windows.
 * 2. Ground line and clearances: each marker's height above its own mid-stance level (see ground.ts).
 * 3. Timing (after Handsaker et al. 2016): touchdown = the kink (vertical-acceleration peak) of whichever of heel and toe
 *    lands first; toe-off = the kink of the toe marker leaving its stance level. Kinks are found by hinge
 *    (change-point) regression on the un-smoothed, cleaned marker height, with sub-frame resolution.
 * The foot "lowest image point" (ankle minimum) is NOT used: it marks foot-flat / mid-stance, not first contact.
 */
import type { KeypointName } from '../types';
import type { CleanTrack, XY } from './cleanup';
import { midpoint } from './cleanup';
import type { EventType, Foot } from './types';
import { fitGroundLine, heightAboveGround, type GroundLine } from './ground';
import { fitChangePoint2D, fitGroundStop, fitJointKink, fitSharedKink } from './changePoint';
import { dominantPeriod, findPeaks, median, quantile } from './stats';
import { lowpassNaN } from './cleanup/butterworth';
import { registerEvents } from './registration';
import {
  CADENCE_MAX,
  CHANGE_POINT_HALF_WINDOW,
  STEP_PERIOD_MIN_STRENGTH,
  STEP_PERIOD_TOLERANCE,
  CROSSING_LEG_FRACTION,
  IC_CROSSING_LEG_FRACTION,
  MAX_EXTRAPOLATION_S,
  TO_MAX_EXTRAPOLATION_S,
  TO_RISE_LEVEL_FACTOR,
  TO_PREMATURE_S,
  IC_PEAK_SEARCH_S,
  IC_PEAK_WEIGHT_30FPS,
  IC_STOP_AGREEMENT_FRAMES,
  GROUND_STOP_AGREEMENT_MIN_S,
  GROUND_STOP_MIN_SWING_LEG,
  IC_STOP_MIN_SPEED_LEG_PER_S,
  IC_STOP_REST_FRACTION,
  IC_STOP_SEARCH_S,
  IC_STOP_WEIGHT_30FPS,
  EVENT_CUTOFF_HZ,
  MAX_CUTOFF_FRACTION_OF_FPS,
  IC_WINDOW_AFTER,
  RIGID_IC_MIN_FPS,
  RIGID_IC_SWING_S,
  RIGID_IC_STANCE_S,
  RIGID_IC_SEARCH_S,
  RIGID_IC_WEIGHT,
  SMOOTH_TO_BEFORE_S,
  SMOOTH_TO_AFTER_S,
  SMOOTH_TO_SEARCH_EARLY_S,
  SMOOTH_TO_SEARCH_LATE_S,
  SMOOTH_TO_WEIGHT,
  FIT_GRID_S,
  REGISTRATION_HALF_WINDOW_S,
  REGISTRATION_MIN_HALF_WINDOW,
  REGISTRATION_MAX_SHIFT_S,
  REGISTRATION_MIN_FPS,
  IC_WINDOW_BEFORE,
  TO_WINDOW_AFTER,
  TO_WINDOW_BEFORE,
} from './thresholds';

export interface DetectedEvent {
  type: EventType;
  foot: Foot;
  /** Sub-frame time in frames. */
  te: number;
  confidence: number;
  /** 'manual': placed by hand (AnalysisOptions.correctedEvents). */
  method: 'kinematic' | 'zeni' | 'contact-time' | 'manual';
  marker: 'heel' | 'toe' | 'ankle' | 'zeni';
  /** Why the timing is not trusted (low confidence: left out of the summaries), or absent. See LOW_CONFIDENCE in
   *  docs/METHODS.md §3.8. */
  lowConfidence?: string;
}

/** Reasons an event is marked low confidence (docs/METHODS.md §3.8). */
export const LOW_CONFIDENCE = {
  zeni: 'no kinematic fit: placed at the Zeni extremum (±10 % of the stride)',
  contactTime: "placed from the foot's median contact time (too close to the clip's edge for a fit)",
  noStop: 'the foot does not come to rest relative to the ground near its height crossing (still moving there, or not seen approaching)',
} as const;

export interface SideEventResult {
  ok: boolean;
  reason: string | null;
  strideFrames: number;
  periodicity: number;
  /** Peak-to-peak fore-aft foot excursion relative to the pelvis, leg lengths. */
  excursion: number;
  ground: GroundLine | null;
  events: DetectedEvent[];
  footMarkers: boolean;
}

const FEET: Foot[] = ['left', 'right'];

function kp(map: Map<KeypointName, XY>, foot: Foot, part: 'heel' | 'foot_index' | 'ankle' | 'hip' | 'knee'): XY | undefined {
  return map.get(`${foot}_${part}` as KeypointName);
}

/** Projection of (p − pelvis) on the running direction (dirSign·x rotated by the ground tilt). */
function alongDirection(p: XY, pelvis: XY, dirSign: number, tilt: number, n: number): Float64Array {
  const out = new Float64Array(n);
  const c = Math.cos(tilt) * dirSign;
  const s = Math.sin(tilt) * dirSign;
  for (let f = 0; f < n; f++) out[f] = (p.x[f] - pelvis.x[f]) * c + (p.y[f] - pelvis.y[f]) * s;
  return out;
}

function meanScore(ct: CleanTrack, name: string, f: number, half: number): number {
  const s = ct.score.get(name as KeypointName);
  if (!s) return 0.5;
  let sum = 0;
  let cnt = 0;
  for (let j = Math.max(0, Math.round(f - half)); j <= Math.min(ct.n - 1, Math.round(f + half)); j++) {
    if (Number.isFinite(s[j])) {
      sum += s[j];
      cnt++;
    }
  }
  return cnt ? sum / cnt : 0;
}

export function detectSideEvents(ct: CleanTrack, dirSign: number): SideEventResult {
  const n = ct.n;
  const fps = ct.fps;
  const L = ct.legLengthPx;
  const footMarkers = ct.raw.has('left_heel') && ct.raw.has('left_foot_index') && ct.raw.has('right_heel') && ct.raw.has('right_foot_index');
  const fail = (reason: string, extra: Partial<SideEventResult> = {}): SideEventResult => ({
    ok: false, reason, strideFrames: NaN, periodicity: 0, excursion: 0, ground: null, events: [], footMarkers, ...extra,
  });
  if (!(L > 0)) return fail('no legs found');
  const pelvis = midpoint(ct.slow.get('left_hip'), ct.slow.get('right_hip'), n);
  const heelOf = (m: Map<KeypointName, XY>, foot: Foot) => (footMarkers ? kp(m, foot, 'heel') : kp(m, foot, 'ankle'));
  const toeOf = (m: Map<KeypointName, XY>, foot: Foot) => (footMarkers ? kp(m, foot, 'foot_index') : kp(m, foot, 'ankle'));

  // ---- 1. Zeni signals and stride period
  const dH: Record<Foot, Float64Array> = { left: new Float64Array(n), right: new Float64Array(n) };
  const dT: Record<Foot, Float64Array> = { left: new Float64Array(n), right: new Float64Array(n) };
  for (const foot of FEET) {
    const h = heelOf(ct.slow, foot);
    const t = toeOf(ct.slow, foot);
    if (!h || !t) return fail('no foot keypoints');
    dH[foot] = alongDirection(h, pelvis, dirSign, 0, n);
    dT[foot] = alongDirection(t, pelvis, dirSign, 0, n);
  }
  const exc = FEET.map((f) => (quantile(dH[f], 0.95) - quantile(dH[f], 0.05)) / L);
  const excursion = median(exc);
  // strides from a sprint's (CADENCE_MAX steps/min) to a slow walk's
  const periods = FEET.map((f) => dominantPeriod(dH[f], (120 / CADENCE_MAX) * fps, 2.2 * fps));
  const good = periods.filter((p) => Number.isFinite(p.period) && p.strength > 0.2);
  if (good.length === 0) return fail('no periodic leg motion', { excursion });
  // On a short pass (3–4 strides in view) the autocorrelation of one foot may peak at twice the stride (both feet
  // give equally strong peaks); a period about twice the other foot's is that sub-harmonic, and the shorter wins.
  const gp = good.map((p) => p.period).sort((a, b) => a - b);
  let T = gp.length === 2 && gp[1] / gp[0] > 1.8 && gp[1] / gp[0] < 2.2 ? gp[0] : median(gp);
  // On a short pass (2–3 strides in view: a sprint, or an overground runner crossing the frame) one foot's
  // autocorrelation has one or two lags to go by, and reads 1.4–2.4× the stride. The distance between the feet,
  // |x_left − x_right|, repeats every step — twice as many cycles in the same frames — whichever foot is which (a
  // left/right label swap does not change it). When it is clearly periodic and the feet's own stride is longer than
  // two of its periods, two of its periods are the stride. Never the other way: seen from the side the near foot
  // swings wider than the far one, so the distance may repeat only every stride (its period is then the stride, and
  // twice it would be two strides — a variable-frame-rate clip read 84 steps/min that way).
  const gap = new Float64Array(n);
  for (let f = 0; f < n; f++) gap[f] = Math.abs(dH.left[f] - dH.right[f]);
  const stepPeriod = dominantPeriod(gap, 0.2 * fps, 1.1 * fps);
  if (stepPeriod.strength >= STEP_PERIOD_MIN_STRENGTH && T / (2 * stepPeriod.period) > 1 + STEP_PERIOD_TOLERANCE) T = 2 * stepPeriod.period;
  const periodicity = Math.max(...periods.map((p) => p.strength));
  if (excursion < 0.25) return fail('feet hardly move fore-aft relative to the pelvis', { excursion, strideFrames: T, periodicity });

  // ---- 2. coarse events (Zeni)
  const coarseIC: Record<Foot, number[]> = { left: [], right: [] };
  const coarseTO: Record<Foot, number[]> = { left: [], right: [] };
  for (const foot of FEET) {
    const ampH = quantile(dH[foot], 0.95) - quantile(dH[foot], 0.05);
    const ampT = quantile(dT[foot], 0.95) - quantile(dT[foot], 0.05);
    coarseIC[foot] = findPeaks(dH[foot], 0.6 * T, 0.3 * ampH);
    const negT = dT[foot].map((v) => -v);
    coarseTO[foot] = findPeaks(negT, 0.6 * T, 0.3 * ampT);
  }

  // ---- 3. ground line from mid-stance marker positions
  const groups: Record<string, { x: number[]; y: number[] }> = {};
  const stances: Record<Foot, [number, number][]> = { left: [], right: [] };
  for (const foot of FEET) {
    for (const ic of coarseIC[foot]) {
      const to = coarseTO[foot].find((t) => t > ic && t < ic + 0.8 * T);
      if (to === undefined) continue;
      stances[foot].push([ic, to]);
    }
    const markers: [string, XY | undefined][] = footMarkers
      ? [['heel', kp(ct.raw, foot, 'heel')], ['toe', kp(ct.raw, foot, 'foot_index')], ['ankle', kp(ct.raw, foot, 'ankle')]]
      : [['ankle', kp(ct.raw, foot, 'ankle')]];
    for (const [mname, m] of markers) {
      if (!m) continue;
      const g = { x: [] as number[], y: [] as number[] };
      for (const [ic, to] of stances[foot]) {
        // the Zeni window is wider than the true stance (IC later, TO earlier): take its central part
        const a = Math.round(ic + 0.3 * (to - ic));
        const b = Math.round(ic + 0.6 * (to - ic));
        for (let f = a; f <= b; f++) {
          if (Number.isFinite(m.x[f])) {
            g.x.push(m.x[f]);
            g.y.push(m.y[f]);
          }
        }
      }
      groups[`${foot}:${mname}`] = g;
    }
  }
  const ground = fitGroundLine(groups, 0.25 * L);
  if (!ground) return fail('no stance phases found', { excursion, strideFrames: T, periodicity });

  // clearance of each marker above its own stance level (raw = un-smoothed)
  const clearance = (foot: Foot, mname: 'heel' | 'toe' | 'ankle'): Float64Array | null => {
    const part = mname === 'toe' ? 'foot_index' : mname;
    const m = kp(ct.raw, foot, part as 'heel');
    if (!m || !Number.isFinite(ground.intercept[`${foot}:${mname}`])) return null;
    const out = new Float64Array(n);
    for (let f = 0; f < n; f++) out[f] = heightAboveGround(ground, `${foot}:${mname}`, m.x[f], m.y[f]);
    return out;
  };

  // forward coordinate (along the ground, running direction) of each raw marker, minus the ground's own motion
  const fwdX = Math.cos(ground.tiltRad) * dirSign;
  const fwdY = Math.sin(ground.tiltRad) * dirSign;
  const forward = (foot: Foot, mname: 'heel' | 'toe' | 'ankle'): Float64Array | null => {
    const m = kp(ct.raw, foot, (mname === 'toe' ? 'foot_index' : mname) as 'heel');
    if (!m) return null;
    const out = new Float64Array(n);
    for (let f = 0; f < n; f++) out[f] = m.x[f] * fwdX + m.y[f] * fwdY;
    return out;
  };
  const slopes: number[] = [];
  for (const foot of FEET) {
    for (const mname of (footMarkers ? ['heel', 'toe'] : ['ankle']) as ('heel' | 'toe' | 'ankle')[]) {
      const u = forward(foot, mname);
      if (!u) continue;
      for (const [ic, to] of stances[foot]) {
        const a = Math.round(ic + 0.35 * (to - ic));
        const b = Math.round(ic + 0.65 * (to - ic));
        let sx = 0, sy = 0, sxx = 0, sxy = 0, c = 0;
        for (let f = a; f <= b; f++) {
          if (!Number.isFinite(u[f])) continue;
          sx += f; sy += u[f]; sxx += f * f; sxy += f * u[f]; c++;
        }
        const det = c * sxx - sx * sx;
        if (c >= 3 && det > 0) slopes.push((c * sxy - sx * sy) / det);
      }
    }
  }
  const groundVel = slopes.length ? median(slopes) : 0; // px per frame along fwd (treadmill belt: negative)
  const forwardRel = (foot: Foot, mname: 'heel' | 'toe' | 'ankle'): Float64Array | null => {
    const u = forward(foot, mname);
    if (!u) return null;
    for (let f = 0; f < n; f++) u[f] -= groundVel * f;
    return u;
  };

  // ---- 3b. events at the edges of the data: the Zeni extremum of an event close to the clip's start / end (or to
  //          the runner entering / leaving the frame) may lie outside the data. One stride before the first and after
  //          the last extremum of each foot a window is searched as well; it is kept only if the kinematic
  //          refinement finds the event (no Zeni fallback for these).
  const predicted = new Set<number>();
  for (const foot of FEET) {
    const valid: number[] = [];
    for (let f = 0; f < n; f++) if (Number.isFinite(dH[foot][f])) valid.push(f);
    if (!valid.length) continue;
    const first = valid[0];
    const last = valid[valid.length - 1];
    for (const list of [coarseIC[foot], coarseTO[foot]]) {
      if (!list.length) continue;
      const a = list[0] - T;
      const b = list[list.length - 1] + T;
      if (a > first - 0.3 * T) { list.unshift(a); predicted.add(a); }
      if (b < last + 0.3 * T) { list.push(b); predicted.add(b); }
    }
  }

  // ---- 4. refine each window: threshold crossing on the smoothed clearance (robust), back-extrapolated to the
  //         stance level, then a hinge (change-point) fit on the un-smoothed clearance around it (sub-frame).
  const half = Math.max(3.5, CHANGE_POINT_HALF_WINDOW * T);
  const step = Math.min(0.05, 2 / fps);
  const eps = CROSSING_LEG_FRACTION * L;
  // landing uses a lower level: the marker falls fast, so less back-extrapolation is needed
  const epsIc = IC_CROSSING_LEG_FRACTION * L;
  // at low frame rates the hinge fit sees only ~3 samples per side and is noisier than the crossing; at high rates
  // it removes the crossing's extrapolation bias: blend them
  const hingeWeight = Math.min(0.5, Math.max(0, (fps - 45) / 75));
  // at low frame rates the heel moves 30–70 px between frames and its stop is one large step in the frame-to-frame
  // velocity: the peak forward deceleration is then a sharp, unbiased marker of contact (BlazePose's own temporal
  // filter rounds the height kink more than the fore-aft stop). At ≥ 60 fps a velocity difference is mostly noise.
  const lowRate = Math.min(1, Math.max(0, (60 - fps) / 30));
  const peakWeight = IC_PEAK_WEIGHT_30FPS * lowRate;
  // and the heel's stop relative to the ground is one large step between two frame intervals: the ground stop
  const stopWeight = IC_STOP_WEIGHT_30FPS * lowRate;
  // height and ground-speed timings agree within 1.5 frames (the stop's ±½-frame placement plus the height estimate's
  // ±1 frame), and never closer than GROUND_STOP_AGREEMENT_MIN_S (the fore-aft fit's own spread at high rates)
  const agreement = Math.max(IC_STOP_AGREEMENT_FRAMES, GROUND_STOP_AGREEMENT_MIN_S * fps);
  /** The foot's stop (landing) / start (take-off) relative to the ground by change-point regression of the fore-aft
   *  position, within ±IC_STOP_SEARCH_S of `t0`: the earliest (landing) or latest (take-off) of the markers whose
   *  fitted swing side moves at least GROUND_STOP_MIN_SWING_LEG over 50 ms; null when none does. */
  const groundStopFit = (markers: { u: Float64Array | null }[], kind: 'landing' | 'takeoff', t0: number): number | null => {
    let out: number | null = null;
    for (const q of markers) {
      if (!q.u) continue;
      const [j0, j1] = kind === 'landing' ? [t0 - 0.2 * fps, t0 + 0.1 * fps] : [t0 - 0.1 * fps, t0 + 0.15 * fps];
      const r = fitGroundStop(q.u, kind, j0, j1, t0 - IC_STOP_SEARCH_S * fps, t0 + IC_STOP_SEARCH_S * fps, Math.max(0.05, fps / 1000), 0.05 * fps);
      if (!r || !(r.swingDisp > GROUND_STOP_MIN_SWING_LEG * L)) continue;
      if (out === null || (kind === 'landing' ? r.te < out : r.te > out)) out = r.te;
    }
    return out;
  };
  const events: DetectedEvent[] = [];
  for (const foot of FEET) {
    const names: ('heel' | 'toe' | 'ankle')[] = footMarkers ? ['heel', 'toe'] : ['ankle'];
    const sig = names.map((m) => {
      const raw = clearance(foot, m);
      return { m, raw, u: forwardRel(foot, m), slow: raw ? lowpassNaN(raw, EVENT_CUTOFF_HZ, fps, 4, MAX_CUTOFF_FRACTION_OF_FPS) : null };
    });
    const toSig = sig[footMarkers ? 1 : 0];
    // ≥ RIGID_IC_MIN_FPS: position-domain fits with the window fixed in seconds (see rigidPoseIC / smoothLiftOffTO)
    const coords = (m: 'heel' | 'toe' | 'ankle') => [clearance(foot, m), forwardRel(foot, m)].filter((x): x is Float64Array => !!x);
    const toSeries = footMarkers ? coords('toe') : coords('ankle');
    /** Smooth lift-off: the toe leaves its stance position with zero velocity and accelerates (velocity rising from 0
     *  ⇒ position quadratic, then cubic, after te); a common linear trend absorbs stance drift. A kink model (or the
     *  crossing's linear back-extrapolation) reads such an onset late. */
    const smoothLiftOffTO = (c: number): number | null => {
      const basis = (d: number) => {
        const sw = d > 0 ? d : 0;
        return [1, d, sw * sw, sw * sw * sw];
      };
      const j0 = Math.max(0, Math.ceil(c - SMOOTH_TO_BEFORE_S * fps));
      const j1 = Math.min(n - 1, Math.floor(c + SMOOTH_TO_AFTER_S * fps));
      const r = fitSharedKink(toSeries, basis, j0, j1, c - SMOOTH_TO_SEARCH_EARLY_S * fps, c + SMOOTH_TO_SEARCH_LATE_S * fps, FIT_GRID_S * fps);
      return r ? r.te : null;
    };
    /* Rigid-foot pose fit at touchdown (≥ RIGID_IC_MIN_FPS). Heel, ankle and toe are points of one rigid foot: over
     * a window fixed in seconds each marker k is p_k(t) = a_k + T(τ) + φ(τ)·J·d_k (τ = t − te; J = 90° rotation;
     * d_k = marker offset from the landing marker, read from the 8 Hz-smoothed positions; small-angle rotation).
     * Swing (τ < 0): free quadratic translation T and quadratic rotation φ, shared by all markers (6 parameters).
     * Stance (τ > 0): the landing marker stops relative to the ground (belt speed removed) and the foot only rotates
     * about it: T = 0, φ quadratic (2 parameters). Continuous at te (a_k, φ(0) = 0); the velocities jump at te.
     * 6 + 8 parameters for 6 series instead of 24 for independent per-series kinks; te on a 0.5 ms grid. */
    const rigidMarkers: ('heel' | 'ankle' | 'toe')[] = footMarkers ? ['heel', 'ankle', 'toe'] : ['ankle'];
    const absH = (m: 'heel' | 'toe' | 'ankle'): Float64Array | null => {
      const p = kp(ct.raw, foot, (m === 'toe' ? 'foot_index' : m) as 'heel');
      const key = `${foot}:${rigidMarkers[0]}`;
      if (!p || !Number.isFinite(ground.intercept[key])) return null;
      const out = new Float64Array(n);
      for (let f = 0; f < n; f++) out[f] = heightAboveGround(ground, key, p.x[f], p.y[f]);
      return out;
    };
    const rig = (fps >= RIGID_IC_MIN_FPS ? rigidMarkers : []).map((m) => {
      const u = forwardRel(foot, m);
      const h = absH(m);
      return { m, u, h, us: u ? lowpassNaN(u, EVENT_CUTOFF_HZ, fps, 4, MAX_CUTOFF_FRACTION_OF_FPS) : null, hs: h ? lowpassNaN(h, EVENT_CUTOFF_HZ, fps, 4, MAX_CUTOFF_FRACTION_OF_FPS) : null };
    });
    const rigidPoseIC = (c: number, contact: 'heel' | 'toe' | 'ankle'): number | null => {
      if (!footMarkers || rig.length === 0 || rig.some((r) => !r.u || !r.h)) return null;
      const cm = rig.find((r) => r.m === contact) ?? rig[0];
      const at = (x: Float64Array, t: number) => {
        const i = Math.max(0, Math.min(n - 2, Math.floor(t)));
        return x[i] + (x[i + 1] - x[i]) * (t - i);
      };
      const off = rig.map((r) => ({ du: at(r.us!, c) - at(cm.us!, c), dh: at(r.hs!, c) - at(cm.hs!, c) }));
      if (off.some((o) => !Number.isFinite(o.du) || !Number.isFinite(o.dh))) return null;
      const series: Float64Array[] = [];
      for (const r of rig) series.push(r.u!, r.h!);
      const K = rig.length;
      const sc = 1 / (0.05 * fps); // d in units of 50 ms
      const features = (dd: number, s: number): number[] => {
        const d = dd * sc;
        const k = s >> 1;
        const isU = (s & 1) === 0;
        const rot = isU ? -off[k].dh : off[k].du;
        const f = new Array<number>(2 * K + 8).fill(0);
        f[s] = 1;
        const o = 2 * K;
        if (d < 0) {
          if (isU) { f[o] = d; f[o + 2] = d * d; } else { f[o + 1] = d; f[o + 3] = d * d; }
          f[o + 4] = d * rot;
          f[o + 5] = d * d * rot;
        } else {
          f[o + 6] = d * rot;
          f[o + 7] = d * d * rot;
        }
        return f;
      };
      const j0 = Math.max(0, Math.ceil(c - RIGID_IC_SWING_S * fps));
      const j1 = Math.min(n - 1, Math.floor(c + RIGID_IC_STANCE_S * fps));
      const r = fitJointKink(series, features, j0, j1, c - RIGID_IC_SEARCH_S * fps, c + RIGID_IC_SEARCH_S * fps, FIT_GRID_S * fps);
      return r ? r.te : null;
    };
    const tos = coarseTO[foot];
    const ics = coarseIC[foot];
    for (const z of ics) {
      const prevTO = tos.filter((t) => t < z).pop();
      const nextTO = tos.find((t) => t > z);
      let lo = z - IC_WINDOW_BEFORE * T;
      let hi = z + IC_WINDOW_AFTER * T;
      if (prevTO !== undefined) lo = Math.max(lo, prevTO + 0.15 * T);
      if (nextTO !== undefined) hi = Math.min(hi, nextTO - 0.1 * T);
      lo = Math.max(lo, 1);
      hi = Math.min(hi, n - 2);
      if (hi <= lo) continue;
      let best: { te: number; t0: number; marker: 'heel' | 'toe' | 'ankle'; rmse: number } | null = null;
      for (const s of sig) {
        if (!s.raw || !s.slow || !s.u) continue;
        const t0 = crossing(s.slow, 'landing', lo, hi, epsIc, MAX_EXTRAPOLATION_S * fps);
        if (t0 === null) continue;
        const r = fitChangePoint2D(s.raw, s.u, 'landing', t0 - 0.5 * half, t0 + 0.5 * half, half, step, t0);
        const te = r && Math.abs(r.level) < epsIc ? (1 - hingeWeight) * t0 + hingeWeight * r.te : t0;
        const rmse = r ? r.rmse : 0.03 * L;
        // the marker that lands first (by the robust smoothed crossing) defines the contact
        if (!best || t0 < best.t0) best = { te, t0, marker: s.m, rmse };
      }
      if (best && peakWeight > 0) {
        // low frame rates: blend with the peak forward deceleration of the same marker (un-smoothed differences)
        const s = sig.find((q) => q.m === best!.marker)!;
        const r = peakForwardChange(s.u!, 'landing', best.t0 - IC_PEAK_SEARCH_S * fps, best.t0 + IC_PEAK_SEARCH_S * fps, fps, 0);
        if (r) best.te = peakWeight * r.te + (1 - peakWeight) * best.te;
      }
      // below RIGID_IC_MIN_FPS: the landing foot's stop relative to the ground (groundStopStep), searched either side
      // of the height crossing. The height estimate stands when it agrees with the stop; when it is further than
      // `agreement` (1.5 frames) from it, the keypoint's height is not telling the contact (the far heel still hovering
      // while the foot has stopped, a near heel skimming its level before it stops) and the stop places it.
      let stop: number | null = null;
      const stepRate = stopWeight > 0 && fps < RIGID_IC_MIN_FPS;
      if (best && stepRate) {
        // the part of the foot that lands first stops first: the earliest stop of the heel and toe markers
        for (const q of sig) {
          if (!q.u) continue;
          const r = groundStopStep(q.u, best.t0 - IC_STOP_SEARCH_S * fps, best.t0 + IC_STOP_SEARCH_S * fps, IC_STOP_REST_FRACTION, (IC_STOP_MIN_SPEED_LEG_PER_S * L) / fps);
          if (r !== null && (stop === null || r < stop)) stop = r;
        }
      }
      if (best && stop !== null && Math.abs(best.te - stop) > agreement) best.te = stopWeight * stop + (1 - stopWeight) * best.te;
      if (best && fps >= RIGID_IC_MIN_FPS) {
        // rigid-foot pose fit, searched around the landing marker's own crossing (the blended estimate carries the
        // hinge fit's late tail)
        const r = rigidPoseIC(best.t0, best.marker);
        if (r !== null) best.te = RIGID_IC_WEIGHT * r + (1 - RIGID_IC_WEIGHT) * best.te;
      }
      // No step is evidence against the contact only when the foot is still moving relative to the ground at the
      // estimate (advancing more than IC_STOP_MIN_SPEED_LEG_PER_S over the next 67 ms: a "contact" read at the frame's
      // edge while the foot still swings): a foot slowing gently into a walking contact, or whose approach is not in
      // view (the runner entering the frame), has no one-interval step either. Such a contact is low confidence.
      // ≥ RIGID_IC_MIN_FPS: the same check by change-point regression of the fore-aft position (one interval's advance
      // is too small against the keypoint noise for a step): a contact further than the agreement tolerance from the
      // stop is placed at the stop (the far foot's hovering keypoints read contacts ~50 ms late on synthetic tracks
      // with that artefact, 67 ms on the 60 fps clip). The fit needs no step, only some swing motion: none
      // found, the contact is not seen at all and is low confidence.
      let noStop = !!best && stepRate && stop === null && stillMoving(sig, best.te, 0.067 * fps, (IC_STOP_MIN_SPEED_LEG_PER_S * L) / fps);
      if (best && fps >= RIGID_IC_MIN_FPS) {
        const fs = groundStopFit(sig, 'landing', best.t0);
        if (fs === null) noStop = true;
        else if (Math.abs(best.te - fs) > agreement) best.te = fs;
      }
      const lowReason = noStop ? LOW_CONFIDENCE.noStop : undefined;
      if (best) {
        const sc = meanScore(ct, `${foot}_${best.marker === 'toe' ? 'foot_index' : best.marker}`, best.te, half);
        const fit = Math.max(0, 1 - best.rmse / (0.03 * L));
        const ev: DetectedEvent = { type: 'IC', foot, te: best.te, confidence: Math.min(1, sc) * (0.5 + 0.5 * fit), method: 'kinematic', marker: best.marker };
        if (lowReason) ev.lowConfidence = lowReason;
        events.push(ev);
      } else if (z > 1 && z < n - 2 && !predicted.has(z)) {
        events.push({ type: 'IC', foot, te: z, confidence: 0.3, method: 'zeni', marker: 'zeni', lowConfidence: LOW_CONFIDENCE.zeni });
      }
    }
    for (const z of tos) {
      const prevIC = events.filter((e) => e.foot === foot && e.type === 'IC' && e.te < z).pop();
      let lo = z - TO_WINDOW_BEFORE * T;
      let hi = z + TO_WINDOW_AFTER * T;
      if (prevIC) lo = Math.max(lo, prevIC.te + 0.12 * T);
      const nextIC = ics.find((t) => t > z);
      if (nextIC !== undefined) hi = Math.min(hi, nextIC - 0.2 * T);
      lo = Math.max(lo, 1);
      hi = Math.min(hi, n - 2);
      if (hi <= lo || !toSig.raw || !toSig.slow || !toSig.u) continue;
      // take-off: the toe's smoothed clearance crosses eps (back-extrapolated, short cap). A toe that has really
      // left the ground keeps rising fast; one that hovers just above eps (keypoint dragged up by the rising heel,
      // single-frame up-jumps of a poorly seen far foot) reaches TO_RISE_LEVEL_FACTOR·eps much later. Then the eps
      // crossing is premature and the rise itself (the higher level, back-extrapolated) places the take-off.
      let t0 = crossing(toSig.slow, 'takeoff', lo, hi, eps, TO_MAX_EXTRAPOLATION_S * fps);
      const tRise = crossing(toSig.slow, 'takeoff', lo, hi, TO_RISE_LEVEL_FACTOR * eps, MAX_EXTRAPOLATION_S * fps);
      if (tRise !== null && (t0 === null || tRise - t0 > TO_PREMATURE_S * fps)) t0 = tRise;
      if (t0 !== null) {
        const r = fitChangePoint2D(toSig.raw, toSig.u, 'takeoff', t0 - 0.5 * half, t0 + 0.5 * half, half, step, t0);
        let te = r && Math.abs(r.level) < eps ? (1 - hingeWeight) * t0 + hingeWeight * r.te : t0;
        if (fps >= RIGID_IC_MIN_FPS) {
          const q = smoothLiftOffTO(t0);
          if (q !== null) te = SMOOTH_TO_WEIGHT * q + (1 - SMOOTH_TO_WEIGHT) * te;
        }
        // ≥ RIGID_IC_MIN_FPS: a toe keypoint that rises before the toe moves relative to the ground is dragged up by the
        // heel (BlazePose's foot_index on the toe box; the far foot's toe-offs read ~35 ms early on synthetic tracks
        // with that artefact, 50 ms on the 60 fps clip): a take-off more than the agreement tolerance before
        // the toe's fore-aft start is placed at the start
        if (fps >= RIGID_IC_MIN_FPS) {
          const st = groundStopFit([toSig], 'takeoff', te);
          if (st !== null && st - te > agreement) te = st;
        }
        const sc = meanScore(ct, `${foot}_${footMarkers ? 'foot_index' : 'ankle'}`, te, half);
        const fit = r ? Math.max(0, 1 - r.rmse / (0.03 * L)) : 0;
        events.push({ type: 'TO', foot, te, confidence: Math.min(1, sc) * (0.5 + 0.5 * fit), method: 'kinematic', marker: footMarkers ? 'toe' : 'ankle' });
      } else if (z > 1 && z < n - 2 && !predicted.has(z)) {
        events.push({ type: 'TO', foot, te: z, confidence: 0.3, method: 'zeni', marker: 'zeni', lowConfidence: LOW_CONFIDENCE.zeni });
      }
    }
  }
  const kept = dedupe(events, T);
  // ---- 5. stride-to-stride registration (registration.ts): relative timing from the whole foot path around each
  //         event, absolute timing from the median kinematic estimate
  //         At 30 fps a window holds ~4 samples per event and the template, interpolated between samples 33 ms apart,
  //         is too blurred to improve on the per-event estimate (measured: foot angle at contact got worse).
  for (const foot of fps >= REGISTRATION_MIN_FPS ? FEET : []) {
    const names: ('heel' | 'toe' | 'ankle')[] = footMarkers ? ['heel', 'ankle', 'toe'] : ['ankle'];
    const series: Float64Array[] = [];
    for (const m of names) {
      const c = clearance(foot, m);
      const u = forwardRel(foot, m);
      if (c) series.push(c);
      if (u) series.push(u);
    }
    for (const type of ['IC', 'TO'] as EventType[]) {
      const list = kept.filter((e) => e.foot === foot && e.type === type && e.method === 'kinematic');
      const r = registerEvents(series, list.map((e) => e.te), {
        halfWindow: Math.max(REGISTRATION_MIN_HALF_WINDOW, REGISTRATION_HALF_WINDOW_S * fps),
        maxShift: Math.max(1, REGISTRATION_MAX_SHIFT_S * fps),
      });
      list.forEach((e, i) => {
        e.te = r.te[i];
      });
    }
  }
  // ---- 6. an event too close to the clip's start or end for its own fit (a toe-off 2–3 frames before the last
  //         frame: the toe has hardly risen yet) is placed from the foot's median contact time, at low confidence
  for (const foot of FEET) {
    const list = kept.filter((e) => e.foot === foot).sort((a, b) => a.te - b.te);
    const contacts: number[] = [];
    for (let i = 0; i + 1 < list.length; i++) {
      if (list[i].type === 'IC' && list[i + 1].type === 'TO' && list[i + 1].te - list[i].te < 0.8 * T) contacts.push(list[i + 1].te - list[i].te);
    }
    if (contacts.length < 3) continue;
    const c = median(contacts);
    const first = list[0];
    const last = list[list.length - 1];
    // only inside the stretch analysed (a segment of a clip: not into the frames of another shot or speed)
    if (last && last.type === 'IC' && last.method === 'kinematic' && last.te + c <= ct.span.last) {
      kept.push({ type: 'TO', foot, te: last.te + c, confidence: 0.3, method: 'contact-time', marker: 'zeni', lowConfidence: LOW_CONFIDENCE.contactTime });
    }
    if (first && first.type === 'TO' && first.method === 'kinematic' && first.te - c >= ct.span.first) {
      kept.push({ type: 'IC', foot, te: first.te - c, confidence: 0.3, method: 'contact-time', marker: 'zeni', lowConfidence: LOW_CONFIDENCE.contactTime });
    }
  }
  kept.sort((a, b) => a.te - b.te);
  // a segment of a clip that ends where the time scale changes inside continuous motion (ct.span.trimStart / trimEnd;
  // not a cut, whose shot starts like a clip of its own): within a quarter stride of that edge the filters and fits see
  // the motion on one side only and run into the other time scale, so events there are left out
  const { first, last, trimStart, trimEnd } = ct.span;
  const inside = kept.filter((e) => (!trimStart || e.te >= first + T / 4) && (!trimEnd || e.te <= last - T / 4));
  return { ok: true, reason: null, strideFrames: T, periodicity, excursion, ground, events: inside, footMarkers };
}

/**
 * Where the smoothed clearance crosses `eps` (landing: from above, first crossing in [lo, hi]; take-off: from below,
 * last stance sample then first above), linearly back-extrapolated to the stance level with the local slope.
 */
export function crossing(c: ArrayLike<number>, kind: 'landing' | 'takeoff', lo: number, hi: number, eps: number, maxBack: number): number | null {
  const a = Math.max(1, Math.floor(lo));
  const b = Math.min(c.length - 2, Math.ceil(hi));
  for (let f = a; f <= b; f++) {
    const p = c[f - 1];
    const q = c[f];
    if (!Number.isFinite(p) || !Number.isFinite(q)) continue;
    const hit = kind === 'landing' ? p > eps && q <= eps : p <= eps && q > eps;
    if (!hit) continue;
    const tc = f - 1 + (p - eps) / (p - q); // sub-frame crossing
    // local slope from the two samples around the crossing (per frame)
    const slope = Math.abs(q - p);
    const back = slope > 1e-9 ? Math.min(eps / slope, maxBack) : maxBack;
    return kind === 'landing' ? tc + back : tc - back;
  }
  return null;
}

/** Per foot, events must alternate IC, TO, IC, ...; of two same-type neighbours keep the confident one (not marked low
 * confidence), else the more confident. */
function dedupe(events: DetectedEvent[], T: number): DetectedEvent[] {
  const out: DetectedEvent[] = [];
  for (const foot of FEET) {
    const list = events.filter((e) => e.foot === foot);
    const kept: DetectedEvent[] = [];
    for (const e of list) {
      const last = kept[kept.length - 1];
      if (last && last.type === e.type && e.te - last.te < 0.7 * T) {
        // a low-confidence event gives way to a confident one, else the more confident stays
        const better = !e.lowConfidence && last.lowConfidence ? true : !!e.lowConfidence && !last.lowConfidence ? false : e.confidence > last.confidence;
        if (better) kept[kept.length - 1] = e;
        continue;
      }
      kept.push(e);
    }
    out.push(...kept);
  }
  return out.sort((a, b) => a.te - b.te);
}

/** Gaussian smoothing with σ in frames (σ < 0.5: a copy); NaN samples are skipped and stay NaN. */
export function gaussSmooth(x: ArrayLike<number>, sigma: number): Float64Array {
  const n = x.length;
  const out = Float64Array.from(x as ArrayLike<number>);
  if (sigma < 0.5) return out;
  const r = Math.ceil(3 * sigma);
  const w = Array.from({ length: 2 * r + 1 }, (_, i) => Math.exp(-((i - r) ** 2) / (2 * sigma * sigma)));
  for (let f = 0; f < n; f++) {
    if (!Number.isFinite(x[f])) continue;
    let s = 0;
    let ws = 0;
    for (let k = -r; k <= r; k++) {
      const v = x[f + k];
      if (f + k < 0 || f + k >= n || !Number.isFinite(v)) continue;
      s += w[k + r] * v;
      ws += w[k + r];
    }
    out[f] = s / ws;
  }
  return out;
}

/**
 * Ground-speed matching: the time at which a foot marker's fore-aft velocity relative to the ground changes fastest
 * — it stops moving forward at touchdown ('landing'), starts moving forward at toe-off ('takeoff') — found as the
 * largest change between consecutive velocity samples v(f − ½) = u(f) − u(f − 1) (u: position along the running
 * direction with the ground's own motion removed, smoothed over σ = sigmaS seconds so noise is treated alike at every
 * frame rate), with parabolic sub-frame interpolation. Returns the event time in frames and the velocity change.
 */
export function peakForwardChange(
  u: ArrayLike<number>,
  kind: 'landing' | 'takeoff',
  lo: number,
  hi: number,
  fps: number,
  sigmaS: number,
): { te: number; size: number } | null {
  const n = u.length;
  const su = gaussSmooth(u, sigmaS * fps);
  const v = (f: number) => (f >= 1 && f < n ? su[f] - su[f - 1] : NaN); // at f − ½
  const d = (f: number) => {
    const a = v(f - 1);
    const b = v(f);
    if (!Number.isFinite(a) || !Number.isFinite(b)) return NaN;
    return kind === 'landing' ? a - b : b - a; // at f − 1
  };
  let best = -1;
  let bestV = 0;
  for (let f = Math.max(2, Math.ceil(lo + 1)); f <= Math.min(n - 1, Math.floor(hi + 1)); f++) {
    const x = d(f);
    if (Number.isFinite(x) && x > bestV) {
      bestV = x;
      best = f;
    }
  }
  if (best < 0) return null;
  const dm = d(best - 1);
  const dp = d(best + 1);
  let delta = 0;
  if (Number.isFinite(dm) && Number.isFinite(dp)) {
    const den = 2 * (2 * bestV - dm - dp);
    if (den > 1e-9) delta = Math.max(-0.5, Math.min(0.5, (dp - dm) / den));
  }
  return { te: best - 1 + delta, size: bestV };
}

/**
 * Ground stop of a landing marker at low frame rates. Scanning [lo, hi] (frames), the first frame interval k − 1 → k
 * over which the marker's position along the ground (`u`, the ground's own motion removed) advanced less than
 * `restFrac` of its approach speed (the largest advance over the three intervals before), and the next interval too
 * (it has come to rest and stays), after an interval of clear forward motion (more than `minStep` px). The stop is
 * placed inside that interval by the distance still covered at the speed of the interval before it:
 * ts = k − 1 + v_k / v_(k−1) (v_k: the advance over k − 1 → k; clamped to the interval). At 30 fps the real heel's
 * approach (30–70 px a frame) ends in one large step; a rest level relative to the approach speed (not to the interval
 * just before) does not mistake a decelerating approach (the synthetic foot's 70 → 50 → 20 px) for the stop. At higher
 * rates one interval's advance shrinks against the keypoint noise. Null: no stop.
 */
export function groundStopStep(u: ArrayLike<number>, lo: number, hi: number, restFrac: number, minStep: number): number | null {
  const n = u.length;
  const v = (k: number) => (k >= 1 && k < n ? u[k] - u[k - 1] : NaN);
  for (let k = Math.max(2, Math.floor(lo)); k <= Math.min(n - 1, Math.ceil(hi)); k++) {
    const a = v(k - 1);
    const b = v(k);
    const c = v(k + 1);
    if (!Number.isFinite(a) || !Number.isFinite(b) || !(a > minStep)) continue;
    let approach = a;
    for (let j = k - 3; j < k - 1; j++) if (Number.isFinite(v(j))) approach = Math.max(approach, v(j));
    const rest = restFrac * approach;
    if (b < rest && (!Number.isFinite(c) || c < rest)) return k - 1 + Math.max(0, Math.min(1, b / a));
  }
  return null;
}

/** True when, over [t, t + span] frames, the heel or toe marker (`u`: position along the ground, ground motion removed)
 *  advances more than `minStep` px per frame on average: the foot is still moving relative to the ground. */
function stillMoving(markers: { u: Float64Array | null }[], t: number, span: number, minStep: number): boolean {
  const at = (u: Float64Array, x: number) => {
    const i = Math.max(0, Math.min(u.length - 2, Math.floor(x)));
    return u[i] + (u[i + 1] - u[i]) * (x - i);
  };
  let any = false;
  for (const q of markers) {
    if (!q.u) continue;
    const d = (at(q.u, t + span) - at(q.u, t)) / span;
    if (!Number.isFinite(d)) continue;
    if (d <= minStep) return false;
    any = true;
  }
  return any;
}
