/**
 * Day-to-day use beyond the grid: a new report, opening files (and bad ones), recent files,
 * saving, inserting and deleting 科目, copying a block out.
 */
import { expect, test } from '@playwright/test';
import iconv from 'iconv-lite';
import { readFileSync, writeFileSync } from 'node:fs';
import {
  cell,
  chooseFile,
  clickCell,
  moreMenuItem,
  openExample,
  openReportFile,
  openTab,
  saveAnyway,
  scrollGridToEnd,
  typeInto,
} from './helpers';

const tmp = (name: string) => `test-results/${name}`;

test('a new report starts empty, and its totals follow what is typed', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('表套').selectOption('final-2024');
  await page.getByLabel('年度', { exact: true }).fill('2025');
  await page.getByLabel('部门名称').fill('某市财政局');
  await page.getByRole('button', { name: '新建报表' }).click();
  await expect(page.locator('.bd-sheet-meta')).toContainText('部门：某市财政局');
  await expect(page.locator('.bd-sheet-meta')).toContainText('2025年度');
  await typeInto(page, cell(page, 'line1', 'incomeAmount'), '100');
  await typeInto(page, cell(page, 'line5', 'incomeAmount'), '20.5');
  await expect(cell(page, 'line27', 'incomeAmount')).toHaveText('120.50');
  await expect(cell(page, 'line30', 'incomeAmount')).toHaveText('120.50');
  await expect(page.getByLabel('未保存', { exact: true })).toBeVisible();

  // Saved as the publication workbook, which opens again with the same figures.
  const download = page.waitForEvent('download');
  await page.keyboard.press('Control+s');
  await saveAnyway(page);
  const saved = await download;
  expect(saved.suggestedFilename()).toBe('2025年度某市财政局部门决算.xlsx');
  const path = tmp('new-report.xlsx');
  await saved.saveAs(path);
  await openReportFile(page, path);
  await expect(cell(page, 'line27', 'incomeAmount')).toHaveText('120.50');
  await expect(page.locator('.bd-sheet-meta')).toContainText('部门：某市财政局');
});

test('inserting a 项 creates its 款 and 类; deleting it removes them; both undo', async ({ page }) => {
  await openExample(page);
  await openTab(page, '公开05表');
  await page.getByRole('button', { name: '插入科目…' }).click();
  const dialog = page.getByRole('dialog', { name: '插入科目' });
  await dialog.getByLabel(/科目编码/).fill('2130101');
  await dialog.getByLabel('科目名称').fill('行政运行');
  await dialog.getByLabel(/上级科目 213 /).fill('农林水支出');
  await dialog.getByLabel(/上级科目 21301 /).fill('农业农村');
  await dialog.getByRole('button', { name: '插入' }).click();
  await typeInto(page, cell(page, '2130101', 'project'), '5');
  await expect(cell(page, '213', 'subtotal')).toHaveText('5.00');
  await expect(cell(page, '21301', 'subtotal')).toHaveText('5.00');

  await cell(page, '2130101', 'basic').click();
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: '删除科目' }).click();
  await expect(page.locator('.bd-grid .ag-row[row-id="213"]')).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await scrollGridToEnd(page);
  await expect(cell(page, '2130101', 'project')).toHaveText('5.00');
  await expect(cell(page, '213', 'subtotal')).toHaveText('5.00');
});

test('a block selected with Shift+click is copied as TSV', async ({ page }) => {
  await openExample(page);
  await openTab(page, '公开05表');
  await clickCell(cell(page, '2080101', 'basic'));
  await clickCell(cell(page, '2080102', 'project'), ['Shift']);
  await expect(cell(page, '2080102', 'basic')).toHaveClass(/bd-in-range/);
  const copied = await page.evaluate(() => {
    const data = new DataTransfer();
    document.activeElement!.dispatchEvent(new ClipboardEvent('copy', { clipboardData: data, bubbles: true }));
    return data.getData('text/plain');
  });
  expect(copied).toBe('58.78\t0.00\r\n0.00\t393.67\r\n');
  // Shift+arrows grow the block as in Excel.
  await page.keyboard.press('Shift+ArrowDown');
  await expect(cell(page, '2080103', 'basic')).toHaveClass(/bd-in-range/);
  await page.keyboard.press('ArrowUp');
  await expect(cell(page, '2080103', 'basic')).not.toHaveClass(/bd-in-range/);
  await clickCell(cell(page, '2080101', 'basic'));
  await clickCell(cell(page, '2080102', 'project'), ['Shift']);
  // Delete clears the whole block of typed figures.
  await page.keyboard.press('Delete');
  await expect(cell(page, '2080102', 'project')).toHaveText('');
  await expect(cell(page, '2080101', 'basic')).toHaveText('');
});

test('a saved report reopens with its figures, and is offered under 最近打开', async ({ page }) => {
  await openExample(page);
  await typeInto(page, cell(page, 'line21', 'expenseAmount'), '2.23');
  const download = page.waitForEvent('download');
  await page.keyboard.press('Control+s');
  await saveAnyway(page);
  const saved = await download;
  const path = tmp('saved-report.json');
  await saved.saveAs(path);
  await expect(page.getByLabel('未保存', { exact: true })).toHaveCount(0);

  await page.goto('/');
  await expect(page.locator('.bd-recent')).toContainText('2024年度决算示例.json');
  await chooseFile(page, page.getByRole('button', { name: '打开报表文件…' }), path);
  await expect(cell(page, 'line21', 'expenseAmount')).toHaveText('2.23');
  await expect(page.getByTestId('total-error')).toHaveText('2');
});

test('a file that is not a report is refused with its name, and the open report is untouched', async ({
  page,
}) => {
  await openExample(page);
  await typeInto(page, cell(page, 'line1', 'incomeAmount'), '1');
  const bad = tmp('不是报表.json');
  writeFileSync(bad, 'PK\u0003\u0004 this is a zip, not a report');
  await chooseFile(page, page.getByRole('button', { name: '打开', exact: true }), bad);
  await expect(page.getByRole('status')).toContainText('无法打开“不是报表.json”');
  await expect(cell(page, 'line1', 'incomeAmount')).toHaveText('1.00');
  await expect(page.locator('.bd-file')).toContainText('2024年度决算示例.json');
});

test('an .xlsx as finance offices circulate it opens with its real mismatches flagged', async ({ page }) => {
  await openReportFile(page, 'test/fixtures/xlsx/final-2024-gaoxin.xlsx');
  await expect(page.locator('.bd-file')).toContainText('final-2024-gaoxin.xlsx');
  await expect(cell(page, 'line21', 'expenseAmount')).toHaveText('0.90');
  await expect(cell(page, 'line21', 'expenseAmount')).toHaveClass(/bd-error/);
  await expect(page.getByTestId('total-error')).toHaveText('5');
  await expect(page.locator('.bd-sheet-meta')).toContainText(
    '部门：焦作高新技术产业开发区人力资源和社会保障局',
  );

  // Saving writes the corrected figure back into the same workbook, which reopens without that error.
  await typeInto(page, cell(page, 'line21', 'expenseAmount'), '2.23');
  const download = page.waitForEvent('download');
  await page.keyboard.press('Control+s');
  await saveAnyway(page);
  const saved = await download;
  expect(saved.suggestedFilename()).toBe('final-2024-gaoxin.xlsx');
  const path = tmp('saved-into.xlsx');
  await saved.saveAs(path);
  await openReportFile(page, path);
  await expect(cell(page, 'line21', 'expenseAmount')).toHaveText('2.23');
  await expect(page.getByTestId('total-error')).toHaveText('2');

  const exported = page.waitForEvent('download');
  await (await moreMenuItem(page, '导出公开表')).click();
  expect((await exported).suggestedFilename()).toBe('saved-into（公开表）.xlsx');
});

test('a table goes out to CSV and comes back from a GB18030 CSV edited in Excel, as one undo step', async ({
  page,
}) => {
  await openExample(page);
  await openTab(page, '公开05表');
  const download = page.waitForEvent('download');
  await (await moreMenuItem(page, '导出本表 CSV')).click();
  const path = tmp('公开05表.csv');
  await (await download).saveAs(path);
  const exported = readFileSync(path);
  expect([...exported.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

  // What Excel on Chinese Windows saves after the officer corrects 2080505 基本支出.
  const edited = exported
    .subarray(3)
    .toString('utf8')
    .replace(/^(2080505,[^,]*,[^,]*,)32\.43,/mu, '$132.42,');
  const gbPath = tmp('公开05表-改.csv');
  writeFileSync(gbPath, iconv.encode(edited, 'gb18030'));
  await chooseFile(page, await moreMenuItem(page, '导入本表 CSV'), gbPath);
  await expect(cell(page, '2080505', 'basic')).toHaveText('32.42');
  await expect(page.getByRole('status')).toContainText('已导入“公开05表-改.csv”');
  await page.keyboard.press('Control+z');
  await expect(cell(page, '2080505', 'basic')).toHaveText('32.43');
});
