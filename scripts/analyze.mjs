#!/usr/bin/env node
/**
 * npm run analyze -- <clip> [<clip> ...] [--out result.json | --out-dir DIR] [--model full|lite|heavy|movenet] [--view auto|side|back]
 *                      [--capture-fps N]
 *
 * Runs the very same pipeline as the page (the built app, in headless Chromium) and writes the result JSON
 * (schema: docs/analyze-result.schema.json) with --out/--out-dir, and prints a short human summary of each clip.
 * --capture-fps: the rate a slow-motion clip was filmed at (e.g. 120 or 240 for a phone's slow motion exported to play
 * at 30 fps): every time-based figure is then computed in real time (analysis.timeScale says so).
 * Several clips make a batch; one bad clip does not stop the others (exit code 1 if any failed).
 */
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { buildIfStale, startAppServer } from './lib/app-server.mjs';
import { analyzeInPage, openApp, openBrowser } from './lib/run-in-page.mjs';

const MODELS = ['full', 'lite', 'heavy', 'movenet', 'movenet-thunder'];
const VIEWS = ['auto', 'side', 'back'];
/** Accepted capture rates (src/core/analysis/timeScale.ts CAPTURE_FPS_MIN / MAX). */
const CAPTURE_FPS = [1, 1000];

function usage(msg) {
  if (msg) console.error(`error: ${msg}\n`);
  console.error('usage: npm run analyze -- <clip> [<clip> ...] [--out result.json | --out-dir DIR] [--model full|lite|heavy|movenet|movenet-thunder] [--view auto|side|back] [--capture-fps N]');
  console.error('  --capture-fps N   the clip is slow motion filmed at N fps (e.g. 120, 240): times are computed in real time');
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
    else if (a === '--capture-fps') {
      const v = val();
      o.captureFps = Number(v);
      if (!/^\d+(\.\d+)?$/.test(v) || !(o.captureFps >= CAPTURE_FPS[0] && o.captureFps <= CAPTURE_FPS[1])) usage(`--capture-fps must be a frame rate between ${CAPTURE_FPS[0]} and ${CAPTURE_FPS[1]} (got ${v})`);
    }
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
  if (analysis?.timeScale) {
    const ts = analysis.timeScale;
    lines.push(`  slow motion: filmed at ${ts.captureFps} fps, played at ${ts.playbackFps.toFixed(2)} fps (--capture-fps): every time below is real time`);
  }
  if (analysis?.headline) lines.push(...[].concat(analysis.headline).map((l) => `  ${l}`));
  else if (analysis === null) lines.push('  gait analysis: not available');
  if (analysis?.slowMotion?.suspected) {
    const sm = analysis.slowMotion;
    const fps = clip.measuredFps ?? clip.nominalFps;
    const likely = sm.likelyFactor ? Math.round(sm.likelyFactor * fps) : null;
    lines.push(`  slow motion? This looks like slow motion: ${sm.reason}. Cadence and contact times are left out; run again with --capture-fps ${likely ?? '<rate it was filmed at>'}${likely ? ` (likely ${sm.likelyFactor}× the ${fps.toFixed(0)} fps it plays at)` : ''}.`);
  }
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
        captureFps: o.captureFps,
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
      }
      // the short human summary always (on stdout; the JSON only ever goes to a file)
      console.log(humanSummary(clip, r));
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
