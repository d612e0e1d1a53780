/** The picture-change meter the segments are cut by (src/pipeline/frameChange.ts): real pixels, known answers. */
import { describe, expect, it } from 'vitest';
import { CUT_MIN_MEAN_CHANGE } from '../../src/core/analysis/thresholds';
import { compareGrids, FrameChangeMeter, GRID, lumaGrid } from '../../src/pipeline/frameChange';

function picture(w: number, h: number, paint: (x: number, y: number) => number): { data: Uint8ClampedArray; width: number; height: number } {
  const data = new Uint8ClampedArray(w * h * 4);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    const v = paint(x, y);
    data.set([v, v, v, 255], (y * w + x) * 4);
  }
  return { data, width: w, height: h };
}

describe('picture change between frames', () => {
  it('a grey picture has that grey in every cell', () => {
    const g = lumaGrid(picture(320, 180, () => 100).data, 320, 180);
    expect(g.length).toBe(GRID * GRID);
    expect(Math.min(...g)).toBeCloseTo(100, 3);
    expect(Math.max(...g)).toBeCloseTo(100, 3);
  });
  it('the same picture again: mean and peak 0; a moving block: peak high, mean small; a cut: mean high', () => {
    const meter = new FrameChangeMeter();
    const block = (x0: number) => picture(640, 360, (x, y) => (x >= x0 && x < x0 + 40 && y >= 100 && y < 260 ? 220 : 60));
    expect(meter.next(block(100))).toBeNull();
    expect(meter.next(block(100))).toEqual({ mean: 0, peak: 0 });
    const moved = meter.next(block(130))!;
    expect(moved.peak).toBeGreaterThan(50);
    // 2 × 30 × 160 px of 640 × 360 changed by 160 levels: a mean of 6.7, under what a cut changes
    expect(moved.mean).toBeCloseTo(6.67, 0);
    expect(moved.mean).toBeLessThan(CUT_MIN_MEAN_CHANGE);
    const cut = meter.next(picture(640, 360, () => 200))!;
    expect(cut.mean).toBeGreaterThan(100);
    // a frame without picture starts afresh
    expect(meter.next(null)).toBeNull();
    expect(meter.next(block(100))).toBeNull();
  });
  it('the peak ignores up to seven changed cells (noise), not eight', () => {
    const a = new Float32Array(GRID * GRID).fill(50);
    const b = a.slice();
    for (let i = 0; i < 7; i++) b[i * 100] = 250;
    expect(compareGrids(a, b).peak).toBe(0);
    b[900] = 250;
    expect(compareGrids(a, b).peak).toBe(200);
  });
});
