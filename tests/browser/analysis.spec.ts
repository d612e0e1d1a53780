/**
 * The analysis core on real clips, through the real decoder and the real pose model (issue: analysis core).
 * Acceptance: IC and TO within ±2 frames of the hand labels on ≥ 90 % of labelled events (pooled over the labelled
 * clips); the strike pattern matches every label marked certain; no running → "no running found", no numbers;
 * walking is walking.
 */
import { expect, test } from '@playwright/test';
import type { GaitAnalysis } from '../../src/core/analysis';
import { scoreEvents } from '../../scripts/lib/label-score.mjs';
import { LABELLED_CLIPS } from './labelled';
import { analyze, openApp, sharedClip } from './helpers';

test('labelled side clips: IC and TO within ±2 frames of the hand labels on ≥ 90 % of labelled events (pooled); strike right on every certain label', async ({ page }) => {
  await openApp(page);
  let within = 0;
  let total = 0;
  let wrongStrikes = 0;
  const lines: string[] = [];
  for (const { name: clip, clip: file, labels } of LABELLED_CLIPS) {
    const r = await analyze(page, sharedClip(file));
    expect(r.phase).toBe('done');
    const a = r.result!.analysis as GaitAnalysis;
    expect(a.view.view).toBe('side');
    expect(a.activity).toBe('running');
    const sc = scoreEvents(labels.events, a);
    within += sc.within;
    total += sc.total;
    wrongStrikes += sc.strikeCertain - sc.strikeRight;
    lines.push(`${clip}: ${sc.within}/${sc.total} within ±2 frames; strike right on ${sc.strikeRight}/${sc.strikeCertain} certain contacts; errors ${sc.errors.map((e) => e ?? 'miss').join(' ')}`);
  }
  console.log(lines.join('\n'));
  // 78 events on the two clips labelled first; more labels files may be added to ../shared/clips/labels
  expect(total).toBeGreaterThanOrEqual(78);
  expect(within / total, lines.join('\n')).toBeGreaterThanOrEqual(0.9);
  expect(wrongStrikes, lines.join('\n')).toBe(0);
});

test('a clip with no running says "no running found" and shows no numbers', async ({ page }) => {
  await openApp(page);
  const r = await analyze(page, sharedClip('not-gait-dumbbell.mp4'));
  const a = r.result!.analysis as GaitAnalysis;
  expect(a.activity).toBe('none');
  expect(a.activityReason).toMatch(/no running found/i);
  expect(a.events).toHaveLength(0);
  expect(a.summary.cadence.value).toBeNull();
  expect(a.summary.trunkLeanToDeg.value).toBeNull();
  await expect(page.getByTestId('gait-headline')).toContainText(/no running found/i);
});

test('a walking clip is labelled walking, not running', async ({ page }) => {
  await openApp(page);
  const r = await analyze(page, sharedClip('walking-side.mp4'));
  expect((r.result!.analysis as GaitAnalysis).activity).toBe('walking');
});
