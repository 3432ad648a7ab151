/**
 * Trust first: opening a report of the other table set replaces the open one cleanly (with the
 * unsaved-edits question answered each way); deleting a 款 makes its 类 follow; what a file does not
 * have is listed as 未核对, with its reason, and never counted as 0.
 */
import ExcelJS from 'exceljs';
import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { cell, chooseFile, clickCell, openExample, openTab, SCREENS, typeInto } from './helpers';

const BUDGET = 'test/fixtures/xlsx/budget-2025-jiaozuo.xlsx';
const FINAL = 'test/fixtures/xlsx/final-2024-gaoxin.xlsx';

test('a budget .xlsx opened over the 决算 example, and back, with the unsaved question answered 取消, 不保存 and 保存', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openExample(page);
  await typeInto(page, cell(page, 'line1', 'incomeAmount'), '7');
  const question = page.getByRole('alertdialog', { name: '未保存的修改' });
  const open = page.getByRole('button', { name: '打开', exact: true });

  await chooseFile(page, open, BUDGET);
  await question.getByRole('button', { name: '取消' }).click();
  await expect(cell(page, 'line1', 'incomeAmount')).toHaveText('7.00');

  await chooseFile(page, open, BUDGET);
  await question.getByRole('button', { name: '不保存' }).click();
  await expect(page.getByRole('tab', { name: /预算01表/ })).toBeVisible();
  await expect(page.locator('.bd-table-code')).toHaveText('预算01表');

  await openTab(page, '预算03表');
  await typeInto(page, cell(page, '2080101', 'basic.personnel.wages'), '1');
  await chooseFile(page, open, FINAL);
  const download = page.waitForEvent('download');
  await question.getByRole('button', { name: '保存', exact: true }).click();
  expect((await download).suggestedFilename()).toBe('budget-2025-jiaozuo.xlsx');
  await expect(page.locator('.bd-table-code')).toHaveText('公开01表');
  await expect(page.getByRole('tab', { name: /公开09表/ })).toBeVisible();

  // Opened again without edits, nothing is asked.
  await chooseFile(page, open, BUDGET);
  await expect(page.locator('.bd-table-code')).toHaveText('预算01表');
  expect(errors).toEqual([]);
});

test('deleting a 款 makes its 类 follow, even where the 类 showed the figure the file printed; undo puts it back', async ({
  page,
}) => {
  await openExample(page);
  await openTab(page, '公开03表');
  await expect(cell(page, '208', 'total')).toHaveText('6,461.30');
  const part = Number((await cell(page, '20825', 'total').textContent())!.replace(/,/gu, ''));
  await clickCell(cell(page, '20825', 'name'));
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: '删除科目' }).click();
  await expect(cell(page, '20825', 'total')).toHaveCount(0);
  await expect(cell(page, '208', 'total')).toHaveText(
    (6461.31 - part).toLocaleString('en-US', { minimumFractionDigits: 2 }),
  );
  await page.keyboard.press('Control+z');
  await expect(cell(page, '208', 'total')).toHaveText('6,461.30');
});

test('a file without a table and with an unreadable column lists 未核对 and 未读入 with their reasons, and counts nothing as 0', async ({
  page,
}, info) => {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(FINAL);
  book.removeWorksheet(book.worksheets.find((s) => s.name.includes('三公'))!.id);
  const budgetSheet = book.worksheets.find((s) => s.name === '一般公共预算财政拨款支出决算表')!;
  budgetSheet.eachRow((row) => row.eachCell((c) => c.value === '基本支出' && (c.value = '本期发生额XYZ')));
  const dir = info.outputPath();
  mkdirSync(dir, { recursive: true });
  const path = `${dir}/缺表的决算.xlsx`;
  await book.xlsx.writeFile(path);

  await page.goto('/');
  await chooseFile(page, page.getByRole('button', { name: '打开报表文件…' }), path);
  const gaps = page.getByRole('region', { name: '未核对与未读入' });
  await expect(gaps).toContainText('文件中没有公开09表（一般公共预算财政拨款“三公”经费支出决算表）');
  await expect(gaps).toContainText('工作表“一般公共预算财政拨款支出决算表”中没有找到“本年支出 基本支出”栏');
  // The V02 finding says the table is missing; no error rests on the missing column.
  await expect(page.locator('.bd-finding-warning', { hasText: '文件中没有公开09表' })).toHaveCount(1);
  await expect(page.locator('.bd-finding-error', { hasText: /公开05表[^。]*基本支出/u })).toHaveCount(0);
  await expect(page.locator('.bd-finding-error', { hasText: '公开03表 2080505' })).toHaveCount(1);
  await openTab(page, '公开05表');
  await expect(page.getByRole('tab', { name: /公开05表/ })).toHaveAttribute(
    'title',
    /未读入：工作表“一般公共预算财政拨款支出决算表”中没有找到“本年支出 基本支出”栏/u,
  );
  await expect(cell(page, '2080101', 'basic')).toHaveClass(/bd-unknown/);
  await page.screenshot({ path: `${SCREENS}/not-checked.png` });
});
