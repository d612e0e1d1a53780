import { useMemo } from 'react';
import type { GaitAnalysis } from '../../core/analysis';
import type { ClipInfo, PoseFrame } from '../../core/types';
import { timeScaleWords } from '../format';
import { describeSegment } from '../../core/analysis/segmentAnalysis';
import { detectedOf, diffEvents, diffWords } from './eventEdits';
import { framesToLookAt, overviewOf } from './findingsModel';
import { FrameThumb } from './FrameThumb';
import { Sure } from './Sure';
import { coverageOf, type MeasureCard } from './summaryModel';
import './report.css';

/**
 * The report's first screen: what was found (one sentence per pattern, with its count, share and how sure), what the
 * counts count, how many measures were measured, the advice that matters, and the three or four frames that show the
 * finding best — a click opens one in the player.
 */
export function ReportOverview({
  analysis: a,
  cards,
  clip,
  frames,
  getFrame,
  onOpen,
}: {
  analysis: GaitAnalysis;
  cards: readonly MeasureCard[];
  clip: ClipInfo;
  frames: readonly PoseFrame[];
  getFrame(i: number, side: number): Promise<ImageBitmap | null>;
  onOpen(frame: number): void;
}) {
  const o = useMemo(() => overviewOf(a), [a]);
  const look = useMemo(() => framesToLookAt(a), [a]);
  const coverage = useMemo(() => coverageOf(cards), [cards]);
  const flagged = a.flags.length > 0;
  // what changes how the report is read comes first: warnings, errors, and whose data this is (another person in view);
  // tips for a better clip sit under the measures
  const serious = a.advice.filter((x) => x.severity !== 'info' || x.code === 'other-person' || x.code === 'slow-motion');
  return (
    <section className={`card overview${o.findings.some((f) => f.present) ? ' flagged' : ''}`} aria-label="What StrideScope found" data-testid="report-overview">
      <div className="ov-text">
        <h2>What StrideScope found</h2>
        <div className="ov-about" data-testid="gait-headline">
          <p className="ov-clip">{a.headline[0]}</p>
          {a.timeScale && (
            <p className="ov-clip" data-testid="headline-time-scale">
              Slow motion: {timeScaleWords(a.timeScale)}; every time is real time.
            </p>
          )}
          <SegmentsNote analysis={a} onOpen={onOpen} />
          {a.eventsCorrected && (
            <p className="ov-clip corrected-line" data-testid="headline-corrected">
              ✎ Events corrected by hand ({diffWords(diffEvents(detectedOf(a), a.events))}): every figure is computed from them.
            </p>
          )}
          {serious.length > 0 && (
            <ul className="advice ov-advice">
              {serious.map((x) => (
                <li key={x.code} className={`advice-${x.severity}`}>
                  {x.message}
                </li>
              ))}
            </ul>
          )}
        </div>
        <p className="ov-verdict" data-testid="overview-verdict">
          {o.verdict}
        </p>
        {o.findings.length > 0 && (
          <ul className="ov-findings" data-testid="pattern-finding">
            {o.findings.map((f) => (
              <li key={f.id} className={f.flagged ? 'seen' : 'not-seen'} data-testid={`finding-${f.id}`}>
                <span className="ov-mark" aria-hidden="true">
                  {f.present ? '●' : f.flagged ? '◐' : '○'}
                </span>
                <span>
                  <strong>{f.title}</strong> {f.sentence} <Sure sure={f.sure} testId={`finding-sure-${f.id}`} />
                </span>
              </li>
            ))}
          </ul>
        )}
        {o.judged && !flagged && a.activity === 'running' && (
          <p className="nothing-flagged" data-testid="nothing-flagged">
            Nothing was flagged in this clip: no frame is highlighted.
          </p>
        )}
        <ul className="ov-counts" data-testid="event-counts">
          {o.counts.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
        {a.activity !== 'none' && (
          <p className="ov-counts" data-testid="measure-coverage">
            {coverage.sentence}
          </p>
        )}
        <p className="caveat">Every figure is a 2-D estimate from one video, with how sure it is — not a diagnosis.</p>
      </div>
      {look.length > 0 && (
        <div className="ov-look" aria-label="Frames to look at">
          <h3>{flagged ? 'Where to look' : 'Typical frames'}</h3>
          <ul>
            {look.map((r) => (
              <li key={`${r.frame}-${r.title}`}>
                <button type="button" onClick={() => onOpen(r.frame)} data-testid="look-thumb" data-frame={r.frame} aria-label={`Open frame ${r.frame}: ${r.title}, ${r.detail}`}>
                  <FrameThumb frame={r.frame} pose={frames[r.frame]} clip={clip} getFrame={getFrame} width={150} crop />
                  <span className="look-title">{r.title}</span>
                  <span className="look-detail">
                    frame {r.frame} · {r.detail}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

/** A clip of several parts (cuts, slow motion inside the clip): each part, its speed, and which one the figures are from. */
function SegmentsNote({ analysis: a, onOpen }: { analysis: GaitAnalysis; onOpen(frame: number): void }) {
  const segments = a.segments ?? [];
  if (segments.length < 2) return null;
  return (
    <div className="ov-segments" data-testid="segments">
      <p className="ov-clip">
        This clip has {segments.length} parts, each read on its own time scale. Every figure below is from the part marked ★.
      </p>
      <ul>
        {segments.map((s) => (
          <li key={s.startFrame} data-testid="segment" className={s.primary ? 'primary' : undefined}>
            <button type="button" className="linkish" onClick={() => onOpen(s.startFrame)} title={`Open frame ${s.startFrame}`}>
              {s.primary ? '★ ' : ''}
              {describeSegment(s)}
            </button>
            {s.startsWith === 'cut' ? ' (after a cut)' : ''}: {s.used ? `running, ${s.cadence} steps/min, ${s.strides} strides` : `left out — ${s.reason}`}
            {s.speedFrom === 'repeated-frames' ? ' · speed from its repeated frames; give the capture rate if it was filmed faster' : ''}
          </li>
        ))}
      </ul>
    </div>
  );
}
