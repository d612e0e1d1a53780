/**
 * Derived variants of a labelled clip for `npm run bench:accuracy`: clips nobody tuned on, made at run time with
 * ffmpeg into a temporary folder (never committed), each with its labels mapped to the variant's own frames.
 *
 * The label mapping is pure (below, unit-tested in tests/unit/variants.test.ts); the ffmpeg part builds the clip and
 * checks that ffmpeg picked the frames the mapping says it picks.
 *
 * How ffmpeg's `fps` filter picks frames (libavfilter/vf_fps.c, default round=near, eof_action=round): each input
 * frame's timestamp is rescaled to the output time base 1/fps, rounded to the nearest integer (halves away from zero);
 * the first output frame takes the first input's rounded timestamp P0; output frame n (timestamp P0 + n) shows the
 * LAST input frame whose rounded timestamp is ≤ P0 + n (a frame whose successor also qualifies is dropped; a frame
 * that is still the last one qualifying for the next slot is shown again); output stops at the rounded end-of-stream
 * time (last frame's timestamp + its duration). 30 → 25 fps: output n shows source max{ i : round(5i/6) ≤ n }, i.e.
 * 0 1 2 4 5 6 7 8 10 …: every 6th source frame from frame 3 on is dropped.
 */
import { execFileSync } from 'node:child_process';
import { basename, join } from 'node:path';

/** The variants the bench makes from each labelled clip; `vf` is the ffmpeg filter. */
export const VARIANTS = [
  { id: 'fps25', short: '25 fps', what: 'resampled to 25 fps (ffmpeg fps=25)', vf: 'fps=25', resampleFps: 25 },
  { id: 'mirror', short: 'mirrored', what: 'mirrored (hflip): runs the other way, anatomical left/right swapped', vf: 'hflip', mirror: true },
  { id: 'half', short: 'half resolution', what: 'half resolution (each side ÷ 2)', vf: 'scale=trunc(iw/4)*2:trunc(ih/4)*2:flags=bicubic' },
  { id: 'roll3', short: 'rolled 3°', what: 'camera rolled 3° (rotate, black corners)', vf: 'rotate=3*PI/180:fillcolor=black' },
];

/** round(pts × inTb / outTb) with halves away from zero (av_rescale_q_rnd, AV_ROUND_NEAR_INF); tb = [num, den]. */
export function rescaleNear(pts, inTb, outTb) {
  const num = pts * inTb[0] * outTb[1];
  const den = inTb[1] * outTb[0];
  const q = Math.floor(Math.abs(num) / den);
  const r = Math.abs(num) - q * den;
  const rounded = 2 * r >= den ? q + 1 : q;
  return num < 0 ? -rounded : rounded;
}

/**
 * Which source frame each output frame of ffmpeg's `fps=<fps>` filter shows (see the module comment).
 * pts: the source frames' timestamps in presentation order (integers in time base tb = [num, den], as the filter
 * gets them: relative to the file's start time); endPts: end of the stream (last pts + its duration), same base.
 */
export function fpsFilterSourceFrames({ pts, tb, endPts, fps }) {
  const outTb = [1, fps];
  const r = pts.map((p) => rescaleNear(p, tb, outTb));
  const end = rescaleNear(endPts, tb, outTb);
  const out = [];
  let i = 0;
  for (let n = r[0]; n < end; n++) {
    while (i + 1 < r.length && r[i + 1] <= n) i++;
    out.push(i);
  }
  return out;
}

/**
 * Labels of a clip mapped to the frames of a variant that shows, at output frame j, source frame outToSrc[j].
 * A label (IC: first frame in contact; TO: first frame off) maps to the first output frame showing a source frame
 * at or after the labelled one. When the labelled frame itself is not shown (dropped), the event lies somewhere
 * between two output frames: its uncertainty grows by 1. A label after the last output frame is left out.
 */
export function mapLabelsThroughFrames(labelDoc, outToSrc, fps) {
  const events = [];
  for (const e of labelDoc.events) {
    const j = outToSrc.findIndex((s) => s >= e.frame);
    if (j < 0) continue;
    const exact = outToSrc[j] === e.frame;
    events.push({ ...e, frame: j, uncertainty: (e.uncertainty ?? 1) + (exact ? 0 : 1), source_frame: e.frame });
  }
  return { ...labelDoc, fps, frames: outToSrc.length, events };
}

const SWAP_FOOT = { left: 'right', right: 'left' };
const SWAP_DIRECTION = { 'left-to-right': 'right-to-left', 'right-to-left': 'left-to-right' };

/**
 * Labels of the mirrored clip (hflip): the runner now runs the other way, and the mirror image of a left leg is a
 * right leg, so anatomical left/right swap (feet named 'a'/'b' stay, being unknown anyway); what is nearer the
 * camera stays nearer, so near/far stay. Frames are unchanged.
 */
export function mirrorLabels(labelDoc) {
  const out = { ...labelDoc, events: labelDoc.events.map((e) => ({ ...e, foot: SWAP_FOOT[e.foot] ?? e.foot })) };
  if (labelDoc.direction) out.direction = SWAP_DIRECTION[labelDoc.direction] ?? labelDoc.direction;
  if (labelDoc.facing) out.facing = SWAP_FOOT[labelDoc.facing] ?? labelDoc.facing;
  if (labelDoc.near_side) out.near_side = SWAP_FOOT[labelDoc.near_side] ?? labelDoc.near_side;
  return out;
}

/** The labels of `variant` made from a clip with `frameCount` frames (outToSrc: the fps filter's choice, if any). */
export function variantLabels(variant, labelDoc, { frameCount, outToSrc = null }) {
  let doc = outToSrc
    ? mapLabelsThroughFrames(labelDoc, outToSrc, variant.resampleFps)
    : mapLabelsThroughFrames(labelDoc, Array.from({ length: frameCount }, (_, i) => i), labelDoc.fps);
  if (variant.mirror) doc = mirrorLabels(doc);
  return { ...doc, variant: variant.id, derived_from: labelDoc.clip };
}

// ------------------------------------------------------------------ ffmpeg (impure)

const run = (cmd, args) => execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 2 ** 20, stdio: ['ignore', 'pipe', 'pipe'] });

/** Source timestamps as ffmpeg's filters get them: integer pts in the stream's time base, from the file's start. */
export function probeTimestamps(path) {
  const info = JSON.parse(run('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=time_base:format=start_time', '-of', 'json', path]));
  const tb = info.streams[0].time_base.split('/').map(Number);
  const start = Math.round((Number(info.format.start_time ?? 0) * tb[1]) / tb[0]);
  const rows = run('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'frame=pts,duration', '-of', 'json', path]);
  const frames = JSON.parse(rows).frames.map((f) => ({ pts: Number(f.pts) - start, duration: Number(f.duration ?? 0) }));
  frames.sort((a, b) => a.pts - b.pts);
  const last = frames[frames.length - 1];
  const step = frames.length > 1 ? frames[1].pts - frames[0].pts : 0;
  return { tb, pts: frames.map((f) => f.pts), endPts: last.pts + (last.duration || step) };
}

/** MD5 of every decoded video frame (ffmpeg framemd5; sound left out), optionally after a filter. */
function frameHashes(path, vf) {
  const out = run('ffmpeg', ['-v', 'error', '-i', path, '-an', ...(vf ? ['-vf', vf] : []), '-fps_mode', 'passthrough', '-f', 'framemd5', '-']);
  return out.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split(',').pop().trim());
}

/**
 * Builds `variant` of the clip at srcPath into dir (H.264, CRF 18) and maps its labels. Every output frame is checked
 * against the source frame the mapping says it shows (decoded pixels identical, for the fps filter, which copies
 * frames; for the 1:1 filters the frame count): a mismatch throws rather than scoring against wrong labels.
 */
export function buildVariant(srcPath, name, labelDoc, variant, dir) {
  const outPath = join(dir, `${name}@${variant.id}.mp4`);
  let outToSrc = null;
  let frameCount;
  if (variant.resampleFps) {
    const ts = probeTimestamps(srcPath);
    outToSrc = fpsFilterSourceFrames({ ...ts, fps: variant.resampleFps });
    const src = frameHashes(srcPath, null);
    const out = frameHashes(srcPath, variant.vf);
    const bad = out.findIndex((h, j) => src[outToSrc[j]] !== h);
    if (out.length !== outToSrc.length || bad >= 0) {
      throw new Error(`${variant.id}: ffmpeg picked other frames than the mapping (${out.length} vs ${outToSrc.length} frames; first mismatch at output frame ${bad})`);
    }
  } else frameCount = frameCountOf(srcPath);
  run('ffmpeg', ['-v', 'error', '-y', '-i', srcPath, '-vf', variant.vf, '-fps_mode', 'passthrough', '-an', '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '18', '-pix_fmt', 'yuv420p', '-movflags', '+faststart', outPath]);
  const made = frameCountOf(outPath);
  const expected = outToSrc ? outToSrc.length : frameCount;
  if (made !== expected) throw new Error(`${variant.id}: ${made} frames written, ${expected} expected`);
  return { path: outPath, name: `${name}@${variant.id}`, labels: { ...variantLabels(variant, labelDoc, { frameCount, outToSrc }), clip: basename(outPath) }, frames: made };
}

/** Number of video packets (= frames) in a file. */
function frameCountOf(path) {
  return Number(run('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-count_packets', '-show_entries', 'stream=nb_read_packets', '-of', 'csv=p=0', path]).trim());
}
