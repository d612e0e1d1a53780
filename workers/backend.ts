/**
 * Picks the tfjs backend that really is fastest on this device, and records why.
 * Order: WebGPU or WebGL on a real GPU → WASM (SIMD + threads when cross-origin isolated) → CPU.
 * A software GL (SwiftShader, llvmpipe) "works" but runs pose 10–25× slower than WASM (docs/BENCHMARKS in README),
 * so it is skipped unless forced.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import { setWasmPaths, setThreadsCount, getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { BackendId } from '../src/core/types';
import type { BackendInfo } from '../src/pipeline/protocol';

const SOFTWARE_GL = /swiftshader|llvmpipe|softpipe|software|basic render|mesa offscreen/i;
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

async function webgpuAdapter(): Promise<string | null> {
  const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  if (!gpu) return null;
  try {
    const adapter = (await gpu.requestAdapter()) as { info?: { vendor?: string; architecture?: string; description?: string; isFallbackAdapter?: boolean } } | null;
    if (!adapter) return null;
    const info = adapter.info ?? {};
    if (info.isFallbackAdapter) return null;
    const name = [info.vendor, info.architecture, info.description].filter(Boolean).join(' ') || 'GPU';
    return SOFTWARE_GL.test(name) ? null : name;
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

/** Starts (once) and returns the backend; `forced` starts that one whatever it costs (benchmarks). */
export async function selectBackend(forced?: BackendId): Promise<BackendInfo> {
  if (forced) {
    if (chosen?.id === forced) return chosen;
    if (forced === 'wasm') chosen = await startWasm();
    else if (forced === 'webgl') chosen = await startSimple('webgl', glRenderer(), 'WebGL (forced)');
    else if (forced === 'webgpu') chosen = await startSimple('webgpu', await webgpuAdapter(), 'WebGPU (forced)');
    else chosen = await startSimple('cpu', null, 'CPU (forced)');
    return chosen;
  }
  if (chosen) return chosen;
  const skipped: string[] = [];
  const gpuName = await webgpuAdapter();
  if (gpuName) {
    try {
      chosen = await startSimple('webgpu', gpuName, `WebGPU on ${gpuName}`);
      return chosen;
    } catch (e) {
      skipped.push(`WebGPU failed (${(e as Error).message})`);
    }
  } else skipped.push('no hardware WebGPU adapter');
  const renderer = glRenderer();
  if (renderer && !SOFTWARE_GL.test(renderer)) {
    try {
      chosen = await startSimple('webgl', renderer, `WebGL on ${renderer}`);
      return chosen;
    } catch (e) {
      skipped.push(`WebGL failed (${(e as Error).message})`);
    }
  } else skipped.push(renderer ? `WebGL is software (${renderer}), measured 10–25× slower than WASM` : 'no WebGL');
  try {
    chosen = await startWasm();
    chosen.note += `; ${skipped.join('; ')}`;
    return chosen;
  } catch (e) {
    skipped.push(`WASM failed (${(e as Error).message})`);
  }
  chosen = await startSimple('cpu', null, `CPU (slow); ${skipped.join('; ')}`);
  return chosen;
}
