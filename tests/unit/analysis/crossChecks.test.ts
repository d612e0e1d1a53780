/**
 * Cross-checks between measures (crossChecks.ts) on the implausible figures a user met on real clips (issue 18, item
 * 4): each is flagged with its reason, and a consistent analysis gets no caveat at all.
 */
import { describe, expect, it } from 'vitest';
import type { GaitAnalysis, Measure } from '../../../src/core/analysis';
import { caveatOf, crossCheck } from '../../../src/core/analysis/crossChecks';
import { run } from './harness';

const base = run('extended', { fps: 60, seed: 11 }).a;

function m(value: number | null, unit: string, extra: Partial<Measure> = {}): Measure {
  return { value, unit, confidence: 0.8, n: 12, iqr: value === null ? null : [value * 0.95, value * 1.05], left: value, right: value, near: value, far: value, estimate: false, reason: null, lowConfidenceExcluded: 0, ...extra };
}

/** A running side-view analysis at 30 fps whose summary has these measures (the rest as in a consistent clip). */
function withSummary(over: Partial<GaitAnalysis['summary']>): GaitAnalysis {
  const summary = {
    ...base.summary,
    cadence: m(169, 'steps/min'),
    contactTimeMs: m(282, 'ms'),
    flightTimeMs: m(74, 'ms', { iqr: [64, 86] }),
    strideTimeMs: m(707, 'ms'),
    kneeFlexionIcDeg: m(4.9, 'deg', { iqr: [3, 6.9], left: 5, right: 4.9 }),
    overstride: m(0.25, 'leg lengths', { iqr: [0.22, 0.28], left: 0.28, right: 0.23 }),
    pelvicTiltEstimateDeg: m(1.6, 'deg', { estimate: true, iqr: [1, 3.6], left: 1.6, right: 2.3 }),
    ...over,
  };
  return { ...base, fps: 30, view: { ...base.view, view: 'side', nearSide: 'left' }, summary };
}

describe('cross-checks between measures', () => {
  it('a consistent clip (the treadmill clip\'s figures) has no caveat', () => {
    expect(crossCheck(withSummary({}))).toEqual([]);
  });
  it('contact + flight against the cadence\'s step time: 529 ms per step where 164 steps/min means 366 ms', () => {
    const c = crossCheck(withSummary({ cadence: m(164, 'steps/min'), contactTimeMs: m(354, 'ms'), flightTimeMs: m(175, 'ms', { iqr: [160, 190] }) }));
    expect(caveatOf(c, 'contactTimeMs')?.check).toBe('step-time');
    expect(caveatOf(c, 'flightTimeMs')?.reason).toMatch(/^contact \+ flight = 529 ms per step, but the cadence \(164 steps\/min\) gives 366 ms/);
    // within two frames or 15 %: 282 + 74 = 356 against 355 passes, as does 300 + 90 = 390 against 355 (+10 %)
    expect(crossCheck(withSummary({ contactTimeMs: m(300, 'ms'), flightTimeMs: m(90, 'ms', { iqr: [80, 100] }) }))).toEqual([]);
  });
  it('a spread wider than the value: flight time 175 ms with a middle half of 33–663 ms', () => {
    const c = crossCheck(withSummary({ flightTimeMs: m(175, 'ms', { iqr: [33, 663] }), contactTimeMs: m(180, 'ms') }));
    expect(caveatOf(c, 'flightTimeMs')).toMatchObject({ check: 'spread' });
    expect(caveatOf(c, 'flightTimeMs')!.reason).toContain('33 ms to 663 ms');
  });
  it('an angle whose strides disagree by more than 15°', () => {
    const c = crossCheck(withSummary({ kneeFlexionIcDeg: m(14.6, 'deg', { iqr: [4.1, 19.7] }) }));
    expect(caveatOf(c, 'kneeFlexionIcDeg')?.check).toBe('spread');
    expect(crossCheck(withSummary({ kneeFlexionIcDeg: m(14.6, 'deg', { iqr: [6, 20] }) }))).toEqual([]);
  });
  it('left and right beyond two legs of one runner: contact 175 / 248 ms, overstride 0.12 / 0.40; the far leg is named', () => {
    const c = crossCheck(withSummary({ contactTimeMs: m(210, 'ms', { left: 175, right: 248, iqr: [190, 230] }), flightTimeMs: m(145, 'ms', { iqr: [130, 160] }), overstride: m(0.25, 'leg lengths', { left: 0.12, right: 0.4 }) }));
    expect(caveatOf(c, 'contactTimeMs')).toMatchObject({ check: 'left-right' });
    expect(caveatOf(c, 'contactTimeMs')!.reason).toMatch(/^left 175 ms and right 248 ms differ by 35 %.*the right leg is the far one/);
    expect(caveatOf(c, 'overstride')!.reason).toMatch(/^left 0\.12 leg lengths and right 0\.40 leg lengths differ by 0\.28 leg lengths/);
    // 10 % apart is physiology, not a caveat
    expect(caveatOf(crossCheck(withSummary({ contactTimeMs: m(282, 'ms', { left: 268, right: 296 }) })), 'contactTimeMs')).toBeNull();
  });
  it('an estimate at its floor on every stride: pelvic tilt "0.0°, middle half 0.0 to 0.0"', () => {
    const c = crossCheck(withSummary({ pelvicTiltEstimateDeg: m(0, 'deg', { estimate: true, iqr: [0, 0], left: 0, right: 0 }) }));
    expect(caveatOf(c, 'pelvicTiltEstimateDeg')).toMatchObject({ check: 'floor' });
    expect(caveatOf(c, 'pelvicTiltEstimateDeg')!.reason).toContain('"no sign of extra tilt", not a measured 0.0°');
  });
});
