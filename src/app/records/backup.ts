/**
 * A record as one file (backup / restore): a ZIP holding `record.json` (the record as stored) and its videos as
 * `video-<index>`. Restoring writes the same record back (a new id if that id is taken), so a restored backup equals
 * the original.
 */
import { safeFileName } from '../export/still';
import { unzipStored, zip } from '../export/zip';
import { getRecord, getVideo, newRecordId, saveRecord, type PatientRecord } from './db';

export const BACKUP_FORMAT = 'stridescope-record-backup';

export async function backupRecord(id: string): Promise<{ blob: Blob; name: string }> {
  const rec = await getRecord(id);
  if (!rec) throw new Error('this record no longer exists');
  const enc = new TextEncoder();
  const entries = [{ name: 'record.json', data: enc.encode(JSON.stringify({ format: BACKUP_FORMAT, version: 1, record: rec })) }];
  for (let i = 0; i < rec.clips.length; i++) {
    if (!rec.clips[i].hasVideo) continue;
    const v = await getVideo(id, i);
    if (v) entries.push({ name: `video-${i}`, data: new Uint8Array(await v.arrayBuffer()) });
  }
  return { blob: new Blob([zip(entries)], { type: 'application/zip' }), name: `stridescope-${safeFileName(rec.patientLabel, 'record')}-${rec.date}.zip` };
}

export async function restoreRecord(file: Blob): Promise<string> {
  let entries;
  try {
    entries = unzipStored(new Uint8Array(await file.arrayBuffer()));
  } catch {
    throw new Error('This file is not a StrideScope record backup (not a ZIP made by "Back up").');
  }
  const meta = entries.find((e) => e.name === 'record.json');
  if (!meta) throw new Error('This file is not a StrideScope record backup (no record.json inside).');
  const parsed = JSON.parse(new TextDecoder().decode(meta.data)) as { format?: string; record?: PatientRecord };
  if (parsed.format !== BACKUP_FORMAT || !parsed.record) throw new Error('This file is not a StrideScope record backup.');
  const rec = parsed.record;
  const id = (await getRecord(rec.id)) ? newRecordId() : rec.id;
  const videos = new Map<number, Blob>();
  for (const e of entries) {
    const m = /^video-(\d+)$/.exec(e.name);
    if (m) videos.set(Number(m[1]), new Blob([e.data]));
  }
  await saveRecord({ ...rec, id }, videos, { touch: false });
  return id;
}
