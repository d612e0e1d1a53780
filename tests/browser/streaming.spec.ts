/**
 * Results stream (issue: speed): the first analysed frame's skeleton is on screen while the clip is still being
 * analysed, and the live view follows the run. Order only: no timing thresholds.
 */
import { expect, test } from '@playwright/test';
import { openApp, sharedClip } from './helpers';

test('the first skeleton appears on screen before the analysis finishes, and the live view follows the run', async ({ page }) => {
  await openApp(page);
  // record, in the page, the order of what the user sees: first skeleton, then the end of the run
  await page.evaluate(() => {
    const w = window as unknown as { __order: string[] };
    w.__order = [];
    const runsBefore = window.__stridescope!.runs;
    const seen = new Set<string>();
    const mark = (what: string) => {
      if (!seen.has(what)) {
        seen.add(what);
        w.__order.push(what);
      }
    };
    new MutationObserver(() => {
      const live = document.querySelector('[data-testid=live-preview]');
      if (live && Number(live.getAttribute('data-keypoints')) > 0) mark('skeleton');
      if (window.__stridescope!.runs > runsBefore) mark('done');
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  await page.setInputFiles('[data-testid=file-input]', sharedClip('treadmill-side-left.mp4'));

  const live = page.getByTestId('live-preview');
  await expect(live).toHaveAttribute('data-keypoints', '33');
  // while it is on screen the run is still going: the progress bar is there, the report is not
  const during = await page.evaluate(() => {
    const c = document.querySelector<HTMLCanvasElement>('[data-testid=live-preview] canvas')!;
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    // skeleton pixels: the left/right colours (Okabe–Ito blue #0072B2, orange #E69F00)
    let blue = 0;
    let orange = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (Math.abs(d[i] - 0x00) < 30 && Math.abs(d[i + 1] - 0x72) < 30 && Math.abs(d[i + 2] - 0xb2) < 30) blue++;
      if (Math.abs(d[i] - 0xe6) < 30 && Math.abs(d[i + 1] - 0x9f) < 30 && Math.abs(d[i + 2] - 0x00) < 30) orange++;
    }
    return { phase: window.__stridescope!.phase, width: c.width, height: c.height, blue, orange, frame: Number(document.querySelector('[data-testid=live-preview]')!.getAttribute('data-frame')) };
  });
  console.log(`live view while running: frame ${during.frame}, ${during.width}×${during.height} px, skeleton pixels blue ${during.blue} / orange ${during.orange}`);
  expect(during.width).toBeGreaterThan(0);
  expect(during.blue).toBeGreaterThan(50);
  expect(during.orange).toBeGreaterThan(50);
  await expect(page.getByTestId('progress')).toBeVisible();
  await expect(page.getByTestId('gait-headline')).toHaveCount(0);

  // the live view moves on while the rest is processed
  await expect.poll(async () => Number(await live.getAttribute('data-frame')), { timeout: 60_000 }).toBeGreaterThan(during.frame);

  await page.waitForFunction(() => window.__stridescope!.phase === 'done', null, { timeout: 5 * 60_000 });
  const order = await page.evaluate(() => (window as unknown as { __order: string[] }).__order);
  expect(order).toEqual(['skeleton', 'done']);
  expect(during.phase).toBe('running');
  // the live view gives way to the report
  await expect(live).toHaveCount(0);
  await expect(page.getByTestId('gait-headline')).toBeVisible();
});
