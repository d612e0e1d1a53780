export interface LabelEvent {
  type: 'IC' | 'TO';
  foot: string;
  frame: number;
  uncertainty?: number;
  strike?: string | null;
  strike_certain?: boolean;
  side?: string;
}
interface DetectedEvent {
  type: string;
  foot: string;
  frame: number;
  strike?: string | null;
}
export interface Match<E extends DetectedEvent = DetectedEvent> {
  label: LabelEvent;
  det: E | null;
  error: number | null;
}
export interface Counts {
  total: number;
  within1: number;
  within2: number;
}
export interface ClipScore {
  activity: { expected: string; found: string | null; ok: boolean; reason: string | null };
  view: {
    expected: string | null;
    found: string | null;
    confidence: number | null;
    ok: boolean | null;
    expectedDirection: string | null;
    direction: string | null;
    directionOk: boolean | null;
  };
  events: Counts & {
    /** Within the label's own ± uncertainty. */
    withinUncertainty: number;
    missed: number;
    extra: number;
    extraFrames: string[];
    near: Counts | null;
    far: Counts | null;
    /** Signed errors (detected − label, frames) summed per event type over the matched labels; mean = sum / n. */
    bias: Record<'IC' | 'TO', { n: number; sum: number }>;
    footMap: Record<string, string>;
    errors: { type: string; foot: string; side: string | null; frame: number; error: number | null }[];
    /** Detections inside the labelled span (matched or extra), those not marked low confidence, and those of them within ±2 frames. */
    unmarked: UnmarkedCounts;
  };
  strikes: { right: number; wrong: number; certain: number };
  cadence: { label: number | null; labelStrides: number; found: number | null; diffPct: number | null };
  /** Median contact time of the labelled IC → TO pairs and the analysis's, ms; ok: within issue 19's bar (null: no
   *  labelled pair). */
  contact: { label: number | null; labelContacts: number; found: number | null; ok: boolean | null };
}
export interface PooledScore {
  clips: number;
  activityOk: number;
  viewOk: number;
  viewLabelled: number;
  directionOk: number;
  directionLabelled: number;
  events: Omit<ClipScore['events'], 'extraFrames' | 'footMap' | 'errors'>;
  strikes: { right: number; wrong: number; certain: number };
  cadence: { clips: number; within5: number; maxAbsDiffPct: number | null; diffsPct: (number | null)[] };
}
export interface UnmarkedCounts {
  detections: number;
  unmarked: number;
  unmarkedWithin2: number;
}
export function unmarkedCounts(matches: { det: { lowConfidence?: boolean } | null; error: number | null }[], extra: { lowConfidence?: boolean }[]): UnmarkedCounts;
export const WITHIN_FRAMES: number;
export const MATCH_FRAMES: number;
export function withinFrames(matches: Match[], n: number): number;
export function matchEvents<E extends DetectedEvent>(labels: LabelEvent[], events: E[], footMap: Record<string, string>): Match<E>[];
export function bestMatch<E extends DetectedEvent>(labels: LabelEvent[], analysis: { events: E[] }): { matches: Match<E>[]; footMap: Record<string, string> };
export function scoreEvents(labels: LabelEvent[], analysis: { events: DetectedEvent[] }): { within: number; total: number; strikeRight: number; strikeCertain: number; errors: (number | null)[] };
export function labelCadence(labels: LabelEvent[], fps: number): { strideFrames: number; strides: number; cadence: number } | null;
export function extraEvents<E extends DetectedEvent>(labels: LabelEvent[], events: E[], matches: Match<E>[]): E[];
export function labelContactTime(labels: LabelEvent[], fps: number): { ms: number; contacts: number } | null;
export function contactTimeWithinBar(labelMs: number, foundMs: number, fps: number): boolean;
export function labelledDirection(labelDoc: { direction?: string; facing?: string }): string | null;
export function scoreClip(
  labelDoc: { events: LabelEvent[]; view?: string; activity?: string; direction?: string; facing?: string },
  analysis: {
    events: DetectedEvent[];
    activity: string;
    activityReason: string;
    view: { view: string; confidence: number; direction?: string | null };
    summary: { cadence: { value: number | null } };
  } | null,
  fps: number,
): ClipScore;
export function poolScores(scores: ClipScore[]): PooledScore;
