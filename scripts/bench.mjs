#!/usr/bin/env node
/**
 * npm run bench [-- <clip>] [--quick] [--runs N]
 *
 * Speed of the real app in headless Chromium on this machine (the built app, its real worker, decoder and model):
 *  1. the pose engine the page chose by measuring at start-up;
 *  2. stage by stage (demux, decode, resize, pose, analysis) on one clip (default ../shared/clips/treadmill-side-left.mp4),
 *     for the default settings and for the baseline, "BlazePose full on every frame, one stage after another", in the
 *     same run, with the ratio;
 *  3. through the page as a user runs it: drop → first skeleton on screen, drop → report, peak memory;
 *  4. the hand-labelled clips, baseline and default side by side: frames/s, event and strike scores, and how far the
 *     keypoints moved at the labelled events;
 *  5. (not with --quick) pose alone per model and backend, decode alone, and the peers' seek-a-<video> way.
 * Figures vary ±10–30 % run to run on a 2-core machine; each timed configuration is run several times and the run
 * with the median wall time is shown. Nothing here is a pass/fail test.
 */
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { basename, resolve } from 'node:path';
import { buildIfStale, ROOT, startAppServer } from './lib/app-server.mjs';
import { chromiumRssMb } from './lib/memory.mjs';
import { chromiumPath } from './lib/chromium.mjs';
import { scoreEvents, WITHIN_FRAMES } from './lib/label-score.mjs';
import { labelledClips } from './lib/labels.mjs';
import { analyzeInPage, openApp, openBrowser } from './lib/run-in-page.mjs';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const runsArg = args.indexOf('--runs');
const RUNS = runsArg >= 0 ? Number(args[runsArg + 1]) : quick ? 1 : 3;
const SHARED = resolve(ROOT, '..', 'shared', 'clips');
const clip = resolve(args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--runs') ?? resolve(SHARED, 'treadmill-side-left.mp4'));
const LONG_SIDE = 960;
/** Keypoints of the default may differ from the baseline's by at most this at the labelled events (display px). */
const KEYPOINT_TOLERANCE_PX = 1;

/** The two configurations compared. The default is what the page runs; the baseline switches the speed-ups off. */
const DEFAULT = { model: 'full', view: 'auto' };
const BASELINE = { model: 'full', view: 'auto', decodeAhead: false, absentSearchEveryMs: 0 };
/** The default without the several-people check (one person assumed): what looking for everyone costs. */
const ONE_PERSON = { ...DEFAULT, followPeople: false };

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const row = (cols) => `| ${cols.join(' | ')} |`;
const ms = (x) => (x === null || x === undefined ? '—' : x.toFixed(x < 10 ? 2 : 1));
const fps = (msPerFrame) => (msPerFrame > 0 ? (1000 / msPerFrame).toFixed(1000 / msPerFrame >= 100 ? 0 : 1) : '—');
const short = (p) => p.replace(resolve(ROOT, '..') + '/', '../');

/** Puts a clip into a hidden file input of the page, so page code gets a real File (as a user's drop would). */
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

/** One whole run through the real worker; resolves with the timings, the frames and the analysis. */
function runOnce(page, options) {
  return page.evaluate(async (o) => {
    const r = await window.__stridescopeBench.run(document.getElementById('bench-file').files[0], o);
    if (!r.outcome.ok) throw new Error(`run failed: ${r.outcome.error.message}`);
    return { summary: r.outcome.summary, analysis: r.outcome.analysis, frames: r.frames, wallMs: r.wallMs, firstFrameWallMs: r.firstFrameWallMs };
  }, options);
}

/** Runs each configuration `n` times, alternating; keeps each one's run with the median wall time. */
async function medianRuns(page, configs, n) {
  const all = configs.map(() => []);
  for (let i = 0; i < n; i++) for (let c = 0; c < configs.length; c++) all[c].push(await runOnce(page, configs[c]));
  return all.map((runs) => {
    const m = median(runs.map((r) => r.wallMs));
    return { ...runs.find((r) => r.wallMs === m), walls: runs.map((r) => r.wallMs) };
  });
}

/** Per-frame stage figures of one run (ms per frame); demux from its own pass, decode = waiting for frames − demux. */
function stages(run, demuxMsPerFrame) {
  const t = run.summary.timing;
  const n = t.frames;
  const decodeWait = t.decodeWaitMs / n;
  return {
    demux: demuxMsPerFrame,
    decode: Math.max(0, decodeWait - demuxMsPerFrame),
    resize: t.resizeMs / n,
    pose: t.poseMs / Math.max(1, t.poseFrames),
    analysis: t.analysisMs / n,
    wait: t.frameWaitMs / n,
    wall: run.wallMs / n,
    frames: n,
  };
}

/** Keypoint distances (display px) between two runs at the labelled event frames, for keypoints the baseline trusts. */
function keypointShift(a, b, frames) {
  const d = [];
  for (const i of frames) {
    const ka = a.frames[i]?.keypoints;
    const kb = b.frames[i]?.keypoints;
    if (!ka || !kb) {
      if (ka || kb) d.push(Infinity); // found in one run only
      continue;
    }
    for (let k = 0; k < ka.length; k++) if (ka[k].score >= 0.5) d.push(Math.hypot(ka[k].x - kb[k].x, ka[k].y - kb[k].y));
  }
  d.sort((x, y) => x - y);
  return { n: d.length, median: d.length ? d[Math.floor(d.length / 2)] : 0, max: d.length ? d[d.length - 1] : 0 };
}

async function main() {
  buildIfStale();
  const server = await startAppServer();
  const { context } = await openBrowser();
  const out = (s = '') => console.log(s);
  try {
    const page = await openApp(context, `${server.url}?bench`);
    for (const other of context.pages()) if (other !== page) await other.close();
    const version = execFileSync(chromiumPath(), ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    out(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; ${version} headless; Node ${process.version}`);

    // 1. the engine: the page measures WASM and the GPU backends once it is idle (remembered on this profile)
    let decision = null;
    const t0 = Date.now();
    while (!(decision = await page.evaluate(() => window.__stridescope.backendDecision())) && Date.now() - t0 < 120_000) await page.waitForTimeout(250);
    out(`Pose engine: ${decision ? decision.reason : 'not decided within 120 s (WASM)'}`);
    out();

    // 2. stage by stage, default vs baseline, on the same clip in the same page
    await attachFile(page, clip);
    await runOnce(page, DEFAULT); // warm-up: engine start and model load are not part of the per-frame figures
    const demux = await page.evaluate(() => window.__stridescopeBench.demux(document.getElementById('bench-file').files[0]));
    const [def, base, one] = await medianRuns(page, [DEFAULT, BASELINE, ONE_PERSON], RUNS);
    const demuxPerFrame = demux.ms / demux.packets;
    const sd = stages(def, demuxPerFrame);
    const sb = stages(base, demuxPerFrame);
    const backend = def.summary.backend;
    out(`Stage by stage: ${short(clip)}, ${sd.frames} frames ${def.summary.clip.displayWidth}×${def.summary.clip.displayHeight} at ${def.summary.clip.nominalFps.toFixed(0)} fps; pose input longest side ${LONG_SIDE} px; ${backend.id.toUpperCase()}${backend.threads > 1 ? ` × ${backend.threads} threads` : ''}${backend.simd ? ' + SIMD' : ''}; model loaded (warm); median of ${RUNS} run(s) each`);
    out();
    out(row(['stage', 'baseline ms/frame', 'baseline frames/s', 'default ms/frame', 'default frames/s']));
    out(row(['---', '---', '---', '---', '---']));
    const lines = [
      ['demux (mediabunny; its own pass, the same work in both)', 'demux'],
      ['decode (WebCodecs; waiting for the decoder, which runs ahead on its own thread)', 'decode'],
      [`resize: rotate + scale to ${LONG_SIDE} px + read pixels`, 'resize'],
      ['pose (BlazePose full)', 'pose'],
      ['analysis (events + measures, whole clip)', 'analysis'],
    ];
    for (const [label, k] of lines) out(row([label, ms(sb[k]), fps(sb[k]), ms(sd[k]), fps(sd[k])]));
    out(row(['pose thread waiting for its next frame', ms(sb.wait), '', ms(sd.wait), '']));
    out(row(['**end to end (wall)**', `**${ms(sb.wall)}**`, `**${fps(sb.wall)}**`, `**${ms(sd.wall)}**`, `**${fps(sd.wall)}**`]));
    out();
    out(`Ratio: the default runs at ${(sb.wall / sd.wall).toFixed(2)}× the baseline's frames/s (${fps(sd.wall)} vs ${fps(sb.wall)}); real time for this clip is ${def.summary.clip.nominalFps.toFixed(0)} frames/s.`);
    out(`Wall times of the runs: default ${def.walls.map((w) => (w / 1000).toFixed(1)).join(', ')} s; baseline ${base.walls.map((w) => (w / 1000).toFixed(1)).join(', ')} s.`);
    const tb = base.summary.timing;
    const td = def.summary.timing;
    out(`Per run (baseline / default): engine ready ${tb.startMs.toFixed(0)} / ${td.startMs.toFixed(0)} ms, clip probed ${tb.probeMs.toFixed(0)} / ${td.probeMs.toFixed(0)} ms, first frame handed to the page ${tb.firstFrameMs?.toFixed(0) ?? '—'} / ${td.firstFrameMs?.toFixed(0) ?? '—'} ms after the start, model runs on crops ${tb.cropRetries} / ${td.cropRetries}.`);
    const so = stages(one, demuxPerFrame);
    out(`Several people in view (look for everyone, follow the runner): ${td.peopleDetectorRuns} MoveNet MultiPose runs (${ms(td.peopleScanMs / sd.frames)} ms a frame on average, ${((100 * td.peopleScanMs) / td.poseMs).toFixed(1)} % of the pose time) and ${td.peopleExtraRuns} landmark runs on other people (${ms(td.peopleExtraMs / sd.frames)} ms a frame); default ${fps(sd.wall)} frames/s, without it (one person assumed) ${fps(so.wall)} frames/s (wall ${one.walls.map((w) => (w / 1000).toFixed(1)).join(', ')} s).`);
    out('Baseline: each frame is demuxed, decoded, scaled and posed in the pipeline worker, one stage after another.');
    out(`Default: demux, decode and resize run in a decode worker of their own, up to 4 frames ahead, while the pose model works on the current frame; the pose thread only waits ${ms(sd.wait)} ms a frame for them. Decode figures are demux + decode time on the thread that waits for them, minus the demux pass.`);
    out();

    // 3. through the page, as a user runs it
    const user = await context.newPage();
    await user.goto(server.url);
    await user.waitForFunction(() => window.__stridescope !== undefined, null, { timeout: 30_000 });
    const firstSkeleton = [];
    let pageRun = null;
    let peak = chromiumRssMb();
    const timer = setInterval(() => (peak = Math.max(peak, chromiumRssMb())), 500);
    for (let i = 0; i < 2; i++) {
      // timed in the page: from the file input's change (the drop) to the live view showing a pose
      await user.evaluate(() => {
        const w = window;
        w.__benchDrop = null;
        w.__benchSkeleton = null;
        document.querySelector('[data-testid=file-input]').addEventListener('change', () => (w.__benchDrop = performance.now()), { once: true });
        const obs = new MutationObserver(() => {
          const live = document.querySelector('[data-testid=live-preview]');
          if (w.__benchDrop !== null && live && Number(live.getAttribute('data-keypoints')) > 0) {
            w.__benchSkeleton = performance.now();
            obs.disconnect();
          }
        });
        obs.observe(document.body, { subtree: true, childList: true, attributes: true });
      });
      pageRun = await analyzeInPage(user, clip, { fetchResult: false });
      firstSkeleton.push(await user.evaluate(() => (window.__benchSkeleton === null ? null : Math.round(window.__benchSkeleton - window.__benchDrop))));
    }
    clearInterval(timer);
    out('Through the page, as a user runs it (default settings)');
    out(row(['', 'first run in a fresh page (engine start + model load)', 'second run']));
    out(row(['---', '---', '---']));
    out(row(['drop → first skeleton on screen', ...firstSkeleton.map((x) => (x === null ? 'not seen' : `${x} ms`))]));
    out(row(['drop → report', '', `${(pageRun.wallMs / 1000).toFixed(1)} s for ${pageRun.frameCount} frames (${((pageRun.frameCount * 1000) / pageRun.wallMs).toFixed(1)} frames/s)`]));
    out(`Peak Chromium memory (RSS sum of all processes, the benchmark's own page open beside it): ${peak.toFixed(0)} MB; npm run bench:memory measures one page alone.`);
    await user.close();
    out();

    // 4. the labelled clips, baseline vs default
    out(`Labelled clips: baseline vs default, same page (events within ±${WITHIN_FRAMES} frames of the hand labels; strikes right on contacts labelled certain; keypoint shift at the labelled event frames, keypoints scoring ≥ 0.5, tolerance ${KEYPOINT_TOLERANCE_PX} px)`);
    out(row(['clip', 'frames', 'baseline frames/s', 'default frames/s', 'ratio', 'events baseline', 'events default', 'strikes baseline', 'strikes default', 'keypoint shift median / max px']));
    out(row(['---', '---', '---', '---', '---', '---', '---', '---', '---', '---']));
    for (const { name, clipPath: path, labels: labelDoc } of labelledClips()) {
      const labels = labelDoc.events;
      let d = def;
      let b = base;
      if (path !== clip) {
        await attachFile(page, path);
        [d, b] = await medianRuns(page, [DEFAULT, BASELINE], RUNS);
      }
      const sDef = scoreEvents(labels, d.analysis);
      const sBase = scoreEvents(labels, b.analysis);
      const shift = keypointShift(b, d, labels.map((l) => l.frame));
      const n = d.frames.length;
      out(row([
        name,
        n,
        ((n * 1000) / b.wallMs).toFixed(1),
        ((n * 1000) / d.wallMs).toFixed(1),
        `${(b.wallMs / d.wallMs).toFixed(2)}×`,
        `${sBase.within}/${sBase.total}`,
        `${sDef.within}/${sDef.total}`,
        `${sBase.strikeRight}/${sBase.strikeCertain}`,
        `${sDef.strikeRight}/${sDef.strikeCertain}`,
        `${shift.median.toFixed(1)} / ${shift.max.toFixed(1)}${shift.max <= KEYPOINT_TOLERANCE_PX ? ' (within tolerance)' : ' (OUTSIDE tolerance)'}`,
      ]));
    }
    out();

    if (quick) return;

    // 5. the parts alone
    await attachFile(page, clip);
    const info = await page.evaluate(async (side) => {
      const f = document.getElementById('bench-file').files[0];
      const b = window.__stridescopeBench;
      return { raw: await b.decode(f, false, side), px: await b.decode(f, true, side) };
    }, LONG_SIDE);
    const frames = info.raw.frames;
    const peersRun = await page.evaluate(
      ([n, total, side]) => window.__stridescopeBench.seekVideo(document.getElementById('bench-file').files[0], n, total, side),
      [frames, frames, LONG_SIDE],
    );
    out(`Decode alone (all ${frames} frames of ${basename(clip)}, in the pipeline worker)`);
    out(row(['what', 'frames', 'ms', 'frames/s']));
    out(row(['---', '---', '---', '---']));
    out(row(['demux only (packets read, not decoded)', demux.packets, demux.ms.toFixed(0), ((demux.packets * 1000) / demux.ms).toFixed(0)]));
    out(row(['demux + WebCodecs decode, frames closed at once', info.raw.frames, info.raw.ms.toFixed(0), ((info.raw.frames * 1000) / info.raw.ms).toFixed(0)]));
    out(row([`… + rotate/scale to ${LONG_SIDE} px + read pixels (what pose needs)`, info.px.frames, info.px.ms.toFixed(0), ((info.px.frames * 1000) / info.px.ms).toFixed(0)]));
    out(row(['peers: seek <video> + draw to canvas + read pixels', peersRun.frames, peersRun.ms.toFixed(0), ((peersRun.frames * 1000) / peersRun.ms).toFixed(1)]));
    out();

    const combos = [
      ['wasm', ['full', 'lite', 'heavy', 'movenet', 'movenet-thunder'], 30],
      ['webgl', ['lite', 'full'], 4],
      ['cpu', ['lite'], 2],
    ];
    out('Pose alone (one decoded frame after another, after one warm-up call; each backend in a fresh page)');
    out(row(['backend', 'model', 'first call ms', 'median ms/frame', 'frames/s']));
    out(row(['---', '---', '---', '---', '---']));
    for (const [backendId, models, n] of combos) {
      for (const model of models) {
        const p = await openApp(context, `${server.url}?bench`);
        await attachFile(p, clip);
        let timer;
        const r = await Promise.race([
          p.evaluate(([m, be, k, side]) => window.__stridescopeBench.pose(document.getElementById('bench-file').files[0], m, be, k + 1, side), [model, backendId, n, LONG_SIDE]),
          new Promise((res) => (timer = setTimeout(() => res({ error: 'timed out after 240 s' }), 240_000))),
        ]);
        clearTimeout(timer);
        if (r.error) out(row([backendId, model, '—', `failed: ${r.error}`, '—']));
        else {
          const [first, ...rest] = r.msPerFrame;
          const m = median(rest);
          const label = r.backend.id === 'wasm' ? `wasm (${r.backend.threads} thr${r.backend.simd ? ', SIMD' : ''})` : r.backend.renderer ? `${r.backend.id} (${/swiftshader/i.test(r.backend.renderer) ? 'SwiftShader, software' : r.backend.renderer})` : r.backend.id;
          out(row([label, model, first.toFixed(0), m.toFixed(1), (1000 / m).toFixed(1)]));
        }
        await p.close();
      }
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
