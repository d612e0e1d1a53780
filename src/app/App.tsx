import { useCallback, useEffect, useRef, useState } from 'react';
import type { AnalyzeResult, PoseModelId, ViewChoice } from '../core/types';
import { MODEL_LABELS, MOVENET_LIMITS, type PipelineErrorInfo, type RunSummary } from '../pipeline/protocol';
import { useClipRun, type Phase, type RunEnd } from './useClipRun';
import { CompareView } from './report/CompareView';
import { ClipCard } from './ClipCard';
import { DropZone } from './DropZone';
import { Player, type PlayerProps } from './Player';
import { ConsultView } from './report/ConsultView';
import { ProgressBar } from './ProgressBar';
import { GaitHeadline } from './GaitHeadline';

/** What tests and `npm run analyze` read from the page (same pipeline as a user's). */
export interface StrideScopeHook {
  phase: Phase;
  result: AnalyzeResult | null;
  error: PipelineErrorInfo | null;
  summary: RunSummary | null;
  runs: number;
  /** The second clip's run (side + back, or before / after), when one was added. */
  second: RunEnd | null;
  setOptions(o: { model?: PoseModelId; view?: ViewChoice }): void;
}

declare global {
  interface Window {
    __stridescope?: StrideScopeHook;
  }
}

export function App() {
  const primary = useClipRun();
  const [model, setModel] = useState<PoseModelId>('full');
  const [view, setView] = useState<ViewChoice>('auto');
  const [wantSecond, setWantSecond] = useState(false);
  const second = useClipRun(wantSecond);
  const runs = useRef(0);
  const hook = useRef<StrideScopeHook>({ phase: 'idle', result: null, error: null, summary: null, runs: 0, second: null, setOptions: () => {} });
  const { phase, clip, progress, error, summary, frames, analysis, modelsProblem, getFrame } = primary;

  // published once the worker exists, so scripts that wait for it can start a run at once
  useEffect(() => {
    if (!primary.ready) return;
    window.__stridescope = hook.current;
    hook.current.setOptions = (o) => {
      if (o.model) setModel(o.model);
      if (o.view) setView(o.view);
    };
  }, [primary.ready]);

  const analyse = useCallback(
    async (file: File) => {
      const end = await primary.analyse(file, { model, view }, () => Object.assign(hook.current, { phase: 'running', result: null, error: null, summary: null }));
      if (!end) return;
      runs.current++;
      Object.assign(hook.current, { ...end, runs: runs.current });
    },
    [primary, model, view],
  );

  const analyseSecond = useCallback(
    async (file: File) => {
      hook.current.second = { phase: 'running', result: null, error: null, summary: null };
      const end = await second.analyse(file, { model, view });
      if (end) hook.current.second = end;
    },
    [second, model, view],
  );

  const cancel = primary.cancel;
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
        <DropZone onFile={(f) => void analyse(f)} disabled={running || !primary.ready} compact={phase !== 'idle' && phase !== 'error'} />
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
        {phase === 'done' && clip && frames.length > 0 && !wantSecond && (analysis ? <ConsultView analysis={analysis} clip={clip} frames={frames} getFrame={getFrame} /> : <LonePlayer clip={clip} frames={frames} getFrame={getFrame} />)}
        {phase === 'done' && analysis && !wantSecond && (
          <section className="card add-second" aria-label="Add a second clip">
            <h2>Add a second clip</h2>
            <p>The same runner filmed from behind (or from the side), or another session to compare before and after.</p>
            <button type="button" onClick={() => setWantSecond(true)} data-testid="add-second">
              Add a second clip…
            </button>
          </section>
        )}
        {wantSecond && clip && analysis && (
          <CompareView
            first={{ label: primary.fileName ?? 'first clip', clip, frames, analysis, getFrame }}
            secondRun={second}
            onSecondFile={(f) => void analyseSecond(f)}
            onClose={() => setWantSecond(false)}
          />
        )}
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
