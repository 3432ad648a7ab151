/**
 * Actions that explain themselves: 采用计算值 says what it will change before it acts, saving a
 * report with errors asks, the 审核 panel follows the active tab and keeps its place after a fix.
 */
import { expect, test, type Page } from '@playwright/test';
import { openExample, SCREENS } from './helpers';

const counts = async (page: Page) => ({
  error: Number(await page.getByTestId('total-error').textContent()),
  rounding: Number(await page.getByTestId('total-rounding').textContent()),
});

/** "错误 3 处，尾差 27 处" as counts by class. */
const parseSummary = (text: string) => ({
  error: Number(/错误 (\d+) 处/u.exec(text)?.[1] ?? 0),
  rounding: Number(/尾差 (\d+) 处/u.exec(text)?.[1] ?? 0),
});

test('采用计算值 shows how many cells change and which findings go and come; 取消 changes nothing, 确定 does just that', async ({
  page,
}) => {
  await openExample(page);
  const before = await counts(page);
  const adopt = page.getByRole('button', { name: '采用计算值' });
  const dialog = page.getByRole('alertdialog', { name: '采用计算值' });

  await adopt.click();
  await expect(dialog).toBeVisible();
  const cells = Number(await dialog.getByTestId('adopt-cells').textContent());
  expect(cells).toBeGreaterThan(0);
  const removedHead = (await dialog.getByTestId('adopt-removed').locator('h3').textContent())!;
  const addedHead = (await dialog.getByTestId('adopt-added').locator('h3').textContent())!;
  // Every group names its rule.
  await expect(dialog.getByTestId('adopt-removed').locator('li code').first()).toHaveText(/^[A-Z]+\d+/u);
  await page.screenshot({ path: `${SCREENS}/adopt-preview.png` });

  await dialog.getByRole('button', { name: '取消' }).click();
  await expect(dialog).toHaveCount(0);
  expect(await counts(page)).toEqual(before);
  await expect(page.getByLabel('未保存')).toHaveCount(0);
  await expect(page.getByRole('button', { name: '撤销' })).toBeDisabled();

  await adopt.click();
  await dialog.getByRole('button', { name: '确定' }).click();
  const removed = parseSummary(removedHead);
  const added = parseSummary(addedHead);
  expect(await counts(page)).toEqual({
    error: before.error - removed.error + added.error,
    rounding: before.rounding - removed.rounding + added.rounding,
  });
  await expect(page.getByLabel('未保存')).toHaveCount(1);
  await expect(adopt).toBeDisabled();
});
