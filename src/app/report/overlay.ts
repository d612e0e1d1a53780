/**
 * Angle overlays on a frame (canvas 2D): the knee flexion arc, the thigh against vertical at the hip, the trunk line
 * against vertical, the foot line and the ground line. Values are the pose's own angles on this frame (image plane),
 * drawn with the same colours as the skeleton (left blue, right orange; Okabe–Ito).
 */
import type { Keypoint, KeypointName } from '../../core/types';
import { SIDE_COLOURS } from '../skeleton';

export interface OverlayLayers {
  skeleton: boolean;
  angles: boolean;
  lines: boolean;
}

type P = { x: number; y: number };

function kp(map: Map<KeypointName, Keypoint>, name: string): P | null {
  const k = map.get(name as KeypointName);
  return k && k.score >= 0.3 ? { x: k.x, y: k.y } : null;
}

function angleDeg(a: P, o: P, b: P): number {
  const u = Math.atan2(a.y - o.y, a.x - o.x);
  const v = Math.atan2(b.y - o.y, b.x - o.x);
  let d = Math.abs(u - v);
  if (d > Math.PI) d = 2 * Math.PI - d;
  return (d * 180) / Math.PI;
}

function label(ctx: CanvasRenderingContext2D, text: string, at: P, colour: string, size: number) {
  ctx.font = `600 ${size}px system-ui, sans-serif`;
  const w = ctx.measureText(text).width;
  ctx.fillStyle = 'rgba(13,17,23,0.75)';
  ctx.fillRect(at.x - 3, at.y - size, w + 6, size + 6);
  ctx.fillStyle = colour;
  ctx.fillText(text, at.x, at.y);
}

function arc(ctx: CanvasRenderingContext2D, o: P, from: P, to: P, r: number, colour: string, lw: number) {
  const a0 = Math.atan2(from.y - o.y, from.x - o.x);
  const a1 = Math.atan2(to.y - o.y, to.x - o.x);
  let d = a1 - a0;
  while (d > Math.PI) d -= 2 * Math.PI;
  while (d < -Math.PI) d += 2 * Math.PI;
  ctx.strokeStyle = colour;
  ctx.lineWidth = lw;
  ctx.beginPath();
  ctx.arc(o.x, o.y, r, a0, a0 + d, d < 0);
  ctx.stroke();
}

/** Draws the angle layers for the `sides` given (keypoints in display pixels, scaled by `scale`). */
export function drawAngles(
  ctx: CanvasRenderingContext2D,
  keypoints: readonly Keypoint[],
  scale: number,
  lw: number,
  layers: OverlayLayers,
  groundTiltDeg: number | null,
): void {
  const m = new Map(keypoints.map((k) => [k.name, k]));
  const s = (p: P | null) => (p ? { x: p.x * scale, y: p.y * scale } : null);
  const font = Math.max(11, Math.round(lw * 5.5));
  ctx.save();
  const hipL = s(kp(m, 'left_hip'));
  const hipR = s(kp(m, 'right_hip'));
  const shL = s(kp(m, 'left_shoulder'));
  const shR = s(kp(m, 'right_shoulder'));
  const hip = hipL && hipR ? { x: (hipL.x + hipR.x) / 2, y: (hipL.y + hipR.y) / 2 } : hipL ?? hipR;
  const sh = shL && shR ? { x: (shL.x + shR.x) / 2, y: (shL.y + shR.y) / 2 } : shL ?? shR;
  if (layers.angles && hip && sh) {
    // trunk against vertical
    const up = { x: hip.x, y: hip.y - Math.hypot(sh.x - hip.x, sh.y - hip.y) };
    ctx.setLineDash([lw * 2, lw * 2]);
    ctx.strokeStyle = '#f0f0f0';
    ctx.lineWidth = lw * 0.6;
    ctx.beginPath();
    ctx.moveTo(hip.x, hip.y);
    ctx.lineTo(up.x, up.y);
    ctx.stroke();
    ctx.setLineDash([]);
    const r = 0.35 * Math.hypot(sh.x - hip.x, sh.y - hip.y);
    arc(ctx, hip, up, sh, r, '#f0f0f0', lw * 0.8);
    label(ctx, `trunk ${angleDeg(up, hip, sh).toFixed(0)}°`, { x: hip.x + r * 0.4, y: hip.y - r * 1.1 }, '#f0f0f0', font);
  }
  for (const side of ['left', 'right'] as const) {
    const colour = SIDE_COLOURS[side];
    const h = s(kp(m, `${side}_hip`));
    const k = s(kp(m, `${side}_knee`));
    const a = s(kp(m, `${side}_ankle`));
    const he = s(kp(m, `${side}_heel`));
    const to = s(kp(m, `${side}_foot_index`));
    if (layers.angles && h && k && a) {
      // knee flexion = 180° − the hip–knee–ankle angle
      const flex = 180 - angleDeg(h, k, a);
      const ext = { x: k.x + (k.x - h.x), y: k.y + (k.y - h.y) }; // thigh line continued
      const r = 0.3 * Math.hypot(a.x - k.x, a.y - k.y);
      ctx.setLineDash([lw * 1.5, lw * 1.5]);
      ctx.strokeStyle = colour;
      ctx.lineWidth = lw * 0.5;
      ctx.beginPath();
      ctx.moveTo(k.x, k.y);
      ctx.lineTo(k.x + (ext.x - k.x) * 0.45, k.y + (ext.y - k.y) * 0.45);
      ctx.stroke();
      ctx.setLineDash([]);
      arc(ctx, k, ext, a, r, colour, lw * 0.8);
      // left label beside the knee, right label one line lower: both knees are often close together in a side view
      label(ctx, `knee ${flex.toFixed(0)}°`, { x: k.x + r + 4, y: k.y + font / 2 + (side === 'left' ? 0 : font + 8) }, colour, font);
      // thigh against vertical at the hip (+ = knee behind the hip is direction dependent: show the magnitude)
      const down = { x: h.x, y: h.y + Math.hypot(k.x - h.x, k.y - h.y) };
      const rt = 0.3 * Math.hypot(k.x - h.x, k.y - h.y);
      arc(ctx, h, down, k, rt, colour, lw * 0.8);
      label(ctx, `thigh ${angleDeg(down, h, k).toFixed(0)}°`, { x: h.x + rt + 4, y: h.y + rt * 0.9 + (side === 'left' ? 0 : font + 6) }, colour, font);
    }
    if (layers.lines && he && to) {
      // foot line, extended beyond both ends
      const dx = to.x - he.x;
      const dy = to.y - he.y;
      ctx.strokeStyle = colour;
      ctx.lineWidth = lw * 0.7;
      ctx.setLineDash([lw * 3, lw * 1.5]);
      ctx.beginPath();
      ctx.moveTo(he.x - dx * 0.4, he.y - dy * 0.4);
      ctx.lineTo(to.x + dx * 0.4, to.y + dy * 0.4);
      ctx.stroke();
      ctx.setLineDash([]);
    }
  }
  if (layers.lines) {
    // ground line through the lowest foot point, at the clip's measured ground tilt
    const feet = ['left_heel', 'right_heel', 'left_foot_index', 'right_foot_index'].map((n) => s(kp(m, n))).filter((p): p is P => !!p);
    if (feet.length) {
      const low = feet.reduce((a, b) => (b.y > a.y ? b : a));
      const t = ((groundTiltDeg ?? 0) * Math.PI) / 180;
      const w = ctx.canvas.width;
      ctx.strokeStyle = '#9be29b';
      ctx.lineWidth = lw * 0.7;
      ctx.beginPath();
      ctx.moveTo(0, low.y - Math.tan(t) * (low.x - 0));
      ctx.lineTo(w, low.y + Math.tan(t) * (w - low.x));
      ctx.stroke();
    }
  }
  ctx.restore();
}
