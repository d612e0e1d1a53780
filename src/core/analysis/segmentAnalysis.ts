/**
 * A clip of several segments (segments.ts), each read on its own time scale (pure). Every segment is analysed as the
 * whole clip with the frames outside it left empty, so frame numbers stay the clip's own; inside a segment made of
 * repeated frames only the first showing of each picture is kept (the repeats carry no new moment and are bridged by
 * the clean-up's gap filling). The report's figures come from the primary segment: the used one with the most distinct
 * pictures (then strides).
 */
import type { PoseTrack } from '../types';
import type { AnalysisOptions, ClipSegment, GaitAnalysis } from './types';
import type { PlannedSegment, SegmentPlan } from './segments';

/** How the analysis sees one stretch: frames in play, those left out as repeats, and its real frame rate. */
export interface SegmentPlay {
  frames: number;
  repeated: number;
}

export type InnerAnalysis = (track: PoseTrack, options: AnalysisOptions, play: SegmentPlay) => GaitAnalysis;

/**
 * The speed of each segment: the capture rate the user gave applies to the slowed ones (those of repeated frames, or
 * all when none is); else repeated pictures are taken as filmed at the rate the clip plays — what its real-time parts
 * show the camera filmed at (a clip that is all repeated pictures is not segmented: nothing in it tells its speed).
 */
function speedOf(seg: PlannedSegment, plan: readonly PlannedSegment[], captureFps: number | undefined): Pick<ClipSegment, 'speed' | 'speedFrom'> {
  const playbackFps = 1e6 / seg.frameIntervalUs;
  const slowed = plan.some((s) => s.repeatEvery > 1) ? seg.repeatEvery > 1 : true;
  if (captureFps && slowed) return { speed: round4(playbackFps / captureFps), speedFrom: 'capture-rate' };
  if (seg.repeatEvery > 1) return { speed: round4(1 / seg.repeatEvery), speedFrom: 'repeated-frames' };
  return { speed: 1, speedFrom: 'timestamps' };
}

const round4 = (v: number) => Math.round(v * 1e4) / 1e4;

/** The whole clip's track with only this segment's frames (and of a repeated picture only its first showing), in real time. */
export function segmentTrack(track: PoseTrack, seg: PlannedSegment, speed: number, repeats: Uint8Array | null, next: PlannedSegment | null = null): PoseTrack {
  const K = track.keypointNames.length * 4;
  const data = track.data.slice();
  const poseScore = track.poseScore.slice();
  for (let f = 0; f < track.frameCount; f++) {
    const outside = f < seg.startFrame || f > seg.endFrame;
    const repeat = !outside && seg.repeatEvery > 1 && repeats !== null && repeats[f] === 1;
    if (outside || repeat) {
      data.fill(NaN, f * K, (f + 1) * K);
      poseScore[f] = NaN;
    }
  }
  // the pose model saw each repeated picture several times: its first showing carries their mean (less jitter)
  if (seg.repeatEvery > 1 && repeats) {
    for (let f = seg.startFrame; f <= seg.endFrame; f++) {
      if (repeats[f]) continue;
      let last = f;
      while (last + 1 <= seg.endFrame && repeats[last + 1]) last++;
      for (let k = 0; k < K; k++) {
        let sum = 0;
        let count = 0;
        for (let g = f; g <= last; g++) {
          const v = track.data[g * K + k];
          if (Number.isFinite(v)) {
            sum += v;
            count++;
          }
        }
        data[f * K + k] = count ? sum / count : NaN;
      }
    }
  }
  const t0 = track.timestampsUs[seg.startFrame];
  const timestampsUs = track.timestampsUs.map((t) => t0 + (t - t0) * speed);
  // an edge trimmed is a change of speed inside continuous motion, not a cut or the clip's own start or end
  const speedChange = (s: PlannedSegment | null) => s !== null && (s.startsWith === 'repeated-frames' || s.startsWith === 'frame-interval');
  const span = { first: seg.startFrame, last: seg.endFrame, trimStart: speedChange(seg), trimEnd: speedChange(next) };
  return { ...track, data, poseScore, timestampsUs, fps: 1e6 / seg.frameIntervalUs / speed, span };
}

/** Whether a segment's analysis counts (running, with a cadence) and, when not, why. */
export function segmentOutcome(a: GaitAnalysis): Pick<ClipSegment, 'used' | 'cadence' | 'reason'> {
  const cadence = a.activity === 'running' ? a.summary.cadence.value : null;
  if (cadence !== null) return { used: true, cadence, reason: null };
  return { used: false, cadence: null, reason: a.activity === 'running' ? `running, but ${a.summary.cadence.reason ?? 'no cadence'}` : a.activityReason };
}

/** Every segment analysed; the primary one's analysis carries the list. */
export function analyzeSegments(track: PoseTrack, { segments: plan, repeated: repeats }: SegmentPlan, options: AnalysisOptions, inner: InnerAnalysis): GaitAnalysis {
  const runs = plan.map((seg, i) => {
    const { speed, speedFrom } = speedOf(seg, plan, options.captureFps);
    const t = segmentTrack(track, seg, speed, repeats, plan[i + 1] ?? null);
    let repeated = 0;
    if (seg.repeatEvery > 1 && repeats) for (let f = seg.startFrame; f <= seg.endFrame; f++) repeated += repeats[f];
    const frames = seg.endFrame - seg.startFrame + 1;
    // events corrected by hand count in the segment they lie in
    const corrected = options.correctedEvents?.filter((e) => e.frame >= seg.startFrame && e.frame <= seg.endFrame);
    const analysis = inner(t, corrected ? { ...options, correctedEvents: corrected } : options, { frames, repeated });
    return { seg, speed, speedFrom, analysis, playbackFps: 1e6 / seg.frameIntervalUs, pictures: frames - repeated };
  });
  const ts = track.timestampsUs;
  const segments: ClipSegment[] = runs.map(({ seg, speed, speedFrom, analysis: a }) => {
    return {
      startFrame: seg.startFrame,
      endFrame: seg.endFrame,
      startS: round4((ts[seg.startFrame] - ts[0]) / 1e6),
      endS: round4((ts[seg.endFrame] - ts[0] + seg.frameIntervalUs) / 1e6),
      startsWith: seg.startsWith,
      repeatEvery: seg.repeatEvery,
      speed,
      speedFrom,
      ...segmentOutcome(a),
      primary: false,
      strides: a.strides.length,
    };
  });
  // the primary segment: of the used ones, the one with the most distinct pictures — the finest timing (a phone's slow
  // motion films 4 or 8 pictures where real time has one) and the most of the running seen; then the most strides
  const order = segments.map((_, i) => i).sort((i, j) => Number(segments[j].used) - Number(segments[i].used) || runs[j].pictures - runs[i].pictures || segments[j].strides - segments[i].strides);
  const p = order[0];
  segments[p].primary = true;
  const run = runs[p];
  const out = run.analysis;
  if (run.speed !== 1) out.timeScale = { playbackFps: run.playbackFps, captureFps: run.playbackFps / run.speed, factor: run.speed };
  out.segments = segments;
  return out;
}

/** A segment in words: its stretch of the clip and its speed ("3.0–11.0 s, slow motion ×4"). */
export function describeSegment(s: ClipSegment): string {
  const span = `${s.startS.toFixed(1)}–${s.endS.toFixed(1)} s`;
  if (s.speed === 1) return `${span}, real time`;
  const times = 1 / s.speed;
  const factor = Math.abs(times - Math.round(times)) < 0.05 ? String(Math.round(times)) : times.toFixed(1);
  const basis = s.speedFrom === 'repeated-frames' ? `, each picture shown ${s.repeatEvery}×` : '';
  return `${span}, slow motion ×${factor}${basis}`;
}

/** One headline line for a clip of several segments: which one the figures come from, and what the others are. */
export function segmentsHeadline(segments: readonly ClipSegment[]): string | null {
  if (segments.length < 2) return null;
  const primary = segments.find((s) => s.primary)!;
  const cuts = segments.filter((s) => s.startsWith === 'cut').length;
  const parts = `${segments.length} parts${cuts ? ` (${cuts} cut${cuts === 1 ? '' : 's'})` : ''}`;
  const others = segments.filter((s) => !s.primary).map((s) => `${describeSegment(s)}: ${s.used ? `running, ${s.cadence} steps/min` : 'left out'}`);
  return `The clip has ${parts}, each read on its own time scale. Figures from ${describeSegment(primary)}; ${others.join('; ')}.`;
}
