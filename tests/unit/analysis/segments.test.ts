/**
 * Segments (issue 19): a clip that cuts between shots or slows down by repeating frames is read per stretch, each on
 * its own time scale. Synthetic runners with a made-up picture-change track, as the pose worker measures it.
 */
import { describe, expect, it } from 'vitest';
import { analyzeGait } from '../../../src/core/analysis';
import { hardCuts, localRepeatFactor, planSegments, repeatedFrames } from '../../../src/core/analysis/segments';
import { generateSideTrack, PRESETS } from '../../../fixtures/synthetic';
import type { PoseTrack } from '../../../src/core/types';

const runner = (cadence: number, durationS: number, seed: number, fps = 30) =>
  generateSideTrack({ fps, durationS, width: 1280, height: 720, ppm: 340, noisePx: 1.5, dropoutRate: 0, swaps: 0, setting: 'treadmill', seed, gait: { ...PRESETS.neutral, cadence, contactTimeS: (0.35 * 120) / cadence } }).track;

/** Frames `order` of `t` (repeats allowed) as a clip playing at 30 fps, with the picture change a decoder would see. */
function assemble(t: PoseTrack, order: number[], cutsAt: number[] = []): PoseTrack {
  const K = t.keypointNames.length * 4;
  const n = order.length;
  const data = new Float32Array(n * K);
  const poseScore = new Float32Array(n);
  const mean = new Float32Array(n);
  const peak = new Float32Array(n);
  order.forEach((src, i) => {
    data.set(t.data.subarray(src * K, (src + 1) * K), i * K);
    poseScore[i] = t.poseScore[src];
    const same = i > 0 && order[i - 1] === src;
    mean[i] = i === 0 ? NaN : cutsAt.includes(i) ? 80 : same ? 0.1 : 2.5;
    peak[i] = i === 0 ? NaN : same ? 0.5 : cutsAt.includes(i) ? 200 : 25;
  });
  const timestampsUs = Float64Array.from(order, (_, i) => (i * 1e6) / 30);
  return { ...t, frameCount: n, data, poseScore, timestampsUs, fps: 30, change: { mean, peak, background: new Float32Array(n).fill(0.5) } };
}

const range = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => a + i);

describe('segment planning on picture-change tracks', () => {
  it('a repeated picture counts only where the scene moves', () => {
    expect([...repeatedFrames([NaN, 30, 0, 0, 0, 30, 0.4, 0.8, 0.2, 2])]).toEqual([0, 0, 1, 1, 1, 0, 0, 0, 0, 0]);
  });
  it('the repeat factor is the median run length around a frame: one doubled frame in real time does not count', () => {
    const rep = new Uint8Array(40);
    rep[10] = 1; // one doubled frame
    for (let i = 20; i < 40; i++) rep[i] = i % 4 === 0 ? 0 : 1; // each picture 4×
    const k = localRepeatFactor(rep);
    expect(k[5]).toBe(1);
    expect(k[10]).toBe(1);
    expect(k[32]).toBe(4);
  });
  it('a cut is one isolated large change; a flicker of several is not', () => {
    const m = new Array(100).fill(2);
    m[50] = 80;
    expect(hardCuts(m, 30)).toEqual([50]);
    m[55] = 70;
    expect(hardCuts(m, 30)).toEqual([]);
  });
  it('without picture change a clip is one segment', () => {
    const t = runner(170, 4, 1);
    expect(planSegments({ ...t, change: undefined }).segments).toHaveLength(1);
  });
});

describe('segments analysed on their own time scale', () => {
  it('real time → ×4 slow motion made by repeated frames → real time: three segments, each cadence within ±3 %', () => {
    const t = runner(170, 9, 2);
    // 0–3 s as filmed, 3–5 s each frame shown 4 times, then 5–9 s as filmed
    const order = [...range(0, 90), ...range(90, 150).flatMap((f) => [f, f, f, f]), ...range(150, 270)];
    const clip = assemble(t, order);
    for (const captureFps of [undefined, 120]) {
      const a = analyzeGait(clip, { captureFps });
      expect(a.segments.map((s) => s.speed)).toEqual([1, 0.25, 1]);
      expect(a.segments.map((s) => s.speedFrom)).toEqual(['timestamps', captureFps ? 'capture-rate' : 'repeated-frames', 'timestamps']);
      expect(Math.abs(a.segments[1].startFrame - 90)).toBeLessThanOrEqual(4);
      expect(Math.abs(a.segments[2].startFrame - 330)).toBeLessThanOrEqual(4);
      for (const s of a.segments) {
        expect(s.used).toBe(true);
        expect(Math.abs(s.cadence! - 170) / 170).toBeLessThanOrEqual(0.03);
      }
      expect(a.segments.filter((s) => s.primary)).toHaveLength(1);
      expect(a.headline.join(' ')).toMatch(/3 parts/);
    }
  });
  it('a hard cut between two runners: two segments, each with its own cadence within ±3 %', () => {
    const a1 = runner(165, 5, 3);
    const b1 = runner(190, 5, 4);
    // one track holding both runners' frames: the first 150 of each
    const K = a1.keypointNames.length * 4;
    const both: PoseTrack = { ...a1, frameCount: 300, data: new Float32Array(300 * K), poseScore: new Float32Array(300), timestampsUs: new Float64Array(300) };
    both.data.set(a1.data.subarray(0, 150 * K), 0);
    both.data.set(b1.data.subarray(0, 150 * K), 150 * K);
    both.poseScore.set(a1.poseScore.subarray(0, 150), 0);
    both.poseScore.set(b1.poseScore.subarray(0, 150), 150);
    const a = analyzeGait(assemble(both, range(0, 300), [150]));
    expect(a.segments.map((s) => [s.startFrame, s.endFrame, s.startsWith])).toEqual([[0, 149, 'clip-start'], [150, 299, 'cut']]);
    expect(Math.abs(a.segments[0].cadence! - 165) / 165).toBeLessThanOrEqual(0.03);
    expect(Math.abs(a.segments[1].cadence! - 190) / 190).toBeLessThanOrEqual(0.03);
    // a contact corrected by hand counts in its own shot only
    const p0 = a.segments.find((s) => s.primary)!;
    const other = a.segments.find((s) => !s.primary)!;
    const moved = a.events.filter((e) => e.type === 'IC').map((e) => ({ type: e.type, foot: e.foot, frame: e.frame }));
    const c = analyzeGait(assemble(both, range(0, 300), [150]), { correctedEvents: [...moved, { type: 'IC', foot: 'left', frame: other.startFrame + 20 }] });
    expect(c.events.every((e) => e.frame >= p0.startFrame && e.frame <= p0.endFrame)).toBe(true);
    // every event of the report lies in the primary segment
    const p = a.segments.find((s) => s.primary)!;
    expect(a.events.length).toBeGreaterThan(10);
    expect(a.events.filter((e) => e.frame < p.startFrame || e.frame > p.endFrame).map((e) => [e.type, e.frame, p.startFrame, p.endFrame])).toEqual([]);
  });
  it('a clip that is all repeated pictures (played 2× slower) is one stretch: nothing in it tells its speed, so it asks', () => {
    const t = runner(170, 6, 8);
    const a = analyzeGait(assemble(t, range(0, 180).flatMap((f) => [f, f])));
    expect(a.segments).toHaveLength(1);
    expect(a.slowMotion.suspected).toBe(true);
    expect(a.summary.cadence.value).toBeNull();
  });
  it('a clip of one stretch has one segment covering it, with the figures unchanged', () => {
    const t = runner(170, 6, 5);
    const a = analyzeGait(t);
    expect(a.segments).toEqual([expect.objectContaining({ startFrame: 0, endFrame: 179, speed: 1, used: true, primary: true, cadence: a.summary.cadence.value })]);
  });
  it('a clip whose frame interval changes (30 → 120 → 30 frames/s in real time): three segments, the 120 fps one gives the figures', () => {
    const t = runner(170, 9, 6, 120);
    // 0–3 s every 4th frame, 3–5 s every frame, 5–9 s every 4th: a variable-frame-rate file with real timestamps
    const order = [...range(0, 360).filter((f) => f % 4 === 0), ...range(360, 600), ...range(600, 1080).filter((f) => f % 4 === 0)];
    const K = t.keypointNames.length * 4;
    const data = new Float32Array(order.length * K);
    order.forEach((src, i) => data.set(t.data.subarray(src * K, (src + 1) * K), i * K));
    const clip: PoseTrack = {
      ...t,
      frameCount: order.length,
      data,
      poseScore: Float32Array.from(order, (src) => t.poseScore[src]),
      timestampsUs: Float64Array.from(order, (src) => t.timestampsUs[src]),
      fps: 30,
    };
    const a = analyzeGait(clip);
    expect(a.segments.map((s) => [s.startsWith, s.speed])).toEqual([['clip-start', 1], ['frame-interval', 1], ['frame-interval', 1]]);
    expect(Math.abs(a.segments[1].startFrame - 90)).toBeLessThanOrEqual(4);
    expect(Math.abs(a.segments[2].startFrame - 330)).toBeLessThanOrEqual(4);
    for (const s of a.segments) expect(Math.abs(s.cadence! - 170) / 170).toBeLessThanOrEqual(0.03);
    expect(a.segments[1].primary).toBe(true);
    expect(a.fps).toBeCloseTo(120, 0);
  });
});
