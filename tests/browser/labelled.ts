import { expect, type Page } from '@playwright/test';
import type { GaitAnalysis } from '../../src/core/analysis';
import type { AnalyzeResult } from '../../src/core/types';
import { labelledClips } from '../../scripts/lib/labels.mjs';
import { poolScores, scoreClip } from '../../scripts/lib/label-score.mjs';
import { analyze, sharedClip } from './helpers';
import { expectDecodedOnce, expectNoLongTasks, expectPlausiblePoses, watchLongTasks } from './pipelineChecks';

/** The hand-labelled clips: every labels file in ../shared/clips/labels and fixtures/labels (scripts/lib/labels.mjs). */
export const LABELLED_CLIPS = labelledClips();

/**
 * The labelled clips issue 13's bars were measured and met on (78 events). The sprint starts labelled since (forefoot
 * contacts, a sprinter leaving the blocks) are found since 2026-12-07, but their strikes are left unclassified and one
 * cadence is withheld, so issue 13's "strike right on every certain label" cannot hold there; issue 19's bars over
 * every labelled clip are in tests/pending/browser/labelled-all.spec.ts (npm run test:pending) until it lands.
 */
export const ISSUE13_CLIPS = LABELLED_CLIPS.filter((c) => ['treadmill-side-left.mp4', 'overground-side-right-to-left.mp4'].includes(c.clip));

/**
 * Runs each clip through the page and checks the pooled bars: events within ±2 frames of the hand labels on ≥ 90 %
 * and within ±1 frame on ≥ 75 %, cadence within ±5 % of the labels', strike right on every certain label, running
 * recognised (and the view right where labelled); every sample decoded once, no long task, the treadmill runner's
 * poses plausible.
 */
export async function checkPooledBars(page: Page, clips: typeof LABELLED_CLIPS, minEvents: number): Promise<void> {
  // main-thread tasks over 250 ms during the runs would make the page feel frozen
  await watchLongTasks(page);
  const scores: ReturnType<typeof scoreClip>[] = [];
  const lines: string[] = [];
  let posesChecked = false;
  for (const { name: clip, clip: file, labels } of clips) {
    const r = await analyze(page, sharedClip(file));
    expect(r.phase).toBe('done');
    expectDecodedOnce(r.result as AnalyzeResult, sharedClip(file));
    if (file === 'treadmill-side-left.mp4') {
      expectPlausiblePoses(r.result as AnalyzeResult);
      posesChecked = true;
    }
    const a = r.result!.analysis as GaitAnalysis;
    const sc = scoreClip(labels, a, r.result!.clip.measuredFps ?? r.result!.clip.nominalFps);
    scores.push(sc);
    lines.push(`${clip}: ${sc.events.within1}/${sc.events.total} within ±1, ${sc.events.within2} within ±2 frames; strike right on ${sc.strikes.right}/${sc.strikes.certain} certain contacts; cadence ${sc.cadence.found} against the labels' ${sc.cadence.label?.toFixed(1)}; ${a.activity} (${a.activityBasis})`);
  }
  console.log(lines.join('\n'));
  await expectNoLongTasks(page);
  expect(posesChecked, 'the treadmill runner is among the labelled clips').toBe(true);
  const p = poolScores(scores);
  const msg = lines.join('\n');
  expect(p.events.total).toBeGreaterThanOrEqual(minEvents);
  expect(p.activityOk, msg).toBe(p.clips);
  expect(p.viewOk, msg).toBe(p.viewLabelled);
  expect(p.events.within2 / p.events.total, msg).toBeGreaterThanOrEqual(0.9);
  expect(p.events.within1 / p.events.total, msg).toBeGreaterThanOrEqual(0.75);
  expect(p.cadence.within5, msg).toBe(p.cadence.clips);
  expect(p.strikes.right, msg).toBe(p.strikes.certain);
}
