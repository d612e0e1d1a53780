/**
 * Debian's Chromium, driven by Playwright (a test tool's own browser download fails here).
 * Shared by playwright.config.ts, `npm run analyze` and `npm run bench`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function chromiumPath() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    try {
      const p = execFileSync('which', [name], { encoding: 'utf8' }).trim();
      if (p) return p;
    } catch {
      /* not on PATH */
    }
  }
  throw new Error('Chromium not found. Install it with "apt-get install -y chromium" (or set CHROMIUM_PATH).');
}

/** Flags for a quiet, offline, sandbox-less headless Chromium (as root in a container). */
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];

export function freshUserDataDir() {
  return mkdtempSync(join(tmpdir(), 'stridescope-chromium-'));
}

/** Options for playwright's chromium.launchPersistentContext(freshUserDataDir(), options). */
export function launchOptions(extra = {}) {
  return {
    executablePath: chromiumPath(),
    headless: true,
    ignoreDefaultArgs: ['--headless'],
    args: CHROMIUM_ARGS,
    viewport: { width: 1440, height: 900 },
    ...extra,
  };
}
