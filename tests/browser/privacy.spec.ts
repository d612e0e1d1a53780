/** Nothing leaves the device: during a whole analysis every request stays on the page's own origin. */
import { expect, test } from '@playwright/test';
import { analyze, openApp, sharedClip } from './helpers';

test('no request leaves the page origin during a whole analysis', async ({ page, context, baseURL }) => {
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
  const r = await analyze(page, sharedClip('small-runner-side.mp4'));
  expect(r.phase).toBe('done');
  await expect(page.getByTestId('player')).toBeVisible();
  expect(foreign).toEqual([]);
  // the model weights really came from the app's own origin
  expect(all.some((u) => u.startsWith(`${origin}/models/blazepose-full.json`))).toBe(true);
  expect(all.some((u) => /\/assets\/tfjs-backend-wasm.*\.wasm$/.test(u))).toBe(true);
});
