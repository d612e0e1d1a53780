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
import { SWAP_PRIOR_COST, SWAP_RESIDUAL_CAP, SWAP_SWITCH_COST } from '../thresholds';

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

  // acceleration cost for assignments (a at f-2, b at f-1, c at f)
  const accCost = (f: number, a: number, b: number, c: number): number => {
    let cost = 0;
    for (let m = 0; m < members.length; m++) {
      const w = members[m].weight;
      for (let side = 0; side < 2; side++) {
        const i0 = side ^ a;
        const i1 = side ^ b;
        const i2 = side ^ c;
        const x0 = sx[m][i0][f - 2];
        const x1 = sx[m][i1][f - 1];
        const x2 = sx[m][i2][f];
        const y0 = sy[m][i0][f - 2];
        const y1 = sy[m][i1][f - 1];
        const y2 = sy[m][i2][f];
        if (!Number.isFinite(x0) || !Number.isFinite(x1) || !Number.isFinite(x2)) continue;
        const ax = x2 - 2 * x1 + x0;
        const ay = y2 - 2 * y1 + y0;
        cost += w * Math.min(ax * ax + ay * ay, cap2);
      }
    }
    return cost / L2;
  };
  // first-order cost when a frame in between is missing (used at f with f-1 missing): compare f with f-2
  const prior = (s: number) => (s ? SWAP_PRIOR_COST : 0);
  const sw = (a: number, b: number) => (a !== b ? SWAP_SWITCH_COST : 0);

  // D[f][a*2+b]: best cost with s_{f-1}=a, s_f=b
  const D = new Float64Array(n * 4).fill(Infinity);
  const back = new Uint8Array(n * 4);
  for (let a = 0; a < 2; a++) for (let b = 0; b < 2; b++) D[1 * 4 + a * 2 + b] = prior(a) + prior(b) + sw(a, b);
  for (let f = 2; f < n; f++) {
    for (let b = 0; b < 2; b++) {
      for (let c = 0; c < 2; c++) {
        let best = Infinity;
        let arg = 0;
        for (let a = 0; a < 2; a++) {
          const v = D[(f - 1) * 4 + a * 2 + b] + accCost(f, a, b, c);
          if (v < best) {
            best = v;
            arg = a;
          }
        }
        D[f * 4 + b * 2 + c] = best + sw(b, c) + prior(c);
        back[f * 4 + b * 2 + c] = arg;
      }
    }
  }
  let bestEnd = 0;
  for (let s = 1; s < 4; s++) if (D[(n - 1) * 4 + s] < D[(n - 1) * 4 + bestEnd]) bestEnd = s;
  let b = bestEnd >> 1;
  let c = bestEnd & 1;
  state[n - 1] = c;
  state[n - 2] = b;
  for (let f = n - 1; f >= 2; f--) {
    const a = back[f * 4 + b * 2 + c];
    state[f - 2] = a;
    c = b;
    b = a;
  }
  // only short exchanged runs are believed (the models swap the legs for a few frames); a long "exchanged" run means
  // the continuity cost was ambiguous (e.g. the far foot collapsed onto the near one) and is left alone
  if (maxRunFrames !== undefined) {
    let f = 0;
    while (f < n) {
      if (!state[f]) { f++; continue; }
      let g = f;
      while (g < n && state[g]) g++;
      if (g - f > maxRunFrames) state.fill(0, f, g);
      f = g;
    }
  }
  // apply
  for (let f = 0; f < n; f++) {
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
  return state;
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
