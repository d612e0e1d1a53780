/**
 * Pose estimation on one image at a time, with weights served from the app's own origin.
 * BlazePose (33 keypoints incl. heel and toe) by default; MoveNet (17, no feet) selectable.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-converter';
import * as poseDetection from '@tensorflow-models/pose-detection';
import { BLAZEPOSE_KEYPOINTS, MOVENET_KEYPOINTS, type Keypoint, type KeypointName, type PoseModelId } from '../src/core/types';
import { squareCrops, type Crop } from '../src/pipeline/crops';
import { modelFilesFor, modelUrl } from '../src/pipeline/models';
import { sameBody, type Body } from '../src/core/analysis/identity';
import {
  bodyOfDetection,
  bodyOfPose,
  CYCLING_PASSES,
  CYCLING_WINDOW_MS,
  EVALUATE_BACKOFF_MS,
  EVALUATE_MS,
  LegCycle,
  LOST_AFTER_MS,
  MAX_PEOPLE,
  newcomers,
  pickDetection,
  SCAN_EVERY_MS,
  RUNNER_FOUND_SCAN_FACTOR,
  MIN_PERSON_SCORE,
  samePlace,
  countedPeople,
  roiOfBody,
  type NormRect,
} from '../src/pipeline/follow';

export interface PoseResult {
  score: number;
  keypoints: Keypoint[];
}

export interface PoseEstimator {
  model: PoseModelId;
  keypointNames: readonly KeypointName[];
  /** Estimates one pose; coordinates are multiplied by `scale` (input pixels → display pixels). Null: no person. */
  estimate(image: ImageData, timestampUs: number, scale: number): Promise<PoseResult | null>;
  /** Forgets tracking state (BlazePose keeps a region of interest between frames). */
  reset(): void;
  /** While the runner is out of view, search the crops once per this many ms (default ABSENT_SEARCH_EVERY_MS; 0 = every frame). */
  absentSearchEveryMs: number;
  /** Look for everyone now and then and follow the runner among several people (default true; BlazePose only). */
  followPeople: boolean;
  /** Model runs on crops of the frame after the whole frame found no one (each costs about one frame's pose). */
  readonly cropRetries: number;
  /** Several people in view (BlazePose): what the person detector saw and what following the runner cost. */
  readonly people: PeopleStats;
  /**
   * True while the pose stage follows everyone in view to find the runner (at most EVALUATE_MS of clip time): the
   * frames estimated meanwhile are to be held back, and get their poses from settle() once this is false again.
   */
  readonly holding: boolean;
  /** The final poses of the frames estimated while holding, in order (ends a pending evaluation first); [] when none. */
  settle(): (PoseResult | null)[];
  dispose(): void;
}

export interface PeopleStats {
  /** Person-detector runs on whole frames (every SCAN_EVERY_MS of clip time) and the most people one of them found. */
  scans: number;
  maxPeople: number;
  /** Frames within SCAN_EVERY_MS after a scan that saw someone besides the followed person. */
  otherFrames: number;
  firstOtherUs: number | null;
  lastOtherUs: number | null;
  /** Times everyone in view was followed to find the runner, and how often that changed whom the pose follows. */
  evaluations: number;
  switches: number;
  /** Landmark-model runs on people other than the followed one (evaluations), and the time they and the scans took. */
  extraRuns: number;
  extraMs: number;
  /** Runs of the multi-person model looking for everyone (scans), and the time they took. */
  detectorRuns: number;
  scanMs: number;
  /** Poses not reported because they had jumped away from the followed person; re-detections refused for the same reason. */
  jumpsRefused: number;
  detectionsRefused: number;
}

/** Nobody found for this long (ms of clip time): the runner is out of view (not yet in, or gone). */
export const ABSENT_AFTER_MS = 500;
/**
 * While the runner is out of view, the crop search runs once per this many ms of clip time instead of on every frame
 * (a runner coming in where only a crop finds them is found at most this much later; every other frame is unchanged).
 */
export const ABSENT_SEARCH_EVERY_MS = 100;

/** Keypoints scoring below this are still reported (with their score); the pose needs this mean to count. */
export const MIN_POSE_SCORE = 0.1;

export async function createPoseEstimator(model: PoseModelId, base: string): Promise<PoseEstimator> {
  const files = modelFilesFor(model);
  let detector: poseDetection.PoseDetector;
  let names: readonly KeypointName[];
  if (model === 'movenet' || model === 'movenet-thunder') {
    detector = await poseDetection.createDetector(poseDetection.SupportedModels.MoveNet, {
      modelType: model === 'movenet' ? poseDetection.movenet.modelType.SINGLEPOSE_LIGHTNING : poseDetection.movenet.modelType.SINGLEPOSE_THUNDER,
      modelUrl: modelUrl(base, files[0]),
      enableSmoothing: false,
    });
    names = MOVENET_KEYPOINTS as unknown as readonly KeypointName[];
  } else {
    detector = await poseDetection.createDetector(poseDetection.SupportedModels.BlazePose, {
      runtime: 'tfjs',
      modelType: model,
      enableSmoothing: false,
      enableSegmentation: false,
      detectorModelUrl: modelUrl(base, files[0]),
      landmarkModelUrl: modelUrl(base, files[1]),
    });
    names = BLAZEPOSE_KEYPOINTS;
  }

  /** Runs the model on one image; keypoints mapped to display pixels via the crop offset and scale. */
  const run = async (image: ImageData, timestampUs: number, scale: number, ox: number, oy: number): Promise<PoseResult | null> => {
    geometry = { ox, oy, width: image.width, height: image.height, scale };
    const poses = await detector.estimatePoses(image, { maxPoses: 1, flipHorizontal: false }, timestampUs / 1000);
    const pose = poses[0];
    if (!pose || pose.keypoints.length === 0) return null;
    const keypoints: Keypoint[] = pose.keypoints.map((k, i) => ({
      name: (k.name ?? names[i]) as KeypointName,
      x: (k.x + ox) * scale,
      y: (k.y + oy) * scale,
      z: (k.z ?? 0) * scale,
      score: k.score ?? 0,
    }));
    const mean = keypoints.reduce((s, k) => s + k.score, 0) / keypoints.length;
    const score = pose.score ?? mean;
    if (mean < MIN_POSE_SCORE) return null;
    return { score: Math.min(score, 1), keypoints };
  };
  let lastCentre: number | null = null; // where the person was last seen, as a fraction of the long side
  // clip times (µs): the first frame, the last frame with a person, the last crop search
  let firstUs: number | null = null;
  let lastSeenUs: number | null = null;
  let lastSearchUs = -Infinity;
  let cropRetries = 0;

  // ---- several people (BlazePose): the person followed, the others followed for a while to find the runner ----
  /** Where the image given to the model sits in the frame, and the input → display scale (detections are mapped by it). */
  let geometry = { ox: 0, oy: 0, width: 1, height: 1, scale: 1 };
  let displaySize = { width: 1, height: 1 };
  /** Someone besides the followed person has been seen in this run: only then are detections and poses checked. */
  let several = false;
  let followed: Tracked | null = null;
  /** The region of interest the followed person's next landmark run starts from (BlazePose's own, kept between frames). */
  let trackRoi: NormRect | null = null;
  let candidates: Tracked[] = [];
  /** Everyone in view followed for a while: their leg cycles since it began, and their poses on the frames held back meanwhile. */
  let evaluation: { startUs: number; followed: Tracked; cycles: Map<Tracked, LegCycle>; poses: Map<Tracked, (PoseResult | null)[]> } | null = null;
  /** The poses of the frames held back during the last evaluation: the runner's (settle()). */
  let settled: (PoseResult | null)[] = [];
  let noEvaluationBeforeUs = -Infinity;
  let lastScanUs = -Infinity;
  let otherUntilUs = -Infinity;
  let people: PeopleStats = emptyPeopleStats();
  const internals = model === 'movenet' || model === 'movenet-thunder' ? null : (detector as unknown as BlazePoseInternals);
  if (internals) {
    const detectPose = internals.detectPose.bind(internals);
    /** Every person the detector finds, as bodies in display pixels (image: the tensor of `geometry`'s image). */
    const detectAll = async (image3d: tf.Tensor3D): Promise<{ detections: Detection[]; bodies: Body[] }> => {
      const one = internals.maxPoses;
      internals.maxPoses = MAX_PEOPLE;
      try {
        const all = await detectPose(image3d);
        const g = geometry;
        const px = (p: { x: number; y: number }) => ({ x: (p.x * g.width + g.ox) * g.scale, y: (p.y * g.height + g.oy) * g.scale });
        const detections: Detection[] = [];
        const bodies: Body[] = [];
        for (const d of all) {
          const k = d.locationData.relativeKeypoints ?? [];
          if (k.length < 2) continue;
          const body = bodyOfDetection(px(k[0]), px(k[1]));
          // a second box on the same person (the suppression keeps boxes overlapping the best one by < 30 %) is not a second person
          if (bodies.some((b) => samePlace(b, body))) continue;
          detections.push(d);
          bodies.push(body);
        }
        return { detections, bodies };
      } finally {
        internals.maxPoses = one;
      }
    };
    // BlazePose re-detects whenever it has no region of interest, and takes the detector's best box: with several
    // people in view, take the followed person's instead (or nobody), never whoever the detector likes best
    internals.detectPose = async (image3d) => {
      const { detections, bodies } = await detectAll(image3d);
      if (!several || !followed || detections.length === 0) return detections.slice(0, 1);
      const dtS = (nowUs - followed.lastUs) / 1e6;
      if (dtS * 1000 > LOST_AFTER_MS) return detections.slice(0, 1);
      const i = pickDetection(bodies, followed.body, dtS);
      if (i < 0) people.detectionsRefused++;
      return i < 0 ? [] : [detections[i]];
    };
  }
  /**
   * Everyone in view: MoveNet MultiPose (lightning, 256 px on the long side) on the whole frame, as bodies (display
   * pixels) with a BlazePose region of interest each. BlazePose's own person detector missed a runner beside a man
   * standing partly in front of him for 2 s (composite "front"), and people small in a wide frame.
   */
  let everyone: poseDetection.PoseDetector | null = null;
  if (internals) {
    // without it (not served) the pose stage follows one person as the detector chooses, as before
    everyone = await poseDetection
      .createDetector(poseDetection.SupportedModels.MoveNet, {
        modelType: poseDetection.movenet.modelType.MULTIPOSE_LIGHTNING,
        modelUrl: modelUrl(base, 'movenet-multipose'),
        enableTracking: false,
        multiPoseMaxDimension: 256,
      })
      .catch(() => null);
  }
  const scan = async (image: ImageData, scale: number) => {
    const t0 = performance.now();
    const found: { body: Body; roi: NormRect }[] = [];
    for (const p of everyone ? await everyone.estimatePoses(image, { maxPoses: MAX_PEOPLE }) : []) {
      if ((p.score ?? 0) < MIN_PERSON_SCORE) continue;
      const keypoints = p.keypoints.map((k) => ({ name: k.name as KeypointName, x: k.x * scale, y: k.y * scale, z: 0, score: k.score ?? 0 }));
      const body = bodyOfPose(keypoints, image.width * scale, image.height * scale);
      if (!body || found.some((f) => samePlace(f.body, body))) continue;
      found.push({ body, roi: roiOfBody(body, image.width, image.height, scale) });
    }
    people.detectorRuns++;
    people.scanMs += performance.now() - t0;
    return found;
  };
  let nowUs = 0;

  /** The model on one person's region of interest (null: re-detect); the region it leaves for the next frame. */
  const runOn = async (image: ImageData, timestampUs: number, scale: number, roi: NormRect | null) => {
    if (internals) internals.regionOfInterest = roi;
    const pose = await run(image, timestampUs, scale, 0, 0);
    return { pose, roi: internals ? internals.regionOfInterest : null };
  };
  const bodyOfResult = (p: PoseResult | null) => (p ? bodyOfPose(p.keypoints, displaySize.width, displaySize.height) : null);

  /**
   * Ends the evaluation when its time is up, when someone's legs clearly cycle and the followed person's do not, or
   * when `now` (the clip ended): the person whose feet passed each other most is followed from here on, and the
   * frames held back meanwhile get their poses.
   */
  const decide = (timestampUs: number, now: boolean) => {
    if (!evaluation) return;
    const ev = evaluation;
    const passes = (t: Tracked) => ev.cycles.get(t)!.passesSince(-Infinity);
    const best = candidates.filter((c) => c.roi && c.lastUs === timestampUs).sort((a, b) => passes(b) - passes(a))[0];
    const followedPasses = passes(ev.followed);
    const clear = best !== undefined && passes(best) >= CYCLING_PASSES && followedPasses === 0;
    if (!now && !clear && timestampUs - ev.startUs < EVALUATE_MS * 1000) return;
    const winner = best && passes(best) > followedPasses ? best : ev.followed;
    if (winner !== ev.followed) {
      people.switches++;
      followed = winner;
      trackRoi = winner.roi;
    } else noEvaluationBeforeUs = timestampUs + EVALUATE_BACKOFF_MS * 1000;
    settled = ev.poses.get(winner) ?? [];
    evaluation = null;
    candidates = [];
  };

  const est: PoseEstimator = {
    model,
    keypointNames: names,
    absentSearchEveryMs: ABSENT_SEARCH_EVERY_MS,
    followPeople: true,
    async estimate(image, timestampUs, scale) {
      nowUs = timestampUs;
      displaySize = { width: image.width * scale, height: image.height * scale };
      geometry = { ox: 0, oy: 0, width: image.width, height: image.height, scale };
      // BlazePose's region of interest as it left it after the last frame (the others' runs use their own)
      let { pose: found, roi } = await runOn(image, timestampUs, scale, trackRoi);
      // a pose that jumped away from the followed person is someone else: look for the followed person by detection
      // (the box nearest to where they were), else report no one on this frame
      if (several && found && followed && (timestampUs - followed.lastUs) / 1000 <= LOST_AFTER_MS) {
        const body = bodyOfResult(found);
        const dtS = (timestampUs - followed.lastUs) / 1e6;
        if (body && !sameBody(followed.body, body, dtS)) {
          people.jumpsRefused++;
          ({ pose: found, roi } = await runOn(image, timestampUs, scale, null));
          const again = bodyOfResult(found);
          if (found && (!again || !sameBody(followed.body, again, dtS))) found = null;
          if (!found) roi = trackRoi;
        }
      }
      // The person detector misses people near the frame's edge or small in a wide frame: retry on square crops of
      // the frame (nearest to where the person was last seen first). Tracking restarts after a crop. While the runner
      // is out of view (nobody for ABSENT_AFTER_MS: not yet in, or gone) the crops cost three model runs a frame for
      // nothing, so they are searched only every absentSearchEveryMs.
      firstUs ??= timestampUs;
      const absent = timestampUs - (lastSeenUs ?? firstUs) >= ABSENT_AFTER_MS * 1000;
      if (!found && (!absent || timestampUs - lastSearchUs >= est.absentSearchEveryMs * 1000)) {
        lastSearchUs = timestampUs;
        for (const c of squareCrops(image.width, image.height, lastCentre)) {
          cropRetries++;
          found = await run(cropImage(image, c), timestampUs, scale, c.x, c.y);
          detector.reset();
          roi = null;
          if (found) break;
        }
      }
      if (found) {
        lastSeenUs = timestampUs;
        const hips = found.keypoints.filter((k) => k.name === 'left_hip' || k.name === 'right_hip');
        const long = image.width >= image.height ? 'x' : 'y';
        const size = (image.width >= image.height ? image.width : image.height) * scale;
        if (hips.length) lastCentre = hips.reduce((s, k) => s + k[long], 0) / hips.length / size;
      }
      trackRoi = roi;
      if (!internals || !est.followPeople) return found;

      // the followed person: this pose (a new person when there was none, or they were lost too long ago)
      const body = bodyOfResult(found);
      if (found && body) {
        if (!followed || (timestampUs - followed.lastUs) / 1000 > LOST_AFTER_MS) followed = newTracked(body, roi, timestampUs);
        followed.body = body;
        followed.lastUs = timestampUs;
        followed.cycle.push(found.keypoints, body, timestampUs / 1000);
        evaluation?.cycles.get(followed)?.push(found.keypoints, body, timestampUs / 1000);
      }

      // everyone in view, now and then
      // (half as often once the followed person's legs cycle: the runner is found, the scans only count the others)
      const cycling = followed ? followed.cycle.passesSince(timestampUs / 1000 - CYCLING_WINDOW_MS) >= CYCLING_PASSES : false;
      const every = cycling ? RUNNER_FOUND_SCAN_FACTOR : 1;
      if (timestampUs - lastScanUs >= every * SCAN_EVERY_MS * 1000) {
        lastScanUs = timestampUs;
        // (a person counts with the whole body in view, and not tiny beside the followed one: countedPeople)
        const all = await scan(image, scale);
        const counted = new Set(countedPeople(all.map((p) => p.body), displaySize.width, displaySize.height, followed?.body.scale ?? null));
        const seen = all.filter((p) => counted.has(p.body));
        const bodies = seen.map((p) => p.body);
        people.scans++;
        people.maxPeople = Math.max(people.maxPeople, bodies.length);
        const since = (t: Tracked) => ({ body: t.body, dtS: (timestampUs - t.lastUs) / 1e6 });
        const fresh = newcomers(bodies, [followed, ...candidates].filter((t): t is Tracked => t !== null).map(since));
        // people besides the followed one (all but one when no one is followed yet)
        const others = followed ? newcomers(bodies, [since(followed)]).length : Math.max(0, bodies.length - 1);
        if (others > 0) {
          several = true;
          otherUntilUs = timestampUs + every * SCAN_EVERY_MS * 1000;
          people.firstOtherUs ??= timestampUs;
        }
        // a newcomer while the followed person's legs are not cycling: follow everyone for a while to find the runner
        if (followed && !evaluation && !cycling && fresh.length && timestampUs >= noEvaluationBeforeUs) {
          people.evaluations++;
          candidates = fresh.map((i) => newTracked(bodies[i], seen[i].roi, timestampUs));
          const all = [followed, ...candidates];
          evaluation = { startUs: timestampUs, followed, cycles: new Map(all.map((t) => [t, new LegCycle()])), poses: new Map(all.map((t) => [t, []])) };
        }
      }
      if (timestampUs < otherUntilUs) {
        people.otherFrames++;
        people.lastOtherUs = timestampUs;
      }

      // the others, while the runner is being found
      if (evaluation) {
        for (const c of candidates) {
          let pose: PoseResult | null = null;
          if (c.roi) {
            people.extraRuns++;
            const t0 = performance.now();
            const r = await runOn(image, timestampUs, scale, c.roi);
            people.extraMs += performance.now() - t0;
            const b = bodyOfResult(r.pose);
            c.roi = r.pose && b && sameBody(c.body, b, (timestampUs - c.lastUs) / 1e6) ? r.roi : null;
            if (c.roi && r.pose && b) {
              c.body = b;
              c.lastUs = timestampUs;
              c.cycle.push(r.pose.keypoints, b, timestampUs / 1000);
              evaluation.cycles.get(c)?.push(r.pose.keypoints, b, timestampUs / 1000);
              pose = r.pose;
            }
          }
          evaluation.poses.get(c)?.push(pose);
        }
        evaluation.poses.get(evaluation.followed)?.push(found);
        decide(timestampUs, false);
      }
      return found;
    },
    get holding() {
      return evaluation !== null;
    },
    settle() {
      if (evaluation) decide(nowUs, true);
      const out = settled;
      settled = [];
      return out;
    },
    get cropRetries() {
      return cropRetries;
    },
    get people() {
      return people;
    },
    reset() {
      detector.reset();
      lastCentre = null;
      firstUs = lastSeenUs = null;
      lastSearchUs = -Infinity;
      several = false;
      followed = null;
      trackRoi = null;
      candidates = [];
      evaluation = null;
      settled = [];
      noEvaluationBeforeUs = lastScanUs = otherUntilUs = -Infinity;
      people = emptyPeopleStats();
    },
    dispose() {
      detector.dispose();
      everyone?.dispose();
      tf.disposeVariables();
    },
  };
  return est;
}

/** One person the pose stage follows (or follows for a while, to find the runner). */
interface Tracked {
  /** A person followed for a while: BlazePose's region of interest for their next frame (input-image fractions), null: lost. */
  roi: NormRect | null;
  body: Body;
  lastUs: number;
  cycle: LegCycle;
}

function newTracked(body: Body, roi: NormRect | null, us: number): Tracked {
  return { roi, body, lastUs: us, cycle: new LegCycle() };
}

function emptyPeopleStats(): PeopleStats {
  return { scans: 0, maxPeople: 0, otherFrames: 0, firstOtherUs: null, lastOtherUs: null, evaluations: 0, switches: 0, extraRuns: 0, extraMs: 0, detectorRuns: 0, scanMs: 0, jumpsRefused: 0, detectionsRefused: 0 };
}

/** The parts of pose-detection's BlazePose (tfjs runtime, 2.1.x) the pose stage steers. */
interface Detection {
  score?: number[];
  locationData: { relativeKeypoints?: { x: number; y: number }[] };
}
interface BlazePoseInternals {
  regionOfInterest: NormRect | null;
  maxPoses: number;
  detectPose(image3d: tf.Tensor3D): Promise<Detection[]>;
  poseDetectionToRoi(detection: Detection, imageSize: { width: number; height: number }): NormRect;
}

/** Copies a square region of an RGBA image. */
export function cropImage(image: ImageData, c: Crop): ImageData {
  const out = new ImageData(c.size, c.size);
  const src = image.data;
  const dst = out.data;
  for (let row = 0; row < c.size; row++) {
    const from = ((c.y + row) * image.width + c.x) * 4;
    dst.set(src.subarray(from, from + c.size * 4), row * c.size * 4);
  }
  return out;
}
