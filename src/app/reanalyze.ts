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
  if (a.quality.otherPersonFramesSeen != null) o.otherPersonFramesSeen = a.quality.otherPersonFramesSeen;
  return o;
}

/** The options of a re-analysis: the worker's, plus the corrections. */
export function reanalysisOptions(a: GaitAnalysis, c: Corrections): AnalysisOptions {
  const o = baseOptions(a);
  // events left where they were detected are matched to the detected ones by the core and keep their timing
  if (c.events) o.correctedEvents = c.events.map((e) => ({ type: e.type, foot: e.foot, frame: e.frame }));
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
  const view = a.view as Partial<GaitAnalysis['view']>;
  const quality = a.quality as Partial<GaitAnalysis['quality']>;
  const current = old.slowMotion && old.eventsCorrected !== undefined && old.timeScale !== undefined && old.detectedEvents !== undefined && old.activityBasis !== undefined
    && view.obliqueDeg !== undefined && view.oblique !== undefined && quality.otherPersonFrames !== undefined && quality.otherPersonFramesSeen !== undefined;
  if (current) return a;
  return {
    ...a,
    activityBasis: old.activityBasis ?? null,
    timeScale: old.timeScale ?? null,
    slowMotion: old.slowMotion ?? { suspected: false, reason: null, likelyFactor: null },
    eventsCorrected: old.eventsCorrected ?? false,
    detectedEvents: old.detectedEvents ?? null,
    view: { ...a.view, obliqueDeg: view.obliqueDeg ?? null, oblique: view.oblique ?? false },
    quality: { ...a.quality, otherPersonFrames: quality.otherPersonFrames ?? 0, otherPersonFramesSeen: quality.otherPersonFramesSeen ?? null },
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
