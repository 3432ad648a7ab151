/**
 * The budget (预算) table set as a finance officer meets it: a new budget typed in row by row (the
 * listed tables start with only their 合计 row), and the published JZ25 budget opened with every
 * table shown, checked and printed. Screenshots of every table, in the window and in the print
 * view, go to test-results/budget-shots/ for a person to look at.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { formatAmount, fromDecimalString } from '../../shared/money/money';
import { loadSample } from '../support/fixtures';
import { cell, clickCell, moreMenuItem, openReportFile, openTab, typeInto } from './helpers';

const SHOTS = 'test-results/budget-shots';
mkdirSync(SHOTS, { recursive: true });

const BUDGET_TABS = Array.from({ length: 13 }, (_, i) => `预算${String(i + 1).padStart(2, '0')}表`);

async function newBudget(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByLabel('表套').selectOption('budget-2025');
  await page.getByLabel('年度', { exact: true }).fill('2025');
  await page.getByLabel('部门名称').fill('某市人力资源和社会保障局');
  await page.getByRole('button', { name: '新建报表' }).click();
}

test('a new budget: a unit and a 项 are inserted, their 部门 and 合计 rows follow, undo takes them out', async ({
  page,
}) => {
  await newBudget(page);
  const tabs = (await page.getByRole('tab').allTextContents()).map((t) => /预算\d+表/u.exec(t)?.[0]);
  expect(tabs.slice(0, 13)).toEqual(BUDGET_TABS);
  await expect(page.locator('.bd-sheet-meta')).toContainText('2025年度');

  // 收入表: the first unit brings its 部门 row along; a wrong code is refused in the dialog.
  await openTab(page, '预算02表');
  await expect(cell(page, '合计', 'total')).toHaveText('');
  await expect(page.locator('.bd-grid .ag-row[row-id="302"]')).toHaveCount(0);
  await page.getByRole('button', { name: '插入行…' }).click();
  const dialog = page.getByRole('dialog', { name: '插入行' });
  await expect(dialog.getByLabel('层级')).toHaveValue('单位');
  await dialog.getByLabel(/^部门代码/u).fill('30210');
  await dialog.getByLabel('部门名称', { exact: true }).fill('某市人力资源和社会保障局本级');
  await dialog.getByLabel(/^上级部门代码/u).fill('302');
  await expect(dialog.getByLabel('上级部门名称')).toHaveValue('某市人力资源和社会保障局');
  await dialog.getByRole('button', { name: '插入' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('部门代码“30210”不对：单位的编码应为 6 位数字');
  await dialog.getByLabel(/^部门代码/u).fill('302101');
  await dialog.getByRole('button', { name: '插入' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(cell(page, '302', 'f:code')).toHaveText('302');
  await expect(cell(page, '302101', 'f:name')).toHaveText('某市人力资源和社会保障局本级');

  await typeInto(page, cell(page, '302101', 'cur.gpb'), '100');
  // 上年结转结余 is the last group, off to the right: End, then back to its 一般公共预算.
  await clickCell(cell(page, '302101', 'cur.gpb'));
  await page.keyboard.press('End');
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowLeft');
  await page.keyboard.type('20.5');
  await page.keyboard.press('Enter');
  await expect(cell(page, '302101', 'co.gpb')).toHaveText('20.50');
  await clickCell(cell(page, '302101', 'co.gpb'));
  // Home goes to the (pinned) code column; two steps right bring the figures back into view.
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  for (const row of ['302101', '302', '合计']) await expect(cell(page, row, 'total')).toHaveText('120.50');
  await expect(cell(page, '302', 'cur.total')).toHaveText('100.00');
  // 收支总表 is still empty: the cross-table rule X1 says so, in Chinese, with both figures.
  await expect(page.locator('.bd-audit')).toContainText('X1 收入表合计行 = 收支总表收入各行');
  await expect(page.locator('.bd-audit')).toContainText('收入表 合计「总计」 为 120.50，应为 0.00');

  // The unit's name is typed over in the grid, and that undoes too.
  await cell(page, '302101', 'f:name').click();
  await page.keyboard.press('F2');
  await page.keyboard.press('Control+a');
  await page.keyboard.insertText('某市人社局本级');
  await page.keyboard.press('Enter');
  await expect(cell(page, '302101', 'f:name')).toHaveText('某市人社局本级');
  await page.keyboard.press('Control+z');
  await expect(cell(page, '302101', 'f:name')).toHaveText('某市人力资源和社会保障局本级');

  // 支出表: a 项 under the same 部门, which the dialog offers as this report's 部门.
  await openTab(page, '预算03表');
  await page.getByRole('button', { name: '插入行…' }).click();
  await expect(dialog.getByLabel('层级')).toHaveValue('项');
  await dialog.getByLabel(/^科目编码/u).fill('2080101');
  await dialog.getByLabel('单位（科目名称）').fill('行政运行');
  await expect(dialog.getByLabel(/^上级部门代码/u)).toHaveValue('302');
  await dialog.getByRole('button', { name: '插入' }).click();
  await typeInto(page, cell(page, '2080101', 'basic.personnel.wages'), '80');
  await typeInto(page, cell(page, '2080101', 'basic.public.goods'), '40.5');
  await expect(cell(page, '2080101', 'total')).toHaveText('120.50');
  await expect(cell(page, '302', 'basic.public')).toHaveText('40.50');
  await expect(cell(page, '合计', 'total')).toHaveText('120.50');
  await expect(cell(page, '合计', 'basic.personnel')).toHaveText('80.00');
  await page.screenshot({ path: `${SHOTS}/new-budget-预算03表.png` });

  // Undo the two figures, then the row (with the 部门 row it brought): the table is empty again.
  for (let i = 0; i < 3; i++) await page.keyboard.press('Control+z');
  await expect(page.locator('.bd-grid .ag-row[row-id="2080101"]')).toHaveCount(0);
  await expect(page.locator('.bd-grid .ag-row[row-id="302"]')).toHaveCount(0);
  await expect(cell(page, '合计', 'total')).toHaveText('');
  await page.keyboard.press('Control+y');
  await expect(cell(page, '2080101', 'f:name')).toHaveText('行政运行');
});

test('a row with rows under it is deleted after a question; a single row at once; both undo', async ({
  page,
}) => {
  await openReportFile(page, 'test/fixtures/budget-2025-jiaozuo.json');
  await openTab(page, '预算02表');
  await cell(page, '302302', 'total').click();
  await page.getByRole('button', { name: '删除行' }).click();
  await expect(page.locator('.bd-grid .ag-row[row-id="302302"]')).toHaveCount(0);
  await expect(cell(page, '合计', 'total')).toHaveText('47,128.01');
  let question = '';
  page.once('dialog', (d) => {
    question = d.message();
    void d.accept();
  });
  await cell(page, '302', 'total').click();
  await page.getByRole('button', { name: '删除行' }).click();
  expect(question).toBe('删除 预算02表 的“302 焦作市人力资源和社会保障局”及其下 8 行？');
  await expect(page.locator('.bd-grid .ag-row[row-id="302101"]')).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await expect(cell(page, '302302', 'total')).toHaveText('11,741.81');
  await expect(cell(page, '合计', 'total')).toHaveText('58,869.82');
});

/** The first figure or text the sample prints in a table, as the window shows it. */
function firstShown(table: { rows: { values: Record<string, string | null> }[] }): string | null {
  for (const row of table.rows) {
    for (const text of Object.values(row.values)) {
      if (text === null || text === '') continue;
      return /^-?\d+(\.\d+)?$/u.test(text) ? formatAmount(fromDecimalString(text)) : text;
    }
  }
  return null;
}

test('the JZ25 budget: every table shows its figures, the only finding is the X15b hint, and every table prints', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await openReportFile(page, 'test/fixtures/budget-2025-jiaozuo.json');
  // Files are read in a worker: the tabs are there once it has finished.
  await expect(page.getByRole('tab', { name: /预算01表/u })).toBeVisible();
  // The tables' tabs, then the 情况说明's.
  const tabs = (await page.getByRole('tab').allTextContents()).flatMap((t) => /预算\d+表/u.exec(t) ?? []);
  expect(tabs.slice(0, 13)).toEqual(BUDGET_TABS);
  // Of the thirteen tables of figures only 收支总表 has a finding: the advisory X15b (the 绩效 forms
  // after them, where the template has them, may have findings of their own).
  const audit = page
    .locator('.bd-audit-list section')
    .filter({ has: page.locator('h3', { hasText: /^预算(0\d|1[0-3])表/u }) });
  await expect(audit).toHaveCount(1);
  await expect(audit.locator('h3')).toHaveText('预算01表 收支总表 1');
  await expect(audit.locator('summary')).toHaveText(/^X15b （提示）两表同名的“年终结转结余”含义不同/u);
  await expect(audit.locator('.bd-finding')).toHaveText(/^收支总表 年终结转结余 为 0.00，应为 5,114.28/u);
  await expect(audit.locator('.bd-finding-warning')).toHaveCount(1);

  const sample = loadSample('budget-2025-jiaozuo');
  for (const code of tabs) {
    await openTab(page, code);
    await expect(page.locator('.bd-grid .ag-row').first()).toBeVisible();
    const shown = firstShown(sample.tables.find((t) => t.id === code)!);
    if (shown) await expect(page.locator('.bd-grid').getByText(shown, { exact: true }).first()).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/window-${code}.png` });
  }

  await page.getByRole('button', { name: '打印预览…' }).click();
  const pages = page.locator('.bd-print > .pv-page');
  await expect(pages.first()).toBeVisible();
  // The toolbar floats over the pages on screen: out of the way for the pictures, and a window
  // taller than a portrait page, so that each picture is one whole page.
  await page.addStyleTag({ content: '.bd-print-toolbar { position: static !important; }' });
  await page.setViewportSize({ width: 1600, height: 1200 });
  const count = await pages.count();
  const printed = new Set<string>();
  for (let i = 0; i < count; i++) {
    const section = pages.nth(i);
    const table = (await section.getAttribute('data-table'))!;
    printed.add(table);
    await section.screenshot({ path: `${SHOTS}/print-${String(i + 1).padStart(2, '0')}-${table}.png` });
    // Nothing printed is wider than its page: figures are never cut or run into their neighbours.
    const overflow = await section.evaluate(
      (s) => [...s.querySelectorAll('td, th')].filter((c) => c.scrollWidth > c.clientWidth + 1).length,
    );
    expect(overflow, `${table} page ${i + 1}`).toBe(0);
  }
  expect(printed.size).toBe(tabs.length);
  // The empty 国有资本经营支出表 says why it is empty, as published.
  await expect(page.locator('.bd-print > .pv-page[data-table="国有资本经营支出表"]')).toContainText(
    '没有国有资本经营预算支出，故本表无数据。',
  );
});

test('what counts as 机关运行经费 is set per report: counting all 公用经费 flags X22, undo takes it back', async ({
  page,
}) => {
  await openReportFile(page, 'test/fixtures/budget-2025-jiaozuo.json');
  const x22 = page.locator('.bd-audit').getByText(/X22/u);
  await expect(x22).toHaveCount(0);
  await (await moreMenuItem(page, '报表设置')).click();
  const field = page.getByRole('dialog', { name: '报表设置' }).getByRole('textbox');
  await expect(field).toHaveValue('30228、30229、30239');
  await field.fill('');
  await page.getByRole('button', { name: '确定' }).click();
  await expect(page.locator('.bd-audit')).toContainText(
    '运行经费表 合计 为 532.35，应为 945.05（基本支出经济分类表合计「公用经费」 945.05；报表设置“运行经费不含的科目”为空，按 0 计）',
  );
  await page.keyboard.press('Control+z');
  await expect(x22).toHaveCount(0);
});
