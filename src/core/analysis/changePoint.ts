/**
 * Sub-frame event times by change-point ("hinge" / kink) regression in the position domain: fitChangePoint2D (one foot
 * marker, height + fore-aft), fitSharedKink and fitJointKink (several markers of one foot sharing one event time; see
 * docs/METHODS.md §3 for which is used where).
 *
 * Around a contact the height of a foot marker above its own
 * stance level is ~0 on the stance side and rises (roughly linearly or quadratically) on the swing side. For each
 * candidate event time te on a fine grid, we fit
 *     landing:  h(t) = c + b·max(0, te − t) + a·max(0, te − t)²
 *     take-off: h(t) = c + b·max(0, t − te) + a·max(0, t − te)²
 * by least squares over the samples within ±w of te, and keep the te with the lowest mean squared error.
 * The kink is where the marker's vertical acceleration peaks (Handsaker et al. 2016 use that peak for touchdown and
 * the jerk peak for toe-off); fitting the kink directly is far less noise-sensitive than differentiating twice and
 * gives sub-frame timing at 30 fps.
 */

export interface ChangePointResult {
  /** Event time in frames (fractional). */
  te: number;
  /** Fit residual SD (same unit as h). */
  rmse: number;
  /** Plateau level c. */
  level: number;
  /** Rise of the swing side over the window (same unit as h). */
  rise: number;
  samples: number;
}

function solve3(m: number[][], r: number[]): number[] | null {
  const [a, b, c] = m;
  const det = a[0] * (b[1] * c[2] - b[2] * c[1]) - a[1] * (b[0] * c[2] - b[2] * c[0]) + a[2] * (b[0] * c[1] - b[1] * c[0]);
  if (Math.abs(det) < 1e-12) return null;
  const d0 = r[0] * (b[1] * c[2] - b[2] * c[1]) - a[1] * (r[1] * c[2] - b[2] * r[2]) + a[2] * (r[1] * c[1] - b[1] * r[2]);
  const d1 = a[0] * (r[1] * c[2] - b[2] * r[2]) - r[0] * (b[0] * c[2] - b[2] * c[0]) + a[2] * (b[0] * r[2] - r[1] * c[0]);
  const d2 = a[0] * (b[1] * r[2] - r[1] * c[1]) - a[1] * (b[0] * r[2] - r[1] * c[0]) + r[0] * (b[0] * c[1] - b[1] * c[0]);
  return [d0 / det, d1 / det, d2 / det];
}

/**
 * The same hinge model fitted jointly to two coordinates of a marker: `h` (height above its stance level) and `u`
 * (position along the ground, with the ground's own motion — treadmill belt — already removed, so it is constant
 * during stance). The swing side of `u` gets its own slope/curvature; only `h` must rise on the swing side.
 * Using the fore-aft coordinate as well doubles the evidence: at touchdown the foot stops both falling and moving
 * forward relative to the ground.
 */
export function fitChangePoint2D(
  h: ArrayLike<number>,
  u: ArrayLike<number>,
  kind: 'landing' | 'takeoff',
  tMin: number,
  tMax: number,
  halfWindow: number,
  step: number,
  center: number,
  uWeight = 1,
): ChangePointResult | null {
  const n = h.length;
  const j0 = Math.max(0, Math.ceil(center - halfWindow));
  const j1 = Math.min(n - 1, Math.floor(center + halfWindow));
  let best: ChangePointResult | null = null;
  let bestSse = Infinity;
  for (let te = tMin; te <= tMax + 1e-9; te += step) {
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0;
    let th0 = 0, th1 = 0, th2 = 0, tu0 = 0, tu1 = 0, tu2 = 0;
    let swingCnt = 0;
    let stanceCnt = 0;
    for (let j = j0; j <= j1; j++) {
      const y = h[j];
      const x = u[j];
      if (!Number.isFinite(y) || !Number.isFinite(x)) continue;
      const d = kind === 'landing' ? te - j : j - te;
      const v = d > 0 ? d : 0;
      if (v > 0) swingCnt++;
      else stanceCnt++;
      const v2 = v * v;
      s0 += 1; s1 += v; s2 += v2; s3 += v2 * v; s4 += v2 * v2;
      th0 += y; th1 += y * v; th2 += y * v2;
      tu0 += x; tu1 += x * v; tu2 += x * v2;
    }
    if (swingCnt < 2 || stanceCnt < 2) continue;
    const M = [[s0, s1, s2], [s1, s2, s3], [s2, s3, s4]];
    let ch: number[] | null;
    let cu: number[] | null;
    if (swingCnt >= 3) {
      ch = solve3(M, [th0, th1, th2]);
      cu = solve3(M, [tu0, tu1, tu2]);
    } else {
      const det = s0 * s2 - s1 * s1;
      if (Math.abs(det) < 1e-12) continue;
      ch = [(th0 * s2 - s1 * th1) / det, (s0 * th1 - s1 * th0) / det, 0];
      cu = [(tu0 * s2 - s1 * tu1) / det, (s0 * tu1 - s1 * tu0) / det, 0];
    }
    if (!ch || !cu) continue;
    const uMax = Math.max(1e-9, kind === 'landing' ? te - j0 : j1 - te);
    const rise = ch[1] * uMax + ch[2] * uMax * uMax;
    if (!(rise > 0)) continue;
    let sse = 0;
    let cnt = 0;
    for (let j = j0; j <= j1; j++) {
      const y = h[j];
      const x = u[j];
      if (!Number.isFinite(y) || !Number.isFinite(x)) continue;
      const d = kind === 'landing' ? te - j : j - te;
      const v = d > 0 ? d : 0;
      const eh = y - (ch[0] + ch[1] * v + ch[2] * v * v);
      const eu = x - (cu[0] + cu[1] * v + cu[2] * v * v);
      sse += eh * eh + uWeight * eu * eu;
      cnt++;
    }
    if (sse < bestSse) {
      bestSse = sse;
      best = { te, rmse: Math.sqrt(sse / (cnt * (1 + uWeight))), level: ch[0], rise, samples: cnt };
    }
  }
  return best;
}

/** Solves the small dense system A·x = b (Gaussian elimination with partial pivoting); null if singular. */
function solveDense(A: number[][], b: number[]): number[] | null {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    if (Math.abs(M[p][c]) < 1e-12) return null;
    [M[c], M[p]] = [M[p], M[c]];
    for (let r = c + 1; r < n; r++) {
      const f = M[r][c] / M[c][c];
      for (let k = c; k <= n; k++) M[r][k] -= f * M[c][k];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = M[r][n];
    for (let k = r + 1; k < n; k++) s -= M[r][k] * x[k];
    x[r] = s / M[r][r];
  }
  return x;
}

interface GridFit {
  te: number;
  sse: number;
  cnt: number;
  /** Per-frame squared residual summed over the series (only when asked for). */
  res: Float64Array | null;
}

/**
 * Least-squares event time on a grid, then one robust pass: frames whose summed squared residual exceeds 9× the
 * median are dropped (`keep`, shared with `fitAt`) and the grid searched again — unless that would drop more than a
 * quarter of the window, in which case every frame is kept.
 */
function robustGridSearch(
  fitAt: (te: number, wantRes: boolean) => GridFit | null,
  keep: boolean[],
  tMin: number,
  tMax: number,
  step: number,
): { te: number; rmse: number; dropped: number } | null {
  const search = () => {
    let best: GridFit | null = null;
    for (let te = tMin; te <= tMax + 1e-9; te += step) {
      const r = fitAt(te, false);
      if (r && (!best || r.sse < best.sse)) best = r;
    }
    return best;
  };
  let best = search();
  if (!best) return null;
  const r0 = fitAt(best.te, true)!;
  const sorted = Array.from(r0.res!).filter((v) => v > 0).sort((a, b) => a - b);
  const med = sorted[Math.floor(sorted.length / 2)] ?? 0;
  let dropped = 0;
  r0.res!.forEach((e, i) => {
    if (med > 0 && e > 9 * med) {
      keep[i] = false;
      dropped++;
    }
  });
  if (dropped > 0 && dropped <= keep.length / 4) best = search() ?? best;
  else if (dropped > 0) keep.fill(true);
  return { te: best.te, rmse: Math.sqrt(best.sse / Math.max(1, best.cnt)), dropped };
}

/**
 * Rigid-foot change-point fit: several coordinate series of one foot (e.g. height and ground-relative fore-aft
 * position of heel, ankle and toe) share ONE event time te; each series has its own linear coefficients on the basis
 * `basis(d)`, d = signed distance from te towards the swing side (frames; > 0 in swing). The least-squares te on a
 * `step` grid in [tMin, tMax] over the fixed samples [j0, j1] is returned. One robust pass drops whole frames whose
 * summed squared residual (over all series) exceeds 9× the median (a left/right swap or a keypoint glitch moves all
 * markers of that frame at once).
 */
export function fitSharedKink(
  series: ArrayLike<number>[],
  basis: (d: number) => number[],
  j0: number,
  j1: number,
  tMin: number,
  tMax: number,
  step: number,
  minSwing = 2,
  minStance = 2,
): { te: number; rmse: number; dropped: number } | null {
  const nFrames = j1 - j0 + 1;
  if (nFrames < 5 || series.length === 0) return null;
  const P = basis(0).length;
  const keep = new Array<boolean>(nFrames).fill(true);
  const fitAt = (te: number, wantRes: boolean) => {
    let sse = 0;
    let cnt = 0;
    const res = wantRes ? new Float64Array(nFrames) : null;
    const B: number[][] = [];
    let swing = 0;
    let stance = 0;
    for (let j = j0; j <= j1; j++) {
      const d = (j - te);
      B.push(basis(d));
      if (keep[j - j0]) {
        if (d > 0) swing++;
        else stance++;
      }
    }
    if (swing < minSwing || stance < minStance) return null;
    for (const y of series) {
      const A = Array.from({ length: P }, () => new Array<number>(P).fill(0));
      const b = new Array<number>(P).fill(0);
      let c = 0;
      for (let j = j0; j <= j1; j++) {
        const v = y[j];
        if (!keep[j - j0] || !Number.isFinite(v)) continue;
        const f = B[j - j0];
        for (let r = 0; r < P; r++) {
          for (let q = 0; q < P; q++) A[r][q] += f[r] * f[q];
          b[r] += f[r] * v;
        }
        c++;
      }
      if (c < P + 1) continue;
      const x = solveDense(A, b);
      if (!x) continue;
      for (let j = j0; j <= j1; j++) {
        const v = y[j];
        if (!Number.isFinite(v)) continue;
        const f = B[j - j0];
        let e = v;
        for (let r = 0; r < P; r++) e -= x[r] * f[r];
        if (res) res[j - j0] += e * e;
        if (keep[j - j0]) {
          sse += e * e;
          cnt++;
        }
      }
    }
    return cnt ? { te, sse, cnt, res } : null;
  };
  return robustGridSearch(fitAt, keep, tMin, tMax, step);
}

/**
 * Joint shared-time fit: several series share one event time te AND (unlike fitSharedKink) some coefficients —
 * `features(d, s)` gives the regressors of series s at d = t − te over one common parameter vector (per-series terms
 * are one-hot columns). te on a grid in [tMin, tMax]; one robust pass drops whole frames whose residual summed over
 * all series exceeds 9× the median (a swap or a glitch moves all markers of a frame at once).
 */
export function fitJointKink(
  series: ArrayLike<number>[],
  features: (d: number, s: number) => number[],
  j0: number,
  j1: number,
  tMin: number,
  tMax: number,
  step: number,
  minSwing = 2,
  minStance = 2,
  weight: (d: number) => number = () => 1,
): { te: number; rmse: number; dropped: number } | null {
  const nFrames = j1 - j0 + 1;
  if (nFrames < 5 || series.length === 0) return null;
  const P = features(0, 0).length;
  const keep = new Array<boolean>(nFrames).fill(true);
  const fitAt = (te: number, wantRes: boolean) => {
    let swing = 0;
    let stance = 0;
    for (let j = j0; j <= j1; j++) {
      if (!keep[j - j0]) continue;
      if (j - te < 0) swing++;
      else stance++;
    }
    if (swing < minSwing || stance < minStance) return null;
    const A = Array.from({ length: P }, () => new Array<number>(P).fill(0));
    const b = new Array<number>(P).fill(0);
    let c = 0;
    for (let j = j0; j <= j1; j++) {
      if (!keep[j - j0]) continue;
      const d = j - te;
      const w = weight(d);
      if (!(w > 0)) continue;
      for (let s = 0; s < series.length; s++) {
        const v = series[s][j];
        if (!Number.isFinite(v)) continue;
        const f = features(d, s);
        for (let r = 0; r < P; r++) {
          if (f[r] === 0) continue;
          for (let q = 0; q < P; q++) A[r][q] += w * f[r] * f[q];
          b[r] += w * f[r] * v;
        }
        c++;
      }
    }
    if (c < P + 2) return null;
    for (let r = 0; r < P; r++) A[r][r] += 1e-9 * (A[r][r] + 1);
    const x = solveDense(A, b);
    if (!x) return null;
    let sse = 0;
    let cnt = 0;
    const res = wantRes ? new Float64Array(nFrames) : null;
    for (let j = j0; j <= j1; j++) {
      const d = j - te;
      const w = weight(d);
      for (let s = 0; s < series.length; s++) {
        const v = series[s][j];
        if (!Number.isFinite(v)) continue;
        const f = features(d, s);
        let e = v;
        for (let r = 0; r < P; r++) e -= x[r] * f[r];
        if (res) res[j - j0] += e * e;
        if (keep[j - j0] && w > 0) {
          sse += w * e * e;
          cnt += w;
        }
      }
    }
    return cnt ? { te, sse, cnt, res } : null;
  };
  return robustGridSearch(fitAt, keep, tMin, tMax, step);
}

/**
 * Ground-speed stop / start of one marker by change-point regression (frame rates where one frame interval's advance
 * is too small against the keypoint noise for a step test): the time te at which the marker's position along the
 * ground, with the ground's own motion removed (`u`), stops changing (landing: stationary for t ≥ te) or starts
 * changing (take-off: stationary for t ≤ te). Stance side a constant; swing side c + b·s + a·s² (s = frames into the
 * swing side). Least squares over the fixed samples [j0, j1], te on a `step` grid in [tMin, tMax]; one robust pass
 * drops up to two samples whose squared residual exceeds 9× the median (keypoint jumps). Returns te, the fit's RMS
 * residual and the swing-side speed at te (b, px per frame; forward motion is positive on both sides).
 */
export function fitGroundStop(
  u: ArrayLike<number>,
  kind: 'landing' | 'takeoff',
  j0: number,
  j1: number,
  tMin: number,
  tMax: number,
  step: number,
  swingSpan = 0,
): { te: number; rmse: number; speed: number; swingDisp: number } | null {
  const A0 = Math.max(0, Math.ceil(j0));
  const A1 = Math.min(u.length - 1, Math.floor(j1));
  if (A1 - A0 + 1 < 6) return null;
  const keep: boolean[] = [];
  for (let j = A0; j <= A1; j++) keep.push(Number.isFinite(u[j]));
  const fitAt = (te: number) => {
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, t0 = 0, t1 = 0, t2 = 0;
    let swing = 0;
    let stance = 0;
    for (let j = A0; j <= A1; j++) {
      if (!keep[j - A0]) continue;
      const d = kind === 'landing' ? te - j : j - te;
      const s = d > 0 ? d : 0;
      if (s > 0) swing++;
      else stance++;
      const y = u[j];
      s0 += 1; s1 += s; s2 += s * s; s3 += s * s * s; s4 += s * s * s * s;
      t0 += y; t1 += y * s; t2 += y * s * s;
    }
    if (swing < 3 || stance < 2) return null;
    const c = solve3([[s0, s1, s2], [s1, s2, s3], [s2, s3, s4]], [t0, t1, t2]);
    if (!c) return null;
    let sse = 0;
    let cnt = 0;
    const res = new Array<number>(A1 - A0 + 1).fill(NaN);
    for (let j = A0; j <= A1; j++) {
      if (!Number.isFinite(u[j])) continue;
      const d = kind === 'landing' ? te - j : j - te;
      const s = d > 0 ? d : 0;
      const e = u[j] - (c[0] + c[1] * s + c[2] * s * s);
      res[j - A0] = e * e;
      if (keep[j - A0]) {
        sse += e * e;
        cnt++;
      }
    }
    // landing: u rises toward the stop, so u decreases with s (time before te): forward speed = −b
    const sw = swingSpan * swingSpan;
    return { te, sse, cnt, res, speed: kind === 'landing' ? -c[1] : c[1], swingDisp: Math.abs(c[1] * swingSpan + c[2] * sw) };
  };
  const search = () => {
    let best: ReturnType<typeof fitAt> = null;
    for (let te = tMin; te <= tMax + 1e-9; te += step) {
      const r = fitAt(te);
      if (r && (!best || r.sse < best.sse)) best = r;
    }
    return best;
  };
  let best = search();
  if (!best) return null;
  const sorted = best.res.filter((v) => Number.isFinite(v) && v > 0).sort((x, y) => x - y);
  const med = sorted[Math.floor(sorted.length / 2)] ?? 0;
  let dropped = 0;
  best.res.forEach((e, i) => {
    if (med > 0 && e > 9 * med) {
      keep[i] = false;
      dropped++;
    }
  });
  if (dropped > 0 && dropped <= 2) best = search() ?? best;
  return { te: best.te, rmse: Math.sqrt(best.sse / Math.max(1, best.cnt)), speed: best.speed, swingDisp: best.swingDisp };
}
