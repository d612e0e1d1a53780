/**
 * Several people in view (METHODS §1, "Several people"): a single-person pose track can jump from the runner to
 * another person (a coach beside the treadmill, a passer-by) and back. This module finds those jumps, splits the track
 * into identity segments, links the segments that belong to one person, keeps the runner's — the person whose legs
 * cycle — and blanks the others' frames (treated as "no person"), so the analysis never mixes two people.
 * Pure TypeScript.
 */
import type { KeypointName, PoseTrack } from '../types';
import { FIELDS_PER_KEYPOINT } from '../poseTrack';

// The thresholds of this module live here for now (to be moved to thresholds.ts). Units: body scales (below), seconds.
/**
 * Largest hip-centre shift one person makes between two frames, beyond the motion allowed by IDENTITY_MAX_SPEED.
 * One person on the shared clips moves at most 0.20 body scales in a frame (overground runner at 30 fps); a pose-model
 * glitch on a runner half out of the frame 0.54; a jump to another person 1.7–4.6 (multi-person-vp9), ≈ 0.9 for a
 * coach standing partly in front of a treadmill runner.
 */
export const IDENTITY_JUMP_BASE = 0.3;
/** Fastest plausible travel, body scales per second (a 10 m/s sprinter with ~0.9 m legs ≈ 11; 6 covers running). */
export const IDENTITY_MAX_SPEED = 6;
/** Largest change of body scale between two frames of one person (one person on the shared clips: ≤ 1.15 per frame; glitches 1.6–1.9). */
export const IDENTITY_SIZE_RATIO = 1.5;
/**
 * The travel allowed between two sightings grows with the time between them up to this long: after a longer absence a
 * person is looked for where they were last seen (a coach standing, a runner on a treadmill), not anywhere they could
 * have run to.
 */
export const IDENTITY_TRAVEL_CAP_S = 0.25;
/**
 * No pose for longer than this between two sightings is a gap (the person left, or the model lost them), not a jump:
 * what follows a gap may be the runner coming back (a second pass), what follows a jump is someone else.
 */
export const IDENTITY_GAP_S = 0.5;
/** Hips scoring below this, or outside the picture, are the model's guess: such a frame neither splits nor links. */
export const IDENTITY_MIN_HIP_SCORE = 0.3;
/** An identity other than the runner's shorter than this in total is a pose glitch, not another person: left alone. */
export const MIN_OTHER_PERSON_S = 0.25;
/**
 * The feet "pass each other" when the signed difference of the ankles (left − right) goes from above +FOOT_PASS_LEVEL
 * to below −FOOT_PASS_LEVEL or back, along x (fore-aft in a side view) or y (up-down, also seen from behind); body-scale
 * units. A change faster than FOOT_FLIP_PER_S is the model exchanging the left and right labels, not a pass. Shared
 * clips (passes x / y): treadmill runner 33 / 35 in 12 s, runner from behind (snow) 0 / 32 in 12 s, walker 18 / 0 in
 * 10 s, a person standing (dumbbell exercise) 0 / 0 in 18 s. Feet moving apart and together (a star jump seen from the
 * front) never change the sign.
 */
export const FOOT_PASS_LEVEL = 0.15;
/** body scales per second: 0.5 between two frames at 30 fps; a foot swings at ≤ ~7 body scales/s relative to the other. */
export const FOOT_FLIP_PER_S = 15;
/** Legs "cycle" with at least this many passes (one stride). */
export const MIN_CYCLING_PASSES = 2;

/** Where a person is and how big: the hip centre and a body scale (the longer leg, or twice the trunk if longer), pixels. */
export interface Body {
  x: number;
  y: number;
  scale: number;
}

/**
 * Whether `b` can be the same person as `a` seen `dtS` seconds earlier: the hip centre moved at most
 * (IDENTITY_JUMP_BASE + IDENTITY_MAX_SPEED·dt) body scales and the scale changed by at most IDENTITY_SIZE_RATIO.
 */
export function sameBody(a: Body, b: Body, dtS: number): boolean {
  return bodyDistance(a, b, dtS) <= 1;
}

/** Hip-centre shift as a fraction of what one person can do in `dtS`; Infinity when the size changed too much. */
export function bodyDistance(a: Body, b: Body, dtS: number): number {
  const big = Math.max(a.scale, b.scale);
  const small = Math.min(a.scale, b.scale);
  if (!(small > 0) || big / small > IDENTITY_SIZE_RATIO) return Infinity;
  const allowed = big * (IDENTITY_JUMP_BASE + IDENTITY_MAX_SPEED * Math.min(IDENTITY_TRAVEL_CAP_S, Math.max(0, dtS)));
  return Math.hypot(a.x - b.x, a.y - b.y) / allowed;
}

/** Counts foot passes in a sequence of signed ankle differences (left − right, body scales; NaN skipped). */
export class FootPassCounter {
  passes = 0;
  private axes = { x: { side: 0, last: NaN, at: NaN, count: 0 }, y: { side: 0, last: NaN, at: NaN, count: 0 } };

  push(dx: number, dy: number, tS: number): void {
    this.step(this.axes.x, dx, tS);
    this.step(this.axes.y, dy, tS);
    this.passes = Math.max(this.axes.x.count, this.axes.y.count);
  }

  private step(a: { side: number; last: number; at: number; count: number }, d: number, tS: number): void {
    if (!Number.isFinite(d)) return;
    const side = d > FOOT_PASS_LEVEL ? 1 : d < -FOOT_PASS_LEVEL ? -1 : 0;
    if (side !== 0 && a.side !== 0 && side !== a.side) {
      const flip = Number.isFinite(a.last) && Math.abs(d - a.last) > FOOT_FLIP_PER_S * Math.max(tS - a.at, 1e-3);
      if (!flip) a.count++;
    }
    if (side !== 0) a.side = side;
    a.last = d;
    a.at = tS;
  }
}

/** A pose's keypoints as name → [x, y, score] (NaN when absent), for `bodyOf` and `footSeparation`. */
export type PointOf = (name: KeypointName) => readonly [number, number, number?];

type XY = readonly [number, number, number?];
const dist = (p: XY, q: XY) => Math.hypot(p[0] - q[0], p[1] - q[1]);
const mid = (p: XY, q: XY) => [(p[0] + q[0]) / 2, (p[1] + q[1]) / 2] as const;

/**
 * The body of one pose, or null without both hips inside the picture (`width` × `height`) and scoring at least
 * IDENTITY_MIN_HIP_SCORE (a runner cut off at the waist gets guessed hips), or without any scale.
 */
export function bodyOf(pt: PointOf, width: number, height: number): Body | null {
  const lh = pt('left_hip');
  const rh = pt('right_hip');
  for (const h of [lh, rh]) {
    if (!(h[0] >= 0 && h[0] <= width && h[1] >= 0 && h[1] <= height)) return null;
    if (h[2] !== undefined && !(h[2] >= IDENTITY_MIN_HIP_SCORE)) return null;
  }
  const hip = mid(lh, rh);
  const legs = (['left', 'right'] as const).map((s) => dist(pt(`${s}_hip`), pt(`${s}_knee`)) + dist(pt(`${s}_knee`), pt(`${s}_ankle`)));
  const trunk = dist(hip, mid(pt('left_shoulder'), pt('right_shoulder')));
  const scale = Math.max(...[...legs, 2 * trunk].filter(Number.isFinite));
  return scale > 0 ? { x: hip[0], y: hip[1], scale } : null;
}

/** Left ankle − right ankle along x and y, in body scales. */
export function footSeparation(pt: PointOf, scale: number): [number, number] {
  const l = pt('left_ankle');
  const r = pt('right_ankle');
  return [(l[0] - r[0]) / scale, (l[1] - r[1]) / scale];
}

export interface Identity {
  /** Frames with a pose assigned to this person. */
  frames: number;
  first: number;
  last: number;
  /** Foot passes over this person's frames (the leg cycle). */
  passes: number;
  runner: boolean;
  /** Blanked as another person. */
  blanked: boolean;
}

export interface PeopleResult {
  /** 0 on the frames whose pose belongs to another person (blanked), 1 elsewhere. */
  keep: Uint8Array;
  otherPersonFrames: number;
  /** Frames on which the track jumped to a body that cannot be the one of the frame before. */
  jumps: number[];
  identities: Identity[];
}

/**
 * Splits the track at jumps, links the segments into people (a segment continues the person whose last body it can
 * be, the nearest if several, else it is a new person), and keeps the runner: the person whose feet pass each other
 * most often (at least MIN_CYCLING_PASSES), else the person seen on most frames. The others seen for at least
 * MIN_OTHER_PERSON_S are blanked — except a person whose legs cycle too, who appears only after and before gaps
 * (IDENTITY_GAP_S without a pose, or the clip's ends) and never at the same time as the runner: that is the runner
 * coming back (a second pass in front of the camera), kept.
 */
export function separatePeople(track: PoseTrack): PeopleResult {
  const n = track.frameCount;
  const K = track.keypointNames.length;
  const index = new Map(track.keypointNames.map((name, k) => [name, k]));
  const keep = new Uint8Array(n).fill(1);
  const pointAt = (f: number): PointOf => (name) => {
    const k = index.get(name);
    if (k === undefined) return [NaN, NaN];
    const o = (f * K + k) * FIELDS_PER_KEYPOINT;
    return [track.data[o], track.data[o + 1], Number.isFinite(track.data[o + 3]) ? track.data[o + 3] : 1];
  };
  const timeS = (f: number) => (track.timestampsUs[n - 1] > track.timestampsUs[0] ? track.timestampsUs[f] / 1e6 : f / track.fps);

  interface Person { id: number; body: Body; at: number; frames: number[]; counter: FootPassCounter; jumpedTo: Set<number> }
  const people: Person[] = [];
  const jumps: number[] = [];
  let current: Person | null = null;
  for (let f = 0; f < n; f++) {
    if (Number.isNaN(track.poseScore[f])) continue;
    const pt = pointAt(f);
    const body = bodyOf(pt, track.width, track.height);
    if (!body) continue;
    const gap = current ? timeS(f) - timeS(current.at) : Infinity;
    let person: Person | null = null;
    if (current && sameBody(current.body, body, gap)) person = current;
    else {
      // a new segment: the person it can continue (nearest), else someone new
      let best = Infinity;
      for (const p of people) {
        if (p === current) continue;
        const d = bodyDistance(p.body, body, timeS(f) - timeS(p.at));
        if (d <= 1 && d < best) {
          best = d;
          person = p;
        }
      }
      person ??= { id: people.length, body, at: f, frames: [], counter: new FootPassCounter(), jumpedTo: new Set() };
      if (person.frames.length === 0) people.push(person);
      if (current && gap <= IDENTITY_GAP_S) {
        // a jump: these two are different people, seen one right after the other
        jumps.push(f);
        current.jumpedTo.add(person.id);
        person.jumpedTo.add(current.id);
      }
    }
    person.body = body;
    person.at = f;
    person.frames.push(f);
    const [dx, dy] = footSeparation(pt, body.scale);
    person.counter.push(dx, dy, timeS(f));
    current = person;
  }
  if (people.length < 2) return { keep, otherPersonFrames: 0, jumps, identities: [] };

  const cycles = (p: Person) => p.counter.passes >= MIN_CYCLING_PASSES;
  const runner = [...people].sort((a, b) => (cycles(b) ? b.counter.passes : 0) - (cycles(a) ? a.counter.passes : 0) || b.frames.length - a.frames.length)[0];
  const overlaps = (p: Person) => p.frames[0] < runner.frames[runner.frames.length - 1] && runner.frames[0] < p.frames[p.frames.length - 1];
  const minOther = Math.max(1, Math.round(MIN_OTHER_PERSON_S * track.fps));
  let otherPersonFrames = 0;
  const identities: Identity[] = people.map((p) => {
    const returning = cycles(p) && p.jumpedTo.size === 0 && !overlaps(p);
    const blanked = p !== runner && !returning && p.frames.length >= minOther;
    if (blanked) {
      for (const f of p.frames) keep[f] = 0;
      otherPersonFrames += p.frames.length;
    }
    return { frames: p.frames.length, first: p.frames[0], last: p.frames[p.frames.length - 1], passes: p.counter.passes, runner: p === runner, blanked };
  });
  return { keep, otherPersonFrames, jumps, identities };
}

/** The track with the frames where `keep` is 0 turned into "no person" (the keypoint data is shared, not copied). */
export function withoutFrames(track: PoseTrack, keep: Uint8Array): PoseTrack {
  const poseScore = Float32Array.from(track.poseScore);
  for (let f = 0; f < track.frameCount; f++) if (!keep[f]) poseScore[f] = NaN;
  return { ...track, poseScore };
}
