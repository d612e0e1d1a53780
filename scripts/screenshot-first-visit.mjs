#!/usr/bin/env node
/**
 * node scripts/screenshot-first-visit.mjs [--out DIR] [--open-more]
 *
 * The first screen a new visitor sees (no records, no clip yet), at 1440×900 and 390×844, from the built app in
 * headless Chromium: DIR/first-visit-1440x900.png and DIR/first-visit-390x844.png (DIR: docs/screenshots).
 * --open-more also unfolds the filming guide's details and takes the whole page (for reviewing them; not what a
 * visitor sees first).
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { buildIfStale, ROOT, startAppServer } from './lib/app-server.mjs';
import { freshUserDataDir, launchOptions } from './lib/chromium.mjs';

const args = process.argv.slice(2);
const outIdx = args.indexOf('--out');
const outDir = resolve(outIdx >= 0 ? args[outIdx + 1] : join(ROOT, 'docs', 'screenshots'));
const openMore = args.includes('--open-more');
mkdirSync(outDir, { recursive: true });

buildIfStale();
const server = await startAppServer();
try {
  for (const [w, h] of [
    [1440, 900],
    [390, 844],
  ]) {
    const ctx = await chromium.launchPersistentContext(freshUserDataDir(), launchOptions({ viewport: { width: w, height: h } }));
    try {
      const page = ctx.pages()[0] ?? (await ctx.newPage());
      await page.goto(server.url);
      await page.waitForFunction(() => window.__stridescope !== undefined);
      await page.getByTestId('sample-button').waitFor();
      await page.getByTestId('storage-state').waitFor();
      if (openMore) await page.getByTestId('filming-guide-more').locator('summary').click();
      await page.waitForTimeout(300);
      const file = join(outDir, `first-visit-${w}x${h}${openMore ? '-more' : ''}.png`);
      await page.screenshot({ path: file, fullPage: openMore });
      console.log(file);
    } finally {
      await ctx.close();
    }
  }
} finally {
  await server.close();
}
