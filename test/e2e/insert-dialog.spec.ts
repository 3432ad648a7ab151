/**
 * The insert dialog fills names from the 科目 dictionary (templates, samples, the open report),
 * speaks Chinese when something is missing (not the browser's "Please fill out this field."),
 * and its red message goes with the next change; the 新建 form does the same; an empty table
 * says what to do.
 */
import { expect, test } from '@playwright/test';
import { cell, openExample, openTab, SCREENS } from './helpers';

test('插入科目 fills the names it knows, asks for the ones it does not, in Chinese', async ({ page }) => {
  await openExample(page);
  await openTab(page, '公开05表');
  await page.getByRole('button', { name: '插入科目…' }).click();
  const dialog = page.getByRole('dialog', { name: '插入科目' });
  const code = dialog.getByLabel(/科目编码/u);
  const name = dialog.getByLabel('科目名称');
  const alert = dialog.getByRole('alert');

  // Nothing typed: the program's own message, and the browser's check does not stop the form.
  await dialog.getByRole('button', { name: '插入' }).click();
  await expect(alert).toHaveText('请填写科目编码');
  await expect(page.getByRole('status')).not.toContainText('请填写科目编码');
  expect(await code.evaluate((e: HTMLInputElement) => e.validationMessage)).toBe('');
  await code.fill('20');
  await expect(alert).toHaveCount(0);

  // 2080106 is not in this report but the 2023 sample names it; its 款 20801 is in the table.
  await code.fill('2080106');
  await expect(name).toHaveValue('就业管理事务');
  await expect(dialog).toContainText('名称取自科目字典');

  // A 项 of a 类 the table does not have: 205 is named by the templates, 20503 by nothing.
  await code.fill('2050302');
  await expect(name).toHaveValue('中等职业教育');
  await expect(dialog.getByLabel(/上级科目 205 /u)).toHaveValue('教育支出');
  await expect(dialog.getByLabel(/上级科目 20503 /u)).toHaveValue('');
  await page.screenshot({ path: `${SCREENS}/insert-dictionary.png` });
  await dialog.getByRole('button', { name: '插入' }).click();
  await expect(alert).toContainText('还没有上级科目 20503，请提供其名称');
  await dialog.getByLabel(/上级科目 20503 /u).fill('职业教育');
  await expect(alert).toHaveCount(0);
  await dialog.getByRole('button', { name: '插入' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(cell(page, '205', 'name')).toHaveText('教育支出');
  await expect(cell(page, '20503', 'name')).toHaveText('职业教育');
  await expect(cell(page, '2050302', 'name')).toHaveText('中等职业教育');

  // A name typed over the dictionary's is the user's.
  await page.getByRole('button', { name: '插入科目…' }).click();
  await code.fill('2080106');
  await name.fill('就业管理事务（本级）');
  await code.fill('2080106 ');
  await expect(name).toHaveValue('就业管理事务（本级）');
});

test('新建 says in Chinese what is missing; an empty budget table says how to add a row', async ({
  page,
}) => {
  await page.goto('/');
  const alert = page.getByRole('alert');
  await page.getByLabel('表套').selectOption('budget-2025');
  await page.getByRole('button', { name: '新建报表' }).click();
  await expect(alert).toHaveText('请填写部门名称');
  await page.getByLabel('部门名称').fill('某局');
  await expect(alert).toHaveCount(0);
  await page.getByLabel('年度', { exact: true }).fill('1999');
  await page.getByRole('button', { name: '新建报表' }).click();
  await expect(alert).toHaveText('年度“1999”不对，应为 2000 至 2100 之间的年份');
  await page.getByLabel('年度', { exact: true }).fill('2025');
  await page.getByRole('button', { name: '新建报表' }).click();

  // A budget 项 takes its name from the dictionary too (the 2025 sample names 2050302).
  await openTab(page, '预算03表');
  await page.getByRole('button', { name: '插入行…' }).click();
  const dialog = page.getByRole('dialog', { name: '插入行' });
  await dialog.getByLabel(/^科目编码/u).fill('2050302');
  await expect(dialog.getByLabel('单位（科目名称）')).toHaveValue('中等职业教育');
  await dialog.getByRole('button', { name: '取消' }).click();

  await openTab(page, '预算15表');
  await expect(page.locator('.bd-grid')).toContainText('本表还没有行，点工具栏“插入行…”添加。');
  await expect(page.locator('.bd-grid')).not.toContainText('无显示行');
  await page.screenshot({ path: `${SCREENS}/empty-budget-table.png` });
});
