import { useState } from 'react';
import type { AnalyzeResult } from '../../core/types';
import type { Corrections } from '../reanalyze';
import { newRecordId, quotaWarning, requestPersistence, saveRecord, storageState, StorageFullError, type PatientRecord } from './db';

export interface SavableClip {
  result: AnalyzeResult;
  video: Blob | null;
  /** Events by hand and capture rate (kept explicitly, so reopening re-applies them). */
  corrections?: Corrections;
}

/** "Save to records": the session (label, date, notes, the analysed clips and, if ticked, their videos) on this device. */
export function SaveRecord({
  clips,
  patientLabel,
  date,
  notes,
  onNotesChange,
  recordId,
  onSaved,
}: {
  clips: SavableClip[];
  patientLabel: string;
  date: string;
  /** The session's notes (the page holds them: a reopened record's own notes, printed on the PDF too). */
  notes: string;
  onNotesChange(notes: string): void;
  /** Saving again updates this record instead of adding a new one. */
  recordId: string | null;
  onSaved(id: string): void;
}) {
  const [withVideo, setWithVideo] = useState(false);
  const [state, setState] = useState<{ kind: 'ok' | 'warn' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const videoBytes = clips.reduce((s, c) => s + (c.video?.size ?? 0), 0);
  const save = async (asNew = false) => {
    setBusy(true);
    setState(null);
    try {
      const persistent = await requestPersistence();
      const jsonBytes = clips.reduce((s, c) => s + JSON.stringify(c.result).length, 0);
      const warn = quotaWarning(await storageState(), jsonBytes + (withVideo ? videoBytes : 0));
      const id = asNew || !recordId ? newRecordId() : recordId;
      const now = new Date().toISOString();
      const rec: PatientRecord = {
        id,
        patientLabel,
        date,
        notes,
        createdAt: now,
        updatedAt: now,
        clips: clips.map((c) => ({
          fileName: c.result.clip.fileName,
          result: c.result,
          hasVideo: withVideo && !!c.video,
          ...(c.corrections && (c.corrections.events || c.corrections.captureFps !== null) ? { corrections: c.corrections } : {}),
        })),
      };
      const videos = new Map<number, Blob>();
      if (withVideo) clips.forEach((c, i) => c.video && videos.set(i, c.video));
      await saveRecord(rec, videos);
      onSaved(id);
      setState({
        kind: warn ? 'warn' : 'ok',
        text: `Saved on this device${persistent ? '' : ' (the browser did not promise to keep it: back it up to a file too)'}.${warn ? ` ${warn}` : ''}`,
      });
    } catch (e) {
      setState({ kind: 'error', text: e instanceof StorageFullError ? e.message : `Not saved: ${(e as Error).message}` });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card save-record" aria-label="Save to records" data-testid="save-record">
      <h2>Save to records</h2>
      <label className="block">
        Notes{' '}
        <textarea value={notes} onChange={(e) => onNotesChange(e.target.value)} rows={2} placeholder="What you saw, what you advised" data-testid="record-notes" />
      </label>
      <label>
        <input type="checkbox" checked={withVideo} onChange={(e) => setWithVideo(e.target.checked)} disabled={videoBytes === 0} data-testid="record-with-video" /> also keep the video
        {videoBytes ? ` (${(videoBytes / 1024 ** 2).toFixed(1)} MB)` : ''} — without it the record reopens with the skeleton only
      </label>
      <p>
        <button type="button" className="primary" disabled={busy || !patientLabel.trim()} onClick={() => void save()} data-testid="record-save">
          {recordId ? 'Save changes' : 'Save to records'}
        </button>{' '}
        {recordId && (
          <button type="button" disabled={busy || !patientLabel.trim()} onClick={() => void save(true)} data-testid="record-save-new">
            Save as a new record
          </button>
        )}{' '}
        {!patientLabel.trim() && <span className="note-muted">Enter a patient label above first.</span>}
      </p>
      {state && (
        <p className={state.kind === 'error' ? 'banner error' : state.kind === 'warn' ? 'banner warn' : 'banner'} role={state.kind === 'error' ? 'alert' : 'status'} data-testid="record-save-state">
          {state.text}
        </p>
      )}
    </section>
  );
}
