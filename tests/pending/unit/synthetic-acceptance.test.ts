/**
 * Our own stricter bars on the analysis core that are NOT met yet (run with npm run test:pending). The issue's
 * acceptance itself (events at 30–240 fps; the reported foot angle, trunk lean and thigh extension, and the strike, on
 * treadmill and overground in both directions; flags present on "extended" and silent on "neutral") passes in
 * tests/unit/analysis. Same checks (harness.ts); move a case to tests/unit when it passes. Measured 2026-11-24 (seed 7 / 11):
 *  - single contacts: foot angle within ±3° on 74 % / 78 % / 70 % of contacts (extended / heelNeutral / forefoot at
 *    30 fps) and 87 % / 70 % (extended / neutral at 60 fps; 80 % asked); worst single-stride thigh extension 3.1°
 *    (30 fps) and 4.7° (extended at 60 fps; 3° asked), trunk lean 2.6° (extended at 30 fps; 2.5° asked);
 *  - knee flexion at contact at 30 fps off by +4.2 / −5.1 / −9.4° (extended / heelNeutral / forefoot; ±4° asked): the
 *    synthetic knee flexes at ~600°/s through contact, so ±8 ms of contact timing is ±5°;
 *  - the heel-strike-straight-knee flag fires on 11 of 14 contacts of the extended preset at 30 fps (≥ 80 % asked;
 *    the pattern is reported present);
 *  - overground: too few contacts decided (neutral) and one contact time −16 ms (ANGLES_OVERGROUND_MISSED).
 */
import { describe, it } from 'vitest';
import { checkAngles, checkExtendedFlagsPerStride, checkKneeAtContact, checkPerStride, type Preset } from '../../unit/analysis/harness';

type Dir = 'left-to-right' | 'right-to-left';
/** Overground passes that miss our own bars in the angle / strike checks (the issue's own values pass) (measured 2026-11-24, seed 7; noise proportional to the
 *  runner's size, 1.5 px at 200 px/m). */
const ANGLES_OVERGROUND_MISSED: [Preset, number, Dir, string][] = [
  ['forefoot', 60, 'left-to-right', 'contact time −16 ms (our ±12 ms bar)'],
  // too few contacts decided: the rest abstain (strike null: within the noise of a band edge) — our ≥ 5 bar
  ['neutral', 120, 'left-to-right', '3 of 8 contacts decided'],
  ['neutral', 240, 'left-to-right', '4 of 9 contacts decided'],
  ['neutral', 30, 'right-to-left', '3 of 8 contacts decided'],
]

describe('overground angles and strike (a 50 px foot, 3–4 contacts per foot)', () => {
  for (const [preset, fps, direction, why] of ANGLES_OVERGROUND_MISSED) {
    it(`${preset} at ${fps} fps, overground ${direction} — measured: ${why}`, () => checkAngles(preset, fps, { direction, setting: 'overground' }));
  }
});

describe('single strides at 30 / 60 fps (our stricter bar; the reported medians pass, tests/unit)', () => {
  const missing: [Preset, number][] = [['extended', 30], ['heelNeutral', 30], ['forefoot', 30], ['extended', 60], ['neutral', 60]];
  for (const [preset, fps] of missing) {
    it(`${preset} at ${fps} fps: foot angle ±3° on ≥ 80 % of contacts, each stride's trunk lean ±2.5° and thigh extension ±3°`, () => checkPerStride(preset, fps));
  }
});

describe('knee flexion at contact at 30 fps', () => {
  for (const preset of ['extended', 'heelNeutral', 'forefoot'] as Preset[]) {
    it(`${preset} at 30 fps: knee flexion at contact within ±4°`, () => checkKneeAtContact(preset, 30));
  }
});

describe('extended-posture pattern per contact at 30 fps', () => {
  it('each flag fires on ≥ 80 % of the strides / contacts it judges', () => checkExtendedFlagsPerStride(30));
});
