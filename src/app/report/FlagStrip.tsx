import { useEffect, useRef, useState } from 'react';
import type { GaitAnalysis } from '../../core/analysis';
import type { ClipInfo, PoseFrame } from '../../core/types';
import { drawSkeleton } from '../skeleton';

const THUMB_LONG_SIDE = 240;

function Thumb({ frame, pose, clip, getFrame }: { frame: number; pose: PoseFrame | undefined; clip: ClipInfo; getFrame(i: number, side: number): Promise<ImageBitmap | null> }) {
  const ref = useRef<HTMLCanvasElement>(null);
  // decoded only once scrolled near the view: a long clip can have hundreds of flagged frames
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
    void getFrame(frame, THUMB_LONG_SIDE).then((bmp) => {
      const c = ref.current;
      if (!live || !bmp || !c) return bmp?.close();
      c.width = bmp.width;
      c.height = bmp.height;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(bmp, 0, 0);
      bmp.close();
      if (pose?.keypoints) drawSkeleton(ctx, pose.keypoints, c.width / clip.displayWidth, 1.5);
    });
    return () => {
      live = false;
    };
  }, [seen, frame, pose, clip.displayWidth, getFrame]);
  return <canvas ref={ref} className="thumb" width={160} height={Math.round((160 * clip.displayHeight) / clip.displayWidth)} aria-hidden="true" />;
}

/** Every flagged frame as a thumbnail with its reasons; a click opens it in the player. */
export function FlagStrip({
  analysis,
  frames,
  clip,
  getFrame,
  current,
  onSeek,
}: {
  analysis: GaitAnalysis;
  frames: readonly PoseFrame[];
  clip: ClipInfo;
  getFrame(i: number, side: number): Promise<ImageBitmap | null>;
  current: number;
  onSeek(frame: number): void;
}) {
  if (analysis.flags.length === 0) return null;
  return (
    <section className="card flag-strip" aria-label="Flagged frames" data-testid="flag-strip">
      <h2>Flagged frames ({analysis.flags.length})</h2>
      <ol>
        {analysis.flags.map((f, i) => (
          <li key={`${f.kind}-${f.frame}-${i}`}>
            <button type="button" className={current === f.frame ? 'current' : ''} onClick={() => onSeek(f.frame)} data-testid="flag-thumb" data-frame={f.frame}>
              <Thumb frame={f.frame} pose={frames[f.frame]} clip={clip} getFrame={getFrame} />
              <span className="flag-title">
                {f.kind === 'extension-at-toe-off' ? 'Extension at toe-off' : 'Heel strike, straight knee'} · {f.foot} · frame {f.frame}
              </span>
              <span className="flag-reasons">{f.reasons.join('; ')}</span>
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
