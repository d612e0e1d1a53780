/** `npm run analyze` runs the same pipeline headlessly and writes JSON that validates against the documented schema. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { expect, test } from '@playwright/test';
import type { AnalyzeResult } from '../../src/core/types';
import { ROOT, scratchDir, sharedClip } from './helpers';

const schema = JSON.parse(readFileSync(join(ROOT, 'docs', 'analyze-result.schema.json'), 'utf8'));

test('npm run analyze -- <clip> --out x.json writes schema-valid JSON with the stable top level', async () => {
  const out = join(scratchDir(), 'x.json');
  execFileSync('npm', ['run', '--silent', 'analyze', '--', sharedClip('small-runner-side.mp4'), '--out', out], { cwd: ROOT, stdio: 'pipe', timeout: 300_000 });
  const doc = JSON.parse(readFileSync(out, 'utf8')) as AnalyzeResult;
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
  expect(validate(doc), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
  expect(Object.keys(doc).sort()).toEqual(['analysis', 'backend', 'clip', 'frames', 'model', 'schemaVersion']);
  expect(doc.frames).toHaveLength(47);
  expect(doc.model.id).toBe('full');
  expect(doc.clip.fileName).toBe('small-runner-side.mp4');
});

test('npm run analyze without --out prints a short human summary; --model movenet gives 17 keypoints', async () => {
  const text = execFileSync('npm', ['run', '--silent', 'analyze', '--', sharedClip('small-runner-side.mp4'), '--model', 'movenet'], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
  expect(text).toMatch(/small-runner-side\.mp4: 480×352, 29\.97 fps, 47 frames/);
  expect(text).toMatch(/MoveNet lightning on wasm/);
  const out = join(scratchDir(), 'm.json');
  execFileSync('npm', ['run', '--silent', 'analyze', '--', sharedClip('small-runner-side.mp4'), '--model', 'movenet', '--out', out], { cwd: ROOT, timeout: 300_000 });
  const doc = JSON.parse(readFileSync(out, 'utf8')) as AnalyzeResult;
  const withPose = doc.frames.find((f) => f.keypoints);
  expect(withPose!.keypoints).toHaveLength(17);
  expect(withPose!.keypoints!.some((k) => k.name === 'left_heel')).toBe(false);
});
