import type { GaitAnalysis, Measure } from '../../core/analysis';
import { measureCards, patternFinding, strikeByFoot } from './summaryModel';

function fmt(v: number | null, digits: number): string {
  return v === null || !Number.isFinite(v) ? '—' : v.toFixed(digits);
}

function MeasureValue({ m, digits }: { m: Measure; digits: number }) {
  if (m.value === null) return <p className="mc-none">{m.reason ?? 'not measured'}</p>;
  const unit = m.unit === 'deg' || m.unit === '°' ? '°' : ` ${m.unit}`;
  return (
    <>
      <p className="mc-value">
        {fmt(m.value, digits)}
        <span className="mc-unit">{unit}</span>
      </p>
      <p className="mc-detail">
        {m.iqr ? `middle half ${fmt(m.iqr[0], digits)} to ${fmt(m.iqr[1], digits)}` : `${m.n} stride${m.n === 1 ? '' : 's'}`}
        {m.left !== null || m.right !== null ? ` · L ${fmt(m.left, digits)} / R ${fmt(m.right, digits)}` : ''}
      </p>
    </>
  );
}

/** Summary of one analysis: the extended-posture finding, the strike pattern per foot, and a card per measure. */
export function SummaryCards({ analysis }: { analysis: GaitAnalysis }) {
  const cards = measureCards(analysis);
  const finding = patternFinding(analysis);
  const strikes = strikeByFoot(analysis);
  const side = analysis.view.view !== 'back';
  return (
    <section className="summary" aria-label="Gait summary" data-testid="report-summary">
      <div className={`finding card${finding.nothingFlagged ? '' : ' flagged'}`} data-testid="pattern-finding">
        <h2>Extended-posture pattern</h2>
        {finding.lines.map((l) => (
          <p key={l}>{l}</p>
        ))}
        {finding.nothingFlagged && analysis.activity === 'running' && side && (
          <p className="nothing-flagged" data-testid="nothing-flagged">
            Nothing was flagged in this clip: no frame is highlighted.
          </p>
        )}
        <p className="caveat">2-D estimates from one video, with their confidence — not a diagnosis.</p>
      </div>
      {side && analysis.summary.strike.reason === null && (
        <div className="card strike-card" data-testid="strike-card">
          <h2>Foot strike</h2>
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
              {(['left', 'right'] as const).map((f) => (
                <tr key={f}>
                  <th scope="row" className={`side-${f}`}>
                    {f}
                    {analysis.view.nearSide === f ? ' (near)' : analysis.view.nearSide ? ' (far)' : ''}
                  </th>
                  <td>{strikes[f].heel}</td>
                  <td>{strikes[f].midfoot}</td>
                  <td>{strikes[f].forefoot}</td>
                  <td>{strikes[f].undecided}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="mc-detail">"unsure": the foot angle was within the noise of a band edge, so the contact is not classified.</p>
        </div>
      )}
      <div className="measure-grid">
        {cards.map((c) => (
          <div className="card measure-card" key={c.id} data-testid={`measure-${c.id}`}>
            <h3>
              {c.label}
              {c.measure.estimate && <span className="badge" title="Estimated from a model, not measured directly: see docs/METHODS.md">estimate</span>}
            </h3>
            <p className="mc-event">{c.event}</p>
            <MeasureValue m={c.measure} digits={c.digits} />
            {c.measure.value !== null && (
              <p className="mc-conf">
                <span className="conf-bar" aria-hidden="true">
                  <span style={{ width: `${Math.round(c.measure.confidence * 100)}%` }} />
                </span>
                confidence {Math.round(c.measure.confidence * 100)} %
              </p>
            )}
            {c.reference && <p className="mc-ref">{c.reference}</p>}
          </div>
        ))}
      </div>
      {analysis.advice.length > 0 && (
        <div className="card advice-card" data-testid="advice">
          <h2>To get a better clip</h2>
          <ul className="advice">
            {analysis.advice.map((a) => (
              <li key={a.code}>{a.message}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
