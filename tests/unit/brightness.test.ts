/** Frame brightness (mean luma) and the "too dark" rule of the analysis. */
import { describe, expect, it } from 'vitest';
import { analyzeGait } from '../../src/core/analysis';
import { MIN_IMAGE_BRIGHTNESS } from '../../src/core/analysis/thresholds';
import { meanLuma, medianOf } from '../../src/pipeline/brightness';
import { generateSideTrack } from '../../fixtures/synthetic';

function rgba(w: number, h: number, pixel: (i: number) => [number, number, number]): Uint8ClampedArray {
  const out = new Uint8ClampedArray(w * h * 4);
  for (let i = 0; i < w * h; i++) out.set([...pixel(i), 255], i * 4);
  return out;
}

describe('meanLuma', () => {
  it('reads Rec. 601 luma: white 255, black 0, pure red 76.2, pure green 149.7, pure blue 29.1', () => {
    expect(meanLuma(rgba(64, 64, () => [255, 255, 255]))).toBeCloseTo(255, 6);
    expect(meanLuma(rgba(64, 64, () => [0, 0, 0]))).toBe(0);
    expect(meanLuma(rgba(64, 64, () => [255, 0, 0]))).toBeCloseTo(76.245, 3);
    expect(meanLuma(rgba(64, 64, () => [0, 255, 0]))).toBeCloseTo(149.685, 3);
    expect(meanLuma(rgba(64, 64, () => [0, 0, 255]))).toBeCloseTo(29.07, 3);
  });
  it('half black, half white in fine stripes (sampled every 16th pixel): 127.5 ± 10', () => {
    const img = rgba(97, 61, (i) => ((i % 97) % 2 ? [255, 255, 255] : [0, 0, 0]));
    expect(Math.abs(meanLuma(img) - 127.5)).toBeLessThanOrEqual(10);
    // every pixel read: 48 of the 97 columns are white
    expect(meanLuma(img, 1)).toBeCloseTo((255 * 48) / 97, 6);
  });
  it('median of frames', () => {
    expect(medianOf([3, 1, 2])).toBe(2);
    expect(medianOf([4, 1, 2, 3])).toBe(2.5);
    expect(medianOf([])).toBeUndefined();
  });
});

describe('too dark to trust', () => {
  const { track } = generateSideTrack({ fps: 30, seed: 5 });
  it(`below ${MIN_IMAGE_BRIGHTNESS}/255: no figures, the reason and the advice say why`, () => {
    const a = analyzeGait(track, { imageBrightness: 3 });
    expect(a.activity).toBe('none');
    expect(a.summary.cadence.value).toBeNull();
    expect(a.events).toHaveLength(0);
    expect(a.activityReason).toMatch(/too dark .*brightness 3 of 255/);
    expect(a.advice[0]).toMatchObject({ code: 'too-dark', severity: 'error' });
    expect(a.quality.imageBrightness).toBe(3);
  });
  it('a normally lit clip (110/255) is analysed as before', () => {
    const lit = analyzeGait(track, { imageBrightness: 110 });
    const unmeasured = analyzeGait(track);
    expect(lit.activity).toBe('running');
    expect(lit.summary.cadence.value).toBe(unmeasured.summary.cadence.value);
    expect(lit.events).toEqual(unmeasured.events);
    expect(lit.quality.imageBrightness).toBe(110);
    expect(unmeasured.quality.imageBrightness).toBeNull();
  });
});
