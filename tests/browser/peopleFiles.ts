/**
 * Several people in view, made at test time from the shared clips with ffmpeg (never committed): the treadmill
 * runner (6 s, 720×1280) with a second person standing beside him — the man of not-gait-dumbbell.mp4 (front view,
 * lifting dumbbells), cut out of his plain light background (colorkey) and set on a widened canvas.
 */
import { join } from 'node:path';
import { ffmpeg } from './tortureFiles';
import { sharedClip } from './helpers';

export interface Composite {
  file: string;
  /** Hip-centre x of the standing person (display pixels); the runner's is ≈ 300. */
  otherHipX: number;
}

/** Where the standing man goes: his scale (1.15 ≈ the runner's height), his crop's top-left corner, the canvas width. */
const VARIANTS = {
  /** beside the treadmill, both in full view, same height */
  beside: { scale: 1.15, x: 675, y: 415, width: 1340 },
  /** partly in front of the runner: his body and raised arms cover the runner's back and trailing leg */
  front: { scale: 1.15, x: 215, y: 415, width: 880 },
  /** closer to the camera: 1.4× the runner's height, beside him */
  bigger: { scale: 1.6, x: 740, y: 128, width: 1660 },
} as const;

export type Variant = keyof typeof VARIANTS;

export function runnerWithStandingPerson(dir: string, variant: Variant, seconds = 6): Composite {
  const v = VARIANTS[variant];
  const file = join(dir, `runner-and-${variant}.mp4`);
  ffmpeg(
    '-i', sharedClip('treadmill-side-left.mp4'),
    '-i', sharedClip('not-gait-dumbbell.mp4'),
    '-t', String(seconds),
    '-filter_complex',
    `[0:v]pad=${v.width}:1280:0:0:color=0xcfcfcf[base];` +
      // the man's 560×720 part of the frame (x 360–920), scaled, his light background keyed out
      `[1:v]crop=560:720:360:0,scale=iw*${v.scale}:-2,format=rgba,colorkey=0xe0e0e0:0.2:0.05[man];` +
      `[base][man]overlay=${v.x}:${v.y}:shortest=1,format=yuv420p`,
    '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '18', '-an', file,
  );
  // his hips are at x ≈ 300 of the 560 px crop
  return { file, otherHipX: v.x + 300 * v.scale };
}
