/** Frame-rate facts measured from decoded presentation timestamps (pure). */
export interface FrameRateFacts {
  /** 1 / median frame interval, frames per second; null with fewer than 3 frames. */
  fps: number | null;
  /** More than 5 % of intervals differ from the median by more than 10 %. */
  variable: boolean | null;
  /** Timestamps strictly increase. */
  monotonic: boolean;
}

export function measureFrameRate(timestampsUs: ArrayLike<number>): FrameRateFacts {
  const n = timestampsUs.length;
  let monotonic = true;
  const d: number[] = [];
  for (let i = 1; i < n; i++) {
    const dt = timestampsUs[i] - timestampsUs[i - 1];
    if (dt <= 0) monotonic = false;
    d.push(dt);
  }
  if (n < 3) return { fps: null, variable: null, monotonic };
  d.sort((a, b) => a - b);
  const median = d[Math.floor(d.length / 2)];
  if (median <= 0) return { fps: null, variable: null, monotonic };
  const off = d.filter((x) => Math.abs(x - median) > 0.1 * median).length;
  return { fps: 1e6 / median, variable: off > 0.05 * d.length, monotonic };
}
