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

/** An axis-aligned rectangle (canvas units). */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A label to place: its box size, the point it describes, and how far from that point it must stay at least. */
export interface LabelRequest {
  anchor: P;
  w: number;
  h: number;
  /** Minimum distance from the anchor (e.g. beyond the angle's arc). */
  gap: number;
}

export interface LabelPlacement {
  rect: Rect;
  /** The label sits away from its point: draw a leader line to it. */
  leader: boolean;
}

function overlapArea(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/** Distance from a point to the nearest point of a rectangle (0 inside). */
function distanceTo(r: Rect, p: P): number {
  const dx = Math.max(r.x - p.x, 0, p.x - (r.x + r.w));
  const dy = Math.max(r.y - p.y, 0, p.y - (r.y + r.h));
  return Math.hypot(dx, dy);
}

/** The point of `r` nearest `p` (where a leader line ends). */
export function nearestPoint(r: Rect, p: P): P {
  return { x: Math.min(Math.max(p.x, r.x), r.x + r.w), y: Math.min(Math.max(p.y, r.y), r.y + r.h) };
}

/** Moves `r` inside `bounds` (left / top edge first when it is larger than them). */
function clampInto(r: Rect, bounds: Rect): Rect {
  const x = Math.max(bounds.x, Math.min(r.x, bounds.x + bounds.w - r.w));
  const y = Math.max(bounds.y, Math.min(r.y, bounds.y + bounds.h - r.h));
  return { x, y, w: r.w, h: r.h };
}

/** Candidate boxes around the anchor, on rings further and further out: right, left, below, above, the diagonals. */
function candidates(l: LabelRequest): Rect[] {
  const { anchor: a, w, h } = l;
  const out: Rect[] = [];
  for (let ring = 0; ring < 10; ring++) {
    const d = l.gap + ring * (h * 0.75 + 2);
    const e = d * Math.SQRT1_2; // the diagonals' near corner at distance d too
    out.push(
      { x: a.x + d, y: a.y - h / 2, w, h },
      { x: a.x - d - w, y: a.y - h / 2, w, h },
      { x: a.x - w / 2, y: a.y + d, w, h },
      { x: a.x - w / 2, y: a.y - d - h, w, h },
      { x: a.x + e, y: a.y + e, w, h },
      { x: a.x + e, y: a.y - e - h, w, h },
      { x: a.x - e - w, y: a.y + e, w, h },
      { x: a.x - e - w, y: a.y - e - h, w, h },
    );
  }
  return out;
}

/**
 * Places labels greedily, in the order given (the first gets the best spot): for each, of the candidate boxes around
 * its point (each moved inside `bounds`), the one overlapping no label placed before (kept `spacing` apart), covering
 * no other label's point if it can, and nearest its own point. Boxes smaller than `bounds` always end fully inside;
 * they overlap only when no candidate is free (more labels than room), then as little as it can.
 */
export function placeLabels(labels: readonly LabelRequest[], bounds: Rect, spacing = 2): LabelPlacement[] {
  const placed: Rect[] = [];
  return labels.map((l) => {
    let best: Rect | null = null;
    let bestScore = Infinity;
    for (const [n, c] of candidates(l).entries()) {
      const r = clampInto(c, bounds);
      const grown = { x: r.x - spacing, y: r.y - spacing, w: r.w + 2 * spacing, h: r.h + 2 * spacing };
      const overlap = placed.reduce((s, p) => s + overlapArea(grown, p), 0);
      const covers = labels.filter((o) => o !== l && distanceTo(r, o.anchor) === 0).length;
      // ties (equally near spots) go to the earlier candidate: right of the point first, as the labels always sat
      const score = overlap * 1e6 + covers * 1e4 + distanceTo(r, l.anchor) + n * 1e-3;
      if (score < bestScore) {
        bestScore = score;
        best = r;
      }
    }
    placed.push(best!);
    // moved away from its ring-0 spot (by the other labels or the edge): a line shows which point it belongs to
    return { rect: best!, leader: distanceTo(best!, l.anchor) > l.gap + l.h * 0.75 };
  });
}

interface PendingLabel {
  text: string;
  colour: string;
  anchor: P;
  gap: number;
}

/** Draws the labels where `placeLabels` puts them, with a leader line to the point of those moved away from it. */
function drawLabels(ctx: CanvasRenderingContext2D, pending: readonly PendingLabel[], size: number, lw: number, view: Rect): void {
  if (!pending.length) return;
  ctx.font = `600 ${size}px system-ui, sans-serif`;
  const pad = Math.max(3, size * 0.25);
  const boxes = pending.map((p) => ({ anchor: p.anchor, gap: p.gap, w: ctx.measureText(p.text).width + 2 * pad, h: size + 2 * pad }));
  const inset = Math.max(1, lw);
  const placed = placeLabels(boxes, { x: view.x + inset, y: view.y + inset, w: view.w - 2 * inset, h: view.h - 2 * inset }, Math.max(2, lw));
  ctx.setLineDash([]);
  placed.forEach(({ rect, leader }, i) => {
    if (!leader) return;
    const q = nearestPoint(rect, pending[i].anchor);
    ctx.strokeStyle = pending[i].colour;
    ctx.lineWidth = Math.max(1, lw * 0.5);
    ctx.beginPath();
    ctx.moveTo(pending[i].anchor.x, pending[i].anchor.y);
    ctx.lineTo(q.x, q.y);
    ctx.stroke();
  });
  ctx.textBaseline = 'middle';
  placed.forEach(({ rect }, i) => {
    ctx.fillStyle = 'rgba(13,17,23,0.78)';
    ctx.fillRect(rect.x, rect.y, rect.w, rect.h);
    ctx.fillStyle = pending[i].colour;
    ctx.fillText(pending[i].text, rect.x + pad, rect.y + rect.h / 2);
  });
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

/**
 * Draws the angle layers (keypoints in display pixels, scaled by `scale`). `view`: the part of the drawing's
 * coordinates visible on the canvas (the player's zoom); the labels are kept inside it. Default: the whole canvas.
 */
export function drawAngles(
  ctx: CanvasRenderingContext2D,
  keypoints: readonly Keypoint[],
  scale: number,
  lw: number,
  layers: OverlayLayers,
  groundTiltDeg: number | null,
  view: Rect = { x: 0, y: 0, w: ctx.canvas.width, h: ctx.canvas.height },
): void {
  const m = new Map(keypoints.map((k) => [k.name, k]));
  const s = (p: P | null) => (p ? { x: p.x * scale, y: p.y * scale } : null);
  const font = Math.max(11, Math.round(lw * 5.5));
  // labels are placed together at the end, so none hides another (knees first: the near knee's is the one read most)
  const kneeLabels: PendingLabel[] = [];
  const otherLabels: PendingLabel[] = [];
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
    const mid = { x: hip.x + (sh.x - hip.x) * 0.35, y: hip.y + (sh.y - hip.y) * 0.35 };
    otherLabels.push({ text: `trunk ${angleDeg(up, hip, sh).toFixed(0)}°`, colour: '#f0f0f0', anchor: mid, gap: lw * 2 });
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
      kneeLabels.push({ text: `knee ${flex.toFixed(0)}°`, colour, anchor: k, gap: r + lw * 2 });
      // thigh against vertical at the hip (+ = knee behind the hip is direction dependent: show the magnitude)
      const down = { x: h.x, y: h.y + Math.hypot(k.x - h.x, k.y - h.y) };
      const rt = 0.3 * Math.hypot(k.x - h.x, k.y - h.y);
      arc(ctx, h, down, k, rt, colour, lw * 0.8);
      otherLabels.push({ text: `thigh ${angleDeg(down, h, k).toFixed(0)}°`, colour, anchor: h, gap: rt + lw * 2 });
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
      // across the visible part (under the player's zoom the canvas's own width is not the drawing's)
      const x0 = view.x;
      const x1 = view.x + view.w;
      ctx.strokeStyle = '#9be29b';
      ctx.lineWidth = lw * 0.7;
      ctx.beginPath();
      ctx.moveTo(x0, low.y - Math.tan(t) * (low.x - x0));
      ctx.lineTo(x1, low.y + Math.tan(t) * (x1 - low.x));
      ctx.stroke();
    }
  }
  drawLabels(ctx, [...kneeLabels, ...otherLabels], font, lw, view);
  ctx.restore();
}
