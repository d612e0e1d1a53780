import { useCallback, useEffect, useRef, useState } from 'react';
import { download } from '../export/still';
import { HiddenFileInput } from '../HiddenFileInput';
import { backupRecord, restoreRecord } from './backup';
import { deleteRecord, listRecords, renameRecord, storageState, type RecordSummary, type StorageState } from './db';

function mb(n: number): string {
  return `${(n / 1024 ** 2).toFixed(n < 10 * 1024 ** 2 ? 1 : 0)} MB`;
}

/** The records saved on this device: search, reopen, rename, delete (confirmed), back up, restore. */
export function RecordsPanel({
  refreshKey,
  onOpen,
  onCompare,
  open,
  onOpenChange,
}: {
  refreshKey: number;
  onOpen(id: string): void;
  onCompare(before: string, after: string): void;
  /** Unfolded (held by the page: the panel moves below the report once one is shown, and stays as the user left it). */
  open: boolean;
  onOpenChange(open: boolean): void;
}) {
  const [picked, setPicked] = useState<string[]>([]);
  const [records, setRecords] = useState<RecordSummary[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [confirming, setConfirming] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<{ id: string; label: string } | null>(null);
  const [storage, setStorage] = useState<StorageState | null>(null);
  const restoreInput = useRef<HTMLInputElement>(null);

  const refresh = useCallback(async () => {
    try {
      setRecords(await listRecords());
      setStorage(await storageState());
    } catch (e) {
      setProblem(`Records cannot be read on this device: ${(e as Error).message}`);
    }
  }, []);
  useEffect(() => void refresh(), [refresh, refreshKey]);

  const act = async (job: () => Promise<void>) => {
    setProblem(null);
    try {
      await job();
    } catch (e) {
      setProblem((e as Error).message);
    }
    await refresh();
  };

  const q = query.trim().toLowerCase();
  const shown = (records ?? []).filter((r) => !q || `${r.patientLabel} ${r.date} ${r.notes} ${r.clipNames.join(' ')}`.toLowerCase().includes(q));
  return (
    <section className="card records" aria-label="Records on this device" data-testid="records">
      <div className="records-head">
        <h2>
          <button type="button" className="linkish" aria-expanded={open} onClick={() => onOpenChange(!open)} data-testid="records-toggle">
            {open ? '▾' : '▸'} Records on this device ({records?.length ?? '…'})
          </button>
        </h2>
        {storage && (
          <span className="note-muted" data-testid="storage-state">
            {mb(storage.usage)} of {mb(storage.quota)} used · {storage.persisted ? 'kept by the browser (persistent)' : 'the browser may clear it when space runs low'}
          </span>
        )}
      </div>
      {open && (
        <>
          <div className="records-tools">
            <input type="search" placeholder="Search by label, date, notes or clip" value={query} onChange={(e) => setQuery(e.target.value)} aria-label="Search records" data-testid="records-search" />
            <button type="button" onClick={() => restoreInput.current?.click()} data-testid="records-restore">
              Restore a backup…
            </button>
            <HiddenFileInput ref={restoreInput} accept=".zip,application/zip" testId="restore-input" onFile={(f) => void act(async () => void (await restoreRecord(f)))} />
          </div>
          {picked.length > 0 && (
            <p className="compare-pick" data-testid="compare-pick">
              {(() => {
                const two = (records ?? []).filter((r) => picked.includes(r.id)).sort((a, b) => a.date.localeCompare(b.date) || a.createdAt.localeCompare(b.createdAt));
                const samePatient = two.length === 2 && two[0].patientLabel.trim().toLowerCase() === two[1].patientLabel.trim().toLowerCase();
                if (two.length < 2) return 'Pick a second record of the same patient to compare.';
                if (!samePatient) return 'The two picked records are of different patients: pick two of the same patient.';
                return (
                  <>
                    Compare {two[0].date} (before) with {two[1].date} (after){' '}
                    <button type="button" className="primary" onClick={() => onCompare(two[0].id, two[1].id)} data-testid="records-compare">
                      Open both
                    </button>
                  </>
                );
              })()}
            </p>
          )}
          {records && records.length === 0 && <p className="note-muted">No records yet. After an analysis, "Save to records" keeps it on this device.</p>}
          <ul className="records-list">
            {shown.map((r) => (
              <li key={r.id} data-testid="record-item" data-id={r.id}>
                <label className="record-pick" title="Pick two records of the same patient to compare them (before / after)">
                  <input
                    type="checkbox"
                    checked={picked.includes(r.id)}
                    onChange={(e) => setPicked((p) => (e.target.checked ? [...p.filter((x) => x !== r.id), r.id].slice(-2) : p.filter((x) => x !== r.id)))}
                    aria-label={`Pick ${r.patientLabel} ${r.date} for comparison`}
                    data-testid="record-pick"
                  />
                </label>
                <div className="record-main">
                  {renaming?.id === r.id ? (
                    <form
                      onSubmit={(e) => {
                        e.preventDefault();
                        const label = renaming.label;
                        setRenaming(null);
                        void act(() => renameRecord(r.id, label));
                      }}
                    >
                      <input value={renaming.label} onChange={(e) => setRenaming({ id: r.id, label: e.target.value })} aria-label="New patient label" autoFocus data-testid="rename-input" />
                      <button type="submit">Save</button>
                    </form>
                  ) : (
                    <strong data-testid="record-label">{r.patientLabel || '(no label)'}</strong>
                  )}
                  <span className="note-muted">
                    {' '}
                    {r.date} · {r.clipNames.join(' + ')}
                    {r.videos ? ` · ${r.videos} video${r.videos > 1 ? 's' : ''} saved` : ' · no video'}
                    {r.corrected ? ' · corrected by hand' : ''}
                  </span>
                  {r.notes && <span className="record-notes">{r.notes}</span>}
                </div>
                <div className="record-actions">
                  <button type="button" className="primary" onClick={() => onOpen(r.id)} data-testid="record-open">
                    Open
                  </button>
                  <button type="button" onClick={() => setRenaming({ id: r.id, label: r.patientLabel })} data-testid="record-rename">
                    Rename
                  </button>
                  <button
                    type="button"
                    onClick={() =>
                      void act(async () => {
                        const b = await backupRecord(r.id);
                        download(b.blob, b.name);
                      })
                    }
                    data-testid="record-backup"
                  >
                    Back up
                  </button>
                  {confirming === r.id ? (
                    <span className="confirm" role="alertdialog" aria-label="Confirm deletion">
                      Delete for good?{' '}
                      <button type="button" className="danger" onClick={() => void act(() => deleteRecord(r.id)).then(() => setConfirming(null))} data-testid="record-delete-yes">
                        Delete
                      </button>
                      <button type="button" onClick={() => setConfirming(null)}>
                        Keep
                      </button>
                    </span>
                  ) : (
                    <button type="button" onClick={() => setConfirming(r.id)} data-testid="record-delete">
                      Delete…
                    </button>
                  )}
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
      {problem && (
        <p className="banner error" role="alert" data-testid="records-error">
          {problem}
        </p>
      )}
    </section>
  );
}
