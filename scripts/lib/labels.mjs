/**
 * The hand-labelled clips: every labels file in <shared>/clips/labels/*.json (more are added there over time) and in
 * fixtures/labels/*.json (made here with the app's event editor), with the clip it names (its `clip` field) in
 * <shared>/clips. One list for the browser tests, `npm run bench`,
 * `npm run bench:accuracy` and the unit tests on cached tracks; nobody keeps a list of names by hand.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './app-server.mjs';

export { labelledDirection } from './label-score.mjs';

/** ../shared beside the checkout (a git worktree's ../shared too). */
export const SHARED_DIR = join(ROOT, '..', 'shared');

/** Labels files made here with the app's own event editor (the clips stay in ../shared): fixtures/labels/*.json. */
export const OWN_LABELS_DIR = join(ROOT, 'fixtures', 'labels');

/**
 * Every labelled clip, sorted by name: the labels in <shared>/clips/labels and ours in fixtures/labels (each naming
 * a clip in <shared>/clips); a clip labelled in both places is taken from ../shared. [] when neither folder exists.
 */
export function labelledClips(sharedDir = SHARED_DIR, ownDir = OWN_LABELS_DIR) {
  const clipsDir = join(sharedDir, 'clips');
  const byName = new Map();
  for (const labelsDir of [join(clipsDir, 'labels'), ownDir]) {
    if (!existsSync(labelsDir)) continue;
    for (const f of readdirSync(labelsDir).filter((x) => x.endsWith('.json'))) {
      const labelsPath = join(labelsDir, f);
      const labels = JSON.parse(readFileSync(labelsPath, 'utf8'));
      const clip = labels.clip ?? f.replace(/\.json$/, '.mp4');
      const clipPath = join(clipsDir, clip);
      const name = clip.replace(/\.[^.]+$/, '');
      if (!byName.has(name)) byName.set(name, { name, clip, clipPath, clipExists: existsSync(clipPath), labelsPath, labels });
    }
  }
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
