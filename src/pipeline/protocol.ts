/** What crosses the page ↔ worker bridge (comlink). DOM-free. */
import type { GaitAnalysis } from '../core/analysis';
import type { BackendId, ClipInfo, PoseBatch, PoseFrame, PoseModelId, ViewChoice } from '../core/types';
import type { BackendDecision } from './backendChoice';

/** Named stages of one run, in order: decode → pose → analyze → report. */
export type Stage = 'load-model' | 'probe' | 'decode-pose' | 'analyze' | 'done';

export interface RunOptions {
  model: PoseModelId;
  view: ViewChoice;
  /** Longest side, in pixels, of the image handed to the pose model (display orientation). */
  poseInputLongSide?: number;
  /** Force a backend (benchmarks, tests); default picks the fastest that really works. */
  backend?: BackendId;
  /** Frames per onFrames batch. */
  batchSize?: number;
  /** Resuming an interrupted analysis: the poses already found for the first frames (same clip), reused as they are. */
  priorFrames?: PoseFrame[];
  /** Analyse only this part of the clip (seconds of presentation time); the whole clip when absent. */
  range?: { startS: number; endS: number };
  /** Without a range, stop after reading the clip's facts (error 'long-clip') when it is longer than this (s). */
  askAboveS?: number;
  /**
   * Decode the next frames in a thread of their own while the pose model runs (default true). False: each frame is
   * decoded, scaled and posed one stage after another in one thread (the benchmark's baseline).
   */
  decodeAhead?: boolean;
  /**
   * While the runner is out of view (nobody found for 0.5 s), look for them on crops of the frame only once per this
   * many ms of clip time (default 100; 0 = on every frame, the benchmark's baseline).
   */
  absentSearchEveryMs?: number;
  /**
   * Several people in view (BlazePose): look for everyone now and then, keep following one person, and find the runner
   * among them (default true). False: one person assumed, as before (the benchmark's "without").
   */
  followPeople?: boolean;
  /**
   * The rate a slow-motion clip was filmed at (fps; `npm run analyze -- --capture-fps`): the analysis is computed in
   * real time (AnalysisOptions.captureFps). Absent: the clip's own timestamps are real time.
   */
  captureFps?: number;
}

export interface Progress {
  stage: Stage;
  framesDone: number;
  framesTotal: number;
  /** Decode+pose frames per second over the last few seconds. */
  fps: number;
  /** Estimated seconds left, null while unknown. */
  secondsLeft: number | null;
  message: string;
}

export interface BackendInfo {
  id: BackendId;
  threads: number;
  simd: boolean;
  /** GL renderer string or GPU adapter description, when there is one. */
  renderer: string | null;
  /** Why this backend was chosen (e.g. "WebGL is SwiftShader, software: measured 1400 ms/frame vs 80 ms on WASM"). */
  note: string;
}

export interface RunSummary {
  clip: ClipInfo;
  backend: BackendInfo;
  framesWithPose: number;
  /** Frames after which decoding stopped early (truncated or corrupt file), with the reason. */
  partial: { reason: string; framesDecoded: number } | null;
  /** Frames the decoder could not decode (damaged data) but that decoding got past: kept in place, with no pose. */
  damagedFrames: number;
  cancelled: boolean;
  elapsedMs: number;
  /** Notes for the user: variable frame rate, decoded ≠ sample count, ... */
  notes: string[];
  /** Where the time went (benchmarks, the progress panel). */
  timing: StageTiming;
}

/**
 * Milliseconds spent in each stage of one run, on the thread that does that stage. Stages that overlap (decoding the
 * next frames while the model runs on this one) add up to more than the wall time.
 */
export interface StageTiming {
  /** Starting the tfjs backend and loading the pose model (near 0 once warm). */
  startMs: number;
  /** Opening the file and reading the clip's facts. */
  probeMs: number;
  /** Waiting for the next decoded frame (demux + WebCodecs decode, as far as they did not happen ahead). */
  decodeWaitMs: number;
  /** Rotating and scaling each frame to the pose input size and reading its pixels. */
  resizeMs: number;
  /** The pose model, including the person detector when tracking is lost. */
  poseMs: number;
  /** Time the pose thread waited for its next frame (the decode stage's time, when it runs in the same thread). */
  frameWaitMs: number;
  /** Gait events and measures over the whole track. */
  analysisMs: number;
  /** From the start of the run to the first frame (with its pose) handed to the page. */
  firstFrameMs: number | null;
  /** Frames decoded; frames whose pose came from the model. */
  frames: number;
  poseFrames: number;
  /** Extra model runs on crops of frames where the whole frame found no one. */
  cropRetries: number;
  /**
   * Several people in view: runs of the multi-person model looking for everyone (every 0.5 s of clip time, 1 s once
   * the followed person's legs cycle) and landmark-model runs on people other than the followed one (while finding
   * the runner), with their time (included in poseMs).
   */
  peopleDetectorRuns: number;
  peopleScanMs: number;
  peopleExtraRuns: number;
  peopleExtraMs: number;
}

export type PipelineErrorCode =
  | 'empty-file'
  | 'not-a-video'
  | 'no-video-track'
  | 'codec-unsupported'
  | 'corrupt'
  | 'too-large'
  | 'long-clip'
  | 'models-missing'
  | 'backend-failed'
  | 'cancelled'
  | 'internal';

/** An error the page can show as it is: what happened and what to do. */
export interface PipelineErrorInfo {
  code: PipelineErrorCode;
  message: string;
  advice: string;
}

export class PipelineError extends Error {
  readonly code: PipelineErrorCode;
  readonly advice: string;
  constructor(code: PipelineErrorCode, message: string, advice: string) {
    super(message);
    this.name = 'PipelineError';
    this.code = code;
    this.advice = advice;
  }
  toInfo(): PipelineErrorInfo {
    return { code: this.code, message: this.message, advice: this.advice };
  }
}

/** A structured-clone-safe error result (comlink rethrows only message text). */
export type RunOutcome =
  | { ok: true; summary: RunSummary; analysis: GaitAnalysis | null }
  | { ok: false; error: PipelineErrorInfo; summary: RunSummary | null };

/** The latest analysed frame, a few times a second while a run goes on: its picture (small) and its pose. */
export interface LiveFrame {
  frame: PoseFrame;
  /** The frame's picture, display-oriented, longest side at most LIVE_PREVIEW_LONG_SIDE (transferred). */
  bitmap: ImageBitmap;
}

export const LIVE_PREVIEW_LONG_SIDE = 480;

/**
 * Single frames come in two kinds. A 'player' request is the one frame the player wants now: a newer one replaces an
 * older one still waiting (which is answered `superseded`), and it is served from the worker's frame cache when that
 * holds it. A 'still' (thumbnails, exports, tests) is always decoded from the video and never dropped.
 */
export type FramePurpose = 'player' | 'still';

/** Where a player frame's picture came from: the frame cache (JPEG), the video's decoder, or nowhere (no video / damaged frame). */
export type FrameSource = 'cache' | 'decoder' | 'none';

/** The player's frame cache in the worker: JPEGs at the player's size, built after the analysis, bounded in bytes. */
export interface FrameCacheStats {
  /** 'waiting': not started (no player request yet, or a run is going on); 'capped': stopped at the byte cap. */
  state: 'waiting' | 'building' | 'complete' | 'capped';
  frames: number;
  framesTotal: number;
  /** Sum of the cached JPEGs' sizes. */
  bytes: number;
  capBytes: number;
  /** Wall-clock ms from the start of the build to its end (player requests served in between included); null until then. */
  buildMs: number | null;
  /** Of that, ms spent on the build itself (decode, scale, JPEG encoding). */
  buildBusyMs: number;
}

/** The answer to a player request. */
export type PlayerFrameReply =
  | { status: 'drawn'; index: number; bitmap: ImageBitmap | null; source: FrameSource; workerMs: number; cache: FrameCacheStats }
  | { status: 'superseded'; index: number };

/** What the page learns about a player frame besides its picture. */
export type PlayerFrameInfo = Omit<Extract<PlayerFrameReply, { status: 'drawn' }>, 'bitmap' | 'status'>;

/** Options of a frame request on the page's side (`PipelineBridge.frameBitmap`, the report's `getFrame`). */
export interface FrameRequestOptions {
  /** Default 'still'. */
  purpose?: FramePurpose;
  /** Player requests: where the picture came from and the cache's state. */
  onInfo?(info: PlayerFrameInfo): void;
}

/** A player frame request replaced by a newer one before it was served (the player ignores it). */
export class FrameSuperseded extends Error {
  readonly index: number;
  constructor(index: number) {
    super(`frame ${index} was superseded by a newer player request`);
    this.name = 'FrameSuperseded';
    this.index = index;
  }
}

export interface PipelineCallbacks {
  onProgress(p: Progress): void;
  onClip(clip: ClipInfo): void;
  /** Frames in compact form (the batch's buffer is transferred, not copied). The first batch holds the first frame alone. */
  onFrames(batch: PoseBatch): void;
  /** The first analysed frame at once, then the latest one every PREVIEW_INTERVAL_MS or so. */
  onLiveFrame(live: LiveFrame): void;
}

/** The worker's API, exposed with comlink. */
export interface PipelineWorkerApi {
  /** Which models are installed in the served assets. */
  checkModels(): Promise<{ ok: boolean; missing: string[] }>;
  /** Runs decode → pose over a whole clip; frames stream through callbacks. */
  run(runId: number, file: Blob, fileName: string, options: RunOptions, callbacks: PipelineCallbacks): Promise<RunOutcome>;
  /** Stops the run with that id at the next frame boundary. */
  cancel(runId: number): void;
  /** Starts the engine and loads the model (with its first, slowest call) before a clip is dropped. */
  warmUp(model: PoseModelId): Promise<boolean>;
  /**
   * Times WASM and each GPU backend the browser offers on the pose model and picks the fastest (remembered on this
   * device). Null when a run started meanwhile. Runs before a decision use WASM.
   */
  measureBackends(): Promise<BackendDecision | null>;
  /** The decision in force, if any. */
  backendDecision(): BackendDecision | null;
  /**
   * A 'still': decodes one frame (by index) of the last clip run from the video, display-oriented, scaled to fit
   * maxLongSide. Never dropped; served in order, after any player request.
   */
  frameBitmap(index: number, maxLongSide: number): Promise<ImageBitmap | null>;
  /** The player's frame: newest request wins (an older waiting one is answered 'superseded'); from the cache when it can. */
  playerFrame(index: number, maxLongSide: number): Promise<PlayerFrameReply>;
  /** The frame cache's state (sizes, build time). */
  frameCacheStats(): FrameCacheStats | null;
  /** Opens a clip for `frameBitmap` only (a saved record reopened with its video), with the frames' timestamps. */
  loadClip(file: Blob | null, fileName: string, timestampsUs: number[]): Promise<boolean>;
  /** Demux only: every packet of the video track read from the file, not decoded (benchmark). */
  benchDemux(file: Blob): Promise<{ packets: number; bytes: number; ms: number }>;
  /** Decode-only throughput over the clip (benchmark). */
  benchDecode(file: Blob, toPixels: boolean, longSide: number): Promise<{ frames: number; ms: number }>;
  /** Pose-only: ms per frame on one decoded frame repeated n times. */
  benchPose(file: Blob, model: PoseModelId, backend: BackendId, n: number, longSide: number): Promise<{ msPerFrame: number[]; backend: BackendInfo } | { error: string }>;
}

/** Human names and keypoint families of the models. */
export const MODEL_LABELS: Record<PoseModelId, string> = {
  full: 'BlazePose full',
  lite: 'BlazePose lite',
  heavy: 'BlazePose heavy',
  movenet: 'MoveNet lightning',
  'movenet-thunder': 'MoveNet thunder',
};

/** What is lost with a model that has no heel or toe keypoints. */
export const MOVENET_LIMITS =
  'MoveNet has no heel or toe keypoints: foot-strike pattern (heel / midfoot / forefoot), foot angle at contact and precise contact / toe-off timing are not available. Use BlazePose for those.';

export const ACCEPTED_FILE_TYPES = 'video/*,.mov,.mp4,.webm,.m4v';
