import type { GaitAnalysis } from '../core/analysis';
import { detectedOf, diffEvents, diffWords } from './report/eventEdits';
import { timeScaleWords } from './format';

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
      {analysis.timeScale && (
        <p className="headline-line" data-testid="headline-time-scale">
          Slow motion: {timeScaleWords(analysis.timeScale)}; every time is real time.
        </p>
      )}
      {analysis.eventsCorrected && (
        <p className="headline-line corrected-line" data-testid="headline-corrected">
          ✎ Events corrected by hand ({diffWords(diffEvents(detectedOf(analysis), analysis.events))}): every figure is computed from them.
        </p>
      )}
      <p className="note" data-testid="event-counts">
        {ic} initial contacts and {to} toe-offs {analysis.eventsCorrected ? 'used (corrected by hand)' : 'found'} · view: {analysis.view.view}
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
