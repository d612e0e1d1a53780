import { useEffect, useRef, useState } from 'react';
import type { ClipInfo, PoseFrame } from '../../core/types';
import { drawSkeleton } from '../skeleton';

const THUMB_LONG_SIDE = 240;
/** Cropped thumbs are cut from a larger decode, so the runner keeps enough pixels. */
const CROP_SOURCE_LONG_SIDE = 720;

/** The runner's box in display pixels (keypoints scoring ≥ 0.3), padded, at least `minAspect` tall for its width. */
export function personBox(pose: PoseFrame | undefined, clip: ClipInfo, pad = 0.18): { x: number; y: number; w: number; h: number } | null {
  const pts = pose?.keypoints?.filter((k) => k.score >= 0.3) ?? [];
  if (pts.length < 5) return null;
  let x0 = Math.min(...pts.map((k) => k.x));
  let x1 = Math.max(...pts.map((k) => k.x));
  let y0 = Math.min(...pts.map((k) => k.y));
  let y1 = Math.max(...pts.map((k) => k.y));
  const h = (y1 - y0) * (1 + 2 * pad);
  // a portrait box (3:4) around the runner, whatever the stride's width, so thumbs line up
  const w = Math.max((x1 - x0) * (1 + 2 * pad), h * 0.75);
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  x0 = Math.max(0, cx - w / 2);
  x1 = Math.min(clip.displayWidth, cx + w / 2);
  y0 = Math.max(0, cy - h / 2);
  y1 = Math.min(clip.displayHeight, cy + h / 2);
  return x1 - x0 > 8 && y1 - y0 > 8 ? { x: x0, y: y0, w: x1 - x0, h: y1 - y0 } : null;
}

/**
 * One frame of the clip, small, with its skeleton: decoded only once scrolled near the view (a long clip can show
 * hundreds), and a dark frame of the clip's shape until then. `crop`: cut to the runner (the frame is mostly background
 * at thumbnail size).
 */
export function FrameThumb({
  frame,
  pose,
  clip,
  getFrame,
  width = 160,
  crop = false,
}: {
  frame: number;
  pose: PoseFrame | undefined;
  clip: ClipInfo;
  getFrame(i: number, side: number): Promise<ImageBitmap | null>;
  width?: number;
  crop?: boolean;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    const c = ref.current;
    if (!c || seen) return;
    if (typeof IntersectionObserver === 'undefined') return setSeen(true);
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setSeen(true);
    }, { rootMargin: '300px' });
    io.observe(c);
    return () => io.disconnect();
  }, [seen]);
  useEffect(() => {
    if (!seen) return;
    let live = true;
    const box = crop ? personBox(pose, clip) : null;
    void getFrame(frame, box ? CROP_SOURCE_LONG_SIDE : THUMB_LONG_SIDE).then((bmp) => {
      const c = ref.current;
      if (!live || !bmp || !c) return bmp?.close();
      const k = bmp.width / clip.displayWidth; // decoded pixels per display pixel
      const src = box ? { x: box.x * k, y: box.y * k, w: box.w * k, h: box.h * k } : { x: 0, y: 0, w: bmp.width, h: bmp.height };
      const out = box ? Math.min(1, (2 * width) / src.w) : 1; // at most twice the shown width: sharp on dense screens
      c.width = Math.max(1, Math.round(src.w * out));
      c.height = Math.max(1, Math.round(src.h * out));
      const ctx = c.getContext('2d')!;
      ctx.drawImage(bmp, src.x, src.y, src.w, src.h, 0, 0, c.width, c.height);
      bmp.close();
      if (pose?.keypoints) {
        const s = out * k;
        ctx.save();
        ctx.translate(-src.x * out, -src.y * out);
        drawSkeleton(ctx, pose.keypoints, s, box ? 2 : 1.5);
        ctx.restore();
      }
      c.dataset.drawn = String(frame);
    });
    return () => {
      live = false;
    };
  }, [seen, frame, pose, clip, getFrame, crop, width]);
  const box = crop ? personBox(pose, clip) : null;
  const aspect = box ? box.h / box.w : clip.displayHeight / Math.max(1, clip.displayWidth);
  return <canvas ref={ref} className={`thumb${box ? ' cropped' : ''}`} width={width} height={Math.round(width * aspect)} aria-hidden="true" data-frame={frame} />;
}
