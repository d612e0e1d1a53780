/**
 * The spine, end to end in Debian's Chromium: real clips from ../shared through the real decoder (WebCodecs via
 * mediabunny) and the real pose model (BlazePose full, served from the app's own origin).
 */
import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import type { AnalyzeResult, Keypoint, KeypointName } from '../../src/core/types';
import { analyze, meanScore, openApp, sharedClip } from './helpers';

/** ffprobe's packet count for the video stream: the container's sample count, independently of our demuxer. */
function ffprobeSampleCount(path: string): number | null {
  try {
    const out = execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-count_packets', '-show_entries', 'stream=nb_read_packets', '-of', 'csv=p=0', path], { encoding: 'utf8' });
    return Number(out.trim());
  } catch {
    return null; // ffprobe absent: the container's count read by mediabunny is checked alone
  }
}

const DECODABLE_CLIPS = [
  'treadmill-side-left.mp4',
  'overground-side-right-to-left.mp4',
  'overground-back-runner.mp4',
  'overground-back-snow.mp4',
  'small-runner-side.mp4',
  'walking-side.mp4',
  'multi-person-vp9.mp4',
  'not-gait-dumbbell.mp4',
];

test.describe('real clips through decode → pose', () => {
  for (const name of DECODABLE_CLIPS) {
    test(`${name}: every sample decoded once, timestamps strictly increase`, async ({ page }) => {
      await openApp(page);
      const r = await analyze(page, sharedClip(name));
      expect(r.phase, JSON.stringify(r.error)).toBe('done');
      const res = r.result as AnalyzeResult;
      const probe = ffprobeSampleCount(sharedClip(name));
      if (probe !== null) expect(res.clip.sampleCount).toBe(probe);
      expect(res.frames.length).toBe(res.clip.sampleCount);
      expect(res.clip.decodedFrameCount).toBe(res.clip.sampleCount);
      res.frames.forEach((f, i) => expect(f.index).toBe(i));
      for (let i = 1; i < res.frames.length; i++) expect(res.frames[i].timestampUs).toBeGreaterThan(res.frames[i - 1].timestampUs);
      expect(res.backend.id).toBe('wasm');
      expect(res.analysis === null || typeof res.analysis === 'object').toBe(true);
    });
  }

  test('treadmill side clip: ≥ 95 % of frames have a plausible pose (knees below hips, lower ankle below both knees); the page stays responsive', async ({ page }) => {
    await openApp(page);
    // main-thread tasks over 250 ms during the whole run would make the page feel frozen
    await page.evaluate(() => {
      (window as unknown as { longTasks: number[] }).longTasks = [];
      new PerformanceObserver((l) => l.getEntries().forEach((e) => (window as unknown as { longTasks: number[] }).longTasks.push(e.duration))).observe({ type: 'longtask' });
    });
    const r = await analyze(page, sharedClip('treadmill-side-left.mp4'));
    const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
    expect(longTasks.filter((d) => d > 250), `long tasks: ${longTasks.map((d) => d.toFixed(0)).join(', ')}`).toEqual([]);
    const res = r.result as AnalyzeResult;
    const confident = res.frames.filter((f) => f.keypoints && meanScore(f.keypoints) >= 0.5);
    expect(confident.length / res.frames.length).toBeGreaterThanOrEqual(0.95);
    let plausible = 0;
    for (const f of confident) {
      const k = new Map<KeypointName, Keypoint>(f.keypoints!.map((p) => [p.name, p]));
      const y = (n: KeypointName) => k.get(n)!.y; // image y grows downwards
      const kneesBelowHips = y('left_knee') > y('left_hip') && y('right_knee') > y('right_hip');
      const lowerAnkle = Math.max(y('left_ankle'), y('right_ankle'));
      const ankleBelowKnees = lowerAnkle > y('left_knee') && lowerAnkle > y('right_knee');
      if (kneesBelowHips && ankleBelowKnees) plausible++;
    }
    // every confident frame must be anatomically plausible
    expect(plausible).toBe(confident.length);
    // keypoints are in display pixels of the 720×1280 portrait clip
    for (const f of confident) for (const p of f.keypoints!) expect(p.x).toBeLessThan(720 * 1.2);
  });
});
