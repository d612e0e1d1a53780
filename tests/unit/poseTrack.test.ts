import { describe, expect, it } from 'vitest';
import { compactPoseFrames, framesFromBatch, framesFromPoseTrack, keypointRow, PoseTrackBuilder, poseTrackFromFrames, readKeypoint } from '../../src/core/poseTrack';
import { BLAZEPOSE_KEYPOINTS, MOVENET_KEYPOINTS, type KeypointName, type PoseFrame } from '../../src/core/types';

const frames: PoseFrame[] = [
  { index: 0, timestampUs: 0, score: 0.9, keypoints: BLAZEPOSE_KEYPOINTS.map((name, i) => ({ name, x: 10 + i, y: 500 - i, z: -i, score: 0.5 + i / 100 })) },
  { index: 1, timestampUs: 16_667, score: null, keypoints: null },
];

describe('PoseTrack (typed arrays)', () => {
  it('round-trips the per-frame list exactly (to float32 precision)', () => {
    const t = poseTrackFromFrames(frames, BLAZEPOSE_KEYPOINTS, 720, 1280, 60);
    expect(t.data).toBeInstanceOf(Float32Array);
    expect(t.data.length).toBe(2 * 33 * 4);
    const back = framesFromPoseTrack(t);
    expect(back[1]).toEqual(frames[1]);
    expect(back[0].keypoints).toHaveLength(33);
    back[0].keypoints!.forEach((k, i) => {
      expect(k.name).toBe(BLAZEPOSE_KEYPOINTS[i]);
      expect(k.x).toBeCloseTo(10 + i, 4);
      expect(k.y).toBeCloseTo(500 - i, 4);
      expect(k.score).toBeCloseTo(0.5 + i / 100, 5);
    });
    expect(back[0].score).toBeCloseTo(0.9, 6);
    expect(readKeypoint(t, 0, 'left_heel')!.x).toBeCloseTo(10 + 29, 4);
    expect(readKeypoint(t, 1, 'left_heel')).toBeNull();
  });

  it('has no heel or toe with MoveNet keypoints', () => {
    const mv: PoseFrame[] = [{ index: 0, timestampUs: 0, score: 0.8, keypoints: MOVENET_KEYPOINTS.map((n) => ({ name: n as KeypointName, x: 1, y: 1, z: 0, score: 1 })) }];
    const t = poseTrackFromFrames(mv, MOVENET_KEYPOINTS as unknown as KeypointName[], 100, 100, 30);
    expect(readKeypoint(t, 0, 'left_heel')).toBeNull();
    expect(readKeypoint(t, 0, 'left_ankle')).not.toBeNull();
  });
});

describe('PoseTrackBuilder', () => {
  it('streams frames into typed arrays, grows past its capacity and trims to the frames pushed', () => {
    const b = new PoseTrackBuilder(BLAZEPOSE_KEYPOINTS, 1, 720, 1280);
    b.push(frames[0]);
    b.push(frames[1]);
    b.push({ ...frames[0], index: 2, timestampUs: 33_333 });
    const t = b.finish(60);
    expect(t.frameCount).toBe(3);
    expect(t.fps).toBe(60);
    expect(t.data.length).toBe(3 * 33 * 4);
    expect(Array.from(t.timestampsUs)).toEqual([0, 16_667, 33_333]);
    expect(Number.isNaN(t.poseScore[1])).toBe(true);
    expect(readKeypoint(t, 2, 'right_foot_index')!.y).toBeCloseTo(500 - 32, 4);
    expect(framesFromPoseTrack(t)[0]).toEqual(framesFromPoseTrack(poseTrackFromFrames([frames[0]], BLAZEPOSE_KEYPOINTS, 720, 1280, 60))[0]);
  });
});

describe('compact frames (the page keeps keypoints in Float32Arrays)', () => {
  const batch = {
    keypointNames: BLAZEPOSE_KEYPOINTS,
    frames: [
      { index: 0, timestampUs: 0, score: 0.9 },
      { index: 1, timestampUs: 16_667, score: null },
    ],
    data: new Float32Array(2 * 33 * 4).fill(NaN),
  };
  keypointRow(frames[0].keypoints!, BLAZEPOSE_KEYPOINTS, batch.data.subarray(0, 33 * 4));

  it('a streamed batch reads back as the frames that were sent (to float32 precision)', () => {
    const got = framesFromBatch(batch);
    expect(got[1]).toEqual(frames[1]);
    expect(got[0].keypoints).toHaveLength(33);
    got[0].keypoints!.forEach((k, i) => {
      expect(k.name).toBe(BLAZEPOSE_KEYPOINTS[i]);
      expect(k.x).toBeCloseTo(10 + i, 4);
      expect(k.y).toBeCloseTo(500 - i, 4);
      expect(k.z).toBeCloseTo(-i, 4);
      expect(k.score).toBeCloseTo(0.5 + i / 100, 5);
    });
    // each frame's row is a view into the batch's one buffer
    expect(batch.data.length).toBe(2 * 33 * 4);
  });

  it('JSON, structured clone (IndexedDB, postMessage) and spreading see an ordinary frame', () => {
    const [f] = framesFromBatch(batch);
    const plain = JSON.parse(JSON.stringify(f));
    expect(Object.keys(plain)).toEqual(['index', 'timestampUs', 'score', 'keypoints']);
    expect(plain.keypoints).toHaveLength(33);
    expect(plain.keypoints[29]).toEqual(f.keypoints![29]);
    expect(structuredClone(f)).toEqual({ index: 0, timestampUs: 0, score: f.score, keypoints: f.keypoints });
    expect({ ...f }.keypoints).toEqual(f.keypoints);
  });

  it('a saved record\'s ordinary frames become compact and read back the same', () => {
    const mixedOrder: PoseFrame = { ...frames[0], keypoints: [...frames[0].keypoints!].reverse() };
    const [c, none] = compactPoseFrames([mixedOrder, frames[1]], BLAZEPOSE_KEYPOINTS);
    expect(c.keypoints!.map((k) => k.name)).toEqual([...BLAZEPOSE_KEYPOINTS]);
    expect(c.keypoints![0].x).toBeCloseTo(10, 4);
    expect(none.keypoints).toBeNull();
    // MoveNet frames keep their 17 keypoints
    const mv = compactPoseFrames([{ index: 0, timestampUs: 0, score: 0.8, keypoints: MOVENET_KEYPOINTS.map((n, i) => ({ name: n as KeypointName, x: i, y: 2 * i, z: 0, score: 1 })) }], MOVENET_KEYPOINTS as unknown as KeypointName[]);
    expect(mv[0].keypoints!.map((k) => k.y)).toEqual(MOVENET_KEYPOINTS.map((_, i) => 2 * i));
  });
});
