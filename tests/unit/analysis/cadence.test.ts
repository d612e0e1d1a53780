import { describe, expect, it } from 'vitest';
import { checkedAgainstCycle, strideTimeFromContacts } from '../../../src/core/analysis/cadence';
import { emptyMeasure } from '../../../src/core/analysis/summary';

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
  it('a contact misplaced by half a stride neither shares a stride number with the next one nor pulls the line', () => {
    // the slow-motion clip of the browser test, right foot (ms): the first contact ~0.4 stride early
    const right = [289, 1385, 2121, 2785, 3522, 4158, 4857, 5576].map((te) => ({ foot: 'right' as const, te }));
    const left = [374, 1016, 1742, 2437, 3146, 3853, 4569, 5272].map((te) => ({ foot: 'left' as const, te }));
    const st = strideTimeFromContacts([...right, ...left])!;
    // the contacts' own medians: 703 (left), 719 (right); the old numbering read 747 ms (161 steps/min)
    expect(st.frames).toBeGreaterThan(695);
    expect(st.frames).toBeLessThan(715);
  });
  it('a spurious contact half-way between two others is left out, not counted as a stride', () => {
    const T = 700;
    const left = [100, 800, 1500, 1850, 2200, 2900, 3600, 4300].map((te) => ({ foot: 'left' as const, te }));
    const st = strideTimeFromContacts(left)!;
    expect(st.frames).toBeCloseTo(T, 6);
    expect(st.strides).toBe(6);
  });
  it('needs two strides', () => {
    expect(strideTimeFromContacts([{ foot: 'left', te: 0 }, { foot: 'left', te: 40 }])).toBeNull();
  });
  it('a cadence from 2–3 strides is given only within 10 % of the legs\' cycle over the clip; from 4 or more, always', () => {
    const m = (value: number, n: number) => ({ ...emptyMeasure('steps/min', ''), value, n, reason: null });
    expect(checkedAgainstCycle(m(197, 2), 159)).toMatchObject({ value: null, reason: "low confidence: 2 strides read 197 steps/min, the legs' cycle over the whole clip 159: too little to tell" });
    expect(checkedAgainstCycle(m(169, 3), 170).value).toBe(169);
    expect(checkedAgainstCycle(m(197, 4), 159).value).toBe(197);
  });
});
