/**
 * A truncated real clip gives a partial analysis and a note; Cancel really stops the worker. (Refusals of files that are
 * not usable videos, HEVC included, are in torture.spec.ts.)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { analyze, openApp, scratchDir, sharedClip } from './helpers';

const GOOD = 'small-runner-side.mp4'; // 47 frames: quick

async function expectGoodClipStillWorks(page: Page) {
  const r = await analyze(page, sharedClip(GOOD));
  expect(r.phase).toBe('done');
  expect(r.result!.frames.length).toBe(47);
  await expect(page.getByTestId('error')).toHaveCount(0);
  await expect(page.getByTestId('player')).toBeVisible();
}

function writeTruncated(dir: string, clip: string, fraction: number): string {
  const bytes = readFileSync(sharedClip(clip));
  const p = join(dir, `truncated-${Math.round(fraction * 100)}-${clip}`);
  writeFileSync(p, bytes.subarray(0, Math.floor(bytes.length * fraction)));
  return p;
}

test('a truncated fast-start MP4 gives a partial analysis with a note saying so', async ({ page }) => {
  const dir = scratchDir();
  await openApp(page);
  const r = await analyze(page, writeTruncated(dir, 'overground-back-snow.mp4', 0.5));
  expect(r.phase).toBe('done');
  const total = r.result!.clip.sampleCount;
  expect(r.result!.frames.length).toBeGreaterThan(total * 0.3);
  expect(r.result!.frames.length).toBeLessThan(total);
  await expect(page.getByTestId('summary-note').first()).toContainText(/damaged or incomplete|container lists/);
  await expectGoodClipStillWorks(page);
});

test('Cancel in mid-run stops the worker within 1 s; a new analysis then runs to the end', async ({ page }) => {
  await openApp(page);
  await page.setInputFiles('[data-testid=file-input]', sharedClip('treadmill-side-left.mp4'));
  const bar = page.getByRole('progressbar');
  await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 120_000 }).toBeGreaterThanOrEqual(10);
  const t0 = Date.now();
  await page.getByTestId('cancel').click();
  await expect(page.getByTestId('cancelled')).toBeVisible({ timeout: 1500 });
  expect(Date.now() - t0).toBeLessThan(1500);
  const s = await page.evaluate(() => window.__stridescope!.summary);
  // the worker stopped where it was: far fewer frames than the clip has
  if (s) expect(s.clip.decodedFrameCount!).toBeLessThan(300);
  // nothing more arrives after the cancel
  const runs = await page.evaluate(() => window.__stridescope!.runs);
  await page.waitForTimeout(1500);
  expect(await page.evaluate(() => window.__stridescope!.runs)).toBe(runs);
  await expectGoodClipStillWorks(page);
});
