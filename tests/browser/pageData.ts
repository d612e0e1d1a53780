/**
 * What a page hands out, read back the way a user would get it (downloads) or as it is stored (IndexedDB); shared by
 * the specs that check exports and records.
 */
import { readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';
import type { GaitAnalysis } from '../../src/core/analysis';

/** Clicks the control with `testId` and returns the file it downloads (its suggested name and bytes). */
export async function downloadOf(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByTestId(testId).click()]);
  const path = await dl.path();
  return { name: dl.suggestedFilename(), bytes: readFileSync(path!) };
}

/**
 * All records as stored (IndexedDB), and a digest (size:SHA-256) of every stored video, keyed as stored.
 * `slim`: each clip's result reduced to its analysis' events (type, foot, frame) — what a test checks many times over
 * without copying every pose out of the page each time.
 */
export async function storedRecords<R = { id: string; patientLabel: string }>(page: Page, { slim = false } = {}): Promise<{ records: R[]; videos: Record<string, string> }> {
  const stored = await page.evaluate(async (slim) => {
    const db: IDBDatabase = await new Promise((res, rej) => {
      const r = indexedDB.open('stridescope');
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    // one transaction: records and videos as one consistent state, even while the page is writing
    const tx = db.transaction(['records', 'videos']);
    const get = <T,>(r: IDBRequest<T>) =>
      new Promise<T>((res, rej) => {
        r.onsuccess = () => res(r.result);
        r.onerror = () => rej(r.error);
      });
    type Clip = { result: { analysis: { events: { type: string; foot: string; frame: number }[] } | null } };
    const [all, keys, blobs] = await Promise.all([
      get(tx.objectStore('records').getAll() as IDBRequest<{ clips: Clip[] }[]>),
      get(tx.objectStore('videos').getAllKeys()),
      get(tx.objectStore('videos').getAll() as IDBRequest<Blob[]>),
    ]);
    const records = !slim
      ? all
      : all.map((r) => ({
          ...r,
          clips: r.clips.map((c) => ({ ...c, result: { analysis: { events: (c.result.analysis?.events ?? []).map((e) => ({ type: e.type, foot: e.foot, frame: e.frame })) } } })),
        }));
    const videos: Record<string, string> = {};
    for (let i = 0; i < keys.length; i++) {
      const h = await crypto.subtle.digest('SHA-256', await blobs[i].arrayBuffer());
      videos[String(keys[i])] = `${blobs[i].size}:${[...new Uint8Array(h)].map((x) => x.toString(16).padStart(2, '0')).join('')}`;
    }
    db.close();
    return { records, videos };
  }, slim);
  return stored as { records: R[]; videos: Record<string, string> };
}

/** Opens the records panel (if it is not open already). */
export async function openRecords(page: Page): Promise<void> {
  const toggle = page.getByTestId('records-toggle');
  await expect(toggle).toBeVisible();
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
}

/**
 * The timeline's x (in its SVG's pixels) of a sub-frame time, calibrated from the marks of the clip's first and last
 * events (each drawn at its event's sub-frame time).
 */
export async function timelineScale(page: Page, a: GaitAnalysis): Promise<{ xOf(subFrame: number): number; pxPerFrame: number }> {
  const markX = (e: GaitAnalysis['events'][number]) =>
    page
      .locator(`[data-testid=event-mark][data-frame="${e.frame}"][data-foot="${e.foot}"][data-type="${e.type}"]`)
      .first()
      .evaluate((el) => Number(/translate\(([-\d.]+)/.exec(el.getAttribute('transform') ?? '')![1]));
  const e1 = a.events[0];
  const e2 = a.events[a.events.length - 1];
  const x1 = await markX(e1);
  const pxPerFrame = ((await markX(e2)) - x1) / (e2.subFrame - e1.subFrame);
  return { xOf: (sub) => x1 + (sub - e1.subFrame) * pxPerFrame, pxPerFrame };
}
