/// <reference lib="webworker" />
/**
 * The decode stage in a thread of its own: demux, WebCodecs decode, rotate and scale to the pose input size, read
 * the pixels. Started by the pipeline worker for each run, so the next frames are ready while the pose model works on
 * this one. Frames go out as transferred pixel buffers, at most `ahead` unacknowledged at a time.
 * The message contract is in src/pipeline/frameMessages.ts.
 */
import { meanLuma } from '../src/pipeline/brightness';
import type { FrameSourceIn, FrameSourceOut } from '../src/pipeline/frameMessages';
import { decodeFrames, openClip } from './decode';

let stopped = false;
let credits = 0;
let wake: (() => void) | null = null;

const post = (m: FrameSourceOut, transfer: Transferable[] = []) => (self as DedicatedWorkerGlobalScope).postMessage(m, transfer);

async function start(m: Extract<FrameSourceIn, { type: 'start' }>): Promise<void> {
  credits = m.ahead;
  const timing = { decodeWaitMs: 0, resizeMs: 0 };
  let error: { message: string; at: number } | null = null;
  let clip;
  try {
    clip = await openClip(m.file, m.fileName);
  } catch (e) {
    post({ type: 'end', timing, error: { message: (e as Error).message, at: 0 } });
    return;
  }
  try {
    const frames = decodeFrames(clip, m.longSide, () => stopped, (e, at) => (error = { message: e.message, at }), m.range, timing);
    for await (const f of frames) {
      while (credits <= 0 && !stopped) await new Promise<void>((r) => (wake = r));
      if (stopped) break;
      credits--;
      const pixels = f.image ? f.image.data.buffer : null;
      post(
        { type: 'frame', index: f.index, timestampUs: f.timestampUs, scale: f.scale, width: f.image?.width ?? 0, height: f.image?.height ?? 0, pixels, luma: f.image ? meanLuma(f.image.data) : null },
        pixels ? [pixels] : [],
      );
    }
  } catch (e) {
    error = { message: (e as Error).message, at: -1 };
  } finally {
    clip.input.dispose();
  }
  post({ type: 'end', timing, error });
}

self.onmessage = (ev: MessageEvent<FrameSourceIn>) => {
  const m = ev.data;
  if (m.type === 'start') void start(m);
  else if (m.type === 'ack') {
    credits++;
    wake?.();
    wake = null;
  } else if (m.type === 'stop') {
    stopped = true;
    wake?.();
    wake = null;
  }
};
