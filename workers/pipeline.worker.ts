/// <reference lib="webworker" />
/**
 * The pipeline worker: decode → pose, streamed to the page through comlink.
 * One run at a time; cancel via a shared flag (checked every frame) or a cancel() message.
 */
import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs-core';
import { EncodedPacketSink, VideoSampleSink } from 'mediabunny';
import { analyzeGait, type GaitAnalysis } from '../src/core/analysis';
import { measureFrameRate } from '../src/core/frameRate';
import { keypointRow, PoseTrackBuilder } from '../src/core/poseTrack';
import type { BackendId, FrameChange, PoseBatch, PoseFrame, PoseModelId } from '../src/core/types';
import {
  PipelineError,
  type BackendInfo,
  type PipelineCallbacks,
  type PipelineWorkerApi,
  type Progress,
  type RunOptions,
  type RunOutcome,
  type RunSummary,
  type Stage,
  type StageTiming,
  LIVE_PREVIEW_LONG_SIDE,
} from '../src/pipeline/protocol';
import { medianOf } from '../src/pipeline/brightness';
import { FrameChangeMeter, runnerBox } from '../src/pipeline/frameChange';
import { backendDecision, selectBackend, setBackendDecision } from './backend';
import { measureBackends, rememberedDecision, stopMeasuring } from './backendMeasure';
import { decodeFrames, openClip, type OpenClip } from './decode';
import { FrameServer } from './frameServer';
import { canDecodeAhead, decodeAhead, decodeInline, type DecodeRequest, type SourceFrame } from './decodeAhead';
import { ABSENT_SEARCH_EVERY_MS, createPoseEstimator, type PoseEstimator, type PoseResult } from './pose';
import { EVALUATE_MS } from '../src/pipeline/follow';

/** Consecutive runs in a sorted list of frame indices, as [first, last] pairs. */
function indexSpans(indices: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const i of indices) {
    const last = out[out.length - 1];
    if (last && i === last[1] + 1) last[1] = i;
    else out.push([i, i]);
  }
  return out;
}

/** Microseconds as m:ss.s (clip time; `decimals` digits after the seconds). */
function formatS(us: number, decimals = 1): string {
  const s = us / 1e6;
  const m = Math.floor(s / 60);
  return `${m}:${(s - m * 60).toFixed(decimals).padStart(decimals ? 3 + decimals : 2, '0')}`;
}

const BASE = new URL(import.meta.env.BASE_URL, self.location.origin).href;
const DEFAULT_LONG_SIDE = 960;
const PROGRESS_INTERVAL_MS = 250;
/** How often the page gets the latest frame's picture and pose while a run goes on. */
const LIVE_INTERVAL_MS = 250;

let lastClip: { clip: OpenClip; timestampsUs: number[] } | null = null;
/**
 * Single frames of the last clip (player, thumbnails, stills, the player's frame cache), one job at a time: a report
 * asking for 200 thumbnails at once would otherwise hold 200 decoders and their frames (workers/frameServer.ts).
 */
let singleFrames: FrameServer | null = null;

/** Replaces the clip single frames come from (null: none); its frame server, cache and decoders go with it. */
function setLastClip(next: { clip: OpenClip; timestampsUs: number[] } | null): void {
  singleFrames?.dispose();
  singleFrames = null;
  if (lastClip) lastClip.clip.input.dispose();
  lastClip = next;
}

function frameServer(): FrameServer | null {
  if (!lastClip) return null;
  if (singleFrames?.source !== lastClip) {
    singleFrames?.dispose();
    // the cache is built only while no run is going on: a run has the cores to itself
    singleFrames = new FrameServer(lastClip, () => !runActive);
  }
  return singleFrames;
}
const cancelledRuns = new Set<number>();
let cancelFlag: Int32Array | null = null;

/** A run in progress (the warm-up then leaves the model alone); the warm-up's model call, which a run waits for. */
let runActive = false;
let warming: Promise<unknown> = Promise.resolve();

/** The estimator for one model on one backend, shared by concurrent callers (a warm-up and a run). */
let estimator: { key: string; ready: Promise<PoseEstimator> } | null = null;

/** One estimator at a time, rebuilt when the model or the tfjs backend changes (weights live on a backend). */
async function getEstimator(model: PoseModelId): Promise<PoseEstimator> {
  const key = `${model}@${tf.getBackend()}`;
  if (estimator?.key === key) return estimator.ready;
  const old = estimator;
  const ready = (async () => {
    if (old) (await old.ready.catch(() => null))?.dispose();
    return createPoseEstimator(model, BASE);
  })();
  estimator = { key, ready };
  ready.catch(() => {
    if (estimator?.ready === ready) estimator = null; // a failed load is tried again next time
  });
  return ready;
}

function isCancelled(runId: number): boolean {
  return cancelledRuns.has(runId) || (cancelFlag !== null && Atomics.load(cancelFlag, 0) === runId);
}

function toPipelineError(e: unknown, stage: Stage): PipelineError {
  if (e instanceof PipelineError) return e;
  const msg = (e as Error)?.message ?? String(e);
  if (stage === 'load-model') {
    if (/404|fetch|JSON|Unexpected token|failed to load/i.test(msg)) {
      return new PipelineError('models-missing', `The pose model could not be loaded from this app (${msg}).`, 'Run "npm install" (it copies the models into public/models) and restart the app.');
    }
    return new PipelineError('backend-failed', `The pose engine could not start: ${msg}`, 'Reload the page. If it keeps failing, try another browser (Chrome, Edge or Safari).');
  }
  return new PipelineError('internal', `Analysis stopped: ${msg}`, 'Reload the page and try again; if it happens again with this clip, export it as H.264 MP4.');
}

/** Sends a small copy of the frame's picture with its pose (not awaited: the model goes on meanwhile). */
function sendLiveFrame(cb: PipelineCallbacks, frame: PoseFrame, image: ImageData): void {
  const s = Math.min(1, LIVE_PREVIEW_LONG_SIDE / Math.max(image.width, image.height));
  createImageBitmap(image, { resizeWidth: Math.max(1, Math.round(image.width * s)), resizeHeight: Math.max(1, Math.round(image.height * s)), resizeQuality: 'low' }).then(
    (bitmap) => cb.onLiveFrame(Comlink.transfer({ frame, bitmap }, [bitmap])),
    () => undefined,
  );
}

const api: PipelineWorkerApi & { setCancelBuffer(buf: SharedArrayBuffer): void } = {
  setCancelBuffer(buf) {
    cancelFlag = new Int32Array(buf);
  },

  async checkModels() {
    try {
      const r = await fetch(new URL('models/manifest.json', BASE));
      if (!r.ok) return { ok: false, missing: ['models/manifest.json'] };
      const m = (await r.json()) as { models: Record<string, string[]> };
      const missing: string[] = [];
      await Promise.all(
        Object.values(m.models).flat().filter((f) => f.endsWith('.json')).map(async (f) => {
          const h = await fetch(new URL(`models/${f}`, BASE), { method: 'HEAD' });
          if (!h.ok) missing.push(f);
        }),
      );
      return { ok: missing.length === 0, missing };
    } catch (e) {
      return { ok: false, missing: [(e as Error).message] };
    }
  },

  cancel(runId) {
    cancelledRuns.add(runId);
  },

  async warmUp(model) {
    // the engine, the model and its first (slowest) call, before any clip is dropped
    try {
      await selectBackend();
      const est = await getEstimator(model);
      if (runActive) return true;
      const first = est.estimate(new ImageData(256, 256), 0, 1).then(() => est.reset());
      warming = first.catch(() => undefined);
      await first;
      return true;
    } catch {
      return false; // the run reports the problem, with advice
    }
  },

  async measureBackends() {
    const d = backendDecision() ?? (await measureBackends(BASE));
    if (d) setBackendDecision(d);
    return d;
  },

  backendDecision() {
    return backendDecision();
  },

  async run(runId, file, fileName, options: RunOptions, cb: PipelineCallbacks): Promise<RunOutcome> {
    const t0 = performance.now();
    let stage: Stage = 'load-model';
    let summary: RunSummary | null = null;
    const timing: StageTiming = { startMs: 0, probeMs: 0, decodeWaitMs: 0, resizeMs: 0, poseMs: 0, frameWaitMs: 0, analysisMs: 0, firstFrameMs: null, frames: 0, poseFrames: 0, cropRetries: 0, peopleDetectorRuns: 0, peopleScanMs: 0, peopleExtraRuns: 0, peopleExtraMs: 0 };
    const progress = (p: Omit<Progress, 'stage'>) => cb.onProgress({ stage, ...p });
    try {
      progress({ framesDone: 0, framesTotal: 0, fps: 0, secondsLeft: null, message: 'Starting the pose engine…' });
      // a run has the cores to itself: measuring the engines waits for the next start
      stopMeasuring();
      if (!backendDecision()) setBackendDecision(await rememberedDecision());
      const backend = await selectBackend(options.backend);
      const est = await getEstimator(options.model);
      runActive = true;
      await warming;
      est.reset();
      est.absentSearchEveryMs = Math.max(0, options.absentSearchEveryMs ?? ABSENT_SEARCH_EVERY_MS);
      est.followPeople = options.followPeople !== false;
      timing.startMs = performance.now() - t0;
      if (isCancelled(runId)) throw new PipelineError('cancelled', 'Cancelled.', '');

      stage = 'probe';
      progress({ framesDone: 0, framesTotal: 0, fps: 0, secondsLeft: null, message: 'Reading the clip…' });
      setLastClip(null);
      const tProbe = performance.now();
      const clip = await openClip(file, fileName, (info) => cb.onClip(info));
      timing.probeMs = performance.now() - tProbe;
      const timestampsUs: number[] = [];
      setLastClip({ clip, timestampsUs });
      summary = { clip: clip.info, backend, framesWithPose: 0, partial: null, damagedFrames: 0, cancelled: false, elapsedMs: 0, notes: [], timing };

      if (!options.range && options.askAboveS !== undefined && clip.info.durationS > options.askAboveS) {
        // a long recording (warm-up, whole session): the user picks the part with the running first
        throw new PipelineError('long-clip', `"${fileName}" is ${formatS(Math.round(clip.info.durationS) * 1e6, 0)} long.`, 'Choose the part with the running to analyse (30 s is plenty), or analyse the whole clip.');
      }

      stage = 'decode-pose';
      const range = options.range;
      const total = range ? Math.max(1, Math.round((range.endS - range.startS) * clip.info.nominalFps)) : clip.info.sampleCount;
      // the analysis reads a compact typed-array track, filled as frames arrive
      const track = new PoseTrackBuilder(est.keypointNames, total, clip.info.displayWidth, clip.info.displayHeight);
      const batchSize = options.batchSize ?? 8;
      const row = est.keypointNames.length * 4;
      const newBatch = (): PoseBatch => ({ keypointNames: est.keypointNames, frames: [], data: new Float32Array(batchSize * row).fill(NaN) });
      // the first frame goes to the page on its own, so its skeleton is on screen at once
      let batchLimit = 1;
      let lastLive = -Infinity;
      // frames go to the page compact: one Float32Array per batch, transferred
      // The callbacks travel on a port of their own, so nothing orders them with the run's result: the run waits
      // until the page has taken the last batch (and so every earlier one), or the page could finish without them.
      let lastSent: Promise<unknown> = Promise.resolve();
      const send = (b: PoseBatch) => {
        timing.firstFrameMs ??= performance.now() - t0;
        lastSent = Promise.resolve(cb.onFrames(Comlink.transfer(b, [b.data.buffer])) as unknown);
      };
      let batch = newBatch();
      let lastProgress = 0;
      const window: number[] = [];
      let decodeError: { e: Error; at: number } | null = null;
      const request: DecodeRequest = {
        file,
        fileName,
        clip,
        longSide: options.poseInputLongSide ?? DEFAULT_LONG_SIDE,
        range,
        shouldStop: () => isCancelled(runId),
        onError: (e, at) => (decodeError = { e, at }),
        timing,
      };
      const ahead = options.decodeAhead !== false && canDecodeAhead();
      const frames = ahead ? decodeAhead(request) : decodeInline(request);
      const damaged: number[] = [];
      const retriesBefore = est.cropRetries;
      const brightness: number[] = [];
      const prior = options.priorFrames ?? [];
      /** One frame with its pose, to the track, the page and the live view. */
      const changes = new FrameChangeMeter();
      const emit = (f: SourceFrame, pose: PoseResult | null, change: FrameChange | null) => {
        if (pose) summary!.framesWithPose++;
        const frame: PoseFrame = { index: f.index, timestampUs: f.timestampUs, score: pose ? pose.score : null, keypoints: pose ? pose.keypoints : null, change };
        track.push(frame);
        if (pose) keypointRow(pose.keypoints, est.keypointNames, batch.data.subarray(batch.frames.length * row, (batch.frames.length + 1) * row));
        batch.frames.push({ index: frame.index, timestampUs: frame.timestampUs, score: frame.score, change });
        if (batch.frames.length >= batchLimit) {
          send(batch);
          batch = newBatch();
          batchLimit = batchSize;
        }
        if (f.image && pose && performance.now() - lastLive >= LIVE_INTERVAL_MS) {
          lastLive = performance.now();
          sendLiveFrame(cb, frame, f.image);
        }
      };
      // while the pose stage finds out which of several people is the runner, frames wait here (≤ 1 s of clip time)
      const held: { f: SourceFrame; pose: PoseResult | null; change: FrameChange | null }[] = [];
      const release = () => {
        const poses = est.settle();
        held.slice(held.length - poses.length).forEach((h, i) => (h.pose = poses[i]));
        for (const h of held) emit(h.f, h.pose, h.change);
        held.length = 0;
      };
      for await (const f of frames) {
        // resuming: a frame whose pose was already found (same index and timestamp) is reused, not estimated again
        const known = prior[f.index];
        const reuse = known && known.index === f.index && known.timestampUs === f.timestampUs;
        let pose: PoseResult | null = null;
        const change = changes.next(f.image);
        // a new shot: the runner is looked for afresh, not where he was in the last one
        if (changes.startsShot(change, clip.info.nominalFps) && !est.holding) est.reset();
        if (reuse) pose = known.keypoints ? { score: known.score ?? 0, keypoints: known.keypoints } : null;
        else if (f.image) {
          const tPose = performance.now();
          pose = await est.estimate(f.image, f.timestampUs, f.scale);
          timing.poseMs += performance.now() - tPose;
          timing.poseFrames++;
        }
        timing.frames++;
        if (f.luma !== null) brightness.push(f.luma);
        else {
          // no picture (damaged data): no pose, and tracking starts afresh after the gap
          damaged.push(f.index);
          est.reset();
        }
        timestampsUs.push(f.timestampUs);
        // a held frame's picture is not kept (the live view skips it): the workers' memory stays a few frames'
        if (change && pose) {
          const box = runnerBox(pose.keypoints, f.scale);
          if (box) change.background = changes.background(box);
        }
        held.push({ f: est.holding ? { ...f, image: null } : f, pose, change });
        if (!est.holding) release();
        const now = performance.now();
        window.push(now);
        while (window.length > 2 && now - window[0] > 3000) window.shift();
        if (now - lastProgress > PROGRESS_INTERVAL_MS) {
          lastProgress = now;
          const fps = window.length > 1 ? ((window.length - 1) * 1000) / (now - window[0]) : 0;
          const done = f.index + 1;
          progress({ framesDone: done, framesTotal: total, fps, secondsLeft: fps > 0 ? Math.max(0, total - done) / fps : null, message: `Frame ${done} of ${total}` });
        }
      }
      release();
      if (batch.frames.length) send(batch);
      await lastSent.catch(() => undefined);

      timing.cropRetries = est.cropRetries - retriesBefore;
      const rate = measureFrameRate(timestampsUs);
      clip.info.decodedFrameCount = timestampsUs.length;
      clip.info.measuredFps = rate.fps;
      clip.info.variableFrameRate = rate.variable;
      summary.cancelled = isCancelled(runId);
      if (rate.variable) summary.notes.push('Variable frame rate: timing uses each frame’s own timestamp.');
      if (prior.length) summary.notes.push(`Resumed: the poses of the first ${Math.min(prior.length, timestampsUs.length)} frames were kept from the interrupted analysis.`);
      if (!rate.monotonic) summary.notes.push('Some frame timestamps do not increase: the file may be damaged.');
      summary.damagedFrames = damaged.length;
      if (damaged.length) {
        const spans = indexSpans(damaged).map(([a, b]) => a === b ? `frame ${a} (${formatS(timestampsUs[a] - timestampsUs[0])})` : `frames ${a}–${b} (${formatS(timestampsUs[a] - timestampsUs[0])}–${formatS(timestampsUs[b] - timestampsUs[0])})`);
        summary.notes.push(`The file is damaged in ${spans.length === 1 ? 'one place' : `${spans.length} places`}: ${spans.join(', ')} could not be decoded. The analysis leaves out those ${damaged.length} frames and uses the other ${timestampsUs.length - damaged.length}.`);
      }
      if (range) summary.notes.push(`Analysed ${formatS(range.startS * 1e6)}–${formatS(range.endS * 1e6)} of the ${formatS(clip.info.durationS * 1e6)} clip.`);
      if (decodeError) {
        const { e, at } = decodeError as { e: Error; at: number };
        summary.partial = { reason: `Decoding stopped at frame ${at}: ${e.message}`, framesDecoded: at };
        summary.notes.push(`The file is damaged or incomplete: only the first ${at} of ${total} frames could be decoded. The analysis uses those.`);
      } else if (!summary.cancelled && !range && timestampsUs.length !== total) {
        summary.notes.push(`Decoded ${timestampsUs.length} frames; the container lists ${total} samples.`);
      }
      if (summary.framesWithPose === 0 && timestampsUs.length > 0) summary.notes.push('No person was found in any frame.');
      const people = est.people;
      Object.assign(timing, { peopleDetectorRuns: people.detectorRuns, peopleScanMs: people.scanMs, peopleExtraRuns: people.extraRuns, peopleExtraMs: people.extraMs });
      if (people.otherFrames > 0) {
        const seen = people.maxPeople > 2 ? `up to ${people.maxPeople} people at once` : 'two people';
        summary.notes.push(
          `Another person was in view: StrideScope saw ${seen}, on ${people.otherFrames} of ${timestampsUs.length} frames (${formatS(people.firstOtherUs! - timestampsUs[0])}–${formatS(people.lastOtherUs! - timestampsUs[0])}). The pose follows the runner, the person whose legs cycle${people.switches ? ` (found by following everyone in view for up to ${EVALUATE_MS / 1000} s)` : ''}, never someone else.`,
        );
      }
      let analysis: GaitAnalysis | null = null;
      if (!summary.cancelled && summary.framesWithPose > 0) {
        stage = 'analyze';
        progress({ framesDone: timestampsUs.length, framesTotal: total, fps: 0, secondsLeft: null, message: 'Finding gait events…' });
        const tAnalysis = performance.now();
        try {
          analysis = analyzeGait(track.finish(rate.fps ?? clip.info.nominalFps), { view: options.view, imageBrightness: medianOf(brightness), otherPersonFramesSeen: people.otherFrames, captureFps: options.captureFps });
        } catch (e) {
          summary.notes.push(`The gait analysis could not run on this clip: ${(e as Error).message}`);
        }
        timing.analysisMs = performance.now() - tAnalysis;
      }
      summary.elapsedMs = performance.now() - t0;
      stage = 'done';
      progress({ framesDone: timestampsUs.length, framesTotal: total, fps: 0, secondsLeft: 0, message: summary.cancelled ? 'Cancelled' : 'Done' });
      if (decodeError && timestampsUs.length === 0) {
        const err = decodeError as { e: Error; at: number };
        return { ok: false, error: new PipelineError('corrupt', `"${fileName}" could not be decoded: ${err.e.message}`, 'The file is damaged or incomplete. Copy it from the phone again.').toInfo(), summary };
      }
      return { ok: true, summary, analysis };
    } catch (e) {
      if (summary) summary.elapsedMs = performance.now() - t0;
      return { ok: false, error: toPipelineError(e, stage).toInfo(), summary };
    } finally {
      runActive = false;
      cancelledRuns.delete(runId);
      singleFrames?.kick(); // the player's frame cache can be built now
    }
  },

  async loadClip(file, fileName, timestampsUs) {
    // a saved record reopened with its video: the player's frames, no pose model run (null: no video, forget the last)
    setLastClip(null);
    if (!file) return false;
    const clip = await openClip(file, fileName);
    setLastClip({ clip, timestampsUs: [...timestampsUs] });
    return true;
  },

  async frameBitmap(index, maxLongSide) {
    // a damaged frame has no picture: null, and the caller shows the skeleton alone
    const bmp = (await frameServer()?.still(index, maxLongSide)) ?? null;
    return bmp ? Comlink.transfer(bmp, [bmp]) : null;
  },

  async playerFrame(index, maxLongSide) {
    const server = frameServer();
    if (!server) return { status: 'drawn', index, bitmap: null, source: 'none', workerMs: 0, cache: { state: 'waiting', frames: 0, framesTotal: 0, bytes: 0, capBytes: 0, buildMs: null, buildBusyMs: 0 } };
    const r = await server.playerFrame(index, maxLongSide);
    return r.status === 'drawn' && r.bitmap ? Comlink.transfer(r, [r.bitmap]) : r;
  },

  frameCacheStats() {
    return singleFrames?.stats() ?? null;
  },

  async benchDemux(file) {
    const clip = await openClip(file, 'bench');
    const t0 = performance.now();
    let packets = 0;
    let bytes = 0;
    try {
      for await (const p of new EncodedPacketSink(clip.track).packets()) {
        packets++;
        bytes += p.byteLength;
      }
    } finally {
      clip.input.dispose();
    }
    return { packets, bytes, ms: performance.now() - t0 };
  },

  async benchDecode(file, toPixels, longSide) {
    const clip = await openClip(file, 'bench');
    const t0 = performance.now();
    let frames = 0;
    try {
      if (toPixels) {
        for await (const _f of decodeFrames(clip, longSide, () => false, (e) => { throw e; })) frames++;
      } else {
        for await (const s of new VideoSampleSink(clip.track).samples()) {
          s.close();
          frames++;
        }
      }
    } finally {
      clip.input.dispose();
    }
    return { frames, ms: performance.now() - t0 };
  },

  async benchPose(file, model, backendId: BackendId, n, longSide) {
    try {
      const backend: BackendInfo = await selectBackend(backendId);
      const est = await getEstimator(model);
      const clip = await openClip(file, 'bench');
      const images: { image: ImageData; timestampUs: number; scale: number }[] = [];
      for await (const f of decodeFrames(clip, longSide, () => images.length >= 30, () => {})) if (f.image) images.push({ ...f, image: f.image });
      clip.input.dispose();
      const ms: number[] = [];
      est.reset();
      for (let i = 0; i < n; i++) {
        const f = images[i % images.length];
        const t = performance.now();
        await est.estimate(f.image, f.timestampUs, f.scale);
        ms.push(performance.now() - t);
      }
      return { msPerFrame: ms, backend };
    } catch (e) {
      return { error: (e as Error).message };
    }
  },
};

Comlink.expose(api);
export type PipelineWorkerApiWithCancel = typeof api;
