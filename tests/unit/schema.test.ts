import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
// @ts-expect-error — plain ESM script
import { generateSchema, SCHEMA_PATH } from '../../scripts/gen-schema.mjs';
import { buildAnalyzeResult } from '../../src/app/result';
import { BLAZEPOSE_KEYPOINTS, type ClipInfo, type PoseFrame } from '../../src/core/types';

const clip: ClipInfo = {
  fileName: 'run.mp4', fileSizeBytes: 1000, container: 'MP4', mimeType: 'video/mp4', codec: 'avc', codecString: 'avc1.64001f',
  codedWidth: 1280, codedHeight: 720, displayWidth: 720, displayHeight: 1280, rotation: 90, durationS: 2, sampleCount: 2,
  decodedFrameCount: 2, nominalFps: 30, measuredFps: 30, variableFrameRate: false, slowMotionHint: null, decodable: true,
};
const frames: PoseFrame[] = [
  { index: 0, timestampUs: 0, score: 0.9, keypoints: BLAZEPOSE_KEYPOINTS.map((name, i) => ({ name, x: i, y: 2 * i, z: 0, score: 0.8 })) },
  { index: 1, timestampUs: 33_333, score: null, keypoints: null },
];
const backend = { id: 'wasm' as const, threads: 2, simd: true, renderer: null, note: 'WASM' };

describe('the analyze JSON schema (docs/analyze-result.schema.json)', () => {
  it('is generated from the TypeScript types and committed up to date', () => {
    expect(readFileSync(SCHEMA_PATH, 'utf8')).toBe(generateSchema());
  });

  it('accepts what the page builds and rejects a document missing a top-level field', () => {
    const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    const doc = JSON.parse(JSON.stringify(buildAnalyzeResult(clip, 'full', backend, frames, null)));
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(Object.keys(doc).sort()).toEqual(['analysis', 'backend', 'clip', 'frames', 'model', 'schemaVersion']);
    const { frames: _f, ...noFrames } = doc;
    expect(validate(noFrames)).toBe(false);
    expect(validate({ ...doc, frames: [{ ...doc.frames[0], keypoints: [{ name: 'tail', x: 0, y: 0, z: 0, score: 1 }] }] })).toBe(false);
  });
});
