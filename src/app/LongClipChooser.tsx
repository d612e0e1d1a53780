import { useState } from 'react';
import type { ClipInfo } from '../core/types';

/** Clips longer than this (s) are not analysed whole unless the user says so. */
export const LONG_CLIP_S = 180;
/** The part offered first: the opening 30 s. */
const DEFAULT_PART_S = 30;
/** A conservative analysis speed (frames/s) for the time estimates: a 2-core laptop without a GPU. */
const ESTIMATE_FPS = 15;

export type LongClipChoice = { range: { startS: number; endS: number } } | { whole: true };

/** "m:ss" (or "m:ss.s", or plain seconds) → seconds; null if not a time. */
export function parseClipTime(text: string): number | null {
  const m = /^\s*(?:(\d+):)?(\d+(?:\.\d+)?)\s*$/.exec(text);
  if (!m) return null;
  const s = (m[1] ? Number(m[1]) * 60 : 0) + Number(m[2]);
  return Number.isFinite(s) ? s : null;
}

/** Seconds → "m:ss", or "m:ss.s" when there are tenths. */
export function formatClipTime(s: number): string {
  const tenths = Math.round(s * 10);
  const m = Math.floor(tenths / 600);
  const sec = Math.floor((tenths - m * 600) / 10);
  const t = tenths % 10;
  return `${m}:${String(sec).padStart(2, '0')}${t ? `.${t}` : ''}`;
}

function minutes(frames: number): string {
  const min = frames / ESTIMATE_FPS / 60;
  return min < 1.5 ? 'about a minute' : `about ${Math.round(min)} minutes`;
}

/** A long recording: choose the part with the running (default the first 30 s), or analyse all of it. */
export function LongClipChooser({ clip, message, onChoose }: { clip: ClipInfo; message: string; onChoose(choice: LongClipChoice): void }) {
  const fps = clip.nominalFps || 30;
  const [from, setFrom] = useState('0:00');
  const [to, setTo] = useState(formatClipTime(Math.min(DEFAULT_PART_S, clip.durationS)));
  const a = parseClipTime(from);
  const b = parseClipTime(to);
  const problem =
    a === null || b === null
      ? 'Write the times as minutes:seconds, e.g. 1:30.'
      : b > clip.durationS + 0.05
        ? `The clip ends at ${formatClipTime(clip.durationS)}.`
        : b - a < 3
          ? 'Choose at least 3 seconds (7 strides take about 5 s).'
          : null;
  return (
    <section className="card long-clip" aria-label="Choose the part to analyse" data-testid="long-clip">
      <h2>A long clip: which part shows the running?</h2>
      <p>
        {message} Analysing all {clip.sampleCount.toLocaleString('en')} frames would take {minutes(clip.sampleCount)} on a typical laptop. 10–30 s of steady
        running is plenty for the report.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!problem && a !== null && b !== null) onChoose({ range: { startS: a, endS: Math.min(b, clip.durationS) } });
        }}
      >
        <label>
          From <input value={from} onChange={(e) => setFrom(e.target.value)} size={7} inputMode="decimal" aria-describedby="long-clip-problem" data-testid="range-start" />
        </label>{' '}
        <label>
          to <input value={to} onChange={(e) => setTo(e.target.value)} size={7} inputMode="decimal" aria-describedby="long-clip-problem" data-testid="range-end" />
        </label>{' '}
        <button type="submit" className="primary" disabled={problem !== null} data-testid="analyse-range">
          Analyse this part{!problem && a !== null && b !== null ? ` (${minutes((b - a) * fps)})` : ''}
        </button>{' '}
        <button type="button" onClick={() => onChoose({ whole: true })} data-testid="analyse-whole">
          Analyse the whole clip
        </button>
        <p className="note" id="long-clip-problem" role="status">
          {problem}
        </p>
      </form>
    </section>
  );
}
