import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labelledClips } from '../../scripts/lib/labels.mjs';

/** A ../shared-like folder and a fixtures/labels-like folder in a temporary directory. */
function folders() {
  const root = mkdtempSync(join(tmpdir(), 'labels-'));
  const shared = join(root, 'shared');
  const own = join(root, 'own');
  mkdirSync(join(shared, 'clips', 'labels'), { recursive: true });
  mkdirSync(own, { recursive: true });
  for (const c of ['a.mp4', 'b.mp4', 'c.mp4']) writeFileSync(join(shared, 'clips', c), '');
  const write = (dir: string, file: string, doc: object) => writeFileSync(join(dir, file), JSON.stringify(doc));
  return { shared, own, write };
}

describe('labelledClips: the labels in ../shared/clips/labels and in fixtures/labels', () => {
  it('reads both folders, sorted by clip name, each naming a clip in ../shared/clips', () => {
    const { shared, own, write } = folders();
    write(join(shared, 'clips', 'labels'), 'c.json', { clip: 'c.mp4', events: [{ type: 'IC', foot: 'left', frame: 3 }] });
    write(own, 'a.json', { clip: 'a.mp4', events: [{ type: 'TO', foot: 'right', frame: 9 }], notes: 'made with the event editor' });
    const got = labelledClips(shared, own);
    expect(got.map((c) => c.name)).toEqual(['a', 'c']);
    expect(got[0].clipPath).toBe(join(shared, 'clips', 'a.mp4'));
    expect(got[0].clipExists).toBe(true);
    expect(got[0].labelsPath).toBe(join(own, 'a.json'));
    expect(got[0].labels.events[0].frame).toBe(9);
  });

  it('a clip labelled in both places is taken from ../shared (the hand labels made by eye come first)', () => {
    const { shared, own, write } = folders();
    write(join(shared, 'clips', 'labels'), 'b.json', { clip: 'b.mp4', events: [{ type: 'IC', foot: 'left', frame: 1 }] });
    write(own, 'b-editor.json', { clip: 'b.mp4', events: [{ type: 'IC', foot: 'left', frame: 2 }] });
    const got = labelledClips(shared, own);
    expect(got).toHaveLength(1);
    expect(got[0].labels.events[0].frame).toBe(1);
  });

  it('no folders: no clips', () => {
    expect(labelledClips(join(tmpdir(), 'nowhere-' + Date.now()), join(tmpdir(), 'nowhere-own'))).toEqual([]);
  });
});
