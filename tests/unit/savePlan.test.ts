/**
 * Issue 18 (data loss): what a save writes and removes, measured against the record as stored — a reopened record
 * saved unchanged removes nothing and is not "unsaved"; unticking the video, emptying the notes or dropping a clip are
 * losses to confirm; two records compared side by side are only ever saved as a new record.
 */
import { describe, expect, it } from 'vitest';
import type { AnalyzeResult } from '../../src/core/types';
import type { PatientRecord } from '../../src/app/records/db';
import { confirmText, isUnsaved, lossesOnSave, recordClipsOf, saveModeOf, type SavableClip, type SessionState } from '../../src/app/records/savePlan';

/** A run as far as the save plan reads it (the clip's identity and its frames; no analysis). */
function run(fileName: string, frames = 88): AnalyzeResult {
  return {
    clip: { fileName, fileSizeBytes: 1_742_033 },
    frames: Array.from({ length: frames }, (_, i) => ({ index: i, timestampUs: i * 33_333 })),
    analysis: null,
  } as unknown as AnalyzeResult;
}

const video = new Blob([new Uint8Array(16)]);
const clipA: SavableClip = { result: run('a.mp4'), video, corrections: { events: null, captureFps: null } };
const clipB: SavableClip = { result: run('b.mp4'), video, corrections: { events: null, captureFps: null } };

function stored(over: Partial<PatientRecord> = {}): PatientRecord {
  return {
    id: 'r-1',
    patientLabel: 'PT-1',
    date: '2026-01-10',
    notes: 'heel strike, knee 20°',
    createdAt: '2026-01-10T09:00:00.000Z',
    updatedAt: '2026-01-10T09:00:00.000Z',
    clips: recordClipsOf([clipA], true),
    ...over,
  };
}

/** The page as it shows `rec` just after reopening it (its label, date, notes; ticked when it holds a video). */
function reopened(rec: PatientRecord, clips: SavableClip[] = [clipA]): SessionState {
  return { patientLabel: rec.patientLabel, date: rec.date, notes: rec.notes, withVideo: rec.clips.some((c) => c.hasVideo), clips };
}

describe('a reopened record, saved again', () => {
  it('unchanged: nothing unsaved, nothing removed', () => {
    const rec = stored();
    const s = reopened(rec);
    expect(isUnsaved(s, rec, 'record')).toBe(false);
    expect(lossesOnSave(rec, { notes: s.notes, clips: recordClipsOf(s.clips, s.withVideo) })).toEqual([]);
  });

  it('"keep the video" unticked: the stored video is a loss to confirm, in the words of the issue', () => {
    const rec = stored();
    const s = { ...reopened(rec), withVideo: false };
    expect(isUnsaved(s, rec, 'record')).toBe(true);
    const losses = lossesOnSave(rec, { notes: s.notes, clips: recordClipsOf(s.clips, s.withVideo) });
    expect(losses).toEqual([{ kind: 'video', clip: 0, fileName: 'a.mp4' }]);
    expect(confirmText(losses)).toEqual({ lines: ['This deletes the video stored with this record.'], yes: 'Delete the video and save', no: 'Keep it' });
  });

  it('notes emptied (or only spaces): the saved notes are a loss; notes edited are not', () => {
    const rec = stored();
    for (const notes of ['', '  \n']) {
      const losses = lossesOnSave(rec, { notes, clips: recordClipsOf([clipA], true) });
      expect(losses).toEqual([{ kind: 'notes', notes: 'heel strike, knee 20°' }]);
      expect(confirmText(losses).lines[0]).toMatch(/^The saved notes will be removed \("heel strike, knee 20°"\)/);
    }
    expect(lossesOnSave(rec, { notes: 'heel strike', clips: recordClipsOf([clipA], true) })).toEqual([]);
    expect(isUnsaved({ ...reopened(rec), notes: 'heel strike' }, rec, 'record')).toBe(true);
  });

  it('a record without notes or video loses nothing when saved without them', () => {
    const rec = stored({ notes: '', clips: recordClipsOf([clipA], false) });
    expect(lossesOnSave(rec, { notes: '', clips: recordClipsOf([clipA], false) })).toEqual([]);
    expect(isUnsaved(reopened(rec), rec, 'record')).toBe(false);
  });

  it('a clip dropped or replaced is a loss; video and notes together ask once', () => {
    const rec = stored({ clips: recordClipsOf([clipA, clipB], true) });
    expect(lossesOnSave(rec, { notes: rec.notes, clips: recordClipsOf([clipA], true) })).toEqual([{ kind: 'clip', clip: 1, fileName: 'b.mp4' }]);
    expect(lossesOnSave(rec, { notes: rec.notes, clips: recordClipsOf([clipA, { ...clipB, result: run('b.mp4', 90) }], true) })).toEqual([{ kind: 'clip', clip: 1, fileName: 'b.mp4' }]);
    const both = lossesOnSave(rec, { notes: '', clips: recordClipsOf([clipA, clipB], false) });
    expect(both.map((l) => l.kind)).toEqual(['notes', 'video', 'video']);
    expect(confirmText(both)).toMatchObject({ yes: 'Remove them and save', no: 'Keep them' });
    expect(confirmText(both).lines[0]).toBe('This deletes the 2 videos stored with this record.');
  });

  it('corrections: changed is unsaved, changed back (undo) is not', () => {
    const moved = { events: [{ type: 'IC' as const, foot: 'left' as const, frame: 12 }], captureFps: null };
    const rec = stored({ clips: recordClipsOf([{ ...clipA, corrections: moved }], true) });
    expect(rec.clips[0].corrections).toEqual(moved);
    expect(isUnsaved(reopened(rec, [{ ...clipA, corrections: { events: [{ type: 'IC', foot: 'left', frame: 12 }], captureFps: null } }]), rec, 'record')).toBe(false);
    expect(isUnsaved(reopened(rec, [{ ...clipA, corrections: { events: [{ type: 'IC', foot: 'left', frame: 13 }], captureFps: null } }]), rec, 'record')).toBe(true);
    expect(isUnsaved(reopened(rec, [clipA]), rec, 'record')).toBe(true);
  });

  it('label and date count', () => {
    const rec = stored();
    expect(isUnsaved({ ...reopened(rec), patientLabel: 'PT-2' }, rec, 'record')).toBe(true);
    expect(isUnsaved({ ...reopened(rec), date: '2026-01-11' }, rec, 'record')).toBe(true);
  });
});

describe('no record yet', () => {
  it('a fresh analysis is unsaved only with hand corrections or notes', () => {
    const s: SessionState = { patientLabel: 'PT-1', date: '2026-01-10', notes: '', withVideo: true, clips: [clipA] };
    expect(isUnsaved(s, null, 'new')).toBe(false);
    expect(isUnsaved({ ...s, notes: 'x' }, null, 'new')).toBe(true);
    expect(isUnsaved({ ...s, clips: [{ ...clipA, corrections: { events: [], captureFps: null } }] }, null, 'new')).toBe(true);
    expect(isUnsaved({ ...s, clips: [{ ...clipA, corrections: { events: null, captureFps: 60 } }] }, null, 'new')).toBe(true);
  });
});

describe('two records compared side by side', () => {
  it('is its own mode (only a new record) while both clips are shown; not new work unless typed over', () => {
    const b = stored();
    expect(saveModeOf(b, 'r-2', 2)).toBe('compare');
    expect(saveModeOf(b, 'r-2', 1)).toBe('record'); // back to one clip: b's own
    expect(saveModeOf(b, null, 2)).toBe('record');
    expect(saveModeOf(null, 'r-2', 2)).toBe('new'); // b was deleted meanwhile
    const s = reopened(b, [clipA, clipB]);
    expect(isUnsaved(s, b, 'compare')).toBe(false);
    expect(isUnsaved({ ...s, notes: 'after 6 weeks' }, b, 'compare')).toBe(true);
  });
});
