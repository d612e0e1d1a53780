/**
 * How much a decoded frame differs from the one before it (pure; runs in the pose worker on the picture the model
 * gets). The analysis reads two figures per frame from it to cut a clip into segments (src/core/analysis/segments.ts):
 * a hard cut changes most of the picture at once (a high `mean`); a repeated frame — slow motion made by showing each
 * frame several times — changes nothing (`peak` ≈ 0), where a frame with a moving runner changes at least the runner.
 */
import type { FrameChange } from '../core/types';

/** The picture is compared on a GRID × GRID grid of cell means (luma 0–255): compression noise averages out. */
export const GRID = 64;
/** `peak` is the PEAK_RANK-th largest cell difference: one or two noisy cells do not count as change. */
export const PEAK_RANK = 8;

/** Mean luma per cell of a GRID × GRID grid over an RGBA picture (every second pixel of every second row read). */
export function lumaGrid(rgba: ArrayLike<number>, width: number, height: number): Float32Array {
  const sum = new Float32Array(GRID * GRID);
  const count = new Uint16Array(GRID * GRID);
  for (let y = 0; y < height; y += 2) {
    const row = Math.min(GRID - 1, Math.floor((y * GRID) / height)) * GRID;
    for (let x = 0; x < width; x += 2) {
      const i = (y * width + x) * 4;
      const c = row + Math.min(GRID - 1, Math.floor((x * GRID) / width));
      sum[c] += 0.299 * rgba[i] + 0.587 * rgba[i + 1] + 0.114 * rgba[i + 2];
      count[c]++;
    }
  }
  for (let c = 0; c < sum.length; c++) sum[c] = count[c] ? sum[c] / count[c] : 0;
  return sum;
}

/** Mean and PEAK_RANK-th largest absolute difference between two grids of the same size. */
export function compareGrids(a: Float32Array, b: Float32Array): FrameChange {
  let total = 0;
  const top: number[] = [];
  for (let c = 0; c < a.length; c++) {
    const d = Math.abs(a[c] - b[c]);
    total += d;
    if (top.length < PEAK_RANK || d > top[top.length - 1]) {
      top.push(d);
      top.sort((p, q) => q - p);
      if (top.length > PEAK_RANK) top.pop();
    }
  }
  const round = (v: number) => Math.round(v * 100) / 100;
  return { mean: round(total / a.length), peak: round(top.length === PEAK_RANK ? top[PEAK_RANK - 1] : 0) };
}

/** Frame by frame: the change from the previous picture; null for the first one and around a frame without picture. */
export class FrameChangeMeter {
  private previous: Float32Array | null = null;

  next(image: { data: ArrayLike<number>; width: number; height: number } | null): FrameChange | null {
    if (!image) {
      this.previous = null;
      return null;
    }
    const grid = lumaGrid(image.data, image.width, image.height);
    const change = this.previous ? compareGrids(this.previous, grid) : null;
    this.previous = grid;
    return change;
  }
}
