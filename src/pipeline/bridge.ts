/**
 * The page's side of the worker bridge: one worker per open clip, runs abortable with an AbortSignal.
 * Cancel sets a shared flag the worker reads every frame; if the worker has not stopped within 1 s it is
 * terminated and replaced, so Cancel always stops work within 1 s.
 */
import * as Comlink from 'comlink';
import type { PoseFrame, PoseModelId } from '../core/types';
import { framesFromBatch } from '../core/poseTrack';
import type { PipelineWorkerApiWithCancel } from '../../workers/pipeline.worker';
import type { BackendDecision } from './backendChoice';
import { FrameSuperseded, type FrameCacheStats, type FrameRequestOptions, type LiveFrame, type PipelineCallbacks, type Progress, type RunOptions, type RunOutcome } from './protocol';
import type { ClipInfo } from '../core/types';

export const CANCEL_GRACE_MS = 1000;

export class PipelineBridge {
  private worker!: Worker;
  private api!: Comlink.Remote<PipelineWorkerApiWithCancel>;
  private cancelFlag: Int32Array | null = null;
  private nextRunId = 1;
  /** Bumped each time the worker is replaced; frame requests to an old worker are ignored. */
  generation = 0;

  constructor() {
    this.spawn();
  }

  private spawn(): void {
    this.worker = new Worker(new URL('../../workers/pipeline.worker.ts', import.meta.url), { type: 'module', name: 'stridescope-pipeline' });
    this.api = Comlink.wrap<PipelineWorkerApiWithCancel>(this.worker);
    if (typeof SharedArrayBuffer !== 'undefined' && globalThis.crossOriginIsolated) {
      const buf = new SharedArrayBuffer(4);
      this.cancelFlag = new Int32Array(buf);
      void this.api.setCancelBuffer(buf);
    } else this.cancelFlag = null;
    this.generation++;
  }

  checkModels(): Promise<{ ok: boolean; missing: string[] }> {
    return this.api.checkModels();
  }

  run(
    file: Blob,
    fileName: string,
    options: RunOptions,
    handlers: { onProgress(p: Progress): void; onClip(c: ClipInfo): void; onFrames(f: PoseFrame[]): void; onLiveFrame?(live: LiveFrame): void },
    signal?: AbortSignal,
  ): Promise<RunOutcome> {
    const runId = this.nextRunId++;
    if (this.cancelFlag) Atomics.store(this.cancelFlag, 0, 0);
    let settled = false;
    const cb: PipelineCallbacks = {
      onProgress: (p) => !settled && handlers.onProgress(p),
      onClip: (c) => !settled && handlers.onClip(c),
      // frames arrive compact (one Float32Array per batch) and stay compact: keypoint objects exist only while read
      onFrames: (b) => !settled && handlers.onFrames(framesFromBatch(b)),
      onLiveFrame: (live) => {
        if (!settled && handlers.onLiveFrame) handlers.onLiveFrame(live);
        else live.bitmap.close();
      },
    };
    const work = this.api.run(runId, file, fileName, options, Comlink.proxy(cb));
    return new Promise<RunOutcome>((resolve) => {
      let graceTimer: ReturnType<typeof setTimeout> | null = null;
      const finish = (o: RunOutcome) => {
        if (settled) return;
        settled = true;
        if (graceTimer) clearTimeout(graceTimer);
        signal?.removeEventListener('abort', onAbort);
        resolve(o);
      };
      const onAbort = () => {
        if (this.cancelFlag) Atomics.store(this.cancelFlag, 0, runId);
        void this.api.cancel(runId);
        graceTimer = setTimeout(() => {
          // The worker did not stop in time (e.g. stuck in a long model call): replace it.
          this.worker.terminate();
          this.spawn();
          finish({ ok: false, error: { code: 'cancelled', message: 'Cancelled.', advice: '' }, summary: null });
        }, CANCEL_GRACE_MS);
      };
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
      work.then(
        (o) => finish(o),
        (e: unknown) => finish({ ok: false, error: { code: 'internal', message: `The analysis worker failed: ${(e as Error)?.message ?? e}`, advice: 'Reload the page and try again.' }, summary: null }),
      );
    });
  }

  /**
   * One frame of the last clip run, display-oriented, longest side ≤ maxLongSide (null: no picture). A 'player'
   * request rejects with FrameSuperseded when a newer player request replaced it before it was served.
   */
  async frameBitmap(index: number, maxLongSide: number, options: FrameRequestOptions = {}): Promise<ImageBitmap | null> {
    if (options.purpose !== 'player') return this.api.frameBitmap(index, maxLongSide);
    const r = await this.api.playerFrame(index, maxLongSide);
    if (r.status === 'superseded') throw new FrameSuperseded(index);
    const { bitmap, status: _status, ...info } = r;
    options.onInfo?.(info);
    return bitmap;
  }

  /** The player's frame cache in the worker (null before the player asked for a frame). */
  frameCacheStats(): Promise<FrameCacheStats | null> {
    return this.api.frameCacheStats();
  }

  /** Starts the engine and loads the model before a clip is dropped (the first skeleton then comes sooner). */
  warmUp(model: PoseModelId): Promise<boolean> {
    return this.api.warmUp(model);
  }

  /** Times the backends and picks the fastest (see PipelineWorkerApi.measureBackends). */
  measureBackends(): Promise<BackendDecision | null> {
    return this.api.measureBackends();
  }

  backendDecision(): Promise<BackendDecision | null> {
    return this.api.backendDecision();
  }

  loadClip(file: Blob | null, fileName: string, timestampsUs: number[]): Promise<boolean> {
    return this.api.loadClip(file, fileName, timestampsUs);
  }

  get remote(): Comlink.Remote<PipelineWorkerApiWithCancel> {
    return this.api;
  }

  dispose(): void {
    this.worker.terminate();
  }
}
