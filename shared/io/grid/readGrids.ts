/**
 * A report from the grids of a file: each grid is recognised as one of the template's tables by
 * what it says, never by its name or position; columns are mapped by their header labels and rows
 * by code, 行次 or label. What cannot be placed is reported in Chinese, naming the sheet and cell.
 */
import type { ReportFile, ReportTable, UnplacedFigure } from '../../model/report';
import type { Catalog } from '../../templates/catalog';
import { text, type Grid } from './grid';
import { layout, type Layout } from './layout';
import { readTable } from './readTables';
import { chooseTemplate, printedTitle } from './recognise';

export interface SheetMatch {
  sheet: string;
  table: string;
}

export interface GridImport {
  report: ReportFile;
  tables: SheetMatch[];
  unrecognized: { sheet: string; reason: string }[];
  /** Cells that could not be read, kept as text where they had a place. */
  problems: string[];
}

export class GridReadError extends Error {
  override name = 'GridReadError';
}

export function readGrids(fileName: string, grids: Grid[], catalog: Catalog): GridImport {
  const problems: string[] = [];
  const tables: SheetMatch[] = [];
  const unrecognized: GridImport['unrecognized'] = [];
  const reportTables: ReportTable[] = [];
  const unplaced: UnplacedFigure[] = [];
  const metas: Layout['meta'][] = [];
  const yearHint = grids.map((g) => g.rows.slice(0, 6).flat().map(text).map((t) => /^(\d{4})\s*年度$/u.exec(t)?.[1]).find(Boolean)).find(Boolean);
  const { template, tables: recognised } = chooseTemplate(catalog, yearHint ? Number(yearHint) : undefined, grids);
  for (const [g, grid] of grids.entries()) {
    const table = recognised[g]!;
    if (typeof table === 'string') {
      unrecognized.push({ sheet: grid.name, reason: table });
      continue;
    }
    if (tables.some((t) => t.table === table.id)) {
      unrecognized.push({ sheet: grid.name, reason: `与另一张工作表同为${table.id}，未载入` });
      continue;
    }
    const shape = layout(grid, table);
    if (typeof shape === 'string') {
      unrecognized.push({ sheet: grid.name, reason: shape });
      continue;
    }
    for (const address of grid.formulasWithoutResult) {
      problems.push(`“${grid.name}”${address}：公式没有保存计算结果，请在 Excel 中重新计算并保存后再打开`);
    }
    tables.push({ sheet: grid.name, table: table.id });
    metas.push(shape.meta);
    const { rows, gaps, unplaced: lost } = readTable(grid, table, shape);
    unplaced.push(...lost);
    reportTables.push({ id: table.id, sheet: grid.name, title: printedTitle(grid) ?? undefined, rows, ...(gaps.length > 0 ? { gaps } : {}) });
  }
  if (tables.length === 0) throw new GridReadError(`“${fileName}”中没有能识别的报表（${unrecognized.map((u) => `${u.sheet}：${u.reason}`).join('；')}）`);
  const meta = (key: keyof Layout['meta']) => metas.map((m) => m[key]).find((v) => v !== undefined);
  const report: ReportFile = {
    kind: template.kind,
    year: (meta('year') as number | undefined) ?? template.year,
    department: (meta('department') as string | undefined) ?? '',
    unit: (meta('unit') as '万元' | '元' | undefined) ?? template.unit,
    template: template.id,
    tables: reportTables,
    ...(unplaced.length > 0 ? { unplaced } : {}),
  };
  return { report, tables, unrecognized, problems };
}
