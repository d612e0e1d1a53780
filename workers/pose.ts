/**
 * Pose estimation on one image at a time, with weights served from the app's own origin.
 * BlazePose (33 keypoints incl. heel and toe) by default; MoveNet (17, no feet) selectable.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-converter';
import * as poseDetection from '@tensorflow-models/pose-detection';
import { BLAZEPOSE_KEYPOINTS, MOVENET_KEYPOINTS, type Keypoint, type KeypointName, type PoseModelId } from '../src/core/types';
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
  dispose(): void;
}

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

  return {
    model,
    keypointNames: names,
    async estimate(image, timestampUs, scale) {
      const poses = await detector.estimatePoses(image, { maxPoses: 1, flipHorizontal: false }, timestampUs / 1000);
      const pose = poses[0];
      if (!pose || pose.keypoints.length === 0) return null;
      const keypoints: Keypoint[] = pose.keypoints.map((k, i) => ({
        name: (k.name ?? names[i]) as KeypointName,
        x: k.x * scale,
        y: k.y * scale,
        z: (k.z ?? 0) * scale,
        score: k.score ?? 0,
      }));
      const mean = keypoints.reduce((s, k) => s + k.score, 0) / keypoints.length;
      const score = pose.score ?? mean;
      if (mean < MIN_POSE_SCORE) return null;
      return { score: Math.min(score, 1), keypoints };
    },
    reset() {
      detector.reset();
    },
    dispose() {
      detector.dispose();
      tf.disposeVariables();
    },
  };
}
