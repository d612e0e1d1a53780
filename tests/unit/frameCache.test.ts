/**
 * The player's frame cache (workers/frameCache.ts) and the frame/time helpers of the single-frame decoders
 * (workers/frameTimes.ts): byte cap, least-recently-used eviction, and which decoder start serves a frame.
 */
import { describe, expect, it } from 'vitest';
import { FrameCache } from '../../workers/frameCache';
import { frameAtUs, keyFrameBefore, requestTimeS, worthContinuing } from '../../workers/frameTimes';

const blob = (bytes: number) => new Blob([new Uint8Array(bytes)]);

describe('FrameCache', () => {
  it('keeps the total under the cap, evicting the least recently used frame first', () => {
    const c = new FrameCache(1000);
    c.put(1, blob(400));
    c.put(2, blob(400));
    expect(c.bytes).toBe(800);
    c.get(1); // 1 used: 2 is now the oldest
    c.put(3, blob(400));
    expect(c.has(2)).toBe(false);
    expect(c.has(1) && c.has(3)).toBe(true);
    expect(c.bytes).toBe(800);
    expect(c.fits(200)).toBe(true);
    expect(c.fits(201)).toBe(false);
  });

  it('replaces a frame put twice, and refuses a blob larger than the cap', () => {
    const c = new FrameCache(1000);
    c.put(5, blob(300));
    c.put(5, blob(500));
    expect([c.size, c.bytes]).toEqual([1, 500]);
    c.put(6, blob(1001));
    expect([c.size, c.bytes, c.has(6)]).toEqual([1, 500, false]);
    c.clear();
    expect([c.size, c.bytes]).toEqual([0, 0]);
  });
});

describe('frame times', () => {
  // 30 fps, µs
  const ts = Array.from({ length: 360 }, (_, i) => Math.round((i * 1e6) / 30));
  it('asks the decoder for the middle of a frame, and maps a decoded timestamp back to its frame', () => {
    expect(requestTimeS(ts, 10)).toBeCloseTo((ts[10] + ts[11]) / 2e6, 9);
    expect(requestTimeS(ts, 359)).toBeCloseTo((ts[359] + 500) / 1e6, 9);
    expect(frameAtUs(ts, ts[123])).toBe(123);
    expect(frameAtUs(ts, ts[123] + 10)).toBe(123);
    expect(frameAtUs(ts, ts[124] - 10)).toBe(124);
    expect(frameAtUs(ts, -5)).toBe(0);
    expect(frameAtUs(ts, 1e12)).toBe(359);
    expect(frameAtUs([], 0)).toBe(-1);
  });

  it('the treadmill clip (key frames 0 and 251): frame 240 decodes from 0, frame 300 from 251', () => {
    const keys = [0, 251];
    expect(keyFrameBefore(keys, 240)).toBe(0);
    expect(keyFrameBefore(keys, 251)).toBe(251);
    expect(keyFrameBefore(keys, 300)).toBe(251);
    expect(keyFrameBefore([], 40)).toBe(0);
    // a decoder that has decoded up to 199 goes on to 240 (same group), not to 300 (a fresh start at 251 is shorter)
    expect(worthContinuing(200, 240, keyFrameBefore(keys, 240))).toBe(true);
    expect(worthContinuing(200, 300, keyFrameBefore(keys, 300))).toBe(false);
    // never backwards
    expect(worthContinuing(200, 150, keyFrameBefore(keys, 150))).toBe(false);
  });
});
