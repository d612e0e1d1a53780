import type { GaitAnalysis } from '../core/analysis';

/** The analysis in a few plain sentences, until the full report (consult view) is shown. */
export function GaitHeadline({ analysis }: { analysis: GaitAnalysis }) {
  const ic = analysis.events.filter((e) => e.type === 'IC').length;
  const to = analysis.events.length - ic;
  return (
    <section className="card" aria-label="Gait analysis" data-testid="gait-headline">
      <h2>Gait</h2>
      {analysis.headline.map((line) => (
        <p key={line} className="headline-line">
          {line}
        </p>
      ))}
      <p className="note" data-testid="event-counts">
        {ic} initial contacts and {to} toe-offs found · view: {analysis.view.view}
        {analysis.view.overridden ? ' (set by you)' : ` (detected, confidence ${Math.round(analysis.view.confidence * 100)} %)`}
      </p>
      {analysis.advice.length > 0 && (
        <ul className="advice">
          {analysis.advice.map((a) => (
            <li key={a.code}>{a.message}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
