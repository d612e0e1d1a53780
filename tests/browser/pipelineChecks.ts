/**
 * Checks of the decode → pose stages on a finished run, shared by the specs that analyse a clip anyway (each real clip
 * goes through the model once per suite where it can, not once per check).
 */
import { execFileSync } from 'node:child_process';
import { expect, type Page } from '@playwright/test';
import type { AnalyzeResult, Keypoint, KeypointName } from '../../src/core/types';
import { meanScore } from './helpers';

/** ffprobe's packet count for the video stream: the container's sample count, independently of our demuxer. */
function ffprobeSampleCount(path: string): number | null {
  try {
    const out = execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-count_packets', '-show_entries', 'stream=nb_read_packets', '-of', 'csv=p=0', path], { encoding: 'utf8' });
    return Number(out.trim());
  } catch {
    return null; // ffprobe absent: the container's count read by mediabunny is checked alone
  }
}

/** Every sample of the file decoded exactly once, in order, with strictly increasing timestamps, on WASM. */
export function expectDecodedOnce(res: AnalyzeResult, path: string): void {
  const probe = ffprobeSampleCount(path);
  if (probe !== null) expect(res.clip.sampleCount).toBe(probe);
  expect(res.frames.length).toBe(res.clip.sampleCount);
  expect(res.clip.decodedFrameCount).toBe(res.clip.sampleCount);
  // one expect over the whole list (a Playwright expect per frame costs ~5 ms each)
  expect(res.frames.flatMap((f, i) => (f.index === i ? [] : [i])), 'frames out of order').toEqual([]);
  expect(res.frames.flatMap((f, i) => (i === 0 || f.timestampUs > res.frames[i - 1].timestampUs ? [] : [i])), 'frames whose timestamp does not increase').toEqual([]);
  expect(res.backend.id).toBe('wasm');
}

/**
 * ≥ 95 % of frames have a confident pose (mean score ≥ 0.5), and every confident one is anatomically plausible (knees
 * below hips, the lower ankle below both knees), with keypoints in display pixels (x < 1.2 × displayWidth).
 */
export function expectPlausiblePoses(res: AnalyzeResult): void {
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
  expect(plausible).toBe(confident.length);
  const outside = confident.flatMap((f) => f.keypoints!.filter((p) => !(p.x < res.clip.displayWidth * 1.2)).map((p) => `frame ${f.index} ${p.name} x ${p.x}`));
  expect(outside, 'keypoints beyond the display width').toEqual([]);
}

/** Starts recording the page's main-thread long tasks (PerformanceObserver 'longtask'). */
export async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { longTasks: number[] }).longTasks = [];
    new PerformanceObserver((l) => l.getEntries().forEach((e) => (window as unknown as { longTasks: number[] }).longTasks.push(e.duration))).observe({ type: 'longtask' });
  });
}

/** No main-thread task over 250 ms since watchLongTasks: the page never felt frozen. */
export async function expectNoLongTasks(page: Page): Promise<void> {
  const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  expect(longTasks.filter((d) => d > 250), `long tasks: ${longTasks.map((d) => d.toFixed(0)).join(', ')}`).toEqual([]);
}
