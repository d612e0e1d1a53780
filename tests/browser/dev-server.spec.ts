/** `npm start` serves the dev server: the same analysis must run there (React's dev double-mount, Vite's dep optimizer). */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { analyze, ROOT, sharedClip } from './helpers';

const PORT = 5175;
let server: ChildProcess | null = null;

test.beforeAll(async () => {
  server = spawn(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], {
    cwd: ROOT,
    stdio: 'ignore',
  });
  let exited: number | null = null;
  server.on('exit', (code) => (exited = code ?? -1));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited !== null) throw new Error(`dev server exited with ${exited}`);
    if (Date.now() > deadline) throw new Error('dev server did not answer within 60 s');
    const ok = await fetch(`http://127.0.0.1:${PORT}/`).then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 300));
  }
});

test.afterAll(() => {
  server?.kill();
});

test('the dev server (npm start) is cross-origin isolated and runs a whole analysis', async ({ page }) => {
  await page.goto(`http://127.0.0.1:${PORT}/`);
  await page.waitForFunction(() => window.__stridescope !== undefined, null, { timeout: 60_000 });
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  const r = await analyze(page, sharedClip('small-runner-side.mp4'));
  expect(r.phase, JSON.stringify(r.error)).toBe('done');
  expect(r.result!.frames).toHaveLength(47);
  expect(r.result!.backend.id).toBe('wasm');
  await expect(page.getByTestId('player')).toBeVisible();
});
