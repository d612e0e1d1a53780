import { describe, expect, it } from 'vitest';
import { measureFrameRate } from '../../src/core/frameRate';

const ramp = (n: number, dtUs: number) => Array.from({ length: n }, (_, i) => Math.round(i * dtUs));

describe('measureFrameRate', () => {
  it('reads 29.97, 30, 60 and 240 fps from timestamps to within 0.01 fps', () => {
    for (const fps of [29.97, 30, 60, 240]) {
      const r = measureFrameRate(ramp(300, 1e6 / fps));
      expect(Math.abs(r.fps! - fps)).toBeLessThan(0.01 * (fps / 30));
      expect(r.variable).toBe(false);
      expect(r.monotonic).toBe(true);
    }
  });

  it('notices a variable frame rate (phone VFR: intervals alternating 25 and 41 ms)', () => {
    let t = 0;
    const ts = Array.from({ length: 200 }, (_, i) => (t += i % 2 ? 25_000 : 41_000));
    expect(measureFrameRate(ts).variable).toBe(true);
  });

  it('flags timestamps that do not strictly increase', () => {
    expect(measureFrameRate([0, 33_333, 33_333, 66_666]).monotonic).toBe(false);
  });

  it('gives no rate for fewer than 3 frames', () => {
    expect(measureFrameRate([0, 33_333]).fps).toBeNull();
  });
});
