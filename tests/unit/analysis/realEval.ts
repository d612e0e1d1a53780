/** Helpers for evaluating the analysis on the real labelled clips (used by realTracks.test.ts). */
import { existsSync, readFileSync } from 'node:fs';
import type { AnalyzeResult, KeypointName, PoseTrack } from '../../../src/core/types';
import { poseTrackFromFrames } from '../../../src/core/poseTrack';
import type { GaitAnalysis, GaitEvent } from '../../../src/core/analysis';

export const TRACK_DIR = process.env.STRIDESCOPE_TRACKS ?? '/tmp/stridescope-tracks';
export const LABEL_DIR = process.env.STRIDESCOPE_LABELS ?? '/work/shared/clips/labels';

export interface LabelEvent {
  type: 'IC' | 'TO';
  foot: string;
  frame: number;
  strike?: string | null;
  strike_certain?: boolean;
  side?: string;
}

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

export interface Match {
  label: LabelEvent;
  det: GaitEvent | null;
  error: number | null;
}

/** Greedy nearest matching of detected events to labels (same type, same foot under `footMap`). */
export function matchEvents(labels: LabelEvent[], events: GaitEvent[], footMap: Record<string, string>): Match[] {
  const used = new Set<GaitEvent>();
  return labels.map((l) => {
    const cands = events
      .filter((e) => e.type === l.type && e.foot === footMap[l.foot] && !used.has(e))
      .sort((a, b) => Math.abs(a.frame - l.frame) - Math.abs(b.frame - l.frame));
    const d = cands[0] && Math.abs(cands[0].frame - l.frame) <= 5 ? cands[0] : null;
    if (d) used.add(d);
    return { label: l, det: d, error: d ? d.frame - l.frame : null };
  });
}

/** Tries both foot namings (labels 'a'/'b' or possibly mirrored left/right) and keeps the better one. */
export function bestMatch(labels: LabelEvent[], a: GaitAnalysis): { matches: Match[]; footMap: Record<string, string> } {
  const feet = [...new Set(labels.map((l) => l.foot))];
  const maps: Record<string, string>[] = [];
  if (feet.every((f) => f === 'left' || f === 'right')) maps.push({ left: 'left', right: 'right' });
  else maps.push({ [feet[0]]: 'left', [feet[1]]: 'right' }, { [feet[0]]: 'right', [feet[1]]: 'left' });
  let best: { matches: Match[]; footMap: Record<string, string> } | null = null;
  for (const m of maps) {
    const matches = matchEvents(labels, a.events, m);
    const ok = matches.filter((x) => x.error !== null && Math.abs(x.error) <= 2).length;
    if (!best || ok > best.matches.filter((x) => x.error !== null && Math.abs(x.error) <= 2).length) best = { matches, footMap: m };
  }
  return best!;
}
