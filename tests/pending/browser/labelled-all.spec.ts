/**
 * Issue 19's acceptance, pending (npm run test:pending): the pooled bars of analysis.spec.ts over EVERY labelled clip
 * in ../shared/clips/labels, the sprint starts labelled since issue 13 included. Today those read "no running found"
 * (0 of 45 events found), so this fails until issue 19 lands; then it replaces the two-clip bar in analysis.spec.ts.
 */
import { test } from '@playwright/test';
import { openApp } from '../../browser/helpers';
import { checkPooledBars, LABELLED_CLIPS } from '../../browser/labelled';

test('every labelled clip (pooled), sprint starts included: the bars of analysis.spec.ts', async ({ page }) => {
  await openApp(page);
  await checkPooledBars(page, LABELLED_CLIPS, 78);
});
