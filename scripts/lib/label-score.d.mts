export interface LabelEvent {
  type: 'IC' | 'TO';
  foot: string;
  frame: number;
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
export const WITHIN_FRAMES: number;
export function matchEvents<E extends DetectedEvent>(labels: LabelEvent[], events: E[], footMap: Record<string, string>): Match<E>[];
export function bestMatch<E extends DetectedEvent>(labels: LabelEvent[], analysis: { events: E[] }): { matches: Match<E>[]; footMap: Record<string, string> };
export function scoreEvents(labels: LabelEvent[], analysis: { events: DetectedEvent[] }): { within: number; total: number; strikeRight: number; strikeCertain: number; errors: (number | null)[] };
