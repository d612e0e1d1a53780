/**
 * One clip's run through the pipeline, in its own worker (a second clip on the page gets a second worker, so each
 * keeps its video for the player): state for the page, and `analyse(file)` that resolves when the run ends.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { GaitAnalysis } from '../core/analysis';
import type { AnalyzeResult, ClipInfo, KeypointName, PoseFrame, PoseModelId, ViewChoice } from '../core/types';
import { compactPoseFrames } from '../core/poseTrack';
import { PipelineBridge } from '../pipeline/bridge';
import type { BackendDecision } from '../pipeline/backendChoice';
import type { BackendInfo, LiveFrame, PipelineErrorInfo, Progress, RunSummary } from '../pipeline/protocol';
import { buildAnalyzeResult } from './result';

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
  /** The whole run as `npm run analyze` writes it (JSON export, records). */
  result: AnalyzeResult | null;
  /** The video of the current run or reopened record (saved with a record only when the user asks). */
  file: Blob | null;
  analyse(file: File, opts: RunChoice, onStart?: () => void): Promise<RunEnd | null>;
  /** Shows a saved analysis without running the model; with its video the player shows the frames. */
  load(result: AnalyzeResult, video: Blob | null): Promise<void>;
  cancel(): void;
  getFrame(index: number, longSide: number): Promise<ImageBitmap | null>;
  /** The pose engine decision in force in this clip's worker (null before one is made). */
  backendDecision(): Promise<BackendDecision | null>;
}

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
  const abort = useRef<AbortController | null>(null);
  const started = useRef(false);

  useEffect(() => {
    if (!enabled) return;
    const b = new PipelineBridge();
    setBridge(b);
    let timer: ReturnType<typeof setTimeout> | null = null;
    void b.checkModels().then((r) => {
      if (!r.ok) {
        setModelsProblem(`The pose models are not installed in this app (${r.missing.join(', ')}). Run "npm install" and restart, or ask whoever hosts StrideScope to.`);
        return;
      }
      // the engine and the default model start now, so the first skeleton comes soon after a drop
      if (!started.current) void b.warmUp(DEFAULT_MODEL).catch(() => false);
      if (measureEngines) {
        timer = setTimeout(() => {
          if (!started.current) void b.measureBackends().catch(() => null);
        }, MEASURE_AFTER_IDLE_MS);
      }
    });
    return () => {
      if (timer) clearTimeout(timer);
      b.dispose();
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
      setAnalysis(null);
      setResult(null);
      setProgress({ stage: 'load-model', framesDone: 0, framesTotal: 0, fps: 0, secondsLeft: null, message: 'Starting…' });
      setPhase('running');
      onStart?.();
      let clipInfo: ClipInfo | null = null;
      let lastFlush = 0;
      const outcome = await bridge.run(
        file,
        file.name,
        { model: opts.model, view: opts.view, priorFrames: opts.priorFrames, range: opts.range, askAboveS: opts.askAboveS },
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
        setAnalysis(outcome.analysis);
        setResult(result);
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
    [bridge, setLive],
  );

  const load = useCallback(
    async (saved: AnalyzeResult, video: Blob | null) => {
      abort.current?.abort();
      abort.current = null;
      // kept compact, as a fresh run's frames are
      const result: AnalyzeResult = { ...saved, frames: compactPoseFrames(saved.frames, saved.model.keypoints as readonly KeypointName[]) };
      framesRef.current = result.frames;
      setFrames(result.frames);
      setFileName(result.clip.fileName);
      setFile(video);
      setClip(result.clip);
      setError(null);
      setSummary(null);
      setProgress(null);
      setAnalysis(result.analysis as GaitAnalysis | null);
      setResult(result);
      // without a video the worker forgets the previous clip's (the player then draws the skeleton only)
      if (bridge) await bridge.loadClip(video, result.clip.fileName, video ? result.frames.map((f) => f.timestampUs) : []);
      setPhase('done');
    },
    [bridge],
  );

  const cancel = useCallback(() => abort.current?.abort(), []);
  const getFrame = useCallback((i: number, side: number) => bridge?.frameBitmap(i, side) ?? Promise.resolve(null), [bridge]);
  const backendDecision = useCallback(() => bridge?.backendDecision() ?? Promise.resolve(null), [bridge]);
  return { ready: !!bridge, modelsProblem, phase, fileName, clip, progress, live, error, summary, frames, analysis, result, file, analyse, load, cancel, getFrame, backendDecision };
}
