/**
 * Several people in view (src/core/analysis/identity.ts): synthetic tracks of a treadmill runner and a person standing
 * beside him (a coach), the single-person track jumping between the two as BlazePose's did on the clip.
 */
import { describe, expect, it } from 'vitest';
import { analyzeGait } from '../../../src/core/analysis';
import {
  FootPassCounter,
  separatePeople,
  withoutFrames,
} from '../../../src/core/analysis/identity';
import { FIELDS_PER_KEYPOINT } from '../../../src/core/poseTrack';
import type { PoseTrack } from '../../../src/core/types';
import { generateNonGaitTrack, generateSideTrack } from '../../../fixtures/synthetic';

const FPS = 30;
const N = 6 * FPS;
const runner = generateSideTrack({ fps: FPS, durationS: 6, noisePx: 2.5, dropoutRate: 0, swaps: 0, seed: 5 }).track;
const standing = generateNonGaitTrack({ fps: FPS, durationS: 6, seed: 9 }).track;

/** The standing person moved `dx` pixels to the right of where the generator puts him (beside the runner). */
function shifted(t: PoseTrack, dx: number, scale = 1): PoseTrack {
  const data = Float32Array.from(t.data);
  for (let o = 0; o < data.length; o += FIELDS_PER_KEYPOINT) {
    data[o] = 640 + (data[o] - 640) * scale + dx;
    data[o + 1] = 650 + (data[o + 1] - 650) * scale;
  }
  return { ...t, data };
}

/** The runner's track with the frames of `spans` ([first, last]) taken from `other`: a tracker that jumped. */
function mixed(a: PoseTrack, other: PoseTrack, spans: [number, number][]): PoseTrack {
  const data = Float32Array.from(a.data);
  const poseScore = Float32Array.from(a.poseScore);
  const row = a.keypointNames.length * FIELDS_PER_KEYPOINT;
  for (const [s, e] of spans) {
    for (let f = s; f <= e; f++) {
      data.set(other.data.subarray(f * row, (f + 1) * row), f * row);
      poseScore[f] = other.poseScore[f];
    }
  }
  return { ...a, data, poseScore };
}

const framesOf = (spans: [number, number][]) => spans.flatMap(([s, e]) => Array.from({ length: e - s + 1 }, (_, i) => s + i));
const blankedFrames = (keep: Uint8Array) => [...keep].map((k, f) => (k ? -1 : f)).filter((f) => f >= 0);

describe('separatePeople', () => {
  const coach = shifted(standing, 450); // hip centres 450 px ≈ 1.5 leg lengths apart

  it('leaves a one-person track alone: the runner, a person standing', () => {
    for (const t of [runner, standing]) {
      const r = separatePeople(t);
      expect(r.jumps).toEqual([]);
      expect(r.otherPersonFrames).toBe(0);
      expect(blankedFrames(r.keep)).toEqual([]);
    }
  });

  it('finds the jumps to the coach and back, keeps the runner and blanks exactly the coach frames', () => {
    const spans: [number, number][] = [[60, 119], [150, 159]];
    const r = separatePeople(mixed(runner, coach, spans));
    expect(r.jumps).toEqual([60, 120, 150, 160]);
    expect(blankedFrames(r.keep)).toEqual(framesOf(spans));
    expect(r.otherPersonFrames).toBe(70);
    const kept = r.identities.find((i) => i.runner)!;
    expect(kept.frames).toBe(N - 70);
    expect(kept.passes).toBeGreaterThanOrEqual(10); // ~2.7 foot passes a second
    expect(r.identities.filter((i) => i.blanked)).toEqual([expect.objectContaining({ frames: 70, passes: 0 })]);
  });

  it('blanks the coach when the track starts on him (the detector chose him first)', () => {
    const r = separatePeople(mixed(runner, coach, [[0, 29]]));
    expect(blankedFrames(r.keep)).toEqual(framesOf([[0, 29]]));
  });

  it('blanks the coach when the track flips between the two every few frames (the issue: 195 frames of swaps)', () => {
    const spans: [number, number][] = [];
    for (let s = 30; s < 150; s += 8) spans.push([s, s + 3]);
    const r = separatePeople(mixed(runner, coach, spans));
    expect(r.jumps.length).toBe(2 * spans.length);
    expect(blankedFrames(r.keep)).toEqual(framesOf(spans));
  });

  it('tells a coach standing partly in front (hips one leg length apart) or bigger (closer to the camera)', () => {
    for (const other of [shifted(standing, 300), shifted(standing, 250, 1.7)]) {
      const r = separatePeople(mixed(runner, other, [[90, 149]]));
      expect(r.jumps).toEqual([90, 150]);
      expect(blankedFrames(r.keep)).toEqual(framesOf([[90, 149]]));
    }
  });

  it('keeps the runner even when the other person is on more frames', () => {
    const r = separatePeople(mixed(runner, coach, [[0, 119]]));
    expect(blankedFrames(r.keep)).toEqual(framesOf([[0, 119]]));
    expect(r.identities.find((i) => i.runner)!.frames).toBe(60);
  });

  it('leaves a single-frame glitch alone: a jump, but too short to be another person', () => {
    const glitch = shifted(runner, 300);
    const r = separatePeople(mixed(runner, glitch, [[100, 101]]));
    expect(r.jumps).toEqual([100, 102]);
    expect(r.otherPersonFrames).toBe(0);
  });

  it('with nobody cycling (two people standing) keeps the person seen longest', () => {
    const r = separatePeople(mixed(standing, coach, [[0, 49]]));
    expect(blankedFrames(r.keep)).toEqual(framesOf([[0, 49]]));
  });

  it('withoutFrames turns the blanked frames into "no person", the rest untouched', () => {
    const keep = new Uint8Array(N).fill(1);
    keep[3] = 0;
    const t = withoutFrames(runner, keep);
    expect(Number.isNaN(t.poseScore[3])).toBe(true);
    expect(t.poseScore[4]).toBe(runner.poseScore[4]);
    expect(Number.isNaN(runner.poseScore[3])).toBe(false);
  });
});

describe('analysis of a track that jumped to another person', () => {
  const alone = analyzeGait(runner);
  const coach = shifted(standing, 450);

  it('reads the runner as on his own, says another person was seen, and never mixes the two', () => {
    const spans: [number, number][] = [[40, 79], [120, 129]];
    const a = analyzeGait(mixed(runner, coach, spans));
    expect(alone.activity).toBe('running');
    expect(a.activity).toBe('running');
    expect(a.quality.otherPersonFrames).toBe(50);
    expect(Math.abs(a.summary.cadence.value! - alone.summary.cadence.value!)).toBeLessThanOrEqual(3);
    const advice = a.advice.find((x) => x.code === 'other-person');
    expect(advice?.message).toMatch(/^Another person was seen on 50 frames of 180: StrideScope followed the runner/);
    expect(advice?.severity).toBe('warning');
    expect(a.advice.map((x) => x.code)).not.toContain('many-dropouts'); // the frames left out are the other person's
  });

  it('a track flipping to the coach for 3 frames in every 10 for 5 s: his 45 frames left out, the runner read as alone', () => {
    // (3 frames = 0.1 s: the gaps left are short enough to be bridged; longer ones leave the runner too little)
    const spans: [number, number][] = [];
    for (let s = 20; s < 170; s += 10) spans.push([s, s + 2]);
    const a = analyzeGait(mixed(runner, coach, spans));
    expect(a.quality.otherPersonFrames).toBe(45);
    expect(a.activity).toBe('running');
    expect(Math.abs(a.summary.cadence.value! - alone.summary.cadence.value!)).toBeLessThanOrEqual(3);
    expect(a.advice.map((x) => x.code)).toContain('other-person');
  });

  it('passes on the pose stage\'s count of frames with another person in view', () => {
    const a = analyzeGait(runner, { otherPersonFramesSeen: 150 });
    expect(a.quality.otherPersonFrames).toBe(0);
    const advice = a.advice.find((x) => x.code === 'other-person')!;
    expect(advice.message).toBe('Another person was seen on 150 frames of 180: StrideScope followed the runner (the person whose legs cycle) and kept the other person out of the analysis. For the cleanest analysis, film the runner alone.');
    expect(advice.severity).toBe('info');
    expect(a.summary.cadence.value).toBe(alone.summary.cadence.value);
    expect(analyzeGait(runner).advice.map((x) => x.code)).not.toContain('other-person');
  });
});

describe('foot passes (the leg cycle)', () => {
  const at = (i: number) => i / 30;

  it('counts the feet passing each other, not a left/right label swap', () => {
    const c = new FootPassCounter();
    // fore-aft difference of a runner: ±0.6 body scales at 2.75 steps/s (a pass every ~11 frames)
    for (let i = 0; i < 60; i++) c.push(0.6 * Math.sin((Math.PI * i) / 11), 0, at(i));
    expect(c.passes).toBe(5);
    const swapped = new FootPassCounter();
    for (let i = 0; i < 60; i++) {
      const d = 0.6 * Math.sin((Math.PI * i) / 11);
      swapped.push(i >= 26 && i < 31 ? -d : d, 0, at(i)); // labels exchanged on frames 26–30
    }
    expect(swapped.passes).toBe(5);
  });

  it('does not count feet moving apart and together (a star jump seen from the front) or standing', () => {
    const c = new FootPassCounter();
    for (let i = 0; i < 90; i++) c.push(0.1 + 0.4 * (0.5 + 0.5 * Math.sin(i / 4)), 0, at(i));
    expect(c.passes).toBe(0);
  });

  it('counts up-down passes too (a runner seen from behind)', () => {
    const c = new FootPassCounter();
    for (let i = 0; i < 60; i++) c.push(0.05, 0.3 * Math.sin((Math.PI * i) / 11), at(i));
    expect(c.passes).toBe(5);
  });
});
