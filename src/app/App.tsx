import { useCallback, useEffect, useRef, useState } from 'react';
import type { GaitAnalysis } from '../core/analysis';
import type { AnalyzeResult, ClipInfo, PoseFrame, PoseModelId, ViewChoice } from '../core/types';
import { PipelineBridge } from '../pipeline/bridge';
import { MODEL_LABELS, MOVENET_LIMITS, type BackendInfo, type PipelineErrorInfo, type Progress, type RunSummary } from '../pipeline/protocol';
import { ClipCard } from './ClipCard';
import { DropZone } from './DropZone';
import { Player, type PlayerProps } from './Player';
import { ConsultView } from './report/ConsultView';
import { ProgressBar } from './ProgressBar';
import { buildAnalyzeResult } from './result';
import { GaitHeadline } from './GaitHeadline';

type Phase = 'idle' | 'running' | 'done' | 'error' | 'cancelled';

/** What tests and `npm run analyze` read from the page (same pipeline as a user's). */
export interface StrideScopeHook {
  phase: Phase;
  result: AnalyzeResult | null;
  error: PipelineErrorInfo | null;
  summary: RunSummary | null;
  runs: number;
  setOptions(o: { model?: PoseModelId; view?: ViewChoice }): void;
}

declare global {
  interface Window {
    __stridescope?: StrideScopeHook;
  }
}

export function App() {
  // The worker lives as long as the page (created in an effect, so React's dev double-mount cannot leave a dead one).
  const [bridge, setBridge] = useState<PipelineBridge | null>(null);
  const [phase, setPhase] = useState<Phase>('idle');
  const [model, setModel] = useState<PoseModelId>('full');
  const [view, setView] = useState<ViewChoice>('auto');
  const [clip, setClip] = useState<ClipInfo | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<PipelineErrorInfo | null>(null);
  const [summary, setSummary] = useState<RunSummary | null>(null);
  const [modelsProblem, setModelsProblem] = useState<string | null>(null);
  const [frames, setFrames] = useState<PoseFrame[]>([]);
  const [analysis, setAnalysis] = useState<GaitAnalysis | null>(null);
  const framesRef = useRef<PoseFrame[]>([]);
  const abort = useRef<AbortController | null>(null);
  const runs = useRef(0);
  const hook = useRef<StrideScopeHook>({ phase: 'idle', result: null, error: null, summary: null, runs: 0, setOptions: () => {} });

  useEffect(() => {
    const b = new PipelineBridge();
    setBridge(b);
    void b.checkModels().then((r) => {
      if (!r.ok) setModelsProblem(`The pose models are not installed in this app (${r.missing.join(', ')}). Run "npm install" and restart, or ask whoever hosts StrideScope to.`);
    });
    return () => b.dispose();
  }, []);

  // published once the worker exists, so scripts that wait for it can start a run at once
  useEffect(() => {
    if (!bridge) return;
    window.__stridescope = hook.current;
    hook.current.setOptions = (o) => {
      if (o.model) setModel(o.model);
      if (o.view) setView(o.view);
    };
  }, [bridge]);

  const analyse = useCallback(
    async (file: File) => {
      if (!bridge) return;
      abort.current?.abort();
      const ctrl = new AbortController();
      abort.current = ctrl;
      framesRef.current = [];
      setFrames([]);
      setClip(null);
      setError(null);
      setSummary(null);
      setAnalysis(null);
      setProgress({ stage: 'load-model', framesDone: 0, framesTotal: 0, fps: 0, secondsLeft: null, message: 'Starting…' });
      setPhase('running');
      Object.assign(hook.current, { phase: 'running', result: null, error: null, summary: null });
      let clipInfo: ClipInfo | null = null;
      let lastFlush = 0;
      const outcome = await bridge.run(
        file,
        file.name,
        { model, view },
        {
          onProgress: setProgress,
          onClip: (c) => {
            clipInfo = c;
            setClip(c);
          },
          onFrames: (batch) => {
            framesRef.current.push(...batch);
            const now = performance.now();
            if (now - lastFlush > 500) {
              lastFlush = now;
              setFrames(framesRef.current.slice());
            }
          },
        },
        ctrl.signal,
      );
      if (abort.current !== ctrl) return; // superseded by a newer run
      runs.current++;
      const all = framesRef.current.slice();
      setFrames(all);
      const s = outcome.summary;
      setSummary(s);
      if (s) setClip({ ...s.clip });
      if (outcome.ok && s && !s.cancelled) {
        setPhase('done');
        const result = buildAnalyzeResult(s.clip, model, s.backend as BackendInfo, all, outcome.ok ? outcome.analysis : null);
        setAnalysis(outcome.ok ? outcome.analysis : null);
        Object.assign(hook.current, { phase: 'done', result, error: null, summary: s, runs: runs.current });
      } else if ((outcome.ok && s?.cancelled) || (!outcome.ok && outcome.error.code === 'cancelled')) {
        setPhase('cancelled');
        Object.assign(hook.current, { phase: 'cancelled', result: null, error: null, summary: s, runs: runs.current });
      } else if (!outcome.ok) {
        setError(outcome.error);
        setPhase('error');
        if (!clipInfo) setClip(null);
        Object.assign(hook.current, { phase: 'error', result: null, error: outcome.error, summary: s, runs: runs.current });
      }
    },
    [bridge, model, view],
  );

  const cancel = () => abort.current?.abort();
  const getFrame = useCallback((i: number, side: number) => bridge?.frameBitmap(i, side) ?? Promise.resolve(null), [bridge]);
  const running = phase === 'running';

  return (
    <div className="app">
      <header className="topbar">
        <h1>
          Stride<span>Scope</span>
        </h1>
        <p className="tagline">Running gait from a phone video — analysed on this device, never uploaded.</p>
      </header>
      <main>
        {modelsProblem && (
          <div className="banner error" role="alert" data-testid="models-missing">
            {modelsProblem}
          </div>
        )}
        <div className="options" aria-label="Analysis options">
          <label>
            Pose model{' '}
            <select value={model} disabled={running} onChange={(e) => setModel(e.target.value as PoseModelId)} data-testid="model-select">
              {(Object.keys(MODEL_LABELS) as PoseModelId[]).map((m) => (
                <option key={m} value={m}>
                  {MODEL_LABELS[m]}
                  {m === 'full' ? ' (recommended)' : ''}
                </option>
              ))}
            </select>
          </label>
          <label>
            Camera view{' '}
            <select value={view} disabled={running} onChange={(e) => setView(e.target.value as ViewChoice)} data-testid="view-select">
              <option value="auto">Detect automatically</option>
              <option value="side">Side view</option>
              <option value="back">From behind</option>
            </select>
          </label>
        </div>
        {model.startsWith('movenet') && (
          <p className="banner warn" data-testid="movenet-limits">
            {MOVENET_LIMITS}
          </p>
        )}
        <DropZone onFile={(f) => void analyse(f)} disabled={running || !bridge} compact={phase !== 'idle' && phase !== 'error'} />
        {error && (
          <div className="banner error" role="alert" data-testid="error">
            <strong>{error.message}</strong>
            {error.advice && <p>{error.advice}</p>}
          </div>
        )}
        {phase === 'cancelled' && (
          <p className="banner" role="status" data-testid="cancelled">
            Analysis cancelled. Choose a clip to start again.
          </p>
        )}
        <div className="grid">
          {clip && <ClipCard clip={clip} backend={summary?.backend ?? null} model={MODEL_LABELS[model]} />}
          {running && progress && <ProgressBar progress={progress} onCancel={cancel} />}
          {summary && (phase === 'done' || phase === 'error') && (
            <section className="card" aria-label="Pose track" data-testid="summary">
              <h2>Pose track</h2>
              <p data-testid="summary-text">
                Pose found on {summary.framesWithPose} of {summary.clip.decodedFrameCount ?? 0} frames in {(summary.elapsedMs / 1000).toFixed(1)} s
                {summary.clip.decodedFrameCount ? ` (${((summary.clip.decodedFrameCount * 1000) / summary.elapsedMs).toFixed(1)} frames/s)` : ''}.
              </p>
              {summary.notes.map((n) => (
                <p className="note" key={n} data-testid="summary-note">
                  {n}
                </p>
              ))}
              <p className="caveat">Every figure StrideScope shows is a 2-D estimate from video, not a diagnosis.</p>
            </section>
          )}
          {analysis && phase === 'done' && <GaitHeadline analysis={analysis} />}
        </div>
        {phase === 'done' && clip && frames.length > 0 && (analysis ? <ConsultView analysis={analysis} clip={clip} frames={frames} getFrame={getFrame} /> : <LonePlayer clip={clip} frames={frames} getFrame={getFrame} />)}
      </main>
      <footer>StrideScope · all processing happens in this browser · estimates from 2-D video, not a diagnosis</footer>
    </div>
  );
}

/** The player on its own (no analysis to report). */
function LonePlayer(props: Omit<PlayerProps, 'index' | 'onIndex'>) {
  const [index, setIndex] = useState(0);
  return <Player {...props} index={index} onIndex={setIndex} />;
}
