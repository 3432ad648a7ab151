/**
 * The 情况说明 tab: the 2023 sample's published text imported from Word, its wrong figures marked
 * red with their rules; a figure fixed in the text and one in a table, marks and counts following;
 * both undone; 六 generated from the tables; a 补充信息 field filled and 一 generated again; the
 * text exported to Word and read back.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { writeNarrativeDocx } from '../../shared/io/narrativeDocx';
import { readNarrativeFile } from '../../shared/io/narrativeFile';
import { narrativeFromPlainText } from '../../shared/narrative/text';
import { cell, chooseFile, openReportFile, saveAnyway, SCREENS, typeInto } from './helpers';

const DIR = 'test-results/narrative';
const published = narrativeFromPlainText(
  readFileSync('test/fixtures/narrative/final-2023-jiefang.txt', 'utf8'),
);

const section = (page: Page, id: string) => page.locator(`.bd-narr-section[data-section="${id}"]`);
/** A marked figure of a section's checked text (the nth where the section prints it more than once). */
const figure = (page: Page, id: string, printed: string, nth = 0) =>
  section(page, id).locator(`.bd-narr-checked [data-figure="${printed}"]`).nth(nth);
const narrativeErrors = async (page: Page) =>
  Number((await page.locator('.bd-tab-narrative .bd-badge-error').textContent()) ?? '0');
const auditErrors = async (page: Page) => Number(await page.getByTestId('count-error').textContent());

/** Replaces the last place a section's text box says `from` (item 6 of 五 repeats item 2's words). */
async function editBody(box: Locator, from: string, to: string): Promise<void> {
  const body = await box.inputValue();
  const at = body.lastIndexOf(from);
  expect(at).toBeGreaterThan(0);
  await box.fill(body.slice(0, at) + to + body.slice(at + from.length));
}

/** The report as saved (browser mode: a download), to compare the 情况说明 with. */
async function savedNarrative(page: Page): Promise<string> {
  const download = page.waitForEvent('download');
  await page.keyboard.press('Control+S');
  // The sample keeps its real mismatches: saving asks first.
  await saveAnyway(page);
  const path = `${DIR}/saved.json`;
  await (await download).saveAs(path);
  return (JSON.parse(readFileSync(path, 'utf8')) as { narrative: { text: string } }).narrative.text;
}

test('情况说明: imported from Word, checked, edited, generated and exported', async ({ page }) => {
  mkdirSync(DIR, { recursive: true });
  const docx = `${DIR}/final-2023-jiefang.docx`;
  writeFileSync(docx, await writeNarrativeDocx(published, null));

  await openReportFile(page, 'test/fixtures/final-2023-jiefang.json');
  await page.getByRole('tab', { name: /情况说明/ }).click();
  await chooseFile(page, page.getByRole('button', { name: '导入 Word…' }), docx);
  await expect(page.locator('.bd-status')).toContainText('已导入');
  // The 审核 panel follows: the 情况说明's sections are the groups in front, no table's.
  await expect(page.locator('.bd-audit-current').first()).toHaveAttribute('data-group', /^情况说明 /u);
  await expect(page.locator('.bd-audit-current[data-group^="公开"]')).toHaveCount(0);

  // The three published mistakes of 2023: 五（二） names a 类 公开05表 does not have, item 6 of 五（三）
  // gives 74.22 for 115.53 (the second 74.22 of 五) and a wrong percentage, 六 gives 2164.69 as 基本支出.
  await expect(section(page, '五').locator('[data-figure="2164.69万元"][title^="E06"]')).toHaveAttribute(
    'data-status',
    'error',
  );
  await expect(figure(page, '五', '74.22万元', 1)).toHaveAttribute('title', /E08[\s\S]*115\.53/);
  await expect(figure(page, '五', '157.91%', 1)).toHaveAttribute('title', /E08[\s\S]*459\.85%/);
  await expect(figure(page, '六', '2164.69万元')).toHaveAttribute('title', /E11[\s\S]*407\.61/);
  await expect(figure(page, '六', '1982.10万元')).toHaveAttribute('data-status', 'checked');
  await expect(figure(page, '一', '487.76万元')).toHaveAttribute('title', /未核对/);
  const startErrors = await narrativeErrors(page);
  const startAudit = await auditErrors(page);
  expect(startErrors).toBeGreaterThanOrEqual(5);
  await figure(page, '五', '74.22万元', 1).scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENS}/narrative-1-imported.png` });

  // Typing is one step per burst: two bursts, two undos, each taking back its own words.
  const seven = section(page, '七').locator('textarea');
  const sevenBefore = await seven.inputValue();
  await seven.click();
  await page.keyboard.press('End');
  await page.keyboard.type('特此说明');
  await expect(section(page, '七').locator('.bd-narr-checked')).toContainText('特此说明');
  await page.keyboard.type('。');
  await expect(section(page, '七').locator('.bd-narr-checked')).toContainText('特此说明。');
  await page.keyboard.press('Control+Z');
  await expect(seven).toHaveValue(`${sevenBefore}特此说明`);
  await page.keyboard.press('Control+Z');
  await expect(seven).toHaveValue(sevenBefore);

  // A figure fixed in the text: the percentage of item 6.
  await editBody(section(page, '五').locator('textarea'), '完成年初预算的157.91%', '完成年初预算的459.85%');
  await expect(figure(page, '五', '459.85%', 0)).toHaveAttribute('data-status', 'checked');
  await expect.poll(() => narrativeErrors(page)).toBe(startErrors - 1);
  await expect.poll(() => auditErrors(page)).toBe(startAudit - 1);
  await page.screenshot({ path: `${SCREENS}/narrative-2-text-fixed.png` });

  // Clicking the red 74.22 selects the cell it was compared with; fixing that cell clears the mark.
  await figure(page, '五', '74.22万元', 1).click();
  await expect(page.locator('.bd-table-code')).toHaveText('公开05表');
  await expect(cell(page, '2080199', 'subtotal')).toHaveClass(/ag-cell-focus/);
  await typeInto(page, cell(page, '2080199', 'project'), '74.22');
  await page.getByRole('tab', { name: /情况说明/ }).click();
  await expect(figure(page, '五', '74.22万元', 1)).toHaveAttribute('data-status', 'checked');
  // The tables' totals follow the cell (2164.69 − 41.31 = 2123.38): the text's 2164.69 totals of 五
  // (E05, E06 of the 类, E07) now disagree with them, and are marked so.
  await expect(figure(page, '五', '2164.69万元')).toHaveAttribute('title', /E05[\s\S]*2123\.38/);
  await expect.poll(() => narrativeErrors(page)).toBe(startErrors - 2 + 3);
  await page.screenshot({ path: `${SCREENS}/narrative-3-table-fixed.png` });

  // Both undone, in the one history of the workbook.
  await page.keyboard.press('Control+Z');
  await expect(figure(page, '五', '74.22万元', 1)).toHaveAttribute('data-status', 'error');
  await page.keyboard.press('Control+Z');
  await expect(figure(page, '五', '157.91%', 1)).toHaveAttribute('data-status', 'error');
  await expect.poll(() => narrativeErrors(page)).toBe(startErrors);
  await expect.poll(() => auditErrors(page)).toBe(startAudit);

  // 审核 lists the text's findings by section; clicking one opens its sentence.
  const group = page.locator('.bd-audit-list section', { hasText: '情况说明 六' });
  await group.getByRole('button', { name: /基本支出 2164\.69万元/ }).click();
  await expect(section(page, '六').locator('.bd-narr-open').first()).toContainText('基本支出');

  // 六 written from the tables: its figures are the tables' (only the tables' own disagreement of
  // 公开05表 基本支出 with 公开06表 人员经费 + 公用经费 remains).
  await section(page, '六').getByRole('button', { name: '生成本节' }).click();
  await expect(figure(page, '六', '407.61万元')).toBeVisible();
  await expect(section(page, '六').locator('.bd-narr-checked')).not.toContainText('2164.69');
  await expect(section(page, '六').locator('[data-status="error"]')).toHaveCount(1);
  await expect(section(page, '六').locator('[data-status="error"]')).toHaveAttribute(
    'title',
    /人员经费.*\+.*公用经费/,
  );
  await page.screenshot({ path: `${SCREENS}/narrative-4-generated-six.png` });

  // 补充信息: a wrong value is said at once; a right one is saved, and 一 generated again uses it,
  // keeping the reason the user wrote.
  await page.locator('.bd-supplementary summary').click();
  const lastYear = page.getByRole('textbox', { name: '上年度收、支总计', exact: true });
  await lastYear.fill('1676.9a');
  await expect(page.locator('.bd-field-problem').first()).toContainText('不是数字');
  await page.screenshot({ path: `${SCREENS}/narrative-5-supplementary.png` });
  await lastYear.fill('1676.93');
  await lastYear.press('Enter');
  await expect(page.locator('.bd-field-problem')).toHaveCount(0);
  await page.locator('.bd-supplementary summary').click();
  await section(page, '一').getByRole('button', { name: '生成本节' }).click();
  await expect(figure(page, '一', '487.76万元')).toHaveAttribute('data-status', 'checked');
  await expect(section(page, '一').locator('textarea')).toHaveValue(
    /主要原因是城乡居民、机关养老及在职人员各项社保增加。/,
  );
  await page.screenshot({ path: `${SCREENS}/narrative-6-generated-one.png` });

  // Out to Word and back: the same text as the report holds.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 Word' }).click();
  const exported = `${DIR}/exported.docx`;
  await (await download).saveAs(exported);
  const back = await readNarrativeFile('exported.docx', readFileSync(exported));
  expect(back.text).toBe(await savedNarrative(page));
  expect(back.text).toContain('2023年度一般公共预算财政拨款基本支出407.61万元');
});

test('补充信息: a list field takes entries, says what is wrong with one, and keeps them in the report', async ({
  page,
}) => {
  await openReportFile(page, 'test/fixtures/final-2024-gaoxin.json');
  await page.getByRole('tab', { name: /情况说明/ }).click();
  await page.locator('.bd-supplementary summary').click();
  const list = page.locator('.bd-supplementary-list');
  await list.getByRole('button', { name: '添加一项' }).click();
  await list.getByLabel('说明绩效自评情况的项目第 1 项项目名称').fill('劳动保障监察、仲裁工作专项');
  const budget = list.getByLabel('说明绩效自评情况的项目第 1 项全年预算数');
  await budget.fill('25.001');
  await expect(list.locator('.bd-field-problem')).toContainText('两位小数');
  await budget.fill('25.00');
  await list.getByLabel('说明绩效自评情况的项目第 1 项执行数').fill('25.00');
  await expect(list.locator('.bd-field-problem')).toHaveCount(0);
  await list.getByLabel('说明绩效自评情况的项目第 1 项执行数').blur();
  await expect(list.locator('legend')).toContainText('1 个');
  await page.screenshot({ path: `${SCREENS}/narrative-7-list-field.png` });

  const download = page.waitForEvent('download');
  await page.keyboard.press('Control+S');
  // The 2024 sample has errors of its own: saving asks first.
  await saveAnyway(page);
  const path = `${DIR}/list-field.json`;
  await (await download).saveAs(path);
  const saved = JSON.parse(readFileSync(path, 'utf8')) as {
    narrative: { supplementary: Record<string, unknown> };
  };
  expect(saved.narrative.supplementary['自评项目']).toEqual([
    { 名称: '劳动保障监察、仲裁工作专项', 全年预算数: '25.00', 执行数: '25.00' },
  ]);
});
