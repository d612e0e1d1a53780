/**
 * Installed only with ?bench in the URL: lets scripts/bench.mjs time each stage on its own, in the real worker,
 * plus the peers' way (seeking a <video> element frame by frame) for comparison.
 */
import type { AnalyzeResult, BackendId, KeypointName, PoseFrame, PoseModelId } from '../core/types';
import type { GaitAnalysis } from '../core/analysis';
import { reanalysisOptions, reanalyze, trackFromFrames, type Corrections } from './reanalyze';
import { PipelineBridge } from '../pipeline/bridge';
import type { RunOptions, RunOutcome } from '../pipeline/protocol';

export interface BenchHook {
  demux(file: Blob): Promise<{ packets: number; bytes: number; ms: number }>;
  decode(file: Blob, toPixels: boolean, longSide: number): Promise<{ frames: number; ms: number }>;
  pose(file: Blob, model: PoseModelId, backend: BackendId, n: number, longSide: number): Promise<unknown>;
  /** Seeks to the middle of each of the first `frames` of a clip of `clipFrames` frames. */
  seekVideo(file: Blob, frames: number, clipFrames: number, longSide: number): Promise<{ frames: number; ms: number; failed: number }>;
  /** One whole run through the real worker, with these options: the outcome (timings in its summary) and every frame. */
  run(file: Blob, options: RunOptions): Promise<{ outcome: RunOutcome; frames: PoseFrame[]; wallMs: number; firstFrameWallMs: number | null }>;
  /**
   * A re-analysis with corrections on the page's own (main) thread, as it would block the page if it ran there: the
   * track rebuilt from the result's frames, then the analysis (ms each). The page itself runs it in the analysis worker.
   */
  reanalyzeOnPage(result: AnalyzeResult, corrections: Corrections): { trackMs: number; analysisMs: number; events: number };
}

declare global {
  interface Window {
    __stridescopeBench?: BenchHook;
  }
}

/** The peers' way: seek a <video> to each frame's time, wait for it, draw it to a canvas and read the pixels. */
async function seekVideo(file: Blob, frames: number, clipFrames: number, longSide: number) {
  const url = URL.createObjectURL(file);
  const video = document.createElement('video');
  video.muted = true;
  video.preload = 'auto';
  video.playsInline = true;
  video.style.cssText = 'position:fixed;left:0;top:0;width:160px;pointer-events:none;z-index:9999';
  document.body.append(video); // requestVideoFrameCallback only fires for a rendered element
  video.src = url;
  await new Promise<void>((res, rej) => {
    video.onloadeddata = () => res();
    video.onerror = () => rej(new Error('video element could not load the clip'));
  });
  const s = Math.min(1, longSide / Math.max(video.videoWidth, video.videoHeight));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(video.videoWidth * s);
  canvas.height = Math.round(video.videoHeight * s);
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  let failed = 0;
  const t0 = performance.now();
  for (let i = 0; i < frames; i++) {
    // register for the presented frame before seeking (a paused video presents once per seek); bounded wait
    const shown = new Promise<boolean>((res) => {
      const t = setTimeout(() => res(false), 1000);
      video.requestVideoFrameCallback(() => (clearTimeout(t), res(true)));
    });
    const seeked = new Promise<void>((res) => video.addEventListener('seeked', () => res(), { once: true }));
    video.currentTime = ((i + 0.5) * video.duration) / clipFrames;
    await seeked;
    if (!(await shown)) failed++;
    ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
    ctx.getImageData(0, 0, canvas.width, canvas.height);
  }
  const ms = performance.now() - t0;
  video.remove();
  URL.revokeObjectURL(url);
  return { frames, ms, failed };
}

export function installBenchHook(): void {
  const bridge = new PipelineBridge();
  window.__stridescopeBench = {
    demux: (file) => bridge.remote.benchDemux(file),
    decode: (file, toPixels, longSide) => bridge.remote.benchDecode(file, toPixels, longSide),
    pose: (file, model, backend, n, longSide) => bridge.remote.benchPose(file, model, backend, n, longSide),
    seekVideo,
    reanalyzeOnPage(result, corrections) {
      const t0 = performance.now();
      const track = trackFromFrames(result.frames, result.model.keypoints as readonly KeypointName[], result.clip);
      const t1 = performance.now();
      const a = reanalyze(track, reanalysisOptions(result.analysis as GaitAnalysis, corrections));
      return { trackMs: t1 - t0, analysisMs: performance.now() - t1, events: a.events.length };
    },
    async run(file, options) {
      const frames: PoseFrame[] = [];
      const t0 = performance.now();
      let first: number | null = null;
      const outcome = await bridge.run(file, 'bench', options, {
        onProgress: () => {},
        onClip: () => {},
        onFrames: (f) => {
          first ??= performance.now() - t0;
          // plain objects: the page's frames read a shared compact buffer, which would not survive the copy out
          for (const x of f) frames.push({ index: x.index, timestampUs: x.timestampUs, score: x.score, keypoints: x.keypoints ? x.keypoints.map((k) => ({ ...k })) : null });
        },
      });
      return { outcome, frames, wallMs: performance.now() - t0, firstFrameWallMs: first };
    },
  };
}
