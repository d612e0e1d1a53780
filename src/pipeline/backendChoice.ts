/**
 * Which tfjs backend runs the pose model, decided by measuring (pure). The candidates are WASM (always there) and
 * whatever GPU backend the browser offers (WebGPU, WebGL); each is timed on the pose model itself, and a GPU backend
 * is used only when it is clearly faster. A software GL (SwiftShader, llvmpipe) "works" but is measured 10–40×
 * slower than WASM on a 2-core machine: it loses by measurement, not by its name.
 */
import type { BackendId } from '../core/types';

/** One candidate's measurement: ms per run of the pose landmark model after warm-up, or why there is none. */
export interface BackendMeasurement {
  id: BackendId;
  /** GPU adapter or GL renderer, when there is one. */
  device: string | null;
  msPerFrame: number | null;
  /** Why there is no figure (failed to start, no result within the time allowed). */
  problem?: string;
}

export interface BackendDecision {
  id: BackendId;
  /** Every candidate measured, WASM first. */
  measured: BackendMeasurement[];
  /** One line for the user: the figures and the choice. */
  reason: string;
  /** Cache key: the devices measured, the model and the engine version (measured again when any changes). */
  key: string;
  measuredAt: string;
}

/** A GPU backend must be at least this much faster than WASM to be used (switching engines has its own costs). */
export const GPU_MIN_SPEEDUP = 1.2;

/** The most time one GPU candidate gets (start, model load, warm-up with shader compilation, timed runs). */
export const GPU_PROBE_BUDGET_MS = 6000;

const NAMES: Record<BackendId, string> = { wasm: 'WASM', webgl: 'WebGL', webgpu: 'WebGPU', cpu: 'CPU' };

export function describeMeasurement(m: BackendMeasurement): string {
  const on = m.device ? ` on ${m.device}` : '';
  return `${NAMES[m.id]}${on}: ${m.msPerFrame !== null ? `${m.msPerFrame.toFixed(m.msPerFrame < 10 ? 1 : 0)} ms/frame` : (m.problem ?? 'not measured')}`;
}

/** The fastest candidate; a GPU one only when it beats WASM by GPU_MIN_SPEEDUP (WASM wins ties and failures). */
export function chooseBackend(wasm: BackendMeasurement, gpus: BackendMeasurement[], key: string, now = new Date()): BackendDecision {
  const measured = [wasm, ...gpus];
  const timed = gpus.filter((g) => g.msPerFrame !== null).sort((a, b) => a.msPerFrame! - b.msPerFrame!);
  const best = timed[0];
  const gpuWins = best !== undefined && (wasm.msPerFrame === null || best.msPerFrame! * GPU_MIN_SPEEDUP <= wasm.msPerFrame);
  const id: BackendId = gpuWins ? best.id : 'wasm';
  const figures = measured.map(describeMeasurement).join('; ');
  return { id, measured, reason: `measured at start-up: ${figures} → ${NAMES[id]}`, key, measuredAt: now.toISOString() };
}

/** The key a decision is cached under: the GPU devices offered, the model, the engine version. */
export function decisionKey(devices: (string | null)[], model: string, engineVersion: string): string {
  return `${devices.map((d) => d ?? 'none').join(' | ')} · ${model} · tfjs ${engineVersion}`;
}
