/**
 * A sequential decoder parked on a frame: opened at a frame (mediabunny decodes from the key frame before it and yields
 * that frame first), then stepped forward one frame at a time. Stepping forward and playing reuse it instead of
 * decoding from the key frame again for every frame. It holds the current frame's sample (and mediabunny's few
 * decoded ahead) until closed.
 */
import { VideoSampleSink, type InputVideoTrack, type VideoSample } from 'mediabunny';
import type { ClipInfo } from '../src/core/types';
import { sampleBitmap } from './decode';
import { frameAtUs, requestTimeS } from './frameTimes';

export class FrameCursor {
  private readonly samples: AsyncGenerator<VideoSample, void, unknown>;
  private sample: VideoSample | null = null;
  /** The frame held (-1 before the first step). */
  position = -1;
  /** The frame the next step yields. */
  next: number;
  closed = false;

  constructor(
    track: InputVideoTrack,
    private readonly timestampsUs: readonly number[],
    start: number,
  ) {
    this.samples = new VideoSampleSink(track).samples(requestTimeS(timestampsUs, start));
    this.next = start;
  }

  /** One frame forward: false at the end of the clip. A decoding error (damaged data) closes the cursor and is thrown. */
  async step(): Promise<boolean> {
    if (this.closed) return false;
    let r: IteratorResult<VideoSample, void>;
    try {
      r = await this.samples.next();
    } catch (e) {
      this.close();
      throw e;
    }
    if (r.done || !r.value) {
      this.close();
      return false;
    }
    this.sample?.close();
    this.sample = r.value;
    // by timestamp, not by counting: a frame the decoder skipped (damaged data) must not shift the numbers
    this.position = frameAtUs(this.timestampsUs, r.value.microsecondTimestamp);
    this.next = this.position + 1;
    return true;
  }

  /** Steps until the frame held is `index` or later (or the clip ends); `between` runs after each step. */
  async advanceTo(index: number, between?: () => Promise<void> | void): Promise<void> {
    while (!this.closed && this.position < index) {
      if (!(await this.step())) return;
      await between?.();
    }
  }

  /** The frame held, display-oriented at `longSide`; null before the first step. */
  async bitmap(info: ClipInfo, longSide: number): Promise<ImageBitmap | null> {
    return this.sample ? sampleBitmap(this.sample, info, longSide) : null;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.sample?.close();
    this.sample = null;
    void this.samples.return(undefined).catch(() => undefined);
  }
}
