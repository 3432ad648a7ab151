/**
 * An .xlsx is read in a worker (issue 14): the 20,000-row benchmark workbook shows a progress bar
 * while the report already open keeps answering clicks, and 取消 stops the reading and leaves that
 * report as it was.
 */
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { chooseFile, openExample, openTab } from './helpers';

const LARGE = 'test-results/large-report-20000.xlsx';

test.beforeAll(() => {
  execFileSync(process.execPath, ['electron/cli/run.mjs', 'test/bench/write-large-xlsx.ts', LARGE]);
});

const readingBar = (page: Page) => page.getByRole('region', { name: '读取进度' });

async function startReadingLarge(page: Page): Promise<void> {
  await openExample(page);
  await chooseFile(page, page.getByRole('button', { name: '打开', exact: true }), LARGE);
  await expect(readingBar(page)).toBeVisible();
}

test('the 20,000-row workbook is read with a progress bar while the open report answers clicks', async ({
  page,
}) => {
  await startReadingLarge(page);
  await openTab(page, '公开05表');
  await expect(readingBar(page), 'the tab changed while the file was still being read').toBeVisible();
  await expect(readingBar(page)).toBeHidden({ timeout: 60_000 });
  await expect(page.locator('.bd-file')).toHaveText('large-report-20000.xlsx');
});

test('取消 stops reading and leaves the open report as it was', async ({ page }) => {
  await startReadingLarge(page);
  await readingBar(page).getByRole('button', { name: '取消' }).click();
  await expect(readingBar(page)).toBeHidden();
  await expect(page.locator('.bd-file')).toHaveText('2024年度决算示例.json');
  await expect(
    page.getByRole('status').filter({ hasText: '已取消打开“large-report-20000.xlsx”' }),
  ).toBeVisible();
});
