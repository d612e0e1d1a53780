/**
 * The hand-labelled clips: every labels file in <shared>/clips/labels/*.json (more are added there over time), with
 * the clip it names (its `clip` field) in <shared>/clips. One list for the browser tests, `npm run bench`,
 * `npm run bench:accuracy` and the unit tests on cached tracks; nobody keeps a list of names by hand.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './app-server.mjs';

export { labelledDirection } from './label-score.mjs';

/** ../shared beside the checkout (a git worktree's ../shared too). */
export const SHARED_DIR = join(ROOT, '..', 'shared');

/** Every labelled clip, sorted by name; [] when the labels folder is absent. */
export function labelledClips(sharedDir = SHARED_DIR) {
  const clipsDir = join(sharedDir, 'clips');
  const labelsDir = join(clipsDir, 'labels');
  if (!existsSync(labelsDir)) return [];
  return readdirSync(labelsDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const labelsPath = join(labelsDir, f);
      const labels = JSON.parse(readFileSync(labelsPath, 'utf8'));
      const clip = labels.clip ?? f.replace(/\.json$/, '.mp4');
      const clipPath = join(clipsDir, clip);
      return { name: clip.replace(/\.[^.]+$/, ''), clip, clipPath, clipExists: existsSync(clipPath), labelsPath, labels };
    });
}
