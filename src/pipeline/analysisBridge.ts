/**
 * The page's side of the analysis worker (workers/analysis.worker.ts): re-analyses a track it already holds, off the
 * main thread. Started on first use; one per clip on the page.
 */
import * as Comlink from 'comlink';
import type { AnalysisOptions, GaitAnalysis } from '../core/analysis';
import type { PoseTrack } from '../core/types';
import type { AnalysisWorkerApi } from '../../workers/analysis.worker';

export class AnalysisBridge {
  private worker: Worker | null = null;
  private api: Comlink.Remote<AnalysisWorkerApi> | null = null;

  /** The analysis of `track` with `options`, and the time it took in the worker (ms). */
  reanalyze(track: PoseTrack, options: AnalysisOptions): Promise<{ analysis: GaitAnalysis; ms: number }> {
    if (!this.api) {
      this.worker = new Worker(new URL('../../workers/analysis.worker.ts', import.meta.url), { type: 'module', name: 'stridescope-analysis' });
      this.api = Comlink.wrap<AnalysisWorkerApi>(this.worker);
    }
    return this.api.reanalyze(track, options);
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    this.api = null;
  }
}
