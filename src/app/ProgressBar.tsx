import type { Progress } from '../pipeline/protocol';
import { formatTimeLeft } from './format';

export function ProgressBar({ progress, onCancel }: { progress: Progress; onCancel(): void }) {
  const pct = progress.framesTotal > 0 ? (100 * progress.framesDone) / progress.framesTotal : 0;
  return (
    <section className="card progress" aria-label="Analysis progress" data-testid="progress">
      <div className="progress-head">
        <span>{progress.message}</span>
        <span>
          {progress.fps > 0 ? `${progress.fps.toFixed(1)} frames/s · ` : ''}
          {progress.framesTotal > 0 ? formatTimeLeft(progress.secondsLeft) : ''}
        </span>
      </div>
      <div className="bar" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(pct)} aria-label="Frames analysed">
        <div className="fill" style={{ width: `${pct}%` }} />
      </div>
      <button type="button" onClick={onCancel} data-testid="cancel">
        Cancel
      </button>
    </section>
  );
}
