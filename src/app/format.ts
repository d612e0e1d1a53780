/** Display formatting for the page (pure). */
import type { TimeScale } from '../core/analysis/types';
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(0)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

export function formatDuration(s: number): string {
  if (!Number.isFinite(s)) return '—';
  if (s < 60) return `${s.toFixed(1)} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

export function formatTimeLeft(s: number | null): string {
  if (s === null || !Number.isFinite(s)) return 'estimating…';
  if (s < 1) return 'almost done';
  if (s < 60) return `about ${Math.ceil(s)} s left`;
  return `about ${Math.ceil(s / 60)} min left`;
}

export function formatFrameTime(timestampUs: number, firstUs: number): string {
  return `${((timestampUs - firstUs) / 1e6).toFixed(3)} s`;
}

function fps(v: number): string {
  const r = Math.round(v * 100) / 100;
  return Number.isInteger(r) ? String(r) : r.toFixed(2).replace(/\.?0+$/, '');
}

/** "filmed at 60 fps, played at 30 fps (2× slow motion)". */
export function timeScaleWords(ts: TimeScale): string {
  const k = ts.captureFps / ts.playbackFps;
  return `filmed at ${fps(ts.captureFps)} fps, played at ${fps(ts.playbackFps)} fps (${k >= 1 ? `${fps(k)}× slow motion` : `sped up ${fps(1 / k)}×`})`;
}
