/** Start-up checks: the models must be served by the app itself; if they are not, the page says what to do. */
import { expect, test } from '@playwright/test';
import { openApp } from './helpers';

test('missing model files give a clear message at start-up', async ({ page, context }) => {
  await context.route('**/models/**', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await openApp(page);
  await expect(page.getByTestId('models-missing')).toBeVisible();
  await expect(page.getByTestId('models-missing')).toContainText('npm install');
});

test('with the models installed there is no warning, and the model choice explains what MoveNet removes', async ({ page }) => {
  await openApp(page);
  await page.waitForTimeout(1000);
  await expect(page.getByTestId('models-missing')).toHaveCount(0);
  await expect(page.getByTestId('movenet-limits')).toHaveCount(0);
  // the model choice is folded under "Analysis options" below the drop zone
  await page.getByTestId('analysis-options').getByText('Analysis options').click();
  await page.getByTestId('model-select').selectOption('movenet');
  await expect(page.getByTestId('movenet-limits')).toContainText('foot-strike pattern');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
});
