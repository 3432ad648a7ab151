/**
 * Actions that explain themselves: 采用计算值 says what it will change before it acts, saving a
 * report with errors asks, the 审核 panel follows the active tab and keeps its place after a fix.
 */
import { expect, test, type Page } from '@playwright/test';
import { errorCount, openExample, openTab, saveAnyway, SCREENS } from './helpers';

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

test('saving a report with errors asks, naming how many; 取消 saves nothing, 仍然保存 saves; a report without errors saves at once', async ({
  page,
}) => {
  await openExample(page);
  const errors = await errorCount(page);
  expect(errors).toBeGreaterThan(0);
  const question = page.getByRole('alertdialog', { name: '报表还有错误' });
  const downloads: string[] = [];
  page.on('download', (d) => downloads.push(d.suggestedFilename()));

  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(question).toContainText(`报表还有 ${errors} 处错误`);
  await page.screenshot({ path: `${SCREENS}/save-with-errors.png` });
  await question.getByRole('button', { name: '取消' }).click();
  await expect(question).toHaveCount(0);

  // Ctrl+S asks the same, and 仍然保存 saves.
  await page.keyboard.press('Control+S');
  const download = page.waitForEvent('download');
  await saveAnyway(page);
  await download;
  expect(downloads).toEqual(['2024年度决算示例.json']);

  // A new, empty report has no errors: 保存 saves without asking.
  await page.getByRole('button', { name: '新建/打开…' }).click();
  await page.getByLabel('部门名称').fill('某局');
  await page.getByRole('button', { name: '新建报表' }).click();
  expect(await errorCount(page)).toBe(0);
  const second = page.waitForEvent('download');
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await second;
  await expect(question).toHaveCount(0);
});

test('the 审核 panel follows the active tab, and after a fix the highlight goes to the finding that followed', async ({
  page,
}) => {
  await openExample(page);
  const list = page.getByRole('complementary', { name: '审核结果' }).locator('.bd-audit-list');
  const groupTop = async (table: string) =>
    Math.round(
      (await list.locator(`[data-group="${table}"]`).boundingBox())!.y - (await list.boundingBox())!.y,
    );

  await openTab(page, '公开05表');
  await expect(list.locator('[data-group="公开05表"]')).toHaveClass(/bd-audit-current/);
  await expect.poll(() => groupTop('公开05表')).toBeLessThan(8);
  expect(await groupTop('公开05表')).toBeGreaterThanOrEqual(0);
  expect(await list.evaluate((e) => e.scrollTop)).toBeGreaterThan(0);
  await page.screenshot({ path: `${SCREENS}/audit-follows-tab.png` });
  await openTab(page, '公开01表');
  await expect(list.locator('[data-group="公开01表"]')).toHaveClass(/bd-audit-current/);
  await expect.poll(() => groupTop('公开01表')).toBeLessThan(8);
  expect(await groupTop('公开01表')).toBeGreaterThanOrEqual(0);

  // 公开01表 行51 is 0.90 where 公开03表 says 2.23: typing 2.23 there fixes the finding clicked.
  const target = list.locator('.bd-finding', { hasText: '公开01表 行51' }).first();
  const key = (await target.getAttribute('data-finding'))!;
  await target.click();
  await expect(target).toHaveAttribute('aria-current', 'true');
  const keys = () =>
    list.locator('.bd-finding').evaluateAll((els) => els.map((e) => e.getAttribute('data-finding')!));
  const before = await keys();
  await page.keyboard.type('2.23');
  await page.keyboard.press('Enter');
  await expect(list.locator(`[data-finding="${key}"]`)).toHaveCount(0);
  const after = await keys();
  const next = before.slice(before.indexOf(key) + 1).find((k) => after.includes(k));
  expect(next).toBeDefined();
  await expect(list.locator('[aria-current="true"]')).toHaveAttribute('data-finding', next!);
  await expect(list.locator('[aria-current="true"]')).toBeInViewport();
  await page.screenshot({ path: `${SCREENS}/audit-after-fix.png` });
});
