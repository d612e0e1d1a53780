/**
 * While a clip is analysed: the latest analysed frame with its skeleton, so the user sees at once that the runner
 * was found and the results are coming in (the first frame within moments of the drop, then a few per second).
 */
import { useEffect, useRef } from 'react';
import type { ClipInfo } from '../core/types';
import type { LiveFrame, Progress } from '../pipeline/protocol';
import { formatFrameTime } from './format';
import { drawSkeleton } from './skeleton';

export function LivePreview({ live, clip, progress }: { live: LiveFrame; clip: ClipInfo; progress: Progress | null }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const { frame, bitmap } = live;
  useEffect(() => {
    const c = canvas.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx || bitmap.width === 0) return; // a closed bitmap has no size
    c.width = bitmap.width;
    c.height = bitmap.height;
    ctx.drawImage(bitmap, 0, 0);
    if (frame.keypoints) drawSkeleton(ctx, frame.keypoints, bitmap.width / clip.displayWidth, Math.max(1.5, bitmap.width / 240));
  }, [bitmap, frame, clip.displayWidth]);
  const t = formatFrameTime(frame.timestampUs, 0);
  return (
    <section className="card live" aria-label="Live pose" data-testid="live-preview" data-frame={frame.index} data-keypoints={frame.keypoints?.length ?? 0}>
      <h2>Live pose</h2>
      <canvas ref={canvas} className="live-canvas" role="img" aria-label={`Frame ${frame.index + 1} at ${t} with the pose found on it`} />
      <p className="note">
        Frame {frame.index + 1} at {t}
        {progress && progress.framesTotal > 0 ? ` · ${progress.framesDone} of ${progress.framesTotal} frames analysed` : ''}. Gait events and measures follow when every frame is done.
      </p>
    </section>
  );
}
