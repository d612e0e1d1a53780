/**
 * Issue 19's acceptance on the labelled clips, pending (npm run test:pending): every labels file in
 * ../shared/clips/labels and fixtures/labels (6 clips, 135 events today: the two of issue 13, three sprint starts and
 * walking-side's first pass), pooled — events within ±2 frames ≥ 90 % and within ±1 ≥ 75 %; every clip's activity
 * right; 0 wrong strikes on certain labels with ≥ 80 % of them classified; contact time (median) within ±10 % of the
 * labels' or ±1 frame, whichever is larger, on every running clip (walking's is withheld by design).
 * Measured 2026-12-08 (bench:accuracy on the current core): events 127/135 and 120/135, activity 6/6, strikes 0 wrong
 * but 39/52 (75 %) classified (sprint contacts are left unclassified), contact time outside the bar on the treadmill
 * clip (295 ms against 333): fails until issue 19 lands; then it joins analysis.spec.ts.
 */
import { expect, test } from '@playwright/test';
import type { GaitAnalysis } from '../../../src/core/analysis';
import type { AnalyzeResult } from '../../../src/core/types';
import { poolScores, scoreClip } from '../../../scripts/lib/label-score.mjs';
import { analyze, openApp, sharedClip } from '../../browser/helpers';
import { LABELLED_CLIPS } from '../../browser/labelled';
import { expectDecodedOnce } from '../../browser/pipelineChecks';

test('every labelled clip, pooled: issue 19 bars (events, activity, strikes, contact time)', async ({ page }) => {
  test.setTimeout(20 * 60_000);
  await openApp(page);
  const scores: ReturnType<typeof scoreClip>[] = [];
  const lines: string[] = [];
  const contactOff: string[] = [];
  for (const { name, clip, labels } of LABELLED_CLIPS) {
    const r = await analyze(page, sharedClip(clip));
    expect(r.phase).toBe('done');
    expectDecodedOnce(r.result as AnalyzeResult, sharedClip(clip));
    const a = r.result!.analysis as GaitAnalysis;
    const fps = r.result!.clip.measuredFps ?? r.result!.clip.nominalFps;
    const sc = scoreClip(labels, a, fps);
    scores.push(sc);
    const c = sc.contact;
    if (sc.activity.expected === 'running' && c.label !== null && !c.ok) contactOff.push(`${name}: ${c.found ?? 'none'} ms against ${c.label.toFixed(0)}`);
    lines.push(`${name}: ±1 ${sc.events.within1}/${sc.events.total}, ±2 ${sc.events.within2}; strikes ${sc.strikes.right} right, ${sc.strikes.wrong} wrong of ${sc.strikes.certain} certain; contact ${c.found ?? 'none'} ms (labels ${c.label?.toFixed(0)}); ${a.activity}`);
  }
  console.log(lines.join('\n'));
  const msg = lines.join('\n');
  const p = poolScores(scores);
  expect(p.events.total).toBeGreaterThanOrEqual(135);
  expect(p.activityOk, msg).toBe(p.clips);
  expect(p.events.within2 / p.events.total, msg).toBeGreaterThanOrEqual(0.9);
  expect(p.events.within1 / p.events.total, msg).toBeGreaterThanOrEqual(0.75);
  expect(p.strikes.wrong, msg).toBe(0);
  expect(p.strikes.right / p.strikes.certain, msg).toBeGreaterThanOrEqual(0.8);
  expect(contactOff, msg).toEqual([]);
});
