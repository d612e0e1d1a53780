import { useCallback, useMemo, useRef, useState } from 'react';
import type { GaitAnalysis, ManualEvent } from '../../core/analysis';
import type { AnalyzeResult, ClipInfo, PoseFrame } from '../../core/types';
import { ExportBar } from '../export/ExportBar';
import { Player } from '../Player';
import { FlagStrip } from './FlagStrip';
import { SummaryCards } from './SummaryCards';
import { Timeline } from './Timeline';
import { buildTimelineModel, type EventMark } from './timelineModel';
import { canEditEvents, EventEditor, type EditController } from './EventEditor';
import { SlowMotionPanel } from './SlowMotionPanel';
import { timeScaleWords } from '../format';
import { detectedOf, diffEvents, diffWords, moveEvent, sameEvent } from './eventEdits';
import { playbackFps } from '../reanalyze';

/** The report for one analysed clip: summary, timeline synced with the player, flagged-frame strip. */
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
  /** Hand corrections (events, capture rate): the editor and the slow-motion panel; absent: read-only. */
  edit?: EditController | null;
}) {
  const [ownFrame, setOwnFrame] = useState(0);
  const root = useRef<HTMLDivElement>(null);
  const frame = frameProp ?? ownFrame;
  const setFrame = onFrame ?? setOwnFrame;
  const model = useMemo(() => buildTimelineModel(analysis), [analysis]);
  // real time: a slow-motion clip with its capture rate given runs timeScale.factor real seconds per clip second
  const factor = analysis.timeScale?.factor ?? 1;
  const timeMs = useMemo(() => {
    const t0 = frames[0]?.timestampUs ?? 0;
    return frames.map((f) => ((f.timestampUs - t0) / 1000) * factor);
  }, [frames, factor]);
  const seek = useCallback((f: number) => setFrame(Math.max(0, Math.min(frames.length - 1, f))), [frames.length, setFrame]);
  const hasChart = analysis.activity !== 'none' && model.panels.length > 0;

  // hand corrections
  const editable = !!edit && canEditEvents(analysis);
  const [selected, setSelected] = useState<ManualEvent | null>(null);
  const list = edit?.corrections.events ?? null;
  const working = useMemo(() => list ?? detectedOf(analysis), [list, analysis]);
  const onEventJump = useCallback((f: number) => setSelected(working.find((e) => e.frame === f) ?? null), [working]);
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
  const diff = useMemo(() => (analysis.eventsCorrected ? diffEvents(detectedOf(analysis), analysis.events) : null), [analysis]);
  return (
    <div className="consult" data-testid="consult-view" ref={root}>
      {edit && (
        <SlowMotionPanel
          analysis={analysis}
          clip={clip}
          playbackFps={playbackFps(clip)}
          captureFps={edit.corrections.captureFps}
          busy={edit.reanalysing}
          onApply={(captureFps) => edit.correct({ ...edit.corrections, captureFps })}
        />
      )}
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
      {analysis.activity !== 'none' && <SummaryCards analysis={analysis} />}
      <div className={`consult-main${editable ? ' editing' : ''}`}>
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
          onEventJump={editable ? onEventJump : undefined}
        />
        {editable && edit && (
          <EventEditor
            analysis={analysis}
            frame={frame}
            frameCount={frames.length}
            onSeek={seek}
            selected={selected && working.some((e) => sameEvent(e, selected)) ? selected : null}
            onSelect={setSelected}
            edit={edit}
            active={active}
          />
        )}
        {hasChart && (
          <section className="card timeline-card" aria-label="Timeline">
            <h2>Over the clip</h2>
            <p className="legend">
              ▼ initial contact · ▲ toe-off · bars = foot on the ground · <span className="swatch flag" /> flagged frames (click to open) · drag in the strip
              below to zoom{editable ? ' · click a contact or toe-off to select it, drag it to move it (zoom in first to place it to the frame)' : ''}
              {model.detected.length ? ' · dashed outlines: the detected events' : ''}
              {factor !== 1 ? ' · time axis in real time' : ''}
            </p>
            <Timeline
              model={model}
              frame={frame}
              timeMs={timeMs}
              onSeek={seek}
              clipKey={frames}
              editable={editable}
              selected={selected}
              onSelectEvent={editable ? onSelectEvent : undefined}
              onMoveEvent={editable ? onMoveEvent : undefined}
            />
          </section>
        )}
      </div>
      <FlagStrip analysis={analysis} frames={frames} clip={clip} getFrame={getFrame} current={frame} onSeek={seek} />
      {analysis.activity !== 'none' && (
        <ExportBar clip={clip} frames={frames} analysis={analysis} result={result} frame={frame} getFrame={getFrame} patientLabel={patientLabel} date={date} notes={notes} chartSvg={() => root.current?.querySelector('.timeline svg') ?? null} />
      )}
    </div>
  );
}
