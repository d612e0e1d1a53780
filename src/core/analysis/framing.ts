/**
 * Is the whole body in the picture? The pose model still places keypoints it cannot see (beyond the frame's edge,
 * with a low score), so a runner cut off at the knees gives a pose on every frame but no usable feet.
 */
import { readKeypoint } from '../poseTrack';
import type { KeypointName, PoseTrack } from '../types';

/** A foot keypoint counts as seen when it lies inside the frame and scores at least this. */
export const FOOT_SEEN_SCORE = 0.3;

const FEET: Record<'left' | 'right', readonly string[]> = {
  left: ['left_ankle', 'left_heel', 'left_foot_index'],
  right: ['right_ankle', 'right_heel', 'right_foot_index'],
};

/**
 * Fraction (0..1) of the frames with a pose on which at least one foot is not seen: none of its ankle, heel and toe
 * keypoints is both inside the frame and scored ≥ FOOT_SEEN_SCORE. Null when no frame has a pose.
 */
export function feetOutOfFrameFraction(track: PoseTrack): number | null {
  const feet = Object.values(FEET).map((names) => names.filter((n) => track.keypointNames.includes(n as KeypointName)) as KeypointName[]);
  if (feet.some((f) => f.length === 0)) return null;
  const seen = (frame: number, name: KeypointName) => {
    const k = readKeypoint(track, frame, name);
    return k !== null && k.score >= FOOT_SEEN_SCORE && k.x >= 0 && k.x <= track.width && k.y >= 0 && k.y <= track.height;
  };
  let withPose = 0;
  let out = 0;
  for (let f = 0; f < track.frameCount; f++) {
    if (!Number.isFinite(track.poseScore[f])) continue;
    withPose++;
    if (feet.some((names) => !names.some((n) => seen(f, n)))) out++;
  }
  return withPose ? out / withPose : null;
}
