/**
 * Issue 19's acceptance for clips whose speed changes or that cut between shots, made with ffmpeg from the shared clips
 * and run through `npm run analyze` (the app's own page, headless, real decoder and model) so the JSON can be read
 * whole: `analysis.segments` (ClipSegment in src/core/analysis/types.ts), one per stretch analysed on its own time
 * scale — speed is real time per clip time (0.25 for ×4 slow motion), cadence in real time.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { ROOT, scratchDir, sharedClip } from './helpers';

const X264 = ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '18', '-pix_fmt', 'yuv420p', '-an'];
const ffmpeg = (...args: string[]) => execFileSync('ffmpeg', ['-loglevel', 'error', '-y', ...args]);

interface Segment {
  startFrame: number;
  endFrame: number;
  speed: number;
  used: boolean;
  reason: string | null;
  cadence: number | null;
}

interface Result {
  analysis: { segments?: Segment[]; summary: { cadence: { value: number | null } }; view: { setting: string | null; cues: string[] }; activity: string };
}

function analyzeJson(clip: string, ...extra: string[]): Result {
  const out = join(scratchDir(), 'seg.json');
  execFileSync('npm', ['run', '--silent', 'analyze', '--', clip, '--out', out, ...extra], { cwd: ROOT, stdio: 'pipe', timeout: 600_000 });
  return JSON.parse(readFileSync(out, 'utf8'));
}

test('real time → ×4 slow motion → real time: three segments; with the capture rate each cadence within ±3 % of the original', async () => {
  test.setTimeout(15 * 60_000);
  // the treadmill clip: 0–3 s as filmed, 3–5 s slowed 4× (8 s, each frame shown 4 times at 30 fps, as a phone's
  // 120 fps slow motion played at 30 shows its frames once each), then 5–9 s as filmed
  const dir = scratchDir();
  const ramp = join(dir, 'ramp-1x-4x-1x.mp4');
  const expr = 'if(lt(T,3),PTS,if(lt(T,5),(3+(T-3)*4)/TB,(11+(T-5))/TB))';
  ffmpeg('-t', '9', '-i', sharedClip('treadmill-side-left.mp4'), '-vf', `setpts='${expr}',fps=30`, ...X264, ramp);
  const original = analyzeJson(sharedClip('treadmill-side-left.mp4')).analysis.summary.cadence.value!;
  const a = analyzeJson(ramp, '--capture-fps', '120').analysis;
  const segs = a.segments ?? [];
  expect(segs.map((s) => s.speed)).toEqual([1, 0.25, 1]);
  // boundaries within 0.5 s of where the speed changes (frames 90 and 330 of the made clip)
  expect(Math.abs(segs[1].startFrame - 90)).toBeLessThanOrEqual(15);
  expect(Math.abs(segs[2].startFrame - 330)).toBeLessThanOrEqual(15);
  for (const s of segs.filter((x) => x.used)) expect(Math.abs(s.cadence! - original) / original).toBeLessThanOrEqual(0.03);
});

test('a hard cut between two shared clips: analysed per shot, each cadence within ±5 % of its clip alone', async () => {
  test.setTimeout(15 * 60_000);
  const dir = scratchDir();
  const a = join(dir, 'a.mp4');
  const b = join(dir, 'b.mp4');
  const cut = join(dir, 'cut.mp4');
  // 6 s of the treadmill runner, then the overground pass scaled and padded into the same 720×1280 portrait frame
  ffmpeg('-t', '6', '-i', sharedClip('treadmill-side-left.mp4'), ...X264, '-r', '30', a);
  ffmpeg('-i', sharedClip('overground-side-right-to-left.mp4'), '-vf', 'scale=720:-2,pad=720:1280:0:(oh-ih)/2', ...X264, '-r', '30', b);
  ffmpeg('-i', a, '-i', b, '-filter_complex', '[0:v][1:v]concat=n=2:v=1[v]', '-map', '[v]', ...X264, cut);
  const results = [analyzeJson(a), analyzeJson(b)];
  const alone = results.map((d) => d.analysis.summary.cadence.value);
  // issue 19 item 7, on the same runs: the setting from the picture — a treadmill, and a runner passing a still camera
  expect(results.map((d) => d.analysis.view.setting)).toEqual(['treadmill', 'overground']);
  const segs = (analyzeJson(cut).analysis.segments ?? []).filter((s) => s.used);
  expect(segs).toHaveLength(2);
  expect(Math.abs(segs[0].endFrame - 180)).toBeLessThanOrEqual(1);
  segs.forEach((s, i) => {
    if (alone[i] === null) return; // a shot whose clip alone gives no cadence is only checked for its boundary
    expect(Math.abs(s.cadence! - alone[i]!) / alone[i]!).toBeLessThanOrEqual(0.05);
  });
});

test('a camera that follows the runner is told apart from the picture (the background moves), not taken for a treadmill', async () => {
  test.setTimeout(10 * 60_000);
  // the overground pass seen through a 640 × 1080 window that pans with the runner (≈ 1000 px/s, as he runs), so he
  // stays near the middle of the picture while the path, the grass and the house slide past behind him
  const follow = join(scratchDir(), 'following.mp4');
  ffmpeg('-i', sharedClip('overground-side-right-to-left.mp4'), '-vf', "crop=640:1080:'max(0,min(1280,1621-1000*t))':0", ...X264, follow);
  const r = analyzeJson(follow).analysis;
  expect(r.view.setting, r.view.cues.join('; ')).toBe('following');
  expect(r.activity).toBe('running');
});
