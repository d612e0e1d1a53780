/** Pairing two analyses: kind, measure deltas, and the matching frame at the same point of the gait cycle. */
import { describe, expect, it } from 'vitest';
import { matchingFrame, measureDeltas, pairKind } from '../../src/app/report/compareModel';
import { analyzeGait } from '../../src/core/analysis';
import { generateBackTrack } from '../../fixtures/synthetic';
import { run } from './analysis/harness';

describe('two clips', () => {
  const before = run('extended', { fps: 60, seed: 11 }).a;
  const after = run('neutral', { fps: 120, seed: 13 }).a;
  it('side + back is two views of one session; two side clips are two sessions', () => {
    const back = analyzeGait(generateBackTrack({ fps: 60, noisePx: 1 }).track);
    expect(back.view.view).toBe('back');
    expect(pairKind(before, back)).toBe('views');
    expect(pairKind(before, after)).toBe('sessions');
  });
  it('deltas are after − before for every measure both have', () => {
    const rows = measureDeltas(before, after);
    const knee = rows.find((r) => r.id === 'knee-ic')!;
    expect(knee.delta).toBeCloseTo(after.summary.kneeFlexionIcDeg.value! - before.summary.kneeFlexionIcDeg.value!, 1);
    expect(knee.delta!).toBeGreaterThan(8); // extended (knee 7°) → neutral (knee 24°)
    const trunk = rows.find((r) => r.id === 'trunk-to')!;
    expect(trunk.delta!).toBeGreaterThan(5); // upright → forward lean
    expect(rows.find((r) => r.id === 'lumbar')!.estimate).toBe(true);
  });
  it('the matching frame of an event is the same-numbered event of the same type and foot in the other clip', () => {
    const ic = (a: typeof before, k: number) => a.events.filter((e) => e.type === 'IC' && e.foot === 'left').sort((x, y) => x.frame - y.frame)[k];
    expect(matchingFrame(before, after, ic(before, 2).frame)).toBe(ic(after, 2).frame);
    // 10 frames after it at 60 fps = 20 frames after it at 120 fps
    expect(matchingFrame(before, after, ic(before, 2).frame + 10)).toBe(ic(after, 2).frame + 20);
    expect(matchingFrame(after, before, ic(after, 3).frame)).toBe(ic(before, 3).frame);
  });
});
