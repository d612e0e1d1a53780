import { useCallback, useEffect, useRef, useState } from 'react';
import { getRecord, onRecordsChanged, type PatientRecord } from './db';

/** The record `id` as stored on the device; `record` null: no such record (deleted, or unreadable). */
export interface StoredBaseline {
  id: string;
  record: PatientRecord | null;
}

/**
 * The stored version of the record the page shows, read again after every write to the records (a rename or a delete
 * in the records list, a restore), so the save card measures changes against what is really stored. `onChange(prev,
 * next)` is told when a re-read finds the record changed by something else than this page's own save.
 * `set` installs what this page just wrote (no re-read needed; reads already under way are dropped).
 */
export function useStoredRecord(
  id: string | null,
  onChange?: (prev: PatientRecord | null, next: PatientRecord | null) => void,
): [StoredBaseline | null, (b: StoredBaseline) => void] {
  const [baseline, setBaseline] = useState<StoredBaseline | null>(null);
  const current = useRef<StoredBaseline | null>(null);
  const changed = useRef(onChange);
  changed.current = onChange;
  /** Bumped by every read and every `set`: only the latest may land. */
  const seq = useRef(0);

  const set = useCallback((b: StoredBaseline) => {
    seq.current++;
    current.current = b;
    setBaseline(b);
  }, []);

  useEffect(() => {
    if (!id) {
      seq.current++;
      current.current = null;
      setBaseline(null);
      return;
    }
    let live = true;
    const read = () => {
      const n = ++seq.current;
      const land = (record: PatientRecord | null) => {
        if (!live || n !== seq.current) return;
        const prev = current.current;
        if (prev?.id === id) changed.current?.(prev.record, record);
        set({ id, record });
      };
      // a record that cannot be read is treated as absent: saving then adds a new record and overwrites nothing
      getRecord(id).then(land, () => land(null));
    };
    read();
    const off = onRecordsChanged(read);
    return () => {
      live = false;
      off();
    };
  }, [id, set]);

  return [baseline, set];
}
