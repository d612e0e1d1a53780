/**
 * Torture suite (first batch): odd inputs made at test time with ffmpeg or by code (nothing committed), each with its
 * expected behaviour — an analysis, a partial analysis with a note, or a clear refusal with what to do — asserted;
 * afterwards the same page still analyses a good clip. The report (input → behaviour seen) is printed.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { GaitAnalysis } from '../../src/core/analysis';
import { analyze, openApp, scratchDir, sharedClip } from './helpers';

const ffmpeg = (...args: string[]) => execFileSync('ffmpeg', ['-loglevel', 'error', '-y', ...args]);
const report: string[] = [];

async function expectGoodClipStillWorks(page: Page) {
  const r = await analyze(page, sharedClip('small-runner-side.mp4'));
  expect(r.phase).toBe('done');
  expect(r.result!.frames.length).toBe(47);
  await expect(page.getByTestId('error')).toHaveCount(0);
}

test.afterAll(() => {
  console.log(`\nTorture suite report\n${report.map((l) => `  ${l}`).join('\n')}`);
});

test('refused plainly, with what to do: random bytes, a JPEG renamed .mov, sound only', async ({ page }) => {
  const dir = scratchDir();
  const random = join(dir, 'random.mp4');
  writeFileSync(random, Uint8Array.from({ length: 200_000 }, (_, i) => (i * 2654435761) >>> 24));
  const jpeg = join(dir, 'photo.mov');
  ffmpeg('-f', 'lavfi', '-i', 'testsrc2=size=640x480', '-frames:v', '1', join(dir, 'photo.jpg'));
  copyFileSync(join(dir, 'photo.jpg'), jpeg);
  const audio = join(dir, 'voice-memo.mp4');
  ffmpeg('-f', 'lavfi', '-i', 'sine=frequency=440:duration=3', '-c:a', 'aac', audio);
  await openApp(page);
  const cases: [string, string, string[], RegExp][] = [
    ['random bytes named .mp4', random, ['not-a-video', 'corrupt'], /not a video|damaged/i],
    ['a JPEG renamed .mov', jpeg, ['not-a-video', 'corrupt'], /not a video|damaged/i],
    ['an audio-only MP4', audio, ['no-video-track'], /only sound/i],
  ];
  for (const [label, file, codes, text] of cases) {
    const r = await analyze(page, file);
    expect(r.phase, label).toBe('error');
    expect(codes, label).toContain(r.error!.code);
    await expect(page.getByTestId('error')).toContainText(text);
    expect(r.error!.advice.length).toBeGreaterThan(20);
    report.push(`${label}: refused (${r.error!.code}) — "${r.error!.message}" ${r.error!.advice}`);
  }
  await expectGoodClipStillWorks(page);
});

test('truncated at 10 %, 50 % and 90 % (a fast-start MP4): partial analyses that say so, or a refusal', async ({ page }) => {
  const dir = scratchDir();
  // fast-start (index first), as phones and messengers write them, so a cut file keeps its index
  const faststart = join(dir, 'faststart.mp4');
  ffmpeg('-i', sharedClip('treadmill-side-left.mp4'), '-c', 'copy', '-movflags', '+faststart', faststart);
  const bytes = readFileSync(faststart);
  await openApp(page);
  for (const f of [0.1, 0.5, 0.9]) {
    const p = join(dir, `cut-${f * 100}.mp4`);
    writeFileSync(p, bytes.subarray(0, Math.floor(bytes.length * f)));
    const r = await analyze(page, p);
    if (r.phase === 'error') {
      expect(['corrupt', 'not-a-video']).toContain(r.error!.code);
      report.push(`cut at ${f * 100} %: refused (${r.error!.code}) — ${r.error!.message}`);
      continue;
    }
    expect(r.phase).toBe('done');
    const n = r.result!.frames.length;
    expect(n).toBeLessThan(360);
    expect(n).toBeGreaterThan(360 * f * 0.6);
    await expect(page.getByTestId('summary-note').filter({ hasText: /damaged or incomplete|container lists/ })).toHaveCount(1);
    report.push(`cut at ${f * 100} %: partial analysis of ${n} of 360 frames, with a note`);
  }
  await expectGoodClipStillWorks(page);
});

test('odd but valid clips analyse: rotated portrait (90° and 270°), one frame, very dark, a non-Latin file name with spaces', async ({ page }) => {
  const dir = scratchDir();
  const src = sharedClip('overground-side-right-to-left.mp4'); // 1920×1080 landscape, 88 frames
  const rot90 = join(dir, 'rotated 90.mp4');
  const rot270 = join(dir, 'rotated 270.mp4');
  // rotation metadata only (the pixels stay landscape; players show it portrait), as phones write it
  ffmpeg('-i', src, '-c', 'copy', '-metadata:s:v:0', 'rotate=90', rot90);
  ffmpeg('-i', src, '-c', 'copy', '-metadata:s:v:0', 'rotate=270', rot270);
  const one = join(dir, 'one-frame.mp4');
  ffmpeg('-i', src, '-frames:v', '1', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', one);
  const dark = join(dir, 'dark.mp4');
  ffmpeg('-i', sharedClip('treadmill-side-left.mp4'), '-t', '6', '-vf', 'eq=brightness=-0.42:contrast=0.35', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', dark);
  const named = join(dir, 'Läufer – 跑步 sesión 1.mp4');
  copyFileSync(sharedClip('small-runner-side.mp4'), named);
  await openApp(page);

  for (const [label, file, w, h] of [['rotation 90°', rot90, 1080, 1920], ['rotation 270°', rot270, 1080, 1920]] as const) {
    const r = await analyze(page, file);
    expect(r.phase, label).toBe('done');
    expect(r.result!.clip.displayWidth).toBe(w);
    expect(r.result!.clip.displayHeight).toBe(h);
    const withPose = r.result!.frames.filter((f) => f.keypoints).length;
    expect(withPose).toBeGreaterThan(40);
    // keypoints in display (portrait) pixels
    const xs = r.result!.frames.flatMap((f) => f.keypoints ?? []).map((k) => k.x);
    expect(Math.max(...xs)).toBeLessThanOrEqual(w + 50);
    report.push(`${label}: analysed as ${w}×${h} portrait, pose on ${withPose} of ${r.result!.frames.length} frames, ${(r.result!.analysis as GaitAnalysis | null)?.activity ?? 'no analysis'}`);
  }

  const r1 = await analyze(page, one);
  expect(r1.phase).toBe('done');
  expect(r1.result!.frames).toHaveLength(1);
  const a1 = r1.result!.analysis as GaitAnalysis | null;
  expect(a1 === null || a1.activity === 'none').toBe(true);
  report.push(`one frame: decoded 1 frame; ${a1 ? `"${a1.activityReason}"` : 'no analysis'} — no numbers`);

  const rd = await analyze(page, dark);
  expect(rd.phase).toBe('done');
  const darkPose = rd.result!.frames.filter((f) => f.keypoints).length;
  const ad = rd.result!.analysis as GaitAnalysis | null;
  report.push(`very dark (brightness −0.42, contrast 0.35): pose on ${darkPose} of ${rd.result!.frames.length} frames; ${ad ? `${ad.activity}, ${ad.events.length} events; advice: ${ad.advice.map((x) => x.code).join(', ') || 'none'}` : 'no analysis'}`);
  // either analysed or said plainly: never numbers without evidence
  if (ad && ad.activity === 'none') expect(ad.summary.cadence.value).toBeNull();

  const rn = await analyze(page, named);
  expect(rn.phase).toBe('done');
  expect(rn.result!.clip.fileName).toBe('Läufer – 跑步 sesión 1.mp4');
  await expect(page.getByTestId('clip-card')).toContainText('Läufer – 跑步 sesión 1.mp4');
  report.push(`file name "Läufer – 跑步 sesión 1.mp4": analysed, name shown as is`);

  await expectGoodClipStillWorks(page);
});
