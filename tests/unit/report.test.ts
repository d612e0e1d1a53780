/** The consult view's pure models (timeline content, summary wording) on synthetic analyses with known truth. */
import { describe, expect, it } from 'vitest';
import { adjacentEventFrame, buildTimelineModel, flagSeverity, phaseAt, SUMMARISE_FLAG_SHARE } from '../../src/app/report/timelineModel';
import { coverageOf, measureCards, strikeByFoot } from '../../src/app/report/summaryModel';
import { framesToLookAt, overviewOf } from '../../src/app/report/findingsModel';
import { figuresBlock, parseFiguresBlock, reportFigures } from '../../src/app/report/figures';
import { run } from './analysis/harness';

describe('timeline model', () => {
  const { a } = run('extended', { fps: 60, seed: 11 });
  const m = buildTimelineModel(a);
  it('one mark per event and one stance band per IC→TO pair, per foot', () => {
    expect(m.events).toHaveLength(a.events.length);
    for (const foot of ['left', 'right'] as const) {
      const evs = a.events.filter((e) => e.foot === foot);
      const pairs = evs.filter((e, i) => e.type === 'IC' && evs[i + 1]?.type === 'TO').length;
      expect(m.stances.filter((s) => s.foot === foot)).toHaveLength(pairs);
    }
    for (const s of m.stances) expect(s.to).toBeGreaterThan(s.from);
  });
  it('four side-view panels with a finite range; the lumbar trace is marked as an estimate', () => {
    expect(m.panels.map((p) => p.id)).toEqual(['trunk', 'thigh', 'knee', 'foot']);
    for (const p of m.panels) expect(p.extent![1]).toBeGreaterThan(p.extent![0]);
    const lumbar = m.panels[0].traces.find((t) => t.key === 'lumbarExtensionEstimateDeg')!;
    expect(lumbar.estimate).toBe(true);
    expect(lumbar.values).toHaveLength(a.frameCount);
  });
  it('a band per flag (of a kind raised at some strides only), around its frame, with a severity in [0.15, 1]', () => {
    // the extended preset is flagged at (nearly) every stride: those kinds are summarised; bands are checked on all flags
    const m = buildTimelineModel({ ...a, summary: { ...a.summary, pattern: { ...a.summary.pattern, heelStrikeStraightKnee: { ...a.summary.pattern.heelStrikeStraightKnee, contacts: 1000 }, extensionAtToeOff: { ...a.summary.pattern.extensionAtToeOff, strides: 1000 } } } });
    expect(m.flags).toHaveLength(a.flags.length);
    expect(a.flags.length).toBeGreaterThan(10);
    for (const b of m.flags) {
      expect(b.from).toBeLessThan(b.frame);
      expect(b.to).toBeGreaterThan(b.frame);
      expect(b.severity).toBeGreaterThanOrEqual(0.15);
      expect(b.severity).toBeLessThanOrEqual(1);
    }
    const s = a.flags.map(flagSeverity);
    expect(Math.max(...s)).toBeGreaterThan(Math.min(...s)); // graded, not all alike
  });
  it('next / previous event frame and the gait phase', () => {
    const frames = [...new Set(a.events.map((e) => e.frame))].sort((x, y) => x - y);
    expect(adjacentEventFrame(m.events, frames[2], 1)).toBe(frames[3]);
    expect(adjacentEventFrame(m.events, frames[2], -1)).toBe(frames[1]);
    expect(adjacentEventFrame(m.events, frames[frames.length - 1], 1)).toBeNull();
    const st = m.stances.find((s) => s.foot === 'left')!;
    expect(phaseAt(m.stances, 'left', Math.ceil(st.from + 1))).toBe('stance');
    expect(phaseAt(m.stances, 'left', Math.ceil(st.to + 1))).toBe('swing');
    expect(phaseAt(m.stances, 'left', 0)).toBeNull();
  });
});

describe('the report\'s first screen (findings, counts, frames to look at)', () => {
  it('extended: one sentence per pattern with its count and share; the counts say what they count and agree with the findings', () => {
    const { a } = run('extended', { fps: 60, seed: 11 });
    const o = overviewOf(a);
    expect(o.judged).toBe(true);
    expect(o.verdict).toBe('Extended-posture pattern present: extension at toe-off and heel strikes on a nearly straight knee.');
    const hs = a.flags.filter((f) => f.kind === 'heel-strike-straight-knee');
    const ext = a.flags.filter((f) => f.kind === 'extension-at-toe-off');
    const p = a.summary.pattern;
    const byId = Object.fromEntries(o.findings.map((f) => [f.id, f]));
    expect(byId['heel-strike-straight-knee'].sentence).toBe(
      `at ${hs.length} of ${p.heelStrikeStraightKnee.contacts} measured contacts (${Math.round((100 * hs.length) / p.heelStrikeStraightKnee.contacts)} %) — left ${hs.filter((f) => f.foot === 'left').length}, right ${hs.filter((f) => f.foot === 'right').length}.`,
    );
    expect(byId['extension-at-toe-off'].sentence).toMatch(new RegExp(`^at ${ext.length} of ${p.extensionAtToeOff.strides} measured toe-offs`));
    // every count the findings use appears in the counts line, with the reasons for the difference from what was found
    const ic = a.events.filter((e) => e.type === 'IC').length;
    const to = a.events.filter((e) => e.type === 'TO').length;
    expect(o.counts[0]).toBe(`Found: ${ic} contacts and ${to} toe-offs.`);
    expect(o.counts[1]).toMatch(new RegExp(`^Judged: ${p.heelStrikeStraightKnee.contacts} contacts`));
    expect(o.counts[1]).toContain(` and ${p.extensionAtToeOff.strides} toe-offs`);
    expect(o.counts[2]).toContain(`Strides: ${a.summary.strides.total} complete`);
    // clear-cut, many strides, far from the thresholds: high
    expect(byId['heel-strike-straight-knee'].sure.level).toBe('high');
  });
  it('neutral: nothing flagged; the toe-off finding is sure (trunk–thigh far under its threshold) and typical frames are offered', () => {
    const { a } = run('neutral', { fps: 60, seed: 13 });
    const o = overviewOf(a);
    expect(o.verdict).toBe('No sign of the extended-posture pattern.');
    const ext = o.findings.find((f) => f.id === 'extension-at-toe-off')!;
    expect(ext.sentence).toMatch(/^not seen in \d+ measured toe-offs \(trunk leaning forward [\d.]+°, trunk–thigh extension [\d.]+°\)\.$/);
    expect(ext.sure.level).toBe('high');
    const look = framesToLookAt(a);
    expect(look.map((r) => r.title.split(' · ')[0])).toEqual(['Typical contact', 'Typical toe-off']);
    for (const r of look) expect(a.events.some((e) => e.frame === r.frame && e.foot === r.foot)).toBe(true);
  });
  it('frames to look at: at most four, the strongest flags, both kinds and both feet, each on its own event frame', () => {
    const { a } = run('extended', { fps: 60, seed: 11 });
    const look = framesToLookAt(a);
    expect(look).toHaveLength(4);
    expect(new Set(look.map((r) => r.title.split(' · ')[0])).size).toBe(2);
    expect(new Set(look.map((r) => r.foot)).size).toBe(2);
    for (const r of look) {
      const f = a.flags.find((x) => x.frame === r.frame && x.foot === r.foot)!;
      expect(f).toBeDefined();
      // the flag's frame is its event's own frame (IC for a strike, TO for extension)
      expect(a.events.some((e) => e.frame === f.frame && e.foot === f.foot && e.type === (f.kind === 'extension-at-toe-off' ? 'TO' : 'IC'))).toBe(true);
    }
  });
  it('back view and walking: the pattern is not judged, and the page says why', () => {
    const { a } = run('extended', { fps: 60, seed: 11 });
    expect(overviewOf({ ...a, view: { ...a.view, view: 'back' } }).verdict).toMatch(/judged from the side/);
    expect(overviewOf({ ...a, activity: 'walking' }).verdict).toMatch(/walking/);
    expect(overviewOf({ ...a, activity: 'none' }).findings).toHaveLength(0);
  });
  it('cards: what each counts, a meaning line, estimates marked and at most "moderate", the typical frame nearest the median', () => {
    const { a } = run('extended', { fps: 60, seed: 11 });
    const cards = measureCards(a);
    expect(cards.find((c) => c.id === 'lumbar')!.measure.estimate).toBe(true);
    expect(cards.find((c) => c.id === 'pelvic-tilt')!.measure.estimate).toBe(true);
    expect(cards.find((c) => c.id === 'thigh-to')!.measure.estimate).toBe(false);
    for (const c of cards) {
      expect(c.meaning.length).toBeGreaterThan(20);
      if (c.measure.estimate) expect(c.sure.level).not.toBe('high');
    }
    expect(cards.find((c) => c.id === 'knee-ic')!.counts).toBe('contacts');
    expect(cards.find((c) => c.id === 'thigh-to')!.counts).toBe('toe-offs');
    const knee = cards.find((c) => c.id === 'knee-ic')!;
    const atTypical = a.strides.find((s) => s.icFrame === knee.typical!.frame)!.kneeFlexionIcDeg!;
    const others = a.strides.filter((s) => s.kneeFlexionIcDeg !== null && !s.lowConfidenceEvents.includes('ic')).map((s) => Math.abs(s.kneeFlexionIcDeg! - knee.measure.value!));
    expect(Math.abs(atTypical - knee.measure.value!)).toBeCloseTo(Math.min(...others), 6);
    const tt = cards.find((c) => c.id === 'trunk-thigh-to')!;
    const vals = a.strides.filter((s) => s.trunkThighExtensionToDeg !== null && !s.lowConfidenceEvents.includes('to')).map((s) => s.trunkThighExtensionToDeg!);
    expect(a.strides.find((s) => s.toFrame === tt.pair!.most.frame)!.trunkThighExtensionToDeg).toBeCloseTo(Math.max(...vals), 6);
    expect(a.strides.find((s) => s.toFrame === tt.pair!.least.frame)!.trunkThighExtensionToDeg).toBeCloseTo(Math.min(...vals), 6);
    const by = strikeByFoot(a);
    expect(by.left.heel + by.right.heel).toBe(a.summary.strike.heel);
    expect(coverageOf(cards).sentence).toBe('12 of 12 measures measured.');
  });
  it('coverage: the measures not measured are named with the reason in plain words', () => {
    const { a } = run('extended', { fps: 60, seed: 11 });
    const none = { ...a.summary.footAngleDeg, value: null, reason: 'unavailable with MoveNet (no heel / toe keypoints)' };
    const cards = measureCards({ ...a, summary: { ...a.summary, footAngleDeg: none } });
    expect(coverageOf(cards).sentence).toBe('11 of 12 measures measured, 1 not measured (foot angle: needs BlazePose (heel and toe keypoints)).');
  });
  it('timeline: a kind flagged at nearly every stride is summarised, not drawn stride by stride', () => {
    const { a } = run('extended', { fps: 60, seed: 11 });
    const m = buildTimelineModel(a);
    expect(m.summarised.map((s) => s.kind).sort()).toEqual(['extension-at-toe-off', 'heel-strike-straight-knee']);
    expect(m.flags).toHaveLength(0);
    // one flag of many strides: drawn
    const one = { ...a, flags: a.flags.filter((f) => f.kind === 'heel-strike-straight-knee').slice(0, 1) };
    const m1 = buildTimelineModel(one);
    expect(m1.summarised).toHaveLength(0);
    expect(m1.flags).toHaveLength(1);
    expect(SUMMARISE_FLAG_SHARE).toBe(0.8);
  });
});

describe('README figures block', () => {
  it('round-trips: the block written from an analysis parses back to the same figures (| in a value included)', () => {
    const { a } = run('extended', { fps: 60, seed: 11 });
    const figures = [...reportFigures(a), { label: 'a | b', value: 'x | y' }];
    const md = `# README\n\ntext\n\n${figuresBlock('clip.mp4', figures, 'Measured on …')}\n\nmore text`;
    expect(parseFiguresBlock(md)).toEqual({ clip: 'clip.mp4', figures });
    expect(figures[0]).toEqual({ label: 'verdict', value: overviewOf(a).verdict });
    expect(parseFiguresBlock('# no block')).toBeNull();
  });
});
