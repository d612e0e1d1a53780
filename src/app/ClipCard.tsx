import type { ClipInfo } from '../core/types';
import type { BackendInfo } from '../pipeline/protocol';
import { formatBytes, formatDuration } from './format';

export function ClipCard({ clip, backend, model }: { clip: ClipInfo; backend: BackendInfo | null; model: string }) {
  const fps = clip.measuredFps ?? clip.nominalFps;
  const rows: [string, string][] = [
    ['File', `${clip.fileName} (${formatBytes(clip.fileSizeBytes)})`],
    ['Size', `${clip.displayWidth} × ${clip.displayHeight}${clip.rotation ? ` (stored ${clip.codedWidth} × ${clip.codedHeight}, rotated ${clip.rotation}°)` : ''}`],
    ['Frame rate', `${fps.toFixed(2)} fps${clip.measuredFps ? ' measured' : ' nominal'}${clip.variableFrameRate ? ', variable' : ''}`],
    ['Duration', `${formatDuration(clip.durationS)} · ${clip.decodedFrameCount ?? clip.sampleCount} frames`],
    ['Codec', `${clip.codec.toUpperCase()}${clip.codecString ? ` (${clip.codecString})` : ''} in ${clip.container}`],
    ['Rotation', `${clip.rotation}°`],
    ['Pose model', model + (backend ? ` on ${backend.id.toUpperCase()}${backend.threads > 1 ? ` × ${backend.threads} threads` : ''}` : '')],
  ];
  return (
    <section className="card clip-card" aria-label="Clip facts" data-testid="clip-card">
      <h2>Clip</h2>
      <dl>
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd data-testid={`clip-${k.toLowerCase().replace(/\s+/g, '-')}`}>{v}</dd>
          </div>
        ))}
      </dl>
      {clip.slowMotionHint && <p className="note">{clip.slowMotionHint}</p>}
      {backend && (
        <p className="engine-note" data-testid="engine-note">
          Pose engine: {backend.note}
        </p>
      )}
    </section>
  );
}
