/**
 * The analysis core on real clips, through the real decoder and the real pose model (issue: analysis core).
 * Acceptance (issues 3 and 13), pooled over the labelled clips issue 13 was measured on (labelled.ts): IC and TO within ±2 frames of
 * the hand labels on ≥ 90 % and within ±1 frame on ≥ 75 % of labelled events; cadence within ±5 % of the labels'; the
 * strike pattern matches every label marked certain; running recognised as running. No running → "no running found",
 * no numbers; walking is walking, by the mechanics. The same runs check the decode → pose stages (pipelineChecks.ts):
 * every sample decoded once, the page never frozen, the treadmill runner's poses plausible.
 */
import { expect, test } from '@playwright/test';
import type { GaitAnalysis } from '../../src/core/analysis';
import { checkPooledBars, ISSUE13_CLIPS } from './labelled';
import type { AnalyzeResult } from '../../src/core/types';
import { analyze, openApp, sharedClip } from './helpers';
import { expectDecodedOnce } from './pipelineChecks';

test('labelled clips (pooled): events within ±2 frames on ≥ 90 % and within ±1 frame on ≥ 75 %, cadence within ±5 % of the labels, strike right on every certain label, running recognised; every sample decoded once, no long task, plausible poses on the treadmill runner', async ({ page }) => {
  await openApp(page);
  // the two clips issue 13's bars were met on (78 events); every labelled clip, sprint starts included: tests/pending
  expect(ISSUE13_CLIPS.map((c) => c.clip).sort()).toEqual(['overground-side-right-to-left.mp4', 'treadmill-side-left.mp4']);
  await checkPooledBars(page, ISSUE13_CLIPS, 78);
});

test('a clip with no running says "no running found" and shows no numbers', async ({ page }) => {
  await openApp(page);
  const r = await analyze(page, sharedClip('not-gait-dumbbell.mp4'));
  expectDecodedOnce(r.result as AnalyzeResult, sharedClip('not-gait-dumbbell.mp4'));
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
  expectDecodedOnce(r.result as AnalyzeResult, sharedClip('walking-side.mp4'));
  const a = r.result!.analysis as GaitAnalysis;
  expect(a.activity).toBe('walking');
  // by the mechanics (the pelvis highest at mid-stance), not by a cadence band
  expect(a.activityBasis).toBe('mechanics');
});
