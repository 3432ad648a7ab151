/**
 * Nothing hidden, at the two screen sizes offices have: in every 决算 and 预算 table, scrolled fully
 * right, the last column's cells lie wholly inside the grid's viewport and nothing is drawn over
 * them; no header is cut; the columns naming a row (科目编码/名称, 一级/二级指标) stay at the left;
 * the toolbar is one line and does not move when an edit marks the report unsaved. Screenshots go
 * to test-results/screens/visible-*.png for a person to look at.
 */
import { expect, test, type Page } from '@playwright/test';
import { cell, clickCell, openExample, openReportFile, openTab, SCREENS } from './helpers';

const REPORTS = [
  { name: 'final', open: openExample },
  {
    name: 'budget',
    open: async (page: Page) => {
      await openReportFile(page, 'test/fixtures/budget-2025-jiaozuo.json');
      await expect(page.getByRole('tab', { name: /预算01表/ })).toBeVisible();
    },
  },
];
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1600, height: 900 },
];
/** Columns that name a row, by column id: code-keyed tables, listed tables' fields, the 绩效 form's 指标. */
const LABEL_COLUMN = /^(code|name|f:.+|level[12])$/u;

interface Seen {
  lastColumn: string;
  /** Cells of the last column that are cut, covered or shortened, by row. */
  hidden: string[];
  clippedHeaders: string[];
  /** The first column, if it names rows, and whether it is still in view scrolled fully right. */
  label: { colId: string; inView: boolean } | null;
}

/** Scrolls the active grid fully right and looks at its last column, its headers and its first column. */
async function look(page: Page): Promise<Seen> {
  return page.evaluate(async (labelPattern) => {
    const grid = [...document.querySelectorAll<HTMLElement>('.bd-grid')].find(
      (g) => g.getClientRects().length,
    )!;
    const viewport = grid.querySelector<HTMLElement>('.ag-grid-viewport')!;
    const frames = () => new Promise((resolve) => setTimeout(resolve, 250));
    const clipped = new Set<string>();
    // A header's text is cut when it overflows its own box or runs out of its header cell.
    const lookAtHeaders = () => {
      for (const text of grid.querySelectorAll<HTMLElement>('.ag-header-cell-text, .ag-header-group-text')) {
        const own = text.getBoundingClientRect();
        const cell = text.closest('.ag-header-cell, .ag-header-group-cell')!.getBoundingClientRect();
        if (
          text.scrollWidth > text.clientWidth + 1 ||
          text.scrollHeight > text.clientHeight + 1 ||
          own.bottom > cell.bottom + 1 ||
          own.top < cell.top - 1
        )
          clipped.add(text.textContent ?? '');
      }
    };
    lookAtHeaders();
    viewport.scrollLeft = viewport.scrollWidth;
    viewport.dispatchEvent(new Event('scroll'));
    await frames();
    lookAtHeaders();
    const box = viewport.getBoundingClientRect();
    const right = box.left + viewport.clientLeft + viewport.clientWidth;
    const bottom = box.top + viewport.clientTop + viewport.clientHeight;
    const headers = [...grid.querySelectorAll<HTMLElement>('.ag-header-cell[col-id]')];
    const byIndex = (h: HTMLElement) => Number(h.getAttribute('aria-colindex'));
    const last = headers.reduce((a, b) => (byIndex(b) > byIndex(a) ? b : a));
    const lastColumn = last.getAttribute('col-id')!;
    const hidden: string[] = [];
    for (const c of grid.querySelectorAll<HTMLElement>(`.ag-row .ag-cell[col-id="${lastColumn}"]`)) {
      const r = c.getBoundingClientRect();
      if (r.bottom > bottom || r.height === 0) continue; // rows below the fold are looked at elsewhere
      const row = c.closest('.ag-row')?.getAttribute('row-id') ?? '?';
      const over = document.elementFromPoint(r.right - 3, r.top + r.height / 2);
      if (r.right > right + 0.5) hidden.push(`${row}: ends at ${r.right} beyond ${right}`);
      else if (!over || !c.contains(over)) hidden.push(`${row}: covered by ${over?.className}`);
      // A figure is never shortened (a sentence, 绩效目标, is read whole in its tooltip).
      else if (c.classList.contains('ag-right-aligned-cell') && c.scrollWidth > c.clientWidth)
        hidden.push(`${row}: figure cut`);
    }
    const first = headers.find((h) => byIndex(h) === 1);
    const firstId = first?.getAttribute('col-id') ?? '';
    const label = new RegExp(labelPattern, 'u').test(firstId)
      ? { colId: firstId, inView: first!.getBoundingClientRect().left >= box.left - 0.5 }
      : null;
    viewport.scrollLeft = 0;
    return { lastColumn, hidden, clippedHeaders: [...clipped], label };
  }, LABEL_COLUMN.source);
}

async function toolbarLines(page: Page): Promise<number> {
  const bar = (await page.locator('.bd-toolbar').boundingBox())!;
  const button = (await page.getByRole('button', { name: '保存' }).boundingBox())!;
  return Math.round((bar.height - 12) / button.height);
}

for (const size of SIZES)
  for (const report of REPORTS)
    test(`${report.name} at ${size.width}×${size.height}: every column and header whole`, async ({
      page,
    }) => {
      test.setTimeout(120_000);
      await page.setViewportSize(size);
      await report.open(page);
      const tabs = (await page.getByRole('tab').allTextContents())
        .map((t) => /(公开|预算)\d+表/u.exec(t)?.[0])
        .filter((t): t is string => t !== undefined);
      expect(tabs.length).toBeGreaterThanOrEqual(9);
      for (const tab of tabs) {
        await openTab(page, tab);
        expect(await toolbarLines(page), `${tab}: toolbar on one line`).toBe(1);
        const seen = await look(page);
        console.log(
          `${size.width} ${tab}: last column ${seen.lastColumn}, hidden ${seen.hidden.length}, ` +
            `clipped headers ${seen.clippedHeaders.length}, label ${seen.label ? `${seen.label.colId} ${seen.label.inView ? 'kept' : 'lost'}` : '—'}`,
        );
        expect.soft(seen.hidden, `${tab}: last column ${seen.lastColumn}`).toEqual([]);
        expect.soft(seen.clippedHeaders, `${tab}: headers`).toEqual([]);
        if (seen.label) expect.soft(seen.label.inView, `${tab}: ${seen.label.colId} frozen`).toBe(true);
        // Scrolled fully right, as looked at.
        await page
          .locator('.bd-grid:visible .ag-grid-viewport')
          .evaluate((v) => (v.scrollLeft = v.scrollWidth));
        await page.waitForTimeout(200);
        await page.screenshot({ path: `${SCREENS}/visible-${size.width}-${tab}.png` });
      }
    });

test('the toolbar stays put when an edit marks the report unsaved, and the grid zooms', async ({ page }) => {
  await page.setViewportSize(SIZES[0]!);
  await openExample(page);
  const print = page.getByRole('button', { name: '打印预览…' });
  const before = (await print.boundingBox())!;
  await openTab(page, '公开05表');
  const target = cell(page, '2080505', 'basic');
  await clickCell(target);
  await page.keyboard.type('1');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('未保存', { exact: true })).toBeVisible();
  expect(await print.boundingBox()).toEqual(before);

  // Ctrl+= and Ctrl+wheel make the grid larger, Ctrl+- smaller, Ctrl+0 as designed; the status line says so.
  const zoom = page.getByTestId('grid-zoom');
  await expect(zoom).toHaveText('表格 100%');
  const width = async () => (await target.boundingBox())!.width;
  const designed = await width();
  await page.keyboard.press('Control+=');
  await expect(zoom).toHaveText('表格 110%');
  expect(await width()).toBeCloseTo(designed * 1.1, 0);
  await page.locator('.bd-grid:visible').hover();
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -100);
  await page.keyboard.up('Control');
  await expect(zoom).toHaveText('表格 120%');
  await page.keyboard.press('Control+-');
  await page.keyboard.press('Control+-');
  await page.keyboard.press('Control+-');
  await expect(zoom).toHaveText('表格 90%');
  // The rows lie one under the next, with nothing missing between them.
  await expect
    .poll(() =>
      page.locator('.bd-grid:visible .ag-row:not(.ag-row-pinned)').evaluateAll((rows) => {
        const boxes = rows.map((r) => r.getBoundingClientRect()).sort((a, b) => a.top - b.top);
        return boxes.slice(1).every((box, i) => Math.abs(box.top - boxes[i]!.bottom) <= 1);
      }),
    )
    .toBe(true);
  await page.screenshot({ path: `${SCREENS}/visible-zoom-90.png` });
  await page.keyboard.press('Control+0');
  await expect(zoom).toHaveText('表格 100%');
  expect(await width()).toBeCloseTo(designed, 0);

  // The rarely used actions are one click away, under 更多; Esc closes the menu.
  await page.getByRole('button', { name: '更多 ▾' }).click();
  const more = page.getByRole('menu', { name: '更多' });
  for (const item of ['导出公开表', '导出本表 CSV', '导入本表 CSV'])
    await expect(more.getByRole('menuitem', { name: item })).toBeEnabled();
  await page.screenshot({ path: `${SCREENS}/visible-more-menu.png` });
  await page.keyboard.press('Escape');
  await expect(more).toHaveCount(0);
});
