/**
 * Records on the device (IndexedDB), on a real clip: a saved record survives a reload and a browser restart (same
 * profile), reopens without running the model, survives a reload in the middle of another analysis, and a restored
 * backup equals the original; filling the storage quota gives a clear message and damages no saved record.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type BrowserContext, type Page } from '@playwright/test';
import type { GaitAnalysis } from '../../src/core/analysis';
import { freshUserDataDir, launchOptions } from '../../scripts/lib/chromium.mjs';
import { analyze, openApp, sharedClip } from './helpers';
import { openRecords, storedRecords } from './pageData';

const BASE = `http://127.0.0.1:${process.env.STRIDESCOPE_PORT ?? 4173}`;

async function launch(dir: string): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await chromium.launchPersistentContext(dir, launchOptions({ baseURL: BASE, acceptDownloads: true }));
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  return { ctx, page };
}

async function saveCurrent(page: Page, withVideo: boolean) {
  if (withVideo) await page.getByTestId('record-with-video').check();
  await page.getByTestId('record-save').click();
  await expect(page.getByTestId('record-save-state')).toContainText(/Saved on this device/);
}

test('a saved record survives a reload, a reload mid-analysis and a browser restart, and reopens without the model; a backup restores it exactly', async () => {
  const dir = freshUserDataDir();
  let { ctx, page } = await launch(dir);
  try {
    await openApp(page);
    await page.getByTestId('patient-label').fill('PT-0007');
    const r = await analyze(page, sharedClip('overground-side-right-to-left.mp4'));
    const a = r.result!.analysis as GaitAnalysis;
    await page.getByTestId('record-notes').fill('heel strike, knee 20°');
    await saveCurrent(page, true);
    const saved = await storedRecords(page);
    expect(saved.records).toHaveLength(1);
    expect(Object.keys(saved.videos)).toHaveLength(1);
    expect(Number(Object.values(saved.videos)[0].split(':')[0])).toBe(readFileSync(sharedClip('overground-side-right-to-left.mp4')).length);

    // reload: the record is listed and reopens without running the model (no progress, events as saved, frames drawn)
    await page.reload();
    await page.waitForFunction(() => window.__stridescope !== undefined);
    await openRecords(page);
    await expect(page.getByTestId('record-item')).toHaveCount(1);
    await expect(page.getByTestId('record-label')).toHaveText('PT-0007');
    await page.getByTestId('record-open').click();
    await expect(page.getByTestId('consult-view')).toBeVisible();
    await expect(page.getByTestId('progress')).toHaveCount(0);
    await expect(page.getByTestId('event-mark')).toHaveCount(a.events.length);
    await expect(page.getByTestId('patient-label')).toHaveValue('PT-0007');
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('player-canvas')).toHaveAttribute('data-frame', '1', { timeout: 15_000 });
    expect(await page.evaluate(() => window.__stridescope!.summary)).toBeNull(); // nothing was run

    // a reload in the middle of another analysis loses nothing saved
    await page.setInputFiles('[data-testid=file-input]', sharedClip('treadmill-side-left.mp4'));
    await page.waitForFunction(() => Number(document.querySelector('[role=progressbar]')?.getAttribute('aria-valuenow') ?? 0) > 15, null, { timeout: 120_000 });
    await page.reload();
    await page.waitForFunction(() => window.__stridescope !== undefined);
    expect(await storedRecords(page)).toEqual(saved);

    // browser restart, same profile
    await ctx.close();
    ({ ctx, page } = await launch(dir));
    await openApp(page);
    expect(await storedRecords(page)).toEqual(saved);
    await openRecords(page);
    await page.getByTestId('record-open').click();
    await expect(page.getByTestId('event-mark')).toHaveCount(a.events.length);

    // back up, delete (confirmed), restore: the same record and the same video bytes
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('record-backup').click()]);
    const backup = await dl.path();
    await page.getByTestId('record-delete').click();
    await page.getByTestId('record-delete-yes').click();
    await expect(page.getByTestId('record-item')).toHaveCount(0);
    expect((await storedRecords(page)).records).toHaveLength(0);
    await page.setInputFiles('[data-testid=restore-input]', backup!);
    await expect(page.getByTestId('record-item')).toHaveCount(1);
    expect(await storedRecords(page)).toEqual(saved);
  } finally {
    await ctx.close();
  }
});

/**
 * The quota is real: the profile lives on a 96 MB tmpfs (mounted for the test; needs root, as in CI), and after the
 * first record is saved the rest of the disk is filled with a file, so the browser's own QuotaExceededError comes
 * after a few more saves. (DevTools' Storage.overrideQuotaForOrigin was tried first: Chromium 156 accepts it and then
 * ignores it.)
 */
test('filling the storage quota gives a clear message and damages no saved record', async () => {
  const mnt = mkdtempSync(join(tmpdir(), 'stridescope-small-disk-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=96m', 'tmpfs', mnt]);
  let ctx: BrowserContext | null = null;
  try {
    ({ ctx } = await launch(join(mnt, 'profile')));
    const page = ctx.pages()[0];
    await openApp(page);
    await page.getByTestId('patient-label').fill('PT-first');
    await analyze(page, sharedClip('overground-side-right-to-left.mp4'));
    await saveCurrent(page, true);
    const before = await storedRecords(page);
    // leave about 6 MB free on the profile's disk
    const free = statfsSync(mnt).bavail * statfsSync(mnt).bsize;
    writeFileSync(join(mnt, 'filler'), Buffer.alloc(Math.max(0, free - 6 * 1024 * 1024)));
    await page.getByTestId('patient-label').fill('PT-more');
    let message = '';
    for (let i = 0; i < 12 && !message; i++) {
      // each save is a new record holding the video (about 1 MB)
      await page.getByTestId('record-save-new').click();
      await expect(page.getByTestId('record-save-new')).toBeEnabled();
      const state = page.getByTestId('record-save-state');
      await expect(state).toBeVisible();
      const t = (await state.textContent()) ?? '';
      console.log(`save ${i}: ${t.slice(0, 120)}`);
      if (/no room left/.test(t)) message = t;
    }
    expect(message).toMatch(/no room left.*Nothing was changed.*records already saved are intact/);
    await expect(page.getByTestId('record-save-state')).toHaveAttribute('role', 'alert');
    const after = await storedRecords(page);
    // the first record is untouched, and every record that was saved is whole (its video is there)
    expect(after.records.find((r) => r.id === before.records[0].id)).toEqual(before.records[0]);
    expect(after.videos[`${before.records[0].id}:0`]).toBe(before.videos[`${before.records[0].id}:0`]);
    for (const r of after.records) expect(Object.keys(after.videos)).toContain(`${r.id}:0`);
    // and the list still opens the first record
    await openRecords(page);
    await page.locator(`[data-testid=record-item][data-id="${before.records[0].id}"] [data-testid=record-open]`).click();
    await expect(page.getByTestId('patient-label')).toHaveValue('PT-first');
  } finally {
    await ctx?.close();
    execFileSync('umount', [mnt]);
  }
});

test('two records of one patient open side by side as before and after', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('patient-label').fill('PT-0009');
  await page.getByTestId('session-date').fill('2026-01-10');
  const r = await analyze(page, sharedClip('overground-side-right-to-left.mp4'));
  await saveCurrent(page, false);
  // a later session of the same patient (here the same clip saved again under a later date)
  await page.getByTestId('session-date').fill('2026-03-02');
  await page.getByTestId('record-save-new').click();
  await expect(page.getByTestId('record-save-state')).toContainText(/Saved on this device/);
  await page.reload();
  await page.waitForFunction(() => window.__stridescope !== undefined);
  await openRecords(page);
  await expect(page.getByTestId('record-item')).toHaveCount(2);
  // search and rename
  await page.getByTestId('records-search').fill('2026-03');
  await expect(page.getByTestId('record-item')).toHaveCount(1);
  await page.getByTestId('records-search').fill('');
  await expect(page.getByTestId('record-item')).toHaveCount(2);
  await page.getByTestId('record-rename').nth(0).click();
  await page.getByTestId('rename-input').fill('PT-0009 ');
  await page.getByTestId('rename-input').press('Enter');
  await expect(page.getByTestId('record-label').nth(0)).toHaveText('PT-0009');
  const picks = page.getByTestId('record-pick');
  await picks.nth(0).check();
  await expect(page.getByTestId('compare-pick')).toContainText(/Pick a second record/);
  await picks.nth(1).check();
  await expect(page.getByTestId('compare-pick')).toContainText('Compare 2026-01-10 (before) with 2026-03-02 (after)');
  await page.getByTestId('records-compare').click();
  await expect(page.getByTestId('compare-view')).toHaveAttribute('data-kind', 'sessions');
  await expect(page.getByTestId('deltas')).toBeVisible();
  await expect(page.getByTestId('delta-cadence').getByTestId('delta-value')).toHaveText('0');
  const events = (r.result!.analysis as GaitAnalysis).events.length;
  await expect(page.getByTestId('compare-col-0').getByTestId('event-mark')).toHaveCount(events);
  await expect(page.getByTestId('compare-col-1').getByTestId('event-mark')).toHaveCount(events);
  await expect(page.getByTestId('patient-label')).toHaveValue('PT-0009');
});

test('an analysis interrupted by a reload can be resumed (the poses found are kept) or discarded', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('patient-label').fill('PT-0011');
  const clip = sharedClip('treadmill-side-left.mp4');
  await page.setInputFiles('[data-testid=file-input]', clip);
  await page.waitForFunction(() => Number(document.querySelector('[role=progressbar]')?.getAttribute('aria-valuenow') ?? 0) > 35, null, { timeout: 180_000 });
  await page.waitForTimeout(2600); // at least one draft saved after that point
  await page.reload();
  await page.waitForFunction(() => window.__stridescope !== undefined);
  const banner = page.getByTestId('draft-banner');
  await expect(banner).toContainText('treadmill-side-left.mp4');
  await expect(banner).toContainText('PT-0011');
  const kept = Number(/interrupted at frame (\d+)/.exec((await banner.textContent()) ?? '')![1]);
  expect(kept).toBeGreaterThan(100);
  const draftFrames = await page.evaluate(async () => {
    const db: IDBDatabase = await new Promise((res, rej) => {
      const r = indexedDB.open('stridescope');
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    // the draft is stored in chunks ('chunk:<first frame>') plus a header ('current') that says how many are saved
    const store = db.transaction('drafts').objectStore('drafts');
    const get = <T,>(r: IDBRequest<T>) =>
      new Promise<T>((res, rej) => {
        r.onsuccess = () => res(r.result);
        r.onerror = () => rej(r.error);
      });
    const head = await get(store.get('current') as IDBRequest<{ saved: number }>);
    const keys = ((await get(store.getAllKeys())) as string[]).filter((k) => k.startsWith('chunk:')).sort();
    const frames: unknown[] = [];
    for (const k of keys) frames.push(...(await get(store.get(k) as IDBRequest<unknown[]>)));
    db.close();
    return frames.slice(0, head.saved);
  });
  expect(draftFrames).toHaveLength(kept);

  // the wrong file is refused plainly
  await page.setInputFiles('[data-testid=resume-input]', sharedClip('overground-side-right-to-left.mp4'));
  await expect(page.getByTestId('draft-problem')).toContainText('not the interrupted clip');
  // the same file resumes: the poses already found are kept as they were, the rest is estimated
  await page.setInputFiles('[data-testid=resume-input]', clip);
  await page.waitForFunction(() => window.__stridescope?.phase === 'done', null, { timeout: 10 * 60_000 });
  const r = await page.evaluate(() => window.__stridescope!.result!);
  expect(r.frames).toHaveLength(360);
  expect(r.frames.slice(0, kept)).toEqual(draftFrames);
  expect(r.frames[kept + 5].keypoints).not.toBeNull();
  expect((r.analysis as GaitAnalysis).activity).toBe('running');
  expect(await page.evaluate(() => window.__stridescope!.summary!.notes.join(' '))).toContain(`the first ${kept} frames were kept`);
  await expect(page.getByTestId('patient-label')).toHaveValue('PT-0011');
  await page.reload();
  await page.waitForFunction(() => window.__stridescope !== undefined);
  await expect(page.getByTestId('draft-banner')).toHaveCount(0); // finished: no draft left

  // interrupted again (the 12 s clip: still running after the wait), then discarded
  await page.setInputFiles('[data-testid=file-input]', clip);
  await page.waitForFunction(() => Number(document.querySelector('[role=progressbar]')?.getAttribute('aria-valuenow') ?? 0) > 10, null, { timeout: 180_000 });
  await page.waitForTimeout(2600);
  await page.reload();
  await page.waitForFunction(() => window.__stridescope !== undefined);
  await expect(page.getByTestId('draft-banner')).toBeVisible();
  await page.getByTestId('draft-discard').click();
  await expect(page.getByTestId('draft-banner')).toHaveCount(0);
  await page.reload();
  await page.waitForFunction(() => window.__stridescope !== undefined);
  await expect(page.getByTestId('draft-banner')).toHaveCount(0);
});
