/**
 * StrideScope analysis core: PoseTrack in, GaitAnalysis out. Pure TypeScript, no DOM / browser APIs:
 * runs unchanged in a web worker, in Node (vitest) and behind the command line.
 * Methods and thresholds: docs/METHODS.md.
 */
import type { KeypointName, PoseTrack } from '../types';
import { cleanTrack, midpoint, type CleanTrack } from './cleanup';
import { detectView, SETTING_WORDS } from './view';
import { detectSideEvents } from './events';
import { buildStrides, computeSideSeries, strideLowConfidenceFor, type StrideValueBasis } from './sideMeasures';
import { analyzeBack } from './backMeasures';
import { withThighToeOffs } from './thighToeOff';
import { detectPattern } from './pattern';
import { captureAdvice, withOtherPersonAdvice } from './quality';
import { feetOutOfFrameFraction } from './framing';
import { emptyMeasure, summarise, type Sample } from './summary';
import { checkedAgainstCycle, strideTimeFromContacts } from './cadence';
import { findStandingFrames } from './calibration';
import { RAD } from './geometry';
import { inRealTime, timeScaleFor } from './timeScale';
import { planSegments } from './segments';
import { analyzeSegments, segmentOutcome, segmentsHeadline, type SegmentPlay } from './segmentAnalysis';
import { backMechanics, sideMechanics } from './mechanics';
import { checkSlowMotion, decideActivity, implausibleTiming } from './activity';
import { LOW_CONFIDENCE, type DetectedEvent } from './events';
import { clamp, median, round, toJsonArray } from './stats';
import {
  CADENCE_MAX,
  CADENCE_MIN,
  SPRINT_CADENCE_MIN,
  FRAME_ROUNDING_TOLERANCE,
  TO_FRAME_DELAY,
  MAX_FEET_OUT_FRACTION,
  MIN_IMAGE_BRIGHTNESS,
  MIN_PERSON_S,
  MIN_STRIDES_FOR_GAIT,
  RIGID_IC_MIN_FPS,
  RUNNING_CADENCE_RANGE,
  SLOW_MOTION_FACTORS,
  STRIDE_OF_CYCLE_RANGE,
} from './thresholds';
import type {
  Activity,
  Advice,
  AnalysisOptions,
  AngleSeries,
  BackStance,
  ClipSegment,
  GaitAnalysis,
  GaitEvent,
  GaitSummary,
  ManualEvent,
  Measure,
  PatternFlag,
  QualityInfo,
  SideStride,
  SlowMotionCheck,
} from './types';

export * from './types';
export * as thresholds from './thresholds';
export { cleanTrack } from './cleanup';
export { SETTING_WORDS } from './view';

const NO_RUNNING = 'no running found';

function emptySummary(reason: string): GaitSummary {
  const m = (unit: string, est = false) => emptyMeasure(unit, reason, est);
  return {
    cadence: m('steps/min'),
    contactTimeMs: m('ms'),
    flightTimeMs: m('ms'),
    strideTimeMs: m('ms'),
    strides: { left: 0, right: 0, total: 0 },
    strike: { pattern: null, heel: 0, midfoot: 0, forefoot: 0, reason },
    footAngleDeg: m('deg'),
    kneeFlexionIcDeg: m('deg'),
    shankAngleIcDeg: m('deg'),
    overstride: m('leg lengths'),
    thighExtensionToDeg: m('deg'),
    trunkThighExtensionToDeg: m('deg'),
    trunkLeanToDeg: m('deg'),
    lumbarExtensionEstimateDeg: m('deg', true),
    pelvicTiltEstimateDeg: m('deg', true),
    pelvicDropDeg: m('deg'),
    lateralTrunkLeanDeg: m('deg'),
    stepWidthHipWidths: m('hip widths'),
    crossoverFraction: m('fraction'),
    pattern: {
      extensionAtToeOff: { strides: 0, flagged: 0, present: false },
      heelStrikeStraightKnee: { contacts: 0, flagged: 0, present: false },
      verdict: reason === NO_RUNNING ? 'No running found: nothing to judge.' : `Not analysed: ${reason}.`,
    },
  };
}

function timeMsAt(track: PoseTrack, sub: number): number {
  const n = track.frameCount;
  const ts = track.timestampsUs;
  const i = Math.max(0, Math.min(n - 1, Math.floor(sub)));
  const j = Math.min(n - 1, i + 1);
  const f = sub - i;
  const valid = n > 1 && ts[n - 1] > ts[0];
  if (!valid) return (sub / track.fps) * 1000;
  return ((ts[i] + (ts[j] - ts[i]) * (j > i ? f : 0)) / 1000);
}

function runnerHeightFraction(ct: CleanTrack): number | null {
  const top = ct.slow.get('nose' as KeypointName) ?? ct.slow.get('left_shoulder' as KeypointName);
  const feet = ['left_heel', 'right_heel', 'left_ankle', 'right_ankle'].map((k) => ct.slow.get(k as KeypointName)).filter(Boolean);
  if (!top || feet.length === 0) return null;
  const h: number[] = [];
  for (let f = 0; f < ct.n; f++) {
    let low = -Infinity;
    for (const a of feet) if (Number.isFinite(a!.y[f])) low = Math.max(low, a!.y[f]);
    if (Number.isFinite(top.y[f]) && Number.isFinite(low)) h.push((low - top.y[f]) / ct.height);
  }
  const m = median(h);
  return Number.isFinite(m) ? Math.round(m * 100) / 100 : null;
}

function meanKeypointScore(ct: CleanTrack): number | null {
  let s = 0;
  let c = 0;
  for (const arr of ct.score.values()) for (let f = 0; f < ct.n; f++) if (Number.isFinite(arr[f])) { s += arr[f]; c++; }
  return c ? Math.round((s / c) * 100) / 100 : null;
}

export function analyzeGait(track: PoseTrack, options: AnalysisOptions = {}): GaitAnalysis {
  const plan = planSegments(track);
  let out: GaitAnalysis;
  // one stretch — even of repeated pictures, whose speed nothing in the clip tells (the slow-motion check asks for the
  // capture rate) — is analysed whole
  if (plan.segments.length > 1) out = analyzeSegments(track, plan, options, analyzeGaitInner);
  else {
    const timeScale = timeScaleFor(track.fps, options.captureFps);
    out = analyzeGaitInner(inRealTime(track, timeScale), options);
    out.timeScale = timeScale;
    if (out.activity === 'none' && !timeScale && !out.slowMotion.suspected) probeSlowMotion(track, options, out);
    out.segments = [wholeClipSegment(track, out)];
  }
  out.advice = withOtherPersonAdvice(out.advice, out.quality, out.frameCount, options.otherPersonFramesSeen);
  out.headline = buildHeadline(out);
  return out;
}

/** The one segment of a clip that is all one stretch. */
function wholeClipSegment(track: PoseTrack, a: GaitAnalysis): ClipSegment {
  const n = track.frameCount;
  const ts = track.timestampsUs;
  return {
    startFrame: 0,
    endFrame: Math.max(0, n - 1),
    startS: 0,
    endS: n > 0 ? Math.round((ts[n - 1] - ts[0] + 1e6 / track.fps) / 100) / 1e4 : 0,
    startsWith: 'clip-start',
    repeatEvery: 1,
    speed: a.timeScale ? Math.round(a.timeScale.factor * 1e4) / 1e4 : 1,
    speedFrom: a.timeScale ? 'capture-rate' : 'timestamps',
    ...segmentOutcome(a),
    primary: true,
    strides: a.strides.length,
  };
}

/**
 * No running found at the clip's own rate: slow motion played 2, 4 or 8× slower than filmed is too slow to show a
 * stride in the searched range (a 170 steps/min runner at 4× reads 42). If the clip read at one of those capture
 * rates shows running by its mechanics at a running cadence, say so (the figures stay empty until the user confirms).
 */
function probeSlowMotion(track: PoseTrack, options: AnalysisOptions, out: GaitAnalysis): void {
  for (const k of SLOW_MOTION_FACTORS) {
    const a = analyzeGaitInner(inRealTime(track, timeScaleFor(track.fps, track.fps * k)), { ...options, includeSeries: false });
    const cad = a.summary.cadence.value;
    if (a.activity === 'running' && a.activityBasis === 'mechanics' && cad !== null && cad >= RUNNING_CADENCE_RANGE[0] && cad <= RUNNING_CADENCE_RANGE[1]) {
      out.slowMotion = {
        suspected: true,
        reason: `no running at the clip's own rate, but read as filmed ${k}× faster than it plays it is running at ${cad} steps/min (${a.activityReason})`,
        likelyFactor: k,
      };
      out.advice.unshift(slowMotionAdvice(out.slowMotion, track.fps));
      return;
    }
  }
}

function slowMotionAdvice(sm: SlowMotionCheck, playbackFps: number): Advice {
  const rate = sm.likelyFactor ? ` (likely ${Math.round(playbackFps * sm.likelyFactor)} fps: ${sm.likelyFactor}× the ${Math.round(playbackFps)} fps it plays at)` : '';
  return {
    code: 'slow-motion',
    severity: 'warning',
    message: `This looks like slow motion: ${sm.reason}. Give the rate it was filmed at${rate}; cadence and contact times are left out until then.`,
  };
}

/** A hand-placed event as the analysis reads it: IC at its frame; TO half a frame before the first frame clearly off. */
function manualEvent(e: ManualEvent): DetectedEvent {
  return { type: e.type, foot: e.foot, te: e.type === 'TO' ? e.frame - TO_FRAME_DELAY : e.frame, confidence: 1, method: 'manual', marker: 'zeni' };
}

/** The command-line / report summary in plain words (2–4 lines). */
export function buildHeadline(a: GaitAnalysis): string[] {
  const parts = segmentsHeadline(a.segments ?? []);
  if (a.activity === 'none') return [`No running found (${a.activityReason.replace(/^no running found:?\s*/, '') || 'no gait'}).`, ...(parts ? [parts] : [])];
  const v = a.view;
  const oblique = v.oblique ? `oblique ` : '';
  const angle = v.oblique ? `, about ${v.obliqueDeg}° from square` : '';
  const view = v.view === 'side'
    ? `${oblique}side view${angle}${v.direction ? `, ${v.direction}` : ''}${v.setting ? `, ${SETTING_WORDS[v.setting]}` : ''}${v.nearSide ? `, ${v.nearSide} side nearest` : ''}`
    : `${oblique}${v.view} view${angle}`;
  const lines = [`${a.activity === 'walking' ? 'Walking' : 'Running'} (${view}), ${a.durationS.toFixed(1)} s at ${Math.round(a.fps)} fps.`];
  const s = a.summary;
  const cad = s.cadence.value !== null ? `Cadence ${s.cadence.value} steps/min` : 'Cadence not measured';
  const ct = s.contactTimeMs.value !== null ? `, contact ${s.contactTimeMs.value} ms` : '';
  lines.push(`${cad}${ct}; ${s.strides.total} full stride${s.strides.total === 1 ? '' : 's'} (left ${s.strides.left}, right ${s.strides.right}).`);
  if (a.view.view === 'side') {
    const st = s.strike;
    lines.push(st.pattern
      ? `Foot strike: ${st.pattern} (heel ${st.heel}, midfoot ${st.midfoot}, forefoot ${st.forefoot} contacts).`
      : `Foot strike: ${st.reason ?? 'not measured'}.`);
  }
  lines.push(`${s.pattern.verdict} 2-D estimate from video, not a diagnosis.`);
  if (parts) lines.splice(1, 0, parts);
  return lines;
}

function analyzeGaitInner(track: PoseTrack, options: AnalysisOptions, play: SegmentPlay = { frames: track.frameCount, repeated: 0 }): GaitAnalysis {
  const n = track.frameCount;
  const fps = track.fps;
  const ct = cleanTrack(track, { minKeypointScore: options.minKeypointScore, measureCutoffHz: options.measureCutoffHz });
  const view = detectView(ct, options.view ?? 'auto', track.change?.background);
  // the frames that count: the segment's (a whole clip: all), less its repeated pictures, which hold no pose of their own
  const personFraction = play.frames - play.repeated > 0 ? ct.stats.personFrames / (play.frames - play.repeated) : 0;
  const footKeypoints = ct.raw.has('left_heel' as KeypointName) && ct.raw.has('left_foot_index' as KeypointName);
  const quality: QualityInfo = {
    confidence: 0,
    personFrameFraction: round(personFraction, 3) ?? 0,
    meanKeypointScore: meanKeypointScore(ct),
    swapFramesRepaired: ct.stats.swapFrames,
    otherPersonFrames: ct.stats.otherPersonFrames,
    otherPersonFramesSeen: options.otherPersonFramesSeen ?? null,
    outliersRejected: ct.stats.outliers,
    gapsFilled: ct.stats.gapsFilled,
    legLengthPx: round(ct.legLengthPx, 1),
    runnerHeightFraction: runnerHeightFraction(ct),
    imageBrightness: round(options.imageBrightness, 1),
    feetOutOfFrameFraction: round(feetOutOfFrameFraction(track), 3),
    groundTiltDeg: null,
    footKeypoints,
    standingCalibration: false,
  };
  const { dirSign, excursion: _e, shoulderRatio: _s, ...viewInfo } = view;
  void _e;
  void _s;
  const base = {
    version: 1 as const,
    activityBasis: null,
    fps,
    timeScale: null,
    slowMotion: { suspected: false, reason: null, likelyFactor: null },
    frameCount: n,
    durationS: round(play.frames / fps, 3) ?? 0,
    view: viewInfo,
    quality,
    eventsCorrected: false,
    detectedEvents: null,
    segments: [],
  };
  const feetOut = quality.feetOutOfFrameFraction !== null && quality.feetOutOfFrameFraction > MAX_FEET_OUT_FRACTION;
  const none = (reason: string, activityReason: string): GaitAnalysis => {
    const out: GaitAnalysis = {
      ...base,
      activity: 'none',
      // when the feet are not in the picture that is the reason, whatever else failed
      activityReason: feetOut ? `${NO_RUNNING}: the feet are out of the picture on ${(quality.feetOutOfFrameFraction! * 100).toFixed(0)} % of the frames` : activityReason,
      events: [],
      strides: [],
      backStances: [],
      summary: emptySummary(reason),
      flags: [],
      series: null,
      advice: [],
      headline: [],
    };
    out.advice = captureAdvice({
      activity: 'none', fps, view: viewInfo, personFraction, runnerHeightFraction: quality.runnerHeightFraction, feetOutOfFrameFraction: quality.feetOutOfFrameFraction, groundTiltDeg: null,
      strides: 0, footKeypoints, swapFrames: ct.stats.swapFrames, frameCount: n, leavesFrame: false,
    });
    return out;
  };

  if (quality.imageBrightness !== null && quality.imageBrightness < MIN_IMAGE_BRIGHTNESS) {
    const out = none(NO_RUNNING, `${NO_RUNNING}: the picture is too dark to trust the pose (brightness ${quality.imageBrightness.toFixed(0)} of 255)`);
    out.advice.unshift({
      code: 'too-dark',
      severity: 'error',
      message: `The clip is too dark (brightness ${quality.imageBrightness.toFixed(0)} of 255): the pose model cannot tell the legs apart, so no figures are given. Film in good light, with the light behind the camera, not behind the runner.`,
    });
    out.advice = out.advice.filter((x) => x.code !== 'no-running');
    return out;
  }

  const personSeconds = fps > 0 ? (personFraction * play.frames) / fps : 0;
  if (personSeconds < MIN_PERSON_S || !(ct.legLengthPx > 0)) {
    return none(NO_RUNNING, `${NO_RUNNING}: a person is visible for only ${personSeconds.toFixed(1)} s (${(personFraction * 100).toFixed(0)} % of the frames)`);
  }

  const frameOf = (sub: number, type: 'IC' | 'TO') => Math.max(0, Math.min(n - 1, Math.ceil(type === 'IC' ? sub - FRAME_ROUNDING_TOLERANCE : sub + TO_FRAME_DELAY)));
  const includeSeries = options.includeSeries !== false;

  // ------------------------------------------------------------------ side view
  if (view.view === 'side' || (view.view === 'unknown' && view.excursion > 0.25)) {
    const ev = detectSideEvents(ct, dirSign || 1);
    if (!ev.ok) return none(NO_RUNNING, `${NO_RUNNING}: ${ev.reason}`);
    const tilt = ev.ground?.tiltRad ?? 0;
    // toe-offs at low frame rates: with the thigh's extension peak (thighToeOff.ts). The series' flat-foot calibration
    // stays placed between the foot markers' own events (the thigh tells when the toe leaves, not where the foot is
    // flat): each re-timed toe-off remembers the one it came from
    const footSeries = fps < RIGID_IC_MIN_FPS ? computeSideSeries(ct, tilt, dirSign || 1, ev.events, 0) : null;
    const footTimed = new Map<DetectedEvent, DetectedEvent>();
    if (footSeries) {
      const fromFoot = ev.events;
      ev.events = withThighToeOffs(fromFoot, footSeries.raw.thighExt, fps);
      ev.events.forEach((e, i) => footTimed.set(e, fromFoot[i]));
    }
    const detected = ev.events;
    const corrected = options.correctedEvents;
    if (corrected) {
      // an event left where it was detected (same type, foot and frame) stays the detected event — its sub-frame time,
      // method and confidence — so correcting one event changes no stride nobody touched; only moved or added events
      // are read from their whole frame
      const asDetected = new Map(detected.map((d) => [`${d.type}:${d.foot}:${frameOf(d.te, d.type)}`, d]));
      ev.events = corrected
        .filter((e) => e.frame >= 0 && e.frame < n)
        .map((e) => asDetected.get(`${e.type}:${e.foot}:${e.frame}`) ?? manualEvent(e))
        .sort((a, b) => a.te - b.te);
    }
    quality.groundTiltDeg = ev.ground ? round(ev.ground.tiltRad * RAD, 1) : null;
    const firstIC = ev.events.find((e) => e.type === 'IC')?.te ?? n;
    const standing = findStandingFrames(ct, firstIC - 0.3 * fps);
    let trunkRef = 0;
    // trunk angle in the standing frames (same body frame as the measures)
    const calibration = ev.events.map((e) => footTimed.get(e) ?? e);
    const series0 = footSeries && !corrected ? footSeries : computeSideSeries(ct, tilt, dirSign || 1, calibration, 0);
    if (standing) {
      const vals: number[] = [];
      for (let f = standing[0]; f <= standing[1]; f++) vals.push(series0.trunkLean[f]);
      const m = median(vals);
      if (Number.isFinite(m)) {
        trunkRef = m;
        quality.standingCalibration = true;
      }
    }
    const finalSeries = trunkRef !== 0 ? computeSideSeries(ct, tilt, dirSign || 1, calibration, trunkRef) : series0;
    const timeMs = (sub: number) => timeMsAt(track, sub);
    const strides = buildStrides(finalSeries, ev.events, fps, view.nearSide, ev.footMarkers, timeMs);
    // a contact missed between two others makes one "stride" of two (and a spurious one, half of one): the leg's
    // cycle, from the whole signal, says how long a stride is, so such a span gives no stride time
    const cycleMs = (ev.strideFrames / fps) * 1000;
    for (const s of strides) {
      if (s.strideTimeMs !== null && Number.isFinite(cycleMs) && (s.strideTimeMs > STRIDE_OF_CYCLE_RANGE[1] * cycleMs || s.strideTimeMs < STRIDE_OF_CYCLE_RANGE[0] * cycleMs)) s.strideTimeMs = null;
    }
    const full = strides.filter((s) => s.strideTimeMs !== null);
    const strideTimes = full.map((s) => s.strideTimeMs as number);
    const cadence = strideTimes.length ? 120000 / median(strideTimes) : NaN;
    if (full.length < MIN_STRIDES_FOR_GAIT || !(cadence >= CADENCE_MIN && cadence <= CADENCE_MAX)) {
      return none(NO_RUNNING, `${NO_RUNNING}: ${full.length} complete stride(s)${Number.isFinite(cadence) ? `, cadence ${cadence.toFixed(0)} steps/min` : ''}`);
    }
    // a sprint: the foot angle is read against the foot's own mid-stance attitude taken as flat, and a sprinter's heel
    // may never come down — no strike and no foot angle rather than a wrong one (METHODS §4)
    const sprint = cadence >= SPRINT_CADENCE_MIN;
    const sprintNote = `not read at a sprint's cadence (${cadence.toFixed(0)} steps/min): the heel may never touch down, so there is no flat-foot reference`;
    if (sprint) for (const s of strides) { s.strike = null; s.footAngleDeg = null; }
    const contacts = strides.map((s) => s.contactTimeMs).filter((v): v is number => v !== null);
    const duty = contacts.length ? median(contacts) / median(strideTimes) : NaN;
    const decision = decideActivity(sideMechanics(ct, ev.strideFrames / 2), duty, cadence);
    // steps move the body: it bounces at the step rhythm (the mechanics) or it travels over the ground. A still camera
    // with a body that does neither (legs moving in place: a sprinter kneeling in the blocks, pose jitter) is no gait,
    // whatever the detected contacts' duty factor says
    if (decision.basis !== 'mechanics' && view.setting === 'treadmill') {
      return none(NO_RUNNING, `${NO_RUNNING}: the legs move, but the body neither bounces at the step rhythm nor travels across the picture (${decision.reason})`);
    }
    const activity: Activity = decision.activity;
    const activityReason = decision.reason;
    // judged on the leg's cycle over the whole clip, not on the strides between detected contacts (a missed contact
    // must not make a runner look slowed down)
    const slowMotion = options.captureFps ? base.slowMotion : checkSlowMotion(decision, (120 * fps) / ev.strideFrames);

    // events out
    const byIc = (list: SideStride[]) => new Map(list.map((st) => [`${st.foot}:${Math.round(st.icSubFrame * 1000)}`, st]));
    const eventsOut = (list: DetectedEvent[], strideList: SideStride[]): GaitEvent[] => {
      const stridesByIc = byIc(strideList);
      return list.map((e) => {
        const s = e.type === 'IC' ? stridesByIc.get(`${e.foot}:${Math.round(e.te * 1000)}`) : undefined;
        const side = view.nearSide ? (e.foot === view.nearSide ? 'near' : 'far') : null;
        return {
          type: e.type,
          foot: e.foot,
          frame: frameOf(e.te, e.type),
          subFrame: round(e.te, 2) as number,
          timeMs: round(timeMsAt(track, e.te), 1) as number,
          confidence: round(e.confidence * (side === 'far' ? 0.85 : 1), 2) as number,
          side,
          strike: s?.strike ?? null,
          footAngleDeg: round(s?.footAngleDeg ?? null, 1),
          kneeFlexionDeg: round(e.type === 'IC' ? s?.kneeFlexionIcDeg ?? null : null, 1),
          method: e.method,
          lowConfidence: !!e.lowConfidence,
          lowConfidenceReason: e.lowConfidence ?? null,
        };
      });
    };
    const events = eventsOut(ev.events, strides);

    const sample = (pick: (s: SideStride) => number | null, basis: StrideValueBasis): Sample[] => strides.map((s) => ({ value: pick(s), foot: s.foot, side: s.side, confidence: s.confidence, lowConfidence: strideLowConfidenceFor(s, basis) }));
    const vc = view.confidence;
    // the extended-posture pattern is a running pattern: a heel strike on a nearly straight knee is normal walking
    const pat = activity === 'running'
      ? detectPattern(strides, finalSeries, fps, n)
      : {
          flags: [],
          summary: {
            extensionAtToeOff: { strides: 0, flagged: 0, present: false },
            heelStrikeStraightKnee: { contacts: 0, flagged: 0, present: false },
            verdict: 'The extended-posture pattern is judged on running; this clip shows walking (a heel strike on a nearly straight knee is normal in walking).',
          },
        };
    const strikeCounts = { heel: 0, midfoot: 0, forefoot: 0 };
    for (const s of strides) if (s.strike) strikeCounts[s.strike]++;
    const totalStrikes = strikeCounts.heel + strikeCounts.midfoot + strikeCounts.forefoot;
    const majority = totalStrikes ? (Object.entries(strikeCounts).sort((a, b) => b[1] - a[1])[0][0] as 'heel' | 'midfoot' | 'forefoot') : null;
    const noBack = 'back-view measure (film from behind)';
    const slowNote = 'looks like slow motion: give the rate it was filmed at';
    const timingDoubt = options.captureFps ? null : implausibleTiming(decision, slowMotion, (120 * fps) / ev.strideFrames);
    const timed = (m: Measure): Measure => (slowMotion.suspected ? emptyMeasure(m.unit, slowNote) : timingDoubt ? emptyMeasure(m.unit, timingDoubt) : m);
    const summary: GaitSummary = {
      cadence: timed(checkedAgainstCycle(cadenceMeasure(summarise(sample((s) => (s.strideTimeMs ? 120000 / s.strideTimeMs : null), 'stride'), 'steps/min', vc, { digits: 0 }), ev.events, timeMs), (120 * fps) / ev.strideFrames)),
      // walking: the toe-off detection is built and validated for running (real walking clip: 223 ms read for a
      // ~650 ms contact), and walking has no flight phase — no numbers rather than wrong ones
      contactTimeMs: activity === 'walking' ? emptyMeasure('ms', WALKING_NO_TIMING) : timed(summarise(sample((s) => s.contactTimeMs, 'contact'), 'ms', vc, { digits: 0 })),
      flightTimeMs: activity === 'walking' ? emptyMeasure('ms', WALKING_NO_TIMING) : timed(summarise(sample((s) => s.flightTimeMs, 'flight'), 'ms', vc, { digits: 0 })),
      strideTimeMs: timed(summarise(sample((s) => s.strideTimeMs, 'stride'), 'ms', vc, { digits: 0 })),
      strides: { left: full.filter((s) => s.foot === 'left').length, right: full.filter((s) => s.foot === 'right').length, total: full.length },
      strike: { pattern: majority, ...strikeCounts, reason: !footKeypoints ? 'unavailable with MoveNet (no heel / toe keypoints)' : sprint ? sprintNote : null },
      footAngleDeg: !footKeypoints ? emptyMeasure('deg', 'unavailable with MoveNet (no heel / toe keypoints)') : sprint ? emptyMeasure('deg', sprintNote) : summarise(sample((s) => s.footAngleDeg, 'ic'), 'deg', vc),
      kneeFlexionIcDeg: summarise(sample((s) => s.kneeFlexionIcDeg, 'ic'), 'deg', vc),
      shankAngleIcDeg: summarise(sample((s) => s.shankAngleIcDeg, 'ic'), 'deg', vc),
      overstride: summarise(sample((s) => s.overstride, 'ic'), 'leg lengths', vc, { digits: 2 }),
      thighExtensionToDeg: summarise(sample((s) => s.thighExtensionToDeg, 'to'), 'deg', vc),
      trunkThighExtensionToDeg: summarise(sample((s) => s.trunkThighExtensionToDeg, 'to'), 'deg', vc),
      trunkLeanToDeg: summarise(sample((s) => s.trunkLeanToDeg, 'to'), 'deg', vc),
      lumbarExtensionEstimateDeg: summarise(sample((s) => s.lumbarExtensionEstimateDeg, 'to'), 'deg', vc * 0.6, { estimate: true }),
      pelvicTiltEstimateDeg: summarise(sample((s) => s.pelvicTiltEstimateDeg, 'to'), 'deg', vc * 0.5, { estimate: true }),
      pelvicDropDeg: emptyMeasure('deg', noBack),
      lateralTrunkLeanDeg: emptyMeasure('deg', noBack),
      stepWidthHipWidths: emptyMeasure('hip widths', noBack),
      crossoverFraction: emptyMeasure('fraction', noBack),
      pattern: pat.summary,
    };
    if (!footKeypoints) for (const s of strides) { s.strike = null; s.footAngleDeg = null; }

    let series: AngleSeries | null = null;
    if (includeSeries) {
      const frames = Array.from({ length: n }, (_, i) => i);
      series = {
        frame: frames,
        timeMs: frames.map((f) => round(timeMsAt(track, f), 1) as number),
        trunkLeanDeg: toJsonArray(finalSeries.trunkLean, 1),
        lumbarExtensionEstimateDeg: toJsonArray(finalSeries.lumbar, 1),
        thighExtensionLeftDeg: toJsonArray(finalSeries.thighExt.left, 1),
        thighExtensionRightDeg: toJsonArray(finalSeries.thighExt.right, 1),
        trunkThighExtensionLeftDeg: toJsonArray(finalSeries.trunkThigh.left, 1),
        trunkThighExtensionRightDeg: toJsonArray(finalSeries.trunkThigh.right, 1),
        kneeFlexionLeftDeg: toJsonArray(finalSeries.knee.left, 1),
        kneeFlexionRightDeg: toJsonArray(finalSeries.knee.right, 1),
        footAngleLeftDeg: footKeypoints ? toJsonArray(finalSeries.foot.left, 1) : new Array(n).fill(null),
        footAngleRightDeg: footKeypoints ? toJsonArray(finalSeries.foot.right, 1) : new Array(n).fill(null),
        pelvicDropDeg: new Array(n).fill(null),
      };
    }
    const meanStrideConf = strides.length ? strides.reduce((a, s) => a + s.confidence, 0) / strides.length : 0;
    quality.confidence = round(clamp(meanStrideConf * view.confidence * Math.sqrt(Math.min(1, full.length / 7)), 0, 1), 2) ?? 0;
    const out: GaitAnalysis = {
      ...base,
      activity,
      activityReason,
      activityBasis: decision.basis,
      slowMotion,
      events,
      eventsCorrected: !!corrected,
      // the detected events keep what was read at them (strike, foot angle, knee) beside the corrected ones
      detectedEvents: corrected ? eventsOut(detected, buildStrides(finalSeries, detected, fps, view.nearSide, ev.footMarkers, timeMs)) : null,
      strides: strides.map(roundStride),
      backStances: [],
      summary,
      flags: pat.flags as PatternFlag[],
      series,
      advice: [],
      headline: [],
    };
    out.advice = captureAdvice({
      activity, fps, view: viewInfo, personFraction, runnerHeightFraction: quality.runnerHeightFraction, feetOutOfFrameFraction: quality.feetOutOfFrameFraction, groundTiltDeg: quality.groundTiltDeg,
      strides: full.length, footKeypoints, swapFrames: ct.stats.swapFrames, frameCount: n, leavesFrame: personFraction < 0.9 && view.setting === 'overground',
    });
    if (slowMotion.suspected) out.advice.unshift(slowMotionAdvice(slowMotion, fps));
    return out;
  }

  // ------------------------------------------------------------------ back / front view
  if (view.view === 'back' || view.view === 'front') {
    const back = analyzeBack(ct);
    if (!back.ok) return none(NO_RUNNING, `${NO_RUNNING}: ${back.reason}`);
    const cadence = (60 * fps * 2) / back.strideFrames;
    if (!(cadence >= CADENCE_MIN && cadence <= CADENCE_MAX) || back.stances.length < 2 * MIN_STRIDES_FOR_GAIT) {
      return none(NO_RUNNING, `${NO_RUNNING}: ${back.stances.length} stance(s), cadence ${cadence.toFixed(0)} steps/min`);
    }
    const decision = decideActivity(backMechanics(ct, back.stances.map((st) => st.midStanceFrame)), NaN, cadence);
    const activity: Activity = decision.activity;
    const slowMotion = options.captureFps ? base.slowMotion : checkSlowMotion(decision, cadence);
    const vc = view.confidence;
    const bs = (pick: (s: BackStance) => number | null): Sample[] => back.stances.map((s) => ({ value: pick(s), foot: s.foot, side: null, confidence: s.confidence }));
    const summary = emptySummary('side-view measure (film from the side)');
    summary.cadence = slowMotion.suspected
      ? emptyMeasure('steps/min', 'looks like slow motion: give the rate it was filmed at')
      : { ...emptyMeasure('steps/min', ''), value: Math.round(cadence), confidence: round(clamp(back.periodicity * vc, 0, 1), 2) ?? 0, n: back.stances.length, reason: null };
    summary.pelvicDropDeg = summarise(bs((s) => s.pelvicDropDeg), 'deg', vc);
    summary.lateralTrunkLeanDeg = summarise(bs((s) => s.lateralTrunkLeanDeg), 'deg', vc);
    summary.stepWidthHipWidths = summarise(bs((s) => s.stepWidthHipWidths), 'hip widths', vc, { digits: 2 });
    const offs = back.stances.map((s) => s.footOffsetHipWidths).filter((v): v is number => v !== null);
    summary.crossoverFraction = offs.length >= 2
      ? { ...emptyMeasure('fraction', ''), value: round(offs.filter((o) => o < 0).length / offs.length, 2), confidence: round(vc, 2) ?? 0, n: offs.length, reason: null }
      : emptyMeasure('fraction', 'too few stances');
    summary.pattern.verdict = 'The extended-posture pattern needs a side view.';
    let series: AngleSeries | null = null;
    if (includeSeries) {
      const frames = Array.from({ length: n }, (_, i) => i);
      const nulls = () => new Array(n).fill(null);
      series = {
        frame: frames,
        timeMs: frames.map((f) => round(timeMsAt(track, f), 1) as number),
        trunkLeanDeg: nulls(), lumbarExtensionEstimateDeg: nulls(), thighExtensionLeftDeg: nulls(), thighExtensionRightDeg: nulls(),
        trunkThighExtensionLeftDeg: nulls(), trunkThighExtensionRightDeg: nulls(), kneeFlexionLeftDeg: nulls(), kneeFlexionRightDeg: nulls(),
        footAngleLeftDeg: nulls(), footAngleRightDeg: nulls(),
        pelvicDropDeg: toJsonArray(back.pelvicDropSeries, 1),
      };
    }
    quality.confidence = round(clamp(back.periodicity * vc, 0, 1), 2) ?? 0;
    const out: GaitAnalysis = {
      ...base,
      activity,
      activityReason: `${decision.reason}; cadence ${cadence.toFixed(0)} steps/min from the alternation of the feet (contact timing needs a side view)`,
      activityBasis: decision.basis,
      slowMotion,
      events: [],
      strides: [],
      backStances: back.stances.map((s) => ({
        ...s,
        pelvicDropDeg: round(s.pelvicDropDeg, 1),
        lateralTrunkLeanDeg: round(s.lateralTrunkLeanDeg, 1),
        footOffsetHipWidths: round(s.footOffsetHipWidths, 2),
        stepWidthHipWidths: round(s.stepWidthHipWidths, 2),
        confidence: round(s.confidence, 2) ?? 0,
      })),
      summary,
      flags: [],
      series,
      advice: [],
      headline: [],
    };
    out.advice = captureAdvice({
      activity, fps, view: viewInfo, personFraction, runnerHeightFraction: quality.runnerHeightFraction, feetOutOfFrameFraction: quality.feetOutOfFrameFraction, groundTiltDeg: null,
      strides: Math.floor(back.stances.length / 2), footKeypoints, swapFrames: ct.stats.swapFrames, frameCount: n, leavesFrame: false,
    }).filter((a) => a.code !== 'fps-too-low');
    if (slowMotion.suspected) out.advice.unshift(slowMotionAdvice(slowMotion, fps));
    return out;
  }
  return none(NO_RUNNING, `${NO_RUNNING}: the view could not be determined (neither side nor back)`);
}

function roundStride(s: SideStride): SideStride {
  return {
    ...s,
    icSubFrame: round(s.icSubFrame, 2) as number,
    toSubFrame: round(s.toSubFrame, 2),
    footAngleDeg: round(s.footAngleDeg, 1),
    kneeFlexionIcDeg: round(s.kneeFlexionIcDeg, 1),
    shankAngleIcDeg: round(s.shankAngleIcDeg, 1),
    overstride: round(s.overstride, 3),
    thighExtensionToDeg: round(s.thighExtensionToDeg, 1),
    trunkThighExtensionToDeg: round(s.trunkThighExtensionToDeg, 1),
    trunkLeanToDeg: round(s.trunkLeanToDeg, 1),
    lumbarExtensionEstimateDeg: round(s.lumbarExtensionEstimateDeg, 1),
    pelvicTiltEstimateDeg: round(s.pelvicTiltEstimateDeg, 1),
    contactTimeMs: round(s.contactTimeMs, 0),
    flightTimeMs: round(s.flightTimeMs, 0),
    strideTimeMs: round(s.strideTimeMs, 0),
    confidence: round(s.confidence, 2) ?? 0,
  };
}

export { midpoint };

const WALKING_NO_TIMING = 'walking: contact and flight times are measured on running only';

/** The cadence value from the regression over the whole pass (cadence.ts); spread, sides and n stay per stride. */
function cadenceMeasure(perStride: Measure, events: { type: string; foot: 'left' | 'right'; te: number; method: string; lowConfidence?: string }[], timeMs: (sub: number) => number): Measure {
  if (perStride.value === null) return perStride;
  // kinematic (or hand-placed) contacts only: a Zeni-window fallback or an edge contact placed from the contact time
  // is a frame or two off; nor a contact the foot never comes to rest at (it may be none: a foot at the frame's edge).
  // In the frames' own times (not frames / fps: a variable frame rate)
  const contacts = events.filter((e) => e.type === 'IC' && (e.method === 'kinematic' || e.method === 'manual') && e.lowConfidence !== LOW_CONFIDENCE.noStop);
  const st = strideTimeFromContacts(contacts.map((e) => ({ foot: e.foot, te: timeMs(e.te) })));
  return st ? { ...perStride, value: Math.round(120000 / st.frames) } : perStride;
}
