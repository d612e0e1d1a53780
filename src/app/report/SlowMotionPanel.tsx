/**
 * Slow motion (issue 13, item 3): when the clip looks like slow motion played at normal speed (or its container hints
 * at a high capture rate) the page says so and asks for the rate it was filmed at (or the slow-motion factor); applying
 * it computes the analysis again in real time (no pose model). The rate can be given or cleared at any time.
 */
import { useEffect, useState } from 'react';
import type { GaitAnalysis } from '../../core/analysis';
import { CAPTURE_FPS_MAX, CAPTURE_FPS_MIN } from '../../core/analysis/timeScale';
import type { ClipInfo } from '../../core/types';
import { timeScaleWords } from '../format';

const PRESETS = [60, 120, 240] as const;

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(2).replace(/\.?0+$/, '');
}

export function SlowMotionPanel({
  analysis,
  clip,
  playbackFps,
  captureFps,
  onApply,
  busy,
}: {
  analysis: GaitAnalysis;
  clip: ClipInfo;
  /** The clip's own frame rate. */
  playbackFps: number;
  /** The capture rate in force (null: none given). */
  captureFps: number | null;
  onApply(captureFps: number | null): void;
  busy: boolean;
}) {
  const suspected = analysis.slowMotion.suspected;
  const hint = clip.slowMotionHint;
  const ts = analysis.timeScale;
  const suggested = captureFps ?? (analysis.slowMotion.likelyFactor ? analysis.slowMotion.likelyFactor * playbackFps : null);
  const [fps, setFps] = useState(suggested !== null ? fmt(Math.round(suggested * 100) / 100) : '');
  useEffect(() => {
    if (suggested !== null) setFps(fmt(Math.round(suggested * 100) / 100));
  }, [suggested]);
  const value = Number(fps);
  const valid = fps.trim() !== '' && Number.isFinite(value) && value >= CAPTURE_FPS_MIN && value <= CAPTURE_FPS_MAX;
  const factor = valid ? value / playbackFps : null;
  const changed = valid && value !== captureFps;

  const form = (
    <form
      className="sm-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) onApply(value);
      }}
    >
      <label>
        Filmed at{' '}
        <input type="number" inputMode="decimal" min={CAPTURE_FPS_MIN} max={CAPTURE_FPS_MAX} step="any" value={fps} onChange={(e) => setFps(e.target.value)} aria-label="Capture rate, frames per second" data-testid="capture-fps" />{' '}
        fps
      </label>
      <span className="sm-presets" role="group" aria-label="Common capture rates">
        {PRESETS.map((p) => (
          <button type="button" key={p} className={value === p ? 'on' : ''} onClick={() => setFps(String(p))} data-testid={`capture-preset-${p}`}>
            {p}
          </button>
        ))}
      </span>
      <label>
        or slowed{' '}
        <input
          type="number"
          inputMode="decimal"
          min={0.1}
          step="any"
          value={factor !== null ? fmt(Math.round(factor * 100) / 100) : ''}
          onChange={(e) => {
            const k = Number(e.target.value);
            if (e.target.value.trim() !== '' && Number.isFinite(k) && k > 0) setFps(fmt(Math.round(k * playbackFps * 100) / 100));
          }}
          aria-label="Slow-motion factor (capture rate ÷ playback rate)"
          data-testid="slow-factor"
        />
        ×
      </label>
      <button type="submit" className="primary" disabled={!changed || busy} data-testid="capture-apply">
        Apply
      </button>
      {captureFps !== null && (
        <button type="button" disabled={busy} onClick={() => onApply(null)} data-testid="capture-clear">
          Clear (use the clip’s own timing)
        </button>
      )}
      {fps.trim() !== '' && !valid && <span className="note">Give a rate between {CAPTURE_FPS_MIN} and {CAPTURE_FPS_MAX} fps.</span>}
      {valid && value < playbackFps && <span className="note">Lower than the {fmt(Math.round(playbackFps * 100) / 100)} fps it plays at: the clip would be read as sped up.</span>}
    </form>
  );

  if (ts) {
    return (
      <section className="card slow-motion applied" aria-label="Slow motion" data-testid="slow-motion">
        <p data-testid="time-scale-note">
          <strong>Slow motion:</strong> {timeScaleWords(ts)}. Cadence, contact, flight and stride times and the time axis are in real time.
        </p>
        <details>
          <summary>Change the capture rate</summary>
          {form}
        </details>
      </section>
    );
  }
  if (suspected || hint) {
    return (
      <section className={`card slow-motion${suspected ? ' suspected' : ''}`} aria-label="Slow motion" data-testid="slow-motion" role={suspected ? 'alert' : undefined}>
        <h2>{suspected ? 'This looks like slow motion' : 'High frame rate or slow motion?'}</h2>
        {suspected && (
          <p data-testid="slow-motion-message">
            This looks like slow motion played at normal speed: {analysis.slowMotion.reason}. Give the rate it was filmed at (a phone’s slow motion: 120 or
            240 fps){analysis.slowMotion.likelyFactor ? `; most likely ${fmt(analysis.slowMotion.likelyFactor * Math.round(playbackFps))} fps` : ''}. Cadence, contact,
            flight and stride times are left out until then.
          </p>
        )}
        {hint && <p className="note">The file says: {hint}</p>}
        {!suspected && <p>If the clip plays slower than it was filmed, give the rate it was filmed at; every time is then computed in real time.</p>}
        {form}
      </section>
    );
  }
  return (
    <details className="card slow-motion quiet" data-testid="slow-motion">
      <summary>Slow-motion clip? Give the rate it was filmed at</summary>
      <p className="note-muted">
        For a clip filmed at a high frame rate and played at {fmt(Math.round(playbackFps * 100) / 100)} fps: cadence, contact, flight and stride times are then computed
        in real time.
      </p>
      {form}
    </details>
  );
}
