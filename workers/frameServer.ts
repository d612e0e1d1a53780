/**
 * Single frames of the clip last run, for the player, the flagged-frame thumbnails and the exports.
 *
 * Why: a frame of an H.264 clip is only decodable from the key frame before it. The treadmill clip has key frames at
 * frames 0 and 251 only, so one frame can cost ~250 decodes (~0.5–0.9 s here). Each request used to decode from the
 * key frame on a decoder of its own, one after another, and the player's stale requests were never dropped: after a
 * second of playing the picture lagged a minute behind the number shown.
 *
 * What happens now:
 * - The player's requests have a loop of their own, and only the newest counts: a newer one replaces an older one
 *   still waiting (answered 'superseded'), and one arriving while a frame is being decoded for the player takes over
 *   that decode when it can go on forward to it, or stops it.
 * - The player's frames come from the frame cache when it holds them (a JPEG decoded in ~10–20 ms), else from the
 *   player's own sequential decoder (`FrameCursor`), which steps forward to the frame when it can (stepping, playing)
 *   and restarts at the key frame before it otherwise.
 * - Stills (thumbnails, exports) are never dropped and always decoded from the video, one at a time in the order
 *   asked, on a sequential decoder of their own (thumbnails asked in frame order then cost one pass); between two
 *   decoding steps they wait while the player has a request waiting or under way.
 * - When nothing else is asked, no run is going on and the player has asked nothing for BUILD_AFTER_PLAYER_MS, the
 *   cache is built: one pass over the clip, each frame at the player's size encoded as a JPEG, up to CACHE_CAP_BYTES.
 *   If the clip's frames do not all fit, only the frames that are slow to decode (far from their key frame) are kept
 *   and the build stops at the cap; later, frames the player decodes are added in idle time, the least recently used
 *   going out.
 * Pictures are converted with createImageBitmap (off this thread in the browser) rather than drawn here, so the
 * worker stays free to take the player's next request while a still or a cache frame is being converted or encoded.
 */
import { EncodedPacketSink } from 'mediabunny';
import type { FrameCacheStats, FrameSource, PlayerFrameReply } from '../src/pipeline/protocol';
import { encodeJpeg, type OpenClip } from './decode';
import { FrameCache } from './frameCache';
import { FrameCursor } from './frameCursor';
import { frameAtUs, keyFrameBefore, worthContinuing } from './frameTimes';

/** The cache's bound: a 10-minute clip must not take the device's memory (~1400 frames of 720×1280 at ~105 KB). */
export const CACHE_CAP_BYTES = 150 * 1024 ** 2;
/** JPEG quality of the cached frames: mean error ~1 grey level of 255 against the decoded frame. */
const JPEG_QUALITY = 0.85;
/** Frames this cheap to decode from their key frame need no cache entry when not every frame fits (a seek answers in 200 ms). */
const DECODE_BUDGET_MS = 100;
/** JPEG encodings the build keeps under way at once (two cores: one decodes and converts, one encodes). */
const ENCODINGS_IN_FLIGHT = 2;
/** Frames encoded before judging whether the whole clip fits under the cap. */
const SIZE_SAMPLE_FRAMES = 8;
/** The build waits until the player has asked nothing for this long (playing and stepping go first, not halved). */
const BUILD_AFTER_PLAYER_MS = 400;
/** A stills decoder nobody asked anything of for this long is closed (it holds decoded frames). */
const STILL_IDLE_MS = 3000;

export interface FrameClip {
  clip: OpenClip;
  /** Decoded timestamps of the run's frames (frame i = timestampsUs[i]). */
  timestampsUs: number[];
}

interface PlayerJob {
  index: number;
  longSide: number;
  t0: number;
  resolve(r: PlayerFrameReply): void;
}

interface StillJob {
  index: number;
  longSide: number;
  resolve(b: ImageBitmap | null): void;
}

interface Build {
  state: FrameCacheStats['state'];
  cursor: FrameCursor | null;
  /** The next frame the build looks at. */
  next: number;
  t0: number | null;
  ms: number | null;
  busyMs: number;
  encoded: number;
  encodedBytes: number;
  /** Whether every frame fits under the cap (judged after SIZE_SAMPLE_FRAMES encodes). */
  fitsAll: boolean | null;
  /** JPEG encodings under way (the browser encodes off this thread: the next frame is decoded meanwhile). */
  encoding: Promise<void>[];
}

export class FrameServer {
  readonly cache = new FrameCache(CACHE_CAP_BYTES);
  private player: PlayerJob | null = null;
  private readonly stills: StillJob[] = [];
  /** The player's requests are served by a loop of their own, so a still or a build step under way never holds them up. */
  private playerRunning = false;
  private backgroundRunning = false;
  /** Resolved when the player has nothing waiting or under way (stills and the build wait for that between steps). */
  private quietWaiters: (() => void)[] = [];
  private disposed = false;
  /** When the player last asked for a frame (performance.now()). */
  private playerAskedAt = -Infinity;
  private playerCursor: FrameCursor | null = null;
  private stillCursor: FrameCursor | null = null;
  private stillIdle: ReturnType<typeof setTimeout> | null = null;
  private keys: { forFrames: number; list: Promise<number[]> } | null = null;
  /** The player's size (the cache's), from its first request. */
  private cacheLongSide: number | null = null;
  private readonly build: Build = { state: 'waiting', cursor: null, next: 0, t0: null, ms: null, busyMs: 0, encoded: 0, encodedBytes: 0, fitsAll: null, encoding: [] };
  /** ms per frame of sequential decoding, measured by the build (a first guess until then). */
  private decodeMsPerFrame = 4;
  /** A frame the player's decoder produced, to be added to the cache when idle. */
  private admit: { index: number; bitmap: ImageBitmap } | null = null;

  constructor(
    readonly source: FrameClip,
    /** False while a run is going on: the build then waits (the run has the cores). */
    private readonly mayBuild: () => boolean,
  ) {}

  /** The player's frame. A request still waiting is answered 'superseded'. */
  playerFrame(index: number, longSide: number): Promise<PlayerFrameReply> {
    return new Promise((resolve) => {
      if (this.disposed) return resolve({ status: 'superseded', index });
      this.player?.resolve({ status: 'superseded', index: this.player.index });
      this.player = { index, longSide, t0: performance.now(), resolve };
      this.playerAskedAt = this.player.t0;
      void this.playerLoop();
    });
  }

  /** A still (thumbnail, export): decoded from the video, never dropped. */
  still(index: number, longSide: number): Promise<ImageBitmap | null> {
    return new Promise((resolve) => {
      if (this.disposed) return resolve(null);
      this.stills.push({ index, longSide, resolve });
      this.kick();
    });
  }

  /** Goes on with waiting stills and the build (the build waits while a run is going on). */
  kick(): void {
    if (!this.backgroundRunning && !this.disposed) void this.backgroundLoop();
  }

  stats(): FrameCacheStats {
    const b = this.build;
    return {
      state: b.state,
      frames: this.cache.size,
      framesTotal: this.source.timestampsUs.length,
      bytes: this.cache.bytes,
      capBytes: this.cache.capBytes,
      buildMs: b.ms,
      buildBusyMs: Math.round(b.busyMs),
    };
  }

  dispose(): void {
    this.disposed = true;
    this.player?.resolve({ status: 'superseded', index: this.player.index });
    this.player = null;
    for (const s of this.stills.splice(0)) s.resolve(null);
    this.playerCursor?.close();
    this.stillCursor?.close();
    this.build.cursor?.close();
    if (this.stillIdle) clearTimeout(this.stillIdle);
    this.admit?.bitmap.close();
    this.admit = null;
    this.cache.clear();
    for (const w of this.quietWaiters.splice(0)) w();
  }

  private async playerLoop(): Promise<void> {
    if (this.playerRunning) return;
    this.playerRunning = true;
    try {
      while (this.player && !this.disposed) await this.servePlayer();
    } finally {
      this.playerRunning = false;
      for (const w of this.quietWaiters.splice(0)) w();
      this.kick();
    }
  }

  /** Waits until the player has nothing waiting or under way. */
  private playerQuiet(): Promise<void> | void {
    if (!this.player && !this.playerRunning) return;
    return new Promise((resolve) => this.quietWaiters.push(resolve));
  }

  /** Stills, then frames to add to the cache, then the build: one step at a time, each after the player's requests. */
  private async backgroundLoop(): Promise<void> {
    this.backgroundRunning = true;
    try {
      while (!this.disposed) {
        await this.playerQuiet();
        if (this.disposed) break;
        if (this.stills.length) await this.serveStill(this.stills.shift()!);
        else if (!this.admit && !this.buildCanGoOn()) break;
        else if (performance.now() - this.playerAskedAt < BUILD_AFTER_PLAYER_MS) {
          // playing or stepping: the build's decoding and encoding would compete with it for the cores
          await new Promise((r) => setTimeout(r, BUILD_AFTER_PLAYER_MS / 4));
        } else if (this.admit) await this.admitStep();
        else if (!(await this.buildStep())) break;
      }
    } finally {
      this.backgroundRunning = false;
    }
  }

  /** Key frame indices (presentation order), read once from the container's index (metadata only). */
  private keyFrames(): Promise<number[]> {
    const ts = this.source.timestampsUs;
    if (this.keys?.forFrames !== ts.length) {
      const list = (async () => {
        const sink = new EncodedPacketSink(this.source.clip.track);
        const out: number[] = [];
        const meta = { metadataOnly: true };
        for (let p = await sink.getFirstKeyPacket(meta); p; p = await sink.getNextKeyPacket(p, meta)) out.push(frameAtUs(ts, p.microsecondTimestamp));
        return [...new Set(out)].sort((a, b) => a - b);
      })().catch(() => [0]);
      this.keys = { forFrames: ts.length, list };
    }
    return this.keys.list;
  }

  /** Whether a cursor can serve `index` by going on (or holds it already), rather than by a fresh start. */
  private reaches(cursor: FrameCursor | null, index: number, keys: number[]): boolean {
    return !!cursor && !cursor.closed && (cursor.position === index || worthContinuing(cursor.next, index, keyFrameBefore(keys, index)));
  }

  /** The player request that came in meanwhile (read through a call: it changes across awaits). */
  private waitingPlayer(): PlayerJob | null {
    return this.player;
  }

  private drawn(job: PlayerJob, bitmap: ImageBitmap | null, source: FrameSource): PlayerFrameReply {
    return { status: 'drawn', index: job.index, bitmap, source, workerMs: performance.now() - job.t0, cache: this.stats() };
  }

  private async servePlayer(): Promise<void> {
    let job = this.player!;
    this.player = null;
    const { clip, timestampsUs } = this.source;
    if (job.index < 0 || job.index >= timestampsUs.length) return job.resolve(this.drawn(job, null, 'none'));
    this.cacheLongSide ??= job.longSide;
    const blob = job.longSide === this.cacheLongSide ? this.cache.get(job.index) : undefined;
    if (blob) {
      try {
        return job.resolve(this.drawn(job, await createImageBitmap(blob), 'cache'));
      } catch {
        this.cache.delete(job.index); // unreadable: decode it instead
      }
    }
    const keys = await this.keyFrames();
    try {
      let c = this.playerCursor;
      if (!c || !this.reaches(c, job.index, keys)) {
        c?.close();
        c = this.playerCursor = new FrameCursor(clip.track, timestampsUs, job.index);
      }
      while (c.position < job.index) {
        if (!(await c.step())) break;
        const newer = this.waitingPlayer();
        if (!newer) continue;
        // a newer request: take it over when this decoder can go on to it (or holds it), else stop and let the loop serve it
        job.resolve({ status: 'superseded', index: job.index });
        if (newer.longSide !== job.longSide || this.cache.has(newer.index) || !this.reaches(c, newer.index, keys)) return;
        this.player = null;
        job = newer;
      }
      const bitmap = c.position === job.index ? await c.bitmap(clip.info, job.longSide) : null;
      if (!bitmap) return job.resolve(this.drawn(job, null, 'none'));
      // a copy to encode later: the bitmap itself goes to the page
      if (this.wantsAdmit(job.index, job.longSide, keys)) this.setAdmit({ index: job.index, bitmap: await createImageBitmap(bitmap) });
      job.resolve(this.drawn(job, bitmap, 'decoder'));
    } catch {
      // damaged data: no picture for this frame (the player shows the skeleton alone)
      this.playerCursor?.close();
      this.playerCursor = null;
      job.resolve(this.drawn(job, null, 'none'));
    }
  }

  private async serveStill(job: StillJob): Promise<void> {
    if (this.stillIdle) clearTimeout(this.stillIdle);
    const { clip, timestampsUs } = this.source;
    try {
      if (job.index < 0 || job.index >= timestampsUs.length) return job.resolve(null);
      const keys = await this.keyFrames();
      let cursor = this.stillCursor;
      if (!cursor || !this.reaches(cursor, job.index, keys)) {
        cursor?.close();
        cursor = this.stillCursor = new FrameCursor(clip.track, timestampsUs, job.index);
      }
      // a still's long decode gives way to the player between two steps
      await cursor.advanceTo(job.index, () => this.playerQuiet());
      job.resolve(cursor.position === job.index ? await cursor.bitmap(clip.info, job.longSide) : null);
    } catch {
      this.stillCursor?.close();
      this.stillCursor = null;
      job.resolve(null);
    } finally {
      this.stillIdle = setTimeout(() => {
        this.stillCursor?.close();
        this.stillCursor = null;
      }, STILL_IDLE_MS);
    }
  }

  /** Frames far enough from their key frame that decoding them takes longer than DECODE_BUDGET_MS. */
  private slowToDecode(index: number, keys: number[]): boolean {
    return (index - keyFrameBefore(keys, index)) * this.decodeMsPerFrame > DECODE_BUDGET_MS;
  }

  /** Whether a frame the player's decoder produced should go into the cache (in idle time). */
  private wantsAdmit(index: number, longSide: number, keys: number[]): boolean {
    return longSide === this.cacheLongSide && this.build.state !== 'complete' && !this.cache.has(index) && this.slowToDecode(index, keys);
  }

  /** Keeps one frame to add to the cache (the latest: one the player left is less likely to be wanted again). */
  private setAdmit(a: { index: number; bitmap: ImageBitmap }): void {
    this.admit?.bitmap.close();
    this.admit = a;
  }

  private async admitStep(): Promise<void> {
    const a = this.admit!;
    this.admit = null;
    if (this.cache.has(a.index)) return a.bitmap.close();
    const blob = await encodeJpeg(a.bitmap, JPEG_QUALITY).catch(() => null);
    if (blob && !this.disposed) this.cache.put(a.index, blob);
  }

  /** Whether the build has work left that it may do now (it starts with the player's first request: its size). */
  private buildCanGoOn(): boolean {
    return this.build.state !== 'complete' && this.build.state !== 'capped' && this.cacheLongSide !== null && this.mayBuild();
  }

  /** One frame of the cache build; false when there is nothing to build now. */
  private async buildStep(): Promise<boolean> {
    const b = this.build;
    const longSide = this.cacheLongSide;
    if (!this.buildCanGoOn() || longSide === null) return false;
    const { clip, timestampsUs } = this.source;
    const t = performance.now();
    b.t0 ??= t;
    b.state = 'building';
    const end = (state: 'complete' | 'capped') => {
      b.state = state;
      b.cursor?.close();
      b.cursor = null;
      b.ms = performance.now() - b.t0!;
    };
    // the last frames' encodings land first: 'complete' means every frame is in
    const complete = async () => {
      b.cursor?.close();
      await Promise.all(b.encoding.splice(0));
      if (b.state === 'building') end('complete');
    };
    try {
      if (b.next >= timestampsUs.length) {
        await complete();
        return true;
      }
      const keys = await this.keyFrames();
      const fresh = !b.cursor;
      b.cursor ??= new FrameCursor(clip.track, timestampsUs, b.next);
      const tStep = performance.now();
      if (!(await b.cursor.step())) {
        await complete();
        return true;
      }
      // sequential decode speed (a fresh cursor's first step includes the decodes from the key frame)
      if (!fresh) this.decodeMsPerFrame = 0.9 * this.decodeMsPerFrame + 0.1 * (performance.now() - tStep);
      const i = b.cursor.position;
      b.next = i + 1;
      if (b.fitsAll === null && b.encoded >= SIZE_SAMPLE_FRAMES) b.fitsAll = (b.encodedBytes / b.encoded) * timestampsUs.length <= this.cache.capBytes;
      if (this.cache.has(i) || (b.fitsAll === false && !this.slowToDecode(i, keys))) return true;
      const bitmap = await b.cursor.bitmap(clip.info, longSide);
      if (!bitmap) return true;
      const encoding = encodeJpeg(bitmap, JPEG_QUALITY).then(
        (blob) => {
          b.encoded++;
          b.encodedBytes += blob.size;
          if (this.disposed || b.state !== 'building') return;
          if (!this.cache.fits(blob.size)) end('capped'); // encodings still under way are dropped
          else this.cache.put(i, blob);
        },
        () => undefined, // not encoded: decoded when asked for
      );
      b.encoding.push(encoding);
      if (b.encoding.length >= ENCODINGS_IN_FLIGHT) await b.encoding.shift();
      return !this.disposed;
    } catch {
      // damaged data: the build ends here (the frames after it are decoded when asked for)
      await complete();
      return true;
    } finally {
      b.busyMs += performance.now() - t;
    }
  }
}
