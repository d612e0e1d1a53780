import { it } from 'vitest';
import { cleanTrack } from '../../../src/core/analysis/cleanup';
import { analyzeBack } from '../../../src/core/analysis/backMeasures';
import { dominantPeriod } from '../../../src/core/analysis/stats';
import { loadTrack } from './realEval';
import type { KeypointName } from '../../../src/core/types';
it('proto', () => {
  const ct = cleanTrack(loadTrack('overground-back-runner')!);
  const b = analyzeBack(ct);
  console.log('##', b.ok, b.strideFrames, b.periodicity, b.stances.map((s) => `${s.foot[0]}${s.midStanceFrame}`).join(' '));
  const fl = ct.raw.get('left_heel' as KeypointName)!, fr = ct.raw.get('right_heel' as KeypointName)!, hip = ct.raw.get('left_hip' as KeypointName)!, ank = ct.raw.get('left_ankle' as KeypointName)!;
  let line = '';
  for (let f = 0; f < ct.n; f++) line += `${f}:${(fl.y[f] - fr.y[f]).toFixed(0)}/${(ank.y[f] - hip.y[f]).toFixed(0)} `;
  console.log('##', line);
  for (const lag of [8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 34, 36]) { /* */ }
});
