import { describe, expect, it } from 'vitest';
import { nearestPeakTime, withThighToeOffs } from '../../../src/core/analysis/thighToeOff';
import type { DetectedEvent } from '../../../src/core/analysis/events';
import { THIGH_TO_WEIGHT } from '../../../src/core/analysis/thresholds';

/** A thigh-extension trace with parabolic peaks (20° high, curvature −2°/frame²) at the given sub-frame times. */
function trace(n: number, peaks: number[]): Float64Array {
  const v = new Float64Array(n);
  for (let f = 0; f < n; f++) v[f] = Math.max(...peaks.map((p) => 20 - 2 * (f - p) ** 2));
  return v;
}

const ev = (type: 'IC' | 'TO', foot: 'left' | 'right', te: number, method: DetectedEvent['method'] = 'kinematic'): DetectedEvent => ({ type, foot, te, confidence: 1, method, marker: 'toe' });

describe('the thigh’s extension peak', () => {
  it('is placed between frames by the parabola through the highest sample and its neighbours', () => {
    expect(nearestPeakTime(trace(40, [12.3]), 11, 3)).toBeCloseTo(12.3, 10);
    expect(nearestPeakTime(trace(40, [12.7]), 14, 3)).toBeCloseTo(12.7, 10);
  });
  it('is the peak nearest the toe’s estimate within ±r frames, and NaN when there is none or a neighbour is missing', () => {
    const v = trace(60, [10.2, 31.6]);
    expect(nearestPeakTime(v, 29, 3)).toBeCloseTo(31.6, 10);
    expect(nearestPeakTime(v, 20, 3)).toBeNaN();
    v[31] = NaN;
    v[32] = NaN;
    expect(nearestPeakTime(v, 31, 2)).toBeNaN();
  });
});

describe('toe-offs below 50 fps', () => {
  const thigh = { left: trace(80, [20.4, 50.4]), right: trace(80, [35.2]) };
  const events = [ev('IC', 'left', 10), ev('TO', 'left', 19.4), ev('IC', 'right', 26), ev('TO', 'right', 34.2), ev('TO', 'left', 49.4, 'zeni'), ev('TO', 'right', 60, 'kinematic')];
  it(`move ${THIGH_TO_WEIGHT} of the way to the thigh's peak; contacts, non-kinematic toe-offs and toe-offs with no peak near stay`, () => {
    const out = withThighToeOffs(events, thigh, 30);
    expect(out.map((e) => e.te)).toEqual([10, 19.4 + THIGH_TO_WEIGHT * 1, 26, 34.2 + THIGH_TO_WEIGHT * 1, 49.4, 60].map((x) => expect.closeTo(x, 9)));
    expect(out[1]).toMatchObject({ type: 'TO', foot: 'left', method: 'kinematic' });
    expect(events[1].te).toBe(19.4); // pure: the input is not changed
  });
  it('at 50 fps and above the foot’s own toe-off stands', () => {
    expect(withThighToeOffs(events, thigh, 60)).toBe(events);
  });
});
