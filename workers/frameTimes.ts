/**
 * Frame numbers ↔ times, and where decoding a frame has to start: pure helpers for the single-frame decoders.
 * Frame `i` is the i-th frame of the run in presentation order, with the decoded timestamp `timestampsUs[i]`.
 */

/** The time (s) to ask the decoder for frame `index`: the middle of its interval, so rounding of µs never lands on the previous frame. */
export function requestTimeS(timestampsUs: readonly number[], index: number): number {
  const t = timestampsUs[index];
  const next = timestampsUs[index + 1];
  return (next !== undefined ? (t + next) / 2 : t + 500) / 1e6;
}

/** The index of the frame whose timestamp is nearest `us` (timestamps increasing); -1 for an empty list. */
export function frameAtUs(timestampsUs: readonly number[], us: number): number {
  let lo = 0;
  let hi = timestampsUs.length - 1;
  if (hi < 0) return -1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (timestampsUs[mid] < us) lo = mid + 1;
    else hi = mid;
  }
  // lo: first timestamp ≥ us; the one before may be nearer
  return lo > 0 && us - timestampsUs[lo - 1] < timestampsUs[lo] - us ? lo - 1 : lo;
}

/** The last key frame at or before `index` (key frame indices sorted); 0 when none is known before it. */
export function keyFrameBefore(keyFrames: readonly number[], index: number): number {
  let lo = 0;
  let hi = keyFrames.length - 1;
  let best = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (keyFrames[mid] <= index) {
      best = keyFrames[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}

/**
 * Whether a sequential decoder whose next frame is `next` (it has decoded up to `next - 1`) should go on to `target`
 * rather than a fresh decoder start at the key frame before `target`: only forward, and only when no key frame lies
 * between (a fresh start there would skip the frames in between).
 */
export function worthContinuing(next: number, target: number, keyBeforeTarget: number): boolean {
  return target >= next && keyBeforeTarget < next;
}
