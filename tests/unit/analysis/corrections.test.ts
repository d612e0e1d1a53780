/** Events corrected by hand (issue 13, item 7): every measure follows the corrected events; the detected ones are kept. */
import { describe, expect, it } from 'vitest';
import { analyzeGait, type ManualEvent } from '../../../src/core/analysis';
import { generateSideTrack, PRESETS } from '../../../fixtures/synthetic';

const { track } = generateSideTrack({ fps: 30, durationS: 6, width: 1280, height: 720, ppm: 340, noisePx: 1, seed: 11, gait: { ...PRESETS.extended } });
const detected = analyzeGait(track);
const asManual = (): ManualEvent[] => detected.events.map((e) => ({ type: e.type, foot: e.foot, frame: e.frame }));

describe('corrected events', () => {
  it('the detected events, given back unchanged, give the same events and frames', () => {
    const a = analyzeGait(track, { correctedEvents: asManual() });
    expect(a.eventsCorrected).toBe(true);
    expect(a.events.map((e) => [e.type, e.foot, e.frame])).toEqual(detected.events.map((e) => [e.type, e.foot, e.frame]));
    // events left where they were detected stay the detected events: same sub-frame time, method and confidence, so
    // every stride, measure and flag is the detected analysis's
    expect(a.events.map((e) => [e.subFrame, e.method, e.confidence])).toEqual(detected.events.map((e) => [e.subFrame, e.method, e.confidence]));
    expect(a.strides).toEqual(detected.strides);
    expect(a.summary).toEqual(detected.summary);
    expect(a.flags).toEqual(detected.flags);
    expect(a.detectedEvents!.map((e) => e.frame)).toEqual(detected.events.map((e) => e.frame));
    expect(detected.eventsCorrected).toBe(false);
    expect(detected.detectedEvents).toBeNull();
  });
  it("a contact moved by 3 frames: that stride's knee at contact is the knee angle at the new frame", () => {
    const manual = asManual();
    const i = manual.findIndex((e, k) => e.type === 'IC' && k > 4);
    const { foot, frame } = manual[i];
    manual[i] = { ...manual[i], frame: frame + 3 };
    const a = analyzeGait(track, { correctedEvents: manual });
    const stride = a.strides.find((s) => s.foot === foot && s.icFrame === frame + 3)!;
    const series = foot === 'left' ? a.series!.kneeFlexionLeftDeg : a.series!.kneeFlexionRightDeg;
    expect(stride).toBeDefined();
    expect(Math.abs(stride.kneeFlexionIcDeg! - series[frame + 3]!)).toBeLessThan(2);
    const before = detected.strides.find((s) => s.foot === foot && s.icFrame === frame)!;
    expect(Math.abs(stride.kneeFlexionIcDeg! - before.kneeFlexionIcDeg!)).toBeGreaterThan(3);
    // the event list says which frame it is now, and the detected list still has the old one
    expect(a.events.some((e) => e.type === 'IC' && e.foot === foot && e.frame === frame + 3)).toBe(true);
    expect(a.detectedEvents!.some((e) => e.type === 'IC' && e.foot === foot && e.frame === frame)).toBe(true);
    // only the moved event is read from its whole frame; the detected ones keep what was read at them
    expect(a.events.filter((e) => e.method === 'manual')).toHaveLength(1);
    const kept = a.detectedEvents!.find((e) => e.type === 'IC' && e.foot === foot && e.frame === frame)!;
    expect(kept.kneeFlexionDeg).toBe(detected.events.find((e) => e.type === 'IC' && e.foot === foot && e.frame === frame)!.kneeFlexionDeg);
    expect(kept.strike).not.toBeNull();
  });
  it('a deleted contact merges two strides; an added one splits them again', () => {
    const manual = asManual();
    const i = manual.findIndex((e, k) => e.type === 'IC' && k > 4);
    const removed = manual.splice(i, 1)[0];
    const a = analyzeGait(track, { correctedEvents: manual });
    expect(a.events.length).toBe(detected.events.length - 1);
    expect(a.strides.length).toBe(detected.strides.length - 1);
    const b = analyzeGait(track, { correctedEvents: [...manual, removed] });
    expect(b.strides.length).toBe(detected.strides.length);
  });
});
