import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crc32, unzipStored, zip } from '../../src/app/export/zip';

describe('zip (stored)', () => {
  it('CRC-32 of "123456789" is the standard check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });
  it('round-trips names and bytes, and Python\'s zipfile reads it and verifies the CRCs', () => {
    const a = new Uint8Array(1000).map((_, i) => (i * 7) & 255);
    const b = new TextEncoder().encode('héllo');
    const bytes = zip([{ name: 'frame-0012.png', data: a }, { name: 'notes/é.txt', data: b }]);
    const back = unzipStored(bytes);
    expect(back.map((e) => e.name)).toEqual(['frame-0012.png', 'notes/é.txt']);
    expect(Array.from(back[0].data)).toEqual(Array.from(a));
    const p = join(mkdtempSync(join(tmpdir(), 'zip-')), 't.zip');
    writeFileSync(p, bytes);
    const out = execFileSync('python3', ['-c', `import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); print(z.testzip()); print(','.join(z.namelist()))`, p]).toString().trim().split('\n');
    expect(out[0]).toBe('None');
    expect(out[1]).toBe('frame-0012.png,notes/é.txt');
  });
});
