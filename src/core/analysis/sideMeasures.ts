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
import { EVENT_FIT_HALF_WINDOW_S, STRIKE_FOREFOOT_MAX_DEG, STRIKE_HEEL_MIN_DEG, THIGH_PEAK_SEARCH_S } from './thresholds';

export interface SideSeries {
  /** Angles from the un-smoothed (cleaned) keypoints: values at events come from local quadratic fits of these. */
  raw: { trunkLean: Float64Array; thighExt: Record<Foot, Float64Array>; knee: Record<Foot, Float64Array>; shank: Record<Foot, Float64Array>; overstride: Record<Foot, Float64Array> };
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
  trunkRef: number;
}

const FEET: Foot[] = ['left', 'right'];

function g(m: Map<KeypointName, XY>, name: string): XY | undefined {
  return m.get(name as KeypointName);
}

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
  const sm = computeAngles(ct, ct.smooth, fr, L);
  const { trunkLean, thighExt, trunkThigh, knee, foot, shank, overstride } = sm;
  const footRaw = rawAngles.foot;
  const flatOffset: Record<Foot, number> = { left: 0, right: 0 };
  for (const side of FEET) {
    // flat-foot calibration: the foot angle in mid-stance (between each IC and the next TO of this foot)
    const mids: number[] = [];
    const evs = events.filter((e) => e.foot === side);
    for (let i = 0; i < evs.length - 1; i++) {
      if (evs[i].type === 'IC' && evs[i + 1].type === 'TO') {
        const m = (evs[i].te + evs[i + 1].te) / 2;
        const w = Math.max(1, 0.1 * (evs[i + 1].te - evs[i].te));
        for (let f = Math.ceil(m - w); f <= Math.floor(m + w); f++) if (Number.isFinite(foot[side][f])) mids.push(foot[side][f]);
      }
    }
    const off = median(mids);
    flatOffset[side] = Number.isFinite(off) ? off : 0;
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
    raw: { trunkLean: rawAngles.trunkLean, thighExt: rawAngles.thighExt, knee: rawAngles.knee, shank: rawAngles.shank, overstride: rawAngles.overstride },
    trunkLean, thighExt, trunkThigh, knee, foot, footRaw, shank, overstride, lumbar, pelvicTilt, flatOffset, trunkRef: trunkRefDeg,
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

/** Foot angle at IC: mean of the un-smoothed angle over the last ~50 ms before contact (the foot's attitude barely
 * changes then, while right after contact it rotates quickly to flat; a smoothed value would blend the two). */
export function footAngleAtIC(series: SideSeries, foot: Foot, te: number, fps: number): number {
  const w = Math.max(1.5, 0.05 * fps);
  const vals: number[] = [];
  for (let f = Math.ceil(te - w); f <= Math.floor(te); f++) {
    const v = series.footRaw[foot][f];
    if (Number.isFinite(v)) vals.push(v);
  }
  if (vals.length === 0) return sampleAt(series.foot[foot], te);
  return vals.reduce((a, b) => a + b, 0) / vals.length;
}

export function buildStrides(
  series: SideSeries,
  events: DetectedEvent[],
  fps: number,
  nearSide: Foot | null,
  footMarkers: boolean,
): SideStride[] {
  const strides: SideStride[] = [];
  const ms = (frames: number) => (frames / fps) * 1000;
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
      const fa = footMarkers ? footAngleAtIC(series, foot, ic.te, fps) : NaN;
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
      const thighTo = to ? extreme(series.raw.thighExt[foot], to.te - span, to.te + span, 1) : NaN;
      // trunk lean at TO: the trunk moves slowly, so the trunk-cutoff low-passed series (less noise) is sampled there
      const trunkTo = to ? sampleAt(series.trunkLean, to.te) : NaN;
      const contact = to ? to.te - ic.te : NaN;
      const okContact = Number.isFinite(contact) && contact > 0 && (!Number.isFinite(strideFrames) || contact < 0.9 * strideFrames);
      strides.push({
        foot,
        side,
        icFrame: Math.round(ic.te),
        icSubFrame: ic.te,
        toFrame: to && okContact ? Math.round(to.te) : null,
        toSubFrame: to && okContact ? to.te : null,
        nextIcFrame: nextIc ? Math.round(nextIc.te) : null,
        strike: Number.isFinite(fa) ? classifyStrike(fa) : null,
        footAngleDeg: Number.isFinite(fa) ? fa : null,
        kneeFlexionIcDeg: num(lq(series.raw.knee[foot], ic.te)),
        shankAngleIcDeg: num(lq(series.raw.shank[foot], ic.te)),
        overstride: num(lq(series.raw.overstride[foot], ic.te)),
        thighExtensionToDeg: okContact ? num(thighTo) : null,
        trunkThighExtensionToDeg: okContact ? num(thighTo - trunkTo) : null,
        trunkLeanToDeg: okContact ? num(trunkTo) : null,
        lumbarExtensionEstimateDeg: okContact ? num(lumboPelvicEstimate(thighTo, trunkTo, series.trunkRef).lumbarExtensionDeg) : null,
        pelvicTiltEstimateDeg: okContact ? num(lumboPelvicEstimate(thighTo, trunkTo, series.trunkRef).pelvicTiltDeg) : null,
        contactTimeMs: okContact ? ms(contact) : null,
        flightTimeMs: okContact && Number.isFinite(flight) ? ms(flight) : null,
        strideTimeMs: Number.isFinite(strideFrames) ? ms(strideFrames) : null,
        confidence: Math.min(ic.confidence, to ? to.confidence : ic.confidence) * (side === 'far' ? 0.8 : 1),
      });
    }
  }
  return strides.sort((a, b) => a.icSubFrame - b.icSubFrame);
}

function num(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}
