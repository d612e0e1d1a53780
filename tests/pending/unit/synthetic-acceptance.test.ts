/**
 * Acceptance of the analysis-core issue that is NOT met yet (run with npm run test:pending). Same checks as
 * tests/unit/analysis (harness.ts); move a case back to tests/unit when it passes.
 * Measured when moved here: events within ±10 ms at 60/120/240 fps ≈ 77/88/91 %; 30 fps angle cases miss on knee
 * flexion at contact (contact timing); the heel-strike-straight-knee flag fires on 11 of 14 contacts at 30 fps.
 */
import { describe, it } from 'vitest';
import { checkAngles, checkEvents, checkExtendedFlags, type Preset } from '../../unit/analysis/harness';

describe('events on synthetic tracks at high frame rates (noise 2.5 px, dropouts, swaps)', () => {
  for (const fps of [60, 120, 240]) {
    it(`IC/TO within ±10 ms on ≥ 95 % of events at ${fps} fps`, () => checkEvents(fps));
  }
});

describe('angles and strike pattern at 30 fps', () => {
  for (const preset of ['extended', 'heelNeutral', 'forefoot'] as Preset[]) {
    it(`${preset} at 30 fps: foot angle ±3°, trunk lean and thigh extension ±2°, strike right on ≥ 98 % of contacts`, () => checkAngles(preset, 30));
  }
});

describe('extended-posture pattern', () => {
  it('fires on the extended parameter set, with reasons, values and thresholds', () => checkExtendedFlags());
});
