#!/usr/bin/env node
/**
 * Makes the sample clip a first visitor can try: public/sample/sample-treadmill.mp4 and public/sample/sample.json
 * (git-ignored, made on this machine, never committed). The page offers "Try a sample clip" only when sample.json is
 * served; without it (no ../shared beside the checkout) the page simply does not offer one.
 *
 *   node scripts/make-sample.mjs           make it if missing or made by an older recipe (npm postinstall)
 *   node scripts/make-sample.mjs --check   the same, silent when it is there (npm run build, npm start)
 *   node scripts/make-sample.mjs --force   make it again
 *
 * Source: ../shared/clips/treadmill-side-left.mp4 (GaitLab, zzzhushi/running-gait-analysis, tests/data/male_side.mp4,
 * MIT). With ffmpeg: 6 s from 3 s in, re-encoded with libx264 (an exact cut whatever the key frames; ~0.8 MB). Without
 * ffmpeg: a plain copy of the whole 12 s clip. Never fails the install: it explains and exits 0.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = join(root, '..', 'shared', 'clips', 'treadmill-side-left.mp4');
const OUT_DIR = join(root, 'public', 'sample');
const VIDEO = 'sample-treadmill.mp4';
/** Bumped whenever the recipe changes, so an old sample is made again. */
const RECIPE = 1;
const START_S = 3;
const LENGTH_S = 6;
const MAX_BYTES = 1.5e6;

const LICENCE = `MIT License

Copyright (c) 2026 zzzhushi

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
`;

const force = process.argv.includes('--force');
const check = process.argv.includes('--check');
const say = (m) => console.log(`sample clip: ${m}`);

function upToDate() {
  try {
    const meta = JSON.parse(readFileSync(join(OUT_DIR, 'sample.json'), 'utf8'));
    return meta.made?.recipe === RECIPE && statSync(join(OUT_DIR, VIDEO)).size === meta.bytes;
  } catch {
    return false;
  }
}

/** Duration in seconds from the MP4's movie header (mvhd), so a plain copy needs no ffprobe. */
function mp4Duration(file) {
  const b = readFileSync(file);
  const i = b.indexOf('mvhd');
  if (i < 0) return null;
  const v = b[i + 4];
  const timescale = v === 1 ? b.readUInt32BE(i + 24) : b.readUInt32BE(i + 16);
  const duration = v === 1 ? Number(b.readBigUInt64BE(i + 28)) : b.readUInt32BE(i + 20);
  return timescale ? duration / timescale : null;
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return r.error || r.status !== 0 ? null : r.stdout;
}

/** { frames, fps, width, height } as ffprobe reads them (null without ffprobe). */
function probe(file) {
  const out = run('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-count_frames', '-show_entries', 'stream=nb_read_frames,r_frame_rate,width,height', '-of', 'json', file]);
  if (!out) return null;
  const s = JSON.parse(out).streams?.[0];
  if (!s) return null;
  const [n, d] = String(s.r_frame_rate).split('/').map(Number);
  return { frames: Number(s.nb_read_frames), fps: d ? n / d : n, width: s.width, height: s.height };
}

if (!force && upToDate()) {
  if (!check) say(`present in public/sample (${VIDEO})`);
  process.exit(0);
}
if (!existsSync(SOURCE)) {
  say(`not made: ${SOURCE} is not here (the ../shared folder sits beside a development checkout); the page then offers no sample`);
  process.exit(0);
}

mkdirSync(OUT_DIR, { recursive: true });
const tmp = join(OUT_DIR, `.${VIDEO}.tmp.mp4`);
rmSync(tmp, { force: true });
const args = ['-y', '-v', 'error', '-ss', String(START_S), '-t', String(LENGTH_S), '-i', SOURCE, '-an', '-map_metadata', '-1', '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23', '-pix_fmt', 'yuv420p', '-r', '30', '-movflags', '+faststart', tmp];
let how;
if (run('ffmpeg', args) !== null && existsSync(tmp) && statSync(tmp).size > 0) {
  how = { method: 'ffmpeg re-encode', command: `ffmpeg ${args.slice(0, -1).join(' ')} ${VIDEO}`, trimmed: { startS: START_S, lengthS: LENGTH_S } };
} else {
  rmSync(tmp, { force: true });
  copyFileSync(SOURCE, tmp);
  chmodSync(tmp, 0o644); // the shared clips are read-only
  how = { method: 'plain copy (ffmpeg not available)', command: null, trimmed: null };
}
renameSync(tmp, join(OUT_DIR, VIDEO));

const file = join(OUT_DIR, VIDEO);
const bytes = statSync(file).size;
const durationS = mp4Duration(file);
const p = probe(file);
const seconds = Math.round(durationS ?? LENGTH_S);
const meta = {
  name: VIDEO,
  file: `sample/${VIDEO}`,
  label: `treadmill runner, ${seconds} s`,
  durationS,
  frames: p?.frames ?? null,
  fps: p?.fps ?? 30,
  width: p?.width ?? 720,
  height: p?.height ?? 1280,
  bytes,
  shows:
    'A man jogging on a home treadmill, filmed in portrait from his left side (camera low and about 30° behind him): a side view with heel strikes, ' +
    'about 169 steps/min. The camera is lower and more oblique than the filming guide asks, so angles are rough.',
  source: {
    project: 'GaitLab',
    repository: 'https://github.com/zzzhushi/running-gait-analysis',
    path: 'tests/data/male_side.mp4',
    copyright: 'Copyright (c) 2026 zzzhushi',
    licence: 'MIT',
  },
  attribution: `Sample clip from GaitLab (github.com/zzzhushi/running-gait-analysis), © 2026 zzzhushi, MIT licence${how.trimmed ? `; ${LENGTH_S} s cut from ${START_S} s in and re-encoded` : ''}.`,
  licenceText: LICENCE,
  made: { recipe: RECIPE, by: 'scripts/make-sample.mjs', from: '../shared/clips/treadmill-side-left.mp4', ...how, at: new Date().toISOString() },
};
writeFileSync(join(OUT_DIR, 'sample.json'), `${JSON.stringify(meta, null, 2)}\n`);
say(`made public/sample/${VIDEO} (${(bytes / 1e6).toFixed(2)} MB, ${durationS?.toFixed(1) ?? '?'} s, ${how.method})`);
if (bytes > MAX_BYTES) say(`warning: larger than ${MAX_BYTES / 1e6} MB (every visitor's service worker caches it)`);
