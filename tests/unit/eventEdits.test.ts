/** Editing events by hand (pure parts): the list operations, what was changed, and the labels export. */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateSideTrack, PRESETS } from '../../fixtures/synthetic';
import { analyzeGait, type ManualEvent } from '../../src/core/analysis';
import type { ClipInfo } from '../../src/core/types';
import { addEvent, asManual, deleteEvent, detectedOf, diffEvents, diffWords, moveEvent, nearestEvent } from '../../src/app/report/eventEdits';
import { labelsDocument } from '../../src/app/export/labels';
import { LABEL_DIR } from './analysis/realEval';

const ev = (type: 'IC' | 'TO', foot: 'left' | 'right', frame: number): ManualEvent => ({ type, foot, frame });

describe('event list operations', () => {
  const list = [ev('IC', 'left', 10), ev('TO', 'left', 20), ev('IC', 'right', 21), ev('TO', 'right', 31), ev('IC', 'left', 32)];
  it('moves an event, keeps the list in frame order, clamps to the clip and refuses to land on the same event', () => {
    const { list: a, moved } = moveEvent(list, list[1], 22, 100);
    expect(moved).toEqual(ev('TO', 'left', 22));
    expect(a.map((e) => e.frame)).toEqual([10, 21, 22, 31, 32]);
    expect(moveEvent(list, list[0], -5, 100).moved.frame).toBe(0);
    expect(moveEvent(list, list[4], 500, 100).moved.frame).toBe(99);
    expect(moveEvent(list, list[1], NaN, 100)).toEqual({ list, moved: list[1] });
    // onto an identical event: nothing changes
    const twin = [ev('IC', 'left', 10), ev('IC', 'left', 11)];
    expect(moveEvent(twin, twin[0], 11, 100).list).toEqual(twin);
  });
  it('adds (once) and deletes', () => {
    const a = addEvent(list, ev('TO', 'right', 5));
    expect(a[0]).toEqual(ev('TO', 'right', 5));
    expect(addEvent(a, ev('TO', 'right', 5))).toHaveLength(6);
    expect(deleteEvent(a, ev('TO', 'right', 5))).toEqual(list);
    expect(deleteEvent(list, ev('TO', 'right', 99))).toEqual(list);
  });
  it('selects the event nearest a frame, and steps through the near ones on the next press', () => {
    expect(nearestEvent(list, 19)).toEqual(ev('TO', 'left', 20));
    expect(nearestEvent(list, 20, ev('TO', 'left', 20))).toEqual(ev('IC', 'right', 21));
    expect(nearestEvent(list, 20, ev('IC', 'right', 21))).toEqual(ev('TO', 'left', 20));
    // a selection far away does not count: the nearest again
    expect(nearestEvent(list, 20, ev('IC', 'left', 32))).toEqual(ev('TO', 'left', 20));
    expect(nearestEvent([], 3)).toBeNull();
  });
});

describe('what was corrected', () => {
  const detected = [ev('IC', 'left', 10), ev('TO', 'left', 20), ev('IC', 'left', 32), ev('TO', 'left', 42), ev('IC', 'left', 54), ev('IC', 'right', 21)];
  it('counts moved, added and deleted events per type and foot', () => {
    const corrected = [ev('IC', 'left', 12), ev('TO', 'left', 20), ev('IC', 'left', 32), ev('IC', 'left', 54), ev('IC', 'right', 21), ev('TO', 'right', 30)];
    const d = diffEvents(detected, corrected);
    expect({ moved: d.moved, added: d.added, deleted: d.deleted, unchanged: d.unchanged }).toEqual({ moved: 1, added: 1, deleted: 1, unchanged: 4 });
    expect(d.changes).toEqual([
      { kind: 'moved', type: 'IC', foot: 'left', from: 10, to: 12 },
      { kind: 'added', type: 'TO', foot: 'right', from: null, to: 30 },
      { kind: 'deleted', type: 'TO', foot: 'left', from: 42, to: null },
    ]);
    expect(diffWords(d)).toBe('1 moved, 1 added, 1 deleted');
    expect(diffWords(diffEvents(detected, detected))).toBe('none changed');
  });
  it('an event moved further than half a stride is a deletion and an addition', () => {
    const d = diffEvents(detected, [...detected.slice(1, 5), ev('IC', 'left', 22), ev('IC', 'right', 21)]);
    expect([d.moved, d.added, d.deleted]).toEqual([0, 1, 1]);
  });
});

describe('labels export (format of ../shared/clips/labels)', () => {
  const { track } = generateSideTrack({ fps: 30, durationS: 6, width: 1280, height: 720, ppm: 340, noisePx: 1, seed: 11, gait: { ...PRESETS.extended } });
  const clip = { fileName: 'run 1.mp4', measuredFps: 30, nominalFps: 30 } as ClipInfo;
  const detected = analyzeGait(track);
  it('has the label files’ fields; without corrections every event is as detected (uncertainty 2)', () => {
    const doc = labelsDocument(detected, clip, new Date('2026-12-06T10:00:00Z'));
    expect(Object.keys(doc)).toEqual(['clip', 'fps', 'frames', 'view', 'direction', 'facing', 'setting', 'near_side', 'frame_numbering', 'events', 'notes']);
    expect(doc).toMatchObject({ clip: 'run 1.mp4', fps: 30, frames: track.frameCount, view: 'side', frame_numbering: '0-based, in decode order (as ffmpeg -vsync 0 numbers them)' });
    expect(doc.events).toHaveLength(detected.events.length);
    expect(doc.events.every((e) => e.uncertainty === 2 && e.source === 'detected' && e.strike_certain === false)).toBe(true);
    expect(doc.events.filter((e) => e.type === 'TO').every((e) => e.strike === null)).toBe(true);
    expect(doc.events.filter((e) => e.type === 'IC').some((e) => e.strike === 'heel')).toBe(true);
    expect(doc.notes).toMatch(/^Made with StrideScope on 2026-12-06 .*not corrected by hand/);
    // the shared label files' event fields are all there
    const shared = `${LABEL_DIR}/treadmill-side-left.json`;
    if (existsSync(shared)) {
      const lab = JSON.parse(readFileSync(shared, 'utf8'));
      for (const k of ['clip', 'fps', 'frames', 'view', 'facing', 'setting', 'near_side', 'frame_numbering', 'events', 'notes']) expect(doc).toHaveProperty(k);
      for (const k of ['type', 'foot', 'frame', 'uncertainty', 'side', 'strike', 'strike_certain']) {
        expect(Object.keys(lab.events[1])).toContain(k);
        expect(doc.events[0]).toHaveProperty(k);
      }
    }
  });
  it('a corrected clip: the moved event at its new frame, marked by hand, the counts in the notes', () => {
    const manual = asManual(detected.events);
    const i = manual.findIndex((e, k) => e.type === 'IC' && k > 4);
    const from = manual[i];
    const moved = moveEvent(manual, from, from.frame + 3, detected.frameCount);
    const without = deleteEvent(moved.list, moved.list.find((e) => e.type === 'TO')!);
    const a = analyzeGait(track, { correctedEvents: without });
    const doc = labelsDocument(a, clip);
    expect(doc.events).toHaveLength(detected.events.length - 1);
    const m = doc.events.find((e) => e.type === from.type && e.foot === from.foot && e.frame === from.frame + 3)!;
    expect(m).toMatchObject({ uncertainty: 1, source: 'hand' });
    expect(doc.events.some((e) => e.type === from.type && e.foot === from.foot && e.frame === from.frame)).toBe(false);
    expect(doc.notes).toMatch(/corrected by hand: 2 events moved\/added\/deleted \(1 moved, 1 deleted\) against the \d+ detected/);
    expect(detectedOf(a)).toEqual(asManual(detected.events));
  });
  it('a slow-motion clip carries its capture rate', () => {
    const a = { ...detected, timeScale: { playbackFps: 30, captureFps: 120, factor: 0.25 } };
    const doc = labelsDocument(a, clip);
    expect(doc.capture_fps).toBe(120);
    expect(doc.notes).toContain('filmed at 120 fps, played at 30 fps');
  });
});
