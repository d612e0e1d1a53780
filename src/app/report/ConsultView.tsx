import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { GaitAnalysis, ManualEvent } from '../../core/analysis';
import type { AnalyzeResult, ClipInfo, PoseFrame } from '../../core/types';
import { ExportBar } from '../export/ExportBar';
import { Player } from '../Player';
import { FlagStrip } from './FlagStrip';
import { ReportOverview } from './ReportOverview';
import { SummaryCards } from './SummaryCards';
import { measureCards } from './summaryModel';
import { Timeline } from './Timeline';
import { buildTimelineModel, type EventMark } from './timelineModel';
import { canEditEvents, EventEditor, SELECTION_HOLD_FRAMES, type EditController } from './EventEditor';
import { SlowMotionPanel } from './SlowMotionPanel';
import { timeScaleWords } from '../format';
import { detectedOf, diffEvents, diffWords, moveEvent, sameEvent } from './eventEdits';
import { playbackFps } from '../reanalyze';

/**
 * The report for one analysed clip, in the order a clinician reads it: what was found (and how sure, and where to
 * look), every measure, then the player with the timeline (and the event editor), the flagged frames, the exports.
 */
export function ConsultView({
  analysis,
  clip,
  frames,
  getFrame,
  frame: frameProp,
  onFrame,
  active = true,
  result = null,
  patientLabel = '',
  date = '',
  notes = '',
  edit = null,
  anchors = false,
}: {
  analysis: GaitAnalysis;
  clip: ClipInfo;
  frames: readonly PoseFrame[];
  getFrame(i: number, side: number): Promise<ImageBitmap | null>;
  /** Controlled frame (two clips on one page move together); uncontrolled when absent. */
  frame?: number;
  onFrame?(frame: number): void;
  /** Keyboard shortcuts act on this clip's player. */
  active?: boolean;
  /** The whole run (JSON export). */
  result?: AnalyzeResult | null;
  /** Printed on stills and reports. */
  patientLabel?: string;
  date?: string;
  /** The clinician's notes (printed on the PDF report). */
  notes?: string;
  /** The page's main report: its sections carry ids the page's section links point to. */
  anchors?: boolean;
  /** Hand corrections (events, capture rate): the editor and the slow-motion panel; absent: read-only. */
  edit?: EditController | null;
}) {
  const [ownFrame, setOwnFrame] = useState(0);
  const root = useRef<HTMLDivElement>(null);
  const playerArea = useRef<HTMLDivElement>(null);
  const frame = frameProp ?? ownFrame;
  const setFrame = onFrame ?? setOwnFrame;
  const model = useMemo(() => buildTimelineModel(analysis), [analysis]);
  const cards = useMemo(() => measureCards(analysis), [analysis]);
  // real time: a slow-motion clip with its capture rate given runs timeScale.factor real seconds per clip second
  const factor = analysis.timeScale?.factor ?? 1;
  const timeMs = useMemo(() => {
    const t0 = frames[0]?.timestampUs ?? 0;
    return frames.map((f) => ((f.timestampUs - t0) / 1000) * factor);
  }, [frames, factor]);
  const seek = useCallback((f: number) => setFrame(Math.max(0, Math.min(frames.length - 1, f))), [frames.length, setFrame]);
  /** Opens a frame in the player and brings the player into view (thumbnails are far from it, above or below). */
  const openFrame = useCallback(
    (f: number) => {
      seek(f);
      const el = playerArea.current;
      if (!el) return;
      const r = el.getBoundingClientRect();
      if (r.top < 0 || r.top > window.innerHeight * 0.5) {
        const smooth = !window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
        el.scrollIntoView({ behavior: smooth ? 'smooth' : 'auto', block: 'start' });
      }
    },
    [seek],
  );
  const hasChart = analysis.activity !== 'none' && model.panels.length > 0;
  const prominentSlowMotion = analysis.slowMotion.suspected || !!analysis.timeScale || !!clip.slowMotionHint;

  // hand corrections
  const editable = !!edit && canEditEvents(analysis);
  const [selected, setSelected] = useState<ManualEvent | null>(null);
  const list = edit?.corrections.events ?? null;
  const working = useMemo(() => list ?? detectedOf(analysis), [list, analysis]);
  // a selection holds while its event is in the editor's strip around the frame shown (so it can be stepped to its
  // right frame and moved there); going further away — another event, the timeline, a flagged frame, playing — lets it
  // go, so Move and Delete are never armed on an event the clinician no longer sees. Jumping to an event (Shift+→,
  // ⇤ ⇥) does not select it: selecting is always a deliberate act (a click on a mark, E).
  useEffect(() => {
    if (selected && Math.abs(frame - selected.frame) > SELECTION_HOLD_FRAMES) setSelected(null);
  }, [frame, selected]);
  const onSelectEvent = useCallback((e: EventMark) => setSelected({ type: e.type, foot: e.foot, frame: e.frame }), []);
  const onMoveEvent = useCallback(
    (e: EventMark, to: number) => {
      if (!edit) return;
      const ev = { type: e.type, foot: e.foot, frame: e.frame };
      const r = moveEvent(working, ev, to, frames.length);
      if (r.moved.frame === ev.frame) return;
      edit.correct({ ...edit.corrections, events: r.list });
      setSelected(r.moved);
      seek(r.moved.frame);
    },
    [edit, working, frames.length, seek],
  );
  const selectedNow = selected && working.some((e) => sameEvent(e, selected)) ? selected : null;
  const diff = useMemo(() => (analysis.eventsCorrected ? diffEvents(detectedOf(analysis), analysis.events) : null), [analysis]);
  const slowMotion = edit ? (
    <SlowMotionPanel
      analysis={analysis}
      clip={clip}
      playbackFps={playbackFps(clip)}
      captureFps={edit.corrections.captureFps}
      busy={edit.reanalysing}
      onApply={(captureFps) => edit.correct({ ...edit.corrections, captureFps })}
    />
  ) : null;
  return (
    <div className="consult" data-testid="consult-view" ref={root}>
      {prominentSlowMotion && slowMotion}
      {!edit && analysis.timeScale && (
        <p className="banner" data-testid="time-scale-note">
          Slow motion: {timeScaleWords(analysis.timeScale)}; times are real time.
        </p>
      )}
      {analysis.eventsCorrected && diff && (
        <div className="banner corrected" role="status" data-testid="corrected-banner">
          <strong>✎ Events corrected by hand</strong>: {diffWords(diff)} of the {detectedOf(analysis).length} detected ({analysis.events.length} used now). Every measure,
          flag and export below is computed from the corrected events; the detected ones show as faint dashed marks on the timeline.{' '}
          {edit && (
            <>
              <button type="button" disabled={!edit.canUndo} onClick={edit.undo} data-testid="banner-undo">
                Undo
              </button>{' '}
              <button type="button" onClick={() => edit.correct({ ...edit.corrections, events: null })} data-testid="banner-reset">
                Reset to detected
              </button>
            </>
          )}
        </div>
      )}
      <div id={anchors ? 'report-findings' : undefined}>
        <ReportOverview analysis={analysis} cards={cards} clip={clip} frames={frames} getFrame={getFrame} onOpen={openFrame} />
      </div>
      {analysis.activity !== 'none' && (
        <div id={anchors ? 'report-measures' : undefined}>
          <SummaryCards analysis={analysis} cards={cards} clip={clip} frames={frames} getFrame={getFrame} onOpen={openFrame} />
        </div>
      )}
      <div className={`consult-main${editable ? ' editing' : ''}`} ref={playerArea} data-testid="player-area" id={anchors ? 'report-player' : undefined}>
        <Player
          clip={clip}
          frames={frames}
          getFrame={getFrame}
          index={frame}
          onIndex={seek}
          events={model.events}
          stances={model.stances}
          groundTiltDeg={analysis.quality.groundTiltDeg}
          active={active}
          timeFactor={factor}
        />
        {editable && edit && (
          <EventEditor
            analysis={analysis}
            frame={frame}
            frameCount={frames.length}
            onSeek={seek}
            selected={selectedNow}
            onSelect={setSelected}
            edit={edit}
            active={active}
          />
        )}
        {hasChart && (
          <section className="card timeline-card" aria-label="Timeline">
            <h2>Over the clip</h2>
            <p className="legend">
              ▼ initial contact · ▲ toe-off · bars = foot on the ground
              {model.flags.length ? (
                <>
                  {' '}
                  · <span className="swatch flag" /> flagged frames (click to open)
                </>
              ) : null}{' '}
              · drag in the strip below to zoom
              {editable ? ' · click a contact or toe-off to select it, drag it to move it (zoom in first to place it to the frame)' : ''}
              {model.detected.length ? ' · dashed outlines: the detected events' : ''}
              {factor !== 1 ? ' · time axis in real time' : ''}
            </p>
            {model.summarised.map((s) => (
              <p className="legend tl-summarised" key={s.kind} data-testid="flags-summarised">
                <span className="swatch flag" /> {s.title} at {s.flagged} of {s.of} {s.kind === 'extension-at-toe-off' ? 'toe-offs' : 'contacts'}: nearly every one, so
                not highlighted one by one — the strongest are under "Flagged frames".
              </p>
            ))}
            <Timeline
              model={model}
              frame={frame}
              timeMs={timeMs}
              onSeek={seek}
              clipKey={frames}
              editable={editable}
              selected={selectedNow}
              onSelectEvent={editable ? onSelectEvent : undefined}
              onMoveEvent={editable ? onMoveEvent : undefined}
            />
          </section>
        )}
      </div>
      <div id={anchors ? 'report-flags' : undefined}>
        <FlagStrip analysis={analysis} frames={frames} clip={clip} getFrame={getFrame} current={frame} onOpen={openFrame} />
      </div>
      {analysis.activity !== 'none' && (
        <div id={anchors ? 'report-export' : undefined}>
          <ExportBar clip={clip} frames={frames} analysis={analysis} result={result} frame={frame} getFrame={getFrame} patientLabel={patientLabel} date={date} notes={notes} />
        </div>
      )}
      {!prominentSlowMotion && slowMotion}
    </div>
  );
}
