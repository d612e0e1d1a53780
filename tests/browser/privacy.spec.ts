/** Nothing leaves the device: during drop → analysis → report → exports every request stays on the page's own origin. */
import { expect, test } from '@playwright/test';
import { analyze, openApp, sharedClip } from './helpers';

test('no request leaves the page origin during drop, analysis, report and exports', async ({ page, context, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const foreign: string[] = [];
  const all: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    all.push(url);
    if (!url.startsWith(origin) && !url.startsWith('blob:') && !url.startsWith('data:')) {
      foreign.push(url);
      return route.abort();
    }
    return route.continue();
  });
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:')) foreign.push(u);
  });
  await openApp(page);
  const r = await analyze(page, sharedClip('overground-side-right-to-left.mp4'));
  expect(r.phase).toBe('done');
  // the report: timeline, player, hover read-out
  await expect(page.getByTestId('consult-view')).toBeVisible();
  const box = (await page.locator('.timeline svg').boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + 100);
  await page.keyboard.press('Shift+ArrowRight');
  // exports: a still, the PDF report (jsPDF is loaded on demand), the JSON
  for (const id of ['export-still', 'export-pdf', 'export-json']) {
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId(id).click()]);
    expect(await dl.failure()).toBeNull();
  }
  console.log(`${all.length} requests, all to ${origin} (or blob:/data:)`);
  expect(foreign).toEqual([]);
  // the model weights really came from the app's own origin
  expect(all.some((u) => u.startsWith(`${origin}/models/blazepose-full.json`))).toBe(true);
  expect(all.some((u) => /\/assets\/tfjs-backend-wasm.*\.wasm$/.test(u))).toBe(true);
});
