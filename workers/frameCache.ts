/**
 * The player's frame cache: encoded pictures (JPEG blobs) by frame index, bounded in bytes, least recently used first
 * out. A decoded 720×1280 frame is 3.7 MB as pixels and ~100 KB as a JPEG, so a clip's worth fits in a few tens of MB.
 */
export class FrameCache {
  /** Map order is use order: the first key is the least recently used. */
  private readonly entries = new Map<number, Blob>();
  private total = 0;

  constructor(readonly capBytes: number) {}

  get bytes(): number {
    return this.total;
  }

  get size(): number {
    return this.entries.size;
  }

  has(index: number): boolean {
    return this.entries.has(index);
  }

  /** The frame's blob, marked as just used. */
  get(index: number): Blob | undefined {
    const b = this.entries.get(index);
    if (b) {
      this.entries.delete(index);
      this.entries.set(index, b);
    }
    return b;
  }

  /** Whether `bytes` more fit without evicting anything. */
  fits(bytes: number): boolean {
    return this.total + bytes <= this.capBytes;
  }

  /** Adds a frame, evicting the least recently used ones until it fits (a blob larger than the cap is not kept). */
  put(index: number, blob: Blob): void {
    if (blob.size > this.capBytes) return;
    this.delete(index);
    while (!this.fits(blob.size)) {
      const oldest = this.entries.keys().next().value as number;
      this.delete(oldest);
    }
    this.entries.set(index, blob);
    this.total += blob.size;
  }

  delete(index: number): void {
    const b = this.entries.get(index);
    if (!b) return;
    this.entries.delete(index);
    this.total -= b.size;
  }

  clear(): void {
    this.entries.clear();
    this.total = 0;
  }
}
