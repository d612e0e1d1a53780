/** The picture-change meter the segments are cut by (src/pipeline/frameChange.ts): real pixels, known answers. */
import { describe, expect, it } from 'vitest';
import { CUT_MIN_MEAN_CHANGE } from '../../src/core/analysis/thresholds';
import { compareGrids, FrameChangeMeter, GRID, lumaGrid, runnerBox } from '../../src/pipeline/frameChange';

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
  it("with the runner's box: a fixed camera leaves the background still, a following camera moves it", () => {
    const meter = new FrameChangeMeter();
    // a textured background (vertical stripes) and a runner block; the camera pans 12 px between the frames
    const frame = (pan: number, runnerX: number) =>
      picture(640, 360, (x, y) => (x >= runnerX && x < runnerX + 40 && y >= 100 && y < 260 ? 230 : ((x + pan) >> 4) % 2 ? 40 : 160));
    const box = runnerBox([{ x: 200, y: 200 }, { x: 300, y: 520 }], 2); // display pixels at 2× the picture
    expect(box).toEqual({ x0: 75, y0: 60, x1: 175, y1: 340 });
    meter.next(frame(0, 100));
    meter.next(frame(0, 110));
    expect(meter.background(box!)).toBe(0);
    meter.next(frame(12, 110));
    expect(meter.background(box!)).toBeGreaterThan(20);
    // a runner filling the picture leaves too little background to judge
    expect(meter.background({ x0: 0, y0: 0, x1: 600, y1: 300 })).toBeNull();
  });
  it('a new shot is seen as it comes: a large change against the last second, not a steady large one', () => {
    const meter = new FrameChangeMeter();
    const c = (mean: number) => ({ mean, peak: 50 });
    for (let i = 0; i < 10; i++) expect(meter.startsShot(c(2), 30)).toBe(false);
    expect(meter.startsShot(c(80), 30)).toBe(true);
    // a camera panning fast changes the picture a lot on every frame: no new shot on each
    const pan = new FrameChangeMeter();
    for (let i = 0; i < 10; i++) pan.startsShot(c(30), 30);
    expect(pan.startsShot(c(35), 30)).toBe(false);
    expect(meter.startsShot(null, 30)).toBe(false);
  });
});
