/// <reference lib="webworker" />
/**
 * Times one tfjs backend on the pose landmark model, in a throw-away worker (the pipeline worker ends it when its
 * time is up or a run starts). Posts one BackendMeasurement.
 */
import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel } from '@tensorflow/tfjs-converter';
import type { BackendId } from '../src/core/types';
import type { BackendMeasurement } from '../src/pipeline/backendChoice';
import { startBackend } from './backend';

export interface ProbeRequest {
  backend: BackendId;
  /** model.json of the landmark model to time. */
  modelUrl: string;
  runs: number;
}

async function measure({ backend, modelUrl, runs }: ProbeRequest): Promise<BackendMeasurement> {
  let device: string | null = null;
  try {
    const info = await startBackend(backend);
    device = info.renderer;
    const model = await loadGraphModel(modelUrl);
    const shape = (model.inputs[0].shape ?? [1, 256, 256, 3]).map((d) => (d > 0 ? d : 1));
    const input = tf.randomUniform(shape, 0, 1);
    const once = async () => {
      const out = model.execute(input);
      const outs = Array.isArray(out) ? out : [out as tf.Tensor];
      await Promise.all(outs.map((t) => t.data())); // waits for the GPU, as the pose code's reads do
      tf.dispose(outs);
    };
    await once(); // warm-up: shader compilation, weight upload
    await once();
    const ms: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await once();
      ms.push(performance.now() - t);
    }
    input.dispose();
    model.dispose();
    ms.sort((a, b) => a - b);
    return { id: backend, device, msPerFrame: ms[Math.floor(ms.length / 2)] };
  } catch (e) {
    return { id: backend, device, msPerFrame: null, problem: `failed (${(e as Error).message})` };
  }
}

self.onmessage = async (e: MessageEvent<ProbeRequest>) => {
  (self as DedicatedWorkerGlobalScope).postMessage(await measure(e.data));
};
