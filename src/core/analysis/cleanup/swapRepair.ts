/**
 * Left/right swap repair. Side-view pose models exchange the two legs for a few frames. For each frame we choose
 * between "labels as given" (state 0) and "labels exchanged" (state 1) for a group of paired keypoints, minimising
 * over the whole clip (Viterbi, second order) the sum of
 *   - squared accelerations of every keypoint under the chosen assignments (continuity: a swap makes a jump out and back),
 *   - a cost per switch of state, and a small prior cost for the exchanged state (labels are right most of the time).
 * Runs before smoothing, on the gated raw positions. Pure; mutates the series passed in.
 */
import type { KeypointName } from '../../types';
import type { KeypointSeries } from './gating';
import {
  SWAP_LINK_CROSS_LEG_FRACTION,
  SWAP_LINK_MARGIN,
  SWAP_LINK_MAX_COST,
  SWAP_LINK_RATIO,
  SWAP_PRIOR_COST,
  SWAP_RESIDUAL_CAP,
  SWAP_SWITCH_COST,
} from '../thresholds';

export interface SwapGroupMember {
  left: KeypointName;
  right: KeypointName;
  weight: number;
}

/** Returns per-frame state (1 = exchanged) and applies the exchange in place. */
export function repairSwaps(
  series: Map<KeypointName, KeypointSeries>,
  group: SwapGroupMember[],
  legLengthPx: number,
  n: number,
  maxRunFrames?: number,
): Uint8Array {
  const members = group.filter((g) => series.has(g.left) && series.has(g.right));
  const state = new Uint8Array(n);
  if (members.length === 0 || n < 3 || !(legLengthPx > 0)) return state;
  const L2 = legLengthPx * legLengthPx;
  const cap2 = (SWAP_RESIDUAL_CAP * legLengthPx) ** 2;
  const sx: Float64Array[][] = members.map((m) => [series.get(m.left)!.x, series.get(m.right)!.x]);
  const sy: Float64Array[][] = members.map((m) => [series.get(m.left)!.y, series.get(m.right)!.y]);

  // the chain runs over the frames where the pose model saw at least one pair; frames without pose carry no state, and
  // continuity is extrapolated over them (second divided difference with the true frame spacing)
  const idx: number[] = [];
  for (let f = 0; f < n; f++) {
    let any = false;
    for (let m = 0; m < members.length && !any; m++) any = Number.isFinite(sx[m][0][f]) || Number.isFinite(sx[m][1][f]);
    if (any) idx.push(f);
  }
  const N = idx.length;
  if (N < 3) return state;

  // acceleration cost for assignments (a at p-2, b at p-1, c at p), p an index into idx
  const accCost = (p: number, a: number, b: number, c: number): number => {
    const f0 = idx[p - 2];
    const f1 = idx[p - 1];
    const f2 = idx[p];
    const d1 = f1 - f0;
    const d2 = f2 - f1;
    const k = 2 / (f2 - f0);
    let cost = 0;
    for (let m = 0; m < members.length; m++) {
      const w = members[m].weight;
      for (let side = 0; side < 2; side++) {
        const i0 = side ^ a;
        const i1 = side ^ b;
        const i2 = side ^ c;
        const x0 = sx[m][i0][f0];
        const x1 = sx[m][i1][f1];
        const x2 = sx[m][i2][f2];
        const y0 = sy[m][i0][f0];
        const y1 = sy[m][i1][f1];
        const y2 = sy[m][i2][f2];
        if (!Number.isFinite(x0) || !Number.isFinite(x1) || !Number.isFinite(x2)) continue;
        const ax = k * ((x2 - x1) / d2 - (x1 - x0) / d1);
        const ay = k * ((y2 - y1) / d2 - (y1 - y0) / d1);
        cost += w * Math.min(ax * ax + ay * ay, cap2);
      }
    }
    return cost / L2;
  };
  const prior = (s: number) => (s ? SWAP_PRIOR_COST : 0);
  const sw = (a: number, b: number) => (a !== b ? SWAP_SWITCH_COST : 0);

  // D[p][a*2+b]: best cost with s_{p-1}=a, s_p=b
  const D = new Float64Array(N * 4).fill(Infinity);
  const back = new Uint8Array(N * 4);
  for (let a = 0; a < 2; a++) for (let b = 0; b < 2; b++) D[1 * 4 + a * 2 + b] = prior(a) + prior(b) + sw(a, b);
  for (let p = 2; p < N; p++) {
    for (let b = 0; b < 2; b++) {
      for (let c = 0; c < 2; c++) {
        let best = Infinity;
        let arg = 0;
        for (let a = 0; a < 2; a++) {
          const v = D[(p - 1) * 4 + a * 2 + b] + accCost(p, a, b, c);
          if (v < best) {
            best = v;
            arg = a;
          }
        }
        D[p * 4 + b * 2 + c] = best + sw(b, c) + prior(c);
        back[p * 4 + b * 2 + c] = arg;
      }
    }
  }
  const st = new Uint8Array(N);
  let bestEnd = 0;
  for (let s = 1; s < 4; s++) if (D[(N - 1) * 4 + s] < D[(N - 1) * 4 + bestEnd]) bestEnd = s;
  let b = bestEnd >> 1;
  let c = bestEnd & 1;
  st[N - 1] = c;
  st[N - 2] = b;
  for (let p = N - 1; p >= 2; p--) {
    const a = back[p * 4 + b * 2 + c];
    st[p - 2] = a;
    c = b;
    b = a;
  }
  // only short exchanged runs are believed (the models swap the legs for a few frames); a long "exchanged" run means
  // the continuity cost was ambiguous (e.g. the far foot collapsed onto the near one) and is left alone. Run length is
  // counted in frames with a pose.
  if (maxRunFrames !== undefined) {
    let p = 0;
    while (p < N) {
      if (!st[p]) { p++; continue; }
      let q = p;
      while (q < N && st[q]) q++;
      if (q - p > maxRunFrames) st.fill(0, p, q);
      p = q;
    }
  }
  for (let p = 0; p < N; p++) state[idx[p]] = st[p];
  applySwaps(series, members, state);
  return state;
}

/** Linear fit (position at time t, velocity) of one series over the given frames; null when fewer than 2 are finite. */
/** Exchanges the left and right series of every member on the frames where `state` is 1. */
function applySwaps(series: Map<KeypointName, KeypointSeries>, members: SwapGroupMember[], state: Uint8Array): void {
  for (let f = 0; f < state.length; f++) {
    if (!state[f]) continue;
    for (const m of members) {
      const l = series.get(m.left)!;
      const r = series.get(m.right)!;
      for (const key of ['x', 'y', 'z', 'score'] as const) {
        const t = l[key][f];
        l[key][f] = r[key][f];
        r[key][f] = t;
      }
    }
  }
}

function fitAt(v: Float64Array, frames: number[], t: number): [number, number] | null {
  let s0 = 0, s1 = 0, s2 = 0, t0 = 0, t1 = 0;
  for (const f of frames) {
    const y = v[f];
    if (!Number.isFinite(y)) continue;
    const d = f - t;
    s0 += 1; s1 += d; s2 += d * d; t0 += y; t1 += y * d;
  }
  if (s0 < 2) return null;
  const det = s0 * s2 - s1 * s1;
  if (Math.abs(det) < 1e-9) return null;
  return [(t0 * s2 - s1 * t1) / det, (s0 * t1 - s1 * t0) / det];
}

export interface LinkResult {
  /** Per-frame state (1 = exchanged relative to the model's labels). */
  state: Uint8Array;
  /** Frames after which the naming was exchanged for the rest of the clip. */
  breaks: number[];
}

/**
 * Persistent swaps: after losing the person, or while the swing foot passes the stance foot, a pose model may exchange
 * the legs for the REST of the clip — a switch with no switch back, which the Viterbi's prior and run-length limit do
 * not repair, and whose acceleration signature is weak (at a crossing both feet are at the same place). At each
 * candidate break (a gap in the pose, or the frame where the two ankles come closest, closer than
 * SWAP_LINK_CROSS_LEG_FRACTION × leg length) each foot keypoint is fitted linearly (position, velocity) over a short
 * window on both sides and extrapolated to the middle of the break; identity is carried by continuity of position and
 * of velocity — the stance foot keeps its ground speed (0 overground, the belt's on a treadmill) through the crossing,
 * the swing foot keeps its swing speed. The rest of the clip is exchanged when the exchanged pairing costs less than
 * SWAP_LINK_RATIO × the kept one (and by a margin). Mutates the series.
 */
export function linkAcrossBreaks(
  series: Map<KeypointName, KeypointSeries>,
  group: SwapGroupMember[],
  legLengthPx: number,
  n: number,
  fps: number,
): LinkResult {
  const state = new Uint8Array(n);
  const breaks: number[] = [];
  const members = group.filter((g) => series.has(g.left) && series.has(g.right));
  const ankle = members.find((m) => m.left === 'left_ankle');
  if (members.length === 0 || !ankle || !(legLengthPx > 0)) return { state, breaks };
  const lx = series.get(ankle.left)!.x, ly = series.get(ankle.left)!.y;
  const rx = series.get(ankle.right)!.x, ry = series.get(ankle.right)!.y;
  const idx: number[] = [];
  for (let f = 0; f < n; f++) if (Number.isFinite(lx[f]) && Number.isFinite(rx[f])) idx.push(f);
  const N = idx.length;
  if (N < 6) return { state, breaks };
  const dist = idx.map((f) => Math.hypot(lx[f] - rx[f], ly[f] - ry[f]));
  const cross = SWAP_LINK_CROSS_LEG_FRACTION * legLengthPx;
  const K = Math.max(2, Math.round(fps / 15)); // fit window each side, ≈ 1/15 s
  const H = Math.max(1, Math.round(fps / 30)); // a crossing's switch is looked for within ± 1/30 s of closest approach
  const vScale = 30 / fps; // velocities compared in px per 1/30 s whatever the frame rate
  const L2 = legLengthPx * legLengthPx;
  // cost of keeping / exchanging the naming across the boundary between idx[q] and idx[q+1]
  const linkCost = (q: number): [number, number] | null => {
    const before = idx.slice(Math.max(0, q - K + 1), q + 1);
    const after = idx.slice(q + 1, q + 1 + K);
    if (before.length < 2 || after.length < 2) return null;
    const t = (idx[q] + idx[q + 1]) / 2;
    let keep = 0, swap = 0, used = 0;
    for (const m of members) {
      const sL = series.get(m.left)!, sR = series.get(m.right)!;
      const bL = [fitAt(sL.x, before, t), fitAt(sL.y, before, t)];
      const bR = [fitAt(sR.x, before, t), fitAt(sR.y, before, t)];
      const aL = [fitAt(sL.x, after, t), fitAt(sL.y, after, t)];
      const aR = [fitAt(sR.x, after, t), fitAt(sR.y, after, t)];
      if ([...bL, ...bR, ...aL, ...aR].some((v) => v === null)) continue;
      const c = (u: ([number, number] | null)[], w: ([number, number] | null)[]) => {
        let s2 = 0;
        for (let d = 0; d < 2; d++) {
          const dp = u[d]![0] - w[d]![0];
          const dv = (u[d]![1] - w[d]![1]) / vScale;
          s2 += dp * dp + dv * dv;
        }
        return s2;
      };
      keep += m.weight * (c(bL, aL) + c(bR, aR));
      swap += m.weight * (c(bL, aR) + c(bR, aL));
      used++;
    }
    return used ? [keep / L2, swap / L2] : null;
  };
  // candidate breaks: pose gaps, and crossings (ankles closest, closer than `cross`)
  const bounds: { q: number; keep: number; swap: number }[] = [];
  for (let p = 0; p + 1 < N; p++) {
    let qs: number[] = [];
    if (idx[p + 1] - idx[p] > 1) qs = [p];
    else if (dist[p] < cross) {
      let isMin = true;
      for (let q = Math.max(0, p - K); q <= Math.min(N - 1, p + K); q++) if (dist[q] < dist[p]) isMin = false;
      if (isMin) for (let q = Math.max(0, p - H); q <= Math.min(N - 2, p + H - 1 + 1); q++) qs.push(q);
    }
    let best: { q: number; keep: number; swap: number } | null = null;
    for (const q of qs) {
      const c = linkCost(q);
      if (c && (!best || c[0] - c[1] > best.keep - best.swap)) best = { q, keep: c[0], swap: c[1] };
    }
    if (best && !bounds.some((x) => x.q === best!.q)) bounds.push(best);
  }
  bounds.sort((u, v) => u.q - v.q);
  // a boundary is believed only when the exchanged pairing is clearly better
  const flips = bounds.filter((x) => x.swap < SWAP_LINK_RATIO * x.keep && x.keep - x.swap > SWAP_LINK_MARGIN && x.swap < SWAP_LINK_MAX_COST);
  if (!flips.length) return { state, breaks };
  // segments between believed breaks alternate naming; keep the model's naming on the majority of frames
  const seg = new Uint8Array(N);
  let cur = 0, fi = 0;
  for (let p = 0; p < N; p++) {
    seg[p] = cur;
    if (fi < flips.length && flips[fi].q === p) { cur ^= 1; fi++; }
  }
  let ones = 0;
  for (let p = 0; p < N; p++) ones += seg[p];
  const invert = ones > N / 2 ? 1 : 0;
  for (let p = 0; p < N; p++) {
    const s0 = seg[p] ^ invert;
    // frames without both ankles between idx[p] and idx[p+1] follow idx[p]
    const end = p + 1 < N ? idx[p + 1] : n;
    for (let f = idx[p]; f < end; f++) state[f] = s0;
  }
  for (let f = 0; f < idx[0]; f++) state[f] = seg[0] ^ invert;
  for (const x of flips) breaks.push(idx[x.q]);
  applySwaps(series, members, state);
  return { state, breaks };
}

export const LEG_GROUP: SwapGroupMember[] = [
  { left: 'left_hip', right: 'right_hip', weight: 0.5 },
  { left: 'left_knee', right: 'right_knee', weight: 1 },
  { left: 'left_ankle', right: 'right_ankle', weight: 1 },
  { left: 'left_heel', right: 'right_heel', weight: 1 },
  { left: 'left_foot_index', right: 'right_foot_index', weight: 1 },
];

export const FOOT_GROUP: SwapGroupMember[] = [
  { left: 'left_ankle', right: 'right_ankle', weight: 1 },
  { left: 'left_heel', right: 'right_heel', weight: 1 },
  { left: 'left_foot_index', right: 'right_foot_index', weight: 1 },
];
