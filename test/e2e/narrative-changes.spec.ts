/**
 * The 情况说明 tab after 生成: what changed is said and marked with the words it replaced, and one
 * Ctrl+Z takes it back; a figure compared with several cells selects the first and names the others.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cell, chooseFile, openReportFile, openTab, SCREENS, typeInto } from './helpers';

const DIR = 'test-results/narrative-changes';
const section = (page: Page, id: string) => page.locator(`.bd-narr-section[data-section="${id}"]`);
const status = (page: Page) => page.locator('.bd-status > span').first();

test('生成 marks what it changed with the old wording, and Ctrl+Z takes it back in one step', async ({
  page,
}) => {
  await openReportFile(page, 'test/fixtures/final-2023-jiefang.json');
  await page.getByRole('tab', { name: /情况说明/ }).click();
  await chooseFile(
    page,
    page.getByRole('button', { name: '导入 Word…' }),
    'test/fixtures/narrative/final-2023-jiefang.txt',
  );
  await expect(status(page)).toContainText('已导入');
  const six = section(page, '六');
  const changed = six.locator('.bd-narr-checked .bd-narr-changed');
  await expect(changed).toHaveCount(0);

  // Over the published text: its wrong 2164.69 becomes the tables' 407.61, the lists of 经费 follow.
  await six.getByRole('button', { name: '生成本节' }).click();
  await expect(status(page)).toContainText(/已生成第六部分：改动 \d+ 处（可撤销）/u);
  await expect(changed.first()).toHaveAttribute('data-figure', '407.61万元');
  await expect(changed.first()).toHaveAttribute('title', /^旧：2164\.69万元/u);
  const generated = await six.locator('textarea').inputValue();
  await six.screenshot({ path: `${SCREENS}/narrative-changes-1-over-published.png` });

  // Generated again without a change anywhere: nothing to do, nothing in the history.
  await six.getByRole('button', { name: '生成本节' }).click();
  await expect(status(page)).toHaveText(/已按表重新生成第六部分：没有改动/u);

  // A table figure changed: 行政运行's 基本支出 195.48 → 200.00 raises the total 基本支出.
  await openTab(page, '公开05表');
  await typeInto(page, cell(page, '2080101', 'basic'), '200.00');
  await page.getByRole('tab', { name: /情况说明/ }).click();
  // The text is still the one generated: its marks stay until the next edit; 407.61 is now wrong.
  await expect(six.locator('[data-figure="407.61万元"]')).toHaveAttribute('title', /E11[\s\S]*412\.1\d/u);
  await six.getByRole('button', { name: '生成本节' }).click();
  await expect(status(page)).toContainText('已生成第六部分：改动 1 处（可撤销）');
  await expect(changed).toHaveCount(1);
  await expect(changed).toHaveAttribute('data-figure', /^412\.1\d万元$/u);
  await expect(changed).toHaveAttribute('title', /^旧：407\.61万元\n/u);
  await page.screenshot({ path: `${SCREENS}/narrative-changes-2-after-table-edit.png` });
  await six.screenshot({ path: `${SCREENS}/narrative-changes-2-six.png` });

  // One Ctrl+Z: the text before this 生成, its marks gone; the table's edit stays.
  await page.keyboard.press('Control+Z');
  await expect(six.locator('textarea')).toHaveValue(generated);
  await expect(changed).toHaveCount(0);
  await expect(six.locator('[data-figure="407.61万元"]')).toHaveAttribute('title', /E11[\s\S]*412\.1\d/u);
  await page.screenshot({ path: `${SCREENS}/narrative-changes-3-undone.png` });

  // The whole text: each section that changed is named with its count, and marked.
  await page.getByRole('button', { name: '生成全文' }).click();
  await expect(status(page)).toContainText(/^已生成情况说明全文：.*第六部分改动 1 处.*（可撤销）$/u);
  await expect(changed).toHaveCount(1);
  await expect(section(page, '五').locator('.bd-narr-checked .bd-narr-changed').first()).toBeVisible();
});

test('a figure compared with several cells selects the first and names the others', async ({ page }) => {
  mkdirSync(DIR, { recursive: true });
  // 教育支出 of 五 is compared with the sum of the 类's items in 一般公共预算支出表: three cells.
  const text = `${DIR}/five.txt`;
  writeFileSync(
    text,
    '五、一般公共预算支出预算情况说明\n2025年一般公共预算支出年初预算为53952.42万元。其中支出主要用于以下方面：教育支出5600.09万元，占10.38%。\n',
  );
  await openReportFile(page, 'test/fixtures/budget-2025-jiaozuo.json');
  await page.getByRole('tab', { name: /情况说明/ }).click();
  await chooseFile(page, page.getByRole('button', { name: '导入 Word…' }), text);
  await expect(status(page)).toContainText('已导入');
  const figure = section(page, '五').locator('.bd-narr-checked [data-figure="5600.09万元"]');
  await expect(figure).toHaveAttribute('data-status', 'checked');
  await figure.click();
  await expect(cell(page, '2050302', 'total')).toHaveClass(/ag-cell-focus/);
  await expect(status(page)).toHaveText(
    '这个数与 3 个单元格核对，已定位到第一个；其余：一般公共预算支出表 2050803 培训支出「总计」；一般公共预算支出表 2050303 技校教育「总计」',
  );
  await page.screenshot({ path: `${SCREENS}/narrative-changes-4-several-cells.png` });
});
