/**
 * Running or walking from the mechanics (issue 13): synthetic runners at 150–230 steps/min and walkers at 90–130,
 * slow motion (a runner filmed at 120 fps played at 30) and the rule's fallbacks.
 */
import { describe, expect, it } from 'vitest';
import { analyzeGait } from '../../../src/core/analysis';
import { checkSlowMotion, decideActivity, implausibleTiming, mechanicsVerdict } from '../../../src/core/analysis/activity';
import { generateBackTrack, generateSideTrack, PRESETS } from '../../../fixtures/synthetic';
import type { PoseTrack } from '../../../src/core/types';

const track = (walking: boolean, cadence: number, fps: number, seed: number, setting: 'treadmill' | 'overground' = 'treadmill') =>
  generateSideTrack({
    fps,
    durationS: setting === 'overground' ? 4 : 6,
    width: setting === 'overground' ? 1920 : 1280,
    height: setting === 'overground' ? 1080 : 720,
    ppm: setting === 'overground' ? 200 : 340,
    noisePx: setting === 'overground' ? 1.5 : 2.5,
    dropoutRate: 0.02,
    swaps: 2,
    setting,
    walking,
    seed,
    // contact time scales with the step: running duty factor ~0.35, walking ~0.62
    gait: walking ? { cadence, contactTimeS: (0.62 * 120) / cadence } : { ...PRESETS.neutral, cadence, contactTimeS: (0.35 * 120) / cadence },
  }).track;

/** The same frames with playback timestamps: filmed at `track.fps`, played at `playbackFps`. */
function playedAt(t: PoseTrack, playbackFps: number): PoseTrack {
  return { ...t, fps: playbackFps, timestampsUs: t.timestampsUs.map((_, i) => (i * 1e6) / playbackFps) };
}

describe('activity from the mechanics, on synthetic tracks', () => {
  for (const fps of [30, 60]) {
    for (const cadence of [150, 170, 190, 210, 230]) {
      it(`running at ${cadence} steps/min, ${fps} fps: running (mechanics), cadence within ±3 %`, () => {
        const a = analyzeGait(track(false, cadence, fps, cadence + fps));
        expect(a.activity).toBe('running');
        expect(a.activityBasis).toBe('mechanics');
        expect(a.slowMotion.suspected).toBe(false);
        expect(Math.abs(a.summary.cadence.value! - cadence) / cadence).toBeLessThan(0.03);
      });
    }
    for (const cadence of [90, 100, 110, 120, 130]) {
      it(`walking at ${cadence} steps/min, ${fps} fps: walking (mechanics), never slow motion`, () => {
        const a = analyzeGait(track(true, cadence, fps, cadence + fps));
        expect(a.activity).toBe('walking');
        expect(a.activityBasis).toBe('mechanics');
        expect(a.slowMotion.suspected).toBe(false);
        expect(Math.abs(a.summary.cadence.value! - cadence) / cadence).toBeLessThan(0.03);
      });
    }
  }
  it('a sprint pass (230 steps/min, 25 fps, 4 s overground) is running at its own cadence, not half of it', () => {
    const a = analyzeGait(track(false, 230, 25, 7, 'overground'));
    expect(a.activity).toBe('running');
    expect(Math.abs(a.summary.cadence.value! - 230) / 230).toBeLessThan(0.03);
  });
});

describe('activity from the mechanics, seen from behind', () => {
  for (const [walking, cadence] of [[false, 150], [false, 190], [false, 230], [true, 90], [true, 110], [true, 130]] as const) {
    it(`${walking ? 'walking' : 'running'} at ${cadence} steps/min from behind: ${walking ? 'walking' : 'running'} by the mechanics`, () => {
      const a = analyzeGait(generateBackTrack({ fps: 30, walking, noisePx: 2, seed: cadence, gait: { cadence, contactTimeS: ((walking ? 0.62 : 0.35) * 120) / cadence } }).track);
      expect(a.view.view).toBe('back');
      expect(a.activity).toBe(walking ? 'walking' : 'running');
      expect(a.activityBasis).toBe('mechanics');
      expect(Math.abs(a.summary.cadence.value! - cadence) / cadence).toBeLessThan(0.03);
    });
  }
});

describe('slow motion', () => {
  it('a runner filmed at 60 fps played at 30: running, slow motion suspected (2×), no cadence until the rate is given', () => {
    const a = analyzeGait(playedAt(track(false, 170, 60, 3), 30));
    expect(a.activity).toBe('running');
    expect(a.slowMotion).toMatchObject({ suspected: true, likelyFactor: 2 });
    expect(a.summary.cadence.value).toBeNull();
    expect(a.summary.contactTimeMs.value).toBeNull();
    expect(a.advice[0].code).toBe('slow-motion');
  });
  for (const k of [2, 4, 8]) {
    it(`filmed at ${30 * k} fps, played at 30: giving the capture rate restores the cadence within ±3 %`, () => {
      const slow = playedAt(track(false, 170, 30 * k, k), 30);
      const before = analyzeGait(slow);
      expect(before.slowMotion.suspected).toBe(true);
      expect(before.slowMotion.likelyFactor).toBe(k);
      const a = analyzeGait(slow, { captureFps: 30 * k });
      expect(a.timeScale).toEqual({ playbackFps: 30, captureFps: 30 * k, factor: 1 / k });
      expect(a.activity).toBe('running');
      expect(a.slowMotion.suspected).toBe(false);
      expect(Math.abs(a.summary.cadence.value! - 170) / 170).toBeLessThan(0.03);
      // contact time in real time: 0.35 × 120 / 170 s
      expect(Math.abs(a.summary.contactTimeMs.value! - (0.35 * 120000) / 170)).toBeLessThan(30);
    });
  }
  it('walking slowed down is walking, never slow-motion running (the mechanics do not depend on time)', () => {
    const a = analyzeGait(playedAt(track(true, 130, 60, 5), 30));
    expect(a.activity).toBe('walking');
    expect(a.slowMotion.suspected).toBe(false);
    // 110 steps/min played 2× slower reads 55, under any gait's cadence: no gait, and still no slow-motion running
    const b = analyzeGait(playedAt(track(true, 110, 60, 5), 30));
    expect(b.activity).toBe('none');
    expect(b.slowMotion.suspected).toBe(false);
  });
});

describe('the rule itself', () => {
  const run = { midStanceDrop: 0.08, se: 0.004, steps: 20 };
  const walk = { midStanceDrop: -0.04, se: 0.004, steps: 20 };
  const unclear = { midStanceDrop: 0.01, se: 0.01, steps: 4 };
  it('the mechanics decide whatever the cadence or duty factor say', () => {
    expect(decideActivity(run, 0.6, 100)).toMatchObject({ activity: 'running', basis: 'mechanics' });
    expect(decideActivity(walk, 0.3, 170)).toMatchObject({ activity: 'walking', basis: 'mechanics' });
  });
  it('too small or too uncertain a drop says nothing; then the duty factor, then (low confidence) the cadence', () => {
    expect(mechanicsVerdict(unclear)).toBeNull();
    expect(mechanicsVerdict({ midStanceDrop: 0.03, se: 0.015, steps: 3 })).toBeNull();
    expect(decideActivity(unclear, 0.35, 120)).toMatchObject({ activity: 'running', basis: 'duty-factor' });
    expect(decideActivity(unclear, 0.6, 170)).toMatchObject({ activity: 'walking', basis: 'duty-factor' });
    const c = decideActivity(null, NaN, 166);
    expect(c).toMatchObject({ activity: 'running', basis: 'cadence' });
    expect(c.reason).toMatch(/^low confidence/);
  });
  it('slow motion: running mechanics under 120 steps/min, with the factor that brings the cadence into running', () => {
    expect(checkSlowMotion(decideActivity(run, 0.3, 83), 83)).toMatchObject({ suspected: true, likelyFactor: 2 });
    expect(checkSlowMotion(decideActivity(run, 0.3, 42), 42)).toMatchObject({ suspected: true, likelyFactor: 4 });
    expect(checkSlowMotion(decideActivity(run, 0.3, 150), 150).suspected).toBe(false);
    expect(checkSlowMotion(decideActivity(walk, 0.6, 100), 100).suspected).toBe(false);
    // the cadence alone is no evidence of running mechanics, nor is a flight phase read from detected contacts (a few
    // missed contacts make both the duty factor and the cadence wrong)
    expect(checkSlowMotion(decideActivity(null, NaN, 100), 100).suspected).toBe(false);
    expect(checkSlowMotion(decideActivity(unclear, 0.36, 67), 67).suspected).toBe(false);
  });
  it('running at an implausible cadence that is not confirmed slow motion: the timing is low confidence', () => {
    const byDuty = decideActivity(unclear, 0.36, 67);
    expect(implausibleTiming(byDuty, checkSlowMotion(byDuty, 67), 67)).toMatch(/^low confidence: running at 67 steps\/min is implausible/);
    const slow = decideActivity(run, 0.3, 83);
    expect(implausibleTiming(slow, checkSlowMotion(slow, 83), 83)).toBeNull();
    expect(implausibleTiming(decideActivity(run, 0.3, 170), checkSlowMotion(decideActivity(run, 0.3, 170), 170), 170)).toBeNull();
    expect(implausibleTiming(decideActivity(walk, 0.6, 100), checkSlowMotion(decideActivity(walk, 0.6, 100), 100), 100)).toBeNull();
  });
});

describe('sprints (issue 19): cadences up to 300 steps/min', () => {
  for (const [cadence, fps] of [
    [260, 60],
    [290, 60],
    [250, 30],
  ] as const) {
    it(`${cadence} steps/min at ${fps} fps: running, cadence within ±3 %, no strike and no foot angle (no flat-foot reference)`, () => {
      const a = analyzeGait(track(false, cadence, fps, cadence * 7 + fps));
      expect(a.activity).toBe('running');
      expect(Math.abs((a.summary.cadence.value ?? 0) - cadence) / cadence).toBeLessThanOrEqual(0.03);
      expect(a.summary.strike.pattern).toBeNull();
      expect(a.summary.strike.reason).toMatch(/sprint's cadence/);
      expect(a.summary.footAngleDeg.value).toBeNull();
      expect(a.events.filter((e) => e.type === 'IC' && e.strike !== null)).toHaveLength(0);
    });
  }
  it('210 steps/min (a fast distance runner) still has its strike read', () => {
    const a = analyzeGait(track(false, 210, 60, 2160));
    expect(a.summary.strike.pattern).not.toBeNull();
    expect(a.summary.strike.reason).toBeNull();
    expect(a.summary.footAngleDeg.value).not.toBeNull();
  });
});
