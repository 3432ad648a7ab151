/**
 * Nothing lost: unsaved edits are snapshotted and offered back after a crash, and a report with
 * unsaved edits is never closed without 保存 / 不保存 / 取消.
 */
import { expect, test } from '@playwright/test';
import { cell, openExample, SCREENS, typeInto } from './helpers';

test('unsaved edits survive a crash and are offered back on the start page', async ({ page, context }) => {
  await openExample(page);
  await typeInto(page, cell(page, 'line1', 'incomeAmount'), '4321.5');
  await expect(page).toHaveTitle('● 2024年度决算示例.json - BudgetDesk');
  // The autosave runs every few seconds.
  await page.waitForFunction(
    () => Object.keys(localStorage).some((k) => k.startsWith('budgetdesk.recovery.')),
    null,
    { timeout: 15_000 },
  );

  // The tab dies without saving; the program is started again.
  await page.close({ runBeforeUnload: false });
  const again = await context.newPage();
  await again.goto('/');
  const offer = again.getByRole('region', { name: '恢复未保存的工作' });
  await expect(offer).toContainText('2024年度决算示例.json');
  await again.screenshot({ path: `${SCREENS}/recovery-offer.png` });
  await offer.getByRole('button', { name: '恢复' }).click();
  await expect(cell(again, 'line1', 'incomeAmount')).toHaveText('4,321.50');
  await expect(again.getByLabel('未保存', { exact: true })).toBeVisible();
  await expect(again.getByRole('status')).toContainText('已恢复“2024年度决算示例.json”未保存的修改');
});

test('closing a report with unsaved edits asks 保存 / 不保存 / 取消', async ({ page }) => {
  await openExample(page);
  await typeInto(page, cell(page, 'line1', 'incomeAmount'), '7');
  const question = page.getByRole('alertdialog', { name: '未保存的修改' });

  await page.getByRole('button', { name: '新建/打开…' }).click();
  await expect(question).toContainText('“2024年度决算示例.json”有未保存的修改');
  await page.screenshot({ path: `${SCREENS}/unsaved-question.png` });
  await question.getByRole('button', { name: '取消' }).click();
  await expect(cell(page, 'line1', 'incomeAmount')).toHaveText('7.00');

  await page.getByRole('button', { name: '新建/打开…' }).click();
  const download = page.waitForEvent('download');
  await question.getByRole('button', { name: '保存', exact: true }).click();
  expect((await download).suggestedFilename()).toBe('2024年度决算示例.json');
  await expect(page.getByRole('button', { name: '新建报表' })).toBeVisible();

  await openExample(page);
  await typeInto(page, cell(page, 'line1', 'incomeAmount'), '8');
  await page.getByRole('button', { name: '新建/打开…' }).click();
  await question.getByRole('button', { name: '不保存' }).click();
  await expect(page.getByRole('button', { name: '新建报表' })).toBeVisible();
  // Discarded edits are not offered back.
  await expect(page.getByRole('region', { name: '恢复未保存的工作' })).toHaveCount(0);
});
