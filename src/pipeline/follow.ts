/**
 * Following one person when several are in view (pure: the pose worker, workers/pose.ts, feeds it; docs/PIPELINE.md
 * "Several people"). Now and then MoveNet MultiPose looks for everyone; the pose stage follows one person and never
 * lets BlazePose's re-detection hand it someone else: the box it takes must be where the followed person can be
 * (identity.ts `bodyDistance`), and a pose that jumped is not reported. The runner is the person whose feet pass each
 * other (the leg cycle), found by following everyone in view for a short while.
 */
import type { Keypoint, KeypointName } from '../core/types';
import { bodyDistance, bodyOf, footSeparation, FootPassCounter, type Body } from '../core/analysis/identity';

/** The pose stage looks for everyone (MoveNet MultiPose on the whole frame) this often, in clip time: to count the people and see newcomers. */
export const SCAN_EVERY_MS = 500;
/**
 * Once the followed person's legs cycle (the runner is found) the scans only count the others: they run this many
 * times less often (a scan costs about as much as one frame's pose).
 */
export const RUNNER_FOUND_SCAN_FACTOR = 2;
/**
 * Two bodies seen at once whose hip centres are closer than this times the smaller body scale are one person (a second
 * box on part of the body: 0.37 on the treadmill runner, from BlazePose's detector); a person standing partly in front
 * of another is 0.65 away.
 */
export const SAME_PLACE = 0.5;
/** When a newcomer is seen and the followed person's legs are not cycling, everyone in view is followed this long to find the runner. */
export const EVALUATE_MS = 1000;
/** An evaluation that found no one whose legs cycle more is not repeated for this long. */
export const EVALUATE_BACKOFF_MS = 2000;
/** The followed person's legs "cycle" with at least this many foot passes in the last CYCLING_WINDOW_MS. */
export const CYCLING_PASSES = 2;
export const CYCLING_WINDOW_MS = 2000;
/** The followed person not seen for this long is forgotten: the next person found is followed. */
export const LOST_AFTER_MS = 1000;
/** A detection and a pose of one person differ in scale by at most this factor. */
export const DETECTION_SIZE_RATIO = 2;
/** See countedPeople. */
export const WHOLE_BODY_MARGIN = 0.2;
export const OTHER_MIN_SIZE = 0.35;
/** People a scan reports at most (MoveNet MultiPose finds up to 6), and the least pose score one needs to count. */
export const MAX_PEOPLE = 6;
export const MIN_PERSON_SCORE = 0.25;
/**
 * BlazePose's detection gives the hip centre and a point on the circle around the body; that radius times this is
 * about our body scale (the longer leg, or twice the trunk): 1.17 is the median of pose scale / radius on the treadmill
 * runner's scans; single frames and other people range 0.7–1.5 (see DETECTION_SIZE_RATIO).
 */
export const DETECTION_RADIUS_TO_SCALE = 1.17;

/** A person's body from a pose's keypoints (display pixels), or null without hips in the picture. */
export function bodyOfPose(keypoints: readonly Keypoint[], width: number, height: number): Body | null {
  const by = new Map(keypoints.map((k) => [k.name, k]));
  return bodyOf((name: KeypointName) => {
    const k = by.get(name);
    return k ? [k.x, k.y, k.score] : [NaN, NaN];
  }, width, height);
}

/** Left − right ankle along x and y in body scales, for the foot-pass counter. */
export function footDifference(keypoints: readonly Keypoint[], scale: number): [number, number] {
  const by = new Map(keypoints.map((k) => [k.name, k]));
  return footSeparation((name: KeypointName) => {
    const k = by.get(name);
    return k ? [k.x, k.y] : [NaN, NaN];
  }, scale);
}

/** A body from a detection's hip centre and body-circle point (display pixels). */
export function bodyOfDetection(hip: { x: number; y: number }, edge: { x: number; y: number }): Body {
  return { x: hip.x, y: hip.y, scale: DETECTION_RADIUS_TO_SCALE * Math.hypot(edge.x - hip.x, edge.y - hip.y) };
}

/**
 * Which detection is the followed person: the one nearest where they can be after `dtS` (the travel of identity.ts
 * `bodyDistance`; a detection's scale is a rougher estimate than a pose's — 0.7–1.5× on the shared clips — so sizes
 * may differ up to DETECTION_SIZE_RATIO), -1 when none can be: the frame then has no pose rather than someone else's.
 */
export function pickDetection(bodies: readonly Body[], followed: Body, dtS: number): number {
  let best = -1;
  let bestD = 1;
  bodies.forEach((b, i) => {
    const big = Math.max(b.scale, followed.scale);
    if (!(Math.min(b.scale, followed.scale) * DETECTION_SIZE_RATIO >= big)) return;
    const d = bodyDistance(followed, { ...b, scale: followed.scale }, dtS);
    if (d <= bestD) {
      bestD = d;
      best = i;
    }
  });
  return best;
}

/**
 * A detected person counts as someone else only with the whole body in the picture — hips inside it, and the body
 * circle (the detector's radius, about half the height) at most WHOLE_BODY_MARGIN of a radius beyond the top or
 * bottom: a runner passing close to the camera, cut off, gives odd second boxes — and at least OTHER_MIN_SIZE of the
 * followed person's body scale (of the biggest body found when no one is followed yet): a speck on the horizon
 * (overground-back-runner: a box of scale 52 beside the runner's 433) is no one to confuse the runner with.
 */
export function countedPeople(bodies: readonly Body[], width: number, height: number, followedScale: number | null): Body[] {
  const ref = followedScale ?? Math.max(0, ...bodies.map((b) => b.scale));
  return bodies.filter((b) => wholeInView(b, width, height) && b.scale >= OTHER_MIN_SIZE * ref);
}

/** See countedPeople. */
export function wholeInView(b: Body, width: number, height: number): boolean {
  const r = b.scale / DETECTION_RADIUS_TO_SCALE;
  const out = WHOLE_BODY_MARGIN * r;
  return b.x >= 0 && b.x <= width && b.y - r >= -out && b.y + r <= height + out;
}

/** Whether two bodies seen at once are one person: hip centres within SAME_PLACE of the smaller body scale. */
export function samePlace(a: Body, b: Body): boolean {
  return Math.hypot(a.x - b.x, a.y - b.y) <= SAME_PLACE * Math.min(a.scale, b.scale);
}

/** Detections that are not any of the `known` people (seen `dtS` ago): newcomers. */
export function newcomers(bodies: readonly Body[], known: readonly { body: Body; dtS: number }[]): number[] {
  return bodies.map((_, i) => i).filter((i) => known.every((k) => !samePlace(k.body, bodies[i]) && bodyDistance(k.body, bodies[i], k.dtS) > 1));
}

/** BlazePose's region of interest (input-image fractions), as its detector makes one around a body. */
export interface NormRect {
  xCenter: number;
  yCenter: number;
  width: number;
  height: number;
  rotation?: number;
}

/**
 * A BlazePose region of interest around a body (display pixels; the model's input is `width` × `height` pixels,
 * display = input × `scale`): a square on the hip centre, 2.5 detector radii wide as BlazePose's detector makes it
 * (its box is 2 radii, enlarged 1.25×), upright. The landmark model then re-centres it from the first frame on.
 */
export function roiOfBody(b: Body, width: number, height: number, scale: number): NormRect {
  const side = (2.5 * b.scale) / DETECTION_RADIUS_TO_SCALE / scale;
  return { xCenter: b.x / scale / width, yCenter: b.y / scale / height, width: side / width, height: side / height, rotation: 0 };
}

/** Foot passes with their times, for "are the legs cycling lately". */
export class LegCycle {
  private counter = new FootPassCounter();
  private times: number[] = [];

  push(keypoints: readonly Keypoint[], body: Body, tMs: number): void {
    const before = this.counter.passes;
    const [dx, dy] = footDifference(keypoints, body.scale);
    this.counter.push(dx, dy, tMs / 1000);
    if (this.counter.passes > before) this.times.push(tMs);
    // only the last seconds are ever asked about
    while (this.times.length && this.times[0] < tMs - 10_000) this.times.shift();
  }

  /** Passes since `sinceMs` (clip time; the last 10 s are kept). */
  passesSince(sinceMs: number): number {
    return this.times.filter((t) => t >= sinceMs).length;
  }
}
