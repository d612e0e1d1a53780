import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './scripts/lib/chromium.mjs';

/** STRIDESCOPE_PORT: a second checkout (a git worktree) can run its browser tests beside this one. */
const PORT = Number(process.env.STRIDESCOPE_PORT ?? 4173);

export default defineConfig({
  // tests/pending holds acceptance tests of open issues that do not pass yet (npm run test:pending)
  testDir: process.env.STRIDESCOPE_PENDING ? 'tests/pending/browser' : 'tests/browser',
  timeout: 5 * 60_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: chromiumPath(),
      ignoreDefaultArgs: ['--headless'],
      args: CHROMIUM_ARGS,
    },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  webServer: {
    command: `npm run build --silent && npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
