import type { GaitAnalysis, Measure } from '../../core/analysis';
import type { ClipInfo, PoseFrame } from '../../core/types';
import { NARROW, useMediaQuery } from '../useMediaQuery';
import { FrameThumb } from './FrameThumb';
import { Sure } from './Sure';
import { strikeByFoot, type FrameRef, type MeasureCard } from './summaryModel';

function fmt(v: number | null, digits: number): string {
  return v === null || !Number.isFinite(v) ? '—' : v.toFixed(digits);
}

function MeasureValue({ m, digits, counts, unreliable }: { m: Measure; digits: number; counts: string; unreliable: boolean }) {
  if (m.value === null) return <p className="mc-none">Not measured: {m.reason ?? 'not measurable in this clip'}</p>;
  const unit = m.unit === 'deg' || m.unit === '°' ? '°' : ` ${m.unit}`;
  return (
    <>
      <p className={`mc-value${unreliable ? ' unreliable' : ''}`} data-testid="mc-value">
        {unreliable && <span className="mc-unreliable">unreliable </span>}
        {fmt(m.value, digits)}
        <span className="mc-unit">{unit}</span>
      </p>
      <p className="mc-detail">
        {m.n} {m.n === 1 ? counts.replace(/s$/, '') : counts}
        {m.iqr ? ` · most between ${fmt(m.iqr[0], digits)} and ${fmt(m.iqr[1], digits)}` : ''}
        {m.left !== null || m.right !== null ? ` · L ${fmt(m.left, digits)} / R ${fmt(m.right, digits)}` : ''}
      </p>
    </>
  );
}

type Frames = { clip: ClipInfo; frames: readonly PoseFrame[]; getFrame(i: number, side: number): Promise<ImageBitmap | null>; onOpen(frame: number): void };

function FrameButton({ r, f, testId }: { r: FrameRef; f: Frames; testId: string }) {
  return (
    <button type="button" className="mc-frame" onClick={() => f.onOpen(r.frame)} data-testid={testId} data-frame={r.frame} aria-label={`Open frame ${r.frame}: ${r.title}, ${r.detail}`}>
      <FrameThumb frame={r.frame} pose={f.frames[r.frame]} clip={f.clip} getFrame={f.getFrame} width={76} crop />
      <span>
        {r.title} · frame {r.frame}
        <br />
        {r.detail}
      </span>
    </button>
  );
}

function CardTitle({ c }: { c: MeasureCard }) {
  return (
    <>
      <h3>
        {c.label}
        {c.measure.estimate && (
          <span className="badge" title="Estimated from a model with one assumption, not measured directly: see the methods">
            estimate
          </span>
        )}
      </h3>
      <p className="mc-event">{c.event}</p>
    </>
  );
}

/** Every measure as a card (value, what it counts, spread, sides, meaning, how sure, caveat, reference, the frame that
 *  shows it), the strike pattern per foot, and the advice for a better clip. */
export function SummaryCards({ analysis, cards, ...f }: { analysis: GaitAnalysis; cards: readonly MeasureCard[] } & Frames) {
  const strikes = strikeByFoot(analysis);
  const side = analysis.view.view !== 'back';
  const narrow = useMediaQuery(NARROW);
  const tips = analysis.advice.filter((x) => x.severity === 'info' && x.code !== 'other-person' && x.code !== 'slow-motion');
  return (
    <section className="summary" aria-label="Measures" data-testid="report-summary">
      <h2 className="section-title">Measures</h2>
      <div className="measure-grid">
        {cards.map((c) => {
          const body = (
            <>
              <div className="mc-top">
                <div className="mc-main">
                  {!narrow && <CardTitle c={c} />}
                  <MeasureValue m={c.measure} digits={c.digits} counts={c.counts} unreliable={c.caveat !== null} />
                </div>
                {c.typical && !c.pair && <FrameButton r={c.typical} f={f} testId="measure-frame" />}
              </div>
              <p className="mc-meaning">{c.meaning}</p>
              {c.caveat && (
                <p className="mc-caveat" data-testid="mc-caveat">
                  Not to be trusted as it stands: {c.caveat}.
                </p>
              )}
              {c.pair && (
                <div className="mc-pair">
                  <FrameButton r={c.pair.most} f={f} testId="measure-frame-most" />
                  <FrameButton r={c.pair.least} f={f} testId="measure-frame-least" />
                </div>
              )}
              {c.reference && <p className="mc-ref">{c.reference}</p>}
              {c.measure.value !== null && !narrow && (
                <p className="mc-conf">
                  <Sure sure={c.sure} testId="measure-sure" />
                </p>
              )}
            </>
          );
          const cls = `card measure-card${c.caveat ? ' has-caveat' : ''}${c.measure.value === null ? ' not-measured' : ''}`;
          // on a phone each measure folds to one line (name, value, how sure): twelve cards would otherwise fill
          // several screens before the player
          return narrow ? (
            <details className={cls} key={c.id} data-testid={`measure-${c.id}`}>
              <summary className="mc-summary">
                <span className="mc-sum-label">{c.label}{c.measure.estimate ? ' (estimate)' : ''}</span>
                <span className="mc-sum-value">{c.measure.value === null ? 'not measured' : `${c.caveat ? 'unreliable ' : ''}${fmt(c.measure.value, c.digits)}${c.measure.unit === 'deg' ? '°' : ` ${c.measure.unit}`}`}</span>
                {c.measure.value !== null && <Sure sure={c.sure} testId="measure-sure" compact />}
              </summary>
              <p className="mc-event">{c.event}</p>
              {body}
            </details>
          ) : (
            <div className={cls} key={c.id} data-testid={`measure-${c.id}`}>
              {body}
            </div>
          );
        })}
        {side && analysis.summary.strike.reason === null && analysis.activity !== 'none' && (
          <div className="card strike-card" data-testid="strike-card">
            <h3>Foot strike, contacts per foot</h3>
            <table>
              <thead>
                <tr>
                  <th scope="col">foot</th>
                  <th scope="col">heel</th>
                  <th scope="col">midfoot</th>
                  <th scope="col">forefoot</th>
                  <th scope="col">unsure</th>
                </tr>
              </thead>
              <tbody>
                {(['left', 'right'] as const).map((foot) => (
                  <tr key={foot}>
                    <th scope="row" className={`side-${foot}`}>
                      {foot}
                      {analysis.view.nearSide === foot ? ' (near)' : analysis.view.nearSide ? ' (far)' : ''}
                    </th>
                    <td>{strikes[foot].heel}</td>
                    <td>{strikes[foot].midfoot}</td>
                    <td>{strikes[foot].forefoot}</td>
                    <td>{strikes[foot].undecided}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="mc-meaning">How each foot lands. "Unsure": the foot angle was within the noise of a band edge, so the contact is not classified.</p>
          </div>
        )}
      </div>
      {tips.length > 0 && (
        <div className="card advice-card" data-testid="advice">
          <h3>To get a better clip</h3>
          <ul className="advice">
            {tips.map((x) => (
              <li key={x.code}>{x.message}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
