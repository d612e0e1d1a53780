/** Helpers for evaluating the analysis on the real labelled clips (used by realTracks.test.ts). */
import { existsSync, readFileSync } from 'node:fs';
import type { AnalyzeResult, KeypointName, PoseTrack } from '../../../src/core/types';
import { poseTrackFromFrames } from '../../../src/core/poseTrack';
import type { LabelEvent } from '../../../scripts/lib/label-score.mjs';

export const TRACK_DIR = process.env.STRIDESCOPE_TRACKS ?? '/tmp/stridescope-tracks';
export const LABEL_DIR = process.env.STRIDESCOPE_LABELS ?? '/work/shared/clips/labels';

export type { LabelEvent } from '../../../scripts/lib/label-score.mjs';
export { bestMatch, matchEvents } from '../../../scripts/lib/label-score.mjs';

export function loadTrack(clip: string): PoseTrack | null {
  const p = `${TRACK_DIR}/${clip}.json`;
  if (!existsSync(p)) return null;
  const r = JSON.parse(readFileSync(p, 'utf8')) as AnalyzeResult;
  const fps = r.clip.measuredFps ?? r.clip.nominalFps;
  return poseTrackFromFrames(r.frames, r.model.keypoints as readonly KeypointName[], r.clip.displayWidth, r.clip.displayHeight, fps);
}

export function loadLabels(clip: string): { events: LabelEvent[] } | null {
  const p = `${LABEL_DIR}/${clip}.json`;
  if (!existsSync(p)) return null;
  return JSON.parse(readFileSync(p, 'utf8'));
}
