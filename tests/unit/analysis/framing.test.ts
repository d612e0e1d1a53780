/** Feet out of the picture (a runner cut off at the knees): measured, reported as the reason, and advised on. */
import { describe, expect, it } from 'vitest';
import { analyzeGait } from '../../../src/core/analysis';
import { feetOutOfFrameFraction } from '../../../src/core/analysis/framing';
import { keypointIndex } from '../../../src/core/poseTrack';
import type { KeypointName, PoseTrack } from '../../../src/core/types';
import { generateSideTrack } from '../../../fixtures/synthetic';

const FOOT = ['ankle', 'heel', 'foot_index'];

function lowestKnee(track: PoseTrack): number {
  let min = Infinity;
  for (const side of ['left', 'right']) {
    const k = keypointIndex(track, `${side}_knee` as KeypointName);
    for (let f = 0; f < track.frameCount; f++) min = Math.min(min, track.data[(f * track.keypointNames.length + k) * 4 + 1]);
  }
  return min;
}

describe('feet out of the picture', () => {
  it('a whole body in view: no foot is out, no advice', () => {
    const { track } = generateSideTrack({ fps: 30, seed: 3 });
    expect(feetOutOfFrameFraction(track)).toBe(0);
    const a = analyzeGait(track);
    expect(a.quality.feetOutOfFrameFraction).toBe(0);
    expect(a.advice.map((x) => x.code)).not.toContain('feet-out-of-frame');
    expect(a.activity).toBe('running');
  });

  it('the frame cut just above the knees: the feet are out on every frame, and that is the reason given', () => {
    const { track } = generateSideTrack({ fps: 30, seed: 3 });
    const cut: PoseTrack = { ...track, height: Math.floor(lowestKnee(track)) - 1 };
    expect(feetOutOfFrameFraction(cut)).toBe(1);
    const a = analyzeGait(cut);
    const advice = a.advice.find((x) => x.code === 'feet-out-of-frame');
    expect(advice?.message).toMatch(/100 % of the frames/);
    if (a.activity === 'none') {
      expect(advice?.severity).toBe('error');
      expect(a.activityReason).toMatch(/feet are out of the picture on 100 %/);
      // the generic "film from the side" advice would mislead: the camera angle is fine, the framing is not
      expect(a.advice.map((x) => x.code)).not.toContain('no-running');
    } else {
      expect(advice?.severity).toBe('warning');
    }
  });

  it('one foot unseen (low score) on the first half of the frames: 50 %, within one frame', () => {
    const { track } = generateSideTrack({ fps: 30, seed: 3 });
    const K = track.keypointNames.length;
    const half = Math.floor(track.frameCount / 2);
    for (const name of FOOT) {
      const k = keypointIndex(track, `left_${name}` as KeypointName);
      for (let f = 0; f < half; f++) track.data[(f * K + k) * 4 + 3] = 0.1;
    }
    expect(Math.abs(feetOutOfFrameFraction(track)! - half / track.frameCount)).toBeLessThanOrEqual(1 / track.frameCount);
    expect(analyzeGait(track).advice.map((x) => x.code)).toContain('feet-out-of-frame');
  });
});
