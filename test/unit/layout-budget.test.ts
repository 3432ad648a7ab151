/**
 * The budget tables as laid out for the window and for print: the headers and columns the
 * published tables have, text columns that fit what they hold, and printed columns that never cut a
 * figure (a table too wide for its page prints in a smaller font instead).
 */
import { describe, expect, it } from 'vitest';
import { Workbook } from '../../shared/engine/workbook';
import { buildGridModel, type GridModel } from '../../shared/layout/gridModel';
import { mmToPx, orientationFor, printableArea } from '../../shared/layout/page';
import { fitColumns, keepsOnOneLine, PRINT_FONT_PT, type PrintCell } from '../../shared/layout/printFit';
import { textEm } from '../../shared/layout/measure';
import { formatAmount, fromDecimalString } from '../../shared/money/money';
import { loadSample } from '../support/fixtures';

const budget = Workbook.open(loadSample('budget-2025-jiaozuo'));
const finals = Workbook.open(loadSample('final-2024-gaoxin'));
const model = (workbook: Workbook, table: string) => buildGridModel(workbook.structure.tableById.get(table)!);

/** The body as printed: figures formatted, text as it stands. */
function printed(workbook: Workbook, grid: GridModel): PrintCell[][] {
  return grid.rows.map((row) =>
    grid.columns.map((c) => {
      const slot = row.slots[c.colId];
      if (slot?.kind === 'text') return { text: slot.text, level: slot.level };
      const value = slot ? workbook.cell(slot.ref).value : null;
      return { text: value === null ? '' : formatAmount(fromDecimalString(value)) };
    }),
  );
}

describe('budget tables in the window', () => {
  it('prints 01 as 项目 | 金额 under 收入 and 支出, without the 行次 and 栏次 the budget has none of', () => {
    const grid = model(budget, '收支总表');
    expect(grid.columns.map((c) => c.header.join('/'))).toEqual([
      '收入/项目',
      '收入/金额',
      '支出/项目',
      '支出/金额',
    ]);
    expect(grid.lanciRow).toBeNull();
    // The final accounts keep both.
    const final = model(finals, '公开01表');
    expect(final.columns.some((c) => c.colId === 'in:hangci')).toBe(true);
    expect(final.lanciRow).not.toBeNull();
  });

  it('shows a 部门 row’s code in the first column of 07 and 12, which have no code column', () => {
    for (const table of ['基本支出明细表', '项目支出表']) {
      const grid = model(budget, table);
      const dept = grid.rows.find((r) => r.id === '302')!;
      expect(dept.slots[grid.columns[0]!.colId]).toMatchObject({ text: '302', field: 'code' });
    }
  });

  it('indents only names, keeps the text columns up to the name in view, and fits them to their text', () => {
    const grid = model(budget, '基本支出明细表');
    const row = grid.rows.find((r) => r.row?.level === '明细')!;
    expect(row.slots['f:unit']).toMatchObject({ level: null, field: 'unit' });
    expect(row.slots['f:name']).toMatchObject({ level: '款', field: 'name' });
    expect(grid.columns.filter((c) => c.pinned).map((c) => c.colId)).toEqual([
      'f:unit',
      'f:category',
      'f:name',
    ]);
    // 焦作市人力资源和社会保障局 is not cut to 焦作市人力资…
    expect(grid.columns[0]!.width).toBeGreaterThanOrEqual(textEm('焦作市人力资源和社会保障局') * 13);
    // The 合计 row has its label only, so that print can spread it over the text columns.
    expect(Object.keys(grid.rows[0]!.slots).filter((k) => k.startsWith('f:'))).toEqual(['f:unit']);
  });

  it('keeps the 绩效 form’s 一级指标 and 二级指标 in view, narrower than the sentences beside them', () => {
    const grid = model(budget, '整体绩效目标表');
    const pinned = grid.columns.filter((c) => c.pinned);
    expect(pinned.map((c) => c.header.at(-1))).toEqual(['一级指标', '二级指标']);
    const sentence = grid.columns.find((c) => c.header.at(-1) === '指标值')!;
    for (const c of pinned) expect(c.width).toBeLessThan(sentence.width);
  });
});

describe('budget tables on paper', () => {
  const fit = (workbook: Workbook, table: string) => {
    const grid = model(workbook, table);
    const pageWidth = mmToPx(printableArea(orientationFor(grid.columns)).widthMm);
    return {
      grid,
      cells: printed(workbook, grid),
      pageWidth,
      ...fitColumns(grid.columns, printed(workbook, grid), pageWidth),
    };
  };

  it('prints the 22 figure columns of 收入表 in a smaller font, each figure on one line in its column', () => {
    const { grid, cells, pageWidth, fontPt, shares } = fit(budget, '收入表');
    expect(fontPt).toBeLessThan(PRINT_FONT_PT);
    expect(fontPt).toBeGreaterThanOrEqual(6);
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    const emPx = (fontPt * 96) / 72;
    grid.columns.forEach((column, c) => {
      if (!keepsOnOneLine(column)) return;
      const widest = Math.max(...cells.map((row) => textEm(row[c]!.text)));
      expect(shares[c]! * pageWidth, column.colId).toBeGreaterThan(widest * emPx);
    });
  });

  it('keeps the publication’s 9.5 pt where the table fits, and gives names room before other text', () => {
    const running = fit(budget, '运行经费表');
    expect(running.fontPt).toBe(PRINT_FONT_PT);
    const projects = fit(budget, '项目支出表');
    const share = (colId: string) =>
      projects.shares[projects.grid.columns.findIndex((c) => c.colId === colId)]!;
    expect(share('f:name')).toBeGreaterThan(share('f:type'));
    expect(share('f:type')).toBeGreaterThan(share('cur.gf') / 2);
  });
});
