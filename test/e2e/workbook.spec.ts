/**
 * The workbook window as a finance officer uses it, on the 2024 example with its real errors.
 */
import { expect, test } from '@playwright/test';
import { cell, errorCount, openExample, openTab, pasteText, SCREENS, typeInto } from './helpers';

test.beforeEach(async ({ page }) => {
  await openExample(page);
});

test('the real 2024 errors are flagged where they are', async ({ page }) => {
  const row51 = cell(page, 'line21', 'expenseAmount');
  await expect(row51).toHaveText('0.90');
  await expect(row51).toHaveClass(/bd-error/);
  for (const table of ['公开03表', '公开05表']) {
    await openTab(page, table);
    await expect(cell(page, '2080505', 'basic')).toHaveText('32.43');
    const total = cell(page, '2080505', table === '公开03表' ? 'total' : 'subtotal');
    await expect(total).toHaveText('32.42');
    await expect(total).toHaveClass(/bd-error/);
    // The 尾差 of the 208 row is amber, not red.
    await expect(cell(page, '208', table === '公开03表' ? 'total' : 'subtotal')).toHaveClass(/bd-rounding/);
  }
});

test('typing 2.23 into 公开01表 行51 clears its findings and the audit count drops', async ({ page }) => {
  const before = await errorCount(page);
  await typeInto(page, cell(page, 'line21', 'expenseAmount'), '2.23');
  await expect(cell(page, 'line21', 'expenseAmount')).toHaveText('2.23');
  await expect(cell(page, 'line21', 'expenseAmount')).not.toHaveClass(/bd-error/);
  // D05, D06 and C03 (本年支出合计 now agrees with the 26 classes) are gone.
  await expect(page.getByTestId('total-error')).toHaveText(String(before - 3));
  await expect(page.getByRole('tab', { name: /公开01表/ }).locator('.bd-badge-error')).toHaveCount(0);
});

test('editing a 项 updates its 款, 类 and 合计 at once, and the cross-table check in another table', async ({
  page,
}) => {
  await openTab(page, '公开05表');
  // 20801 printed 546.36 where its 项 add up to 546.37: the printed figure is kept until a part changes.
  await expect(cell(page, '20801', 'project')).toHaveText('546.36');
  await typeInto(page, cell(page, '2080102', 'project'), '400');
  await expect(cell(page, '2080102', 'subtotal')).toHaveText('400.00');
  await expect(cell(page, '20801', 'project')).toHaveText('552.70');
  await expect(cell(page, '208', 'project')).toHaveText('6,003.16');
  await expect(cell(page, '208', 'subtotal')).toHaveText('6,467.65');
  await expect(cell(page, '合计', 'subtotal')).toHaveText('6,525.48');
  // 公开04表 still says the old 一般公共预算 figure: D07 flags it there.
  await openTab(page, '公开04表');
  await expect(cell(page, 'line27', 'expenseGeneralBudget')).toHaveClass(/bd-error/);
  await expect(page.locator('.bd-audit')).toContainText('公开04表 行59 本年支出合计「一般公共预算财政拨款」');
});

test('undo restores every value and finding; redo applies them again', async ({ page }) => {
  await openTab(page, '公开05表');
  const findingsBefore = await page.locator('.bd-audit .bd-finding').allTextContents();
  await typeInto(page, cell(page, '2080505', 'basic'), '32.42');
  await typeInto(page, cell(page, '2080101', 'basic'), '1000');
  await expect(cell(page, '20801', 'basic')).toHaveText('1,364.93');
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await expect(cell(page, '2080505', 'basic')).toHaveText('32.43');
  await expect(cell(page, '20801', 'basic')).toHaveText('423.72');
  expect(await page.locator('.bd-audit .bd-finding').allTextContents()).toEqual(findingsBefore);
  await page.keyboard.press('Control+y');
  await expect(cell(page, '2080505', 'basic')).toHaveText('32.42');
});

test('a 3×2 block copied from Excel lands from the focused cell', async ({ page }) => {
  await openTab(page, '公开05表');
  await cell(page, '2080101', 'basic').click();
  await pasteText(page, '1,000.00\t2\r\n3\t"4"\r\n（5.00）\t6\r\n');
  await expect(cell(page, '2080101', 'basic')).toHaveText('1,000.00');
  await expect(cell(page, '2080101', 'project')).toHaveText('2.00');
  await expect(cell(page, '2080102', 'basic')).toHaveText('3.00');
  await expect(cell(page, '2080102', 'project')).toHaveText('4.00');
  await expect(cell(page, '2080103', 'basic')).toHaveText('-5.00');
  await expect(cell(page, '2080103', 'project')).toHaveText('6.00');
  // One paste is one undo step.
  await page.keyboard.press('Control+z');
  await expect(cell(page, '2080101', 'basic')).toHaveText('58.78');
  await expect(cell(page, '2080103', 'project')).toHaveText('95.98');
});

test('a pasted block skips computed cells', async ({ page }) => {
  await openTab(page, '公开05表');
  await cell(page, '2080101', 'subtotal').click();
  await pasteText(page, '9\t7\n');
  await expect(cell(page, '2080101', 'basic')).toHaveText('7.00');
  await expect(page.getByRole('status')).toContainText('已跳过 1 个由公式计算的单元格');
});

test('clicking a finding opens its table and focuses its cell', async ({ page }) => {
  await page.locator('.bd-audit .bd-finding', { hasText: '公开05表 2080505' }).first().click();
  await expect(page.locator('.bd-table-code')).toHaveText('公开05表');
  await expect(cell(page, '2080505', 'subtotal')).toHaveClass(/ag-cell-focus/);
});

test('text that is not a number is kept, marked and explained', async ({ page }) => {
  await openTab(page, '公开05表');
  // Chinese text comes through the input method, not key presses: start the editor with F2 first.
  await cell(page, '2080101', 'basic').click();
  await page.keyboard.press('F2');
  await page.keyboard.press('Control+a');
  await page.keyboard.insertText('五十八');
  await page.keyboard.press('Enter');
  await expect(cell(page, '2080101', 'basic')).toHaveText('五十八');
  await expect(cell(page, '2080101', 'basic')).toHaveClass(/bd-invalid/);
  await expect(page.locator('.bd-audit')).toContainText('“五十八” 不是有效的金额');
});

test('derived cells are read-only and F2 edits an input with its plain figure', async ({ page }) => {
  await openTab(page, '公开05表');
  await cell(page, '208', 'basic').dblclick();
  await expect(page.locator('.ag-cell-inline-editing')).toHaveCount(0);
  await cell(page, '2080103', 'basic').click();
  await page.keyboard.press('F2');
  await expect(page.locator('.ag-cell-inline-editing input')).toHaveValue('364.93');
  await page.keyboard.press('Escape');
});

test('figures can be shown in 元 and zeros as blank', async ({ page }) => {
  await openTab(page, '公开05表');
  await page.getByLabel('显示单位').selectOption('元');
  await expect(cell(page, '2080101', 'basic')).toHaveText('587,800.00');
  await page.getByLabel('零值显示为空白').check();
  await expect(cell(page, '2080101', 'project')).toHaveText('');
  // A 万元 report holds 0.01 万元: 12345 元 cannot be kept exactly, so it is refused, saying why; 12300 元 is 1.23 万元.
  await typeInto(page, cell(page, '2080101', 'project'), '12345');
  await expect(page.getByRole('status')).toContainText(
    '12345 元换算为 1.2345 万元，本报表金额精确到 0.01 万元（100 元），不能原样保存',
  );
  await expect(cell(page, '2080101', 'project')).toHaveText('');
  await expect(page.getByRole('button', { name: '撤销' })).toBeDisabled();
  await typeInto(page, cell(page, '2080101', 'project'), '12300');
  await page.getByLabel('显示单位').selectOption('万元');
  await expect(cell(page, '2080101', 'project')).toHaveText('1.23');
});

test('every table as a finance officer sees it', async ({ page }) => {
  for (let i = 1; i <= 9; i++) {
    const table = `公开0${i}表`;
    await openTab(page, table);
    await page.screenshot({ path: `${SCREENS}/final-2024-${table}.png` });
  }
});

test('the audit panel filters by class, and a flagged cell explains itself on hover', async ({ page }) => {
  const rounding = page.locator('.bd-audit .bd-finding-rounding');
  await expect(rounding.first()).toBeVisible();
  await page.getByRole('group', { name: '按类别筛选' }).getByText('尾差').click();
  await expect(rounding).toHaveCount(0);
  await expect(page.locator('.bd-audit .bd-finding-error').first()).toBeVisible();
  await cell(page, 'line21', 'expenseAmount').hover();
  await expect(page.locator('.ag-tooltip')).toContainText('【错误 D05】');
  await expect(page.locator('.ag-tooltip')).toContainText('应为 2.23');
});
