import { useCallback, useMemo, useState } from 'react';
import type { GaitAnalysis } from '../../core/analysis';
import type { ClipInfo, PoseFrame } from '../../core/types';
import { DropZone } from '../DropZone';
import { ErrorBanner } from '../ErrorBanner';
import { ProgressBar } from '../ProgressBar';
import type { ClipRun } from '../useClipRun';
import { matchingFrame, measureDeltas, pairKind } from './compareModel';
import { ConsultView } from './ConsultView';

export interface AnalysedClip {
  label: string;
  clip: ClipInfo;
  frames: readonly PoseFrame[];
  analysis: GaitAnalysis;
  getFrame(i: number, side: number): Promise<ImageBitmap | null>;
}

function fmt(v: number | null, digits: number): string {
  return v === null ? '—' : v.toFixed(digits);
}

function DeltaTable({ before, after, labels }: { before: GaitAnalysis; after: GaitAnalysis; labels: [string, string] }) {
  const rows = measureDeltas(before, after);
  return (
    <section className="card delta-card" aria-label="Changes between the two sessions" data-testid="deltas">
      <h2>Before → after</h2>
      <table className="delta-table">
        <thead>
          <tr>
            <th scope="col">measure</th>
            <th scope="col" title={labels[0]}>
              before
            </th>
            <th scope="col" title={labels[1]}>
              after
            </th>
            <th scope="col">change</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-testid={`delta-${r.id}`}>
              <th scope="row">
                {r.label} <span className="mc-unit">({r.unit === 'deg' ? '°' : r.unit})</span>
                {r.estimate && <span className="badge">estimate</span>}
                <span className="mc-event"> {r.event}</span>
              </th>
              <td>{fmt(r.before, r.digits)}</td>
              <td>{fmt(r.after, r.digits)}</td>
              <td className={r.delta === null ? '' : r.delta > 0 ? 'up' : r.delta < 0 ? 'down' : ''}>
                <span data-testid="delta-value">{r.delta === null ? '—' : `${r.delta > 0 ? '+' : ''}${r.delta.toFixed(r.digits)}`}</span>
                {r.delta !== null && r.sure !== 'high' ? (
                  <span className={`delta-sure sure-${r.sure}`} title={r.sureWhy}>
                    {' '}
                    (how sure: {r.sure})
                  </span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="caveat">Changes are between two 2-D estimates, each with its own error: small changes may be noise. Not a diagnosis.</p>
    </section>
  );
}

/** Two clips on one page: a side and a back view of one session, or two sessions (before / after) with deltas. */
export function CompareView({
  first,
  secondRun,
  onSecondFile,
  onClose,
}: {
  first: AnalysedClip;
  secondRun: ClipRun;
  onSecondFile(f: File): void;
  onClose(): void;
}) {
  const [frameA, setFrameA] = useState(0);
  const [frameB, setFrameB] = useState(0);
  const [linked, setLinked] = useState(true);
  const [active, setActive] = useState<0 | 1>(0);
  const s = secondRun;
  const second: AnalysedClip | null =
    s.phase === 'done' && s.clip && s.analysis && s.frames.length ? { label: s.fileName ?? 'second clip', clip: s.clip, frames: s.frames, analysis: s.analysis, getFrame: s.getFrame } : null;
  const kind = second ? pairKind(first.analysis, second.analysis) : null;
  const canLink = kind === 'sessions' && first.analysis.events.length > 0 && second!.analysis.events.length > 0;
  const onA = useCallback(
    (f: number) => {
      setFrameA(f);
      if (canLink && linked && second) setFrameB(matchingFrame(first.analysis, second.analysis, f));
    },
    [canLink, linked, second, first.analysis],
  );
  const onB = useCallback(
    (f: number) => {
      setFrameB(f);
      if (canLink && linked && second) setFrameA(matchingFrame(second.analysis, first.analysis, f));
    },
    [canLink, linked, second, first.analysis],
  );
  const heading = useMemo(() => (kind === 'views' ? 'Side and back view of one session' : kind === 'sessions' ? 'Two sessions: before and after' : 'Second clip'), [kind]);
  return (
    <section className="compare" aria-label="Two clips" data-testid="compare-view" data-kind={kind ?? ''}>
      <div className="compare-head">
        <h2>{heading}</h2>
        {canLink && (
          <label>
            <input type="checkbox" checked={linked} onChange={(e) => setLinked(e.target.checked)} data-testid="link-players" /> move both players together, aligned at
            matching contacts and toe-offs
          </label>
        )}
        <button type="button" onClick={onClose}>
          Back to one clip
        </button>
      </div>
      {!second && (
        <div className="compare-add">
          {s.phase === 'running' && s.progress ? (
            <ProgressBar progress={s.progress} onCancel={s.cancel} />
          ) : (
            <DropZone
              onFile={onSecondFile}
              disabled={!s.ready || s.phase === 'running'}
              compact={false}
              inputTestId="file-input-2"
              title="Drop the second clip: the same runner from behind or from the side, or another session to compare"
            />
          )}
          {s.error && <ErrorBanner error={s.error} testId="error-2" />}
        </div>
      )}
      {second && kind === 'sessions' && <DeltaTable before={first.analysis} after={second.analysis} labels={[first.label, second.label]} />}
      <div className={`compare-cols${second ? ' two' : ''}`}>
        {[first, second].map((c, i) =>
          c ? (
            <div key={i} className="compare-col" onFocusCapture={() => setActive(i as 0 | 1)} onPointerDownCapture={() => setActive(i as 0 | 1)} data-testid={`compare-col-${i}`}>
              <h3 className="compare-label">
                {kind === 'sessions' ? (i === 0 ? 'Before: ' : 'After: ') : ''}
                {c.label} · {c.analysis.view.view} view
              </h3>
              <ConsultView
                analysis={c.analysis}
                clip={c.clip}
                frames={c.frames}
                getFrame={c.getFrame}
                frame={i === 0 ? frameA : frameB}
                onFrame={i === 0 ? onA : onB}
                active={active === i}
              />
            </div>
          ) : null,
        )}
      </div>
    </section>
  );
}
