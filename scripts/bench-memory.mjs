#!/usr/bin/env node
/**
 * npm run bench:memory — memory and run-to-run figures, in the built app in headless Chromium:
 *  1. peak JS heap (page, DevTools Performance metrics) and peak process memory (PSS and RSS of the whole Chromium
 *     process tree: browser, GPU, page, pose worker) from the drop until the report has drawn, for a 12 s clip and a
 *     2 min clip (the same treadmill clip looped 10×, made with ffmpeg at run time, not committed), each in a fresh page;
 *  2. 20 analyses of one clip one after another in one page: time and memory of the 1st and the 20th.
 * Figures vary from run to run on a 2-core machine; nothing here is a pass/fail test.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildIfStale, ROOT, startAppServer } from './lib/app-server.mjs';
import { chromiumMemoryMb } from './lib/memory.mjs';
import { analyzeInPage, openApp, openBrowser } from './lib/run-in-page.mjs';

const SHARED = resolve(ROOT, '..', 'shared', 'clips');
const SHORT = join(SHARED, 'treadmill-side-left.mp4');
const REPEAT_CLIP = join(SHARED, 'overground-side-right-to-left.mp4');
const RUNS = Number(process.env.BENCH_RUNS ?? 20);


/** A 2-minute clip: the 12 s treadmill clip ten times (stream copy, no re-encoding). */
function longClip() {
  const dir = mkdtempSync(join(tmpdir(), 'stridescope-bench-'));
  const list = join(dir, 'list.txt');
  writeFileSync(list, Array.from({ length: 10 }, () => `file '${SHORT}'`).join('\n'));
  const out = join(dir, 'treadmill-2min.mp4');
  execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-f', 'concat', '-safe', '0', '-i', list, '-c', 'copy', out]);
  return out;
}

/** After the analysis, how long memory is still sampled while the report draws (chart, thumbnails, player). */
const REPORT_SETTLE_MS = 8000;

/** Runs one analysis in `page` and lets its report draw, sampling memory every 250 ms; returns the peaks and the time. */
async function measure(page, cdp, clip) {
  let heapPeak = 0;
  let rssPeak = 0;
  let pssPeak = 0;
  let running = true;
  const sample = async () => {
    while (running) {
      const m = await cdp.send('Performance.getMetrics');
      const heap = m.metrics.find((x) => x.name === 'JSHeapUsedSize')?.value ?? 0;
      heapPeak = Math.max(heapPeak, heap / 2 ** 20);
      const mem = chromiumMemoryMb();
      rssPeak = Math.max(rssPeak, mem.rss);
      pssPeak = Math.max(pssPeak, mem.pss);
      await new Promise((r) => setTimeout(r, 250));
    }
  };
  const sampler = sample();
  const t0 = Date.now();
  // the result stays in the page: copying it out to Node would allocate in the page what we are measuring
  const r = await analyzeInPage(page, clip, { timeoutMs: 30 * 60_000, fetchResult: false });
  const seconds = (Date.now() - t0) / 1000;
  await page.waitForTimeout(REPORT_SETTLE_MS);
  running = false;
  await sampler;
  if (r.phase !== 'done') throw new Error(`${clip}: ${r.phase} ${JSON.stringify(r.error)}`);
  const after = chromiumMemoryMb();
  return { heapPeak, rssPeak, pssPeak, seconds, frames: r.frameCount, after: after.pss };
}

async function main() {
  if (!existsSync(SHORT)) throw new Error(`missing ${SHORT}: ../shared must sit beside the checkout`);
  buildIfStale();
  const server = await startAppServer();
  const { context } = await openBrowser();
  const out = (s = '') => console.log(s);
  try {
    out(`Memory sampled every 250 ms from the drop until ${REPORT_SETTLE_MS / 1000} s after the analysis ends (the report drawn).`);
    out('PSS: proportional set size summed over every Chromium process (shared pages split between sharers);');
    out('RSS: resident size summed (shared pages counted in every process, so it overstates).');
    out();
    out('| clip | frames | analysis time | peak JS heap (page) | peak Chromium memory, PSS | peak Chromium memory, RSS sum |');
    out('|---|---|---|---|---|---|');
    const results = [];
    for (const [label, clip] of [['12 s treadmill clip', SHORT], ['2 min (same clip ×10)', longClip()]]) {
      for (const p of context.pages()) await p.close();
      const page = await openApp(context, server.url);
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      const m = await measure(page, cdp, clip);
      results.push(m);
      out(`| ${label} | ${m.frames} | ${m.seconds.toFixed(1)} s | ${m.heapPeak.toFixed(0)} MB | ${m.pssPeak.toFixed(0)} MB | ${m.rssPeak.toFixed(0)} MB |`);
      await page.close();
    }
    const pct = (a, b) => { const g = (a / b - 1) * 100; return `${g >= 0 ? '+' : ''}${g.toFixed(1)} %`; };
    out();
    out(
      `2 min vs 12 s: peak process memory ${pct(results[1].pssPeak, results[0].pssPeak)} PSS, ${pct(results[1].rssPeak, results[0].rssPeak)} RSS sum ` +
        `(the issue allows at most +20 %); peak page heap ${results[1].heapPeak.toFixed(0)} vs ${results[0].heapPeak.toFixed(0)} MB.`,
    );
    out();
    out(`${RUNS} analyses of ${REPEAT_CLIP.split('/').pop()} one after another in one page:`);
    out();
    out('| run | time | Chromium memory (PSS) after the run and its report |');
    out('|---|---|---|');
    for (const p of context.pages()) await p.close();
    const page = await openApp(context, server.url);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const runs = [];
    for (let i = 1; i <= RUNS; i++) {
      const m = await measure(page, cdp, REPEAT_CLIP);
      runs.push(m);
      if (i === 1 || i === 2 || i === 10 || i === RUNS) out(`| ${i} | ${m.seconds.toFixed(1)} s | ${m.after.toFixed(0)} MB |`);
    }
    const first = runs[0];
    const last = runs[runs.length - 1];
    out();
    out(
      `run ${RUNS} vs run 1: time ${((last.seconds / first.seconds - 1) * 100).toFixed(1)} %, memory ${((last.after / first.after - 1) * 100).toFixed(1)} % ` +
        '(the issue asks within 10 %; run 1 also loads the model, and single runs vary by ±30 % on this machine).',
    );
  } finally {
    await context.close();
    await server.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
