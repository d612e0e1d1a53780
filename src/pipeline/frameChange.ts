/**
 * How much a decoded frame differs from the one before it (pure; runs in the pose worker on the picture the model
 * gets). The analysis cuts a clip into segments by two of its figures (src/core/analysis/segments.ts): a hard cut
 * changes most of the picture at once (a high `mean`); a repeated frame — slow motion made by showing each frame
 * several times — changes nothing (`peak` ≈ 0), where a frame with a moving runner changes at least the runner. The
 * third, `background` (outside the runner's box), tells a camera that follows the runner from a still one (view.ts).
 */
import type { FrameChange } from '../core/types';
import { CUT_MIN_MEAN_CHANGE, CUT_MIN_RATIO } from '../core/analysis/thresholds';

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

/** A box on the picture (pixels of the picture compared), e.g. around the runner. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Grid cells (row-major) inside a box of a width × height picture. */
function cellsInside(box: Box, width: number, height: number): Uint8Array {
  const inside = new Uint8Array(GRID * GRID);
  const cx0 = Math.max(0, Math.floor((box.x0 / width) * GRID));
  const cx1 = Math.min(GRID - 1, Math.floor((box.x1 / width) * GRID));
  const cy0 = Math.max(0, Math.floor((box.y0 / height) * GRID));
  const cy1 = Math.min(GRID - 1, Math.floor((box.y1 / height) * GRID));
  for (let y = cy0; y <= cy1; y++) for (let x = cx0; x <= cx1; x++) inside[y * GRID + x] = 1;
  return inside;
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
  return { mean: round2(total / a.length), peak: round2(top.length === PEAK_RANK ? top[PEAK_RANK - 1] : 0) };
}

/**
 * The mean difference of the cells outside the runner's (`runner`, 1 = the runner's box): the background, still for a
 * fixed camera (a treadmill, a runner passing), moving for a camera that follows the runner; null where too little of
 * it is seen (a runner filling the picture leaves no background to judge).
 */
export function backgroundChange(a: Float32Array, b: Float32Array, runner: Uint8Array): number | null {
  let total = 0;
  let cells = 0;
  for (let c = 0; c < a.length; c++) {
    if (runner[c]) continue;
    total += Math.abs(a[c] - b[c]);
    cells++;
  }
  return cells >= BACKGROUND_MIN_CELLS ? round2(total / cells) : null;
}

const round2 = (v: number) => Math.round(v * 100) / 100;

/** Fewest background cells (of GRID²) to judge the background by: a quarter of the picture. */
export const BACKGROUND_MIN_CELLS = (GRID * GRID) / 4;

/** The runner's box on the picture from keypoints in display pixels (picture = display / scale), grown by half its
 *  size each way and down to the picture's foot (the treadmill belt and the shadow move with the runner). */
export function runnerBox(keypoints: readonly { x: number; y: number }[], scale: number): Box | null {
  if (!keypoints.length) return null;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const k of keypoints) {
    x0 = Math.min(x0, k.x / scale);
    x1 = Math.max(x1, k.x / scale);
    y0 = Math.min(y0, k.y / scale);
    y1 = Math.max(y1, k.y / scale);
  }
  const w = x1 - x0;
  const h = y1 - y0;
  return { x0: x0 - 0.5 * w, y0: y0 - 0.25 * h, x1: x1 + 0.5 * w, y1: y1 + 0.5 * h };
}

/** Frame by frame: the change from the previous picture; null for the first one and around a frame without picture. */
export class FrameChangeMeter {
  private previous: Float32Array | null = null;
  private pair: { before: Float32Array; after: Float32Array; width: number; height: number } | null = null;
  private recentMeans: number[] = [];

  next(image: { data: ArrayLike<number>; width: number; height: number } | null): FrameChange | null {
    if (!image) {
      this.previous = null;
      this.pair = null;
      return null;
    }
    const grid = lumaGrid(image.data, image.width, image.height);
    const change = this.previous ? compareGrids(this.previous, grid) : null;
    this.pair = this.previous ? { before: this.previous, after: grid, width: image.width, height: image.height } : null;
    this.previous = grid;
    return change;
  }

  /** The last change's background: the mean cell difference outside the runner's box (null: too little background). */
  background(runner: Box): number | null {
    if (!this.pair) return null;
    return backgroundChange(this.pair.before, this.pair.after, cellsInside(runner, this.pair.width, this.pair.height));
  }

  /**
   * Whether this change looks like a new shot as it happens (only the frames before it are known): the picture changes
   * by at least CUT_MIN_MEAN_CHANGE and CUT_MIN_RATIO × the last second's median. The pose stage then looks for the
   * runner afresh instead of where he was; the analysis decides cuts on both sides (segments.ts).
   */
  startsShot(change: FrameChange | null, fps: number): boolean {
    if (!change) return false;
    const recent = this.recentMeans;
    const sorted = [...recent].sort((a, b) => a - b);
    const typical = sorted.length ? sorted[sorted.length >> 1] : Infinity;
    recent.push(change.mean);
    if (recent.length > Math.max(5, Math.round(fps))) recent.shift();
    return change.mean >= CUT_MIN_MEAN_CHANGE && change.mean >= CUT_MIN_RATIO * Math.max(1, typical);
  }
}
