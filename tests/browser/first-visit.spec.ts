/**
 * A first visit: before any clip the page shows the drop zone, a filming guide and a sample clip on the first screen
 * (1440×900; the drop zone's button on a 390×844 phone too), and the sample clip runs the real pipeline to a report.
 * The sample is made at install time by scripts/make-sample.mjs (6 s of ../shared/clips/treadmill-side-left.mp4,
 * whose whole 12 s reads 169 steps/min by hand labels).
 */
import { chromium, expect, test, type Locator, type Page } from '@playwright/test';
import { freshUserDataDir, launchOptions } from '../../scripts/lib/chromium.mjs';
import type { GaitAnalysis } from '../../src/core/analysis';
import { openApp } from './helpers';

/** The element's box lies wholly inside the viewport as the page opens (not scrolled). */
async function expectInFirstViewport(page: Page, loc: Locator, what: string): Promise<void> {
  await expect(loc, what).toBeVisible();
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  const box = (await loc.boundingBox())!;
  const vp = page.viewportSize()!;
  const where = `${what}: x ${box.x.toFixed(0)}–${(box.x + box.width).toFixed(0)}, y ${box.y.toFixed(0)}–${(box.y + box.height).toFixed(0)} in ${vp.width}×${vp.height}`;
  console.log(where);
  expect(box.x >= 0 && box.y >= 0 && box.x + box.width <= vp.width && box.y + box.height <= vp.height, where).toBe(true);
}

/** The first screen once it has settled (the records panel's storage line and the sample offer have arrived). */
async function openFirstScreen(page: Page): Promise<void> {
  await openApp(page);
  await expect(page.getByTestId('storage-state')).toBeVisible();
  await expect(page.getByTestId('sample-button')).toBeVisible();
}

test('at 1440×900 the drop zone, the filming guide and the sample clip are all on the first screen; the model choice is folded', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openFirstScreen(page);
  await expectInFirstViewport(page, page.getByTestId('dropzone').getByRole('button', { name: 'Choose a video…' }), 'drop zone button');
  await expectInFirstViewport(page, page.getByTestId('filming-guide'), 'filming guide');
  await expectInFirstViewport(page, page.getByTestId('sample-button'), 'sample button');
  await expect(page.getByTestId('sample-button')).toHaveText('Try a sample clip (treadmill runner, 6 s)');
  await expect(page.getByTestId('sample-attribution')).toContainText('zzzhushi/running-gait-analysis');
  await expect(page.getByTestId('sample-attribution')).toContainText('MIT');

  // the guide's essentials are in view, its details folded
  const guide = page.getByTestId('filming-guide');
  for (const term of ['Camera', 'Distance', 'Framing', 'How long', 'Light', 'One person']) await expect(guide.locator('dt', { hasText: term })).toBeVisible();
  await expect(guide).toContainText('hip height');
  await expect(guide).toContainText('3–5 m');
  await expect(guide.getByText('Most Compatible')).toBeHidden();
  await guide.getByText(/^More: slow motion/).click();
  await expect(guide.getByText('Most Compatible')).toBeVisible();
  await expect(guide).toContainText('trim the video to the slowed part');

  // the pose model and camera view: folded below the drop zone, still holding their values
  const options = page.getByTestId('analysis-options');
  const dropBox = (await page.getByTestId('dropzone').boundingBox())!;
  expect((await options.boundingBox())!.y).toBeGreaterThan(dropBox.y + dropBox.height);
  await expect(options).toContainText('BlazePose full');
  await expect(page.getByTestId('model-select')).toBeHidden();
  await expect(page.getByTestId('model-select')).toHaveValue('full');
  await expect(page.getByTestId('view-select')).toHaveValue('auto');
  await options.getByText('Analysis options').click();
  await expect(page.getByTestId('model-select')).toBeVisible();
  await expect(page.getByTestId('view-select')).toBeVisible();
});

test('at 390×844 the drop zone button is on the first screen and nothing is wider than the phone', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openFirstScreen(page);
  await expectInFirstViewport(page, page.getByTestId('dropzone').getByRole('button', { name: 'Choose a video…' }), 'drop zone button');
  await expect(page.getByTestId('filming-guide')).toBeAttached();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.getByTestId('filming-guide-more').locator('summary').click();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test('the sample clip runs the real pipeline and gives a running report at the clip\'s cadence', async ({ page }) => {
  await openFirstScreen(page);
  const before = await page.evaluate(() => window.__stridescope!.runs);
  const t0 = Date.now();
  await page.getByTestId('sample-button').click();
  await page.waitForFunction((n) => window.__stridescope!.runs > n, before, { timeout: 4 * 60_000 });
  const out = await page.evaluate(() => {
    const h = window.__stridescope!;
    return { phase: h.phase, clip: h.result?.clip, analysis: h.result?.analysis as GaitAnalysis | undefined, frames: h.result?.frames.length ?? 0 };
  });
  expect(out.phase).toBe('done');
  const a = out.analysis!;
  const cadence = a.summary.cadence.value!;
  console.log(
    `sample: ${out.clip?.fileName}, ${out.frames} frames, ${((Date.now() - t0) / 1000).toFixed(1)} s to the report; ${a.activity}, ` +
      `cadence ${cadence.toFixed(1)} steps/min (${(((cadence - 169) / 169) * 100).toFixed(1)} % from 169), ${a.events.length} events, ${a.strides.length} strides; ${a.headline.join(' ')}`,
  );
  expect(out.clip?.fileName).toBe('sample-treadmill.mp4');
  expect(a.activity).toBe('running');
  expect(Math.abs(cadence - 169) / 169).toBeLessThanOrEqual(0.05);
  await expect(page.getByTestId('consult-view')).toBeVisible();
  // the first screen makes way for the report
  await expect(page.getByTestId('filming-guide')).toHaveCount(0);
  await expect(page.getByTestId('sample-button')).toHaveCount(0);
});

test.describe('when the sample is not served', () => {
  // page.route does not see requests a service worker answers
  test.use({ serviceWorkers: 'block' });

  test('a sample that cannot be fetched says so; without sample.json there is no sample button', async ({ page }) => {
    await page.route('**/sample/sample-treadmill.mp4', (route) => route.fulfill({ status: 503, body: 'unavailable' }));
    await openFirstScreen(page);
    const before = await page.evaluate(() => window.__stridescope!.runs);
    await page.getByTestId('sample-button').click();
    await expect(page.getByTestId('sample-problem')).toContainText('The sample clip could not be loaded (the server answered 503)');
    expect(await page.evaluate(() => window.__stridescope!.phase)).toBe('idle');
    expect(await page.evaluate(() => window.__stridescope!.runs)).toBe(before);

    await page.route('**/sample/sample.json', (route) => route.fulfill({ status: 404, body: 'not found' }));
    await openApp(page);
    await expect(page.getByTestId('filming-guide')).toBeVisible();
    await page.waitForTimeout(1000);
    await expect(page.getByTestId('sample-clip')).toHaveCount(0);
  });
});

test('the service worker precaches the sample: after one visit it is offered and loads with the network off', async ({ baseURL }) => {
  const ctx = await chromium.launchPersistentContext(freshUserDataDir(), launchOptions({ baseURL, serviceWorkers: 'allow' }));
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  try {
    await openFirstScreen(page);
    const cached = await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.ready;
      for (let i = 0; i < 120; i++) {
        const ready = await new Promise<boolean>((res) => {
          navigator.serviceWorker.addEventListener('message', function on(e) {
            if (e.data?.type !== 'offline-ready') return;
            navigator.serviceWorker.removeEventListener('message', on);
            res(e.data.ready);
          });
          reg.active!.postMessage('offline-ready?');
        });
        if (ready) break;
        await new Promise((res) => setTimeout(res, 500));
      }
      const keys = await caches.keys();
      const c = await caches.open(keys.find((k) => k.startsWith('stridescope-'))!);
      return (await c.keys()).map((r) => new URL(r.url).pathname);
    });
    expect(cached).toContain('/sample/sample.json');
    expect(cached).toContain('/sample/sample-treadmill.mp4');
    await ctx.setOffline(true);
    await page.reload();
    await openFirstScreen(page);
    await page.getByTestId('sample-button').click();
    // the clip was read: the clip card names it (the analysis itself runs offline in offline.spec)
    await expect(page.getByTestId('clip-card')).toContainText('sample-treadmill.mp4');
    await expect(page.getByTestId('sample-problem')).toHaveCount(0);
  } finally {
    await ctx.close();
  }
});
