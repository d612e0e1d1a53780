/**
 * 2-D geometry in image pixels (y down). Angles are computed in a "body frame" defined by the ground line:
 * `fwd` = unit vector along the ground in the running direction, `up` = unit vector perpendicular to it pointing up.
 */

export interface Vec {
  x: number;
  y: number;
}

export interface Frame2D {
  fwd: Vec;
  up: Vec;
}

export const RAD = 180 / Math.PI;

/** Body frame from the ground-line tilt (radians, image angle of the line, + = descending to the right) and direction (+1 = moving right). */
export function bodyFrame(groundTiltRad: number, dirSign: number): Frame2D {
  const c = Math.cos(groundTiltRad);
  const s = Math.sin(groundTiltRad);
  return { fwd: { x: c * dirSign, y: s * dirSign }, up: { x: s, y: -c } };
}

export function dot(a: Vec, b: Vec): number {
  return a.x * b.x + a.y * b.y;
}

/** Angle of the vector (dx, dy) from the body's up axis, positive toward `fwd`, degrees in (-180, 180]. */
export function angleFromUp(dx: number, dy: number, f: Frame2D): number {
  const u = dx * f.up.x + dy * f.up.y;
  const w = dx * f.fwd.x + dy * f.fwd.y;
  return Math.atan2(w, u) * RAD;
}

/** Angle of the vector from the body's down axis, positive toward backward (−fwd): e.g. thigh extension. */
export function angleFromDownBackward(dx: number, dy: number, f: Frame2D): number {
  const d = -(dx * f.up.x + dy * f.up.y);
  const b = -(dx * f.fwd.x + dy * f.fwd.y);
  return Math.atan2(b, d) * RAD;
}

/** Angle of the vector against the forward ground direction, positive = pointing up (e.g. foot heel→toe: toes up). */
export function angleFromForward(dx: number, dy: number, f: Frame2D): number {
  const w = dx * f.fwd.x + dy * f.fwd.y;
  const u = dx * f.up.x + dy * f.up.y;
  return Math.atan2(u, w) * RAD;
}

/** Inner angle at b of the triangle a-b-c, degrees (180 = straight). */
export function innerAngle(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  const ux = ax - bx;
  const uy = ay - by;
  const vx = cx - bx;
  const vy = cy - by;
  const nu = Math.hypot(ux, uy);
  const nv = Math.hypot(vx, vy);
  if (nu === 0 || nv === 0) return NaN;
  const c = (ux * vx + uy * vy) / (nu * nv);
  return Math.acos(Math.max(-1, Math.min(1, c))) * RAD;
}

/** Wraps an angle to (-180, 180]. */
export function wrapDeg(a: number): number {
  let v = a % 360;
  if (v > 180) v -= 360;
  if (v <= -180) v += 360;
  return v;
}
