/**
 * Pose estimation on one image at a time, with weights served from the app's own origin.
 * BlazePose (33 keypoints incl. heel and toe) by default; MoveNet (17, no feet) selectable.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-converter';
import * as poseDetection from '@tensorflow-models/pose-detection';
import { BLAZEPOSE_KEYPOINTS, MOVENET_KEYPOINTS, type Keypoint, type KeypointName, type PoseModelId } from '../src/core/types';
import { squareCrops, type Crop } from '../src/pipeline/crops';
import { modelFilesFor, modelUrl } from '../src/pipeline/models';

export interface PoseResult {
  score: number;
  keypoints: Keypoint[];
}

export interface PoseEstimator {
  model: PoseModelId;
  keypointNames: readonly KeypointName[];
  /** Estimates one pose; coordinates are multiplied by `scale` (input pixels → display pixels). Null: no person. */
  estimate(image: ImageData, timestampUs: number, scale: number): Promise<PoseResult | null>;
  /** Forgets tracking state (BlazePose keeps a region of interest between frames). */
  reset(): void;
  /** While the runner is out of view, search the crops once per this many ms (default ABSENT_SEARCH_EVERY_MS; 0 = every frame). */
  absentSearchEveryMs: number;
  /** Model runs on crops of the frame after the whole frame found no one (each costs about one frame's pose). */
  readonly cropRetries: number;
  dispose(): void;
}

/** Nobody found for this long (ms of clip time): the runner is out of view (not yet in, or gone). */
export const ABSENT_AFTER_MS = 500;
/**
 * While the runner is out of view, the crop search runs once per this many ms of clip time instead of on every frame
 * (a runner coming in where only a crop finds them is found at most this much later; every other frame is unchanged).
 */
export const ABSENT_SEARCH_EVERY_MS = 100;

/** Keypoints scoring below this are still reported (with their score); the pose needs this mean to count. */
export const MIN_POSE_SCORE = 0.1;

export async function createPoseEstimator(model: PoseModelId, base: string): Promise<PoseEstimator> {
  const files = modelFilesFor(model);
  let detector: poseDetection.PoseDetector;
  let names: readonly KeypointName[];
  if (model === 'movenet' || model === 'movenet-thunder') {
    detector = await poseDetection.createDetector(poseDetection.SupportedModels.MoveNet, {
      modelType: model === 'movenet' ? poseDetection.movenet.modelType.SINGLEPOSE_LIGHTNING : poseDetection.movenet.modelType.SINGLEPOSE_THUNDER,
      modelUrl: modelUrl(base, files[0]),
      enableSmoothing: false,
    });
    names = MOVENET_KEYPOINTS as unknown as readonly KeypointName[];
  } else {
    detector = await poseDetection.createDetector(poseDetection.SupportedModels.BlazePose, {
      runtime: 'tfjs',
      modelType: model,
      enableSmoothing: false,
      enableSegmentation: false,
      detectorModelUrl: modelUrl(base, files[0]),
      landmarkModelUrl: modelUrl(base, files[1]),
    });
    names = BLAZEPOSE_KEYPOINTS;
  }

  /** Runs the model on one image; keypoints mapped to display pixels via the crop offset and scale. */
  const run = async (image: ImageData, timestampUs: number, scale: number, ox: number, oy: number): Promise<PoseResult | null> => {
    const poses = await detector.estimatePoses(image, { maxPoses: 1, flipHorizontal: false }, timestampUs / 1000);
    const pose = poses[0];
    if (!pose || pose.keypoints.length === 0) return null;
    const keypoints: Keypoint[] = pose.keypoints.map((k, i) => ({
      name: (k.name ?? names[i]) as KeypointName,
      x: (k.x + ox) * scale,
      y: (k.y + oy) * scale,
      z: (k.z ?? 0) * scale,
      score: k.score ?? 0,
    }));
    const mean = keypoints.reduce((s, k) => s + k.score, 0) / keypoints.length;
    const score = pose.score ?? mean;
    if (mean < MIN_POSE_SCORE) return null;
    return { score: Math.min(score, 1), keypoints };
  };
  let lastCentre: number | null = null; // where the person was last seen, as a fraction of the long side
  // clip times (µs): the first frame, the last frame with a person, the last crop search
  let firstUs: number | null = null;
  let lastSeenUs: number | null = null;
  let lastSearchUs = -Infinity;
  let cropRetries = 0;

  const est: PoseEstimator = {
    model,
    keypointNames: names,
    absentSearchEveryMs: ABSENT_SEARCH_EVERY_MS,
    async estimate(image, timestampUs, scale) {
      let found = await run(image, timestampUs, scale, 0, 0);
      // The person detector misses people near the frame's edge or small in a wide frame: retry on square crops of
      // the frame (nearest to where the person was last seen first). Tracking restarts after a crop. While the runner
      // is out of view (nobody for ABSENT_AFTER_MS: not yet in, or gone) the crops cost three model runs a frame for
      // nothing, so they are searched only every absentSearchEveryMs.
      firstUs ??= timestampUs;
      const absent = timestampUs - (lastSeenUs ?? firstUs) >= ABSENT_AFTER_MS * 1000;
      if (!found && (!absent || timestampUs - lastSearchUs >= est.absentSearchEveryMs * 1000)) {
        lastSearchUs = timestampUs;
        for (const c of squareCrops(image.width, image.height, lastCentre)) {
          cropRetries++;
          found = await run(cropImage(image, c), timestampUs, scale, c.x, c.y);
          detector.reset();
          if (found) break;
        }
      }
      if (found) {
        lastSeenUs = timestampUs;
        const hips = found.keypoints.filter((k) => k.name === 'left_hip' || k.name === 'right_hip');
        const long = image.width >= image.height ? 'x' : 'y';
        const size = (image.width >= image.height ? image.width : image.height) * scale;
        if (hips.length) lastCentre = hips.reduce((s, k) => s + k[long], 0) / hips.length / size;
      }
      return found;
    },
    get cropRetries() {
      return cropRetries;
    },
    reset() {
      detector.reset();
      lastCentre = null;
      firstUs = lastSeenUs = null;
      lastSearchUs = -Infinity;
    },
    dispose() {
      detector.dispose();
      tf.disposeVariables();
    },
  };
  return est;
}

/** Copies a square region of an RGBA image. */
export function cropImage(image: ImageData, c: Crop): ImageData {
  const out = new ImageData(c.size, c.size);
  const src = image.data;
  const dst = out.data;
  for (let row = 0; row < c.size; row++) {
    const from = ((c.y + row) * image.width + c.x) * 4;
    dst.set(src.subarray(from, from + c.size * 4), row * c.size * 4);
  }
  return out;
}
