import type { LabelEvent } from './label-score.mjs';
export interface LabelFile {
  clip: string;
  fps?: number;
  frames?: number;
  view?: string;
  activity?: string;
  direction?: string;
  facing?: string;
  near_side?: string;
  events: LabelEvent[];
  [key: string]: unknown;
}
export interface LabelledClip {
  /** The clip's file name without extension, e.g. 'treadmill-side-left'. */
  name: string;
  clip: string;
  clipPath: string;
  clipExists: boolean;
  labelsPath: string;
  labels: LabelFile;
}
export const SHARED_DIR: string;
export const OWN_LABELS_DIR: string;
export function labelledClips(sharedDir?: string, ownDir?: string): LabelledClip[];
export { labelledDirection } from './label-score.mjs';
