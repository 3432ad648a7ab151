/**
 * The 情况说明 kept: the table actions greyed while it is in front, its text, 补充信息 and reasons
 * brought back by the autosave after a killed tab and by opening the saved report, and next year's
 * 补充信息 taken from last year's report file (.json or the publication .xlsx).
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import type { ReportFile } from '../../shared/model/report';
import {
  chooseFile,
  moreMenuItem,
  openReportFile,
  openTab,
  saveAnyway,
  SCREENS,
  writeSampleWithText,
} from './helpers';

const DIR = 'test-results/narrative-keep';
mkdirSync(DIR, { recursive: true });

const REASONS = { 一: '人员增加，基本支出相应增加' };

/** The 2023 sample with its published text, a 补充信息 field and a reason, as a saved report would hold them. */
const reportWithNarrative = () =>
  writeSampleWithText(`${DIR}/2023-with-narrative.json`, {
    supplementary: { 机关运行经费: '120.50' },
    reasons: REASONS,
  });

const narrativeTab = (page: Page) => page.getByRole('tab', { name: /情况说明/ });
const seven = (page: Page) => page.locator('.bd-narr-section[data-section="七"] textarea');
const field = (page: Page, label: string) =>
  page.locator('.bd-supplementary').getByLabel(label, { exact: true });

async function openSupplementary(page: Page): Promise<void> {
  await narrativeTab(page).click();
  await page.locator('.bd-supplementary summary').click();
}

async function saved(page: Page, name: string): Promise<ReportFile> {
  const download = page.waitForEvent('download');
  await page.keyboard.press('Control+S');
  // The sample keeps its published mismatches: saving asks first.
  await saveAnyway(page);
  const path = `${DIR}/${name}`;
  await (await download).saveAs(path);
  return JSON.parse(readFileSync(path, 'utf8')) as ReportFile;
}

test('while the 情况说明 is in front, the actions on a table are greyed', async ({ page }) => {
  await openReportFile(page, 'test/fixtures/final-2023-jiefang.json');
  await openTab(page, '公开05表');
  const insert = page.getByRole('button', { name: '插入科目…' });
  await expect(insert).toBeEnabled();
  await narrativeTab(page).click();
  await expect(insert).toBeDisabled();
  await expect(page.getByRole('button', { name: '删除科目' })).toBeDisabled();
  await expect(await moreMenuItem(page, '导出本表 CSV')).toBeDisabled();
  await expect(
    page.getByRole('menu', { name: '更多' }).getByRole('menuitem', { name: '导入本表 CSV' }),
  ).toBeDisabled();
  // The workbook's own actions stay: 导出公开表 writes every table and the 情况说明.
  await expect(
    page.getByRole('menu', { name: '更多' }).getByRole('menuitem', { name: '导出公开表' }),
  ).toBeEnabled();
  await page.screenshot({ path: `${SCREENS}/narrative-keep-1-actions.png` });
  await page.keyboard.press('Escape');
  await openTab(page, '公开05表');
  await expect(insert).toBeEnabled();
});

test('the text, 补充信息 and reasons survive a killed tab and come back from the saved report', async ({
  page,
  context,
}) => {
  await openReportFile(page, reportWithNarrative());
  await openSupplementary(page);
  await seven(page).click();
  await page.keyboard.press('End');
  await page.keyboard.type('特此说明。');
  await field(page, '机关运行经费支出').fill('130.25');
  await field(page, '机关运行经费支出').blur();
  await expect(page.getByLabel('未保存', { exact: true })).toBeVisible();
  await page.waitForFunction(
    () =>
      Object.entries(localStorage).some(
        ([k, v]) => k.startsWith('budgetdesk.recovery.') && v.includes('特此说明') && v.includes('130.25'),
      ),
    null,
    { timeout: 15_000 },
  );

  await page.close({ runBeforeUnload: false });
  const again = await context.newPage();
  await again.goto('/');
  await again.getByRole('region', { name: '恢复未保存的工作' }).getByRole('button', { name: '恢复' }).click();
  await openSupplementary(again);
  await expect(seven(again)).toHaveValue(/特此说明。$/u);
  await expect(field(again, '机关运行经费支出')).toHaveValue('130.25');
  await again.screenshot({ path: `${SCREENS}/narrative-keep-2-recovered.png` });
  const report = await saved(again, 'recovered.json');
  expect(report.narrative?.text).toContain('特此说明。');
  expect(report.narrative?.supplementary).toEqual({ 机关运行经费: '130.25' });
  expect(report.narrative?.reasons).toEqual(REASONS);

  // The saved report opened again: the same text, 补充信息 and reasons.
  await openReportFile(again, `${DIR}/recovered.json`);
  await openSupplementary(again);
  await expect(seven(again)).toHaveValue(/特此说明。$/u);
  await expect(field(again, '机关运行经费支出')).toHaveValue('130.25');
  expect((await saved(again, 'reopened.json')).narrative).toEqual(report.narrative);
});

test('从上年报表导入 fills last year’s figures from last year’s report file', async ({ page }) => {
  await openReportFile(page, 'test/fixtures/final-2024-gaoxin.json');
  await openSupplementary(page);
  await chooseFile(page, page.getByRole('button', { name: '从上年报表导入…' }), reportWithNarrative());
  await expect(page.locator('.bd-status')).toContainText('已从“2023-with-narrative.json”导入 4 项补充信息');
  // 2023's 公开01表 and 公开04表 totals, its 05 合计 and its own 机关运行经费, in 万元.
  await expect(field(page, '上年度收、支总计')).toHaveValue('2164.69');
  await expect(field(page, '上年度机关运行经费支出')).toHaveValue('120.50');
  await page.screenshot({ path: `${SCREENS}/narrative-keep-3-carried.png` });

  // The same from last year's publication workbook (导出公开表), which holds its 补充信息.
  await openReportFile(page, reportWithNarrative());
  const download = page.waitForEvent('download');
  await (await moreMenuItem(page, '导出公开表')).click();
  const xlsx = `${DIR}/2023-公开表.xlsx`;
  await (await download).saveAs(xlsx);
  await openReportFile(page, 'test/fixtures/final-2024-gaoxin.json');
  await openSupplementary(page);
  await chooseFile(page, page.getByRole('button', { name: '从上年报表导入…' }), xlsx);
  await expect(page.locator('.bd-status')).toContainText('已从“2023-公开表.xlsx”导入 4 项补充信息');
  await expect(field(page, '上年度收、支总计')).toHaveValue('2164.69');
  await expect(field(page, '上年度机关运行经费支出')).toHaveValue('120.50');
});

test('a cell a sentence quotes lists the sentence, which opens the 情况说明 there', async ({ page }) => {
  await openReportFile(page, reportWithNarrative());
  await narrativeTab(page).click();
  const six = page.locator('.bd-narr-section[data-section="六"]');
  await six.locator('.bd-narr-checked [data-figure="1982.10万元"]').first().click();
  await expect(page.locator('.bd-narrative')).toBeHidden();
  const quotes = page.getByTestId('formula-quotes');
  await expect(quotes).toContainText('情况说明引用：');
  const sentence = quotes.getByRole('button').filter({ hasText: /./u }).first();
  const quoted = await sentence.getAttribute('title');
  expect(quoted).toContain('1982.10万元');
  await page.screenshot({ path: `${SCREENS}/narrative-keep-4-quotes.png` });
  await sentence.click();
  await expect(page.locator('.bd-narrative')).toBeVisible();
  const selected = await page.evaluate(() => {
    const box = document.activeElement as HTMLTextAreaElement;
    return box.value.slice(box.selectionStart, box.selectionEnd);
  });
  expect(selected).toBe(quoted);
});
