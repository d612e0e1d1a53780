import { describe, expect, it } from 'vitest';
import { strideTimeFromContacts } from '../../../src/core/analysis/cadence';

describe('cadence from the whole pass (regression of contact times on stride number)', () => {
  it('recovers the stride time within 0.5 % from contacts jittered by up to ±1 frame, where the median stride is off by more', () => {
    // 30 fps, true stride 21.18 frames (170 steps/min), 5 contacts per foot, each rounded to a whole frame ±1
    const T = (120 * 30) / 170;
    const jitter = [1, -1, 0, 1, -1, -1, 1, 0, -1, 1];
    const contacts = Array.from({ length: 10 }, (_, i) => ({
      foot: (i % 2 ? 'left' : 'right') as 'left' | 'right',
      te: Math.round(5 + (i >> 1) * T + (i % 2) * T / 2) + jitter[i],
    }));
    const r = strideTimeFromContacts(contacts)!;
    expect(r.strides).toBe(8);
    expect(Math.abs(r.frames - T) / T).toBeLessThan(0.005);
    const right = contacts.filter((c) => c.foot === 'right').map((c) => c.te);
    const perStride = right.slice(1).map((t, i) => t - right[i]);
    const med = [...perStride].sort((a, b) => a - b)[Math.floor(perStride.length / 2)];
    expect(Math.abs(med - T) / T).toBeGreaterThan(0.02);
  });
  it('a missed contact leaves a gap in the stride numbers instead of doubling a stride', () => {
    const T = 40;
    const contacts = [0, 40, 120, 160, 200].map((te) => ({ foot: 'left' as const, te: te + 3 }));
    expect(strideTimeFromContacts(contacts)!.frames).toBeCloseTo(40, 6);
  });
  it('needs two strides', () => {
    expect(strideTimeFromContacts([{ foot: 'left', te: 0 }, { foot: 'left', te: 40 }])).toBeNull();
  });
});
