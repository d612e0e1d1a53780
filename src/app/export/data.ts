/** Data exports (pure): per-frame keypoints and per-stride measures as CSV; the whole run as JSON. */
import type { GaitAnalysis } from '../../core/analysis';
import type { AnalyzeResult, PoseFrame } from '../../core/types';

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(Math.round(v * 1000) / 1000) : '';
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csv(header: string[], rows: unknown[][]): string {
  return [header.join(','), ...rows.map((r) => r.map(cell).join(','))].join('\n') + '\n';
}

/** One row per frame and keypoint: frame, time (ms from the first frame), keypoint, x, y (display pixels), z, score. */
export function keypointsCsv(frames: readonly PoseFrame[]): string {
  const t0 = frames[0]?.timestampUs ?? 0;
  const rows: unknown[][] = [];
  for (const f of frames) {
    const t = (f.timestampUs - t0) / 1000;
    if (!f.keypoints) {
      rows.push([f.index, t, '', '', '', '', '']);
      continue;
    }
    for (const k of f.keypoints) rows.push([f.index, t, k.name, k.x, k.y, k.z ?? null, k.score]);
  }
  return csv(['frame', 'time_ms', 'keypoint', 'x_px', 'y_px', 'z', 'score'], rows);
}

/**
 * One row per stride (from one initial contact to the next of the same foot) with every per-stride measure, and where
 * its events come from ('detected', or 'corrected by hand') and the capture rate its times are computed with.
 */
export function stridesCsv(a: GaitAnalysis): string {
  const keys = [
    'foot', 'side', 'icFrame', 'toFrame', 'nextIcFrame', 'strike', 'footAngleDeg', 'kneeFlexionIcDeg', 'shankAngleIcDeg', 'overstride',
    'thighExtensionToDeg', 'trunkThighExtensionToDeg', 'trunkLeanToDeg', 'lumbarExtensionEstimateDeg', 'pelvicTiltEstimateDeg',
    'contactTimeMs', 'flightTimeMs', 'strideTimeMs', 'confidence',
  ] as const;
  const events = a.eventsCorrected ? 'corrected by hand' : 'detected';
  const capture = a.timeScale?.captureFps ?? null;
  return csv([...keys, 'events', 'capture_fps'], a.strides.map((s) => [...keys.map((k) => s[k]), events, capture]));
}

export function resultJson(r: AnalyzeResult): string {
  return JSON.stringify(r, null, 1);
}
