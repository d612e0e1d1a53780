/**
 * Starts the tfjs backend that was measured fastest on this device (src/pipeline/backendChoice.ts), and records why.
 * Until the GPU backends are measured: WASM (SIMD + threads when cross-origin isolated), with CPU as the last resort.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
// registered here, not only through pose-detection's import of it: the engine probe worker loads no pose-detection
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths, setThreadsCount, getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { BackendId } from '../src/core/types';
import type { BackendInfo } from '../src/pipeline/protocol';
import type { BackendDecision } from '../src/pipeline/backendChoice';

const BACKEND_START_TIMEOUT_MS = 30_000;

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${what} did not start within ${ms / 1000} s`)), ms);
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e) => (clearTimeout(t), reject(e)),
    );
  });
}

/** The GL renderer string, read from an OffscreenCanvas (works in a worker). */
export function glRenderer(): string | null {
  try {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2') as WebGL2RenderingContext | null;
    if (!gl) return null;
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const r = ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER);
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return String(r);
  } catch {
    return null;
  }
}

/** The WebGPU adapter's name, marked when the browser says it is a software fallback; null without one. */
async function webgpuAdapter(): Promise<{ name: string } | null> {
  const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  if (!gpu) return null;
  try {
    const adapter = (await gpu.requestAdapter()) as { info?: { vendor?: string; architecture?: string; description?: string; isFallbackAdapter?: boolean } } | null;
    if (!adapter) return null;
    const info = adapter.info ?? {};
    const name = [info.vendor, info.architecture, info.description].filter(Boolean).join(' ') || 'GPU';
    return { name: info.isFallbackAdapter ? `${name} (software fallback)` : name };
  } catch {
    return null;
  }
}

/** tfjs-wasm sizes its thread pool from navigator.hardwareConcurrency / 2; pose is the bottleneck, so give it every core. */
function allowWasmThreads(n: number): void {
  try {
    Object.defineProperty(self.navigator, 'hardwareConcurrency', { value: n * 2, configurable: true });
  } catch {
    /* read-only in some browsers: keep the default pool */
  }
}

async function startWasm(): Promise<BackendInfo> {
  setWasmPaths({
    'tfjs-backend-wasm.wasm': wasmPlain,
    'tfjs-backend-wasm-simd.wasm': wasmSimd,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd,
  });
  const cores = navigator.hardwareConcurrency || 1;
  const isolated = (self as unknown as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
  if (isolated) {
    allowWasmThreads(cores);
    setThreadsCount(cores);
  }
  const ok = await withTimeout(tf.setBackend('wasm'), BACKEND_START_TIMEOUT_MS, 'The WASM backend');
  if (!ok) throw new Error('WASM backend failed to start');
  await tf.ready();
  const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) as boolean;
  const threads = getThreadsCount();
  return {
    id: 'wasm',
    threads,
    simd,
    renderer: null,
    note: isolated
      ? `WASM${simd ? ' + SIMD' : ''}, ${threads} thread${threads === 1 ? '' : 's'} (cross-origin isolated)`
      : `WASM${simd ? ' + SIMD' : ''}, 1 thread: the page is not cross-origin isolated, so threads are off`,
  };
}

async function startSimple(id: 'webgl' | 'webgpu' | 'cpu', renderer: string | null, note: string): Promise<BackendInfo> {
  const ok = await withTimeout(tf.setBackend(id), BACKEND_START_TIMEOUT_MS, `The ${id} backend`);
  if (!ok) throw new Error(`${id} backend failed to start`);
  await tf.ready();
  return { id, threads: 1, simd: false, renderer, note };
}

let chosen: BackendInfo | null = null;
/** The measured choice (or the cached one), once there is one; until then WASM, which is always there and never slow. */
let decided: BackendDecision | null = null;

export function setBackendDecision(d: BackendDecision | null): void {
  decided = d;
}

export function backendDecision(): BackendDecision | null {
  return decided;
}

/** Starts one backend, whatever it costs (benchmarks, probes, forced choices). */
export async function startBackend(id: BackendId): Promise<BackendInfo> {
  if (id === 'wasm') return startWasm();
  if (id === 'webgl') {
    const r = glRenderer();
    return startSimple('webgl', r, r ? `WebGL on ${r}` : 'WebGL');
  }
  if (id === 'webgpu') {
    const a = (await webgpuAdapter())?.name ?? null;
    return startSimple('webgpu', a, a ? `WebGPU on ${a}` : 'WebGPU');
  }
  return startSimple('cpu', null, 'CPU');
}

/** The GPU backends this browser offers, with their device names (software ones included: measuring decides). */
export async function gpuCandidates(): Promise<{ id: BackendId; device: string | null }[]> {
  const out: { id: BackendId; device: string | null }[] = [];
  const adapter = await webgpuAdapter();
  if (adapter) out.push({ id: 'webgpu', device: adapter.name });
  const renderer = glRenderer();
  if (renderer) out.push({ id: 'webgl', device: renderer });
  return out;
}

/**
 * Starts (once) and returns the backend: the measured choice when there is one, else WASM. `forced` starts that one
 * whatever it costs (benchmarks). Concurrent callers (the warm-up and a run) share one start: starting a tfjs backend
 * twice at once leaves the first one's tensors behind.
 */
export function selectBackend(forced?: BackendId): Promise<BackendInfo> {
  const want = forced ?? decided?.id ?? 'wasm';
  if (starting?.id !== want) {
    const previous = starting?.ready.catch(() => null) ?? Promise.resolve(null);
    const ready = previous.then(() => startWanted(want, forced !== undefined));
    starting = { id: want, ready };
    ready.catch(() => {
      if (starting?.ready === ready) starting = null; // tried again next time
    });
  }
  // why it runs: the decision as it stands now (it may have come after the backend started)
  const why = forced ? 'forced' : decided ? decided.reason : 'GPU backends not measured yet (WASM until they are)';
  return starting.ready.then((info) => ({ ...info, note: `${info.note}; ${why}` }));
}

let starting: { id: BackendId; ready: Promise<BackendInfo> } | null = null;

/** Starts `want` unless it runs already; a chosen (not forced) GPU backend that fails falls back to WASM, then CPU. */
async function startWanted(want: BackendId, forced: boolean): Promise<BackendInfo> {
  if (chosen?.id === want) return chosen;
  if (forced) return (chosen = await startBackend(want));
  try {
    return (chosen = await startBackend(want));
  } catch (e) {
    if (want !== 'wasm') {
      try {
        chosen = await startWasm();
        return (chosen = { ...chosen, note: `${chosen.note}; ${want} failed to start (${(e as Error).message})` });
      } catch {
        /* fall through to CPU */
      }
    }
    return (chosen = await startSimple('cpu', null, `CPU (slow): WASM failed to start (${(e as Error).message})`));
  }
}
