/**
 * Side-view measures at the events, per stride, plus the per-frame angle series.
 * Conventions (body frame from the ground line, see geometry.ts): angles in degrees;
 *  - foot angle: heel→toe line against the ground line, minus the same foot's flat (mid-stance) angle; + = toes up;
 *  - knee flexion: 180° − hip–knee–ankle angle (0 = straight);
 *  - shank angle: knee→ankle against vertical, + = ankle ahead of the knee;
 *  - overstride: heel ahead of the pelvis (mid-hip) along the ground, in leg lengths;
 *  - thigh extension: hip→knee against vertical, + = knee behind the hip;
 *  - trunk lean: mid-hip→mid-shoulder against vertical, + = forward;
 *  - trunk–thigh extension: thigh extension − trunk lean (angle between the thigh and the trunk line continued).
 */
import type { KeypointName } from '../types';
import type { CleanTrack, XY } from './cleanup';
import { midpoint } from './cleanup';
import type { DetectedEvent } from './events';
import type { Foot, NearFar, SideStride, StrikePattern } from './types';
import { angleFromDownBackward, angleFromForward, angleFromUp, bodyFrame, innerAngle, type Frame2D } from './geometry';
import { localQuadratic, median, sampleAt } from './stats';
import { lumboPelvicEstimate } from './estimates';
import {
  EVENT_FIT_HALF_WINDOW_S,
  FLAT_FOOT_CENTRE_FRACTION,
  FRAME_ROUNDING_TOLERANCE,
  TO_FRAME_DELAY,
  STRIKE_DEFAULT_NOISE_DEG,
  STRIKE_FOREFOOT_MAX_DEG,
  STRIKE_HEEL_MIN_DEG,
  STRIKE_MARGIN_MIN_DEG,
  STRIKE_MARGIN_SD,
  STRIKE_MIN_SEEN_FRACTION,
  STRIKE_PLATEAU_S,
  STRIKE_PRE_CONTACT_S,
  STRIKE_TIMING_TOLERANCE_S,
  THIGH_PEAK_MIN_FIT_FRAMES,
  THIGH_PEAK_SEARCH_S,
} from './thresholds';

export interface SideSeries {
  /** Angles from the un-smoothed (cleaned) keypoints: values at events come from local quadratic fits of these. */
  raw: { trunkLean: Float64Array; thighExt: Record<Foot, Float64Array>; knee: Record<Foot, Float64Array>; kneeFilled: Record<Foot, Float64Array>; shank: Record<Foot, Float64Array>; overstride: Record<Foot, Float64Array> };
  trunkLean: Float64Array;
  thighExt: Record<Foot, Float64Array>;
  trunkThigh: Record<Foot, Float64Array>;
  knee: Record<Foot, Float64Array>;
  foot: Record<Foot, Float64Array>;
  /** Un-smoothed foot angle (for the angle at IC, taken from the last samples before contact). */
  footRaw: Record<Foot, Float64Array>;
  shank: Record<Foot, Float64Array>;
  overstride: Record<Foot, Float64Array>;
  lumbar: Float64Array;
  pelvicTilt: Float64Array;
  flatOffset: Record<Foot, number>;
  /** Per-frame noise (robust SD, degrees) of the un-smoothed foot angle about flat in mid-stance, per foot: the far foot
   * of a side view is usually noisier. Sets the confidence of the strike classification. */
  flatNoise: Record<Foot, number>;
  /** 1 where the pose model found the person (the un-smoothed `raw` angles are NaN elsewhere). */
  present: Uint8Array;
  trunkRef: number;
}

const FEET: Foot[] = ['left', 'right'];

function g(m: Map<KeypointName, XY>, name: string): XY | undefined {
  return m.get(name as KeypointName);
}

/** Plain Altman & Davis band rule for a single foot angle (the per-contact reading, with its confidence, is strikeAtIC). */
export function classifyStrike(footAngleDeg: number): StrikePattern {
  if (footAngleDeg > STRIKE_HEEL_MIN_DEG) return 'heel';
  if (footAngleDeg < STRIKE_FOREFOOT_MAX_DEG) return 'forefoot';
  return 'midfoot';
}

export function computeSideSeries(
  ct: CleanTrack,
  tiltRad: number,
  dirSign: number,
  events: DetectedEvent[],
  trunkRefDeg: number,
): SideSeries {
  const n = ct.n;
  const fr: Frame2D = bodyFrame(tiltRad, dirSign);
  const L = ct.legLengthPx;
  const rawAngles = computeAngles(ct, ct.raw, fr, L);
  // values at events are read from the un-smoothed series: frames where the pose model found nobody were bridged by
  // interpolation in clean-up; they are left out here (NaN), so a gap at an event does not flatten the value (the
  // gap-filled series is the fallback when too few observed samples remain; the stride's confidence is then halved)
  const filledKnee = { left: Float64Array.from(rawAngles.knee.left), right: Float64Array.from(rawAngles.knee.right) };
  for (let f = 0; f < n; f++) {
    if (ct.present[f]) continue;
    rawAngles.trunkLean[f] = NaN;
    for (const side of FEET) for (const a of [rawAngles.thighExt, rawAngles.knee, rawAngles.shank, rawAngles.overstride, rawAngles.foot]) a[side][f] = NaN;
  }
  const sm = computeAngles(ct, ct.smooth, fr, L);
  const { trunkLean, thighExt, trunkThigh, knee, foot, shank, overstride } = sm;
  const footRaw = rawAngles.foot;
  // a heel or toe outside the image is the pose model's guess (the runner entering or leaving the frame): the raw foot
  // angle is left out there, so a contact at the frame edge counts as not fully seen (strikeAtIC)
  if (ct.width > 0 && ct.height > 0) {
    const out = (p: XY | undefined, f: number) => !!p && (p.x[f] < 0 || p.y[f] < 0 || p.x[f] > ct.width || p.y[f] > ct.height);
    for (const side of FEET) {
      const he = g(ct.raw, `${side}_heel`);
      const to = g(ct.raw, `${side}_foot_index`);
      for (let f = 0; f < n; f++) if (out(he, f) || out(to, f)) footRaw[side][f] = NaN;
    }
  }
  const flatOffset: Record<Foot, number> = { left: 0, right: 0 };
  const flatNoise: Record<Foot, number> = { left: NaN, right: NaN };
  for (const side of FEET) {
    // flat-foot calibration: the foot angle in mid-stance (between each IC and the next TO of this foot)
    const mids: number[] = [];
    const midFrames: number[] = [];
    const evs = events.filter((e) => e.foot === side);
    for (let i = 0; i < evs.length - 1; i++) {
      if (evs[i].type === 'IC' && evs[i + 1].type === 'TO') {
        // foot flat: from the end of the landing rotation (~15–20 % of contact) to heel-off (~50 %); centred at
        // FLAT_FOOT_CENTRE_FRACTION of the contact (the former centre, 50 %, took in the start of heel-off)
        const m = evs[i].te + FLAT_FOOT_CENTRE_FRACTION * (evs[i + 1].te - evs[i].te);
        const w = Math.max(1, 0.1 * (evs[i + 1].te - evs[i].te));
        for (let f = Math.ceil(m - w); f <= Math.floor(m + w); f++) if (Number.isFinite(foot[side][f])) { mids.push(foot[side][f]); midFrames.push(f); }
      }
    }
    const off = median(mids);
    flatOffset[side] = Number.isFinite(off) ? off : 0;
    // noise: robust SD of the un-smoothed angle from its frame-to-frame differences in mid-stance (1.4826 × MAD / √2;
    // differences ignore slow trends such as the start of heel-off)
    const diffs: number[] = [];
    for (const f of midFrames) if (midFrames.includes(f + 1) && Number.isFinite(footRaw[side][f]) && Number.isFinite(footRaw[side][f + 1])) diffs.push(footRaw[side][f + 1] - footRaw[side][f]);
    const md = median(diffs);
    flatNoise[side] = diffs.length >= 4 ? (1.4826 * median(diffs.map((d) => Math.abs(d - md)))) / Math.SQRT2 : NaN;
    for (let f = 0; f < n; f++) {
      foot[side][f] -= flatOffset[side];
      footRaw[side][f] -= flatOffset[side];
    }
  }
  const lumbar = new Float64Array(n);
  const pelvicTilt = new Float64Array(n);
  for (let f = 0; f < n; f++) {
    const th = Math.max(thighExt.left[f], thighExt.right[f]);
    const e = lumboPelvicEstimate(th, trunkLean[f], trunkRefDeg);
    lumbar[f] = e.lumbarExtensionDeg;
    pelvicTilt[f] = e.pelvicTiltDeg;
  }
  return {
    raw: { trunkLean: rawAngles.trunkLean, thighExt: rawAngles.thighExt, knee: rawAngles.knee, kneeFilled: filledKnee, shank: rawAngles.shank, overstride: rawAngles.overstride },
    trunkLean, thighExt, trunkThigh, knee, foot, footRaw, shank, overstride, lumbar, pelvicTilt, flatOffset, flatNoise, present: ct.present, trunkRef: trunkRefDeg,
  };
}

function computeAngles(ct: CleanTrack, S: Map<KeypointName, XY>, fr: Frame2D, L: number) {
  const n = ct.n;
  const hip = midpoint(g(S, 'left_hip'), g(S, 'right_hip'), n);
  const sh = midpoint(g(S, 'left_shoulder'), g(S, 'right_shoulder'), n);
  const trunkLean = new Float64Array(n);
  for (let f = 0; f < n; f++) trunkLean[f] = angleFromUp(sh.x[f] - hip.x[f], sh.y[f] - hip.y[f], fr);
  const mk = () => ({ left: new Float64Array(n).fill(NaN), right: new Float64Array(n).fill(NaN) });
  const thighExt = mk(), trunkThigh = mk(), knee = mk(), foot = mk(), shank = mk(), overstride = mk();
  for (const side of FEET) {
    const h = g(S, `${side}_hip`) ?? hip;
    const k = g(S, `${side}_knee`);
    const a = g(S, `${side}_ankle`);
    const he = g(S, `${side}_heel`);
    const to = g(S, `${side}_foot_index`);
    for (let f = 0; f < n; f++) {
      if (k) {
        thighExt[side][f] = angleFromDownBackward(k.x[f] - h.x[f], k.y[f] - h.y[f], fr);
        trunkThigh[side][f] = thighExt[side][f] - trunkLean[f];
        if (a) {
          knee[side][f] = 180 - innerAngle(h.x[f], h.y[f], k.x[f], k.y[f], a.x[f], a.y[f]);
          // knee→ankle vector points down; + = ankle ahead of the knee
          shank[side][f] = -angleFromDownBackward(a.x[f] - k.x[f], a.y[f] - k.y[f], fr);
        }
      }
      if (he && to) foot[side][f] = angleFromForward(to.x[f] - he.x[f], to.y[f] - he.y[f], fr);
      const heelPt = he ?? a;
      if (heelPt) overstride[side][f] = ((heelPt.x[f] - hip.x[f]) * fr.fwd.x + (heelPt.y[f] - hip.y[f]) * fr.fwd.y) / L;
    }
  }
  return { trunkLean, thighExt, trunkThigh, knee, foot, shank, overstride };
}

/** Mean of the un-smoothed foot angle over the last STRIKE_PRE_CONTACT_S before contact (the foot's attitude barely
 * changes then, while right after contact it rotates quickly to flat). Sensitive to contact-time error: see strikeAtIC. */
export function footAngleAtIC(series: SideSeries, foot: Foot, te: number, fps: number): number {
  const w = Math.max(1.5, STRIKE_PRE_CONTACT_S * fps);
  const vals: number[] = [];
  for (let f = Math.ceil(te - w); f <= Math.floor(te); f++) {
    const v = series.footRaw[foot][f];
    if (Number.isFinite(v)) vals.push(v);
  }
  if (vals.length === 0) return sampleAt(series.foot[foot], te);
  return vals.reduce((a, b) => a + b, 0) / vals.length;
}

export interface StrikeReading {
  /** Reported foot angle at contact (peak for a heel strike, pre-contact mean otherwise), degrees, + = toes up. */
  footAngleDeg: number;
  /** null when the reading is within the noise of a band boundary (low confidence: not guessed). */
  strike: StrikePattern | null;
  /** Mean of the highest samples around contact (robust to ±STRIKE_TIMING_TOLERANCE_S of contact-time error). */
  peakDeg: number;
  /** Mean over the last STRIKE_PRE_CONTACT_S before the detected contact. */
  preDeg: number;
  /** Margin (degrees) a reading must clear a band boundary by. */
  marginDeg: number;
}

/**
 * Strike at one contact, robust to a frame or two of contact-time error at 30 fps:
 *  - heel strike = the foot is clearly dorsiflexed just before and at contact, and rotates down to flat right after:
 *    the dorsiflexion peak. It is read as the mean of the STRIKE_PLATEAU_S worth (≥ 2) of highest un-smoothed samples in
 *    [te − tol − pre, te + tol] (tol = STRIKE_TIMING_TOLERANCE_S, pre = STRIKE_PRE_CONTACT_S): wherever the detected
 *    contact falls within ±tol of the true one, the window holds the pre-contact plateau, and frames before (swing,
 *    lower) or after it (stance, flat) do not pull the value down;
 *  - forefoot = toe lower than heel up to contact: the foot angle rises monotonically through contact to flat, so there
 *    is no peak; forefoot when even the highest pre-contact samples in [te − tol − pre, te] are below the band (the
 *    reported angle is then the mean over the last `pre`); midfoot when they are above it (a small plateau);
 *  - each decision must clear its boundary by STRIKE_MARGIN_SD standard errors (per-foot noise measured in mid-stance,
 *    so the noisier far foot needs a larger margin) + STRIKE_MARGIN_MIN_DEG; otherwise the strike is null (low
 *    confidence, not guessed; the foot angle is still reported).
 */
export function strikeAtIC(series: SideSeries, foot: Foot, te: number, fps: number): StrikeReading {
  const raw = series.footRaw[foot];
  const pre = Math.max(1.5, STRIKE_PRE_CONTACT_S * fps);
  const tol = Math.max(1, STRIKE_TIMING_TOLERANCE_S * fps);
  const preVals: number[] = [];
  for (let f = Math.ceil(te - pre); f <= Math.floor(te); f++) if (Number.isFinite(raw[f])) preVals.push(raw[f]);
  const win: number[] = [];
  for (let f = Math.ceil(te - tol - pre); f <= Math.floor(te + tol); f++) if (Number.isFinite(raw[f])) win.push(raw[f]);
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const preDeg = preVals.length ? mean(preVals) : sampleAt(series.foot[foot], te);
  const k = Math.max(2, Math.round(STRIKE_PLATEAU_S * fps));
  const top = win.sort((a, b) => b - a).slice(0, k);
  const peakDeg = top.length ? mean(top) : preDeg;
  // the reported heel-strike angle: the plateau of STRIKE_PLATEAU_S worth of samples, at least one. At 30 fps that is
  // the single highest sample: the dorsiflexion peaks at contact and a 33 ms sampling catches it once, so averaging in
  // a second sample takes one from the rising approach (extended preset: −2…−3.5° low). The heel/midfoot decision
  // keeps the mean of ≥ 2 samples (steadier against noise).
  const kReport = Math.max(1, Math.round(STRIKE_PLATEAU_S * fps));
  const peakReportDeg = top.length ? mean(top.slice(0, kReport)) : preDeg;
  // toes-down test on the pre-contact side only: before a forefoot contact the foot angle rises monotonically toward
  // its contact value, so the highest pre-contact samples are the contact value (or, with a late IC, already a little
  // nearer flat); before a midfoot contact they are its small plateau
  const preWin: number[] = [];
  for (let f = Math.ceil(te - tol - pre); f <= Math.floor(te); f++) if (Number.isFinite(raw[f])) preWin.push(raw[f]);
  const preTop = preWin.sort((a, b) => b - a).slice(0, Math.max(1, k - 1));
  const prePeakDeg = preTop.length ? mean(preTop) : preDeg;
  const sigma = Number.isFinite(series.flatNoise[foot]) ? series.flatNoise[foot] : STRIKE_DEFAULT_NOISE_DEG;
  const se = (m: number) => sigma / Math.sqrt(Math.max(1, m));
  const marginPeak = STRIKE_MARGIN_SD * se(top.length) + STRIKE_MARGIN_MIN_DEG;
  const marginPre = STRIKE_MARGIN_SD * se(preTop.length) + STRIKE_MARGIN_MIN_DEG;
  let strike: StrikePattern | null;
  let footAngleDeg = prePeakDeg;
  // a contact whose window is not fully seen (the runner entering or leaving the frame, a detection gap) is read from
  // what there is, but not classified: the missing frames may hold the plateau or the approach
  const expected = Math.min(raw.length - 1, Math.floor(te + tol)) - Math.max(0, Math.ceil(te - tol - pre)) + 1;
  const partial = win.length < STRIKE_MIN_SEEN_FRACTION * expected;
  if (!Number.isFinite(peakDeg) || !Number.isFinite(prePeakDeg) || partial) strike = null;
  else if (peakDeg > STRIKE_HEEL_MIN_DEG + marginPeak) {
    strike = 'heel';
    footAngleDeg = peakReportDeg;
  } else if (peakDeg > STRIKE_HEEL_MIN_DEG - marginPeak) strike = null;
  else if (prePeakDeg < STRIKE_FOREFOOT_MAX_DEG - marginPre) {
    // toes down: the angle rises through contact, so the pre-contact mean is the contact value (the highest samples
    // would lean toward flat)
    strike = 'forefoot';
    footAngleDeg = preDeg;
  } else if (prePeakDeg < STRIKE_FOREFOOT_MAX_DEG + marginPre) {
    strike = null;
    footAngleDeg = preDeg;
  } else strike = 'midfoot';
  return { footAngleDeg, strike, peakDeg, preDeg, marginDeg: Math.max(marginPeak, marginPre) };
}

export function buildStrides(
  series: SideSeries,
  events: DetectedEvent[],
  fps: number,
  nearSide: Foot | null,
  footMarkers: boolean,
  timeMs: (subFrame: number) => number = (t) => (t / fps) * 1000,
): SideStride[] {
  const strides: SideStride[] = [];
  // durations from the frames' own times (a variable-frame-rate clip's frames are not 1/fps apart)
  const ms = (from: number, to: number) => timeMs(to) - timeMs(from);
  const lastFrame = series.present.length - 1;
  const frameOf = (t: number, type: 'IC' | 'TO') => Math.max(0, Math.min(lastFrame, Math.ceil(type === 'IC' ? t - FRAME_ROUNDING_TOLERANCE : t + TO_FRAME_DELAY)));
  for (const foot of FEET) {
    const evs = events.filter((e) => e.foot === foot);
    const other = events.filter((e) => e.foot !== foot);
    for (let i = 0; i < evs.length; i++) {
      const ic = evs[i];
      if (ic.type !== 'IC') continue;
      const to = evs[i + 1]?.type === 'TO' ? evs[i + 1] : null;
      const nextIc = evs.slice(i + 1).find((e) => e.type === 'IC') ?? null;
      const strideFrames = nextIc ? nextIc.te - ic.te : NaN;
      const side: NearFar | null = nearSide ? (foot === nearSide ? 'near' : 'far') : null;
      const sr = footMarkers ? strikeAtIC(series, foot, ic.te, fps) : null;
      const fa = sr ? sr.footAngleDeg : NaN;
      const otherIcAfterTo = to ? other.find((e) => e.type === 'IC' && e.te > to.te) : undefined;
      const flight = to && otherIcAfterTo && otherIcAfterTo.te - to.te < (Number.isFinite(strideFrames) ? strideFrames : Infinity) ? otherIcAfterTo.te - to.te : NaN;
      // values at events: local quadratic fit of the cleaned, un-smoothed angle at the sub-frame event time, over
      // ±EVENT_FIT_HALF_WINDOW_S (at least 2 frames): narrow enough to follow the fast changes at the events at high
      // frame rates (a low-pass filter or a wide fit flattens them), wide enough to average the keypoint noise
      const w = Math.max(2, EVENT_FIT_HALF_WINDOW_S * fps);
      const lq = (v: Float64Array, t: number) => localQuadratic(v, t, w);
      // thigh extension at TO: the thigh is at its maximal extension at lift-off; its peak is taken within
      // ±THIGH_PEAK_SEARCH_S of the detected TO, so a few ms of event-timing error do not under-read it
      const extreme = (v: Float64Array, t0: number, t1: number, sign: 1 | -1) => {
        let best = NaN;
        for (let t = t0; t <= t1 + 1e-9; t += 0.25) {
          const x = lq(v, t);
          if (Number.isFinite(x) && (!Number.isFinite(best) || sign * x > sign * best)) best = x;
        }
        return best;
      };
      const span = Math.max(1, THIGH_PEAK_SEARCH_S * fps);
      // below ~80 fps (the 25 ms fit would hold fewer than 4 samples a side) the peak is the vertex of the parabola through
      // the highest sample near TO and its two neighbours (standard sub-sample peak interpolation): a ±2-frame fit at
      // 30 fps flattens the peak by 2–5°. With the peak sample or a neighbour missing (no person found on that frame)
      // the local fit over the samples that remain is used, and the stride's confidence is halved (the peak may be missed)
      const fitPeak = to && EVENT_FIT_HALF_WINDOW_S * fps >= THIGH_PEAK_MIN_FIT_FRAMES;
      const pp = to && !fitPeak ? parabolicPeak(series.raw.thighExt[foot], to.te - span, to.te + span) : NaN;
      const thighTo = !to ? NaN : fitPeak || !Number.isFinite(pp) ? extreme(series.raw.thighExt[foot], to.te - span, to.te + span, 1) : pp;
      const gapAtEvents = hasGap(series.present, ic.te, Math.max(1, 0.02 * fps)) || (to !== null && hasGap(series.present, to.te, span + 1));
      // trunk lean at TO: the trunk moves slowly, so the trunk-cutoff low-passed series (less noise) is sampled there
      const trunkTo = to ? sampleAt(series.trunkLean, to.te) : NaN;
      const contact = to ? to.te - ic.te : NaN;
      // a TO inside a gap of the track (nobody found on the frames either side of it) was not observed: its time and
      // the values at it are not reported for this stride (the event itself stays in the event list)
      const toObserved = to !== null && (series.present[Math.floor(to.te)] === 1 || series.present[Math.ceil(to.te)] === 1);
      const okContact = toObserved && Number.isFinite(contact) && contact > 0 && (!Number.isFinite(strideFrames) || contact < 0.9 * strideFrames);
      const low: SideStride['lowConfidenceEvents'] = [];
      if (ic.lowConfidence) low.push('ic');
      if (to?.lowConfidence) low.push('to');
      if (nextIc?.lowConfidence) low.push('nextIc');
      if (Number.isFinite(flight) && otherIcAfterTo?.lowConfidence) low.push('flightIc');
      strides.push({
        foot,
        side,
        // frames as in the event list (index.ts): IC the first frame at/after the contact, TO the first frame clearly off
        icFrame: frameOf(ic.te, 'IC'),
        icSubFrame: ic.te,
        toFrame: to && okContact ? frameOf(to.te, 'TO') : null,
        toSubFrame: to && okContact ? to.te : null,
        nextIcFrame: nextIc ? frameOf(nextIc.te, 'IC') : null,
        strike: sr ? sr.strike : null,
        footAngleDeg: Number.isFinite(fa) ? fa : null,
        kneeFlexionIcDeg: num(firstFinite(lq(series.raw.knee[foot], ic.te), lq(series.raw.kneeFilled[foot], ic.te))),
        shankAngleIcDeg: num(lq(series.raw.shank[foot], ic.te)),
        overstride: num(lq(series.raw.overstride[foot], ic.te)),
        thighExtensionToDeg: okContact ? num(thighTo) : null,
        trunkThighExtensionToDeg: okContact ? num(thighTo - trunkTo) : null,
        trunkLeanToDeg: okContact ? num(trunkTo) : null,
        lumbarExtensionEstimateDeg: okContact ? num(lumboPelvicEstimate(thighTo, trunkTo, series.trunkRef).lumbarExtensionDeg) : null,
        pelvicTiltEstimateDeg: okContact ? num(lumboPelvicEstimate(thighTo, trunkTo, series.trunkRef).pelvicTiltDeg) : null,
        contactTimeMs: okContact ? ms(ic.te, to!.te) : null,
        flightTimeMs: okContact && Number.isFinite(flight) ? ms(to!.te, otherIcAfterTo!.te) : null,
        strideTimeMs: Number.isFinite(strideFrames) ? ms(ic.te, nextIc!.te) : null,
        confidence: Math.min(ic.confidence, to ? to.confidence : ic.confidence) * (side === 'far' ? 0.8 : 1) * (gapAtEvents ? 0.5 : 1),
        // low-confidence events (events.ts LOW_CONFIDENCE) under the stride's values: listed, left out of the summaries
        // that rest on them (strideLowConfidenceFor)
        lowConfidence: low.length > 0,
        lowConfidenceEvents: low,
      });
    }
  }
  return strides.sort((a, b) => a.icSubFrame - b.icSubFrame);
}

/** True when the pose model found nobody on a frame within ±w frames of t. */
function hasGap(present: Uint8Array, t: number, w: number): boolean {
  for (let f = Math.max(0, Math.ceil(t - w)); f <= Math.min(present.length - 1, Math.floor(t + w)); f++) if (!present[f]) return true;
  return false;
}

/** Highest sample with frame index in [t0, t1], refined by the vertex of the parabola through it and the nearest
 * present sample on each side (within 2 frames; uneven spacing allowed), the vertex kept between those two samples.
 * NaN when there is no such sample on a side. */
export function parabolicPeak(v: ArrayLike<number>, t0: number, t1: number): number {
  let jm = -1;
  for (let j = Math.max(0, Math.ceil(t0)); j <= Math.min(v.length - 1, Math.floor(t1)); j++) if (Number.isFinite(v[j]) && (jm < 0 || v[j] > v[jm])) jm = j;
  if (jm < 0) return NaN;
  const side = (dir: -1 | 1) => {
    for (let k = 1; k <= 2; k++) if (Number.isFinite(v[jm + dir * k])) return jm + dir * k;
    return -1;
  };
  const ja = side(-1);
  const jc = side(1);
  if (ja < 0 || jc < 0) return NaN;
  // parabola y = b + p·d + q·d² through (ja−jm, a), (0, b), (jc−jm, c)
  const da = ja - jm, dc = jc - jm, a = v[ja], b = v[jm], c = v[jc];
  const q = ((a - b) / da - (c - b) / dc) / (da - dc);
  const p = (a - b) / da - q * da;
  if (!(q < 0)) return b;
  const d = Math.max(da, Math.min(dc, -p / (2 * q)));
  return b + p * d + q * d * d;
}

function firstFinite(...v: number[]): number {
  return v.find(Number.isFinite) ?? NaN;
}

function num(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

/** What a summarised stride value rests on: the IC (values at contact), the TO (values at toe-off), both (contact
 *  time), the TO and the other foot's next IC (flight time), the IC and the next IC (stride time, cadence). */
export type StrideValueBasis = 'ic' | 'to' | 'contact' | 'flight' | 'stride';

/** Whether a stride's value of this basis rests on a low-confidence event (it is then left out of the summary). */
export function strideLowConfidenceFor(s: SideStride, basis: StrideValueBasis): boolean {
  const e = s.lowConfidenceEvents;
  const has = (k: SideStride['lowConfidenceEvents'][number]) => e.includes(k);
  if (basis === 'ic') return has('ic');
  if (basis === 'to') return has('to');
  if (basis === 'contact') return has('ic') || has('to');
  if (basis === 'flight') return has('to') || has('flightIc');
  return has('ic') || has('nextIc');
}
