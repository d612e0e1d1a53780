/**
 * Developer tool (npm run test:pending): the same real-clip checks as tests/browser/analysis.spec.ts, on pose tracks
 * cached by `npm run analyze -- <clips> --out-dir /tmp/stridescope-tracks`, in ~1 s instead of a browser run.
 * Real BlazePose tracks of the labelled clips (written by the pipeline to /tmp/stridescope-tracks/<clip>.json).
 * Acceptance: IC and TO within ±2 frames of the hand labels on ≥ 90 % of labelled events; the strike pattern matches
 * every label marked certain. Skipped, with the reason, when the track files are absent.
 */
import { describe, expect, it } from 'vitest';
import { analyzeGait } from '../../../src/core/analysis';
import { labelledClips, labelledDirection } from '../../../scripts/lib/labels.mjs';
import { bestMatch, loadTrack, TRACK_DIR } from '../../unit/analysis/realEval';

for (const { name: clip, labels } of labelledClips()) {
  const track = loadTrack(clip);
  const reason = !track ? `no track ${TRACK_DIR}/${clip}.json (written by the pose pipeline)` : '';
  describe.skipIf(!track)(`real clip ${clip}${reason ? ` — skipped: ${reason}` : ''}`, () => {
    it(`is a ${labels.view ?? 'side'}-view ${labels.activity ?? 'running'} clip`, () => {
      const a = analyzeGait(track!);
      expect(a.view.view).toBe(labels.view ?? 'side');
      expect(a.activity).toBe(labels.activity ?? 'running');
      const direction = labelledDirection(labels);
      if (direction) expect(a.view.direction).toBe(direction);
    });
    it('IC and TO within ±2 frames of the labels on ≥ 90 % of labelled events', () => {
      const a = analyzeGait(track!);
      const { matches, footMap } = bestMatch(labels.events, a);
      const ok = matches.filter((m) => m.error !== null && Math.abs(m.error) <= 2).length;
      const errs = matches.map((m) => `${m.label.type}${m.label.foot}@${m.label.frame}:${m.error ?? 'missed'}`);
      console.log(`[real ${clip}] ${ok}/${matches.length} within ±2 frames (feet ${JSON.stringify(footMap)}); ${errs.join(' ')}`);
      expect(ok / matches.length).toBeGreaterThanOrEqual(0.9);
    });
    it('strike pattern matches every label marked certain', () => {
      const a = analyzeGait(track!);
      const { matches } = bestMatch(labels.events, a);
      const certain = matches.filter((m) => m.label.type === 'IC' && m.label.strike_certain);
      const right = certain.filter((m) => m.det?.strike === m.label.strike).length;
      console.log(`[real ${clip}] strike right on ${right}/${certain.length} certain contacts`);
      expect(right).toBe(certain.length);
    });
  });
}

describe.skipIf(!loadTrack('not-gait-dumbbell'))('real non-gait clip', () => {
  it('not-gait-dumbbell: no running found', () => {
    const a = analyzeGait(loadTrack('not-gait-dumbbell')!);
    expect(a.activity).toBe('none');
    expect(a.summary.cadence.value).toBeNull();
  });
});
describe.skipIf(!loadTrack('walking-side'))('real walking clip', () => {
  it('walking-side: walking, not running', () => {
    const a = analyzeGait(loadTrack('walking-side')!);
    expect(a.activity).toBe('walking');
  });
});
