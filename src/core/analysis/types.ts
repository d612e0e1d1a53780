/**
 * Output types of the analysis core. Everything here is JSON-serialisable (number[] with null, never typed arrays):
 * a GaitAnalysis becomes the `analysis` field of the `npm run analyze` JSON.
 */
import type { ViewChoice } from '../types';

export type Foot = 'left' | 'right';
export type EventType = 'IC' | 'TO';
export type StrikePattern = 'heel' | 'midfoot' | 'forefoot';
export type NearFar = 'near' | 'far';
export type Activity = 'running' | 'walking' | 'none';
export type DetectedView = 'side' | 'back' | 'front' | 'unknown';
export type Direction = 'left-to-right' | 'right-to-left' | 'away' | 'toward';
/** Where the runner is filmed: on a treadmill, passing a still camera, or by a camera that follows the runner. */
export type Setting = 'treadmill' | 'overground' | 'following';

export interface AnalysisOptions {
  /** 'auto' (default) detects the view; 'side' / 'back' force it (view.overridden = true). */
  view?: ViewChoice;
  /** Keypoints scoring below this are treated as absent (default thresholds.KEYPOINT_MIN_SCORE). */
  minKeypointScore?: number;
  /** Low-pass cutoff for measures, Hz (default thresholds.MEASURE_CUTOFF_HZ). */
  measureCutoffHz?: number;
  /** Include the per-frame angle series (default true). */
  includeSeries?: boolean;
  /** Median brightness of the frames the pose model saw (mean luma, 0–255), when the pipeline measured it. */
  imageBrightness?: number;
  /**
   * The rate the clip was filmed at, when it plays back at another (a phone's slow motion exported at normal speed:
   * filmed at 120 or 240 fps, played at 30). Every time-based figure is then computed in real time: one frame lasts
   * 1 / captureFps s. Absent: the clip's own timestamps are real time.
   */
  captureFps?: number;
  /**
   * Events corrected by hand (side view): when given, every measure, flag and summary is computed from these instead
   * of the detected events, which are kept in `detectedEvents`. Frames follow the labels' convention (IC = first frame
   * the foot touches, TO = first frame the toe is clearly off).
   */
  correctedEvents?: ManualEvent[];
  /** Frames on which the pose stage's person detector saw someone besides the person it followed (advice 'other-person'). */
  otherPersonFramesSeen?: number;
}

/** An event placed by hand (frame convention of ../shared/clips/labels). */
export interface ManualEvent {
  type: EventType;
  foot: Foot;
  frame: number;
}

/** Real time against the clip's playback time (slow motion). */
export interface TimeScale {
  /** Frame rate the clip plays at (its timestamps). */
  playbackFps: number;
  /** Frame rate it was filmed at, as given by the user. */
  captureFps: number;
  /** Real seconds per playback second (captureFps > playbackFps: < 1). */
  factor: number;
}

/** Whether the clip looks like slow motion played at normal speed, and why. */
export interface SlowMotionCheck {
  suspected: boolean;
  /** The evidence in words (running mechanics at an implausible cadence, container tags). */
  reason: string | null;
  /** The slow-motion factor that would bring the cadence into the running range, when suspected (2, 4, 8). */
  likelyFactor: number | null;
}

/** One detected gait event. `frame` is the first frame at/after the sub-frame event time (rounded, see METHODS.md). */
export interface GaitEvent {
  type: EventType;
  foot: Foot;
  frame: number;
  /** Sub-frame event time in frames (0-based, decode order). */
  subFrame: number;
  /** Presentation time of the event (interpolated from the track's timestamps), ms. */
  timeMs: number;
  confidence: number;
  /** Near/far side of this foot (side view), null when unknown. */
  side: NearFar | null;
  /** IC only (null on TO or when unavailable, e.g. MoveNet). */
  strike: StrikePattern | null;
  footAngleDeg: number | null;
  kneeFlexionDeg: number | null;
  /** How this event was found: 'kinematic' (Zeni window + foot-marker change point, refined by stride registration at
   *  ≥ 50 fps), 'zeni' (window only) or 'contact-time' (at the clip's start or end, too close to the edge for a fit:
   *  placed from the foot's median contact time). */
  method: 'kinematic' | 'zeni' | 'contact-time' | 'manual';
  /** True when the evidence for this event's timing is weak (see lowConfidenceReason; docs/METHODS.md §3.8): it is
   *  still listed and drawn, but the strides that use it are left out of the summaries. */
  lowConfidence: boolean;
  /** Why the event is low confidence; null when it is not. */
  lowConfidenceReason: string | null;
}

/** A number with its confidence; `value` null (with `reason`) when the evidence is too weak. */
export interface Measure {
  value: number | null;
  unit: string;
  confidence: number;
  /** Number of strides / contacts behind the value. */
  n: number;
  /** Interquartile range [q1, q3] across strides, when n >= 3. */
  iqr: [number, number] | null;
  left: number | null;
  right: number | null;
  near: number | null;
  far: number | null;
  /** True for model-based estimates (lumbar extension, pelvic tilt): not direct measurements. */
  estimate: boolean;
  reason: string | null;
  /** Strides that carried a value but were left out because one of their events is low confidence. */
  lowConfidenceExcluded: number;
}

/** Per-stride side-view measures (a stride = IC to the next IC of the same foot). Angles in degrees. */
export interface SideStride {
  foot: Foot;
  side: NearFar | null;
  icFrame: number;
  icSubFrame: number;
  toFrame: number | null;
  toSubFrame: number | null;
  nextIcFrame: number | null;
  strike: StrikePattern | null;
  footAngleDeg: number | null;
  kneeFlexionIcDeg: number | null;
  shankAngleIcDeg: number | null;
  overstride: number | null;
  thighExtensionToDeg: number | null;
  trunkThighExtensionToDeg: number | null;
  trunkLeanToDeg: number | null;
  lumbarExtensionEstimateDeg: number | null;
  pelvicTiltEstimateDeg: number | null;
  contactTimeMs: number | null;
  flightTimeMs: number | null;
  strideTimeMs: number | null;
  confidence: number;
  /** True when an event this stride's values depend on is low confidence (lowConfidenceEvents says which): the stride
   *  is listed, and each summary leaves it out when its value rests on such an event (values at IC on the IC, values
   *  at TO on the TO, contact time on both, stride time on the IC and the next IC, flight time on the TO and the other
   *  foot's next IC). */
  lowConfidence: boolean;
  lowConfidenceEvents: ('ic' | 'to' | 'nextIc' | 'flightIc')[];
}

/** Per-stance back/front-view measures (at mid-stance of `foot`). */
export interface BackStance {
  foot: Foot;
  midStanceFrame: number;
  /** Hip line against horizontal; positive = the swing-side (contralateral) hip lower. */
  pelvicDropDeg: number | null;
  /** Mid-hip→mid-shoulder line against vertical; positive = leaning toward the stance side. */
  lateralTrunkLeanDeg: number | null;
  /** Stance foot's lateral offset from the pelvis centre, in hip widths; negative = crosses the midline. */
  footOffsetHipWidths: number | null;
  /** Lateral distance between this foot and the previous contralateral contact, in hip widths. */
  stepWidthHipWidths: number | null;
  confidence: number;
}

export interface ViewInfo {
  view: DetectedView;
  direction: Direction | null;
  setting: Setting | null;
  confidence: number;
  overridden: boolean;
  /** Roughly how far (degrees) the camera is from square to the runner's side (side view) or back (back / front view);
   *  null when not measurable. A rough reading (±10°): see METHODS.md, "Obliqueness". */
  obliqueDeg: number | null;
  /** obliqueDeg ≥ the oblique threshold: angles in the picture are distorted; the report says so. */
  oblique: boolean;
  /** Which of the runner's sides faces the camera (side view). */
  nearSide: Foot | null;
  nearSideConfidence: number;
  /** The evidence, for the report: each cue and what it said. */
  cues: string[];
}

export interface FlagThreshold {
  name: string;
  value: number;
  comparison: '>=' | '<=' | '==';
}

export interface PatternFlag {
  kind: 'extension-at-toe-off' | 'heel-strike-straight-knee';
  foot: Foot;
  side: NearFar | null;
  /** The event frame this flag is about (TO or IC). */
  frame: number;
  /** Frames to highlight (the event frame and its neighbours). */
  frames: number[];
  reasons: string[];
  values: Record<string, number | null>;
  thresholds: FlagThreshold[];
  confidence: number;
}

export interface PatternSummary {
  extensionAtToeOff: { strides: number; flagged: number; present: boolean };
  heelStrikeStraightKnee: { contacts: number; flagged: number; present: boolean };
  /** Plain-language verdict on the extended-posture pattern. */
  verdict: string;
}

export interface GaitSummary {
  cadence: Measure;
  contactTimeMs: Measure;
  flightTimeMs: Measure;
  strideTimeMs: Measure;
  strides: { left: number; right: number; total: number };
  strike: { pattern: StrikePattern | null; heel: number; midfoot: number; forefoot: number; reason: string | null };
  footAngleDeg: Measure;
  kneeFlexionIcDeg: Measure;
  shankAngleIcDeg: Measure;
  overstride: Measure;
  thighExtensionToDeg: Measure;
  trunkThighExtensionToDeg: Measure;
  trunkLeanToDeg: Measure;
  lumbarExtensionEstimateDeg: Measure;
  pelvicTiltEstimateDeg: Measure;
  pelvicDropDeg: Measure;
  lateralTrunkLeanDeg: Measure;
  stepWidthHipWidths: Measure;
  crossoverFraction: Measure;
  pattern: PatternSummary;
}

/** Per-frame angle series for charts: one value per track frame, null where not available. Degrees. */
export interface AngleSeries {
  frame: number[];
  timeMs: number[];
  trunkLeanDeg: (number | null)[];
  lumbarExtensionEstimateDeg: (number | null)[];
  thighExtensionLeftDeg: (number | null)[];
  thighExtensionRightDeg: (number | null)[];
  trunkThighExtensionLeftDeg: (number | null)[];
  trunkThighExtensionRightDeg: (number | null)[];
  kneeFlexionLeftDeg: (number | null)[];
  kneeFlexionRightDeg: (number | null)[];
  footAngleLeftDeg: (number | null)[];
  footAngleRightDeg: (number | null)[];
  pelvicDropDeg: (number | null)[];
}

export interface Advice {
  code:
    | 'camera-tilt'
    | 'runner-too-small'
    | 'fps-too-low'
    | 'too-few-strides'
    | 'many-dropouts'
    | 'oblique-view'
    | 'no-foot-keypoints'
    | 'no-running'
    | 'leg-swaps'
    | 'runner-leaves-frame'
    | 'feet-out-of-frame'
    | 'too-dark'
    | 'slow-motion'
    | 'other-person';
  severity: 'info' | 'warning' | 'error';
  message: string;
}

export interface QualityInfo {
  /** Overall confidence 0..1 of the analysis. */
  confidence: number;
  personFrameFraction: number;
  meanKeypointScore: number | null;
  swapFramesRepaired: number;
  /** Frames whose pose was another person's (the track jumped from the runner to someone else): left out as "no person". */
  otherPersonFrames: number;
  /** Frames on which the pose stage saw someone besides the person it followed (AnalysisOptions.otherPersonFramesSeen); null: not told. */
  otherPersonFramesSeen: number | null;
  outliersRejected: number;
  gapsFilled: number;
  legLengthPx: number | null;
  runnerHeightFraction: number | null;
  /** Median brightness of the frames (mean luma 0–255); null when not measured (e.g. a track from a file). */
  imageBrightness: number | null;
  /** Fraction of the pose frames on which a foot is not seen (cut off by the frame's edge or scored low); null: no feet keypoints. */
  feetOutOfFrameFraction: number | null;
  groundTiltDeg: number | null;
  footKeypoints: boolean;
  standingCalibration: boolean;
}

export interface GaitAnalysis {
  version: 1;
  activity: Activity;
  activityReason: string;
  /** What decided the activity: the pelvis' mechanics, the duty factor, or the cadence alone (low confidence). */
  activityBasis: 'mechanics' | 'duty-factor' | 'cadence' | null;
  /** Frames per second of real time (the capture rate when `timeScale` is set). */
  fps: number;
  /** Set when the user gave the capture rate of a slow-motion clip; null: the clip's timestamps are real time. */
  timeScale: TimeScale | null;
  slowMotion: SlowMotionCheck;
  frameCount: number;
  durationS: number;
  view: ViewInfo;
  /** The events every measure is computed from: the detected ones, or the hand-corrected ones when `eventsCorrected`. */
  events: GaitEvent[];
  eventsCorrected: boolean;
  /** The automatically detected events, kept beside the corrected ones; null when nothing was corrected. */
  detectedEvents: GaitEvent[] | null;
  strides: SideStride[];
  backStances: BackStance[];
  summary: GaitSummary;
  flags: PatternFlag[];
  series: AngleSeries | null;
  quality: QualityInfo;
  advice: Advice[];
  /** 2–5 short plain-language lines (activity + view; the clip's parts when it has several; cadence + strides; strike
   *  counts; extended-posture finding). */
  headline: string[];
  /**
   * The clip's stretches, each read on its own time scale (cuts, slow motion made by repeated frames, a change of frame
   * interval); one covering the whole clip when it is all one. Every figure above comes from the `primary` one.
   */
  segments: ClipSegment[];
}

/** One stretch of the clip analysed on its own (segments.ts). Frames are the clip's own (0-based, decode order). */
export interface ClipSegment {
  startFrame: number;
  /** Last frame, inclusive. */
  endFrame: number;
  /** Seconds of the clip (playback time) at its first frame and after its last. */
  startS: number;
  endS: number;
  startsWith: 'clip-start' | 'cut' | 'repeated-frames' | 'frame-interval';
  /** Each picture is shown this many times in a row (1: every frame is new). */
  repeatEvery: number;
  /** Real time per clip time: 1 real time, 0.25 slow motion ×4. */
  speed: number;
  /** Where the speed comes from: the clip's timestamps, the capture rate the user gave, or the repeated frames (assuming
   * the pictures were filmed at the rate the clip plays). */
  speedFrom: 'timestamps' | 'capture-rate' | 'repeated-frames';
  /** Running found in it, with a cadence: its figures count. */
  used: boolean;
  /** The segment every figure of the report comes from (the used one with the most distinct pictures, then strides). */
  primary: boolean;
  /** Why it is not used (null when used). */
  reason: string | null;
  /** Steps per minute in real time, null when not measured. */
  cadence: number | null;
  strides: number;
}
