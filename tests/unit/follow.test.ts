/** The pose stage keeping one identity when several people are in view (src/pipeline/follow.ts, pure). */
import { describe, expect, it } from 'vitest';
import { bodyDistance, type Body } from '../../src/core/analysis/identity';
import { bodyOfDetection, DETECTION_RADIUS_TO_SCALE, LegCycle, newcomers, pickDetection, roiOfBody, samePlace, wholeInView, countedPeople } from '../../src/pipeline/follow';
import type { Keypoint } from '../../src/core/types';

describe('pose stage: keeping one identity (src/pipeline/follow.ts)', () => {
  const runnerBody: Body = { x: 300, y: 900, scale: 300 };

  it('a re-detection takes the box where the followed person can be, never another one', () => {
    const coach: Body = { x: 1020, y: 880, scale: 320 };
    const moved: Body = { x: 330, y: 905, scale: 290 };
    expect(pickDetection([coach, moved], runnerBody, 1 / 30)).toBe(1);
    expect(pickDetection([coach], runnerBody, 1 / 30)).toBe(-1);
    // half a second later the runner can have moved further (overground), the coach is still too far
    expect(pickDetection([coach], runnerBody, 0.1)).toBe(-1);
    expect(pickDetection([{ x: 700, y: 900, scale: 300 }], runnerBody, 0.5)).toBe(0);
  });

  it('a body of another size is someone else even at the same place (a detection\'s size is rougher: up to 2×)', () => {
    expect(bodyDistance(runnerBody, { ...runnerBody, scale: 480 }, 1 / 30)).toBe(Infinity);
    expect(pickDetection([{ ...runnerBody, scale: 480 }], runnerBody, 1 / 30)).toBe(0);
    expect(pickDetection([{ ...runnerBody, scale: 650 }], runnerBody, 1 / 30)).toBe(-1);
  });

  it('newcomers are the boxes that are none of the people already followed', () => {
    const coach: Body = { x: 1020, y: 880, scale: 320 };
    expect(newcomers([coach, { x: 305, y: 902, scale: 310 }], [{ body: runnerBody, dtS: 0 }])).toEqual([0]);
    expect(newcomers([{ x: 305, y: 902, scale: 310 }], [{ body: runnerBody, dtS: 0 }])).toEqual([]);
    // a box on part of the runner (a crop cut him at the waist: treadmill clip, scale 236 vs 366, hips 88 px apart)
    expect(newcomers([{ x: 309, y: 797, scale: 236 }], [{ body: { x: 327, y: 883, scale: 366 }, dtS: 0 }])).toEqual([]);
  });

  it('a person partly in front of another is a second person; a second box on part of one body is not', () => {
    // composite "front": the coach's hips 260 px from the runner's (scales ≈ 400 and 370)
    expect(samePlace({ x: 560, y: 865, scale: 408 }, { x: 300, y: 880, scale: 370 })).toBe(false);
    expect(samePlace({ x: 327, y: 883, scale: 366 }, { x: 309, y: 797, scale: 236 })).toBe(true);
  });

  it('counts a detected person only with the whole body in the picture', () => {
    const r = 300 / DETECTION_RADIUS_TO_SCALE; // radius of a body of scale 300
    expect(wholeInView({ x: 300, y: 890, scale: 300 }, 720, 1280)).toBe(true);
    expect(wholeInView({ x: 300, y: 1280 - r * 0.7, scale: 300 }, 720, 1280)).toBe(false); // feet well below the frame
    expect(wholeInView({ x: 300, y: r * 0.9, scale: 300 }, 720, 1280)).toBe(true); // head just at the top
    expect(wholeInView({ x: -10, y: 890, scale: 300 }, 720, 1280)).toBe(false);
    // overground-back-runner at 1 s: the runner (scale 433) and a speck on the horizon (52): no one else counted
    expect(countedPeople([{ x: 967, y: 671, scale: 52 }], 1920, 1080, 433)).toEqual([]);
    const coach = { x: 1020, y: 865, scale: 400 };
    expect(countedPeople([coach, { x: 300, y: 890, scale: 360 }], 1340, 1280, null)).toHaveLength(2);
  });

  it('a region of interest for a body found by the scan: a square on the hips, as BlazePose\'s detector makes it', () => {
    // input 660×960, display = input × 2: a body of scale 370 at (300, 880)
    const roi = roiOfBody({ x: 300, y: 880, scale: 370 }, 660, 960, 2);
    expect(roi.xCenter).toBeCloseTo(150 / 660, 6);
    expect(roi.yCenter).toBeCloseTo(440 / 960, 6);
    expect(roi.width * 660).toBeCloseTo(roi.height * 960, 6);
    expect(roi.width * 660).toBeCloseTo((2.5 * 370) / DETECTION_RADIUS_TO_SCALE / 2, 6);
    expect(roi.rotation).toBe(0);
  });

  it('a detection body is the hip centre and the detector radius times DETECTION_RADIUS_TO_SCALE', () => {
    expect(bodyOfDetection({ x: 100, y: 200 }, { x: 100, y: 456 })).toEqual({ x: 100, y: 200, scale: 256 * DETECTION_RADIUS_TO_SCALE });
  });

  it('LegCycle counts the passes of the last seconds from keypoints', () => {
    const cycle = new LegCycle();
    const kp = (name: string, x: number, y: number): Keypoint => ({ name: name as Keypoint['name'], x, y, z: 0, score: 0.9 });
    for (let i = 0; i < 90; i++) {
      const d = 180 * Math.sin((Math.PI * i) / 11);
      const pose = [kp('left_hip', 290, 600), kp('right_hip', 310, 600), kp('left_ankle', 300 + d / 2, 890), kp('right_ankle', 300 - d / 2, 890)];
      cycle.push(pose, { x: 300, y: 600, scale: 300 }, (i * 1000) / 30);
    }
    expect(cycle.passesSince(-Infinity)).toBe(8);
    expect(cycle.passesSince(2000)).toBe(3);
  });
});
