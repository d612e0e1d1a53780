import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AnalyzeResult, PoseModelId, ViewChoice } from '../core/types';
import { MODEL_LABELS, type PipelineErrorInfo, type RunSummary } from '../pipeline/protocol';
import type { BackendDecision } from '../pipeline/backendChoice';
import { useClipRun, type Phase, type ReanalysisTiming, type RunEnd } from './useClipRun';
import type { Corrections } from './reanalyze';
import type { EditController } from './report/EventEditor';
import { CompareView } from './report/CompareView';
import { RecordsPanel } from './records/RecordsPanel';
import { SaveRecord } from './records/SaveRecord';
import { clearDraft, getDraft, getRecord, getVideo, saveDraft, type AnalysisDraft, type PatientRecord } from './records/db';

/** A saved analysis and its video (null when the record was saved without it), with the corrections saved with it. */
type SavedClip = { result: AnalyzeResult; video: Blob | null; corrections: Corrections | null };

async function savedClip(rec: PatientRecord, i: number): Promise<SavedClip> {
  // records saved before corrections were stored have none: the analysis itself then says what was corrected
  return { result: rec.clips[i].result, video: rec.clips[i].hasVideo ? await getVideo(rec.id, i) : null, corrections: rec.clips[i].corrections ?? null };
}
import { ClipCard } from './ClipCard';
import { DropZone } from './DropZone';
import { AnalysisOptions } from './AnalysisOptions';
import { FilmingGuide } from './FilmingGuide';
import { SampleClipButton } from './SampleClip';
import { SessionFields } from './SessionFields';
import { ErrorBanner } from './ErrorBanner';
import { HiddenFileInput } from './HiddenFileInput';
import { Player, type PlayerProps } from './Player';
import { ConsultView } from './report/ConsultView';
import { ProgressBar } from './ProgressBar';
import { LivePreview } from './LivePreview';
import { LONG_CLIP_S, LongClipChooser, type LongClipChoice } from './LongClipChooser';

/** What tests and `npm run analyze` read from the page (same pipeline as a user's). */
export interface StrideScopeHook {
  phase: Phase;
  result: AnalyzeResult | null;
  error: PipelineErrorInfo | null;
  summary: RunSummary | null;
  runs: number;
  /** The second clip's run (side + back, or before / after), when one was added. */
  second: RunEnd | null;
  /** The pose engine decision (measured once the page has been idle 2 s; null before). */
  backendDecision?(): Promise<BackendDecision | null>;
  /** A raw decoded frame of the first clip (tests compare exported stills with it). */
  frameBitmap?(index: number, longSide: number): Promise<ImageBitmap | null>;
  /**
   * `askLongClips: false` (the command line, batch): long clips are analysed whole instead of asking for a part.
   * `captureFps`: the rate a slow-motion clip was filmed at, for the next runs (null: none).
   */
  setOptions(o: { model?: PoseModelId; view?: ViewChoice; askLongClips?: boolean; captureFps?: number | null }): void;
  /** The first clip's corrections (events by hand, capture rate) and its last re-analysis' timings. */
  corrections?: Corrections;
  reanalysis?: ReanalysisTiming | null;
}

declare global {
  interface Window {
    __stridescope?: StrideScopeHook;
  }
}

export function App() {
  const primary = useClipRun(true, true);
  const [model, setModel] = useState<PoseModelId>('full');
  const [view, setView] = useState<ViewChoice>('auto');
  const [wantSecond, setWantSecond] = useState(false);
  const [patientLabel, setPatientLabel] = useState('');
  /** The clinician's notes on this session (saved with the record, printed on the PDF); a reopened record's own notes. */
  const [notes, setNotes] = useState('');
  const [sessionDate, setSessionDate] = useState(() => new Date().toISOString().slice(0, 10));
  const [recordId, setRecordId] = useState<string | null>(null);
  const [recordsKey, setRecordsKey] = useState(0);
  const [recordsOpen, setRecordsOpen] = useState(false);
  const [openProblem, setOpenProblem] = useState<string | null>(null);
  const [draft, setDraft] = useState<AnalysisDraft | null>(null);
  /** The clip last dropped: a long one waits here while the user chooses the part to analyse. */
  const [longClip, setLongClip] = useState<File | null>(null);
  const [draftProblem, setDraftProblem] = useState<string | null>(null);
  /** The report shown has work not saved to records (notes, hand corrections): leaving it asks first. */
  const [unsaved, setUnsaved] = useState(false);
  /** An action that would replace the report, waiting for the user to confirm (unsaved work). */
  const [pendingReplace, setPendingReplace] = useState<{ what: string; go(): void } | null>(null);
  const resumeInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    void getDraft().then(setDraft).catch(() => setDraft(null));
  }, []);
  const second = useClipRun(wantSecond);
  const runs = useRef(0);
  const askLongClips = useRef(true);
  const captureFps = useRef<number | null>(null);
  const hook = useRef<StrideScopeHook>({ phase: 'idle', result: null, error: null, summary: null, runs: 0, second: null, setOptions: () => {} });
  const { phase, clip, progress, live, error, summary, frames, analysis, modelsProblem, getFrame } = primary;

  // published once the worker exists, so scripts that wait for it can start a run at once
  useEffect(() => {
    if (!primary.ready) return;
    window.__stridescope = hook.current;
    hook.current.frameBitmap = primary.getFrame;
    hook.current.backendDecision = primary.backendDecision;
    hook.current.setOptions = (o) => {
      if (o.model) setModel(o.model);
      if (o.view) setView(o.view);
      if (o.askLongClips !== undefined) askLongClips.current = o.askLongClips;
      if (o.captureFps !== undefined) captureFps.current = o.captureFps;
    };
  }, [primary.ready]);

  // a correction (events by hand, capture rate) gives a new analysis of the same run: tests and scripts read it here
  useEffect(() => {
    hook.current.corrections = primary.corrections;
    hook.current.reanalysis = primary.lastReanalysis;
    if (primary.phase === 'done' && primary.result && hook.current.phase === 'done') hook.current.result = primary.result;
  }, [primary.result, primary.corrections, primary.lastReanalysis, primary.phase]);
  const edit: EditController = useMemo(
    () => ({
      corrections: primary.corrections,
      correct: primary.correct,
      undo: primary.undo,
      canUndo: primary.canUndo,
      reanalysing: primary.reanalysing,
      problem: primary.correctionProblem,
      lastMs: primary.lastReanalysis?.ms ?? null,
    }),
    [primary.corrections, primary.correct, primary.undo, primary.canUndo, primary.reanalysing, primary.correctionProblem, primary.lastReanalysis],
  );

  // the analysis in progress is saved as it goes (every ~2 s), so a reload or a crash can resume it
  const lastDraft = useRef(0);
  const analyse = useCallback(
    async (file: File, resume?: AnalysisDraft, part?: LongClipChoice) => {
      setRecordId(null);
      setNotes('');
      setDraft(null);
      setDraftProblem(null);
      setLongClip(file);
      const m = resume?.model ?? model;
      const v = resume?.view ?? view;
      const range = resume ? resume.range : part && 'range' in part ? part.range : undefined;
      const end = await primary.analyse(
        file,
        {
          model: m,
          view: v,
          priorFrames: resume?.frames,
          range,
          captureFps: captureFps.current ?? undefined,
          // a long clip is not analysed whole unless the user says so
          askAboveS: resume || part || !askLongClips.current ? undefined : LONG_CLIP_S,
          onCheckpoint: (frames, totalFrames) => {
            const now = performance.now();
            if (now - lastDraft.current < 2000) return;
            lastDraft.current = now;
            void saveDraft({ fileName: file.name, fileSize: file.size, model: m, view: v, patientLabel, date: sessionDate, totalFrames, frames: frames.slice(), savedAt: new Date().toISOString(), range }).catch(() => {
              /* a draft that cannot be saved (storage full) only loses the resume option */
            });
          },
        },
        () => Object.assign(hook.current, { phase: 'running', result: null, error: null, summary: null }),
      );
      if (!end) return;
      await clearDraft().catch(() => {});
      runs.current++;
      Object.assign(hook.current, { ...end, runs: runs.current });
    },
    [primary, model, view, patientLabel, sessionDate],
  );
  const resume = (file: File) => {
    if (!draft) return;
    if (file.name !== draft.fileName || file.size !== draft.fileSize) {
      setDraftProblem(`That is not the interrupted clip: choose "${draft.fileName}" (${(draft.fileSize / 1024 ** 2).toFixed(1)} MB).`);
      return;
    }
    setPatientLabel(draft.patientLabel);
    setSessionDate(draft.date);
    void analyse(file, draft);
  };

  const analyseSecond = useCallback(
    async (file: File) => {
      hook.current.second = { phase: 'running', result: null, error: null, summary: null };
      const end = await second.analyse(file, { model, view });
      if (end) hook.current.second = end;
    },
    [second, model, view],
  );

  const pendingSecond = useRef<SavedClip | null>(null);
  const [pendingTick, setPendingTick] = useState(0);
  /** Two saved records shown as before / after: the "after" record's id (its clip is the second); saving then makes a new record. */
  const [comparedWith, setComparedWith] = useState<string | null>(null);
  /** A record's clips are still being loaded: the save card waits (it would save the previous second clip with this record). */
  const [loadingSaved, setLoadingSaved] = useState(false);
  /** Bumped by every record opened: the save card starts afresh from that record (its video choice, no old message). */
  const [openedCount, setOpenedCount] = useState(0);
  /** Shows saved analyses without running the model: `first` in the main view, `other` (if any) beside it — from `otherOwner` when it is another record. */
  const showSaved = useCallback(
    async (owner: PatientRecord, first: SavedClip, other: SavedClip | null, otherOwner: PatientRecord | null = null) => {
      setPatientLabel(owner.patientLabel);
      setSessionDate(owner.date);
      setNotes(owner.notes);
      setRecordId(owner.id);
      setComparedWith(otherOwner?.id ?? null);
      setOpenedCount((n) => n + 1);
      setLoadingSaved(true);
      try {
        await primary.load(first.result, first.video, first.corrections);
      } finally {
        if (!other) setLoadingSaved(false);
      }
      runs.current++;
      Object.assign(hook.current, { phase: 'done', result: first.result, error: null, summary: null, runs: runs.current });
      if (other) {
        // the second worker exists once wantSecond is set; the effect below loads into it when it is ready
        pendingSecond.current = other;
        setWantSecond(true);
        setPendingTick((t) => t + 1);
      } else setWantSecond(false);
    },
    [primary],
  );
  const openRecord = useCallback(
    async (id: string) => {
      setOpenProblem(null);
      const rec = await getRecord(id);
      if (!rec || rec.clips.length === 0) return setOpenProblem('This record no longer exists.');
      await showSaved(rec, await savedClip(rec, 0), rec.clips[1] ? await savedClip(rec, 1) : null);
    },
    [showSaved],
  );
  useEffect(() => {
    const p = pendingSecond.current;
    if (!p || !second.ready) return;
    pendingSecond.current = null;
    void second
      .load(p.result, p.video, p.corrections)
      .then(() => {
        hook.current.second = { phase: 'done', result: p.result, error: null, summary: null };
      })
      .finally(() => setLoadingSaved(false));
  }, [second.ready, second.load, pendingTick]);

  /** Two records of one patient, the earlier as "before": their first clips side by side (comparison view). */
  const compareRecords = useCallback(
    async (beforeId: string, afterId: string) => {
      setOpenProblem(null);
      const [b, a] = await Promise.all([getRecord(beforeId), getRecord(afterId)]);
      if (!b || !a) return setOpenProblem('One of the two records no longer exists.');
      await showSaved(b, await savedClip(b, 0), await savedClip(a, 0), a);
    },
    [showSaved],
  );

  const cancel = primary.cancel;
  const running = phase === 'running';
  /** Before the first clip (or after one failed): the filming guide and the sample clip beside the drop zone. */
  const firstScreen = phase === 'idle' || phase === 'error';
  const reportShown = phase === 'done' && !!analysis && !!clip;
  /** Runs `go` now, or — when the report shown has unsaved work — once the user confirms. */
  const guarded = (what: string, go: () => void) => {
    if (reportShown && unsaved) setPendingReplace({ what, go });
    else go();
  };
  // leaving the page with unsaved work asks first (the browser's own prompt)
  useEffect(() => {
    if (!(reportShown && unsaved)) return;
    const onLeave = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onLeave);
    return () => window.removeEventListener('beforeunload', onLeave);
  }, [reportShown, unsaved]);
  const dropNew = (f: File) => guarded(`analyse "${f.name}"`, () => void analyse(f));

  const options = <AnalysisOptions model={model} view={view} disabled={running} onModel={setModel} onView={setView} />;
  const session = <SessionFields patientLabel={patientLabel} onPatientLabelChange={setPatientLabel} date={sessionDate} onDateChange={setSessionDate} />;
  const records = (
    <RecordsPanel
      open={recordsOpen}
      onOpenChange={setRecordsOpen}
      refreshKey={recordsKey}
      onOpen={(id) => guarded('open another record', () => void openRecord(id))}
      onCompare={(b, a) => guarded('open two records side by side', () => void compareRecords(b, a))}
    />
  );
  const poseTrack = summary && (phase === 'done' || (phase === 'error' && error?.code !== 'long-clip')) && (
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
  );
  return (
    <div className="app">
      <header className="topbar">
        <h1>
          Stride<span>Scope</span>
        </h1>
        <p className="tagline">Running gait from a phone video — analysed on this device, never uploaded.</p>
      </header>
      <main className={reportShown ? 'report-mode' : 'start-mode'}>
        {draft && phase !== 'running' && (
          <div className="banner warn" role="status" data-testid="draft-banner">
            An analysis of <strong>{draft.fileName}</strong>{draft.patientLabel ? ` (${draft.patientLabel})` : ''} was interrupted at frame {draft.frames.length} of{' '}
            {draft.totalFrames || '?'}. <button type="button" onClick={() => resumeInput.current?.click()} data-testid="draft-resume">Resume: choose the same video…</button>{' '}
            <button type="button" onClick={() => void clearDraft().then(() => setDraft(null))} data-testid="draft-discard">Discard</button>
            <HiddenFileInput ref={resumeInput} testId="resume-input" onFile={resume} />
            {draftProblem && <p data-testid="draft-problem">{draftProblem}</p>}
          </div>
        )}
        {pendingReplace && (
          <div className="banner warn unsaved-confirm" role="alertdialog" aria-label="Unsaved work" data-testid="unsaved-confirm">
            <strong>This report has changes that are not saved</strong> (notes or hand corrections). To {pendingReplace.what}, the report is replaced.{' '}
            <button
              type="button"
              className="primary"
              onClick={() => {
                setPendingReplace(null);
                document.querySelector('[data-testid=save-record]')?.scrollIntoView({ block: 'center' });
              }}
              data-testid="unsaved-save-first"
            >
              Save it first
            </button>{' '}
            <button
              type="button"
              onClick={() => {
                const p = pendingReplace;
                setPendingReplace(null);
                setUnsaved(false);
                p.go();
              }}
              data-testid="unsaved-discard"
            >
              Replace it without saving
            </button>{' '}
            <button type="button" onClick={() => setPendingReplace(null)} data-testid="unsaved-keep">
              Keep the report
            </button>
          </div>
        )}
        {!reportShown && !running && records}
        {openProblem && (
          <div className="banner error" role="alert">
            {openProblem}
          </div>
        )}
        {modelsProblem && (
          <div className="banner error" role="alert" data-testid="models-missing">
            {modelsProblem}
          </div>
        )}
        {running ? (
          <section className="running-view" aria-label="Analysis in progress" data-testid="running-view">
            <h2 className="section-title">Analysing {primary.fileName ? `“${primary.fileName}”` : 'the clip'} on this device</h2>
            {progress && <ProgressBar progress={progress} onCancel={cancel} />}
            <div className="running-cols">
              <div className="running-side">
                {clip && <ClipCard clip={clip} backend={summary?.backend ?? null} model={MODEL_LABELS[model]} />}
                {session}
              </div>
              {live && clip && <LivePreview live={live} clip={clip} progress={progress} />}
            </div>
          </section>
        ) : reportShown ? (
          <div className="report-bar">
            <DropZone onFile={dropNew} disabled={running || !primary.ready} compact />
            {session}
            {!wantSecond && (
              <nav className="report-nav" aria-label="Report sections">
                <a href="#report-findings">Findings</a>
                {analysis.activity !== 'none' && <a href="#report-measures">Measures</a>}
                <a href="#report-player">Player</a>
                {analysis.flags.length > 0 && <a href="#report-flags">Flagged frames</a>}
                {analysis.activity !== 'none' && <a href="#report-export">Export</a>}
                <a href="#report-save">Save</a>
              </nav>
            )}
          </div>
        ) : (
          <>
            <div className={firstScreen ? 'start first-screen' : 'start'}>
              <div className="start-main">
                <DropZone onFile={dropNew} disabled={running || !primary.ready} compact={!firstScreen} />
                {error?.code === 'long-clip' && clip && longClip && (
                  <LongClipChooser clip={clip} message={error.message} onChoose={(choice) => void analyse(longClip, undefined, choice)} />
                )}
                {error && error.code !== 'long-clip' && <ErrorBanner error={error} testId="error" />}
                {firstScreen && <SampleClipButton onFile={dropNew} disabled={running || !primary.ready} />}
                {options}
              </div>
              {firstScreen && <FilmingGuide />}
            </div>
            {session}
          </>
        )}
        {phase === 'done' && summary && summary.framesWithPose === 0 && (summary.clip.decodedFrameCount ?? 0) > 0 && (
          <div className="banner warn" role="status" data-testid="no-person">
            <strong>No person was found in this clip, so there is nothing to measure.</strong>
            <p>
              Check that this is the right clip. StrideScope needs one runner in good light with the whole body in the picture, head to feet: film from
              the side (or from behind) with the phone still, at hip height, 3–5 m away.
            </p>
          </div>
        )}
        {phase === 'cancelled' && (
          <p className="banner" role="status" data-testid="cancelled">
            Analysis cancelled. Choose a clip to start again.
          </p>
        )}
        {!reportShown && !running && (clip || poseTrack) && (
          <div className="grid">
            {clip && <ClipCard clip={clip} backend={summary?.backend ?? null} model={MODEL_LABELS[model]} />}
            {poseTrack}
          </div>
        )}
        {phase === 'done' && clip && frames.length > 0 && !wantSecond && (analysis ? <ConsultView analysis={analysis} clip={clip} frames={frames} getFrame={getFrame} result={primary.result} patientLabel={patientLabel} date={sessionDate} notes={notes} edit={edit} anchors /> : <LonePlayer clip={clip} frames={frames} getFrame={getFrame} />)}
        {phase === 'done' && primary.result && analysis && (
          <div id="report-save">
            <SaveRecord
              key={openedCount}
              clips={[
                { result: primary.result, video: primary.file, corrections: primary.corrections },
                ...(wantSecond && second.phase === 'done' && second.result ? [{ result: second.result, video: second.file, corrections: second.corrections }] : []),
              ]}
              patientLabel={patientLabel}
              onPatientLabelChange={setPatientLabel}
              date={sessionDate}
              onDateChange={setSessionDate}
              notes={notes}
              onNotesChange={setNotes}
              recordId={recordId}
              comparedWith={comparedWith}
              settling={loadingSaved || primary.reanalysing || second.reanalysing}
              onSaved={(id) => {
                setRecordId(id);
                setComparedWith(null);
                setRecordsKey((k) => k + 1);
              }}
              onUnsavedChange={setUnsaved}
            />
          </div>
        )}
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
        {reportShown && (
          <section className="about-clip" aria-label="About this clip and its analysis">
            <h2 className="section-title">About this clip and its analysis</h2>
            <div className="grid">
              {clip && <ClipCard clip={clip} backend={summary?.backend ?? null} model={MODEL_LABELS[model]} />}
              {poseTrack}
            </div>
            {records}
            {options}
          </section>
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
