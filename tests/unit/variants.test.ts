/**
 * Label mapping of the bench's derived variants (scripts/lib/variants.mjs). The fps-filter frame choices below were
 * checked against ffmpeg 5.1 itself (framemd5 of `-vf fps=N` output against the source's frames, on testsrc2 clips of
 * distinct frames, and on treadmill-side-left.mp4); the bench checks them again on every run.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED_DIR } from '../../scripts/lib/labels.mjs';
import { fpsFilterSourceFrames, mapLabelsThroughFrames, mirrorLabels, rescaleNear, variantLabels, VARIANTS } from '../../scripts/lib/variants.mjs';

const seq = (n: number, step: number) => Array.from({ length: n }, (_, i) => i * step);
const variant = (id: string) => VARIANTS.find((v) => v.id === id)!;

describe('ffmpeg fps filter frame choice', () => {
  it('rounds timestamps to the nearest output tick, halves up', () => {
    expect(rescaleNear(3 * 512, [1, 15360], [1, 25])).toBe(3); // 2.5 → 3
    expect(rescaleNear(4 * 512, [1, 15360], [1, 25])).toBe(3); // 3.33 → 3
    expect(rescaleNear(5 * 512, [1, 15360], [1, 25])).toBe(4); // 4.17 → 4
    expect(rescaleNear(-3 * 512, [1, 15360], [1, 25])).toBe(-3); // away from zero
  });
  it('30 → 25 fps: drops source frame 3 and every 6th after it (0 1 2 4 5 6 7 8 10 …), 360 → 300 frames', () => {
    const out = fpsFilterSourceFrames({ pts: seq(360, 512), tb: [1, 15360], endPts: 360 * 512, fps: 25 });
    expect(out).toHaveLength(300);
    expect(out.slice(0, 12)).toEqual([0, 1, 2, 4, 5, 6, 7, 8, 10, 11, 12, 13]);
    expect(out.slice(-3)).toEqual([356, 358, 359]);
    const shown = new Set(out);
    expect(seq(360, 1).filter((i) => !shown.has(i))).toEqual(seq(60, 6).map((i) => i + 3));
  });
  it('29.97 → 25 fps picks the same frames as 30 → 25 over 2 s', () => {
    const out = fpsFilterSourceFrames({ pts: seq(60, 1001), tb: [1, 30000], endPts: 60 * 1001, fps: 25 });
    expect(out).toHaveLength(50);
    expect(out.slice(0, 16)).toEqual([0, 1, 2, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 16, 17, 18]);
  });
  it('25 → 30 fps repeats every 5th frame; 30 → 60 shows each frame twice; 30 → 24 drops every 5th from frame 2', () => {
    expect(fpsFilterSourceFrames({ pts: seq(10, 512), tb: [1, 12800], endPts: 10 * 512, fps: 30 })).toEqual([0, 1, 2, 2, 3, 4, 5, 6, 7, 7, 8, 9]);
    expect(fpsFilterSourceFrames({ pts: seq(5, 512), tb: [1, 15360], endPts: 5 * 512, fps: 60 })).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);
    expect(fpsFilterSourceFrames({ pts: seq(10, 512), tb: [1, 15360], endPts: 10 * 512, fps: 24 })).toEqual([0, 1, 3, 4, 5, 6, 8, 9]);
  });
});

describe('labels mapped through a frame choice', () => {
  const outToSrc = fpsFilterSourceFrames({ pts: seq(360, 512), tb: [1, 15360], endPts: 360 * 512, fps: 25 });
  const doc = {
    clip: 'x.mp4',
    fps: 30,
    frames: 360,
    view: 'side',
    events: [
      { type: 'IC' as const, foot: 'left', frame: 3, uncertainty: 1, side: 'near', strike: 'heel', strike_certain: true },
      { type: 'TO' as const, foot: 'left', frame: 4, uncertainty: 1, side: 'near' },
      { type: 'IC' as const, foot: 'right', frame: 9, uncertainty: 2, side: 'far' },
      { type: 'TO' as const, foot: 'right', frame: 359, uncertainty: 1, side: 'far' },
    ],
  };
  it('a label maps to the first output frame showing its source frame or a later one; a dropped frame adds 1 to the uncertainty', () => {
    const m = mapLabelsThroughFrames(doc, outToSrc, 25);
    expect(m.events.map((e) => [e.frame, e.uncertainty, e.source_frame])).toEqual([
      [3, 2, 3], // source 3 dropped: output 3 shows source 4
      [3, 1, 4], // source 4 shown at output 3
      [8, 3, 9], // source 9 dropped: output 8 shows source 10
      [299, 1, 359],
    ]);
    expect([m.fps, m.frames, m.view]).toEqual([25, 300, 'side']);
    expect(m.events[0]).toMatchObject({ foot: 'left', side: 'near', strike: 'heel', strike_certain: true });
  });
  it('a label after the last output frame is left out', () => {
    const m = mapLabelsThroughFrames({ ...doc, events: [{ type: 'IC' as const, foot: 'left', frame: 12 }] }, [0, 1, 2, 4, 5, 6, 7, 8, 10, 11], 25);
    expect(m.events).toEqual([]);
  });
  it('upsampled: a repeated frame maps to its first showing, uncertainty unchanged', () => {
    const m = mapLabelsThroughFrames({ ...doc, events: [{ type: 'IC' as const, foot: 'left', frame: 3, uncertainty: 1 }] }, [0, 1, 2, 2, 3, 4, 5, 6, 7, 7, 8, 9], 30);
    expect(m.events.map((e) => [e.frame, e.uncertainty])).toEqual([[4, 1]]);
  });
});

describe('mirrored labels (hflip)', () => {
  it('swaps anatomical left and right, keeps near/far, reverses the direction of travel', () => {
    const m = mirrorLabels({
      clip: 'x.mp4',
      facing: 'left',
      near_side: 'left',
      direction: 'right-to-left',
      events: [
        { type: 'IC', foot: 'left', frame: 16, side: 'near' },
        { type: 'TO', foot: 'right', frame: 15, side: 'far' },
      ],
    });
    expect(m.events.map((e) => [e.foot, e.side, e.frame])).toEqual([['right', 'near', 16], ['left', 'far', 15]]);
    expect([m.facing, m.near_side, m.direction]).toEqual(['right', 'right', 'left-to-right']);
  });
  it("leaves feet named 'a'/'b' (side unknown) as they are", () => {
    const m = mirrorLabels({ clip: 'x.mp4', events: [{ type: 'IC', foot: 'a', frame: 5 }, { type: 'IC', foot: 'b', frame: 15 }] });
    expect(m.events.map((e) => e.foot)).toEqual(['a', 'b']);
  });
});

describe('variant labels', () => {
  const doc = { clip: 'x.mp4', fps: 30, frames: 4, facing: 'left', events: [{ type: 'IC' as const, foot: 'left', frame: 2, uncertainty: 1, side: 'near' }] };
  it('half resolution and 3° roll keep every frame and label', () => {
    for (const id of ['half', 'roll3']) {
      const l = variantLabels(variant(id), doc, { frameCount: 4 });
      expect(l.events).toEqual([{ ...doc.events[0], source_frame: 2 }]);
      expect([l.fps, l.frames, l.facing, l.variant, l.derived_from]).toEqual([30, 4, 'left', id, 'x.mp4']);
    }
  });
  it('mirror swaps the foot on the same frame', () => {
    const l = variantLabels(variant('mirror'), doc, { frameCount: 4 });
    expect(l.events.map((e) => [e.foot, e.side, e.frame, e.uncertainty])).toEqual([['right', 'near', 2, 1]]);
  });
  const treadmill = join(SHARED_DIR, 'clips', 'labels', 'treadmill-side-left.json');
  it.skipIf(!existsSync(treadmill))('treadmill-side-left at 25 fps: its first labels on output frames 4, 5, 13 (±2, source 15 dropped), 13', () => {
    const labels = JSON.parse(readFileSync(treadmill, 'utf8'));
    const outToSrc = fpsFilterSourceFrames({ pts: seq(360, 512), tb: [1, 15360], endPts: 360 * 512, fps: 25 });
    const l = variantLabels(variant('fps25'), labels, { frameCount: 360, outToSrc });
    expect(l.events).toHaveLength(68);
    expect(l.events.slice(0, 4).map((e) => `${e.type} ${e.foot} ${e.frame}±${e.uncertainty}`)).toEqual(['TO left 4±1', 'IC right 5±1', 'TO right 13±2', 'IC left 13±1']);
    // the labels on dropped source frames (3, 9, 15, … : frame ≡ 3 mod 6)
    expect(l.events.filter((e) => e.uncertainty === 2)).toHaveLength(labels.events.filter((e: { frame: number }) => e.frame % 6 === 3).length);
    expect(l.events.filter((e) => e.uncertainty === 2)).toHaveLength(12);
  });
});
