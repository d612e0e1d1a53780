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

test('npm run analyze prints a short human summary (with --out too); --model movenet gives 17 keypoints', async () => {
  const out = join(scratchDir(), 'm.json');
  const text = execFileSync('npm', ['run', '--silent', 'analyze', '--', sharedClip('small-runner-side.mp4'), '--model', 'movenet', '--out', out], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
  expect(text).toMatch(/small-runner-side\.mp4: 480×352, 29\.97 fps, 47 frames/);
  expect(text).toMatch(/MoveNet lightning on wasm/);
  const doc = JSON.parse(readFileSync(out, 'utf8')) as AnalyzeResult;
  const withPose = doc.frames.find((f) => f.keypoints);
  expect(withPose!.keypoints).toHaveLength(17);
  expect(withPose!.keypoints!.some((k) => k.name === 'left_heel')).toBe(false);
});

test('npm run analyze on slow motion: the summary says so and which --capture-fps to give; with it the JSON is in real time', async () => {
  // 4 s of the treadmill clip played 2× slower than filmed (ffmpeg setpts), as a phone's 60 fps slow motion at 30 fps
  const dir = scratchDir();
  const slow = join(dir, 'slow2x.mp4');
  execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-ss', '6', '-t', '4', '-i', sharedClip('treadmill-side-left.mp4'), '-vf', 'setpts=2*PTS', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-an', '-r', '30', slow]);
  const text = execFileSync('npm', ['run', '--silent', 'analyze', '--', slow], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
  console.log(text);
  expect(text).toMatch(/Cadence not measured/);
  expect(text).toMatch(/slow motion\? This looks like slow motion: .*run again with --capture-fps 60 \(likely 2× the 30 fps it plays at\)/);
  const out = join(dir, 'slow.json');
  const human = execFileSync('npm', ['run', '--silent', 'analyze', '--', slow, '--capture-fps', '60', '--out', out], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
  const doc = JSON.parse(readFileSync(out, 'utf8')) as AnalyzeResult;
  expect(new Ajv({ allErrors: true, strict: false }).compile(schema)(doc)).toBe(true);
  const a = doc.analysis!;
  console.log(`--capture-fps 60: cadence ${a.summary.cadence.value}, contact ${a.summary.contactTimeMs.value} ms, ${JSON.stringify(a.timeScale)}`);
  expect(a.timeScale!.captureFps).toBe(60);
  expect(a.fps).toBe(60);
  expect(a.slowMotion.suspected).toBe(false);
  // the clip's own cadence (6–12 s of the treadmill clip reads 170 steps/min in tests/browser/corrections.spec.ts)
  expect(a.summary.cadence.value).toBeGreaterThanOrEqual(160);
  expect(a.summary.cadence.value).toBeLessThanOrEqual(180);
  expect(human).toMatch(/slow motion: filmed at 60 fps, played at 30\.00 fps \(--capture-fps\): every time below is real time/);
  expect(human).toMatch(/Cadence 1[67]\d steps\/min/);
});
