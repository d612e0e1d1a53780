/**
 * Acceptance of the analysis-core issue that is NOT met yet (run with npm run test:pending). Same checks as
 * tests/unit/analysis (harness.ts); move a case back to tests/unit when it passes.
 * Measured: at 30 fps the per-contact foot angle is within ±3° on 78 % (extended), 96 % (heelNeutral, which misses
 * on one stride's thigh extension, 3.1° > 3°) and 70 % (forefoot) of contacts, the test asks ≥ 80 %; knee flexion at
 * contact is off by +4.2 / −5.1 / −9.4°; the heel-strike-straight-knee flag fires on 11 of 14 contacts at 30 fps
 * (≥ 80 % asked). The summary values (median foot angle, trunk lean, thigh extension) and the strike pass at 30 fps.
 * (The high-frame-rate event cases were moved to tests/unit on 2026-11-24 after stride registration.)
 */
import { describe, it } from 'vitest';
import { checkAngles, checkExtendedFlags, checkKneeAtContact, type Preset } from '../../unit/analysis/harness';

describe('angles and strike pattern at 30 fps', () => {
  for (const preset of ['extended', 'heelNeutral', 'forefoot'] as Preset[]) {
    it(`${preset} at 30 fps: foot angle ±3°, trunk lean and thigh extension ±2°, strike right on ≥ 98 % of contacts`, () => checkAngles(preset, 30));
    it(`${preset} at 30 fps: knee flexion at contact within ±4°`, () => checkKneeAtContact(preset, 30));
  }
});

describe('extended-posture pattern', () => {
  it('fires on the extended parameter set, with reasons, values and thresholds', () => checkExtendedFlags());
});
