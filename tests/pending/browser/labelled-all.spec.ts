/**
 * Issue 19's acceptance on the labelled clips, pending (npm run test:pending): every labels file in
 * ../shared/clips/labels and fixtures/labels (5 clips, 123 events today: the two of issue 13 and three sprint starts),
 * pooled — events within ±2 frames ≥ 90 % and within ±1 ≥ 75 %; every running clip recognised as running; 0 wrong
 * strikes on certain labels with ≥ 80 % of them classified; contact time (median) within ±10 % of the labels' or
 * ±1 frame, whichever is larger, on every clip.
 * Measured 2026-12-08 (bench:accuracy, page run): events 120/123 and 107/123, running 5/5, strikes 0 wrong but 39/52
 * (75 %) classified (sprint contacts are left unclassified), contact time outside the bar on the treadmill clip (282
 * ms against 333), the overground pass (263 / 300) and sprint-start-b15 (127 / 200): fails until issue 19 lands; then
 * it joins analysis.spec.ts.
 */
import { expect, test } from '@playwright/test';
import type { GaitAnalysis } from '../../../src/core/analysis';
import type { AnalyzeResult } from '../../../src/core/types';
import { median } from '../../../src/core/analysis/stats';
import { poolScores, scoreClip } from '../../../scripts/lib/label-score.mjs';
import { analyze, openApp, sharedClip } from '../../browser/helpers';
import { LABELLED_CLIPS } from '../../browser/labelled';
import { expectDecodedOnce } from '../../browser/pipelineChecks';

/** Median contact time of the labels (each IC to the next TO of the same foot), ms. */
function labelledContactMs(events: { type: string; foot: string; frame: number }[], fps: number): number | null {
  const spans: number[] = [];
  for (const ic of events.filter((e) => e.type === 'IC')) {
    const to = events.filter((e) => e.type === 'TO' && e.foot === ic.foot && e.frame > ic.frame).sort((a, b) => a.frame - b.frame)[0];
    if (to) spans.push(((to.frame - ic.frame) * 1000) / fps);
  }
  return spans.length ? median(spans) : null;
}

test('every labelled clip, pooled: issue 19 bars (events, running, strikes, contact time)', async ({ page }) => {
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
    const lc = labelledContactMs(labels.events, fps);
    const found = a.summary.contactTimeMs.value;
    if (lc !== null && (found === null || Math.abs(found - lc) > Math.max(0.1 * lc, 1000 / fps))) contactOff.push(`${name}: ${found ?? 'none'} ms against ${lc.toFixed(0)}`);
    lines.push(`${name}: ±1 ${sc.events.within1}/${sc.events.total}, ±2 ${sc.events.within2}; strikes ${sc.strikes.right} right, ${sc.strikes.wrong} wrong of ${sc.strikes.certain} certain; contact ${found ?? 'none'} ms (labels ${lc?.toFixed(0)}); ${a.activity}`);
  }
  console.log(lines.join('\n'));
  const msg = lines.join('\n');
  const p = poolScores(scores);
  expect(p.events.total).toBeGreaterThanOrEqual(123);
  expect(p.activityOk, msg).toBe(p.clips);
  expect(p.events.within2 / p.events.total, msg).toBeGreaterThanOrEqual(0.9);
  expect(p.events.within1 / p.events.total, msg).toBeGreaterThanOrEqual(0.75);
  expect(p.strikes.wrong, msg).toBe(0);
  expect(p.strikes.right / p.strikes.certain, msg).toBeGreaterThanOrEqual(0.8);
  expect(contactOff, msg).toEqual([]);
});
