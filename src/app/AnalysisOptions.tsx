import type { PoseModelId, ViewChoice } from '../core/types';
import { MODEL_LABELS, MOVENET_LIMITS } from '../pipeline/protocol';
import './guide.css';

const VIEW_LABELS: Record<ViewChoice, string> = { auto: 'Detect automatically', side: 'Side view', back: 'From behind' };

/**
 * The pose model and camera view, folded under "Analysis options" (the defaults suit nearly every clip); the summary
 * line says what is chosen. A select in a closed <details> keeps its value: scripts set both through
 * window.__stridescope.setOptions and wait for the selects' values.
 */
export function AnalysisOptions({ model, view, disabled, onModel, onView }: { model: PoseModelId; view: ViewChoice; disabled: boolean; onModel(m: PoseModelId): void; onView(v: ViewChoice): void }) {
  return (
    <>
      <details className="analysis-options" data-testid="analysis-options">
        <summary>
          Analysis options <span className="ao-now">· {MODEL_LABELS[model]} · camera view: {VIEW_LABELS[view].toLowerCase()}</span>
        </summary>
        <div className="options" aria-label="Analysis options">
          <label>
            Pose model{' '}
            <select value={model} disabled={disabled} onChange={(e) => onModel(e.target.value as PoseModelId)} data-testid="model-select">
              {(Object.keys(MODEL_LABELS) as PoseModelId[]).map((m) => (
                <option key={m} value={m}>
                  {MODEL_LABELS[m]}
                  {m === 'full' ? ' (recommended)' : ''}
                </option>
              ))}
            </select>
          </label>
          <label>
            Camera view{' '}
            <select value={view} disabled={disabled} onChange={(e) => onView(e.target.value as ViewChoice)} data-testid="view-select">
              {(Object.keys(VIEW_LABELS) as ViewChoice[]).map((v) => (
                <option key={v} value={v}>
                  {VIEW_LABELS[v]}
                </option>
              ))}
            </select>
          </label>
        </div>
      </details>
      {model.startsWith('movenet') && (
        <p className="banner warn" data-testid="movenet-limits">
          {MOVENET_LIMITS}
        </p>
      )}
    </>
  );
}
