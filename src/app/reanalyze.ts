/**
 * Re-analysis without the pose model (issue 13, items 7 and 3): the gait analysis computed again from the poses the
 * page already holds, with events corrected by hand and / or the capture rate of a slow-motion clip. Pure and
 * DOM-free: the page builds the track and the options here, and a worker of its own (workers/analysis.worker.ts)
 * runs `analyzeGait` on them (docs/REPORT.md has the timings that put it there).
 *
 * Without corrections the result equals the worker's own analysis (tests/unit/reanalyze.test.ts): the track is the
 * one the worker analysed (both hold float32 keypoints, the same timestamps, the same frame rate) and the options are
 * the ones the worker passed, read back from its output.
 */
import { analyzeGait, type AnalysisOptions, type GaitAnalysis, type ManualEvent } from '../core/analysis';
import { TO_FRAME_DELAY } from '../core/analysis/thresholds';
import { poseTrackFromFrames } from '../core/poseTrack';
import type { ClipInfo, KeypointName, PoseFrame, PoseTrack, ViewChoice } from '../core/types';

/** What the user changed on one clip's analysis. Saved with a record; both null: the analysis as detected. */
export interface Corrections {
  /** The events every measure is computed from, placed by hand; null: the detected events. */
  events: ManualEvent[] | null;
  /** The rate a slow-motion clip was filmed at (fps); null: the clip's own timestamps are real time. */
  captureFps: number | null;
}

export const NO_CORRECTIONS: Corrections = { events: null, captureFps: null };

/** The clip's own frame rate, as the worker analysed it (measured from the decoded timestamps, else nominal). */
export function playbackFps(clip: Pick<ClipInfo, 'measuredFps' | 'nominalFps'>): number {
  return clip.measuredFps ?? clip.nominalFps;
}

/** The track the worker analysed, rebuilt from the page's frames (compact or not: the values are float32 in both). */
export function trackFromFrames(frames: readonly PoseFrame[], keypointNames: readonly KeypointName[], clip: ClipInfo): PoseTrack {
  return poseTrackFromFrames(frames, keypointNames, clip.displayWidth, clip.displayHeight, playbackFps(clip));
}

/**
 * The options the worker passed to analyzeGait, read back from its output: the view the user chose (a forced view is
 * marked `overridden`; a forced back view can read as 'front') and the frames' median brightness.
 */
export function baseOptions(a: GaitAnalysis): AnalysisOptions {
  const view: ViewChoice = a.view.overridden ? (a.view.view === 'side' ? 'side' : 'back') : 'auto';
  const o: AnalysisOptions = { view };
  // (a record saved before brightness was measured has no such field)
  if (a.quality.imageBrightness != null) o.imageBrightness = a.quality.imageBrightness;
  return o;
}

/**
 * The hand-corrected events as the analysis core takes them. An event left where it was detected keeps its detected
 * sub-frame time: the core reads a hand-placed frame as IC at that frame, TO at frame − TO_FRAME_DELAY, so the frame
 * given is the one that gives back the detected time. Otherwise correcting one event would put every other one on
 * whole frames and change strides nobody touched (treadmill clip, every event given back unchanged at whole frames:
 * contact time 216 → 250 ms, flags 17 → 23; with their sub-frame times: the same medians and flags, trunk–thigh
 * extension 10.5 → 10.3°). tests/unit/reanalyze.test.ts checks that the detected events given back this way
 * reproduce the worker's analysis.
 */
export function coreEvents(a: GaitAnalysis, events: readonly ManualEvent[]): ManualEvent[] {
  const detected = new Map((a.detectedEvents ?? a.events).filter((e) => e.method !== 'manual').map((e) => [`${e.type}${e.foot}${e.frame}`, e.subFrame]));
  return events.map((e) => {
    const sub = detected.get(`${e.type}${e.foot}${e.frame}`);
    return { type: e.type, foot: e.foot, frame: sub === undefined ? e.frame : e.type === 'TO' ? sub + TO_FRAME_DELAY : sub };
  });
}

/** The options of a re-analysis: the worker's, plus the corrections. */
export function reanalysisOptions(a: GaitAnalysis, c: Corrections): AnalysisOptions {
  const o = baseOptions(a);
  if (c.events) o.correctedEvents = coreEvents(a, c.events);
  if (c.captureFps !== null) o.captureFps = c.captureFps;
  return o;
}

/**
 * A saved analysis as the page reads it today: a record saved before hand corrections and slow motion existed lacks
 * their fields (nothing corrected, no capture rate, nothing suspected). Nothing a user saved is lost or changed.
 */
export function upgradeAnalysis(a: GaitAnalysis | null): GaitAnalysis | null {
  if (!a) return a;
  const old = a as Partial<GaitAnalysis>;
  if (old.slowMotion && old.eventsCorrected !== undefined && old.timeScale !== undefined && old.detectedEvents !== undefined && old.activityBasis !== undefined) return a;
  return {
    ...a,
    activityBasis: old.activityBasis ?? null,
    timeScale: old.timeScale ?? null,
    slowMotion: old.slowMotion ?? { suspected: false, reason: null, likelyFactor: null },
    eventsCorrected: old.eventsCorrected ?? false,
    detectedEvents: old.detectedEvents ?? null,
  };
}

/** The corrections an analysis already carries (a record saved before they were stored on their own, a CLI run). */
export function correctionsOf(a: GaitAnalysis | null): Corrections {
  if (!a) return NO_CORRECTIONS;
  return {
    events: a.eventsCorrected ? a.events.map((e) => ({ type: e.type, foot: e.foot, frame: e.frame })) : null,
    captureFps: a.timeScale?.captureFps ?? null,
  };
}

export function sameCorrections(a: Corrections, b: Corrections): boolean {
  if (a.captureFps !== b.captureFps) return false;
  if (!a.events || !b.events) return a.events === b.events;
  return a.events.length === b.events.length && a.events.every((e, i) => e.type === b.events![i].type && e.foot === b.events![i].foot && e.frame === b.events![i].frame);
}

/** The analysis again (the worker runs this through comlink; tests call it directly). */
export function reanalyze(track: PoseTrack, options: AnalysisOptions): GaitAnalysis {
  return analyzeGait(track, options);
}
