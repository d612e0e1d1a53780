/// <reference lib="webworker" />
/**
 * Measures the tfjs backends at start-up (each in a throw-away worker, backendProbe.worker.ts) and remembers the
 * decision on this device (IndexedDB, keyed by the GPU devices and the engine version), so it is measured once.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendId } from '../src/core/types';
import { chooseBackend, decisionKey, GPU_PROBE_BUDGET_MS, type BackendDecision, type BackendMeasurement } from '../src/pipeline/backendChoice';
import { modelUrl } from '../src/pipeline/models';
import { gpuCandidates } from './backend';
import type { ProbeRequest } from './backendProbe.worker';

const DB = 'stridescope-engine';
const STORE = 'backend';
/** WASM gets longer than a GPU candidate: it is the fallback, and its figure is the yardstick. */
const WASM_PROBE_BUDGET_MS = 20_000;
const TIMED_RUNS = 5;
const PROBED_MODEL = 'blazepose-full';

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const r = indexedDB.open(DB, 1);
    r.onupgradeneeded = () => r.result.createObjectStore(STORE);
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

async function readCache(key: string): Promise<BackendDecision | null> {
  try {
    const db = await openDb();
    const d = await new Promise<BackendDecision | undefined>((resolve, reject) => {
      const r = db.transaction(STORE).objectStore(STORE).get(key);
      r.onsuccess = () => resolve(r.result as BackendDecision | undefined);
      r.onerror = () => reject(r.error);
    });
    db.close();
    return d ?? null;
  } catch {
    return null; // no storage (private mode): measure again next time
  }
}

async function writeCache(d: BackendDecision): Promise<void> {
  try {
    const db = await openDb();
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction(STORE, 'readwrite');
      tx.objectStore(STORE).put(d, d.key);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  } catch {
    /* not remembered: measured again at the next start */
  }
}

/** Ends the probe in progress (a run is starting); measureBackends then resolves null. */
let abortProbe: (() => void) | null = null;

export function stopMeasuring(): void {
  abortProbe?.();
}

function probe(base: string, backend: BackendId, device: string | null, budgetMs: number): Promise<BackendMeasurement | null> {
  const worker = new Worker(new URL('./backendProbe.worker.ts', import.meta.url), { type: 'module', name: `stridescope-probe-${backend}` });
  return new Promise((resolve) => {
    const end = (m: BackendMeasurement | null) => {
      clearTimeout(timer);
      abortProbe = null;
      worker.terminate();
      resolve(m);
    };
    const timer = setTimeout(() => end({ id: backend, device, msPerFrame: null, problem: `no result within ${budgetMs / 1000} s` }), budgetMs);
    abortProbe = () => end(null);
    worker.onmessage = (e: MessageEvent<BackendMeasurement>) => end({ ...e.data, device: e.data.device ?? device });
    worker.onerror = (e) => {
      e.preventDefault();
      end({ id: backend, device, msPerFrame: null, problem: `failed (${e.message || 'worker error'})` });
    };
    const req: ProbeRequest = { backend, modelUrl: modelUrl(base, PROBED_MODEL), runs: TIMED_RUNS };
    worker.postMessage(req);
  });
}

type GpuCandidates = Awaited<ReturnType<typeof gpuCandidates>>;

const keyFor = (gpus: GpuCandidates) => decisionKey(gpus.map((g) => g.device), PROBED_MODEL, tf.version_core);

/** The decision already made on this device for these GPU devices (WASM at once when there are none), else null. */
async function decisionFor(gpus: GpuCandidates): Promise<BackendDecision | null> {
  if (!gpus.length) {
    return {
      id: 'wasm',
      measured: [],
      reason: 'this browser offers no GPU backend (no WebGPU adapter, no WebGL 2) → WASM',
      key: keyFor(gpus),
      measuredAt: new Date().toISOString(),
    };
  }
  return readCache(keyFor(gpus));
}

/** The decision already made on this device, if any (no measuring). */
export async function rememberedDecision(): Promise<BackendDecision | null> {
  return decisionFor(await gpuCandidates());
}

/**
 * Times WASM and each GPU backend on the landmark model and decides (remembered on this device). Null when a run
 * started meanwhile (measured again at the next start).
 */
export async function measureBackends(base: string): Promise<BackendDecision | null> {
  const gpus = await gpuCandidates();
  const known = await decisionFor(gpus);
  if (known) return known;
  const wasm = await probe(base, 'wasm', null, WASM_PROBE_BUDGET_MS);
  if (!wasm) return null;
  const measured: BackendMeasurement[] = [];
  for (const g of gpus) {
    const m = await probe(base, g.id, g.device, GPU_PROBE_BUDGET_MS);
    if (!m) return null;
    measured.push(m);
  }
  const d = chooseBackend(wasm, measured, keyFor(gpus));
  await writeCache(d);
  return d;
}
