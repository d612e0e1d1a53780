/**
 * Offline use: after one visit the app is installable (a valid web app manifest, Chromium reports no installability
 * error) and its service worker holds the app shell, the WASM files and the default pose model, so with the network
 * off a reload still opens the app and a full analysis runs.
 */
import { chromium, expect, test } from '@playwright/test';
import { freshUserDataDir, launchOptions } from '../../scripts/lib/chromium.mjs';
import type { GaitAnalysis } from '../../src/core/analysis';
import { analyze, sharedClip } from './helpers';

test('after one visit, a full analysis runs with the network off', async ({ baseURL }) => {
  // a normal (not incognito) profile: Chromium does not offer to install apps in incognito windows
  const ctx = await chromium.launchPersistentContext(freshUserDataDir(), launchOptions({ baseURL, serviceWorkers: 'allow' }));
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  try {
    await page.goto('/');
    await page.waitForFunction(() => window.__stridescope !== undefined);
    // the service worker has installed and holds every file it precaches
    const ready = await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.ready;
      for (let i = 0; i < 120; i++) {
        const r = await new Promise<{ ready: boolean; files: number; version: string }>((res) => {
          const ch = new MessageChannel();
          navigator.serviceWorker.addEventListener('message', function on(e) {
            if (e.data?.type === 'offline-ready') {
              navigator.serviceWorker.removeEventListener('message', on);
              res(e.data);
            }
          });
          reg.active!.postMessage('offline-ready?');
          void ch;
        });
        if (r.ready) return r;
        await new Promise((res) => setTimeout(res, 500));
      }
      return null;
    });
    console.log(`service worker ready: ${JSON.stringify(ready)}`);
    expect(ready?.ready).toBe(true);
    const cached = await page.evaluate(async () => {
      const keys = await caches.keys();
      const c = await caches.open(keys.find((k) => k.startsWith('stridescope-'))!);
      return (await c.keys()).map((r) => new URL(r.url).pathname);
    });
    expect(cached).toContain('/models/blazepose-full.bin');
    expect(cached).toContain('/models/blazepose-detector.bin');
    expect(cached.some((u) => /\.wasm$/.test(u))).toBe(true);
    expect(cached).toContain('/index.html');

    // installable: the manifest parses and Chromium lists no installability error
    const cdp = await ctx.newCDPSession(page);
    const manifest = await cdp.send('Page.getAppManifest');
    expect(manifest.errors).toEqual([]);
    const parsed = JSON.parse(manifest.data ?? '{}') as { name?: string; icons?: { sizes: string }[] };
    expect(parsed.name).toMatch(/StrideScope/);
    expect(parsed.icons?.some((i) => i.sizes === '512x512')).toBe(true);
    const inst = await cdp.send('Page.getInstallabilityErrors');
    console.log(`installability errors: ${JSON.stringify(inst.installabilityErrors)}`);
    expect(inst.installabilityErrors).toEqual([]);

    // network off: the page reloads from the service worker and analyses a clip
    await ctx.setOffline(true);
    await page.reload();
    await page.waitForFunction(() => window.__stridescope !== undefined);
    // really offline: anything the service worker has not cached fails
    const probe = await page.evaluate(() => fetch(`/not-cached-${Date.now()}`).then((r) => `status ${r.status}`, (e: Error) => `failed: ${e.message}`));
    expect(probe).toMatch(/^failed/);
    const r = await analyze(page, sharedClip('overground-side-right-to-left.mp4'));
    expect(r.phase).toBe('done');
    const a = r.result!.analysis as GaitAnalysis;
    expect(a.activity).toBe('running');
    expect(a.events.length).toBeGreaterThanOrEqual(8);
    await expect(page.getByTestId('consult-view')).toBeVisible();
  } finally {
    await ctx.close();
  }
});
