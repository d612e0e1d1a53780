/**
 * Builds the app when the build is missing or older than the sources, then serves dist/ with `vite preview`
 * (same COOP/COEP/CSP headers as production) on a free loopback port.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function newestMtime(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return t;
}

export function buildIfStale({ quiet = false } = {}) {
  const built = join(ROOT, 'dist', 'index.html');
  const sources = Math.max(
    ...['src', 'workers', 'public'].map((d) => newestMtime(join(ROOT, d))),
    ...['index.html', 'vite.config.ts', 'package.json'].map((f) => statSync(join(ROOT, f)).mtimeMs),
  );
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return false;
  if (!quiet) process.stderr.write('Building the app (vite build)…\n');
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: quiet ? 'ignore' : ['ignore', 'ignore', 'inherit'],
  });
  return true;
}

/** Starts `vite preview` on dist/; returns { url, close }. */
export async function startAppServer() {
  const { preview } = await import('vite');
  const server = await preview({
    root: ROOT,
    configFile: join(ROOT, 'vite.config.ts'),
    logLevel: 'silent',
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a URL');
  return {
    url,
    close: () => new Promise((resolve) => server.httpServer.close(() => resolve(undefined))),
  };
}
