/**
 * Vite build plugin: writes dist/sw.js, the offline service worker, with the list of files to precache — the built
 * app shell (HTML, JS, CSS, WASM, worker bundles), the public files, and the default pose model (BlazePose full and
 * its detector, and MoveNet MultiPose, which looks for everyone in view). The cache name carries a hash of that list, so a new build replaces the old cache.
 * The sample clip (public/sample/, made by scripts/make-sample.mjs: ~0.8 MB) is a public file too, so "Try a sample
 * clip" works offline as well.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Models precached for offline use after one visit; the others are cached the first time they are used. */
export const PRECACHED_MODELS = ['blazepose-detector', 'blazepose-full', 'movenet-multipose'];

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}

export function serviceWorkerPlugin() {
  let outDir = 'dist';
  return {
    name: 'stridescope-service-worker',
    apply: 'build',
    configResolved(c) {
      outDir = c.build.outDir;
    },
    closeBundle() {
      const files = walk(outDir)
        .map((p) => `/${relative(outDir, p).split('\\').join('/')}`)
        .filter((u) => !u.endsWith('.map') && u !== '/sw.js')
        .filter((u) => !u.startsWith('/models/') || u === '/models/manifest.json' || PRECACHED_MODELS.some((m) => u.startsWith(`/models/${m}.`)))
        .sort();
      const hash = createHash('sha256');
      for (const u of files) hash.update(u).update(readFileSync(join(outDir, u)));
      const version = hash.digest('hex').slice(0, 12);
      const template = readFileSync(new URL('./sw-template.js', import.meta.url), 'utf8');
      writeFileSync(join(outDir, 'sw.js'), template.replace('__PRECACHE__', JSON.stringify(['/', ...files.filter((u) => u !== '/index.html'), '/index.html'])).replace('__VERSION__', version));
    },
  };
}
