/**
 * Patient records on this device (IndexedDB): a record is one session — patient label, date, notes and the analysed
 * clips (the whole `npm run analyze` result of each, so a record reopens without running the model) — and, only when
 * the user asks for it, the videos themselves (a separate store, so listing records never loads a video).
 *
 * Every write is one IndexedDB transaction: it either lands completely or not at all, so a full disk (quota), a crash
 * or a reload in the middle of a save never damages a record that was already saved.
 */
import type { AnalyzeResult, PoseFrame, PoseModelId, ViewChoice } from '../../core/types';
import type { Corrections } from '../reanalyze';

export const DB_NAME = 'stridescope';
const DB_VERSION = 2;

export interface RecordClip {
  fileName: string;
  /** The run; its analysis is the one shown when saved (corrected, when anything was: it keeps the detected events too). */
  result: AnalyzeResult;
  /** The video is stored with the record (videos store, key `${recordId}:${index}`). */
  hasVideo: boolean;
  /**
   * Events placed by hand and the capture rate the analysis was computed with, re-applied on reopening (absent in
   * records saved before they were kept: nothing corrected, or read from the analysis).
   */
  corrections?: Corrections;
}

export interface PatientRecord {
  id: string;
  patientLabel: string;
  /** yyyy-mm-dd of the session. */
  date: string;
  notes: string;
  createdAt: string;
  updatedAt: string;
  clips: RecordClip[];
}

export type RecordSummary = Pick<PatientRecord, 'id' | 'patientLabel' | 'date' | 'notes' | 'createdAt' | 'updatedAt'> & {
  clipNames: string[];
  videos: number;
  /** Clips whose events were corrected by hand. */
  corrected: number;
};

export class StorageFullError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StorageFullError';
  }
}

let dbPromise: Promise<IDBDatabase> | null = null;

export function openDb(): Promise<IDBDatabase> {
  dbPromise ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, DB_VERSION);
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains('records')) db.createObjectStore('records', { keyPath: 'id' });
      if (!db.objectStoreNames.contains('videos')) db.createObjectStore('videos');
      if (!db.objectStoreNames.contains('drafts')) db.createObjectStore('drafts');
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => {
      dbPromise = null;
      reject(req.error ?? new Error('IndexedDB is not available'));
    };
  });
  return dbPromise;
}

/** Out of room: the quota error proper, or — when the disk itself is full before the quota is reached — Chromium's
 *  "Failed to write blobs (IOError)" (measured: a 96 MB disk filled to the last 6 MB). */
function isQuotaError(e: unknown): boolean {
  const err = e as { name?: string; message?: string } | null;
  const n = err?.name;
  if (n === 'QuotaExceededError' || n === 'NS_ERROR_DOM_QUOTA_REACHED') return true;
  return (n === 'UnknownError' || n === 'AbortError' || n === 'DataError') && /IOError|Failed to write|space|quota/i.test(err?.message ?? '');
}

const FULL_MESSAGE =
  'This device has no room left for StrideScope\u2019s records. Nothing was changed: the records already saved are intact. ' +
  'Free space by deleting old records (or saving them as backup files first), or save this record without its video.';

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(isQuotaError(tx.error) ? new StorageFullError(FULL_MESSAGE) : tx.error ?? new Error('the save was aborted'));
    tx.onerror = () => {
      /* reported by onabort */
    };
  });
}

function req<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

export function newRecordId(): string {
  return `r-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** The keys of every video stored with record `id` (`${id}:<clip index>`; ids hold no colon). */
function videoKeysOf(id: string): IDBKeyRange {
  return IDBKeyRange.bound(`${id}:`, `${id}:\uffff`);
}

/** Told after every committed write (save, rename, delete, restore), so an open record's page can follow. */
const changes = new EventTarget();

export function onRecordsChanged(listener: () => void): () => void {
  changes.addEventListener('change', listener);
  return () => changes.removeEventListener('change', listener);
}

/**
 * Saves (or replaces) a record and, when given, its videos (index → Blob), in one transaction: the record, its
 * videos and the removal of videos it no longer holds land together or not at all. Replacing a record keeps its
 * `createdAt` (read in the same transaction) and deletes the stored videos of clips now saved without one, so no
 * video is left behind unreachable. `touch: false` keeps the record exactly as given (a restored backup equals the
 * original). Returns the record as written.
 */
export async function saveRecord(rec: PatientRecord, videos: Map<number, Blob> = new Map(), { touch = true } = {}): Promise<PatientRecord> {
  const db = await openDb();
  const tx = db.transaction(['records', 'videos'], 'readwrite');
  const finished = done(tx);
  let written: PatientRecord;
  try {
    const records = tx.objectStore('records');
    const store = tx.objectStore('videos');
    const existing = (await req(records.get(rec.id) as IDBRequest<PatientRecord | undefined>)) ?? null;
    const keys = (await req(store.getAllKeys(videoKeysOf(rec.id)))) as string[];
    written = touch ? { ...rec, createdAt: existing?.createdAt ?? rec.createdAt, updatedAt: new Date().toISOString() } : rec;
    records.put(written);
    for (const k of keys) {
      const i = Number(k.slice(rec.id.length + 1));
      if (!written.clips[i]?.hasVideo) store.delete(k);
    }
    for (const [i, blob] of videos) store.put(blob, `${rec.id}:${i}`);
  } catch (e) {
    try {
      tx.abort();
    } catch {
      /* already aborted: `finished` says why */
    }
    const why = await finished.then(
      () => null,
      (x: unknown) => x,
    );
    if (why) throw why;
    if (isQuotaError(e)) throw new StorageFullError(FULL_MESSAGE);
    throw e;
  }
  await finished;
  changes.dispatchEvent(new Event('change'));
  return written;
}

export async function listRecords(): Promise<RecordSummary[]> {
  const db = await openDb();
  const all = await req(db.transaction('records').objectStore('records').getAll() as IDBRequest<PatientRecord[]>);
  return all
    .map((r) => ({
      id: r.id,
      patientLabel: r.patientLabel,
      date: r.date,
      notes: r.notes,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      clipNames: r.clips.map((c) => c.fileName),
      videos: r.clips.filter((c) => c.hasVideo).length,
      corrected: r.clips.filter((c) => c.corrections?.events || c.result.analysis?.eventsCorrected).length,
    }))
    .sort((a, b) => (a.date === b.date ? b.updatedAt.localeCompare(a.updatedAt) : b.date.localeCompare(a.date)));
}

export async function getRecord(id: string): Promise<PatientRecord | null> {
  const db = await openDb();
  return (await req(db.transaction('records').objectStore('records').get(id) as IDBRequest<PatientRecord | undefined>)) ?? null;
}

export async function getVideo(id: string, index: number): Promise<Blob | null> {
  const db = await openDb();
  return (await req(db.transaction('videos').objectStore('videos').get(`${id}:${index}`) as IDBRequest<Blob | undefined>)) ?? null;
}

export async function renameRecord(id: string, patientLabel: string, notes?: string): Promise<void> {
  const rec = await getRecord(id);
  if (!rec) throw new Error('this record no longer exists');
  await saveRecord({ ...rec, patientLabel, notes: notes ?? rec.notes });
}

/** Deletes a record and every video stored with it, in one transaction. */
export async function deleteRecord(id: string): Promise<void> {
  const db = await openDb();
  const tx = db.transaction(['records', 'videos'], 'readwrite');
  const finished = done(tx);
  tx.objectStore('records').delete(id);
  // by key range, not by clip count: also the videos an older version left behind when a save dropped them
  tx.objectStore('videos').delete(videoKeysOf(id));
  await finished;
  changes.dispatchEvent(new Event('change'));
}

/** Asks the browser to keep our storage (not evicted under pressure); returns whether it is persistent. */
export async function requestPersistence(): Promise<boolean> {
  if (!navigator.storage?.persist) return false;
  if (await navigator.storage.persisted()) return true;
  return navigator.storage.persist();
}

export interface StorageState {
  usage: number;
  quota: number;
  persisted: boolean;
}

export async function storageState(): Promise<StorageState | null> {
  if (!navigator.storage?.estimate) return null;
  const e = await navigator.storage.estimate();
  return { usage: e.usage ?? 0, quota: e.quota ?? 0, persisted: (await navigator.storage.persisted?.()) ?? false };
}

/** A warning when a save of `bytes` would bring usage above 90 % of the quota (null when fine or unknown). */
export function quotaWarning(s: StorageState | null, bytes: number): string | null {
  if (!s || !(s.quota > 0)) return null;
  const after = s.usage + bytes;
  if (after <= 0.9 * s.quota) return null;
  const mb = (n: number) => `${(n / 1024 ** 2).toFixed(0)} MB`;
  return `Storage is nearly full: ${mb(s.usage)} of ${mb(s.quota)} used, and this save needs about ${mb(bytes)}. Save without the video, or delete old records (back them up first).`;
}

/** An analysis in progress, saved as it goes (one at a time): what was found so far, to resume or discard after a
 *  reload or a crash. The video is not kept: resuming asks for the same file again. */
export interface AnalysisDraft {
  fileName: string;
  fileSize: number;
  model: PoseModelId;
  view: ViewChoice;
  patientLabel: string;
  date: string;
  totalFrames: number;
  frames: PoseFrame[];
  savedAt: string;
  /** The part of the clip being analysed (long clips); the whole clip when absent. */
  range?: { startS: number; endS: number };
}

/** The draft's header: everything but the frames, and how many frames its chunks hold. */
type DraftHead = Omit<AnalysisDraft, 'frames'> & { saved: number };

async function draftHead(store: IDBObjectStore): Promise<DraftHead | null> {
  return (await req(store.get('current') as IDBRequest<DraftHead | undefined>)) ?? null;
}

/**
 * Saves the draft incrementally: the header (everything but the frames) under 'current', and only the frames found
 * since the last save, as one more chunk ('chunk:<first frame index>'). Each write is small, so saving every ~2 s
 * costs the same at the end of a 10-minute clip as at its start (rewriting every frame each time grew with the square
 * of the clip's length).
 */
export async function saveDraft(d: AnalysisDraft): Promise<void> {
  const db = await openDb();
  const tx = db.transaction('drafts', 'readwrite');
  const finished = done(tx);
  const store = tx.objectStore('drafts');
  const head = await draftHead(store);
  const same = head && head.fileName === d.fileName && head.fileSize === d.fileSize && head.saved <= d.frames.length;
  if (!same) {
    store.clear();
  }
  const from = same ? head.saved : 0;
  if (d.frames.length > from) store.put(d.frames.slice(from), `chunk:${String(from).padStart(7, '0')}`);
  const { frames: _frames, ...rest } = d;
  store.put({ ...rest, saved: d.frames.length }, 'current');
  await finished;
}

export async function getDraft(): Promise<AnalysisDraft | null> {
  const db = await openDb();
  const store = db.transaction('drafts').objectStore('drafts');
  const head = await draftHead(store);
  if (!head) return null;
  const keys = ((await req(store.getAllKeys())) as string[]).filter((k) => k.startsWith('chunk:')).sort();
  const frames: PoseFrame[] = [];
  for (const k of keys) frames.push(...((await req(store.get(k) as IDBRequest<PoseFrame[]>)) ?? []));
  const { saved: _saved, ...rest } = head;
  return { ...rest, frames: frames.slice(0, head.saved) };
}

export async function clearDraft(): Promise<void> {
  const db = await openDb();
  const tx = db.transaction('drafts', 'readwrite');
  const finished = done(tx);
  tx.objectStore('drafts').clear();
  await finished;
}
