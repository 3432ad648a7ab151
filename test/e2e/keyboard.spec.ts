/**
 * The keyboard as in Excel and WPS, the formula bar, the right-click menu, F8 and Ctrl+F, on the
 * 2024 决算 example and the 2025 budget sample.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { cell, clickCell, openExample, openReportFile, openTab } from './helpers';

const editors = (page: Page) => page.locator('.ag-cell-inline-editing');

async function expectCursor(target: Locator): Promise<void> {
  await expect(target).toHaveClass(/ag-cell-focus/);
  await expect(target).toBeFocused();
}

test.describe('决算 example', () => {
  test.beforeEach(async ({ page }) => {
    await openExample(page);
    await openTab(page, '公开05表');
  });

  test('arrows commit what is typed and move; Tab and Shift+Tab commit and move without opening an editor', async ({
    page,
  }) => {
    await clickCell(cell(page, '2080101', 'basic'));
    await page.keyboard.type('5');
    await page.keyboard.press('ArrowDown');
    await expect(cell(page, '2080101', 'basic')).toHaveText('5.00');
    await expectCursor(cell(page, '2080102', 'basic'));
    await expect(editors(page)).toHaveCount(0);

    await page.keyboard.type('6');
    await page.keyboard.press('Tab');
    await expect(cell(page, '2080102', 'basic')).toHaveText('6.00');
    await expectCursor(cell(page, '2080102', 'project'));
    await expect(editors(page)).toHaveCount(0);
    await page.keyboard.press('Shift+Tab');
    await expectCursor(cell(page, '2080102', 'basic'));

    await page.keyboard.type('7');
    await page.keyboard.press('ArrowUp');
    await expect(cell(page, '2080102', 'basic')).toHaveText('7.00');
    await expectCursor(cell(page, '2080101', 'basic'));
    await page.keyboard.type('8');
    await page.keyboard.press('ArrowRight');
    await expect(cell(page, '2080101', 'basic')).toHaveText('8.00');
    await expectCursor(cell(page, '2080101', 'project'));

    await page.keyboard.press('Enter');
    await expectCursor(cell(page, '2080102', 'project'));
    await page.keyboard.press('Shift+Enter');
    await expectCursor(cell(page, '2080101', 'project'));
    await expect(editors(page)).toHaveCount(0);
  });

  test('after F2 the arrows ← → move in the text; ↓ still commits', async ({ page }) => {
    await clickCell(cell(page, '2080101', 'basic'));
    await page.keyboard.press('F2');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
    await page.keyboard.type('0');
    await expect(editors(page)).toHaveCount(1);
    await page.keyboard.press('ArrowDown');
    await expect(cell(page, '2080101', 'basic')).toHaveText('580.78');
  });

  test('Ctrl+arrows go to the edge of the data, Ctrl+Home and Ctrl+End to the corners, Ctrl+A selects the table', async ({
    page,
  }) => {
    await clickCell(cell(page, '2080101', 'basic'));
    await page.keyboard.press('Control+ArrowUp');
    await expectCursor(cell(page, '合计', 'basic'));
    await page.keyboard.press('Control+ArrowRight');
    await expect(page.locator('.bd-grid .ag-cell-focus')).toHaveAttribute('col-id', 'project');
    await page.keyboard.press('Control+End');
    const focusedRow = page.locator('.bd-grid .ag-row:has(.ag-cell-focus)');
    await expect(page.locator('.bd-grid .ag-cell-focus')).toHaveAttribute('col-id', 'project');
    const lastRow = await focusedRow.getAttribute('row-index');
    expect(Number(lastRow)).toBeGreaterThan(20);
    // The last row: ↓ goes nowhere.
    await page.keyboard.press('ArrowDown');
    await expect(focusedRow).toHaveAttribute('row-index', lastRow!);
    await page.keyboard.press('Control+Home');
    await expect(page.locator('.bd-grid .ag-row[row-index="0"] .ag-cell-focus')).toHaveCount(1);
    // Right after a jump the keyboard may still be on the page, not yet on the cell: Ctrl+A is the grid's all the same.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Control+a');
    // Every rendered cell of the table is in the block, the pinned label columns too (rows still being
    // rendered after the jump are counted as they come).
    const cells = page.locator('.bd-grid .ag-row:not(.ag-row-pinned) .ag-cell');
    await expect
      .poll(async () => (await cells.count()) - (await page.locator('.bd-grid .bd-in-range').count()))
      .toBe(0);
    expect(await cells.count()).toBeGreaterThan(20);
  });

  test('typing into a computed cell says why not and what it is computed from', async ({ page }) => {
    await clickCell(cell(page, '20801', 'basic'));
    await page.keyboard.type('9');
    await expect(editors(page)).toHaveCount(0);
    const status = page.getByRole('status');
    await expect(status).toContainText('由公式计算得出，不能直接输入');
    await expect(status).toContainText('2080101 行政运行');
    await expect(cell(page, '20801', 'basic')).toHaveText('423.72');
  });

  test('Ctrl+D fills the top figure of the block down', async ({ page }) => {
    await clickCell(cell(page, '2080101', 'basic'));
    await cell(page, '2080102', 'basic').click({ modifiers: ['Shift'] });
    // As a user does: the block is seen selected before the key is pressed.
    await expect(cell(page, '2080101', 'basic')).toHaveClass(/bd-in-range/u);
    await expect(cell(page, '2080102', 'basic')).toHaveClass(/bd-in-range/u);
    await page.keyboard.press('Control+d');
    await expect(cell(page, '2080102', 'basic')).toHaveText('58.78');
    await page.keyboard.press('Control+z');
    await expect(cell(page, '2080102', 'basic')).not.toHaveText('58.78');
  });

  test('the formula bar names a computed cell’s parts and the rules that read it', async ({ page }) => {
    await clickCell(cell(page, '20801', 'basic'));
    await expect(page.getByTestId('formula-value')).toHaveText('423.72 万元');
    await expect(page.getByTestId('formula-source')).toContainText('计算得出');
    await expect(page.getByTestId('formula-source')).toContainText('2080101');
    await expect(page.getByTestId('formula-rules')).toContainText('通过');
    await typeIntoCell(page, cell(page, '2080101', 'basic'), '60');
    await clickCell(cell(page, '2080101', 'basic'));
    await expect(page.getByTestId('formula-source')).toHaveText('手工录入');
  });

  test('right-click menu: 插入, 删除, 复制, 粘贴, 查看公式', async ({ page }) => {
    await cell(page, '20801', 'basic').click({ button: 'right' });
    const menu = page.getByRole('menu', { name: '单元格菜单' });
    for (const item of ['插入科目', '删除科目', '复制', '粘贴', '查看公式'])
      await expect(menu.getByRole('menuitem', { name: new RegExp(item) })).toBeVisible();
    await menu.getByRole('menuitem', { name: /查看公式/ }).click();
    const dialog = page.getByRole('dialog', { name: '公式' });
    await expect(dialog).toContainText('计算得出');
    await dialog.getByRole('button', { name: /2080102 一般行政管理事务/ }).click();
    await expectCursor(cell(page, '2080102', 'basic'));
    // 复制 then 粘贴 through the menu, as the keys do.
    await cell(page, '2080101', 'basic').click({ button: 'right' });
    await page.getByRole('menuitem', { name: /复制/ }).click();
    await cell(page, '2080102', 'basic').click({ button: 'right' });
    await page.getByRole('menuitem', { name: /粘贴/ }).click();
    await expect(cell(page, '2080102', 'basic')).toHaveText('58.78');
  });

  test('F8 walks every finding in order across tables; Shift+F8 goes back', async ({ page }) => {
    const total = await page.locator('.bd-audit .bd-finding').count();
    await page.locator('.bd-sheet h1').click();
    const seen: string[] = [];
    const highlighted = page.locator('.bd-audit .bd-finding[aria-current="true"]');
    const highlights = new Set<string>();
    let before = '(none)';
    for (let i = 1; i <= total; i++) {
      await page.keyboard.press('F8');
      await expect(page.getByRole('status')).toContainText(`第 ${i} 处，共 ${total} 处`);
      // The 审核 panel highlights the finding F8 went to: one at a time, a different one at each step.
      await expect(highlighted).toHaveCount(1);
      await expect(highlighted).not.toHaveText(before);
      before = (await highlighted.textContent()) ?? '';
      highlights.add(before);
      seen.push((await page.locator('.bd-table-code').textContent()) ?? '');
    }
    expect(new Set(seen).size).toBeGreaterThan(1);
    expect(highlights.size).toBe(total);
    // Tables come in order: once left, a table is not visited again.
    expect(seen.filter((t, i) => i === 0 || seen[i - 1] !== t)).toEqual([...new Set(seen)]);
    await page.keyboard.press('F8');
    await expect(page.getByRole('status')).toContainText(`第 1 处，共 ${total} 处`);
    await page.keyboard.press('Shift+F8');
    await expect(page.getByRole('status')).toContainText(`第 ${total} 处，共 ${total} 处`);
    await page.getByRole('button', { name: '下一处' }).click();
    await expect(page.getByRole('status')).toContainText(`第 1 处，共 ${total} 处`);
  });

  test('Ctrl+F finds a code in another table', async ({ page }) => {
    await openTab(page, '公开01表');
    await page.locator('.bd-sheet h1').click();
    await page.keyboard.press('Control+f');
    await page.getByLabel('查找内容').fill('2080505');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('find-status')).toContainText('第 1 处');
    await expect(page.locator('.bd-table-code')).not.toHaveText('公开01表');
    await expect(page.locator('.bd-grid .ag-cell-focus')).toHaveText('2080505');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('find-status')).toContainText('第 2 处');
    await page.getByLabel('查找内容').fill('6,519.14');
    await page.keyboard.press('Enter');
    await expect(page.locator('.bd-grid .ag-cell-focus')).toHaveText('6,519.14');
  });
});

async function typeIntoCell(page: Page, target: Locator, text: string): Promise<void> {
  await clickCell(target);
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

test('on a budget read from its file: arrows commit, and the formula bar names the sheet and cell read', async ({
  page,
}) => {
  await openReportFile(page, 'test/fixtures/xlsx/budget-2025-jiaozuo.xlsx');
  await openTab(page, '预算13表');
  await clickCell(cell(page, '30201', 'total'));
  await expect(page.getByTestId('formula-source')).toContainText(/读自文件：.+![A-Z]+\d+/u);
  await page.keyboard.type('100');
  await page.keyboard.press('ArrowDown');
  await expect(cell(page, '30201', 'total')).toHaveText('100.00');
  await expectCursor(cell(page, '30202', 'total'));
  await page.keyboard.press('ArrowUp');
  await expect(page.getByTestId('formula-source')).toHaveText('手工录入');
});
