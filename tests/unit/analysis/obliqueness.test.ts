/** An oblique camera is reported as oblique, with advice, not as a confident side view (issue 13, item 6). */
import { describe, expect, it } from 'vitest';
import { analyzeGait } from '../../../src/core/analysis';
import { squareness } from '../../../src/core/analysis/view';
import { generateSideTrack, PRESETS } from '../../../fixtures/synthetic';

const at = (yawDeg: number) =>
  analyzeGait(generateSideTrack({ fps: 30, durationS: 5, width: 1280, height: 720, ppm: 340, noisePx: 2.5, dropoutRate: 0.02, yawDeg, seed: 40 + yawDeg, gait: { ...PRESETS.neutral } }).track);

describe('obliqueness on synthetic side views', () => {
  for (const yaw of [0, 10]) {
    it(`${yaw}° from square: a side view at full confidence, no oblique advice`, () => {
      const a = at(yaw);
      expect(a.view.view).toBe('side');
      expect(a.view.oblique).toBe(false);
      expect(a.view.obliqueDeg!).toBeLessThanOrEqual(15);
      expect(a.view.confidence).toBeGreaterThan(0.9);
      expect(a.advice.map((x) => x.code)).not.toContain('oblique-view');
    });
  }
  for (const yaw of [30, 40, 50]) {
    it(`${yaw}° from square: reported oblique, the angle within ±8°, confidence lowered, advice given`, () => {
      const a = at(yaw);
      expect(a.activity).toBe('running');
      expect(a.view.oblique).toBe(true);
      expect(Math.abs(a.view.obliqueDeg! - yaw)).toBeLessThanOrEqual(8);
      expect(a.view.confidence).toBeLessThanOrEqual(squareness(yaw - 8));
      const adv = a.advice.find((x) => x.code === 'oblique-view')!;
      expect(adv.severity).toBe('warning');
      expect(adv.message).toContain(`about ${a.view.obliqueDeg}° from square`);
      expect(a.headline[0]).toMatch(/oblique side view, about \d+° from square/);
    });
  }
  it('view confidence: 1 up to 15° from square, 0.2 from 45°', () => {
    expect(squareness(10)).toBe(1);
    expect(squareness(30)).toBeCloseTo(0.6, 5);
    expect(squareness(45)).toBeCloseTo(0.2, 5);
    expect(squareness(70)).toBe(0.2);
  });
});
