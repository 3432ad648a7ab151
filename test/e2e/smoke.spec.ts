import { expect, test } from '@playwright/test';

test('the example opens with its flags', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: /打开示例/ }).click();
  await expect(page.getByRole('tab', { name: /公开01表/ })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/smoke-01.png' });
});
