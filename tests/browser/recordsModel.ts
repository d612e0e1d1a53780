/**
 * The model the random-sequence records test (records.spec.ts) keeps of what the user saved and of what the page shows,
 * written from the rules the user is told (not from the app's code): a reopened record shows its own label, date,
 * notes and video choice; "Save changes" keeps createdAt and removes only what the user removed (and confirmed); two
 * records compared side by side are only saved as a new record. `dbDiff` lists every way the stored records differ
 * from the model: each difference is a loss (or a change nobody asked for).
 */
import type { Corrections } from '../../src/app/reanalyze';
import type { PatientRecord } from '../../src/app/records/db';

export type Ev = { type: 'IC' | 'TO'; foot: 'left' | 'right'; frame: number };

export const evKeys = (events: readonly Ev[]): Ev[] => events.map((e) => ({ type: e.type, foot: e.foot, frame: e.frame }));

const TYPE_ORDER = { IC: 0, TO: 1 } as const;
const FOOT_ORDER = { left: 0, right: 1 } as const;

/** The editor's order: by frame, a contact before a toe-off, left before right. */
export function sortEv(list: readonly Ev[]): Ev[] {
  return evKeys(list).sort((a, b) => a.frame - b.frame || TYPE_ORDER[a.type] - TYPE_ORDER[b.type] || FOOT_ORDER[a.foot] - FOOT_ORDER[b.foot]);
}

export const NONE: Corrections = { events: null, captureFps: null };

/** One clip of a stored record, as far as losses go. */
export interface StoredClipModel {
  /** The analysis' events as saved (type, foot, frame). */
  events: Ev[];
  /** As stored: absent when nothing was corrected. */
  corrections: Corrections | undefined;
  hasVideo: boolean;
}

export interface RecordModel {
  id: string;
  patientLabel: string;
  date: string;
  notes: string;
  /** Learnt from the store once after the record is made (the model cannot know the clock), then must never change. */
  createdAt: string | null;
  clips: StoredClipModel[];
}

/** One clip the page shows. */
export interface PageClip {
  events: Ev[];
  corrections: Corrections;
  /** The page holds this clip's video (it can be saved with it). */
  video: boolean;
}

export interface PageModel {
  /** A report is shown (false after a reload, until a record is opened). */
  shown: boolean;
  recordId: string | null;
  /** The "after" record of two compared side by side. */
  comparedWith: string | null;
  patientLabel: string;
  date: string;
  notes: string;
  withVideo: boolean;
  clips: PageClip[];
  /** The first clip's earlier states (corrections and the events they gave), newest last: what Undo goes back to. */
  history: { corrections: Corrections; events: Ev[] }[];
}

export type Mode = 'new' | 'record' | 'compare';

export function modeOf(p: PageModel, db: Map<string, RecordModel>): Mode {
  if (!p.recordId || !db.has(p.recordId)) return 'new';
  return p.comparedWith && p.clips.length === 2 ? 'compare' : 'record';
}

/** Corrections in one key order (the page builds its objects in more than one), for comparing. */
export function normCorr(c: Corrections | null | undefined): string {
  return c ? JSON.stringify({ events: c.events ? evKeys(c.events) : null, captureFps: c.captureFps }) : 'none';
}

export function sameCorr(a: Corrections, b: Corrections): boolean {
  return normCorr(a) === normCorr(b);
}

const blank = (s: string) => s.trim() === '';

export function hasCorrections(c: Corrections): boolean {
  return c.events !== null || c.captureFps !== null;
}

/** What the save card should say about unsaved work. */
export function expectedUnsaved(p: PageModel, db: Map<string, RecordModel>): boolean {
  const mode = modeOf(p, db);
  if (mode === 'new') return !blank(p.notes) || p.clips.some((c) => hasCorrections(c.corrections));
  const s = db.get(p.recordId!)!;
  if (p.patientLabel !== s.patientLabel || p.date !== s.date || p.notes !== s.notes) return true;
  if (mode === 'compare') return false;
  if (p.clips.length !== s.clips.length) return true;
  return s.clips.some((c, i) => c.hasVideo !== (p.withVideo && p.clips[i].video) || !sameCorr(c.corrections ?? NONE, p.clips[i].corrections));
}

/** What "Save changes" would remove from the stored record (the user is asked first). */
export function expectedLosses(p: PageModel, s: RecordModel): { notes: boolean; videos: number } {
  return {
    notes: !blank(s.notes) && blank(p.notes),
    videos: s.clips.filter((c, i) => c.hasVideo && !(p.withVideo && p.clips[i]?.video)).length,
  };
}

/** The record a save writes from the page (id and createdAt given by the caller). */
export function savedFromPage(p: PageModel, id: string, createdAt: string | null): RecordModel {
  return {
    id,
    patientLabel: p.patientLabel,
    date: p.date,
    notes: p.notes,
    createdAt,
    clips: p.clips.map((c) => ({ events: c.events, corrections: hasCorrections(c.corrections) ? c.corrections : undefined, hasVideo: p.withVideo && c.video })),
  };
}

/** The page as it shows a record just opened (or `before` beside `after`, compared). */
export function opened(rec: RecordModel, after: RecordModel | null = null): Omit<PageModel, 'shown'> {
  const clip = (c: StoredClipModel): PageClip => ({ events: c.events, corrections: c.corrections ?? NONE, video: c.hasVideo });
  return {
    recordId: rec.id,
    comparedWith: after?.id ?? null,
    patientLabel: rec.patientLabel,
    date: rec.date,
    notes: rec.notes,
    withVideo: rec.clips.some((c) => c.hasVideo),
    clips: after ? [clip(rec.clips[0]), clip(after.clips[0])] : rec.clips.map(clip),
    history: [],
  };
}

/** A record as stored (the app's own type), its clips as far as the model reads them. */
export type StoredRecord = Omit<PatientRecord, 'clips'> & {
  clips: { hasVideo: boolean; corrections?: Corrections; result: { analysis: { events: Ev[] } } }[];
};


/** Every difference between the store and the model (empty: exactly as the user saved it). `digest`: the clip's video bytes (size:SHA-256). */
export function dbDiff(stored: { records: StoredRecord[]; videos: Record<string, string> }, db: Map<string, RecordModel>, digest: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const r of stored.records) {
    seen.add(r.id);
    const m = db.get(r.id);
    if (!m) {
      out.push(`record ${r.id} (${r.patientLabel}) is stored but was never saved (or was deleted)`);
      continue;
    }
    for (const k of ['patientLabel', 'date', 'notes'] as const) if (r[k] !== m[k]) out.push(`${r.id}.${k}: stored ${JSON.stringify(r[k])}, saved ${JSON.stringify(m[k])}`);
    if (m.createdAt !== null && r.createdAt !== m.createdAt) out.push(`${r.id}.createdAt: stored ${r.createdAt}, saved ${m.createdAt}`);
    if (r.clips.length !== m.clips.length) {
      out.push(`${r.id}: ${r.clips.length} clips stored, ${m.clips.length} saved`);
      continue;
    }
    r.clips.forEach((c, i) => {
      const mc = m.clips[i];
      if (c.hasVideo !== mc.hasVideo) out.push(`${r.id} clip ${i}: hasVideo ${c.hasVideo}, saved ${mc.hasVideo}`);
      if (normCorr(c.corrections) !== normCorr(mc.corrections)) out.push(`${r.id} clip ${i}: corrections ${JSON.stringify(c.corrections)}, saved ${JSON.stringify(mc.corrections)}`);
      if (JSON.stringify(evKeys(c.result.analysis.events)) !== JSON.stringify(mc.events)) out.push(`${r.id} clip ${i}: events differ from the ones saved`);
    });
  }
  for (const id of db.keys()) if (!seen.has(id)) out.push(`record ${id} (${db.get(id)!.patientLabel}) was saved and is gone`);
  const want: Record<string, string> = {};
  for (const m of db.values()) m.clips.forEach((c, i) => c.hasVideo && (want[`${m.id}:${i}`] = digest));
  for (const k of new Set([...Object.keys(want), ...Object.keys(stored.videos)])) {
    if (want[k] !== stored.videos[k]) out.push(`video ${k}: stored ${stored.videos[k] ?? 'none'}, saved ${want[k] ?? 'none'}`);
  }
  return out;
}

export function cloneDb(db: Map<string, RecordModel>): Map<string, RecordModel> {
  return new Map([...db].map(([k, v]) => [k, structuredClone(v)]));
}
