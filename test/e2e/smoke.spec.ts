import { expect, test } from '@playwright/test';

test('the example opens with its flags', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: /打开示例/ }).click();
  await expect(page.getByRole('tab', { name: /公开01表/ })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/smoke-01.png' });
});

test("the program works under the desktop program's Content-Security-Policy", async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content.Security.Policy/iu.test(message.text())) violations.push(message.text());
  });
  const response = await page.goto('/');
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  // Reading an .xlsx (exceljs), the grids, the print view: everything a user does on a first day.
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '打开报表文件…' }).click();
  await (await chooser).setFiles('test/fixtures/xlsx/final-2024-gaoxin.xlsx');
  await expect(page.getByRole('tab', { name: /公开01表/ })).toBeVisible();
  await page.getByRole('button', { name: '打印预览…' }).click();
  await expect(page.locator('.bd-print > .pv-page').first()).toBeVisible();
  expect(violations).toEqual([]);
  // The policy is enforced: an inline script does not run.
  await page.addScriptTag({ content: 'window.inlineRan = true' }).catch(() => {});
  expect(await page.evaluate(() => (window as { inlineRan?: boolean }).inlineRan)).toBeUndefined();
});
