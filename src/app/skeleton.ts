/** Draws a pose on a 2D canvas: bones, joints, left/right in a colour-blind-safe pair (Okabe–Ito blue / orange). */
import type { Keypoint, KeypointName } from '../core/types';

export const SIDE_COLOURS = { left: '#0072B2', right: '#E69F00', centre: '#F0F0F0' } as const;

const BONES: [KeypointName, KeypointName][] = [
  ['left_shoulder', 'right_shoulder'], ['left_hip', 'right_hip'],
  ['left_shoulder', 'left_hip'], ['right_shoulder', 'right_hip'],
  ['left_shoulder', 'left_elbow'], ['left_elbow', 'left_wrist'],
  ['right_shoulder', 'right_elbow'], ['right_elbow', 'right_wrist'],
  ['left_hip', 'left_knee'], ['left_knee', 'left_ankle'],
  ['right_hip', 'right_knee'], ['right_knee', 'right_ankle'],
  ['left_ankle', 'left_heel'], ['left_heel', 'left_foot_index'], ['left_ankle', 'left_foot_index'],
  ['right_ankle', 'right_heel'], ['right_heel', 'right_foot_index'], ['right_ankle', 'right_foot_index'],
  ['nose', 'left_ear'], ['nose', 'right_ear'],
];

function sideOf(name: string): keyof typeof SIDE_COLOURS {
  if (name.startsWith('left_')) return 'left';
  if (name.startsWith('right_')) return 'right';
  return 'centre';
}

/** Keypoints below this score are drawn faint and dashed. */
export const DRAW_MIN_SCORE = 0.3;

export function drawSkeleton(ctx: CanvasRenderingContext2D, keypoints: readonly Keypoint[], scale: number, lineWidth: number): void {
  const byName = new Map(keypoints.map((k) => [k.name, k]));
  ctx.save();
  ctx.lineCap = 'round';
  for (const [a, b] of BONES) {
    const p = byName.get(a);
    const q = byName.get(b);
    if (!p || !q) continue;
    const weak = Math.min(p.score, q.score) < DRAW_MIN_SCORE;
    const side = sideOf(a) === sideOf(b) ? sideOf(a) : 'centre';
    ctx.strokeStyle = SIDE_COLOURS[side];
    ctx.globalAlpha = weak ? 0.35 : 0.95;
    ctx.setLineDash(weak ? [lineWidth * 2, lineWidth * 2] : []);
    ctx.lineWidth = lineWidth;
    ctx.beginPath();
    ctx.moveTo(p.x * scale, p.y * scale);
    ctx.lineTo(q.x * scale, q.y * scale);
    ctx.stroke();
  }
  ctx.setLineDash([]);
  for (const k of keypoints) {
    if (/eye|mouth|pinky|index$|thumb/.test(k.name) && !k.name.endsWith('foot_index')) continue;
    ctx.globalAlpha = k.score < DRAW_MIN_SCORE ? 0.35 : 1;
    ctx.fillStyle = SIDE_COLOURS[sideOf(k.name)];
    ctx.strokeStyle = '#111';
    ctx.lineWidth = Math.max(1, lineWidth / 3);
    ctx.beginPath();
    ctx.arc(k.x * scale, k.y * scale, lineWidth * 1.1, 0, Math.PI * 2);
    ctx.fill();
    ctx.stroke();
  }
  ctx.restore();
}
