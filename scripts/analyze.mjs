#!/usr/bin/env node
/**
 * npm run analyze -- <clip> [<clip> ...] [--out result.json | --out-dir DIR] [--model full|lite|heavy|movenet] [--view auto|side|back]
 *
 * Runs the very same pipeline as the page (the built app, in headless Chromium) and writes the result JSON
 * (schema: docs/analyze-result.schema.json). Without --out/--out-dir it prints a short human summary.
 * Several clips make a batch; one bad clip does not stop the others (exit code 1 if any failed).
 */
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { buildIfStale, startAppServer } from './lib/app-server.mjs';
import { analyzeInPage, openApp, openBrowser } from './lib/run-in-page.mjs';

const MODELS = ['full', 'lite', 'heavy', 'movenet', 'movenet-thunder'];
const VIEWS = ['auto', 'side', 'back'];

function usage(msg) {
  if (msg) console.error(`error: ${msg}\n`);
  console.error('usage: npm run analyze -- <clip> [<clip> ...] [--out result.json | --out-dir DIR] [--model full|lite|heavy|movenet|movenet-thunder] [--view auto|side|back]');
  process.exit(2);
}

export function parseArgs(argv) {
  const o = { clips: [], out: null, outDir: null, model: 'full', view: 'auto' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => argv[++i] ?? usage(`${a} needs a value`);
    if (a === '--out') o.out = val();
    else if (a === '--out-dir') o.outDir = val();
    else if (a === '--model') o.model = val();
    else if (a === '--view') o.view = val();
    else if (a === '-h' || a === '--help') usage();
    else if (a.startsWith('--')) usage(`unknown option ${a}`);
    else o.clips.push(a);
  }
  if (!o.clips.length) usage('no clip given');
  if (!MODELS.includes(o.model)) usage(`--model must be one of ${MODELS.join(', ')}`);
  if (!VIEWS.includes(o.view)) usage(`--view must be one of ${VIEWS.join(', ')}`);
  if (o.out && o.clips.length > 1) usage('--out takes one clip; use --out-dir for several');
  for (const c of o.clips) if (!existsSync(c)) usage(`no such file: ${c}`);
  return o;
}

function humanSummary(clipPath, r) {
  if (r.phase !== 'done') return `${basename(clipPath)}: ${r.error ? `${r.error.message} ${r.error.advice}` : r.phase}`;
  const { clip, backend, frames, analysis } = r.result;
  const withPose = frames.filter((f) => f.score !== null).length;
  const lines = [
    `${clip.fileName}: ${clip.displayWidth}×${clip.displayHeight}, ${(clip.measuredFps ?? clip.nominalFps).toFixed(2)} fps, ${clip.decodedFrameCount} frames, ${clip.codec}, rotation ${clip.rotation}°`,
    `  pose: ${r.result.model.name} on ${backend.id} (${backend.threads} thread${backend.threads > 1 ? 's' : ''}); person found on ${withPose}/${frames.length} frames; ${(r.wallMs / 1000).toFixed(1)} s (${((frames.length * 1000) / r.wallMs).toFixed(1)} frames/s)`,
  ];
  for (const n of r.summary?.notes ?? []) lines.push(`  note: ${n}`);
  if (analysis?.headline) lines.push(...[].concat(analysis.headline).map((l) => `  ${l}`));
  else if (analysis === null) lines.push('  gait analysis: not available');
  return lines.join('\n');
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  buildIfStale();
  const server = await startAppServer();
  const { context } = await openBrowser();
  let failed = 0;
  try {
    const page = await openApp(context, server.url);
    for (const clip of o.clips) {
      const r = await analyzeInPage(page, resolve(clip), {
        model: o.model,
        view: o.view,
        // no one to ask which part: a long clip is analysed whole
        wholeLongClips: true,
        onProgress: (pct) => process.stderr.isTTY && process.stderr.write(`\r${basename(clip)}: ${pct}%   `),
      });
      if (process.stderr.isTTY) process.stderr.write('\r');
      if (r.phase !== 'done') failed++;
      const doc = r.result ?? { error: r.error, clip: r.summary?.clip ?? null };
      const target = o.out ?? (o.outDir ? join(o.outDir, `${basename(clip).replace(/\.[^.]+$/, '')}.json`) : null);
      if (target) {
        if (o.outDir) mkdirSync(o.outDir, { recursive: true });
        writeFileSync(target, JSON.stringify(doc));
        console.error(`${basename(clip)}: ${r.phase}${r.error ? ` (${r.error.message})` : ''} → ${target}`);
      } else console.log(humanSummary(clip, r));
    }
  } finally {
    await context.close();
    await server.close();
  }
  process.exit(failed ? 1 : 0);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
