import { useId, useState } from 'react';
import { CERTAINTY_MEANING, LEVEL_WORDS, type Certainty } from './certainty';

/**
 * "How sure: High" with its meaning on hover, focus or tap: the level, each factor with its reading, and what the
 * levels mean. A button, so it opens by touch and by keyboard as well as by mouse.
 */
export function Sure({ sure, testId, compact = false }: { sure: Certainty; testId?: string; compact?: boolean }) {
  const [open, setOpen] = useState(false);
  const [hover, setHover] = useState(false);
  const id = useId();
  const shown = open || hover;
  return (
    <span className="sure-wrap" onMouseEnter={() => setHover(true)} onMouseLeave={() => setHover(false)}>
      <button
        type="button"
        className={`sure sure-${sure.level}`}
        aria-expanded={shown}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
        onBlur={() => setOpen(false)}
        data-testid={testId}
        data-level={sure.level}
      >
        {compact ? '' : 'How sure: '}
        <strong>{LEVEL_WORDS[sure.level]}</strong> <span className="sure-i" aria-hidden="true">i</span>
      </button>
      {shown && (
        <span className="sure-pop" id={id} role="tooltip">
          <strong>How sure: {LEVEL_WORDS[sure.level]}</strong>
          <span className="sure-factors">
            {sure.factors.map((f) => (
              <span key={f.name + f.reading} className={`sure-factor sure-${f.level}`}>
                <span className="sure-dot" aria-hidden="true" /> {f.name}: {f.reading}
              </span>
            ))}
          </span>
          <span className="sure-meaning">{CERTAINTY_MEANING}</span>
        </span>
      )}
    </span>
  );
}
