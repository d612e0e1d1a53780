/**
 * What a page hands out, read back the way a user would get it (downloads) or as it is stored (IndexedDB); shared by
 * the specs that check exports and records.
 */
import { readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';

/** Clicks the control with `testId` and returns the file it downloads (its suggested name and bytes). */
export async function downloadOf(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByTestId(testId).click()]);
  const path = await dl.path();
  return { name: dl.suggestedFilename(), bytes: readFileSync(path!) };
}

/** All records as stored (IndexedDB), and a digest (size:SHA-256) of every stored video, keyed as stored. */
export async function storedRecords<R = { id: string; patientLabel: string }>(page: Page): Promise<{ records: R[]; videos: Record<string, string> }> {
  const stored = await page.evaluate(async () => {
    const db: IDBDatabase = await new Promise((res, rej) => {
      const r = indexedDB.open('stridescope');
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    const get = <T,>(store: string, fn: (s: IDBObjectStore) => IDBRequest<T>) =>
      new Promise<T>((res, rej) => {
        const r = fn(db.transaction(store).objectStore(store));
        r.onsuccess = () => res(r.result);
        r.onerror = () => rej(r.error);
      });
    const records = await get<unknown[]>('records', (s) => s.getAll());
    const keys = await get<IDBValidKey[]>('videos', (s) => s.getAllKeys());
    const videos: Record<string, string> = {};
    for (const k of keys) {
      const b = await get<Blob>('videos', (s) => s.get(k));
      const h = await crypto.subtle.digest('SHA-256', await b.arrayBuffer());
      videos[String(k)] = `${b.size}:${[...new Uint8Array(h)].map((x) => x.toString(16).padStart(2, '0')).join('')}`;
    }
    db.close();
    return { records, videos };
  });
  return stored as { records: R[]; videos: Record<string, string> };
}

/** Opens the records panel (if it is not open already). */
export async function openRecords(page: Page): Promise<void> {
  const toggle = page.getByTestId('records-toggle');
  await expect(toggle).toBeVisible();
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
}
