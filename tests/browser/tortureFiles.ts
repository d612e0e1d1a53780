/**
 * The torture suite's odd inputs, made at test time from the shared clips with ffmpeg or by code (never committed).
 * Each returns the path of the file it wrote into `dir`.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedClip } from './helpers';

export const ffmpeg = (...args: string[]) => execFileSync('ffmpeg', ['-loglevel', 'error', '-y', ...args]);
const X264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'];

/** The video packets of an MP4: byte position, size, key flag and time (ffprobe). */
export function videoPackets(file: string): { pos: number; size: number; key: boolean; time: number }[] {
  const csv = execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=pts_time,pos,size,flags', '-of', 'csv=p=0', file], { encoding: 'utf8' });
  return csv
    .trim()
    .split('\n')
    .map((l) => {
      const [time, size, pos, flags] = l.split(',');
      return { time: Number(time), size: Number(size), pos: Number(pos), key: flags.startsWith('K') };
    })
    .sort((a, b) => a.time - b.time);
}

/**
 * The first 6 s of the treadmill clip (180 frames, a key frame every second) with the payload of the frames in
 * [`from`, `to`) overwritten by noise (the 4-byte NAL length prefixes kept, so the container is intact but the
 * pictures are not). Returns the file and the damaged frame indices.
 */
export function corruptMiddle(dir: string, from = 75, to = 78): { file: string; damaged: number[] } {
  const clean = treadmill6s(dir);
  const bytes = readFileSync(clean);
  const packets = videoPackets(clean);
  const damaged: number[] = [];
  let seed = 12345;
  for (let i = from; i < to; i++) {
    const p = packets[i];
    // keep the first NAL's 4-byte length and its 1-byte header; scramble the slice data after it
    for (let b = p.pos + 8; b < p.pos + p.size; b++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      bytes[b] = seed >>> 24;
    }
    damaged.push(i);
  }
  const file = join(dir, 'corrupt-middle.mp4');
  writeFileSync(file, bytes);
  return { file, damaged };
}

/** The first 6 s of the treadmill clip, H.264 with a key frame every second: the reference for the odd versions. */
export function treadmill6s(dir: string): string {
  const file = join(dir, 'keyframe-every-second.mp4');
  ffmpeg('-i', sharedClip('treadmill-side-left.mp4'), '-t', '6', ...X264, '-g', '30', '-bf', '0', file);
  return file;
}

/** The same 6 s re-encoded as VP9 in WebM. */
export function vp9Webm(dir: string): string {
  const file = join(dir, 'runner-vp9.webm');
  ffmpeg('-i', sharedClip('treadmill-side-left.mp4'), '-t', '6', '-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '2M', '-an', file);
  return file;
}

/**
 * Variable frame rate, as phones write in poor light: 6 s of the treadmill clip with every 3rd frame dropped in the
 * middle 2 s (timestamps kept), so frame intervals alternate between 33 and 67 ms there.
 */
export function variableFrameRate(dir: string): string {
  const file = join(dir, 'variable-frame-rate.mp4');
  ffmpeg('-i', sharedClip('treadmill-side-left.mp4'), '-t', '6', '-vf', "select='not(between(n,60,119)*eq(mod(n,3),0))'", '-vsync', 'vfr', ...X264, file);
  return file;
}

/** 240 fps slow motion with real-time timestamps: 2.5 s of the treadmill clip, each frame shown 8× (600 frames). */
export function slowMotion240(dir: string): string {
  const file = join(dir, 'slow-motion-240fps.mp4');
  ffmpeg('-i', sharedClip('treadmill-side-left.mp4'), '-t', '2.5', '-vf', 'fps=240', ...X264, file);
  return file;
}

/** 4K portrait (2160×3840): 3 s of the treadmill clip scaled up. */
export function uhd4k(dir: string): string {
  const file = join(dir, '4k-portrait.mp4');
  ffmpeg('-i', sharedClip('treadmill-side-left.mp4'), '-t', '3', '-vf', 'scale=2160:3840', ...X264, file);
  return file;
}

/** 10 minutes: the 12 s treadmill clip 50 times over (stream copy, ~90 MB). */
export function tenMinutes(dir: string): string {
  const list = join(dir, 'list.txt');
  writeFileSync(list, Array.from({ length: 50 }, () => `file '${sharedClip('treadmill-side-left.mp4')}'`).join('\n'));
  const file = join(dir, 'ten-minutes.mp4');
  ffmpeg('-f', 'concat', '-safe', '0', '-i', list, '-c', 'copy', file);
  return file;
}

/** 4 s with no person: the top of the treadmill clip (the room above the runner's head, 720×600). */
export function noPerson(dir: string): string {
  const file = join(dir, 'no-person.mp4');
  ffmpeg('-i', sharedClip('treadmill-side-left.mp4'), '-t', '4', '-vf', 'crop=720:600:0:0', ...X264, file);
  return file;
}

/** Two runners side by side: 4 s of the treadmill clip beside its mirror image (1440×1280). */
export function twoPeople(dir: string): string {
  const file = join(dir, 'two-people.mp4');
  ffmpeg('-i', sharedClip('treadmill-side-left.mp4'), '-t', '4', '-filter_complex', '[0:v]split[a][b];[b]hflip[m];[a][m]hstack', ...X264, file);
  return file;
}

/** The runner cut off at the knees: 6 s of the treadmill clip with the picture cropped above `keepFraction` of its height. */
export function cutAtKnees(dir: string, keepFraction: number): string {
  const file = join(dir, 'cut-at-knees.mp4');
  ffmpeg('-i', sharedClip('treadmill-side-left.mp4'), '-t', '6', '-vf', `crop=720:${2 * Math.round((1280 * keepFraction) / 2)}:0:0`, ...X264, file);
  return file;
}

/**
 * A portrait phone clip as phones store it: the 6 s treadmill clip's pixels turned on their side (1280×720) with
 * a display matrix that turns them upright again, by `rotation` degrees clockwise (as mediabunny reports it; the
 * pixels are turned the other way). ffmpeg 5.1's `rotate` tag is read as counter-clockwise (tag 90 → 270 clockwise),
 * and is only written when stream-copying.
 */
export function storedSideways(dir: string, rotation: 90 | 270): string {
  const turned = join(dir, `turned-${rotation}.mp4`);
  ffmpeg('-i', sharedClip('treadmill-side-left.mp4'), '-t', '6', '-vf', rotation === 90 ? 'transpose=2' : 'transpose=1', ...X264, turned);
  const file = join(dir, `stored-sideways-rotate-${rotation}.mp4`);
  ffmpeg('-i', turned, '-c', 'copy', '-metadata:s:v:0', `rotate=${360 - rotation}`, file);
  return file;
}
