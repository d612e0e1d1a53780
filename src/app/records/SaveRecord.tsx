import { useEffect, useMemo, useRef, useState } from 'react';
import { newRecordId, quotaWarning, requestPersistence, saveRecord, storageState, StorageFullError, type PatientRecord } from './db';
import { confirmText, hasStoredVideo, isUnsaved, lossesOnSave, recordClipsOf, sameLosses, saveModeOf, type Loss, type SavableClip } from './savePlan';
import { useStoredRecord } from './useStoredRecord';
import { SessionFields } from '../SessionFields';

export type { SavableClip } from './savePlan';

export interface SaveRecordProps {
  clips: SavableClip[];
  /** The session's label and date (the page holds them; edited here too, so the card never points off screen). */
  patientLabel: string;
  onPatientLabelChange(label: string): void;
  date: string;
  onDateChange(date: string): void;
  /** The session's notes (the page holds them: a reopened record's own notes, printed on the PDF too). */
  notes: string;
  onNotesChange(notes: string): void;
  /** The saved record shown: "Save changes" updates it (keeping what it holds unless the user removes it). */
  recordId: string | null;
  /**
   * The record whose clip is shown beside `recordId`'s as before / after (two saved records compared): saving then
   * only makes a new record, and both records stay exactly as they are.
   */
  comparedWith?: string | null;
  /** The page is still loading a record's clips or recomputing an analysis: saving waits (it would mix old and new). */
  settling?: boolean;
  onSaved(id: string): void;
  /** Told whenever the page's work becomes unsaved or saved (see savePlan.isUnsaved). */
  onUnsavedChange?(unsaved: boolean): void;
}

type SaveState = { kind: 'ok' | 'warn' | 'error'; text: string };

/**
 * "Save to records": the session (label, date, notes, the analysed clips and, if ticked, their videos) on this device.
 * A reopened record starts as stored (its notes, its video choice); a save that would remove a saved video, the saved
 * notes or a clip asks first, inline.
 */
export function SaveRecord({
  clips,
  patientLabel,
  onPatientLabelChange,
  date,
  onDateChange,
  notes,
  onNotesChange,
  recordId,
  comparedWith = null,
  settling = false,
  onSaved,
  onUnsavedChange,
}: SaveRecordProps) {
  const [withVideo, setWithVideo] = useState(false);
  const [state, setState] = useState<SaveState | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirm, setConfirm] = useState<Loss[] | null>(null);

  // the page's fields as they are now: a rename (or other change) made elsewhere is taken over where the user had
  // not changed the field here, instead of being overwritten by the next "Save changes"
  const fields = useRef({ patientLabel, date, notes });
  fields.current = { patientLabel, date, notes };
  const [baseline, setBaseline] = useStoredRecord(recordId, (prev, next) => {
    if (!prev || !next) return;
    const now = fields.current;
    if (next.patientLabel !== prev.patientLabel && now.patientLabel === prev.patientLabel) onPatientLabelChange(next.patientLabel);
    if (next.date !== prev.date && now.date === prev.date) onDateChange(next.date);
    if (next.notes !== prev.notes && now.notes === prev.notes) onNotesChange(next.notes);
  });
  const base = recordId && baseline?.id === recordId ? baseline : null;
  /** The record shown is being read: nothing can be compared with it or saved over it yet. */
  const loading = !!recordId && !base;
  const stored = base?.record ?? null;
  const mode = saveModeOf(stored, comparedWith, clips.length);

  // a reopened record's video choice is the record's own: ticked when it holds a video (once, when first read; the
  // page mounts a new card for every record it opens)
  const initialised = useRef(false);
  useEffect(() => {
    if (initialised.current || !base) return;
    initialised.current = true;
    if (base.record) setWithVideo(hasStoredVideo(base.record));
  }, [base]);

  const unsaved = useMemo(
    () => !loading && isUnsaved({ patientLabel, date, notes, withVideo, clips }, stored, mode),
    [loading, patientLabel, date, notes, withVideo, clips, stored, mode],
  );
  const told = useRef(onUnsavedChange);
  told.current = onUnsavedChange;
  useEffect(() => told.current?.(unsaved), [unsaved]);
  // a card that goes away (a new clip, another record) holds no unsaved work any more
  useEffect(() => () => told.current?.(false), []);

  const videoBytes = clips.reduce((s, c) => s + (c.video?.size ?? 0), 0);
  const label = patientLabel.trim();
  const canSave = !busy && !loading && !settling && !confirm && !!label;
  const videoWillGo = mode === 'record' && !!stored && hasStoredVideo(stored) && !withVideo;

  const save = async (asNew: boolean, confirmed: Loss[] | null = null) => {
    const target: PatientRecord | null = !asNew && mode === 'record' ? stored : null;
    const recClips = recordClipsOf(clips, withVideo);
    if (target) {
      const losses = lossesOnSave(target, { notes, clips: recClips });
      if (losses.length && !(confirmed && sameLosses(confirmed, losses))) {
        setState(null);
        setConfirm(losses);
        return;
      }
    }
    setConfirm(null);
    setBusy(true);
    setState(null);
    try {
      const persistent = await requestPersistence();
      const jsonBytes = clips.reduce((s, c) => s + JSON.stringify(c.result).length, 0);
      const warn = quotaWarning(await storageState(), jsonBytes + (withVideo ? videoBytes : 0));
      const now = new Date().toISOString();
      // (saveRecord keeps the createdAt of the record it replaces)
      const rec: PatientRecord = { id: target ? target.id : newRecordId(), patientLabel, date, notes, createdAt: now, updatedAt: now, clips: recClips };
      const videos = new Map<number, Blob>();
      if (withVideo) clips.forEach((c, i) => c.video && videos.set(i, c.video));
      const written = await saveRecord(rec, videos);
      setBaseline({ id: written.id, record: written });
      onSaved(written.id);
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

  /** "Keep it": nothing is saved, and what the save would have removed is put back in the card. */
  const keep = (losses: Loss[]) => {
    setConfirm(null);
    if (losses.some((l) => l.kind === 'video')) setWithVideo(true);
    const n = losses.find((l) => l.kind === 'notes');
    if (n) onNotesChange(n.notes);
  };

  const question = confirm ? confirmText(confirm) : null;
  return (
    <section
      className="card save-record"
      aria-label="Save to records"
      data-testid="save-record"
      data-state={loading ? 'loading' : busy ? 'busy' : confirm ? 'confirm' : settling ? 'settling' : 'ready'}
      data-mode={mode}
      data-record-id={stored?.id ?? ''}
      data-unsaved={String(unsaved)}
    >
      <h2>Save to records</h2>
      {mode === 'compare' && (
        <p className="note-muted" data-testid="record-compare-note">
          Two saved records are shown side by side: saving makes a new record holding both clips. The two records stay as they are.
        </p>
      )}
      {recordId && base && !stored && (
        <p className="note-muted" data-testid="record-gone-note">
          This record is no longer on this device: saving keeps this session as a new record.
        </p>
      )}
      <SessionFields
        className="options session save-fields"
        patientLabel={patientLabel}
        onPatientLabelChange={onPatientLabelChange}
        date={date}
        onDateChange={onDateChange}
        testIds={{ label: 'save-patient-label', date: 'save-date' }}
      />
      <label className="block">
        Notes{' '}
        <textarea value={notes} onChange={(e) => onNotesChange(e.target.value)} rows={2} placeholder="What you saw, what you advised" data-testid="record-notes" />
      </label>
      <label>
        <input type="checkbox" checked={withVideo} onChange={(e) => setWithVideo(e.target.checked)} disabled={videoBytes === 0} data-testid="record-with-video" /> also keep the video
        {videoBytes ? ` (${(videoBytes / 1024 ** 2).toFixed(1)} MB)` : ''} — without it the record reopens with the skeleton only
      </label>
      {videoWillGo && (
        <p className="note-muted" data-testid="record-video-warning">
          Saving changes will delete the video stored with this record (you will be asked first).
        </p>
      )}
      <p>
        {mode !== 'compare' && (
          <button type="button" className="primary" disabled={!canSave} onClick={() => void save(false)} data-testid="record-save">
            {mode === 'record' ? 'Save changes' : 'Save to records'}
          </button>
        )}{' '}
        {mode !== 'new' && (
          <button type="button" className={mode === 'compare' ? 'primary' : undefined} disabled={!canSave} onClick={() => void save(true)} data-testid="record-save-new">
            Save as a new record
          </button>
        )}{' '}
        {!label && <span className="note-muted">Enter a patient label to save.</span>}
        {label && unsaved && (
          <span className="note-muted" data-testid="record-unsaved">
            {mode === 'record' ? 'Changes not saved yet.' : 'Not saved yet.'}
          </span>
        )}
      </p>
      {confirm && question && (
        <div className="banner warn confirm" role="alertdialog" aria-label="Confirm what the save removes" data-testid="record-confirm">
          {question.lines.map((l) => (
            <p key={l}>{l}</p>
          ))}
          <button type="button" className="danger" onClick={() => void save(false, confirm)} data-testid="record-confirm-yes">
            {question.yes}
          </button>{' '}
          <button type="button" onClick={() => keep(confirm)} data-testid="record-confirm-no">
            {question.no}
          </button>
        </div>
      )}
      {state && (
        <p className={state.kind === 'error' ? 'banner error' : state.kind === 'warn' ? 'banner warn' : 'banner'} role={state.kind === 'error' ? 'alert' : 'status'} data-testid="record-save-state">
          {state.text}
        </p>
      )}
    </section>
  );
}
