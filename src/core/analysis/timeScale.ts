/**
 * Slow motion played at normal speed: a phone films at 120 or 240 fps and writes a clip that plays at 30, so every
 * playback second holds 1/4 or 1/8 of a real second. Given the capture rate, the track is put back into real time
 * (pure; the frames and keypoints are untouched, only their times change).
 */
import type { PoseTrack } from '../types';
import type { TimeScale } from './types';

/** Lowest and highest capture rate accepted, frames per second. */
export const CAPTURE_FPS_MIN = 1;
export const CAPTURE_FPS_MAX = 1000;

/** The time scale for a capture rate given by the user; null when none was given (or it equals the playback rate). */
export function timeScaleFor(playbackFps: number, captureFps: number | undefined): TimeScale | null {
  if (captureFps === undefined || !(playbackFps > 0)) return null;
  if (!(captureFps >= CAPTURE_FPS_MIN && captureFps <= CAPTURE_FPS_MAX)) throw new RangeError(`capture rate ${captureFps} fps is outside ${CAPTURE_FPS_MIN}–${CAPTURE_FPS_MAX}`);
  if (Math.abs(captureFps - playbackFps) < 1e-6 * playbackFps) return null;
  return { playbackFps, captureFps, factor: playbackFps / captureFps };
}

/** The same track in real time (since the clip's start): timestamps × factor, frame rate = the capture rate. */
export function inRealTime(track: PoseTrack, scale: TimeScale | null): PoseTrack {
  if (!scale) return track;
  return { ...track, timestampsUs: track.timestampsUs.map((t) => t * scale.factor), fps: scale.captureFps };
}
