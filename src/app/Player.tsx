import { useCallback, useEffect, useRef, useState } from 'react';
import type { ClipInfo, PoseFrame } from '../core/types';
import { formatFrameTime } from './format';
import { drawSkeleton } from './skeleton';

/** Longest side of the frames the player asks the worker for. */
const PLAYER_LONG_SIDE = 1280;

export function Player({
  clip,
  frames,
  getFrame,
}: {
  clip: ClipInfo;
  frames: readonly PoseFrame[];
  getFrame(index: number, longSide: number): Promise<ImageBitmap | null>;
}) {
  const [index, setIndex] = useState(0);
  const [shown, setShown] = useState(-1);
  const canvas = useRef<HTMLCanvasElement>(null);
  const wanted = useRef(0);
  const last = frames.length - 1;
  const step = useCallback((d: number) => setIndex((i) => Math.max(0, Math.min(last, i + d))), [last]);

  useEffect(() => {
    wanted.current = index;
    let live = true;
    void getFrame(index, PLAYER_LONG_SIDE).then((bmp) => {
      if (!live || !bmp || wanted.current !== index) {
        bmp?.close();
        return;
      }
      const c = canvas.current;
      if (!c) return bmp.close();
      c.width = bmp.width;
      c.height = bmp.height;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(bmp, 0, 0);
      bmp.close();
      const f = frames[index];
      if (f?.keypoints) drawSkeleton(ctx, f.keypoints, c.width / clip.displayWidth, Math.max(2, Math.max(c.width, c.height) / 260));
      setShown(index);
    });
    return () => {
      live = false;
    };
  }, [index, frames, clip.displayWidth, getFrame]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === 'INPUT' && (t as HTMLInputElement).type !== 'range' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT')) return;
      if (e.key === 'ArrowLeft') step(-1);
      else if (e.key === 'ArrowRight') step(1);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [step]);

  const f = frames[index];
  const first = frames[0]?.timestampUs ?? 0;
  return (
    <section className="card player" aria-label="Frame player" data-testid="player">
      <div className="frame-wrap">
        <canvas ref={canvas} data-testid="player-canvas" data-frame={shown} aria-label={`Frame ${index + 1} with the estimated skeleton`} />
      </div>
      <div className="player-controls">
        <button type="button" onClick={() => step(-1)} aria-label="Previous frame" disabled={index === 0}>
          ←
        </button>
        <input
          type="range"
          min={0}
          max={last}
          value={index}
          onChange={(e) => setIndex(Number(e.target.value))}
          aria-label="Frame"
          data-testid="scrubber"
        />
        <button type="button" onClick={() => step(1)} aria-label="Next frame" disabled={index === last}>
          →
        </button>
      </div>
      <p className="frame-info" data-testid="frame-info" aria-live="polite">
        Frame <strong data-testid="frame-index">{index}</strong> of {last} · {f ? formatFrameTime(f.timestampUs, first) : ''} ·{' '}
        {f?.score != null ? `pose score ${f.score.toFixed(2)}` : 'no person found'}
      </p>
      <p className="legend">
        <span className="swatch left" /> left side <span className="swatch right" /> right side · dashed = low confidence · ← → step one frame
      </p>
    </section>
  );
}
