import { useCallback, useMemo, useRef, useState } from 'react';
import type { GaitAnalysis } from '../../core/analysis';
import type { AnalyzeResult, ClipInfo, PoseFrame } from '../../core/types';
import { ExportBar } from '../export/ExportBar';
import { Player } from '../Player';
import { FlagStrip } from './FlagStrip';
import { SummaryCards } from './SummaryCards';
import { Timeline } from './Timeline';
import { buildTimelineModel } from './timelineModel';

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
}) {
  const [ownFrame, setOwnFrame] = useState(0);
  const root = useRef<HTMLDivElement>(null);
  const frame = frameProp ?? ownFrame;
  const setFrame = onFrame ?? setOwnFrame;
  const model = useMemo(() => buildTimelineModel(analysis), [analysis]);
  const timeMs = useMemo(() => {
    const t0 = frames[0]?.timestampUs ?? 0;
    return frames.map((f) => (f.timestampUs - t0) / 1000);
  }, [frames]);
  const seek = useCallback((f: number) => setFrame(Math.max(0, Math.min(frames.length - 1, f))), [frames.length, setFrame]);
  const hasChart = analysis.activity !== 'none' && model.panels.length > 0;
  return (
    <div className="consult" data-testid="consult-view" ref={root}>
      {analysis.activity !== 'none' && <SummaryCards analysis={analysis} />}
      <div className="consult-main">
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
        />
        {hasChart && (
          <section className="card timeline-card" aria-label="Timeline">
            <h2>Over the clip</h2>
            <p className="legend">
              ▼ initial contact · ▲ toe-off · bars = foot on the ground · <span className="swatch flag" /> flagged frames (click to open) · drag in the strip
              below to zoom
            </p>
            <Timeline model={model} frame={frame} timeMs={timeMs} onSeek={seek} />
          </section>
        )}
      </div>
      <FlagStrip analysis={analysis} frames={frames} clip={clip} getFrame={getFrame} current={frame} onSeek={seek} />
      {analysis.activity !== 'none' && (
        <ExportBar clip={clip} frames={frames} analysis={analysis} result={result} frame={frame} getFrame={getFrame} patientLabel={patientLabel} date={date} chartSvg={() => root.current?.querySelector('.timeline svg') ?? null} />
      )}
    </div>
  );
}
