/**
 * The spine, end to end in Debian's Chromium: real clips from ../shared through the real decoder (WebCodecs via
 * mediabunny) and the real pose model (BlazePose full, served from the app's own origin). Every shared clip is
 * checked: those below here, the labelled, walking and no-gait clips in analysis.spec.ts and the back-view snow clip in
 * report.spec.ts, on the runs they make anyway.
 */
import { expect, test } from '@playwright/test';
import type { AnalyzeResult } from '../../src/core/types';
import { analyze, openApp, sharedClip } from './helpers';
import { expectDecodedOnce } from './pipelineChecks';

const DECODABLE_CLIPS = ['overground-back-runner.mp4', 'small-runner-side.mp4', 'multi-person-vp9.mp4'];

test.describe('real clips through decode → pose', () => {
  for (const name of DECODABLE_CLIPS) {
    test(`${name}: every sample decoded once, timestamps strictly increase`, async ({ page }) => {
      await openApp(page);
      const r = await analyze(page, sharedClip(name));
      expect(r.phase, JSON.stringify(r.error)).toBe('done');
      const res = r.result as AnalyzeResult;
      expectDecodedOnce(res, sharedClip(name));
      expect(res.analysis === null || typeof res.analysis === 'object').toBe(true);
    });
  }
});
