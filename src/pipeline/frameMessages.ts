/** Messages between the pipeline worker and the decode-stage worker (workers/frames.worker.ts). DOM-free. */

export type FrameSourceIn =
  /** Decode `file` (the part in `range`), scaled so its longest side is at most `longSide`; `ahead` frames in flight. */
  | { type: 'start'; file: Blob; fileName: string; longSide: number; range?: { startS?: number; endS?: number }; ahead: number }
  /** One frame was taken: another may be sent. */
  | { type: 'ack' }
  | { type: 'stop' };

export type FrameSourceOut =
  /** A frame in presentation order; `pixels` is RGBA width×height (null: damaged, no picture), `luma` its mean brightness. */
  | { type: 'frame'; index: number; timestampUs: number; scale: number; width: number; height: number; pixels: ArrayBuffer | null; luma: number | null }
  /** No more frames; `error` when decoding stopped early (`at`: frames decoded before), with the stage's own timings. */
  | { type: 'end'; timing: { decodeWaitMs: number; resizeMs: number }; error: { message: string; at: number } | null };
