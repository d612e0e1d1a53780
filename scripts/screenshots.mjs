#!/usr/bin/env node
/**
 * npm run screenshots [-- --out DIR] [--only NAME[,NAME…]]
 *
 * Every screenshot in docs/screenshots, from the built app in headless Chromium on the shared clips, as a user would
 * get there (drop a clip, click, type), and the README's report-figures block from the same run of the treadmill
 * clip — so the figures README quotes are the ones the screenshots show (tests/browser/report.spec.ts checks them
 * against the code). Names: first-visit, mid-run, report, player, edit, records, compare, slow-motion, segments, still.
 * Needs ../shared/clips and ffmpeg (the slow-motion clip is made from the treadmill clip at run time).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { buildIfStale, ROOT, startAppServer } from './lib/app-server.mjs';
import { freshUserDataDir, launchOptions } from './lib/chromium.mjs';

const args = process.argv.slice(2);
const arg = (k) => (args.includes(k) ? args[args.indexOf(k) + 1] : null);
const outDir = resolve(arg('--out') ?? join(ROOT, 'docs', 'screenshots'));
const only = arg('--only')?.split(',') ?? null;
const want = (name) => !only || only.includes(name);
const CLIPS = join(ROOT, '..', 'shared', 'clips');
const TREADMILL = join(CLIPS, 'treadmill-side-left.mp4');
const OVERGROUND = join(CLIPS, 'overground-side-right-to-left.mp4');
mkdirSync(outDir, { recursive: true });

const shot = async (page, name, opts = {}) => {
  const file = join(outDir, `${name}.png`);
  await page.screenshot({ path: file, ...opts });
  console.log(file);
  return file;
};

/** Waits until every thumbnail in view has its picture (they are decoded lazily, one at a time). */
async function thumbsDrawn(page, timeout = 60_000) {
  await page
    .waitForFunction(
      () =>
        [...document.querySelectorAll('canvas.thumb')]
          .filter((c) => {
            const r = c.getBoundingClientRect();
            return r.bottom > 0 && r.top < innerHeight;
          })
          .every((c) => c.dataset.drawn !== undefined),
      null,
      { timeout },
    )
    .catch(() => console.warn('  (some thumbnails were still being decoded)'));
}

async function playerDrawn(page) {
  const want = await page.getByTestId('frame-index').first().textContent();
  await page.waitForFunction((f) => document.querySelector('[data-testid=player-canvas]')?.getAttribute('data-frame') === f, want, { timeout: 30_000 }).catch(() => {});
}

async function open(server, w, h, touch = w < 600) {
  const ctx = await chromium.launchPersistentContext(freshUserDataDir(), launchOptions({ viewport: { width: w, height: h }, hasTouch: touch, isMobile: touch, deviceScaleFactor: 1, acceptDownloads: true }));
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  await page.goto(server.url);
  await page.waitForFunction(() => window.__stridescope !== undefined);
  return { ctx, page };
}

/** Drops a clip through the page's own file input and waits for its report; resolves with the run's result. */
async function analyse(page, clip, { midRun = null } = {}) {
  const before = await page.evaluate(() => window.__stridescope.runs);
  await page.setInputFiles('[data-testid=file-input]', clip);
  if (midRun) {
    await page.waitForFunction(() => Number(document.querySelector('[role=progressbar]')?.getAttribute('aria-valuenow') ?? 0) > 35, null, { timeout: 300_000 });
    await page.waitForSelector('[data-testid=live-preview] canvas');
    await page.waitForTimeout(400);
    await midRun();
  }
  await page.waitForFunction((n) => window.__stridescope.runs > n, before, { timeout: 600_000 });
  await page.waitForTimeout(500);
  return page.evaluate(() => window.__stridescope.result);
}

buildIfStale();
const server = await startAppServer();
let figures = null;
try {
  // ---- first visit and mid-run, both sizes; the report, its player and the event editor
  for (const [w, h] of [
    [1440, 900],
    [390, 844],
  ]) {
    const size = `${w}x${h}`;
    const { ctx, page } = await open(server, w, h);
    try {
      if (want('first-visit')) {
        await page.getByTestId('storage-state').waitFor();
        await page.getByTestId('sample-button').waitFor().catch(() => {});
        await shot(page, `first-visit-${size}`);
      }
      if (!(want('mid-run') || want('report') || want('player') || want('edit') || want('records') || want('still') || want('compare'))) continue;
      await page.getByTestId('patient-label').fill('PT-0042');
      const result = await analyse(page, TREADMILL, { midRun: want('mid-run') ? () => shot(page, `mid-run-${size}`) : null });
      if (w === 1440) figures = result.analysis;
      await page.evaluate(() => scrollTo(0, 0));
      await thumbsDrawn(page);
      if (want('report')) await shot(page, `report-${size}`);
      if (want('report') && w === 1440) {
        await page.locator('#report-measures').scrollIntoViewIfNeeded();
        await page.evaluate(() => document.getElementById('report-measures').scrollIntoView());
        await thumbsDrawn(page);
        await shot(page, `report-measures-${size}`);
      }
      // a frame to look at, opened in the player
      await page.getByTestId('look-thumb').first().click();
      await page.waitForTimeout(900);
      await playerDrawn(page);
      if (want('player')) await shot(page, `report-player-${size}`);
      if (want('edit')) {
        // select the contact on this frame in the editor's strip and move it two frames later
        const frame = await page.getByTestId('frame-index').first().textContent();
        const mark = page.locator(`[data-testid=strip-mark][data-type=IC][data-frame="${frame}"]`).first();
        await mark.scrollIntoViewIfNeeded();
        await mark.click();
        for (let i = 0; i < 2; i++) await page.getByTestId('ee-later').click();
        await page.getByTestId('corrected-banner').waitFor();
        await page.waitForTimeout(600);
        await page.evaluate(() => document.getElementById('report-player').scrollIntoView());
        await playerDrawn(page);
        await shot(page, `edit-events-${size}`);
        await page.getByTestId('ee-reset').click();
        await page.getByTestId('corrected-banner').waitFor({ state: 'detached' });
      }
      if (w !== 1440) continue;
      if (want('still')) {
        const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-still').click()]);
        const png = await dl.path();
        const file = join(outDir, 'export-still-480.png');
        execFileSync('ffmpeg', ['-y', '-loglevel', 'error', '-i', png, '-vf', 'scale=-2:480', file]);
        console.log(file);
      }
      if (want('records')) {
        await page.getByTestId('record-notes').fill('Heel strikes on a nearly straight knee at every contact; advised a shorter stride.');
        await page.getByTestId('record-with-video').check();
        await page.getByTestId('record-save').click();
        await page.getByTestId('record-save-state').waitFor();
        await page.getByTestId('records-toggle').click();
        await page.getByTestId('record-item').first().waitFor();
        await page.evaluate(() => document.querySelector('[data-testid=records]').scrollIntoView({ block: 'center' }));
        await page.waitForTimeout(300);
        await shot(page, 'records-1440x900');
      }
      if (want('compare')) {
        await page.getByTestId('add-second').click();
        await page.setInputFiles('[data-testid=file-input-2]', OVERGROUND);
        await page.waitForFunction(() => window.__stridescope?.second?.phase === 'done', null, { timeout: 600_000 });
        await page.evaluate(() => document.querySelector('[data-testid=compare-view]').scrollIntoView());
        await page.waitForTimeout(1500);
        await shot(page, 'compare-sessions-1440x900');
      }
    } finally {
      await ctx.close();
    }
  }

  // ---- slow motion: 6 s of the treadmill clip played 2× slower
  if (want('slow-motion')) {
    const dir = mkdtempSync(join(tmpdir(), 'stridescope-shots-'));
    const slow = join(dir, 'treadmill-slow2x.mp4');
    execFileSync('ffmpeg', ['-y', '-loglevel', 'error', '-ss', '6', '-t', '6', '-i', TREADMILL, '-vf', 'setpts=2*PTS', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-an', '-r', '30', slow]);
    const { ctx, page } = await open(server, 1440, 900);
    try {
      await analyse(page, slow);
      await page.getByTestId('slow-motion').scrollIntoViewIfNeeded();
      await shot(page, 'slow-motion-1440x900');
    } finally {
      await ctx.close();
    }
  }

  if (want('segments')) {
    // a clip in two shots: 6 s of the treadmill runner, a hard cut, then the overground pass in the same portrait frame
    const dir = mkdtempSync(join(tmpdir(), 'stridescope-shots-'));
    const x264 = ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '18', '-pix_fmt', 'yuv420p', '-an', '-r', '30'];
    const [a, b, cut] = ['a.mp4', 'b.mp4', 'two-shots.mp4'].map((f) => join(dir, f));
    execFileSync('ffmpeg', ['-y', '-loglevel', 'error', '-t', '6', '-i', TREADMILL, ...x264, a]);
    execFileSync('ffmpeg', ['-y', '-loglevel', 'error', '-i', OVERGROUND, '-vf', 'scale=720:-2,pad=720:1280:0:(oh-ih)/2', ...x264, b]);
    execFileSync('ffmpeg', ['-y', '-loglevel', 'error', '-i', a, '-i', b, '-filter_complex', '[0:v][1:v]concat=n=2:v=1[v]', '-map', '[v]', ...x264, cut]);
    for (const [w, h] of [[1440, 900], [390, 844]]) {
      const { ctx, page } = await open(server, w, h);
      try {
        await analyse(page, cut);
        await page.getByTestId('segments').scrollIntoViewIfNeeded();
        await thumbsDrawn(page);
        await shot(page, `segments-${w}x${h}`);
      } finally {
        await ctx.close();
      }
    }
  }

  // ---- README: the figures of the treadmill clip's report, as the screenshots show them
  if (figures) {
    // the figures come from the same TypeScript as the page's (loaded through Vite, no separate build)
    const { createServer } = await import('vite');
    const vite = await createServer({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), server: { middlewareMode: true }, appType: 'custom', logLevel: 'silent' });
    const { reportFigures, figuresBlock } = await vite.ssrLoadModule('/src/app/report/figures.ts');
    await vite.close();
    const readmePath = join(ROOT, 'README.md');
    const readme = readFileSync(readmePath, 'utf8');
    const start = readme.indexOf('<!-- report-figures:');
    const end = readme.indexOf('<!-- /report-figures -->');
    if (start < 0 || end < 0) throw new Error('README.md has no report-figures block');
    const block = figuresBlock('treadmill-side-left.mp4', reportFigures(figures), 'The report of `../shared/clips/treadmill-side-left.mp4` (BlazePose full), as the screenshots above show it:');
    writeFileSync(readmePath, readme.slice(0, start) + block + readme.slice(end + '<!-- /report-figures -->'.length));
    console.log('README.md: report figures written');
  }
} finally {
  await server.close();
}
