/**
 * Drives the real page in headless Chromium: chooses a clip through the page's own file input and waits for the
 * pipeline (decode → pose → analyze) to finish. Used by `npm run analyze` and `npm run bench`.
 */
import { chromium } from 'playwright-core';
import { freshUserDataDir, launchOptions } from './chromium.mjs';

export async function openBrowser() {
  const dir = freshUserDataDir();
  const context = await chromium.launchPersistentContext(dir, launchOptions());
  return { context, dir };
}

export async function openApp(context, url) {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(url);
  await page.waitForFunction(() => window.__stridescope !== undefined, null, { timeout: 30_000 });
  return page;
}

/** Runs one clip through the page; resolves with { phase, result, error, summary, frameCount, wallMs }. */
export async function analyzeInPage(page, clipPath, { model = 'full', view = 'auto', captureFps = null, timeoutMs = 30 * 60_000, onProgress, wholeLongClips = false, fetchResult = true } = {}) {
  const before = await page.evaluate(() => window.__stridescope.runs);
  // the page asks which part of a clip over 3 minutes to analyse; batch use analyses it whole instead.
  // captureFps: a slow-motion clip's capture rate (null: none; always set, so one run's rate never carries to the next)
  await page.evaluate((o) => window.__stridescope.setOptions(o), { model, view, askLongClips: !wholeLongClips, captureFps: captureFps ?? null });
  await page.waitForFunction((o) => {
    const m = document.querySelector('[data-testid=model-select]');
    const v = document.querySelector('[data-testid=view-select]');
    return m?.value === o.model && v?.value === o.view;
  }, { model, view });
  const t0 = Date.now();
  await page.setInputFiles('[data-testid=file-input]', clipPath);
  const deadline = t0 + timeoutMs;
  for (;;) {
    const state = await page.evaluate(() => {
      const p = document.querySelector('[data-testid=progress] [role=progressbar]');
      return { runs: window.__stridescope.runs, done: p?.getAttribute('aria-valuenow') ?? null };
    });
    if (state.runs > before) break;
    if (onProgress && state.done !== null) onProgress(Number(state.done));
    if (Date.now() > deadline) throw new Error(`analysis of ${clipPath} did not finish within ${timeoutMs / 1000} s`);
    await page.waitForTimeout(100);
  }
  // fetchResult: false leaves the result in the page (copying 3600 frames out makes ~300 MB of garbage in it, which
  // a memory benchmark would otherwise count as the app's)
  const out = await page.evaluate((full) => {
    const h = window.__stridescope;
    return { phase: h.phase, result: full ? h.result : null, error: h.error, summary: h.summary, frameCount: h.result?.frames.length ?? 0 };
  }, fetchResult);
  return { ...out, wallMs: Date.now() - t0 };
}
