import { describe, expect, it } from 'vitest';
// @ts-expect-error — plain ESM script
import { ACTIVITY_CLIPS, parseArgs } from '../../scripts/bench-accuracy.mjs';

describe('npm run bench:accuracy arguments', () => {
  it('defaults: every labelled clip, its variants and the activity clips, nothing saved', () => {
    expect(parseArgs([])).toMatchObject({ saveTracks: null, only: null, json: null, variants: true, activity: true, from: null });
  });
  it('reads --save-tracks, --only, --json, --from, --no-variants, --no-activity', () => {
    expect(parseArgs(['--save-tracks', '/tmp/t', '--only', 'treadmill', '--json', 'f.json', '--from', '/tmp/s', '--no-variants', '--no-activity'])).toMatchObject({
      saveTracks: '/tmp/t', only: 'treadmill', json: 'f.json', from: '/tmp/s', variants: false, activity: false,
    });
  });
  it('expects what ../shared/README.md says the unlabelled clips show', () => {
    const e = Object.fromEntries((ACTIVITY_CLIPS as { clip: string; expected: string[] }[]).map((c) => [c.clip, c.expected]));
    expect(e).toEqual({
      'walking-side.mp4': ['walking'],
      'not-gait-dumbbell.mp4': ['none'],
      'overground-back-snow.mp4': ['running'],
      'overground-back-runner.mp4': ['running'],
      'small-runner-side.mp4': ['running', 'none'],
      'sprint-blocks-no-steps.mp4': ['none'],
    });
  });
});
