/** Confidence gating: pull per-keypoint series out of the PoseTrack, NaN where the person or the keypoint is absent or scores too low. */
import type { KeypointName, PoseTrack } from '../../types';
import { FIELDS_PER_KEYPOINT } from '../../poseTrack';

export interface KeypointSeries {
  x: Float64Array;
  y: Float64Array;
  z: Float64Array;
  score: Float64Array;
}

export function extractGated(track: PoseTrack, minScore: number): Map<KeypointName, KeypointSeries> {
  const n = track.frameCount;
  const K = track.keypointNames.length;
  const out = new Map<KeypointName, KeypointSeries>();
  track.keypointNames.forEach((name, k) => {
    const s: KeypointSeries = {
      x: new Float64Array(n).fill(NaN),
      y: new Float64Array(n).fill(NaN),
      z: new Float64Array(n).fill(NaN),
      score: new Float64Array(n).fill(NaN),
    };
    for (let f = 0; f < n; f++) {
      if (Number.isNaN(track.poseScore[f])) continue;
      const o = (f * K + k) * FIELDS_PER_KEYPOINT;
      const x = track.data[o];
      const y = track.data[o + 1];
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      const sc = track.data[o + 3];
      const score = Number.isFinite(sc) ? sc : 1;
      s.score[f] = score;
      if (score < minScore) continue;
      s.x[f] = x;
      s.y[f] = y;
      s.z[f] = track.data[o + 2];
    }
    out.set(name, s);
  });
  return out;
}
