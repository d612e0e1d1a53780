/// <reference lib="webworker" />
/**
 * The decode stage, two ways, behind one async iterator of frames in presentation order:
 *  - `decodeAhead`: in a worker of its own (frames.worker.ts), which decodes the next frames while the pose model runs
 *    on this one (the default);
 *  - `decodeInline`: in this thread, one stage after another (the baseline, and the fallback where a worker cannot
 *    start another worker).
 */
import type { FrameSourceIn, FrameSourceOut } from '../src/pipeline/frameMessages';
import { meanLuma } from '../src/pipeline/brightness';
import { decodeFrames, type DecodedFrame, type DecodeRange, type OpenClip } from './decode';

export interface SourceFrame extends DecodedFrame {
  /** Mean brightness of the picture (0–255), null without one. */
  luma: number | null;
}

export interface DecodeTiming {
  decodeWaitMs: number;
  resizeMs: number;
  /** Time the pose thread waited for the decode stage's next frame. */
  frameWaitMs: number;
}

export interface DecodeRequest {
  file: Blob;
  fileName: string;
  clip: OpenClip;
  longSide: number;
  range?: DecodeRange;
  shouldStop: () => boolean;
  /** Decoding stopped early (damaged or cut file) after `framesDecoded` frames. */
  onError: (e: Error, framesDecoded: number) => void;
  timing: DecodeTiming;
}

/** Frames decoded in this thread, each one before its pose (one stage after another). */
export async function* decodeInline(r: DecodeRequest): AsyncGenerator<SourceFrame> {
  const t = { decodeWaitMs: 0, resizeMs: 0 };
  try {
    for await (const f of decodeFrames(r.clip, r.longSide, r.shouldStop, r.onError, r.range, t)) {
      yield { ...f, luma: f.image ? meanLuma(f.image.data) : null };
    }
  } finally {
    r.timing.decodeWaitMs += t.decodeWaitMs;
    r.timing.resizeMs += t.resizeMs;
    // inline, waiting for a frame is decoding it
    r.timing.frameWaitMs += t.decodeWaitMs + t.resizeMs;
  }
}

/** Frames at most this many ahead of the pose model (each is one RGBA picture at the pose input size). */
export const FRAMES_AHEAD = 4;

/** True where this worker can start a worker of its own (nested workers). */
export function canDecodeAhead(): boolean {
  return typeof Worker !== 'undefined';
}

/** Frames decoded in a worker of their own, up to FRAMES_AHEAD in flight. */
export async function* decodeAhead(r: DecodeRequest): AsyncGenerator<SourceFrame> {
  const worker = new Worker(new URL('./frames.worker.ts', import.meta.url), { type: 'module', name: 'stridescope-decode' });
  const send = (m: FrameSourceIn) => worker.postMessage(m);
  const inbox: FrameSourceOut[] = [];
  let failed: Error | null = null;
  let notify: (() => void) | null = null;
  const wakeUp = () => {
    notify?.();
    notify = null;
  };
  worker.onmessage = (e: MessageEvent<FrameSourceOut>) => {
    inbox.push(e.data);
    wakeUp();
  };
  worker.onerror = (e) => {
    e.preventDefault();
    failed = new Error(`the decoder thread failed: ${e.message || 'unknown error'}`);
    wakeUp();
  };
  send({ type: 'start', file: r.file, fileName: r.fileName, longSide: r.longSide, range: r.range, ahead: FRAMES_AHEAD });
  try {
    while (!r.shouldStop()) {
      const t0 = performance.now();
      while (!inbox.length && !failed) await new Promise<void>((res) => (notify = res));
      r.timing.frameWaitMs += performance.now() - t0;
      const m = inbox.shift();
      if (!m) throw failed ?? new Error('the decoder thread stopped');
      if (m.type === 'end') {
        r.timing.decodeWaitMs += m.timing.decodeWaitMs;
        r.timing.resizeMs += m.timing.resizeMs;
        if (m.error && m.error.at < 0) throw new Error(m.error.message);
        if (m.error) r.onError(new Error(m.error.message), m.error.at);
        return;
      }
      const image = m.pixels ? new ImageData(new Uint8ClampedArray(m.pixels), m.width, m.height) : null;
      yield { index: m.index, timestampUs: m.timestampUs, scale: m.scale, image, luma: m.luma };
      send({ type: 'ack' });
    }
  } finally {
    send({ type: 'stop' });
    worker.terminate();
  }
}
