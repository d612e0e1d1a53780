import type { PipelineErrorInfo } from '../pipeline/protocol';

/** A run's failure as the user sees it: what happened, and what to do. */
export function ErrorBanner({ error, testId }: { error: PipelineErrorInfo; testId: string }) {
  return (
    <div className="banner error" role="alert" data-testid={testId}>
      <strong>{error.message}</strong>
      {error.advice && <p>{error.advice}</p>}
    </div>
  );
}
