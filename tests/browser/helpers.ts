import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { analyzeInPage, type InPageOutcome } from '../../scripts/lib/run-in-page.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Real clips and their hand labels live beside the checkout, never in the repository. */
export const SHARED_CLIPS = join(ROOT, '..', 'shared', 'clips');

export function sharedClip(name: string): string {
  const p = join(SHARED_CLIPS, name);
  if (!existsSync(p)) throw new Error(`missing test clip ${p}: the ../shared folder must sit beside the checkout`);
  return p;
}

export function scratchDir(): string {
  return mkdtempSync(join(tmpdir(), 'stridescope-test-'));
}

export async function openApp(page: Page): Promise<void> {
  await page.goto('/');
  await page.waitForFunction(() => window.__stridescope !== undefined);
}

/** Chooses the clip through the page's own file input and waits until the run ends. */
export function analyze(page: Page, clip: string, options: { model?: string; view?: string } = {}): Promise<InPageOutcome> {
  // @playwright/test's Page and playwright-core's Page are the same class at run time.
  return analyzeInPage(page as never, clip, { timeoutMs: 10 * 60_000, ...options });
}

export function meanScore(kps: { score: number }[]): number {
  return kps.reduce((s, k) => s + k.score, 0) / kps.length;
}
