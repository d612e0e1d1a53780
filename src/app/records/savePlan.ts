/**
 * What "Save to records" would write, measured against the record as stored (pure, DOM-free; SaveRecord uses it and
 * tests/unit/savePlan.test.ts checks it): whether the page holds unsaved work, and what a save would remove from a
 * saved record (its notes, a stored video, a clip) — removals the user is asked to confirm first (issue 18).
 */
import type { AnalyzeResult } from '../../core/types';
import type { GaitAnalysis } from '../../core/analysis';
import { correctionsOf, NO_CORRECTIONS, sameCorrections, upgradeAnalysis, type Corrections } from '../reanalyze';
import type { PatientRecord, RecordClip } from './db';

/** One clip the page shows, as the save card gets it. */
export interface SavableClip {
  result: AnalyzeResult;
  /** The clip's video (a fresh run's file, or the one stored with a reopened record); null: none at hand. */
  video: Blob | null;
  /** Events by hand and capture rate (kept explicitly, so reopening re-applies them). */
  corrections?: Corrections;
}

/** The session as the page holds it: what a save writes. */
export interface SessionState {
  patientLabel: string;
  date: string;
  notes: string;
  /** "also keep the video" is ticked. */
  withVideo: boolean;
  clips: SavableClip[];
}

/**
 * 'new': nothing saved yet (or the record shown was deleted meanwhile): a save adds a record.
 * 'record': a saved record is shown: "Save changes" updates it, "Save as a new record" adds one.
 * 'compare': two saved records side by side (before / after): only a new record can be saved, both stay as they are.
 */
export type SaveMode = 'new' | 'record' | 'compare';

export function saveModeOf(stored: PatientRecord | null, comparedWith: string | null, clipCount: number): SaveMode {
  if (!stored) return 'new';
  return comparedWith && clipCount === 2 ? 'compare' : 'record';
}

/** A saved thing a save would remove. */
export type Loss =
  | { kind: 'notes'; notes: string }
  | { kind: 'video'; clip: number; fileName: string }
  | { kind: 'clip'; clip: number; fileName: string };

export function hasStoredVideo(rec: PatientRecord): boolean {
  return rec.clips.some((c) => c.hasVideo);
}

/** The same clip, analysed the same way (a reopened record's clip is a copy of the stored one, not the same object). */
export function sameClip(a: AnalyzeResult, b: AnalyzeResult): boolean {
  return (
    a.clip.fileName === b.clip.fileName &&
    a.clip.fileSizeBytes === b.clip.fileSizeBytes &&
    a.frames.length === b.frames.length &&
    a.frames[0]?.timestampUs === b.frames[0]?.timestampUs
  );
}

/** The clips as a save writes them: the video kept only when ticked and at hand; corrections only when there are some. */
export function recordClipsOf(clips: readonly SavableClip[], withVideo: boolean): RecordClip[] {
  return clips.map((c) => ({
    fileName: c.result.clip.fileName,
    result: c.result,
    hasVideo: withVideo && !!c.video,
    ...(c.corrections && (c.corrections.events || c.corrections.captureFps !== null) ? { corrections: c.corrections } : {}),
  }));
}

/** The corrections a stored clip reopens with (useClipRun.load's rule: a record saved before they were kept reads them from its analysis). */
export function storedCorrections(c: RecordClip): Corrections {
  return c.corrections ?? correctionsOf(upgradeAnalysis(c.result.analysis as GaitAnalysis | null));
}

function hasNotes(s: string): boolean {
  return s.trim() !== '';
}

/** What saving `next` over `stored` would remove (empty: nothing; "Save changes" then needs no confirmation). */
export function lossesOnSave(stored: PatientRecord, next: { notes: string; clips: readonly RecordClip[] }): Loss[] {
  const losses: Loss[] = [];
  if (hasNotes(stored.notes) && !hasNotes(next.notes)) losses.push({ kind: 'notes', notes: stored.notes });
  stored.clips.forEach((c, i) => {
    const n = next.clips[i];
    if (!n || !sameClip(c.result, n.result)) losses.push({ kind: 'clip', clip: i, fileName: c.fileName });
    else if (c.hasVideo && !n.hasVideo) losses.push({ kind: 'video', clip: i, fileName: c.fileName });
  });
  return losses;
}

export function sameLosses(a: readonly Loss[], b: readonly Loss[]): boolean {
  const key = (l: Loss) => (l.kind === 'notes' ? `notes:${l.notes}` : `${l.kind}:${l.clip}`);
  return a.length === b.length && a.every((l, i) => key(l) === key(b[i]));
}

/**
 * Whether the page holds work a save would keep and that is not saved: against the record shown when there is one
 * (its label, date, notes, video choice, clips and each clip's corrections); with no record, hand corrections or notes.
 * Two records compared side by side are not new work: only the label, date and notes typed over the first's count.
 */
export function isUnsaved(s: SessionState, stored: PatientRecord | null, mode: SaveMode): boolean {
  if (!stored || mode === 'new') return hasNotes(s.notes) || s.clips.some((c) => !!c.corrections && (c.corrections.events !== null || c.corrections.captureFps !== null));
  if (s.patientLabel !== stored.patientLabel || s.date !== stored.date || s.notes !== stored.notes) return true;
  if (mode === 'compare') return false;
  if (s.clips.length !== stored.clips.length) return true;
  const next = recordClipsOf(s.clips, s.withVideo);
  return stored.clips.some(
    (c, i) => !sameClip(c.result, next[i].result) || c.hasVideo !== next[i].hasVideo || !sameCorrections(storedCorrections(c), s.clips[i].corrections ?? NO_CORRECTIONS),
  );
}

const ORDINAL = ['first', 'second', 'third', 'fourth'];

/** The inline question before a save that removes something: what goes, and the two answers. */
export function confirmText(losses: readonly Loss[]): { lines: string[]; yes: string; no: string } {
  const videos = losses.filter((l) => l.kind === 'video');
  const clips = losses.filter((l) => l.kind === 'clip');
  const notes = losses.find((l) => l.kind === 'notes');
  const lines: string[] = [];
  if (videos.length === 1) lines.push('This deletes the video stored with this record.');
  else if (videos.length > 1) lines.push(`This deletes the ${videos.length} videos stored with this record.`);
  for (const c of clips) lines.push(`The ${ORDINAL[c.clip] ?? `#${c.clip + 1}`} clip (${c.fileName}) will be removed from this record, with its analysis.`);
  if (notes) lines.push(`The saved notes will be removed ("${notes.notes.length > 60 ? `${notes.notes.slice(0, 57)}…` : notes.notes}").`);
  if (losses.length === 1 && videos.length === 1) return { lines, yes: 'Delete the video and save', no: 'Keep it' };
  if (losses.length === videos.length) return { lines, yes: 'Delete the videos and save', no: 'Keep them' };
  if (losses.length === 1 && notes) return { lines, yes: 'Remove the notes and save', no: 'Keep them' };
  return { lines, yes: 'Remove them and save', no: 'Keep them' };
}
