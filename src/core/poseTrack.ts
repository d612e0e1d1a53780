/**
 * Conversions between the per-frame pose list (JSON, page) and the compact typed-array PoseTrack (analysis), and the
 * page's compact frames (keypoints kept in a Float32Array, built as objects only when read).
 */
import type { FrameChange, Keypoint, KeypointName, PoseBatch, PoseFrame, PoseTrack } from './types';

export const FIELDS_PER_KEYPOINT = 4;

export function createPoseTrack(
  keypointNames: readonly KeypointName[],
  frameCount: number,
  width: number,
  height: number,
  fps: number,
): PoseTrack {
  const data = new Float32Array(frameCount * keypointNames.length * FIELDS_PER_KEYPOINT).fill(NaN);
  return {
    keypointNames,
    frameCount,
    timestampsUs: new Float64Array(frameCount),
    data,
    poseScore: new Float32Array(frameCount).fill(NaN),
    width,
    height,
    fps,
  };
}

/** Records a frame's picture change in the track (the arrays are made on the first frame that has one). */
export function writeChange(track: PoseTrack, frame: number, change: FrameChange | null | undefined): void {
  if (change === undefined) return;
  if (!track.change) {
    const nan = () => new Float32Array(track.frameCount).fill(NaN);
    track.change = { mean: nan(), peak: nan(), background: nan() };
  }
  track.change.mean[frame] = change ? change.mean : NaN;
  track.change.peak[frame] = change ? change.peak : NaN;
  track.change.background[frame] = change?.background ?? NaN;
}

/** A frame's picture change as read from the track: undefined when the track has none, null where unknown. */
function readChange(track: PoseTrack, frame: number): FrameChange | null | undefined {
  if (!track.change) return undefined;
  const mean = track.change.mean[frame];
  if (Number.isNaN(mean)) return null;
  const background = track.change.background[frame];
  return { mean, peak: track.change.peak[frame], ...(Number.isNaN(background) ? {} : { background }) };
}

/** Index of a keypoint in the track, or -1 if this model does not have it. */
export function keypointIndex(track: PoseTrack, name: KeypointName): number {
  return track.keypointNames.indexOf(name);
}

/** Reads one keypoint of one frame; null if absent (no person or model without that keypoint). */
export function readKeypoint(track: PoseTrack, frame: number, name: KeypointName): Keypoint | null {
  const k = keypointIndex(track, name);
  if (k < 0) return null;
  const o = (frame * track.keypointNames.length + k) * FIELDS_PER_KEYPOINT;
  const x = track.data[o];
  if (Number.isNaN(x)) return null;
  return { name, x, y: track.data[o + 1], z: track.data[o + 2], score: track.data[o + 3] };
}

export function writeKeypoints(track: PoseTrack, frame: number, keypoints: readonly Keypoint[]): void {
  const K = track.keypointNames.length;
  for (const kp of keypoints) {
    const k = track.keypointNames.indexOf(kp.name);
    if (k < 0) continue;
    const o = (frame * K + k) * FIELDS_PER_KEYPOINT;
    track.data[o] = kp.x;
    track.data[o + 1] = kp.y;
    track.data[o + 2] = kp.z;
    track.data[o + 3] = kp.score;
  }
}

/** Builds a PoseTrack from the per-frame list. Frames must be in index order starting at 0. */
export function poseTrackFromFrames(
  frames: readonly PoseFrame[],
  keypointNames: readonly KeypointName[],
  width: number,
  height: number,
  fps: number,
): PoseTrack {
  const track = createPoseTrack(keypointNames, frames.length, width, height, fps);
  frames.forEach((f, i) => {
    track.timestampsUs[i] = f.timestampUs;
    writeChange(track, i, f.change);
    if (f.keypoints && f.score !== null) {
      track.poseScore[i] = f.score;
      writeKeypoints(track, i, f.keypoints);
    }
  });
  return track;
}

/** The inverse of poseTrackFromFrames. */
export function framesFromPoseTrack(track: PoseTrack): PoseFrame[] {
  const out: PoseFrame[] = [];
  for (let i = 0; i < track.frameCount; i++) {
    const s = track.poseScore[i];
    const change = readChange(track, i);
    const extra = change === undefined ? {} : { change };
    if (Number.isNaN(s)) {
      out.push({ index: i, timestampUs: track.timestampsUs[i], score: null, keypoints: null, ...extra });
      continue;
    }
    const keypoints: Keypoint[] = [];
    for (const name of track.keypointNames) {
      const kp = readKeypoint(track, i, name);
      if (kp) keypoints.push(kp);
    }
    out.push({ index: i, timestampUs: track.timestampsUs[i], score: s, keypoints, ...extra });
  }
  return out;
}

/**
 * Fills a PoseTrack frame by frame as poses stream in (capacity from the container's sample count), so the
 * analysis never needs an object per keypoint. `finish` trims to the frames actually decoded.
 */
export class PoseTrackBuilder {
  private track: PoseTrack;
  private count = 0;

  constructor(keypointNames: readonly KeypointName[], capacity: number, width: number, height: number) {
    this.track = createPoseTrack(keypointNames, Math.max(1, capacity), width, height, 0);
  }

  push(frame: PoseFrame): void {
    if (this.count >= this.track.frameCount) this.grow();
    const i = this.count++;
    this.track.timestampsUs[i] = frame.timestampUs;
    writeChange(this.track, i, frame.change);
    if (frame.keypoints && frame.score !== null) {
      this.track.poseScore[i] = frame.score;
      writeKeypoints(this.track, i, frame.keypoints);
    }
  }

  get length(): number {
    return this.count;
  }

  private grow(): void {
    const old = this.track;
    const next = createPoseTrack(old.keypointNames, old.frameCount * 2, old.width, old.height, old.fps);
    next.data.set(old.data);
    next.timestampsUs.set(old.timestampsUs);
    next.poseScore.set(old.poseScore);
    if (old.change) next.change = { mean: grown(old.change.mean, next.frameCount), peak: grown(old.change.peak, next.frameCount), background: grown(old.change.background, next.frameCount) };
    this.track = next;
  }

  finish(fps: number): PoseTrack {
    const K = this.track.keypointNames.length * FIELDS_PER_KEYPOINT;
    const n = this.count;
    return {
      ...this.track,
      frameCount: n,
      timestampsUs: this.track.timestampsUs.slice(0, n),
      data: this.track.data.slice(0, n * K),
      poseScore: this.track.poseScore.slice(0, n),
      ...(this.track.change ? { change: { mean: this.track.change.mean.slice(0, n), peak: this.track.change.peak.slice(0, n), background: this.track.change.background.slice(0, n) } } : {}),
      fps,
    };
  }
}

function grown(a: Float32Array, length: number): Float32Array {
  const out = new Float32Array(length).fill(NaN);
  out.set(a);
  return out;
}

/**
 * A PoseFrame whose keypoints live in `data` ([x, y, z, score] per keypoint in `keypointNames` order, NaN: absent)
 * and become objects only when `keypoints` is read. `keypoints` is an enumerable getter, so JSON.stringify, structured
 * clone (IndexedDB, postMessage) and spreading see an ordinary frame. ~0.6 kB per BlazePose frame instead of ~5 kB.
 */
export function compactPoseFrame(
  index: number,
  timestampUs: number,
  score: number | null,
  data: Float32Array | null,
  keypointNames: readonly KeypointName[],
  change?: FrameChange | null,
): PoseFrame {
  const frame = (change === undefined ? { index, timestampUs, score } : { index, timestampUs, score, change }) as PoseFrame;
  return Object.defineProperty(frame, 'keypoints', {
    enumerable: true,
    get: (): Keypoint[] | null => {
      if (!data || score === null) return null;
      const out: Keypoint[] = [];
      for (let k = 0; k < keypointNames.length; k++) {
        const o = k * FIELDS_PER_KEYPOINT;
        if (Number.isNaN(data[o])) continue;
        out.push({ name: keypointNames[k], x: data[o], y: data[o + 1], z: data[o + 2], score: data[o + 3] });
      }
      return out;
    },
  });
}

/** One frame's keypoints as a row of [x, y, z, score] in `keypointNames` order (NaN where absent). */
export function keypointRow(keypoints: readonly Keypoint[], keypointNames: readonly KeypointName[], out: Float32Array<ArrayBufferLike> = new Float32Array(keypointNames.length * FIELDS_PER_KEYPOINT).fill(NaN)): Float32Array<ArrayBufferLike> {
  for (const kp of keypoints) {
    const k = keypointNames.indexOf(kp.name);
    if (k < 0) continue;
    out.set([kp.x, kp.y, kp.z ?? 0, kp.score], k * FIELDS_PER_KEYPOINT);
  }
  return out;
}

/** Ordinary frames (e.g. a saved record's) as compact frames. */
export function compactPoseFrames(frames: readonly PoseFrame[], keypointNames: readonly KeypointName[]): PoseFrame[] {
  return frames.map((f) => {
    const kps = f.keypoints;
    return compactPoseFrame(f.index, f.timestampUs, f.score, kps && f.score !== null ? keypointRow(kps, keypointNames) : null, keypointNames, f.change);
  });
}

/** A streamed batch as compact frames (each frame's row is a view into the batch's buffer, not a copy). */
export function framesFromBatch(b: PoseBatch): PoseFrame[] {
  const row = b.keypointNames.length * FIELDS_PER_KEYPOINT;
  return b.frames.map((f, i) => compactPoseFrame(f.index, f.timestampUs, f.score, f.score === null ? null : b.data.subarray(i * row, (i + 1) * row), b.keypointNames, f.change));
}
