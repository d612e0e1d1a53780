/**
 * Back (or front) view: mid-stance of each foot, then pelvic drop, lateral trunk lean and step width / crossover.
 * Mid-stance: the stance foot is the lower one in the image; s(t) = (y_left − y_right)/leg length peaks at left
 * mid-stance and dips at right mid-stance (independent of the runner's distance drifting).
 * Pelvic drop: hip line against the image horizontal, + = the swing-side (contralateral) hip lower.
 * Lateral trunk lean: mid-hip→mid-shoulder against vertical, + = toward the stance side.
 * Foot offset: stance foot's lateral distance from the pelvis centre, in hip widths (hip keypoint distance); negative
 * = the foot crosses the midline (crossover). Step width: lateral distance between consecutive left and right
 * contacts, in hip widths.
 */
import type { KeypointName } from '../types';
import type { CleanTrack, XY } from './cleanup';
import { midpoint } from './cleanup';
import type { BackStance, Foot } from './types';
import { RAD } from './geometry';
import { dominantPeriod, findPeaks, quantile } from './stats';

export interface BackResult {
  ok: boolean;
  reason: string | null;
  strideFrames: number;
  periodicity: number;
  stances: BackStance[];
  pelvicDropSeries: Float64Array;
}

function g(ct: CleanTrack, name: string, smooth = true): XY | undefined {
  return (smooth ? ct.smooth : ct.slow).get(name as KeypointName);
}

export function analyzeBack(ct: CleanTrack): BackResult {
  const n = ct.n;
  const fps = ct.fps;
  const L = ct.legLengthPx;
  const pelvicDropSeries = new Float64Array(n).fill(NaN);
  const fail = (reason: string): BackResult => ({ ok: false, reason, strideFrames: NaN, periodicity: 0, stances: [], pelvicDropSeries });
  const footName = ct.slow.has('left_heel') ? 'heel' : 'ankle';
  const fl = g(ct, `left_${footName}`, false);
  const fr = g(ct, `right_${footName}`, false);
  const hl = g(ct, 'left_hip');
  const hr = g(ct, 'right_hip');
  if (!fl || !fr || !hl || !hr || !(L > 0)) return fail('no legs found');
  const s = new Float64Array(n);
  for (let f = 0; f < n; f++) s[f] = (fl.y[f] - fr.y[f]) / L;
  const per = dominantPeriod(s, 0.45 * fps, 2.2 * fps);
  if (!Number.isFinite(per.period) || per.strength < 0.2) return fail('no alternating foot motion');
  const T = per.period;
  const amp = quantile(s, 0.95) - quantile(s, 0.05);
  if (amp < 0.08) return fail('the feet hardly lift');
  const mids: { foot: Foot; f: number }[] = [
    ...findPeaks(s, 0.6 * T, 0.3 * amp).map((f) => ({ foot: 'left' as Foot, f })),
    ...findPeaks(s.map((v) => -v), 0.6 * T, 0.3 * amp).map((f) => ({ foot: 'right' as Foot, f })),
  ].sort((a, b) => a.f - b.f);

  const hip = midpoint(hl, hr, n);
  const sh = midpoint(g(ct, 'left_shoulder'), g(ct, 'right_shoulder'), n);
  const fls = g(ct, `left_${footName}`);
  const frs = g(ct, `right_${footName}`);
  for (let f = 0; f < n; f++) {
    // series: + = right hip lower (sign fixed per stance below)
    pelvicDropSeries[f] = Math.atan2(hr.y[f] - hl.y[f], Math.abs(hr.x[f] - hl.x[f])) * RAD;
  }
  const stances: BackStance[] = [];
  let prev: { foot: Foot; x: number; hw: number; offset: number } | null = null;
  for (const m of mids) {
    const f = m.f;
    const st = m.foot === 'left' ? hl : hr;
    const sw = m.foot === 'left' ? hr : hl;
    const foot = m.foot === 'left' ? fls! : frs!;
    const hw = Math.abs(hr.x[f] - hl.x[f]);
    const sgn = Math.sign(st.x[f] - sw.x[f]) || 1; // image direction of the stance side
    const drop = Math.atan2(sw.y[f] - st.y[f], Math.abs(sw.x[f] - st.x[f])) * RAD;
    const lean = Math.atan2((sh.x[f] - hip.x[f]) * sgn, hip.y[f] - sh.y[f]) * RAD;
    const offset = hw > 0 ? ((foot.x[f] - hip.x[f]) * sgn) / hw : NaN;
    const stepW = prev && prev.foot !== m.foot && f - 0 > 0 ? offset + prev.offset : NaN;
    const sc = ct.score.get(`${m.foot}_hip` as KeypointName);
    const conf = sc && Number.isFinite(sc[f]) ? Math.min(1, sc[f]) : 0.5;
    stances.push({
      foot: m.foot,
      midStanceFrame: f,
      pelvicDropDeg: Number.isFinite(drop) ? drop : null,
      lateralTrunkLeanDeg: Number.isFinite(lean) ? lean : null,
      footOffsetHipWidths: Number.isFinite(offset) ? offset : null,
      stepWidthHipWidths: Number.isFinite(stepW) ? stepW : null,
      confidence: conf,
    });
    prev = { foot: m.foot, x: foot.x[f], hw, offset };
  }
  return { ok: stances.length >= 2, reason: stances.length >= 2 ? null : 'too few stances', strideFrames: T, periodicity: per.strength, stances, pelvicDropSeries };
}
