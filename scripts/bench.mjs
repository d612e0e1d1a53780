#!/usr/bin/env node
/**
 * npm run bench [-- <clip>] [--quick]
 *
 * Prints, for one real clip (default ../shared/clips/treadmill-side-left.mp4), in the built app in headless Chromium:
 *  - decode only (WebCodecs via mediabunny), frames/s, with and without converting each frame to pixels;
 *  - pose only, ms per frame, for each model and each backend that works here;
 *  - decode + pose end to end through the page (BlazePose full and lite), frames/s, with peak memory;
 *  - the peers' way on the same clip in the same run: seek a <video> frame by frame and draw it to a canvas.
 * Figures vary ±30 % run to run on a 2-core machine; nothing here is a pass/fail test.
 */
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { buildIfStale, ROOT, startAppServer } from './lib/app-server.mjs';
import { chromiumRssMb } from './lib/memory.mjs';
import { chromiumPath } from './lib/chromium.mjs';
import { analyzeInPage, openApp, openBrowser } from './lib/run-in-page.mjs';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const clip = resolve(args.find((a) => !a.startsWith('--')) ?? resolve(ROOT, '..', 'shared', 'clips', 'treadmill-side-left.mp4'));
const LONG_SIDE = 960;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const row = (cols) => `| ${cols.join(' | ')} |`;


/** Puts the clip into a hidden file input of the page, so page code gets a real File (as a user's drop would). */
async function attachFile(page, path) {
  await page.evaluate(() => {
    if (document.getElementById('bench-file')) return;
    const i = document.createElement('input');
    i.type = 'file';
    i.id = 'bench-file';
    i.hidden = true;
    document.body.append(i);
  });
  await page.setInputFiles('#bench-file', path);
}

async function main() {
  buildIfStale();
  const server = await startAppServer();
  const { context } = await openBrowser();
  const out = (s = '') => console.log(s);
  try {
    const page = await openApp(context, `${server.url}?bench`);
    // one page at a time, so the memory column is this run's
    for (const other of context.pages()) if (other !== page) await other.close();
    const version = execFileSync(chromiumPath(), ['--version'], { encoding: 'utf8' }).trim();
    out(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, no GPU; ${version} headless; Node ${process.version}`);
    out(`Clip: ${clip.replace(resolve(ROOT, '..') + '/', '../')}; pose input longest side ${LONG_SIDE} px`);
    out();

    await attachFile(page, clip);
    const info = await page.evaluate(async (side) => {
      const f = document.getElementById('bench-file').files[0];
      const b = window.__stridescopeBench;
      return { raw: await b.decode(f, false, side), px: await b.decode(f, true, side) };
    }, LONG_SIDE);
    const frames = info.raw.frames;
    const peersRun = await page.evaluate(
      ([n, total, side]) => window.__stridescopeBench.seekVideo(document.getElementById('bench-file').files[0], n, total, side),
      [quick ? Math.min(90, frames) : frames, frames, LONG_SIDE],
    );

    out('Decode (all frames of the clip)');
    out(row(['stage', 'frames', 'ms', 'frames/s']));
    out(row(['---', '---', '---', '---']));
    out(row(['demux + WebCodecs decode, frames closed at once', info.raw.frames, info.raw.ms.toFixed(0), ((info.raw.frames * 1000) / info.raw.ms).toFixed(0)]));
    out(row([`… + rotate/scale to ${LONG_SIDE} px + read pixels (what pose needs)`, info.px.frames, info.px.ms.toFixed(0), ((info.px.frames * 1000) / info.px.ms).toFixed(0)]));
    out(row(['peers: seek <video> + draw to canvas + read pixels', peersRun.frames, peersRun.ms.toFixed(0), ((peersRun.frames * 1000) / peersRun.ms).toFixed(1)]));
    out(`Ratio: our decode-to-pixels is ${((info.px.frames / info.px.ms) / (peersRun.frames / peersRun.ms)).toFixed(1)}× the peers' seek-and-draw (frames/s).`);
    out();

    const combos = [
      ['wasm', ['full', 'lite', 'heavy', 'movenet', 'movenet-thunder'], quick ? 10 : 30],
      ['webgl', ['lite', 'full'], 4],
      ['cpu', ['lite'], 2],
    ];
    out('Pose only (one decoded frame after another, after one warm-up call)');
    out(row(['backend', 'model', 'first call ms', 'median ms/frame', 'frames/s']));
    out(row(['---', '---', '---', '---', '---']));
    for (const [backend, models, n] of combos) {
      if (quick && backend !== 'wasm') continue;
      for (const model of models) {
        // Each backend in a fresh page: tfjs backends do not switch cleanly after models were built on another.
        const p = await openApp(context, `${server.url}?bench`);
        await attachFile(p, clip);
        const r = await Promise.race([
          p.evaluate(
            ([m, b, k, side]) => window.__stridescopeBench.pose(document.getElementById('bench-file').files[0], m, b, k + 1, side),
            [model, backend, n, LONG_SIDE],
          ),
          new Promise((res) => setTimeout(() => res({ error: 'timed out after 240 s' }), 240_000)),
        ]);
        if (r.error) out(row([backend, model, '—', `failed: ${r.error}`, '—']));
        else {
          const [first, ...rest] = r.msPerFrame;
          const m = median(rest);
          const label = r.backend.id === 'wasm' ? `wasm (${r.backend.threads} thr${r.backend.simd ? ', SIMD' : ''})` : r.backend.renderer ? `${r.backend.id} (${/swiftshader/i.test(r.backend.renderer) ? 'SwiftShader, software' : r.backend.renderer})` : r.backend.id;
          out(row([label, model, first.toFixed(0), m.toFixed(1), (1000 / m).toFixed(1)]));
        }
        await p.close();
      }
    }
    out();

    out('Decode + pose end to end, through the page (as a user runs it)');
    out(row(['model', 'frames', 'wall s', 'frames/s', 'peak Chromium RSS MB']));
    out(row(['---', '---', '---', '---', '---']));
    for (const model of quick ? ['full'] : ['full', 'lite', 'movenet']) {
      const p = await openApp(context, server.url);
      let peak = chromiumRssMb();
      const timer = setInterval(() => (peak = Math.max(peak, chromiumRssMb())), 500);
      const r = await analyzeInPage(p, clip, { model });
      clearInterval(timer);
      const n = r.result?.frames.length ?? 0;
      out(row([model, n, (r.wallMs / 1000).toFixed(1), ((n * 1000) / r.wallMs).toFixed(1), peak.toFixed(0)]));
      await p.close();
    }
  } finally {
    await context.close();
    await server.close();
  }
}

let finished = false;
process.on('beforeExit', () => {
  if (!finished) {
    console.error('bench: a browser call never settled (the event loop emptied before the benchmark finished)');
    process.exit(1);
  }
});
main().then(
  () => (finished = true),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
