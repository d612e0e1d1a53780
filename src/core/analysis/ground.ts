/**
 * Ground line (side view): a straight line y = a_foot + b·x fitted (least squares with trimming) through the heel and
 * toe positions of each foot during the middle of its stance phases. The slope is shared (camera roll); the
 * intercept is per foot, because in oblique / perspective views the near and far feet stand on visibly different
 * image lines. Heights are then measured perpendicular to that line, in pixels.
 */

export interface GroundLine {
  /** Image angle of the ground line, radians (+ = descending to the right). */
  tiltRad: number;
  slope: number;
  /** Intercept per group (e.g. 'left:heel'): each marker's own stance level, so heights are clearances. */
  intercept: Record<string, number>;
  points: number;
  /** Horizontal span of the points, pixels (short spans give an unreliable slope). */
  spanPx: number;
}

export function fitGroundLine(pts: Record<string, { x: number[]; y: number[] }>, minSpanPx: number): GroundLine | null {
  const feet: string[] = Object.keys(pts);
  let use = feet.map((f) => pts[f].x.map((x, i) => ({ f, x, y: pts[f].y[i] })).filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y))).flat();
  if (use.length < 4) return null;
  let slope = 0;
  const icpt: Record<string, number> = {};
  for (let iter = 0; iter < 3; iter++) {
    // centre per foot, then pooled slope
    const mean: Record<string, { x: number; y: number; n: number }> = {};
    for (const f of feet) mean[f] = { x: 0, y: 0, n: 0 };
    for (const p of use) {
      mean[p.f].x += p.x;
      mean[p.f].y += p.y;
      mean[p.f].n++;
    }
    for (const f of feet) if (mean[f].n) {
      mean[f].x /= mean[f].n;
      mean[f].y /= mean[f].n;
    }
    let sxx = 0;
    let sxy = 0;
    for (const p of use) {
      const dx = p.x - mean[p.f].x;
      sxx += dx * dx;
      sxy += dx * (p.y - mean[p.f].y);
    }
    let xmin = Infinity;
    let xmax = -Infinity;
    for (const p of use) {
      xmin = Math.min(xmin, p.x);
      xmax = Math.max(xmax, p.x);
    }
    slope = sxx > 0 && xmax - xmin >= minSpanPx ? sxy / sxx : 0;
    for (const f of feet) icpt[f] = mean[f].n ? mean[f].y - slope * mean[f].x : NaN;
    if (iter < 2) {
      const res = use.map((p) => Math.abs(p.y - (icpt[p.f] + slope * p.x)));
      const sorted = [...res].sort((a, b) => a - b);
      const cut = sorted[Math.floor(0.8 * (sorted.length - 1))];
      const kept = use.filter((_, i) => res[i] <= cut);
      if (kept.length >= 4) use = kept;
    }
  }
  let xmin = Infinity;
  let xmax = -Infinity;
  for (const p of use) {
    xmin = Math.min(xmin, p.x);
    xmax = Math.max(xmax, p.x);
  }
  return { tiltRad: Math.atan(slope), slope, intercept: icpt, points: use.length, spanPx: xmax - xmin };
}

/** Height of image point (x, y) above the foot's ground line, pixels, measured perpendicular to the line. */
export function heightAboveGround(g: GroundLine, group: string, x: number, y: number): number {
  const c = g.intercept[group];
  if (!Number.isFinite(c)) return NaN;
  return (c + g.slope * x - y) * Math.cos(g.tiltRad);
}
