/**
 * The pose engine is chosen by measuring at start-up (issue: speed): WASM and every GPU backend the browser offers
 * are timed on the pose model; a GPU one is used only when it is clearly faster. Here the only GL is SwiftShader
 * (software), so WASM must win by measurement, and the page must say so with the figures.
 */
import { expect, test, type Page } from '@playwright/test';
import type { BackendDecision } from '../../src/pipeline/backendChoice';
import { GPU_MIN_SPEEDUP } from '../../src/pipeline/backendChoice';
import { analyze, openApp, sharedClip } from './helpers';

async function decision(page: Page): Promise<BackendDecision> {
  let d: BackendDecision | null = null;
  await expect.poll(async () => (d = await page.evaluate(() => window.__stridescope!.backendDecision!())), { timeout: 90_000, intervals: [500] }).not.toBeNull();
  return d!;
}

test('the pose engine is measured once the page is idle, a software GL loses to WASM by measurement, and the page shows the figures', async ({ page, context }) => {
  await openApp(page);
  const d = await decision(page);
  console.log(`engine decision: ${d.reason}`);
  expect(d.id).toBe('wasm');
  const [wasm, ...gpus] = d.measured;
  expect(wasm.id).toBe('wasm');
  expect(wasm.msPerFrame).toBeGreaterThan(0);
  // this machine's browser offers WebGL on SwiftShader: measured, and slower (or no figure in its time)
  expect(gpus.map((g) => g.id)).toContain('webgl');
  for (const g of gpus) {
    if (g.msPerFrame !== null) expect(g.msPerFrame).toBeGreaterThan(wasm.msPerFrame! / GPU_MIN_SPEEDUP);
    else expect(g.problem).toMatch(/no result within|failed/);
  }

  // the run uses the decision and the page says why
  const r = await analyze(page, sharedClip('small-runner-side.mp4'));
  expect(r.summary!.backend.id).toBe('wasm');
  expect(r.summary!.backend.note).toContain(d.reason);
  await expect(page.getByTestId('engine-note')).toContainText('measured at start-up: WASM:');

  // remembered on this device: a new page has the same decision without measuring again
  const again = await context.newPage();
  await openApp(again);
  const d2 = await decision(again);
  expect(d2.measuredAt).toBe(d.measuredAt);
});
