import { describe, expect, it } from 'vitest';
import { chooseBackend, decisionKey, describeMeasurement, GPU_MIN_SPEEDUP, type BackendMeasurement } from '../../src/pipeline/backendChoice';

const wasm = (ms: number | null): BackendMeasurement => ({ id: 'wasm', device: null, msPerFrame: ms });
const key = decisionKey(['GPU'], 'blazepose-full', '4.22.0');

describe('chooseBackend (the pose engine, by measurement)', () => {
  it('keeps WASM when the only GPU backend is a slower software GL, and says so with both figures', () => {
    const d = chooseBackend(wasm(20), [{ id: 'webgl', device: 'ANGLE (SwiftShader Device)', msPerFrame: 880 }], key);
    expect(d.id).toBe('wasm');
    expect(d.reason).toBe('measured at start-up: WASM: 20 ms/frame; WebGL on ANGLE (SwiftShader Device): 880 ms/frame → WASM');
  });
  it('keeps WASM when a GPU backend gave no figure in its time', () => {
    const d = chooseBackend(wasm(20), [{ id: 'webgl', device: 'llvmpipe', msPerFrame: null, problem: 'no result within 6 s' }], key);
    expect(d.id).toBe('wasm');
    expect(d.reason).toContain('WebGL on llvmpipe: no result within 6 s');
  });
  it('takes a real GPU that is clearly faster, the fastest of several', () => {
    const d = chooseBackend(wasm(20), [
      { id: 'webgpu', device: 'nvidia ampere', msPerFrame: 4 },
      { id: 'webgl', device: 'ANGLE (NVIDIA GeForce RTX 3060)', msPerFrame: 7 },
    ], key);
    expect(d.id).toBe('webgpu');
    expect(d.measured.map((m) => m.id)).toEqual(['wasm', 'webgpu', 'webgl']);
  });
  it(`needs the GPU to be ${GPU_MIN_SPEEDUP}× faster than WASM: a near tie stays on WASM`, () => {
    expect(chooseBackend(wasm(20), [{ id: 'webgl', device: 'iGPU', msPerFrame: 18 }], key).id).toBe('wasm');
    expect(chooseBackend(wasm(20), [{ id: 'webgl', device: 'iGPU', msPerFrame: 20 / GPU_MIN_SPEEDUP }], key).id).toBe('webgl');
  });
  it('takes a GPU that works when WASM gave no figure', () => {
    expect(chooseBackend(wasm(null), [{ id: 'webgl', device: 'iGPU', msPerFrame: 50 }], key).id).toBe('webgl');
  });
  it('writes figures plainly', () => {
    expect(describeMeasurement({ id: 'webgpu', device: null, msPerFrame: 4.26 })).toBe('WebGPU: 4.3 ms/frame');
    expect(describeMeasurement({ id: 'wasm', device: null, msPerFrame: 21.6 })).toBe('WASM: 22 ms/frame');
  });
  it('keys the remembered decision by the devices and the engine version', () => {
    expect(decisionKey(['A', null], 'blazepose-full', '4.22.0')).toBe('A | none · blazepose-full · tfjs 4.22.0');
  });
});
