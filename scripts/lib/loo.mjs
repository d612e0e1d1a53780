/**
 * Leave-one-clip-out for bench:accuracy (issue 19): the event-timing parameters that matter most are tried on a small
 * grid; for each labelled clip the configuration scoring best on the OTHER labelled clips (pooled events within ±2 and
 * ±1 frames) is chosen, and that clip is scored with it. Summed over the clips this is what the detector would score on
 * a clip nobody tuned it to — to print beside the pooled figures of the shipped configuration.
 *
 * A configuration overrides values of src/core/analysis/thresholds.ts: a Vite plugin rewrites their `export const`
 * lines when the analysis core is loaded from source, so the core itself needs no knob.
 */
import { scoreClip } from './label-score.mjs';

/** The grid: each parameter's shipped value and one step either side (docs/METHODS.md explains each). Parameters of
 *  the ≥ 50 fps fits (SMOOTH_TO_WEIGHT, …) are not in it: every labelled clip is 30 fps, where they change nothing.
 *  THIGH_TO_WEIGHT 0 is the toe's own toe-off (before the thigh was used), 1 the thigh's peak alone. */
export const LOO_GRID = {
  TO_FRAME_DELAY: [0.5, 0.75, 1],
  CHANGE_POINT_HALF_WINDOW: [0.08, 0.1, 0.12],
  IC_STOP_WEIGHT_30FPS: [0.5, 1, 1.5],
  THIGH_TO_WEIGHT: [0, 0.5, 1],
};

/** Every combination of the grid's values, the shipped one (the middle values) first. */
export function configurations(grid = LOO_GRID) {
  let out = [{}];
  for (const [name, values] of Object.entries(grid)) out = out.flatMap((c) => values.map((v) => ({ ...c, [name]: v })));
  const shipped = Object.fromEntries(Object.entries(grid).map(([k, v]) => [k, v[Math.floor(v.length / 2)]]));
  const key = (c) => JSON.stringify(Object.keys(grid).map((k) => c[k]));
  return [shipped, ...out.filter((c) => key(c) !== key(shipped))];
}

/** thresholds.ts with the configuration's values in place of the shipped ones (a number literal after `=` only). */
export function overrideThresholds(source, config) {
  let out = source;
  for (const [name, value] of Object.entries(config)) {
    const re = new RegExp(`(export const ${name}\\s*=\\s*)(-?[0-9.]+)(;)`);
    if (!re.test(out)) throw new Error(`thresholds.ts has no numeric ${name}`);
    out = out.replace(re, `$1${value}$3`);
  }
  return out;
}

/** A Vite plugin applying `current()` to thresholds.ts whenever it is transformed. */
export function thresholdsPlugin(current) {
  return {
    name: 'stridescope-loo-thresholds',
    enforce: 'pre',
    transform(code, id) {
      if (!id.replace(/\?.*$/, '').endsWith('/src/core/analysis/thresholds.ts')) return null;
      return { code: overrideThresholds(code, current()), map: null };
    },
  };
}

/** Events within ±2 and ±1 frames, and how many labels, of one clip under one configuration. */
function eventScore(clip, analysis) {
  const s = scoreClip(clip.labels, analysis, clip.fps).events;
  return { within2: s.within2, within1: s.within1, total: s.total };
}

/**
 * scores[c][k]: clip k under configuration c (index 0: shipped). For each clip, the configuration with the most events
 * within ±2 then ±1 on the other clips (ties: the earlier configuration, the shipped one first) scores it.
 */
export function leaveOneOut(scores) {
  const clips = scores[0].length;
  const sumExcept = (c, k) => scores[c].reduce((a, s, i) => (i === k ? a : { within2: a.within2 + s.within2, within1: a.within1 + s.within1 }), { within2: 0, within1: 0 });
  const held = { within2: 0, within1: 0, total: 0 };
  const chosen = [];
  for (let k = 0; k < clips; k++) {
    let best = 0;
    let bestScore = sumExcept(0, k);
    for (let c = 1; c < scores.length; c++) {
      const s = sumExcept(c, k);
      if (s.within2 > bestScore.within2 || (s.within2 === bestScore.within2 && s.within1 > bestScore.within1)) {
        best = c;
        bestScore = s;
      }
    }
    chosen.push(best);
    held.within2 += scores[best][k].within2;
    held.within1 += scores[best][k].within1;
    held.total += scores[best][k].total;
  }
  const pooled = scores[0].reduce((a, s) => ({ within2: a.within2 + s.within2, within1: a.within1 + s.within1, total: a.total + s.total }), { within2: 0, within1: 0, total: 0 });
  return { pooled, held, chosen };
}

/**
 * Runs the grid: `load(config)` gives `analyze(doc)`, the analysis core with that configuration run again on a saved
 * page result; clips: [{ name, doc, labels, fps }].
 */
export async function runLeaveOneOut(clips, load, grid = LOO_GRID) {
  const configs = configurations(grid);
  const scores = [];
  for (const config of configs) {
    const analyze = await load(config);
    scores.push(clips.map((clip) => eventScore(clip, analyze(clip.doc))));
  }
  return { configs, scores, ...leaveOneOut(scores) };
}
