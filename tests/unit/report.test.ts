/** The consult view's pure models (timeline content, summary wording) on synthetic analyses with known truth. */
import { describe, expect, it } from 'vitest';
import { adjacentEventFrame, buildTimelineModel, flagSeverity, phaseAt } from '../../src/app/report/timelineModel';
import { measureCards, patternFinding, strikeByFoot } from '../../src/app/report/summaryModel';
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
  it('a band per flag, around its frame, with a severity in [0.15, 1]', () => {
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

describe('summary wording', () => {
  it('extended: the finding counts toe-offs and contacts and names the side', () => {
    const { a } = run('extended', { fps: 60, seed: 11 });
    const f = patternFinding(a);
    expect(f.nothingFlagged).toBe(false);
    const ext = a.flags.filter((x) => x.kind === 'extension-at-toe-off').length;
    expect(f.lines[0]).toContain(`seen at ${ext} of ${a.summary.pattern.extensionAtToeOff.strides} toe-offs`);
    expect(f.lines.some((l) => /Heel strike on a nearly straight knee at \d+ of \d+ contacts/.test(l))).toBe(true);
    expect(f.lines[f.lines.length - 1]).toBe(a.summary.pattern.verdict);
  });
  it('neutral: nothing flagged, said plainly', () => {
    const { a } = run('neutral', { fps: 60, seed: 13 });
    const f = patternFinding(a);
    expect(f.nothingFlagged).toBe(true);
    expect(f.lines[0]).toMatch(/^No extension at toe-off in \d+ toe-offs\.$/);
  });
  it('cards: lumbar extension and pelvic tilt carry the estimate mark; strike counts per foot add up', () => {
    const { a } = run('extended', { fps: 60, seed: 11 });
    const cards = measureCards(a);
    expect(cards.find((c) => c.id === 'lumbar')!.measure.estimate).toBe(true);
    expect(cards.find((c) => c.id === 'pelvic-tilt')!.measure.estimate).toBe(true);
    expect(cards.find((c) => c.id === 'thigh-to')!.measure.estimate).toBe(false);
    const by = strikeByFoot(a);
    expect(by.left.heel + by.right.heel).toBe(a.summary.strike.heel);
  });
});
