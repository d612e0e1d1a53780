/**
 * "How sure" of a measure, with a stated meaning (pure): one of three levels, the weakest of the factors it combines,
 * each factor with its reading, so the clinician sees why. The factors:
 *  - strides: how many strides carry the value (the median of 6 or more is stable);
 *  - agreement: how tightly the strides agree (their middle half against what the measure can resolve);
 *  - frame rate (times only): one frame's duration against the value itself;
 *  - camera and pose: the view (oblique, uncertain), how well the pose model saw the joints, the runner's size;
 *  - model (estimates only): a value computed with a model assumption is at most "moderate";
 *  - cross-check: a value that disagrees with another measure (crossChecks.ts) is "low", whatever else.
 * The bands are documented in docs/REPORT.md ("How sure"); none was fitted to a clip.
 */
import type { GaitAnalysis, Measure } from '../../core/analysis';
import type { MeasureCaveat } from '../../core/analysis/crossChecks';
import { MIN_RUNNER_HEIGHT_FRACTION } from '../../core/analysis/thresholds';

export type Level = 'high' | 'moderate' | 'low';

export interface Factor {
  name: string;
  reading: string;
  level: Level;
}

export interface Certainty {
  level: Level;
  factors: Factor[];
  /** The factors below "high", in words ('' when every factor is high). */
  why: string;
}

/** What the levels mean, shown on hover / tap next to every "how sure". */
export const CERTAINTY_MEANING =
  'How sure combines: how many strides carry the value, how closely they agree, whether the frame rate resolves it (times), ' +
  'the camera view and how well the pose was seen, whether it is a model estimate, and whether it agrees with the other measures. ' +
  'High: every one of these is good. Moderate: one is middling — use the value with its range. Low: one is poor — check it in the player before using it.';

export const LEVEL_WORDS: Record<Level, string> = { high: 'High', moderate: 'Moderate', low: 'Low' };

const ORDER: Level[] = ['high', 'moderate', 'low'];
export const worst = (levels: Level[]): Level => levels.reduce<Level>((w, l) => (ORDER.indexOf(l) > ORDER.indexOf(w) ? l : w), 'high');

export type MeasureKind = 'angle' | 'time' | 'length' | 'rate' | 'fraction';

export function kindOf(m: Measure): MeasureKind {
  if (m.unit === 'deg' || m.unit === '°') return 'angle';
  if (m.unit === 'ms') return 'time';
  if (m.unit === 'steps/min') return 'rate';
  if (m.unit === 'fraction') return 'fraction';
  return 'length';
}

/** Strides: 6 or more = a stable median; 3–5 = moderate; 2 = low (fewer gives no value at all). */
function stridesFactor(m: Measure, noun: string): Factor {
  const word = m.n === 1 ? noun.replace(/s$/, '') : noun;
  const r = `${m.n} ${word}${m.lowConfidenceExcluded ? ` (${m.lowConfidenceExcluded} more left out: events not timed well)` : ''}`;
  const excludedShare = m.lowConfidenceExcluded / Math.max(1, m.n + m.lowConfidenceExcluded);
  const level: Level = m.n < 3 ? 'low' : m.n < 6 || excludedShare > 0.3 ? 'moderate' : 'high';
  return { name: noun, reading: r, level };
}

/** Agreement: the middle half's width against what the measure resolves (angles in degrees; times and lengths
 *  against the value; cadence tighter, as it is a rate over many steps). */
function agreementFactor(m: Measure, kind: MeasureKind, digits: number): Factor | null {
  // a whole-clip value without a per-stride spread (a back view's cadence, the crossover share) has nothing to judge
  if (m.value === null || (!m.iqr && m.n >= 3)) return null;
  if (!m.iqr) return { name: 'agreement', reading: 'too few to see how they agree', level: 'moderate' };
  const w = m.iqr[1] - m.iqr[0];
  const range = `middle half of the strides ${m.iqr[0].toFixed(digits)} to ${m.iqr[1].toFixed(digits)}`;
  let level: Level;
  if (kind === 'angle') level = w <= 6 ? 'high' : w <= 15 ? 'moderate' : 'low';
  else if (kind === 'rate') level = w / Math.max(1, m.value) <= 0.06 ? 'high' : w / Math.max(1, m.value) <= 0.12 ? 'moderate' : 'low';
  else if (kind === 'fraction') level = w <= 0.25 ? 'high' : w <= 0.5 ? 'moderate' : 'low';
  else {
    const rel = w / Math.max(1e-9, Math.abs(m.value));
    level = rel <= 0.25 ? 'high' : rel <= 1 ? 'moderate' : 'low';
  }
  return { name: 'agreement', reading: range, level };
}

/** Frame rate (times): one frame against the value; each of the two events bounding a time is placed to a frame. */
function frameRateFactor(m: Measure, a: GaitAnalysis): Factor | null {
  if (m.value === null || !(a.fps > 0) || m.value <= 0) return null;
  const frameMs = 1000 / a.fps;
  const share = frameMs / m.value;
  const level: Level = share <= 0.15 ? 'high' : share <= 0.35 ? 'moderate' : 'low';
  return { name: 'frame rate', reading: `one frame is ${Math.round(frameMs)} ms at ${Math.round(a.fps)} fps, ${Math.round(share * 100)} % of this value`, level };
}

/** Camera and pose: oblique or uncertain view, keypoint scores, the runner's size in the frame. */
export function cameraFactor(a: GaitAnalysis): Factor {
  const q = a.quality;
  const parts: string[] = [];
  const levels: Level[] = [];
  const v = a.view;
  if (v.oblique) {
    parts.push(`camera about ${Math.round(v.obliqueDeg ?? 0)}° from square`);
    levels.push('moderate');
  } else if (v.obliqueDeg !== null) parts.push(`camera about ${Math.round(v.obliqueDeg)}° from square`);
  if (!v.overridden && v.confidence < 0.6) {
    parts.push(`view uncertain (${v.view})`);
    levels.push('low');
  }
  if (q.meanKeypointScore !== null) {
    parts.push(`keypoints seen at ${q.meanKeypointScore.toFixed(2)} (0–1)`);
    levels.push(q.meanKeypointScore >= 0.6 ? 'high' : q.meanKeypointScore >= 0.4 ? 'moderate' : 'low');
  }
  if (q.runnerHeightFraction !== null) {
    parts.push(`runner ${Math.round(q.runnerHeightFraction * 100)} % of the frame's height`);
    levels.push(q.runnerHeightFraction >= MIN_RUNNER_HEIGHT_FRACTION ? 'high' : q.runnerHeightFraction >= 0.2 ? 'moderate' : 'low');
  }
  return { name: 'camera and pose', reading: parts.join('; ') || 'not measured', level: worst(levels) };
}

/** `noun`: what `m.n` counts ("contacts", "toe-offs", "strides"). */
export function measureCertainty(m: Measure, a: GaitAnalysis, caveat: MeasureCaveat | null, digits: number, noun = 'strides'): Certainty {
  const kind = kindOf(m);
  const factors: Factor[] = [stridesFactor(m, noun)];
  const agreement = agreementFactor(m, kind, digits);
  if (agreement) factors.push(agreement);
  if (kind === 'time') {
    const fr = frameRateFactor(m, a);
    if (fr) factors.push(fr);
  }
  factors.push(cameraFactor(a));
  if (m.estimate) factors.push({ name: 'model', reading: 'an estimate from a model with one assumption, not a measurement', level: 'moderate' });
  if (caveat) factors.push({ name: 'cross-check', reading: caveat.reason, level: 'low' });
  return withWhy(factors);
}

export function withWhy(factors: Factor[]): Certainty {
  const level = worst(factors.map((f) => f.level));
  const weak = factors.filter((f) => f.level !== 'high');
  return { level, factors, why: weak.map((f) => `${f.name}: ${f.reading}`).join('; ') };
}
