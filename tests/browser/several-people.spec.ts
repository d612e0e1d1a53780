/**
 * Several people in view (issue 13, item 4): a second person standing beside the treadmill runner — beside him, partly
 * in front of him, bigger (closer to the camera). StrideScope follows the runner (the person whose legs cycle) on every
 * frame, reads him as it reads him alone, and says that another person was seen. Clips made at test time
 * (peopleFiles.ts); 6 s each.
 */
import { expect, test } from '@playwright/test';
import type { GaitAnalysis } from '../../src/core/analysis';
import type { PoseFrame } from '../../src/core/types';
import type { InPageOutcome } from '../../scripts/lib/run-in-page.mjs';
import { analyze, openApp, scratchDir } from './helpers';
import { treadmill6s } from './tortureFiles';
import { runnerWithStandingPerson, type Variant } from './peopleFiles';

test.describe.configure({ mode: 'serial' });

const analysisOf = (r: InPageOutcome) => r.result!.analysis as GaitAnalysis;
const hipX = (f: PoseFrame) => (f.keypoints!.find((k) => k.name === 'left_hip')!.x + f.keypoints!.find((k) => k.name === 'right_hip')!.x) / 2;
/** The runner's hips stay at x ≈ 260–330 on the treadmill clip. */
const RUNNER_HIP_X = 300;

let alone: GaitAnalysis | null = null;
const report: string[] = [];
test.afterAll(() => console.log(`\nSeveral people in view\n${report.map((l) => `  ${l}`).join('\n')}`));

test('the runner alone (the reference): running, cadence 160–172', async ({ page }) => {
  await openApp(page);
  const r = await analyze(page, treadmill6s(scratchDir()));
  expect(r.phase).toBe('done');
  alone = analysisOf(r);
  expect(alone.activity).toBe('running');
  expect(alone.summary.cadence.value).toBeGreaterThanOrEqual(160);
  expect(alone.summary.cadence.value).toBeLessThanOrEqual(172);
  expect(alone.advice.map((a) => a.code)).not.toContain('other-person');
  report.push(`runner alone: running, cadence ${alone.summary.cadence.value}`);
});

for (const variant of ['beside', 'front', 'bigger'] as Variant[]) {
  test(`a person standing ${variant === 'bigger' ? 'beside the runner, closer to the camera' : variant === 'front' ? 'partly in front of the runner' : 'beside the runner'}: the pose follows the runner on every frame, read as alone, "another person was seen"`, async ({ page }) => {
    expect(alone).not.toBeNull();
    const clip = runnerWithStandingPerson(scratchDir(), variant);
    await openApp(page);
    const r = await analyze(page, clip.file);
    expect(r.phase).toBe('done');
    const frames = r.result!.frames;
    const posed = frames.filter((f) => f.keypoints);
    // no pose frame's hip centre on the other person: every one nearer the runner's place than the other's
    const onOther = posed.filter((f) => Math.abs(hipX(f) - clip.otherHipX) < Math.abs(hipX(f) - RUNNER_HIP_X));
    expect(onOther.map((f) => f.index)).toEqual([]);
    expect(posed.length).toBeGreaterThanOrEqual(0.95 * frames.length);
    const a = analysisOf(r);
    expect(a.activity).toBe('running');
    const cadence = a.summary.cadence.value!;
    expect(Math.abs(cadence - alone!.summary.cadence.value!)).toBeLessThanOrEqual(0.05 * alone!.summary.cadence.value!);
    const advice = a.advice.find((x) => x.code === 'other-person');
    expect(advice?.message).toMatch(/^Another person was seen on \d+ frames of 180: StrideScope followed the runner/);
    await expect(page.getByTestId('gait-headline')).toContainText('Another person was seen on');
    await expect(page.getByTestId('summary')).toContainText('Another person was in view');
    if (variant === 'beside') await page.screenshot({ path: 'test-results/several-people-beside.png', fullPage: true });
    report.push(`${variant}: pose on ${posed.length}/${frames.length} frames, none on the other person; ${a.activity}, cadence ${cadence} (alone ${alone!.summary.cadence.value}); other person seen on ${advice!.message.match(/on (\d+) frames/)![1]} frames, left out of the analysis ${a.quality.otherPersonFrames}`);
  });
}
