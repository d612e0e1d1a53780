/** The accuracy bench's scoring (scripts/lib/label-score.mjs): counting, near/far split, extra events, bias, cadence. */
import { describe, expect, it } from 'vitest';
import { strideTimeFromContacts } from '../../src/core/analysis/cadence';
import { contactTimeWithinBar, extraEvents, bestMatch, labelCadence, labelContactTime, labelledDirection, poolScores, scoreClip, scoreEvents, type LabelEvent, unmarkedCounts } from '../../scripts/lib/label-score.mjs';

const L = (type: 'IC' | 'TO', foot: string, frame: number, more: Partial<LabelEvent> = {}): LabelEvent => ({ type, foot, frame, uncertainty: 1, ...more });
const D = (type: 'IC' | 'TO', foot: string, frame: number, strike: string | null = null) => ({ type, foot, frame, strike });
const analysis = (events: ReturnType<typeof D>[], more: Partial<{ activity: string; cadence: number | null; view: string }> = {}) => ({
  events,
  activity: more.activity ?? 'running',
  activityReason: 'test',
  view: { view: more.view ?? 'side', confidence: 0.9 },
  summary: { cadence: { value: more.cadence === undefined ? 168 : more.cadence } },
});

describe('events within ±1 / ±2 frames, near / far', () => {
  // near labels detected 0, +1, +2, +3 frames off; far labels −1, −2 off and one with nothing within 5 frames
  const labels = [
    L('IC', 'left', 10, { side: 'near', strike: 'heel', strike_certain: true }),
    L('TO', 'left', 20, { side: 'near' }),
    L('IC', 'left', 31, { side: 'near', strike: 'heel', strike_certain: true }),
    L('TO', 'left', 41, { side: 'near' }),
    L('IC', 'right', 21, { side: 'far', strike: 'heel', strike_certain: true }),
    L('TO', 'right', 30, { side: 'far' }),
    L('IC', 'right', 42, { side: 'far', strike: 'heel', strike_certain: false }),
  ];
  const events = [D('IC', 'left', 10, 'heel'), D('TO', 'left', 21), D('IC', 'left', 33, 'forefoot'), D('TO', 'left', 44), D('IC', 'right', 20, 'heel'), D('TO', 'right', 28), D('IC', 'right', 49, 'heel')];
  const s = scoreClip({ events: labels, view: 'side' }, analysis(events), 30);
  it('counts in total and per side', () => {
    expect([s.events.total, s.events.within1, s.events.within2, s.events.missed]).toEqual([7, 3, 5, 1]);
    expect(s.events.near).toEqual({ total: 4, within1: 2, within2: 3 });
    expect(s.events.far).toEqual({ total: 3, within1: 1, within2: 2 });
    expect(s.events.errors.map((e) => e.error)).toEqual([0, 1, 2, 3, -1, -2, null]);
    expect(s.events.withinUncertainty).toBe(3);
  });
  it('mean signed error per event type over the matched labels (+ = late)', () => {
    expect(s.events.bias.IC).toEqual({ n: 3, sum: 1 }); // 0, +2, −1
    expect(s.events.bias.TO).toEqual({ n: 3, sum: 2 }); // +1, +3, −2
  });
  it('strikes right on certain contacts only; a wrong strike counts against', () => {
    expect(s.strikes).toEqual({ right: 2, wrong: 1, certain: 3 }); // left 31: forefoot given for a certain heel
  });
  it('activity, view and direction of travel against the label file', () => {
    expect(s.activity).toMatchObject({ expected: 'running', found: 'running', ok: true });
    expect(s.view).toMatchObject({ expected: 'side', found: 'side', confidence: 0.9, ok: true, directionOk: null });
    const facing = scoreClip({ events: labels, facing: 'left' }, { ...analysis(events), view: { view: 'side', confidence: 1, direction: 'left-to-right' } }, 30);
    expect(facing.view).toMatchObject({ expectedDirection: 'right-to-left', direction: 'left-to-right', directionOk: false });
    expect(labelledDirection({ direction: 'left-to-right', facing: 'left' })).toBe('left-to-right');
    const w = scoreClip({ events: labels, activity: 'walking' }, analysis(events), 30);
    expect(w.activity.ok).toBe(false);
    expect(w.view.ok).toBeNull();
  });
  it('keeps scoreEvents as the browser tests use it', () => {
    expect(scoreEvents(labels, { events })).toMatchObject({ within: 5, total: 7, strikeRight: 2, strikeCertain: 3 });
  });
  it('no analysis: every label missed', () => {
    const n = scoreClip({ events: labels }, null, 30);
    expect([n.events.within2, n.events.missed, n.activity.found, n.cadence.found]).toEqual([0, 7, null, null]);
  });
});

describe('extra events', () => {
  const labels = [L('IC', 'left', 10), L('TO', 'left', 20), L('IC', 'right', 21)];
  it('counts unmatched detections inside the labelled span only (a doubled contact, a wrong foot), not those outside it', () => {
    const events = [D('IC', 'left', 5), D('IC', 'left', 10), D('IC', 'left', 12), D('TO', 'left', 20), D('IC', 'right', 21), D('TO', 'right', 15), D('TO', 'right', 25)];
    const { matches } = bestMatch(labels, { events });
    expect(extraEvents(labels, events, matches).map((e) => `${e.type} ${e.foot} ${e.frame}`)).toEqual(['IC left 12', 'TO right 15']);
    expect(scoreClip({ events: labels }, analysis(events), 30).events.extra).toBe(2);
  });
  it("with feet 'a'/'b' takes the better foot mapping first", () => {
    const ab = [L('IC', 'a', 5), L('IC', 'b', 15), L('IC', 'a', 26)];
    const events = [D('IC', 'right', 6), D('IC', 'left', 15), D('IC', 'right', 25), D('IC', 'left', 20)];
    const s = scoreClip({ events: ab }, analysis(events), 30);
    expect(s.events.footMap).toEqual({ a: 'right', b: 'left' });
    expect([s.events.within1, s.events.extra]).toEqual([3, 1]);
  });
});

describe('contact time from the labelled events', () => {
  it('median of TO − IC over the contacts whose TO comes before the same foot’s next IC, in ms', () => {
    // left: 0→9 (9), 21→31 (10); right: 10→19 (9), then an IC at 32 whose TO is not labelled (its next event is an IC)
    const labels = [L('IC', 'left', 0), L('TO', 'left', 9), L('IC', 'right', 10), L('TO', 'right', 19), L('IC', 'left', 21), L('TO', 'left', 31), L('IC', 'right', 32), L('IC', 'right', 53)];
    expect(labelContactTime(labels, 30)).toEqual({ ms: 300, contacts: 3 });
    expect(labelContactTime([L('IC', 'left', 0)], 30)).toBeNull();
  });
  it('the bar: ±10 % of the label, or ±1 frame when that is larger', () => {
    expect(contactTimeWithinBar(333, 300, 30)).toBe(true); // 33 ms = 1 frame = 10 %
    expect(contactTimeWithinBar(333, 297, 30)).toBe(false);
    expect(contactTimeWithinBar(183, 150, 30)).toBe(true); // 1 frame (33.3 ms) > 10 % (18 ms)
    expect(contactTimeWithinBar(183, 149, 30)).toBe(false);
    expect(contactTimeWithinBar(250, 226, 240)).toBe(true); // 10 % (25 ms) > 1 frame (4 ms)
  });
});

describe('cadence from the labelled contacts', () => {
  it('least-squares stride per foot, feet weighted by strides: 120 × fps / stride frames', () => {
    // left: 0 21 43 64 → slope 107 / 5 = 21.4 frames over 3 strides; right: 10 32 53 → 21.5 over 2
    const labels = [0, 21, 43, 64].map((f) => L('IC', 'left', f)).concat([10, 32, 53].map((f) => L('IC', 'right', f)), [L('TO', 'left', 8)]);
    const c = labelCadence(labels, 30)!;
    expect(c.strides).toBe(5);
    expect(c.strideFrames).toBeCloseTo((3 * 21.4 + 2 * 21.5) / 5, 10);
    expect(c.cadence).toBeCloseTo(3600 / 21.44, 6); // 167.91 steps/min
    expect(labelCadence(labels, 25)!.cadence).toBeCloseTo(3000 / 21.44, 6);
  });
  it('agrees with the analysis core on the same contacts, a missing contact leaving a gap in the stride count', () => {
    const left = [0, 21, 43, 85, 107, 128]; // 64 missing
    const right = [11, 32, 54, 75, 96, 118];
    const labels = left.map((f) => L('IC', 'left', f)).concat(right.map((f) => L('IC', 'right', f)));
    const core = strideTimeFromContacts([...left.map((te) => ({ foot: 'left' as const, te })), ...right.map((te) => ({ foot: 'right' as const, te }))])!;
    const c = labelCadence(labels, 30)!;
    expect(c.strides).toBe(core.strides);
    expect(c.strides).toBe(11); // 6 strides left (one missing contact), 5 right
    expect(c.strideFrames).toBeCloseTo(core.frames, 10);
    expect(c.strideFrames).toBeGreaterThan(21.2);
    expect(c.strideFrames).toBeLessThan(21.5);
  });
  it("works on feet named 'a'/'b'; a foot with fewer than 3 contacts is left out; null below 2 strides", () => {
    const ab = [L('IC', 'a', 5), L('IC', 'b', 15), L('IC', 'a', 26), L('IC', 'b', 37), L('IC', 'a', 48)];
    expect(labelCadence(ab, 30)).toEqual({ strideFrames: 21.5, strides: 2, cadence: 3600 / 21.5 });
    expect(labelCadence(ab.slice(0, 4), 30)).toBeNull();
  });
  it('the % difference of the cadence found', () => {
    const ab = [L('IC', 'a', 5), L('IC', 'b', 15), L('IC', 'a', 26), L('IC', 'b', 37), L('IC', 'a', 48)];
    const s = scoreClip({ events: ab }, analysis([], { cadence: 176 }), 30);
    expect(s.cadence.label).toBeCloseTo(167.44, 2);
    expect(s.cadence.diffPct).toBeCloseTo(((176 - 3600 / 21.5) / (3600 / 21.5)) * 100, 8); // +5.1 %
  });
});

describe('pooled', () => {
  it('sums the counts and keeps the largest cadence difference', () => {
    const a = scoreClip({ events: [L('IC', 'left', 10, { side: 'near' }), L('IC', 'left', 31, { side: 'near' }), L('IC', 'left', 52, { side: 'near' })] }, analysis([D('IC', 'left', 10), D('IC', 'left', 33), D('IC', 'left', 52)], { cadence: 170 }), 30);
    const b = scoreClip({ events: [L('TO', 'a', 10)], activity: 'walking' }, analysis([D('TO', 'left', 11)], { cadence: null }), 30);
    const p = poolScores([a, b]);
    expect([p.directionOk, p.directionLabelled]).toEqual([0, 0]);
    expect([p.clips, p.activityOk, p.events.total, p.events.within1, p.events.within2, p.events.missed]).toEqual([2, 1, 4, 3, 4, 0]);
    expect(p.events.near).toEqual({ total: 3, within1: 2, within2: 3 });
    expect(p.events.far).toBeNull();
    expect(p.events.bias.IC).toEqual({ n: 3, sum: 2 });
    expect(p.events.bias.TO).toEqual({ n: 1, sum: 1 });
    // a: labels 10 31 52 → stride 21 frames → 171.43; found 170 → −0.83 %; b has too few contacts for a cadence
    expect(p.cadence.clips).toBe(1);
    expect(p.cadence.within5).toBe(1);
    expect(p.cadence.maxAbsDiffPct).toBeCloseTo(((171.428571 - 170) / 171.428571) * 100, 3);
  });
});

describe('unmarkedCounts: detections not marked low confidence, and how many are right', () => {
  it('counts matched and extra detections, the unmarked ones, and the unmarked within ±2 frames', () => {
    const det = (frame: number, lowConfidence = false) => ({ type: 'IC', foot: 'left', frame, lowConfidence });
    const matches = [
      { label: { frame: 10 }, det: det(10), error: 0 },
      { label: { frame: 20 }, det: det(24), error: 4 },
      { label: { frame: 30 }, det: det(33, true), error: 3 },
      { label: { frame: 40 }, det: null, error: null },
    ];
    const extra = [det(50), det(60, true)];
    expect(unmarkedCounts(matches, extra)).toEqual({ detections: 5, unmarked: 3, unmarkedWithin2: 1 });
  });
});
