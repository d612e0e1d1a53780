#!/usr/bin/env node
/**
 * npm run bench:accuracy [-- --save-tracks DIR] [--only SUBSTRING] [--json FILE] [--no-variants] [--no-activity] [--from DIR]
 *
 * Accuracy of the real app against every hand-labelled clip in ../shared/clips/labels (issue 13): each clip runs
 * through the built app in headless Chromium exactly as `npm run analyze` does (BlazePose full, view auto), and the
 * result is scored against its labels: activity and view found, events within ±1 / ±2 frames (near / far), missed
 * and extra events, mean signed error, strikes, cadence against the labelled contacts' cadence (docs/ACCURACY.md).
 *  - derived variants: each labelled clip resampled to 25 fps, mirrored, at half resolution and rolled 3°, made with
 *    ffmpeg into a temporary folder, labels mapped to their frames (scripts/lib/variants.mjs); --no-variants skips them;
 *  - the unlabelled shared clips whose activity ../shared/README.md states (walking, no gait, a runner from behind,
 *    a small runner); --no-activity skips them.
 * Prints markdown tables (per clip, pooled, activity) and a verdict per acceptance bar. Nothing here is a pass/fail
 * test: the exit code is 1 only when a run itself failed (a clip the page could not analyse, ffmpeg failing).
 *
 * --save-tracks DIR  writes each result (the document `npm run analyze --out` writes) to DIR/<name>.json and the
 *                    variants' mapped labels to DIR/labels/<name>.json, so the analysis can be re-run on the same tracks
 * --from DIR         scores results saved by --save-tracks instead of running the browser (no pose runs)
 * --reanalyze       with --from: runs the current analysis core again on the saved pose frames (the pose model's output
 *                   is deterministic, so this is what a full run would give) — seconds instead of minutes
 * --only SUBSTRING   only the clips / variants whose name (e.g. treadmill-side-left@fps25) contains it
 * --json FILE        writes every figure as JSON
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildIfStale, ROOT, startAppServer } from './lib/app-server.mjs';
import { chromiumPath } from './lib/chromium.mjs';
import { poolScores, scoreClip } from './lib/label-score.mjs';
import { labelledClips, SHARED_DIR } from './lib/labels.mjs';
import { configurations, runLeaveOneOut, thresholdsPlugin } from './lib/loo.mjs';
import { analyzeInPage, openApp, openBrowser } from './lib/run-in-page.mjs';
import { buildVariant, VARIANTS } from './lib/variants.mjs';

/** Issue 19's acceptance bars on the labelled clips (cadence: issue 13's). */
export const BARS = { within2Pct: 90, within1Pct: 75, cadencePct: 5, strikeClassifiedPct: 80, toBiasFrames: 0.5, unmarkedWithin2Pct: 95, unmarkedSharePct: 85 };

/**
 * Unlabelled shared clips whose activity ../shared/README.md states. `expected` lists what is right; small-runner-side
 * crosses a 480×352 frame in 47 frames, where 'none' is an honest "too little evidence".
 */
export const ACTIVITY_CLIPS = [
  { clip: 'walking-side.mp4', expected: ['walking'], view: 'side', what: 'a woman walking left-to-right and back' },
  { clip: 'not-gait-dumbbell.mp4', expected: ['none'], view: null, what: 'front view of a dumbbell exercise, no gait' },
  { clip: 'overground-back-snow.mp4', expected: ['running'], view: 'back', what: 'a jogger running away from the camera, small after ~4 s' },
  { clip: 'overground-back-runner.mp4', expected: ['running'], view: 'back', what: 'a runner passing the camera, then running away' },
  { clip: 'small-runner-side.mp4', expected: ['running', 'none'], view: 'side', what: 'a small runner crossing a 480×352 frame in 47 frames' },
  { clip: 'sprint-blocks-no-steps.mp4', expected: ['none'], view: null, what: 'an aborted sprint start: kneels in the blocks, never rises; the camera then swings to the filmer\'s feet' },
];

function usage(msg) {
  if (msg) console.error(`error: ${msg}\n`);
  console.error('usage: npm run bench:accuracy [-- --save-tracks DIR] [--only SUBSTRING] [--json FILE] [--no-variants] [--no-activity] [--from DIR]');
  process.exit(2);
}

export function parseArgs(argv) {
  const o = { saveTracks: null, only: null, json: null, variants: true, activity: true, from: null, reanalyze: false, loo: true, shared: SHARED_DIR };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => argv[++i] ?? usage(`${a} needs a value`);
    if (a === '--save-tracks') o.saveTracks = val();
    else if (a === '--only') o.only = val();
    else if (a === '--json') o.json = val();
    else if (a === '--from') o.from = val();
    else if (a === '--reanalyze') o.reanalyze = true;
    else if (a === '--shared') o.shared = val();
    else if (a === '--no-variants') o.variants = false;
    else if (a === '--no-activity') o.activity = false;
    else if (a === '--no-loo') o.loo = false;
    else if (a === '-h' || a === '--help') usage();
    else usage(`unknown argument ${a}`);
  }
  if (o.reanalyze && !o.from) usage('--reanalyze needs --from DIR');
  return o;
}

/**
 * The current analysis core, loaded from the TypeScript sources through Vite (no build), and a re-run on saved frames.
 * `configure(config)` reloads it with threshold values overridden (scripts/lib/loo.mjs); `{}` is the shipped core.
 */
async function loadReanalysis() {
  const { createServer } = await import('vite');
  let config = {};
  const server = await createServer({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), logLevel: 'silent', server: { middlewareMode: true, hmr: false }, appType: 'custom', plugins: [thresholdsPlugin(() => config)] });
  let core = await server.ssrLoadModule('/src/core/analysis/index.ts');
  const { poseTrackFromFrames } = await server.ssrLoadModule('/src/core/poseTrack.ts');
  const run = (doc) => {
    const fps = doc.clip.measuredFps ?? doc.clip.nominalFps;
    const track = poseTrackFromFrames(doc.frames, doc.model.keypoints, doc.clip.displayWidth, doc.clip.displayHeight, fps);
    const brightness = doc.analysis?.quality?.imageBrightness;
    return { ...doc, analysis: core.analyzeGait(track, brightness === null || brightness === undefined ? {} : { imageBrightness: brightness }) };
  };
  return {
    close: () => server.close(),
    run,
    async configure(next) {
      config = next;
      server.moduleGraph.invalidateAll();
      core = await server.ssrLoadModule('/src/core/analysis/index.ts');
      return (doc) => run(doc).analysis;
    },
  };
}

// ------------------------------------------------------------------ formatting

const row = (cols) => `| ${cols.join(' | ')} |`;
const rule = (n) => row(Array.from({ length: n }, () => '---'));
const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(1)} %` : '—');
const frac = (c, key) => (c && c.total ? `${c[key]}/${c.total}` : '—');
const fracPct = (c, key) => (c && c.total ? `${c[key]}/${c.total} (${pct(c[key], c.total)})` : '—');
const signed = (x) => (x === null || !Number.isFinite(x) ? '—' : `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(2)}`);
const meanBias = (b) => (b.n ? b.sum / b.n : null);
const sidePair = (c) => (c ? `${c.within1}/${c.total} · ${c.within2}/${c.total}` : '—');
/** A signed percentage to one decimal (signed() gives two). */
const signedPct = (x) => signed(x).replace(/(\.\d)\d$/, '$1');
const contactCell = (c) => (c.label === null ? '—' : `${c.label.toFixed(0)} / ${c.found ?? 'none'}${c.found === null ? '' : ` (${signedPct(((c.found - c.label) / c.label) * 100)} %)`}${c.ok ? '' : ' ✗'}`);
const cadenceCell = (c) => (c.label === null ? '—' : `${c.label.toFixed(1)} / ${c.found ?? 'none'}${c.diffPct === null ? '' : ` (${signedPct(c.diffPct)} %)`}`);
/** Detections not marked low confidence: within ±2 frames of their label, and their share of all detections. */
const unmarkedCell = (u) => (u && u.detections ? `${u.unmarkedWithin2}/${u.unmarked} (${pct(u.unmarkedWithin2, u.unmarked)}) · ${u.unmarked}/${u.detections} (${pct(u.unmarked, u.detections)})` : '—');
const seconds = (ms) => (ms >= 60_000 ? `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s` : `${(ms / 1000).toFixed(1)} s`);

const ARROW = { 'right-to-left': '←', 'left-to-right': '→', away: 'away', toward: 'toward' };
function viewCell(v) {
  const dir = v.direction ? ` ${ARROW[v.direction] ?? v.direction}` : '';
  const wrong = [v.ok === false ? v.expected : null, v.directionOk === false ? ARROW[v.expectedDirection] : null].filter(Boolean);
  return `${v.found}${dir} (${v.confidence.toFixed(2)})${wrong.length ? ` (expected ${wrong.join(' ')})` : ''}`;
}

function machineLine(results) {
  const r = results.find((x) => x?.model && x?.backend);
  let chromium = 'Chromium ?';
  try {
    chromium = execFileSync(chromiumPath(), ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().replace(/ built on .*/, '');
  } catch {
    /* not installed */
  }
  const b = r?.backend;
  const backend = b ? `${b.id.toUpperCase()}${b.simd ? ' + SIMD' : ''}, ${b.threads} thread${b.threads > 1 ? 's' : ''}` : '?';
  return `Accuracy bench, ${new Date().toISOString().slice(0, 10)}: ${cpus()[0]?.model.trim() ?? 'CPU'} × ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM; ${chromium} headless; Node ${process.version}; model ${r?.model.name ?? '?'} on ${backend}`;
}

// ------------------------------------------------------------------ the run

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const t0 = Date.now();
  const loadAtStart = loadavg()[0];
  const want = (name) => !o.only || name.includes(o.only);
  const labelled = labelledClips(o.shared);
  if (!labelled.length) throw new Error(`no labels in ${join(o.shared, 'clips', 'labels')}`);
  const log = (s) => process.stderr.write(`${s}\n`);

  /** Jobs: { name, group: 'labelled' | 'variant' | 'activity', variant?, source?, path, labels?, expected? }. */
  const jobs = [];
  for (const c of labelled) {
    if (!c.clipExists) throw new Error(`${c.labelsPath} names ${c.clip}, which is not in ${join(o.shared, 'clips')}`);
    if (want(c.name)) jobs.push({ name: c.name, group: 'labelled', source: c.name, path: c.clipPath, labels: c.labels });
  }
  const variantDir = mkdtempSync(join(tmpdir(), 'stridescope-variants-'));
  let variantMs = 0;
  try {
    if (o.variants) {
      const tv = Date.now();
      for (const c of labelled) {
        for (const v of VARIANTS) {
          const name = `${c.name}@${v.id}`;
          if (!want(name)) continue;
          if (o.from) {
            const lp = join(o.from, 'labels', `${name}.json`);
            if (!existsSync(lp)) throw new Error(`--from: no ${lp}`);
            jobs.push({ name, group: 'variant', variant: v.id, source: c.name, path: null, labels: JSON.parse(readFileSync(lp, 'utf8')) });
            continue;
          }
          log(`making ${name} (${v.what})…`);
          const b = buildVariant(c.clipPath, c.name, c.labels, v, variantDir);
          jobs.push({ name, group: 'variant', variant: v.id, source: c.name, path: b.path, labels: b.labels });
        }
      }
      variantMs = Date.now() - tv;
    }
    if (o.activity) {
      for (const a of ACTIVITY_CLIPS) {
        const name = a.clip.replace(/\.[^.]+$/, '');
        const path = join(o.shared, 'clips', a.clip);
        if (!want(name)) continue;
        if (!existsSync(path)) {
          log(`${a.clip}: not in ${join(o.shared, 'clips')}, skipped`);
          continue;
        }
        jobs.push({ name, group: 'activity', path, expected: a });
      }
    }

    // run every job through the page (or read the saved results)
    let failed = 0;
    let pageMs = 0;
    let pageFrames = 0;
    if (o.saveTracks) mkdirSync(join(o.saveTracks, 'labels'), { recursive: true });
    const runJobs = async (run) => {
      for (const j of jobs) {
        const r = await run(j);
        j.result = r.result;
        j.error = r.error;
        j.wallMs = r.wallMs;
        if (r.phase !== 'done') failed++;
        if (o.saveTracks) {
          writeFileSync(join(o.saveTracks, `${j.name}.json`), JSON.stringify(r.result ?? { error: r.error, clip: r.summary?.clip ?? null }));
          if (j.labels) writeFileSync(join(o.saveTracks, 'labels', `${j.name}.json`), JSON.stringify(j.labels, null, 1));
        }
      }
    };
    if (o.from) {
      const re = o.reanalyze ? await loadReanalysis() : null;
      try {
        await runJobs(async (j) => {
          const p = join(o.from, `${j.name}.json`);
          if (!existsSync(p)) return { phase: 'error', result: null, error: { message: `no ${p}` }, wallMs: 0 };
          const doc = JSON.parse(readFileSync(p, 'utf8'));
          if (!doc.frames) return { phase: 'error', result: null, error: doc.error, wallMs: 0 };
          return { phase: 'done', result: re ? re.run(doc) : doc, error: null, wallMs: 0 };
        });
      } finally {
        await re?.close();
      }
    } else {
      buildIfStale();
      const server = await startAppServer();
      const { context, dir } = await openBrowser();
      try {
        const page = await openApp(context, server.url);
        await runJobs(async (j) => {
          const r = await analyzeInPage(page, j.path, { model: 'full', view: 'auto', wholeLongClips: true });
          const n = r.frameCount;
          pageMs += r.wallMs;
          pageFrames += n;
          log(`${j.name}: ${r.phase}${r.error ? ` (${r.error.message})` : ''}, ${n} frames in ${(r.wallMs / 1000).toFixed(1)} s`);
          return r;
        });
      } finally {
        await context.close();
        await server.close();
        rmSync(dir, { recursive: true, force: true });
      }
    }

    // score
    for (const j of jobs) {
      const fps = j.result ? (j.result.clip.measuredFps ?? j.result.clip.nominalFps) : (j.labels?.fps ?? 30);
      if (j.labels) j.score = scoreClip(j.labels, j.result?.analysis ?? null, fps);
      j.fps = fps;
    }
    const loo = o.loo && !o.only ? await leaveOneClipOut(jobs.filter((j) => j.group === 'labelled' && j.result?.frames)) : null;
    const report = printReport(jobs, { subset: o.only, machine: machineLine(jobs.map((j) => j.result)), timing: { totalMs: Date.now() - t0, variantMs, pageMs, pageFrames, from: o.from, reanalyzed: o.reanalyze, loadAtStart, loadAtEnd: loadavg()[0] } });
    if (loo) report.leaveOneClipOut = printLeaveOneOut(loo);
    if (o.json) {
      writeFileSync(o.json, JSON.stringify(report, null, 1));
      log(`figures → ${o.json}`);
    }
    if (failed) log(`${failed} run(s) failed`);
    return failed ? 1 : 0;
  } finally {
    rmSync(variantDir, { recursive: true, force: true });
  }
}

// ------------------------------------------------------------------ leave-one-clip-out

/** The labelled clips' saved frames analysed again under every configuration of the grid (scripts/lib/loo.mjs). */
async function leaveOneClipOut(labelled) {
  process.stderr.write(`leave-one-clip-out: ${configurations().length} configurations × ${labelled.length} labelled clips…\n`);
  const re = await loadReanalysis();
  try {
    const clips = labelled.map((j) => ({ name: j.name, doc: j.result, labels: j.labels, fps: j.fps }));
    return { ...(await runLeaveOneOut(clips, (c) => re.configure(c))), names: clips.map((c) => c.name) };
  } finally {
    await re.close();
  }
}

function printLeaveOneOut(l) {
  const out = (s = '') => console.log(s);
  const pc = (a, b) => `${a}/${b} (${pct(a, b)})`;
  const shipped = l.configs[0];
  const differs = (c) => Object.keys(shipped).filter((k) => c[k] !== shipped[k]).map((k) => `${k} ${c[k]}`).join(', ') || 'shipped';
  out();
  out(`**Leave-one-clip-out** (issue 19): ${l.configs.length} configurations of ${Object.keys(shipped).join(', ')} (shipped: ${Object.entries(shipped).map(([k, v]) => `${k} ${v}`).join(', ')}); each labelled clip scored with the configuration that scores best (events within ±2, then ±1) on the other labelled clips.`);
  out();
  out(row(['clip', 'configuration chosen without it', '±2 shipped', '±2 held out', '±1 shipped', '±1 held out']));
  out(rule(6));
  l.names.forEach((name, k) => {
    const s = l.scores[0][k];
    const h = l.scores[l.chosen[k]][k];
    out(row([name, differs(l.configs[l.chosen[k]]), `${s.within2}/${s.total}`, `${h.within2}/${h.total}`, `${s.within1}/${s.total}`, `${h.within1}/${h.total}`]));
  });
  out(row(['**pooled**', '', pc(l.pooled.within2, l.pooled.total), pc(l.held.within2, l.held.total), pc(l.pooled.within1, l.pooled.total), pc(l.held.within1, l.held.total)]));
  // the best configuration on all clips together, to show what tuning to these clips would buy (and cost held out)
  const all = l.scores.map((sc) => sc.reduce((a, x) => ({ w2: a.w2 + x.within2, w1: a.w1 + x.within1 }), { w2: 0, w1: 0 }));
  const best = all.reduce((b, x, i) => (x.w2 > all[b].w2 || (x.w2 === all[b].w2 && x.w1 > all[b].w1) ? i : b), 0);
  out();
  out(`Best configuration on all labelled clips together: ${differs(l.configs[best])} — ±2 ${pc(all[best].w2, l.pooled.total)}, ±1 ${pc(all[best].w1, l.pooled.total)}.`);
  return { configs: l.configs, names: l.names, scores: l.scores, chosen: l.chosen, pooled: l.pooled, heldOut: l.held, best };
}

// ------------------------------------------------------------------ the report

function printReport(jobs, { subset, machine, timing }) {
  const out = (s = '') => console.log(s);
  const labelledJobs = jobs.filter((j) => j.group === 'labelled');
  const variantJobs = jobs.filter((j) => j.group === 'variant');
  const scored = jobs.filter((j) => j.score);
  out(machine);
  if (subset) out(`Only the clips whose name contains "${subset}": a subset, not the acceptance figures.`);
  out();

  // per clip
  out('**Per clip** (labelled clips, then the variants made from them at run time). View: found, with the direction of travel (← right-to-left, → left-to-right) and its confidence. Events: labels with a detection of the same type and foot within ±1 / ±2 frames (greedy nearest match; none within 5 frames = missed); near / far: ±1 · ±2 on the labels with that side; extra: detections inside the labelled span matching no label; bias: mean signed error (detected − label, frames; + = late); strikes: right on the contacts whose strike is labelled certain (wrong: another strike given; the rest unclassified); cadence: from the labelled contacts / found (steps/min); contact: median contact time of the labelled contact → toe-off pairs / the analysis\'s (✗: outside ±10 % or ±1 frame).');
  out();
  const head = ['clip', 'frames @ fps', 'activity', 'view, direction (confidence)', 'events ±1', 'events ±2', 'near ±1 · ±2', 'far ±1 · ±2', 'missed', 'extra', 'bias IC / TO', 'strikes', 'cadence label / found', 'contact ms label / found'];
  out(row(head));
  out(rule(head.length));
  const ordered = [...labelledJobs, ...variantJobs.sort((a, b) => a.source.localeCompare(b.source))];
  for (const j of ordered) {
    const s = j.score;
    const a = j.result?.analysis;
    out(row([
      j.name,
      j.result ? `${j.result.frames.length} @ ${j.fps.toFixed(2).replace(/\.00$/, '')}` : `run failed: ${j.error?.message ?? '?'}`,
      `${s.activity.found ?? '—'}${s.activity.ok ? '' : ` (expected ${s.activity.expected})`}`,
      a ? viewCell(s.view) : '—',
      fracPct(s.events, 'within1'),
      fracPct(s.events, 'within2'),
      sidePair(s.events.near),
      sidePair(s.events.far),
      s.events.missed,
      s.events.extra,
      `${signed(meanBias(s.events.bias.IC))} / ${signed(meanBias(s.events.bias.TO))}`,
      `${s.strikes.right}/${s.strikes.certain}${s.strikes.wrong ? ` (${s.strikes.wrong} wrong)` : ''}`,
      cadenceCell(s.cadence),
      contactCell(s.contact),
    ]));
  }
  out();

  // pooled
  const groups = [['labelled clips', labelledJobs], ['derived variants', variantJobs]];
  for (const v of VARIANTS) {
    const js = variantJobs.filter((j) => j.variant === v.id);
    if (js.length) groups.push([`  ${v.id} (${v.short})`, js]);
  }
  groups.push(['all', scored]);
  const pooled = {};
  out('**Pooled** (counts summed over the clips of each group; cadence: clips within ±5 % of the labelled cadence, and the largest difference; last column: of the detections inside the labelled span — matched or extra — those not marked low confidence, how many are within ±2 frames of their label, and their share of all detections).');
  out();
  const pHead = ['group', 'clips', 'activity right', 'view · direction right', 'events ±1', 'events ±2', 'near ±1 · ±2', 'far ±1 · ±2', 'missed', 'extra', 'bias IC / TO', 'strikes', 'cadence within ±5 %', 'not marked low confidence: ±2 · share'];
  out(row(pHead));
  out(rule(pHead.length));
  for (const [label, js] of groups) {
    if (!js.length) continue;
    const p = poolScores(js.map((j) => j.score));
    pooled[label.trim()] = p;
    out(row([
      label.startsWith('  ') ? `↳ ${label.trim()}` : `**${label}**`,
      p.clips,
      `${p.activityOk}/${p.clips}`,
      `${p.viewOk}/${p.viewLabelled} · ${p.directionOk}/${p.directionLabelled}`,
      fracPct(p.events, 'within1'),
      fracPct(p.events, 'within2'),
      sidePair(p.events.near),
      sidePair(p.events.far),
      p.events.missed,
      p.events.extra,
      `${signed(meanBias(p.events.bias.IC))} / ${signed(meanBias(p.events.bias.TO))}`,
      `${p.strikes.right}/${p.strikes.certain} (${pct(p.strikes.right, p.strikes.certain)}), ${p.strikes.wrong} wrong`,
      p.cadence.clips ? `${p.cadence.within5}/${p.cadence.clips} (max ${p.cadence.maxAbsDiffPct === Infinity ? 'no cadence found' : `${p.cadence.maxAbsDiffPct.toFixed(1)} %`})` : '—',
      unmarkedCell(p.events.unmarked),
    ]));
  }
  out();

  // activity of the unlabelled clips
  const actJobs = jobs.filter((j) => j.group === 'activity');
  const activity = [];
  if (actJobs.length) {
    out('**Activity of the shared clips whose activity ../shared/README.md states** (most have no event labels; walking-side has since 2026-12-08, fixtures/labels).');
    out();
    const aHead = ['clip', 'what it shows', 'frames', 'expected', 'found', 'view, direction found (confidence)', 'right?', 'activity reason given'];
    out(row(aHead));
    out(rule(aHead.length));
    for (const j of actJobs) {
      const a = j.result?.analysis ?? null;
      const found = a?.activity ?? null;
      const ok = found !== null && j.expected.expected.includes(found);
      const viewOk = !j.expected.view || a?.view?.view === j.expected.view;
      const entry = { clip: j.name, expected: j.expected.expected, found, view: a?.view?.view ?? null, viewConfidence: a?.view?.confidence ?? null, expectedView: j.expected.view, ok, viewOk, reason: a?.activityReason ?? j.error?.message ?? null, frames: j.result?.frames.length ?? 0 };
      activity.push(entry);
      out(row([
        j.name,
        j.expected.what,
        entry.frames,
        j.expected.expected.join(' or ') + (j.expected.view ? ` (${j.expected.view})` : ''),
        found ?? `run failed: ${j.error?.message ?? '?'}`,
        a ? `${a.view.view}${a.view.direction ? ` ${ARROW[a.view.direction] ?? a.view.direction}` : ''} (${a.view.confidence.toFixed(2)})` : '—',
        ok ? (viewOk ? 'yes' : `activity yes, view no (expected ${j.expected.view})`) : 'no',
        (entry.reason ?? '—').replace(/\|/g, '/'),
      ]));
    }
    out();
  }

  // verdicts
  const L = pooled['labelled clips'];
  const V = pooled['derived variants'];
  const A = pooled.all;
  const verdicts = [];
  const verdict = (name, ok, figure, more) => {
    verdicts.push({ bar: name, pass: ok, figure, more });
    out(`- ${name}: **${ok === null ? 'not measured' : ok ? 'pass' : 'FAIL'}** — ${figure}${more ? `; ${more}` : ''}`);
  };
  const evFig = (p, k) => (p ? `${p.events[k]}/${p.events.total} (${pct(p.events[k], p.events.total)})` : '—');
  const evOk = (p, k, bar) => (p && p.events.total ? (100 * p.events[k]) / p.events.total >= bar : null);
  out('**Verdict** against the acceptance bars of issue 19 (cadence: issue 13\'s), on the labelled clips pooled (the variants and all together for comparison, not part of the bar):');
  out();
  if (L) {
    verdict(`events within ±2 frames ≥ ${BARS.within2Pct} %`, evOk(L, 'within2', BARS.within2Pct), `${evFig(L, 'within2')} on ${L.clips} labelled clip${L.clips > 1 ? 's' : ''}`, V ? `variants ${evFig(V, 'within2')}, all ${evFig(A, 'within2')}` : null);
    verdict(`events within ±1 frame ≥ ${BARS.within1Pct} %`, evOk(L, 'within1', BARS.within1Pct), evFig(L, 'within1'), V ? `variants ${evFig(V, 'within1')}, all ${evFig(A, 'within1')}` : null);
    const runningLabelled = labelledJobs.filter((j) => j.score.activity.expected === 'running');
    const runningActivity = actJobs.filter((j) => j.expected.expected.length === 1 && j.expected.expected[0] === 'running');
    const runRight = [...runningLabelled.filter((j) => j.score.activity.found === 'running'), ...runningActivity.filter((j) => j.result?.analysis?.activity === 'running')];
    const runTotal = runningLabelled.length + runningActivity.length;
    const missedRunning = [...runningLabelled.filter((j) => j.score.activity.found !== 'running'), ...runningActivity.filter((j) => j.result?.analysis?.activity !== 'running')].map((j) => `${j.name} → ${j.result?.analysis?.activity ?? 'run failed'}`);
    const vRun = variantJobs.filter((j) => j.score.activity.expected === 'running');
    const labRight = runningLabelled.filter((j) => j.score.activity.found === 'running');
    verdict('every labelled running clip recognised as running', labRight.length === runningLabelled.length, `${labRight.length}/${runningLabelled.length}`, `with the back-view runners ${runRight.length}/${runTotal}${missedRunning.length ? ` (${missedRunning.join(', ')})` : ''}${vRun.length ? `; variants ${vRun.filter((j) => j.score.activity.found === 'running').length}/${vRun.length}` : ''}`);
    const cad = labelledJobs.filter((j) => j.score.cadence.label !== null);
    const cadOk = cad.filter((j) => j.score.cadence.diffPct !== null && Math.abs(j.score.cadence.diffPct) <= BARS.cadencePct);
    verdict(`cadence within ±${BARS.cadencePct} % of the label's`, cad.length ? cadOk.length === cad.length : null, `${cadOk.length}/${cad.length} clips (${cad.map((j) => `${j.name} ${signedPct(j.score.cadence.diffPct)} %`).join(', ')})`, V?.cadence.clips ? `variants ${V.cadence.within5}/${V.cadence.clips}` : null);
    verdict(`0 wrong strikes on certain labels, ≥ ${BARS.strikeClassifiedPct} % classified`, L.strikes.certain ? L.strikes.wrong === 0 && (100 * L.strikes.right) / L.strikes.certain >= BARS.strikeClassifiedPct : null, `${L.strikes.wrong} wrong, ${L.strikes.right}/${L.strikes.certain} right (${pct(L.strikes.right, L.strikes.certain)})`, V ? `variants ${V.strikes.wrong} wrong, ${V.strikes.right}/${V.strikes.certain} right` : null);
    // walking: the analysis withholds contact and flight times by design (its toe-off timing is built for running), so
    // the bar is judged on the labelled running clips and a walking clip's withheld value is shown beside it
    const withLabel = labelledJobs.filter((j) => j.score.contact.label !== null);
    const ctJobs = withLabel.filter((j) => j.score.activity.expected === 'running');
    const ctOk = ctJobs.filter((j) => j.score.contact.ok);
    const others = withLabel.filter((j) => j.score.activity.expected !== 'running');
    verdict('contact time within ±10 % (or ±1 frame, whichever is larger) on every labelled running clip', ctJobs.length ? ctOk.length === ctJobs.length : null, `${ctOk.length}/${ctJobs.length} clips (${ctJobs.map((j) => `${j.name} ${contactCell(j.score.contact)}`).join(', ')})`, others.length ? others.map((j) => `${j.name} (${j.score.activity.expected}) ${j.score.contact.label.toFixed(0)} ms labelled, ${j.score.contact.found === null ? 'withheld by the analysis' : `${j.score.contact.found} ms found`}`).join(', ') : null);
    const toBias = meanBias(L.events.bias.TO);
    verdict(`toe-off bias within ±${BARS.toBiasFrames} frame pooled`, Number.isFinite(toBias) ? Math.abs(toBias) <= BARS.toBiasFrames : null, `${signed(toBias)} frame (contacts ${signed(meanBias(L.events.bias.IC))})`);
    const u = L.events.unmarked;
    verdict(`events not marked low confidence: ≥ ${BARS.unmarkedWithin2Pct} % within ±2 frames, ≥ ${BARS.unmarkedSharePct} % of detections`, u.unmarked && u.detections ? (100 * u.unmarkedWithin2) / u.unmarked >= BARS.unmarkedWithin2Pct && (100 * u.unmarked) / u.detections >= BARS.unmarkedSharePct : null, `${u.unmarkedWithin2}/${u.unmarked} (${pct(u.unmarkedWithin2, u.unmarked)}) within ±2; ${u.unmarked}/${u.detections} (${pct(u.unmarked, u.detections)}) not marked`);
  }
  for (const e of activity.filter((x) => !(x.expected.length === 1 && x.expected[0] === 'running'))) {
    out(`- ${e.clip} is ${e.expected.join(' or ')}: **${e.ok ? 'yes' : 'NO'}** — found ${e.found ?? 'nothing (run failed)'}`);
  }
  out();
  const t = timing;
  out(t.from
    ? `Scored from the results saved in ${t.from} (no pose runs${t.reanalyzed ? '; analysis core run again on the saved frames' : ''}) in ${seconds(t.totalMs)}.`
    : `Run time ${seconds(t.totalMs)} in all: ${jobs.length} analyses through the page, ${t.pageFrames} frames in ${seconds(t.pageMs)} (${((t.pageFrames * 1000) / Math.max(1, t.pageMs)).toFixed(1)} frames/s); variants made with ffmpeg in ${seconds(t.variantMs)}; machine load average ${t.loadAtStart.toFixed(1)} at the start, ${t.loadAtEnd.toFixed(1)} at the end (${cpus().length} cores; other processes slow the runs, not the figures).`);

  return {
    machine,
    timing,
    bars: BARS,
    clips: jobs.filter((j) => j.score).map((j) => ({ name: j.name, group: j.group, variant: j.variant ?? null, source: j.source, frames: j.result?.frames.length ?? 0, fps: j.fps, wallMs: j.wallMs, error: j.error ?? null, score: j.score })),
    pooled,
    activity,
    verdicts,
  };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
