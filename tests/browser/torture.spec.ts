/**
 * Torture suite: odd and extreme inputs made at test time with ffmpeg or by code (nothing committed), each with its
 * expected behaviour asserted — an analysis, a partial analysis with the frames it could use and a note, or a clear
 * refusal with the reason and what to do. After each group the same page still analyses a good clip.
 * The report (input → behaviour seen) is printed at the end.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { GaitAnalysis } from '../../src/core/analysis';
import type { AnalyzeResult, PoseFrame } from '../../src/core/types';
import type { InPageOutcome } from '../../scripts/lib/run-in-page.mjs';
import { analyze, openApp, scratchDir, sharedClip } from './helpers';
import * as make from './tortureFiles';

const report: string[] = [];
const say = (input: string, seen: string) => report.push(`${input.padEnd(40)} → ${seen}`);

async function expectGoodClipStillWorks(page: Page) {
  const r = await analyze(page, sharedClip('small-runner-side.mp4'));
  expect(r.phase).toBe('done');
  expect(r.result!.frames.length).toBe(47);
  await expect(page.getByTestId('error')).toHaveCount(0);
}

/**
 * The first 6 s of the treadmill clip (make.treadmill6s) analysed once per run of this file: the reference that the
 * odd versions of it are compared with (the same file through the same model gives the same result in any page).
 */
let reference6s: InPageOutcome | null = null;
async function analyzeReference6s(page: Page, dir: string): Promise<InPageOutcome> {
  reference6s ??= await analyze(page, make.treadmill6s(dir));
  return reference6s;
}

const analysisOf = (r: InPageOutcome) => r.result!.analysis as GaitAnalysis | null;
const cadenceOf = (r: InPageOutcome) => analysisOf(r)?.summary.cadence.value ?? null;
const hipX = (f: PoseFrame) => ((f.keypoints!.find((k) => k.name === 'left_hip')!.x + f.keypoints!.find((k) => k.name === 'right_hip')!.x) / 2);
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

test.afterAll(() => {
  console.log(`\nTorture suite report (${report.length} inputs)\n${report.map((l) => `  ${l}`).join('\n')}`);
});

test('refused plainly, with the reason and what to do: empty, random bytes, text, JPEG, sound only, HEVC, cut before the index', async ({ page }) => {
  const dir = scratchDir();
  const empty = join(dir, 'empty.mp4');
  writeFileSync(empty, '');
  const random = join(dir, 'random.mp4');
  writeFileSync(random, Uint8Array.from({ length: 200_000 }, (_, i) => (i * 2654435761) >>> 24));
  const text = join(dir, 'notes.mp4');
  writeFileSync(text, 'Patient notes: left hip pain after 5 km.\n'.repeat(50));
  const jpeg = join(dir, 'photo.mov');
  make.ffmpeg('-f', 'lavfi', '-i', 'testsrc2=size=640x480', '-frames:v', '1', join(dir, 'photo.jpg'));
  copyFileSync(join(dir, 'photo.jpg'), jpeg);
  const audio = join(dir, 'voice-memo.mp4');
  make.ffmpeg('-f', 'lavfi', '-i', 'sine=frequency=440:duration=3', '-c:a', 'aac', audio);
  // the shared clip keeps its index (moov) at the end: cut at 50 % there is no index at all
  const noIndex = join(dir, 'cut-before-index.mp4');
  const whole = readFileSync(sharedClip('treadmill-side-left.mp4'));
  writeFileSync(noIndex, whole.subarray(0, whole.length / 2));
  await openApp(page);
  const cases: [string, string, string[], RegExp][] = [
    ['zero bytes', empty, ['empty-file'], /empty/i],
    ['random bytes named .mp4', random, ['not-a-video', 'corrupt'], /not a video|damaged/i],
    ['a text file named .mp4', text, ['not-a-video'], /not a video/i],
    ['a JPEG renamed .mov', jpeg, ['not-a-video', 'corrupt'], /not a video|damaged/i],
    ['audio only (AAC in MP4)', audio, ['no-video-track'], /only sound/i],
    ['HEVC (Linux Chromium cannot decode)', sharedClip('hevc-soccer.mp4'), ['codec-unsupported'], /cannot decode the HEVC video/],
    ['MP4 cut at 50 %, index at the end', noIndex, ['corrupt', 'not-a-video'], /damaged|incomplete|not a video/i],
  ];
  for (const [label, file, codes, message] of cases) {
    const r = await analyze(page, file);
    expect(r.phase, label).toBe('error');
    expect(codes, label).toContain(r.error!.code);
    await expect(page.getByTestId('error')).toContainText(message);
    expect(r.error!.advice.length, label).toBeGreaterThan(20);
    if (r.error!.code === 'codec-unsupported') {
      // what to do names the phone setting and the format that works; the clip's facts are still shown
      expect(r.error!.advice).toMatch(/Most Compatible/);
      expect(r.error!.advice).toMatch(/H\.264/);
      await expect(page.getByTestId('clip-codec')).toContainText('HEVC');
      // 1376 × 910 coded with pixel aspect 1377:1376 (ffprobe) → 1377 × 910 displayed
      await expect(page.getByTestId('clip-size')).toContainText('1377 × 910');
    }
    say(label, `refused (${r.error!.code}): "${r.error!.message}" — ${r.error!.advice}`);
  }
  await expectGoodClipStillWorks(page);
});

test('truncated at 10 %, 50 % and 90 % (a fast-start MP4): partial analyses that say so', async ({ page }) => {
  const dir = scratchDir();
  // fast-start (index first), as phones and messengers write them, so a cut file keeps its index
  const faststart = join(dir, 'faststart.mp4');
  make.ffmpeg('-i', sharedClip('treadmill-side-left.mp4'), '-c', 'copy', '-movflags', '+faststart', faststart);
  const bytes = readFileSync(faststart);
  await openApp(page);
  for (const f of [0.1, 0.5, 0.9]) {
    const p = join(dir, `cut-${f * 100}.mp4`);
    writeFileSync(p, bytes.subarray(0, Math.floor(bytes.length * f)));
    const r = await analyze(page, p);
    expect(r.phase).toBe('done');
    const n = r.result!.frames.length;
    expect(n).toBeLessThan(360);
    expect(n).toBeGreaterThan(360 * f * 0.6);
    await expect(page.getByTestId('summary-note').filter({ hasText: /damaged or incomplete|container lists/ })).toHaveCount(1);
    say(`fast-start MP4 cut at ${f * 100} %`, `partial analysis of ${n} of 360 frames, with a note; ${analysisOf(r)?.activity ?? 'no analysis'}`);
  }
  await expectGoodClipStillWorks(page);
});

test('damaged frames in the middle: decoding resumes at the next key frame, the rest is analysed, a note names the frames', async ({ page }) => {
  const dir = scratchDir();
  const { file, damaged } = make.corruptMiddle(dir); // frames 75–77 scrambled; key frames every 30
  await openApp(page);
  const clean = await analyze(page, join(dir, 'keyframe-every-second.mp4'));
  const r = await analyze(page, file);
  expect(r.phase).toBe('done');
  const frames = r.result!.frames;
  expect(frames).toHaveLength(180); // every frame keeps its place and time
  frames.forEach((f, i) => expect(f.timestampUs).toBe(clean.result!.frames[i].timestampUs));
  // lost: at least the scrambled frames, at most up to the next key frame (90)
  const lost = frames.filter((f) => !f.keypoints).map((f) => f.index);
  expect(lost).toEqual(expect.arrayContaining(damaged));
  expect(Math.min(...lost)).toBeGreaterThanOrEqual(60);
  expect(Math.max(...lost)).toBeLessThan(90);
  expect(r.summary!.damagedFrames).toBe(lost.length);
  // after the damage the runner is found again on every frame, and the analysis uses both sides of the gap
  expect(frames.slice(90).every((f) => f.keypoints)).toBe(true);
  const a = analysisOf(r)!;
  expect(a.activity).toBe('running');
  expect(a.events.some((e) => e.frame > 90)).toBe(true);
  expect(Math.abs(cadenceOf(r)! - cadenceOf(clean)!)).toBeLessThanOrEqual(cadenceOf(clean)! * 0.05);
  await expect(page.getByTestId('summary-note').filter({ hasText: `frames ${Math.min(...lost)}–${Math.max(...lost)}` })).toHaveCount(1);
  say('corrupt frames 75–77 (of 180)', `frames ${Math.min(...lost)}–${Math.max(...lost)} skipped with a note, pose on ${frames.length - lost.length}; ${a.activity}, cadence ${cadenceOf(r)} (undamaged ${cadenceOf(clean)})`);
  await expectGoodClipStillWorks(page);
});

test('other codecs, rates and sizes analyse like the H.264 original: VP9 WebM, variable frame rate, 240 fps, 4K', async ({ page }) => {
  const dir = scratchDir();
  const files = { vp9: make.vp9Webm(dir), vfr: make.variableFrameRate(dir), fps240: make.slowMotion240(dir), uhd: make.uhd4k(dir) };
  await openApp(page);
  const ref = await analyzeReference6s(page, dir);
  const refCadence = cadenceOf(ref)!;
  const refHipX = median(ref.result!.frames.filter((f) => f.keypoints).map(hipX));
  expect(refCadence).toBeGreaterThan(150);
  const near = (r: InPageOutcome, label: string) => {
    expect(r.phase, label).toBe('done');
    expect(analysisOf(r)?.activity, label).toBe('running');
    expect(Math.abs(cadenceOf(r)! - refCadence), label).toBeLessThanOrEqual(refCadence * 0.05);
  };

  const vp9 = await analyze(page, files.vp9);
  near(vp9, 'VP9');
  expect(vp9.result!.clip.codec).toBe('vp9');
  expect(vp9.result!.clip.container).toBe('WebM');
  expect(vp9.result!.frames).toHaveLength(180);
  say('VP9 in WebM (6 s)', `analysed: 180 frames, cadence ${cadenceOf(vp9)} (H.264 original ${refCadence})`);

  const vfr = await analyze(page, files.vfr);
  near(vfr, 'variable frame rate');
  expect(vfr.result!.clip.variableFrameRate).toBe(true);
  expect(vfr.result!.frames).toHaveLength(160);
  await expect(page.getByTestId('summary-note').filter({ hasText: 'Variable frame rate' })).toHaveCount(1);
  say('variable frame rate (33/67 ms)', `analysed with each frame's own time and a note: 160 frames, cadence ${cadenceOf(vfr)}`);

  const hi = await analyze(page, files.fps240);
  near(hi, '240 fps');
  expect(hi.result!.clip.measuredFps!).toBeCloseTo(240, 0);
  expect(hi.result!.frames).toHaveLength(600);
  say('240 fps slow motion (2.5 s)', `analysed at ${hi.result!.clip.measuredFps!.toFixed(1)} fps: 600 frames, cadence ${cadenceOf(hi)}`);

  const uhd = await analyze(page, files.uhd);
  near(uhd, '4K');
  expect([uhd.result!.clip.displayWidth, uhd.result!.clip.displayHeight]).toEqual([2160, 3840]);
  // keypoints in the 4K frame's own pixels: 3× the 720-wide original's
  const uhdHipX = median(uhd.result!.frames.filter((f) => f.keypoints).map(hipX));
  expect(Math.abs(uhdHipX / refHipX - 3)).toBeLessThan(0.15);
  say('4K portrait 2160×3840 (3 s)', `analysed: pose on ${uhd.result!.frames.filter((f) => f.keypoints).length} of 90 frames, hip at ${(uhdHipX / refHipX).toFixed(2)}× the 720p x, cadence ${cadenceOf(uhd)}`);
  await expectGoodClipStillWorks(page);
});

test('who is in the picture: nobody, two runners, a runner cut off at the knees', async ({ page }) => {
  const dir = scratchDir();
  const files = { nobody: make.noPerson(dir), two: make.twoPeople(dir), knees: make.cutAtKnees(dir, 1000 / 1280) };
  await openApp(page);

  const nobody = await analyze(page, files.nobody);
  expect(nobody.phase).toBe('done');
  expect(nobody.summary!.framesWithPose).toBe(0);
  expect(analysisOf(nobody)).toBeNull();
  await expect(page.getByTestId('no-person')).toContainText('No person was found in this clip');
  await expect(page.getByTestId('report-summary')).toHaveCount(0);
  say('no person (an empty room, 4 s)', 'no numbers; "No person was found in this clip" with what to film');

  // the runner beside his mirror image: the analysis follows one of them for the whole clip
  const two = await analyze(page, files.two);
  expect(two.phase).toBe('done');
  const xs = two.result!.frames.filter((f) => f.keypoints).map(hipX);
  expect(xs.length).toBeGreaterThanOrEqual(114);
  const left = xs.filter((x) => x < 720).length;
  expect(Math.max(left, xs.length - left)).toBe(xs.length);
  const single = await analyzeReference6s(page, dir);
  expect(analysisOf(two)!.activity).toBe('running');
  expect(Math.abs(cadenceOf(two)! - cadenceOf(single)!)).toBeLessThanOrEqual(cadenceOf(single)! * 0.05);
  say('two runners side by side (4 s)', `follows one runner (the ${left ? 'left' : 'right'} one) on all ${xs.length} frames with a pose; cadence ${cadenceOf(two)}`);

  const knees = await analyze(page, files.knees);
  expect(knees.phase).toBe('done');
  const ak = analysisOf(knees)!;
  expect(ak.activity).toBe('none');
  expect(ak.quality.feetOutOfFrameFraction!).toBeGreaterThan(0.9);
  expect(ak.activityReason).toMatch(/feet are out of the picture/);
  expect(ak.summary.cadence.value).toBeNull();
  await expect(page.getByTestId('gait-headline')).toContainText('The feet are out of the picture');
  say('cut off at the knees (6 s)', `no numbers: "${ak.activityReason}"; advice: film head to feet`);
  await expectGoodClipStillWorks(page);
});

test('a 10-minute clip: the user chooses the part to analyse, and only that part is decoded', async ({ page }) => {
  const dir = scratchDir();
  const ten = make.tenMinutes(dir);
  await openApp(page);
  const r = await analyze(page, ten);
  expect(r.phase).toBe('error');
  expect(r.error!.code).toBe('long-clip');
  const chooser = page.getByTestId('long-clip');
  await expect(chooser).toContainText('"ten-minutes.mp4" is 10:00 long.');
  await expect(page.getByTestId('summary')).toHaveCount(0); // nothing was analysed yet: no "pose found on 0 frames"
  await page.screenshot({ path: 'test-results/long-clip-chooser.png' });
  await expect(chooser).toContainText('18,000 frames');
  await expect(page.getByTestId('error')).toHaveCount(0);
  await expect(page.getByTestId('range-end')).toHaveValue('0:30');
  // an impossible part is not accepted
  await page.getByTestId('range-end').fill('11:00');
  await expect(page.getByTestId('analyse-range')).toBeDisabled();
  await expect(chooser).toContainText('The clip ends at 10:00');
  await page.getByTestId('range-start').fill('2:00');
  await page.getByTestId('range-end').fill('2:12');
  const before = await page.evaluate(() => window.__stridescope!.runs);
  await page.getByTestId('analyse-range').click();
  await page.waitForFunction((n) => window.__stridescope!.runs > n, before, { timeout: 5 * 60_000 });
  const part = await page.evaluate(() => ({ phase: window.__stridescope!.phase, result: window.__stridescope!.result as AnalyzeResult | null }));
  expect(part.phase).toBe('done');
  const fr = part.result!.frames;
  expect(Math.abs(fr.length - 360)).toBeLessThanOrEqual(2);
  expect(fr[0].timestampUs / 1e6).toBeGreaterThanOrEqual(119.9);
  expect(fr[fr.length - 1].timestampUs / 1e6).toBeLessThan(132.05);
  const a = part.result!.analysis as GaitAnalysis;
  expect(a.activity).toBe('running');
  await expect(page.getByTestId('summary-note').filter({ hasText: 'Analysed 2:00.0–2:12.0 of the 10:00.0 clip' })).toHaveCount(1);
  say('10-minute clip (18,000 frames)', `asked which part; 2:00–2:12 analysed: ${fr.length} frames, ${a.activity}, cadence ${a.summary.cadence.value}`);
  await expectGoodClipStillWorks(page);
});

test('odd but valid clips analyse: portrait stored sideways (rotation 90° and 270°), one frame, very dark, a non-Latin file name with spaces', async ({ page }) => {
  const dir = scratchDir();
  const src = sharedClip('overground-side-right-to-left.mp4'); // 1920×1080 landscape, 88 frames
  const sideways = { 90: make.storedSideways(dir, 90), 270: make.storedSideways(dir, 270) };
  const one = join(dir, 'one-frame.mp4');
  make.ffmpeg('-i', src, '-frames:v', '1', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', one);
  const dark = join(dir, 'dark.mp4');
  make.ffmpeg('-i', sharedClip('treadmill-side-left.mp4'), '-t', '6', '-vf', 'eq=brightness=-0.42:contrast=0.35', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', dark);
  const named = join(dir, 'Läufer – 跑步 sesión 1.mp4');
  copyFileSync(sharedClip('small-runner-side.mp4'), named);
  await openApp(page);

  // stored 1280×720 with rotation metadata, shown upright: the same runner, in the same place, at the same cadence
  const ref = await analyzeReference6s(page, dir);
  const refHip = median(ref.result!.frames.filter((f) => f.keypoints).map(hipX));
  for (const rotation of [90, 270] as const) {
    const label = `portrait stored sideways, rotation ${rotation}°`;
    const r = await analyze(page, sideways[rotation]);
    expect(r.phase, label).toBe('done');
    expect([r.result!.clip.codedWidth, r.result!.clip.codedHeight], label).toEqual([1280, 720]);
    expect(r.result!.clip.rotation, label).toBe(rotation);
    expect([r.result!.clip.displayWidth, r.result!.clip.displayHeight], label).toEqual([720, 1280]);
    const hip = median(r.result!.frames.filter((f) => f.keypoints).map(hipX));
    expect(Math.abs(hip - refHip), label).toBeLessThan(720 * 0.02);
    expect(analysisOf(r)?.activity, label).toBe('running');
    expect(Math.abs(cadenceOf(r)! - cadenceOf(ref)!), label).toBeLessThanOrEqual(cadenceOf(ref)! * 0.05);
    say(label, `shown upright as 720×1280; hip at x ${hip.toFixed(0)} (upright original ${refHip.toFixed(0)}), cadence ${cadenceOf(r)} (${cadenceOf(ref)})`);
  }

  const r1 = await analyze(page, one);
  expect(r1.phase).toBe('done');
  expect(r1.result!.frames).toHaveLength(1);
  const a1 = analysisOf(r1);
  expect(a1 === null || a1.activity === 'none').toBe(true);
  say('one frame', `decoded 1 frame; ${a1 ? `"${a1.activityReason}"` : 'no analysis'}: no numbers`);

  // nearly black (a human cannot check a skeleton on it; the model confuses the legs): no numbers, and why
  const rd = await analyze(page, dark);
  expect(rd.phase).toBe('done');
  const darkPose = rd.result!.frames.filter((f) => f.keypoints).length;
  const ad = analysisOf(rd)!;
  expect(ad.quality.imageBrightness!).toBeLessThan(10);
  expect(ad.activity).toBe('none');
  expect(ad.summary.cadence.value).toBeNull();
  expect(ad.advice[0].code).toBe('too-dark');
  await expect(page.getByTestId('gait-headline')).toContainText('The clip is too dark');
  say('very dark (brightness −0.42, contrast 0.35)', `pose on ${darkPose} of ${rd.result!.frames.length} frames but no numbers: "${ad.activityReason}"; advice: film in good light`);

  const rn = await analyze(page, named);
  expect(rn.phase).toBe('done');
  expect(rn.result!.clip.fileName).toBe('Läufer – 跑步 sesión 1.mp4');
  await expect(page.getByTestId('clip-card')).toContainText('Läufer – 跑步 sesión 1.mp4');
  say('name "Läufer – 跑步 sesión 1.mp4"', 'analysed, name shown as is');

  await expectGoodClipStillWorks(page);
});
