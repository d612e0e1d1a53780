/** Types of scripts/lib/loo.mjs (leave-one-clip-out for bench:accuracy). */
export type Configuration = Record<string, number>;
export interface EventCounts {
  within2: number;
  within1: number;
  total: number;
}
export const LOO_GRID: Record<string, number[]>;
export function configurations(grid?: Record<string, number[]>): Configuration[];
export function overrideThresholds(source: string, config: Configuration): string;
export function thresholdsPlugin(current: () => Configuration): { name: string; enforce: 'pre'; transform(code: string, id: string): { code: string; map: null } | null };
export function leaveOneOut(scores: EventCounts[][]): { pooled: EventCounts; held: EventCounts; chosen: number[] };
export function runLeaveOneOut(
  clips: { name: string; doc: unknown; labels: unknown; fps: number }[],
  load: (config: Configuration) => Promise<(doc: unknown) => unknown>,
  grid?: Record<string, number[]>,
): Promise<{ configs: Configuration[]; scores: EventCounts[][]; pooled: EventCounts; held: EventCounts; chosen: number[] }>;
