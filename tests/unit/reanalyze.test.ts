/**
 * Re-analysis in the page (issue 13, items 7 and 3): without corrections it equals the worker's analysis exactly;
 * with a capture rate or moved events it is what the core computes from them.
 */
import { describe, expect, it } from 'vitest';
import { generateSideTrack, PRESETS } from '../../fixtures/synthetic';
import { analyzeGait, type GaitAnalysis } from '../../src/core/analysis';
import { compactPoseFrames, framesFromBatch, framesFromPoseTrack, keypointRow, PoseTrackBuilder } from '../../src/core/poseTrack';
import { BLAZEPOSE_KEYPOINTS, type ClipInfo, type KeypointName, type PoseBatch, type PoseFrame, type PoseTrack, type ViewChoice } from '../../src/core/types';
import { baseOptions, correctionsOf, NO_CORRECTIONS, reanalysisOptions, reanalyze, sameCorrections, trackFromFrames, upgradeAnalysis } from '../../src/app/reanalyze';
import { loadTrack } from './analysis/realEval';

/** A real track cached by `npm run analyze -- --out-dir` (realEval.TRACK_DIR), when there is a readable one. */
function cachedTrack(clip: string): PoseTrack | null {
  try {
    return loadTrack(clip);
  } catch {
    return null; // being written by another run
  }
}

function clipOf(track: PoseTrack): ClipInfo {
  return {
    fileName: 'synthetic.mp4', fileSizeBytes: 1, container: 'MP4', mimeType: 'video/mp4', codec: 'avc', codecString: null,
    codedWidth: track.width, codedHeight: track.height, displayWidth: track.width, displayHeight: track.height, rotation: 0,
    durationS: track.frameCount / track.fps, sampleCount: track.frameCount, decodedFrameCount: track.frameCount,
    nominalFps: 30, measuredFps: track.fps, variableFrameRate: false, slowMotionHint: null, decodable: true,
  };
}

/**
 * What the worker does with a run's poses: each frame pushed into a PoseTrackBuilder (float32) and analysed with the
 * view choice and the median brightness; the page receives the same poses as compact batches of 8.
 */
function workerRun(frames: readonly PoseFrame[], names: readonly KeypointName[], clip: ClipInfo, view: ViewChoice, brightness: number) {
  const b = new PoseTrackBuilder(names, frames.length, clip.displayWidth, clip.displayHeight);
  const row = names.length * 4;
  const page: PoseFrame[] = [];
  for (let i = 0; i < frames.length; i += 8) {
    const part = frames.slice(i, i + 8);
    const batch: PoseBatch = { keypointNames: names, frames: [], data: new Float32Array(part.length * row).fill(NaN) };
    part.forEach((f, k) => {
      b.push(f);
      if (f.keypoints) keypointRow(f.keypoints, names, batch.data.subarray(k * row, (k + 1) * row));
      batch.frames.push({ index: f.index, timestampUs: f.timestampUs, score: f.score });
    });
    page.push(...framesFromBatch(batch));
  }
  const analysis = analyzeGait(b.finish(clip.measuredFps ?? clip.nominalFps), { view, imageBrightness: brightness });
  return { analysis, pageFrames: page };
}

const synth = generateSideTrack({ fps: 30, durationS: 8, width: 720, height: 1280, ppm: 340, noisePx: 1.5, seed: 5, gait: { ...PRESETS.extended } });
// poses as the model gives them: doubles, not yet float32
const synthFrames = framesFromPoseTrack(synth.track).map((f) => ({ ...f, keypoints: f.keypoints?.map((k) => ({ ...k, x: k.x + 1e-4 / 3, y: k.y - 1e-4 / 7 })) ?? null }));

describe('re-analysis without corrections equals the worker’s analysis', () => {
  for (const view of ['auto', 'side'] as ViewChoice[]) {
    it(`synthetic side clip, view ${view}: identical output, from streamed frames and from a saved record's frames`, () => {
      const clip = clipOf(synth.track);
      const { analysis, pageFrames } = workerRun(synthFrames, BLAZEPOSE_KEYPOINTS, clip, view, 97.36);
      expect(analysis.activity).toBe('running');
      expect(baseOptions(analysis)).toEqual({ view, imageBrightness: 97.4 });
      const again = reanalyze(trackFromFrames(pageFrames, BLAZEPOSE_KEYPOINTS, clip), reanalysisOptions(analysis, NO_CORRECTIONS));
      expect(again).toEqual(analysis);
      // a record: frames saved as JSON, reopened compact
      const saved = JSON.parse(JSON.stringify(pageFrames)) as PoseFrame[];
      const reopened = compactPoseFrames(saved, BLAZEPOSE_KEYPOINTS);
      expect(reanalyze(trackFromFrames(reopened, BLAZEPOSE_KEYPOINTS, clip), reanalysisOptions(analysis, NO_CORRECTIONS))).toEqual(analysis);
    });
  }

  it('a forced back view is read back as the choice "back"', () => {
    const clip = clipOf(synth.track);
    const { analysis } = workerRun(synthFrames, BLAZEPOSE_KEYPOINTS, clip, 'back', 60);
    expect(analysis.view.overridden).toBe(true);
    expect(baseOptions(analysis).view).toBe('back');
  });

  const real = cachedTrack('treadmill-side-left');
  it.skipIf(!real)('a real BlazePose track (cached by npm run analyze): identical output', () => {
    const clip = clipOf(real!);
    const frames = framesFromPoseTrack(real!);
    const { analysis, pageFrames } = workerRun(frames, real!.keypointNames, clip, 'auto', 120);
    const again = reanalyze(trackFromFrames(pageFrames, real!.keypointNames, clip), reanalysisOptions(analysis, NO_CORRECTIONS));
    expect(again).toEqual(analysis);
  });
});

describe('events left where they were detected keep their detected timing', () => {
  const cases: [string, PoseTrack | null][] = [['synthetic', synth.track], ['treadmill-side-left (cached real track)', cachedTrack('treadmill-side-left')]];
  for (const [name, track] of cases) {
    it.skipIf(!track)(`${name}: the detected events given back as corrections reproduce every stride, measure and flag`, () => {
      const clip = clipOf(track!);
      const { analysis, pageFrames } = workerRun(framesFromPoseTrack(track!), track!.keypointNames, clip, 'auto', 100);
      const t = trackFromFrames(pageFrames, track!.keypointNames, clip);
      const given = analysis.events.map((e) => ({ type: e.type, foot: e.foot, frame: e.frame }));
      // sub-frame times come back to 0.01 frame (GaitEvent.subFrame) and a hand-placed event has confidence 1: per
      // stride within 2 ms and 0.6° (real track: 1 ms, 0.5°), medians within 0.3° (real: 0 except trunk–thigh 0.2°)
      const expectSame = (again: GaitAnalysis) => {
        expect(again.eventsCorrected).toBe(true);
        expect(again.events.map((e) => [e.type, e.foot, e.frame])).toEqual(analysis.events.map((e) => [e.type, e.foot, e.frame]));
        expect(again.events.every((e, i) => Math.abs(e.subFrame - analysis.events[i].subFrame) <= 0.011)).toBe(true);
        expect(again.strides.map((x) => [x.foot, x.icFrame, x.toFrame, x.nextIcFrame, x.strike])).toEqual(analysis.strides.map((x) => [x.foot, x.icFrame, x.toFrame, x.nextIcFrame, x.strike]));
        again.strides.forEach((x, i) => {
          const y = analysis.strides[i];
          for (const k of ['contactTimeMs', 'flightTimeMs', 'strideTimeMs'] as const) if (y[k] !== null) expect(Math.abs(x[k]! - y[k]!), `${k} of stride ${i}`).toBeLessThanOrEqual(2);
          for (const k of ['kneeFlexionIcDeg', 'footAngleDeg', 'shankAngleIcDeg', 'thighExtensionToDeg', 'trunkThighExtensionToDeg', 'trunkLeanToDeg'] as const) if (y[k] !== null) expect(Math.abs(x[k]! - y[k]!), `${k} of stride ${i}`).toBeLessThanOrEqual(0.6);
        });
        expect(again.flags.map((f) => [f.kind, f.foot, f.frame])).toEqual(analysis.flags.map((f) => [f.kind, f.foot, f.frame]));
        for (const k of ['cadence', 'contactTimeMs', 'flightTimeMs', 'strideTimeMs'] as const) expect(Math.abs(again.summary[k].value! - analysis.summary[k].value!), k).toBeLessThanOrEqual(2);
        for (const k of ['kneeFlexionIcDeg', 'footAngleDeg', 'thighExtensionToDeg', 'trunkThighExtensionToDeg'] as const) expect(Math.abs(again.summary[k].value! - analysis.summary[k].value!), k).toBeLessThanOrEqual(0.3);
      };
      expectSame(reanalyze(t, reanalysisOptions(analysis, { events: given, captureFps: null })));
      // and from a corrected analysis (which keeps the detected events beside the corrected ones): the same
      const moved = given.map((e, i) => (i === 8 ? { ...e, frame: e.frame + 1 } : e));
      const corrected = reanalyze(t, reanalysisOptions(analysis, { events: moved, captureFps: null }));
      expectSame(reanalyze(t, reanalysisOptions(corrected, { events: given, captureFps: null })));
    });
  }
});

describe('re-analysis with corrections', () => {
  const clip = clipOf(synth.track);
  const { analysis, pageFrames } = workerRun(synthFrames, BLAZEPOSE_KEYPOINTS, clip, 'auto', 97);
  const track = trackFromFrames(pageFrames, BLAZEPOSE_KEYPOINTS, clip);

  it('a contact moved by 2 frames: that stride’s knee at contact is the knee angle at the new frame (±2°)', () => {
    const events = analysis.events.map((e) => ({ type: e.type, foot: e.foot, frame: e.frame }));
    const i = events.findIndex((e, k) => e.type === 'IC' && k > 6);
    const { foot, frame } = events[i];
    events[i] = { ...events[i], frame: frame + 2 };
    const a = reanalyze(track, reanalysisOptions(analysis, { events, captureFps: null }));
    expect(a.eventsCorrected).toBe(true);
    const stride = a.strides.find((s) => s.foot === foot && s.icFrame === frame + 2)!;
    const series = foot === 'left' ? a.series!.kneeFlexionLeftDeg : a.series!.kneeFlexionRightDeg;
    expect(Math.abs(stride.kneeFlexionIcDeg! - series[frame + 2]!)).toBeLessThanOrEqual(2);
    expect(a.detectedEvents!.map((e) => e.frame)).toEqual(analysis.events.map((e) => e.frame));
    expect(correctionsOf(a).events).toEqual(events.sort((x, y) => x.frame - y.frame || (x.type < y.type ? -1 : 1)).map((e) => e));
  });

  it('slow motion (filmed at 60 fps, played at 30): suspected; the capture rate restores the real cadence (±1 %) and times', () => {
    const fast = generateSideTrack({ fps: 60, durationS: 6, width: 720, height: 1280, ppm: 340, noisePx: 1, seed: 8, gait: { ...PRESETS.extended } }).track;
    const real = analyzeGait(fast);
    // the same frames played at 30 fps: every timestamp twice as late
    const slow: PoseTrack = { ...fast, fps: 30, timestampsUs: fast.timestampsUs.map((t) => t * 2) };
    const slowClip = clipOf(slow);
    const played = analyzeGait(slow, { view: 'auto' });
    expect(played.slowMotion).toMatchObject({ suspected: true, likelyFactor: 2 });
    expect(played.summary.cadence.value).toBeNull();
    const frames = compactPoseFrames(framesFromPoseTrack(slow), BLAZEPOSE_KEYPOINTS);
    const a = reanalyze(trackFromFrames(frames, BLAZEPOSE_KEYPOINTS, slowClip), reanalysisOptions(played, { events: null, captureFps: 60 }));
    expect(a.timeScale).toEqual({ playbackFps: 30, captureFps: 60, factor: 0.5 });
    expect(a.fps).toBe(60);
    expect(a.slowMotion.suspected).toBe(false);
    expect(Math.abs(a.summary.cadence.value! / real.summary.cadence.value! - 1)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(a.summary.contactTimeMs.value! - real.summary.contactTimeMs.value!)).toBeLessThanOrEqual(0.02 * real.summary.contactTimeMs.value!);
    expect(correctionsOf(a)).toEqual({ events: null, captureFps: 60 });
  });

  it('compares corrections by value', () => {
    expect(sameCorrections(NO_CORRECTIONS, { events: null, captureFps: null })).toBe(true);
    expect(sameCorrections({ events: [{ type: 'IC', foot: 'left', frame: 3 }], captureFps: null }, { events: [{ type: 'IC', foot: 'left', frame: 3 }], captureFps: null })).toBe(true);
    expect(sameCorrections({ events: [{ type: 'IC', foot: 'left', frame: 3 }], captureFps: null }, { events: [{ type: 'IC', foot: 'left', frame: 4 }], captureFps: null })).toBe(false);
    expect(sameCorrections({ events: [], captureFps: null }, NO_CORRECTIONS)).toBe(false);
  });
});

describe('an analysis saved by an older version', () => {
  it('gets the fields of hand corrections and slow motion (nothing corrected, nothing suspected), the rest untouched', () => {
    const clip = clipOf(synth.track);
    const { analysis } = workerRun(synthFrames, BLAZEPOSE_KEYPOINTS, clip, 'auto', 90);
    const { activityBasis: _a, timeScale: _t, slowMotion: _s, eventsCorrected: _e, detectedEvents: _d, ...old } = analysis;
    const up = upgradeAnalysis(old as never)!;
    expect(up).toEqual({ ...analysis, activityBasis: null, timeScale: null, slowMotion: { suspected: false, reason: null, likelyFactor: null }, eventsCorrected: false, detectedEvents: null });
    expect(correctionsOf(up)).toEqual(NO_CORRECTIONS);
    expect(upgradeAnalysis(analysis)).toBe(analysis);
    expect(upgradeAnalysis(null)).toBeNull();
    // its options read back the same (a record without a brightness: none)
    expect(baseOptions({ ...up, quality: { ...up.quality, imageBrightness: undefined as never } })).toEqual({ view: 'auto' });
  });
});
