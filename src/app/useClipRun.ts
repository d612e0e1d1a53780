/**
 * One clip's run through the pipeline, in its own worker (a second clip on the page gets a second worker, so each
 * keeps its video for the player): state for the page, and `analyse(file)` that resolves when the run ends.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { GaitAnalysis } from '../core/analysis';
import type { AnalyzeResult, ClipInfo, KeypointName, PoseFrame, PoseModelId, PoseTrack, ViewChoice } from '../core/types';
import { compactPoseFrames } from '../core/poseTrack';
import { PipelineBridge } from '../pipeline/bridge';
import { AnalysisBridge } from '../pipeline/analysisBridge';
import type { BackendDecision } from '../pipeline/backendChoice';
import type { BackendInfo, FrameRequestOptions, LiveFrame, PipelineErrorInfo, Progress, RunSummary } from '../pipeline/protocol';
import { buildAnalyzeResult } from './result';
import { correctionsOf, NO_CORRECTIONS, reanalysisOptions, sameCorrections, trackFromFrames, upgradeAnalysis, type Corrections } from './reanalyze';

export type Phase = 'idle' | 'running' | 'done' | 'error' | 'cancelled';

export interface RunEnd {
  phase: Phase;
  result: AnalyzeResult | null;
  error: PipelineErrorInfo | null;
  summary: RunSummary | null;
}

export interface RunChoice {
  model: PoseModelId;
  view: ViewChoice;
  /** Resuming: poses already found for the first frames of this clip. */
  priorFrames?: PoseFrame[];
  /** Analyse only this part of the clip (s). */
  range?: { startS: number; endS: number };
  /** Without a range, ask first (error 'long-clip') when the clip is longer than this (s). */
  askAboveS?: number;
  /** The rate a slow-motion clip was filmed at (the command line's --capture-fps). */
  captureFps?: number;
  /** Called about every 0.5 s with every frame found so far (drafts are saved from it). */
  onCheckpoint?(frames: PoseFrame[], totalFrames: number): void;
}

export interface ClipRun {
  ready: boolean;
  modelsProblem: string | null;
  phase: Phase;
  fileName: string | null;
  clip: ClipInfo | null;
  progress: Progress | null;
  /** While running: the latest analysed frame's picture and pose (first one within moments of the start). */
  live: LiveFrame | null;
  error: PipelineErrorInfo | null;
  summary: RunSummary | null;
  frames: PoseFrame[];
  analysis: GaitAnalysis | null;
  /** The whole run as `npm run analyze` writes it (JSON export, records); its analysis is `analysis`. */
  result: AnalyzeResult | null;
  /** Events corrected by hand and the capture rate: `analysis` is computed with them. */
  corrections: Corrections;
  /** A correction is being applied (the analysis is computed again; no pose model). */
  reanalysing: boolean;
  /** The last re-analysis: page round trip, the worker's analysis alone, building the track (ms), frames. */
  lastReanalysis: ReanalysisTiming | null;
  /** Why the last correction could not be applied, if it could not. */
  correctionProblem: string | null;
  /** Changes the corrections; the analysis follows (in the analysis worker, from the poses the page holds). */
  correct(next: Corrections): void;
  /** Back to the corrections before the last change. */
  undo(): void;
  canUndo: boolean;
  /** The video of the current run or reopened record (saved with a record only when the user asks). */
  file: Blob | null;
  analyse(file: File, opts: RunChoice, onStart?: () => void): Promise<RunEnd | null>;
  /**
   * Shows a saved analysis without running the model; with its video the player shows the frames. `corrections`: the
   * ones saved with it (a record saved before they were stored: read from the analysis itself).
   */
  load(result: AnalyzeResult, video: Blob | null, corrections?: Corrections | null): Promise<void>;
  cancel(): void;
  /** A frame's picture (options: a player request, superseded by the next one; default a still, never dropped). */
  getFrame(index: number, longSide: number, options?: FrameRequestOptions): Promise<ImageBitmap | null>;
  /** The pose engine decision in force in this clip's worker (null before one is made). */
  backendDecision(): Promise<BackendDecision | null>;
}

export interface ReanalysisTiming {
  ms: number;
  workerMs: number;
  trackMs: number;
  frames: number;
}

/** The analysis worker is warmed this long after a report is shown, on this many frames. */
const WARM_UP_AFTER_MS = 1500;
const WARM_UP_FRAMES = 240;

/** Idle time after the page opens before the pose engines are measured (a run started sooner goes first). */
const MEASURE_AFTER_IDLE_MS = 2000;
/** The model the page starts with (App's default choice), loaded as soon as the page opens. */
const DEFAULT_MODEL: PoseModelId = 'full';

/**
 * `measureEngines`: once the page has been idle a moment, time the tfjs backends and pick the fastest (the page's first
 * clip does; the decision is remembered on the device, where the second clip's worker reads it).
 */
export function useClipRun(enabled = true, measureEngines = false): ClipRun {
  // created in an effect, so React's dev double-mount cannot leave a dead worker behind
  const [bridge, setBridge] = useState<PipelineBridge | null>(null);
  const [modelsProblem, setModelsProblem] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>('idle');
  const [fileName, setFileName] = useState<string | null>(null);
  const [clip, setClip] = useState<ClipInfo | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [live, setLiveState] = useState<LiveFrame | null>(null);
  /** Replaces the live frame; the one shown before is no longer needed, so its bitmap is freed. */
  const setLive = useCallback((next: LiveFrame | null) => {
    setLiveState((prev) => {
      if (prev && prev !== next) prev.bitmap.close();
      return next;
    });
  }, []);
  const [error, setError] = useState<PipelineErrorInfo | null>(null);
  const [summary, setSummary] = useState<RunSummary | null>(null);
  const [frames, setFrames] = useState<PoseFrame[]>([]);
  const [analysis, setAnalysis] = useState<GaitAnalysis | null>(null);
  const [result, setResult] = useState<AnalyzeResult | null>(null);
  const framesRef = useRef<PoseFrame[]>([]);
  const [file, setFile] = useState<Blob | null>(null);
  const [corrections, setCorrectionsState] = useState<Corrections>(NO_CORRECTIONS);
  const [reanalysing, setReanalysing] = useState(false);
  const [lastReanalysis, setLastReanalysis] = useState<ReanalysisTiming | null>(null);
  const [correctionProblem, setCorrectionProblem] = useState<string | null>(null);
  const [canUndo, setCanUndo] = useState(false);
  // the latest values, for the re-analysis (which outlives renders)
  const analysisRef = useRef<GaitAnalysis | null>(null);
  const resultRef = useRef<AnalyzeResult | null>(null);
  const correctionsRef = useRef<Corrections>(NO_CORRECTIONS);
  const history = useRef<Corrections[]>([]);
  const trackCache = useRef<{ frames: readonly PoseFrame[]; track: PoseTrack } | null>(null);
  /** Bumped by every new run or load: a re-analysis of the previous clip is then dropped. */
  const generation = useRef(0);
  const inflight = useRef(false);
  const pending = useRef<Corrections | null>(null);
  const abort = useRef<AbortController | null>(null);
  const started = useRef(false);
  /**
   * A saved clip was loaded into this worker before its engine came up (a record's second clip, or two records
   * compared): nothing is analysed there, so its pose model is not loaded and warmed for nothing.
   */
  const loadedSaved = useRef(false);
  /** Re-analyses (corrections) run in a worker of their own, started on the first one. */
  const analysisWorker = useRef<AnalysisBridge | null>(null);
  useEffect(() => () => analysisWorker.current?.dispose(), []);

  /** Shows an analysis (and the run it belongs to); `fresh`: a new clip or record, whose corrections start as given. */
  const show = useCallback((a: GaitAnalysis | null, r: AnalyzeResult | null, fresh?: Corrections) => {
    analysisRef.current = a;
    resultRef.current = r;
    setAnalysis(a);
    setResult(r);
    if (fresh) {
      generation.current++;
      // a fresh worker's first analysis is slow (not yet compiled: 250 ms for what then takes 50): the analysis worker
      // is started and warmed on a short piece of the clip while the user looks at the report
      const gen = generation.current;
      if (a && r && a.activity !== 'none') {
        setTimeout(() => {
          if (gen !== generation.current || history.current.length || inflight.current) return;
          analysisWorker.current ??= new AnalysisBridge();
          const piece = trackFromFrames(r.frames.slice(0, WARM_UP_FRAMES), r.model.keypoints as readonly KeypointName[], r.clip);
          void analysisWorker.current.reanalyze(piece, reanalysisOptions(a, fresh)).catch(() => undefined);
        }, WARM_UP_AFTER_MS);
      }
      history.current = [];
      trackCache.current = null;
      pending.current = null;
      correctionsRef.current = fresh;
      setCorrectionsState(fresh);
      setCanUndo(false);
      setCorrectionProblem(null);
      setLastReanalysis(null);
    }
  }, []);

  useEffect(() => {
    if (!enabled) return;
    loadedSaved.current = false;
    const b = new PipelineBridge();
    setBridge(b);
    let timer: ReturnType<typeof setTimeout> | null = null;
    void b.checkModels().then((r) => {
      if (!r.ok) {
        setModelsProblem(`The pose models are not installed in this app (${r.missing.join(', ')}). Run "npm install" and restart, or ask whoever hosts StrideScope to.`);
        return;
      }
      // the engine and the default model start now, so the first skeleton comes soon after a drop
      if (!started.current && !loadedSaved.current) void b.warmUp(DEFAULT_MODEL).catch(() => false);
      if (measureEngines) {
        timer = setTimeout(() => {
          if (!started.current) void b.measureBackends().catch(() => null);
        }, MEASURE_AFTER_IDLE_MS);
      }
    });
    return () => {
      if (timer) clearTimeout(timer);
      b.dispose();
      // no longer ready: a call on the terminated worker would never answer (a record's second clip loaded into it
      // when the second worker came back hung, and the page kept showing the previous second clip)
      setBridge((cur) => (cur === b ? null : cur));
    };
  }, [enabled, measureEngines]);

  const analyse = useCallback(
    async (file: File, opts: RunChoice, onStart?: () => void): Promise<RunEnd | null> => {
      if (!bridge) return null;
      started.current = true;
      abort.current?.abort();
      const ctrl = new AbortController();
      abort.current = ctrl;
      framesRef.current = [];
      setFrames([]);
      setLive(null);
      setFileName(file.name);
      setFile(file);
      setClip(null);
      setError(null);
      setSummary(null);
      show(null, null, NO_CORRECTIONS);
      setProgress({ stage: 'load-model', framesDone: 0, framesTotal: 0, fps: 0, secondsLeft: null, message: 'Starting…' });
      setPhase('running');
      onStart?.();
      let clipInfo: ClipInfo | null = null;
      let lastFlush = 0;
      const outcome = await bridge.run(
        file,
        file.name,
        { model: opts.model, view: opts.view, priorFrames: opts.priorFrames, range: opts.range, askAboveS: opts.askAboveS, captureFps: opts.captureFps },
        {
          onProgress: setProgress,
          onClip: (c) => {
            clipInfo = c;
            setClip(c);
          },
          onLiveFrame: (l) => {
            if (abort.current === ctrl) setLive(l);
            else l.bitmap.close();
          },
          // (checkpoints use the frames flushed below)
          onFrames: (batch) => {
            framesRef.current.push(...batch);
            const now = performance.now();
            if (now - lastFlush > 500) {
              lastFlush = now;
              setFrames(framesRef.current.slice());
              opts.onCheckpoint?.(framesRef.current, (clipInfo as ClipInfo | null)?.sampleCount ?? 0);
            }
          },
        },
        ctrl.signal,
      );
      if (abort.current !== ctrl) return null; // superseded by a newer run
      setLive(null);
      const all = framesRef.current.slice();
      setFrames(all);
      const s = outcome.summary;
      setSummary(s);
      if (s) setClip({ ...s.clip });
      if (outcome.ok && s && !s.cancelled) {
        const result = buildAnalyzeResult(s.clip, opts.model, s.backend as BackendInfo, all, outcome.analysis);
        setPhase('done');
        show(outcome.analysis, result, correctionsOf(outcome.analysis));
        return { phase: 'done', result, error: null, summary: s };
      }
      if ((outcome.ok && s?.cancelled) || (!outcome.ok && outcome.error.code === 'cancelled')) {
        setPhase('cancelled');
        return { phase: 'cancelled', result: null, error: null, summary: s };
      }
      if (!outcome.ok) {
        setError(outcome.error);
        setPhase('error');
        if (!clipInfo) setClip(null);
        return { phase: 'error', result: null, error: outcome.error, summary: s };
      }
      return null;
    },
    [bridge, setLive, show],
  );

  const load = useCallback(
    async (saved: AnalyzeResult, video: Blob | null, corrections?: Corrections | null) => {
      abort.current?.abort();
      abort.current = null;
      loadedSaved.current = true;
      // kept compact, as a fresh run's frames are; an analysis saved by an older version gets today's fields
      const result: AnalyzeResult = { ...saved, analysis: upgradeAnalysis(saved.analysis), frames: compactPoseFrames(saved.frames, saved.model.keypoints as readonly KeypointName[]) };
      framesRef.current = result.frames;
      setFrames(result.frames);
      setFileName(result.clip.fileName);
      setFile(video);
      setClip(result.clip);
      setError(null);
      setSummary(null);
      setProgress(null);
      show(result.analysis as GaitAnalysis | null, result, corrections ?? correctionsOf(result.analysis as GaitAnalysis | null));
      // without a video the worker forgets the previous clip's (the player then draws the skeleton only)
      if (bridge) await bridge.loadClip(video, result.clip.fileName, video ? result.frames.map((f) => f.timestampUs) : []);
      setPhase('done');
    },
    [bridge, show],
  );

  /**
   * Applies corrections: the analysis is computed again in the analysis worker from the poses the page holds (no pose
   * model). Changes made while one is computed are coalesced: only the latest is computed next.
   */
  const reanalyse = useCallback(
    async (c: Corrections) => {
      if (inflight.current) {
        pending.current = c;
        return;
      }
      inflight.current = true;
      setReanalysing(true);
      const gen = generation.current;
      try {
        let next: Corrections | null = c;
        while (next && gen === generation.current) {
          pending.current = null;
          const base = analysisRef.current;
          const r = resultRef.current;
          if (!base || !r) break;
          const t0 = performance.now();
          if (trackCache.current?.frames !== r.frames) trackCache.current = { frames: r.frames, track: trackFromFrames(r.frames, r.model.keypoints as readonly KeypointName[], r.clip) };
          const trackMs = performance.now() - t0;
          try {
            analysisWorker.current ??= new AnalysisBridge();
            const out = await analysisWorker.current.reanalyze(trackCache.current.track, reanalysisOptions(base, next));
            if (gen !== generation.current) break;
            setLastReanalysis({ ms: performance.now() - t0, workerMs: out.ms, trackMs, frames: r.frames.length });
            if (!pending.current) {
              show(out.analysis, { ...resultRef.current!, analysis: out.analysis });
              setCorrectionProblem(null);
            }
          } catch (e) {
            if (gen === generation.current) setCorrectionProblem(`The analysis could not be computed with this change: ${(e as Error).message}`);
          }
          next = pending.current;
        }
      } finally {
        inflight.current = false;
        setReanalysing(false);
      }
    },
    [show],
  );

  const correct = useCallback(
    (next: Corrections) => {
      if (sameCorrections(next, correctionsRef.current)) return;
      history.current.push(correctionsRef.current);
      correctionsRef.current = next;
      setCorrectionsState(next);
      setCanUndo(true);
      void reanalyse(next);
    },
    [reanalyse],
  );

  const undo = useCallback(() => {
    const prev = history.current.pop();
    if (!prev) return;
    correctionsRef.current = prev;
    setCorrectionsState(prev);
    setCanUndo(history.current.length > 0);
    void reanalyse(prev);
  }, [reanalyse]);

  const cancel = useCallback(() => abort.current?.abort(), []);
  const getFrame = useCallback((i: number, side: number, options?: FrameRequestOptions) => bridge?.frameBitmap(i, side, options) ?? Promise.resolve(null), [bridge]);
  const backendDecision = useCallback(() => bridge?.backendDecision() ?? Promise.resolve(null), [bridge]);
  return {
    ready: !!bridge, modelsProblem, phase, fileName, clip, progress, live, error, summary, frames, analysis, result, file, analyse, load, cancel, getFrame, backendDecision,
    corrections, reanalysing, lastReanalysis, correctionProblem, correct, undo, canUndo,
  };
}
