import type { LabelEvent } from './label-score.mjs';
import type { LabelFile } from './labels.mjs';
export interface Variant {
  id: string;
  /** A few words for a table row. */
  short: string;
  what: string;
  /** The ffmpeg video filter. */
  vf: string;
  resampleFps?: number;
  mirror?: boolean;
}
export type MappedLabelEvent = LabelEvent & { source_frame: number; uncertainty: number };
type Doc = { events: LabelEvent[]; [key: string]: unknown };
export const VARIANTS: Variant[];
export function rescaleNear(pts: number, inTb: [number, number], outTb: [number, number]): number;
export function fpsFilterSourceFrames(o: { pts: number[]; tb: [number, number]; endPts: number; fps: number }): number[];
export function mapLabelsThroughFrames<D extends Doc>(labelDoc: D, outToSrc: number[], fps: number | undefined): Omit<D, 'events'> & { fps: number; frames: number; events: MappedLabelEvent[] };
export function mirrorLabels<D extends Doc>(labelDoc: D): D & { facing?: string; near_side?: string; direction?: string };
export function variantLabels<D extends Doc>(
  variant: Variant,
  labelDoc: D,
  o: { frameCount?: number; outToSrc?: number[] | null },
): Omit<D, 'events'> & { fps: number; frames: number; events: MappedLabelEvent[]; variant: string; derived_from: string; facing?: string };
export function probeTimestamps(path: string): { tb: [number, number]; pts: number[]; endPts: number };
export function buildVariant(srcPath: string, name: string, labelDoc: LabelFile, variant: Variant, dir: string): { path: string; name: string; labels: LabelFile; frames: number };
