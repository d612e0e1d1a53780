/// <reference lib="webworker" />
/**
 * The gait analysis again, on a pose track the page already holds (hand-corrected events, a slow-motion clip's capture
 * rate): no decoding, no pose model. A worker of its own, so the page never blocks (3600 frames take 0.4–1 s) and the
 * player's frames, decoded in the clip's pipeline worker, do not wait behind it.
 */
import * as Comlink from 'comlink';
import { analyzeGait, type AnalysisOptions, type GaitAnalysis } from '../src/core/analysis';
import type { PoseTrack } from '../src/core/types';

const api = {
  reanalyze(track: PoseTrack, options: AnalysisOptions): { analysis: GaitAnalysis; ms: number } {
    const t = performance.now();
    const analysis = analyzeGait(track, options);
    return { analysis, ms: performance.now() - t };
  },
};

export type AnalysisWorkerApi = typeof api;
Comlink.expose(api);
