/**
 * Where a table sits in a grid: the header block between the 部门/年度/单位 line and the data, each
 * column's header path, where the data starts, and the sheet's 部门/年度/单位. Columns are found by
 * their header labels, never by position.
 */
import type { ReportRow } from '../../model/report';
import type { ColumnTemplate, TableTemplate } from '../../model/template';
import { addressOf, isNotAmount, squeeze, text, type Cell, type Grid } from './grid';

export const TABLE_CODE = /公开\d{2}表/u;

export interface Layout {
  /** Index of the first data row. */
  dataStart: number;
  /** Header path of every column (merged repeats removed). */
  paths: string[][];
  meta: { department?: string; year?: number; unit?: '万元' | '元' };
}

/** The block between the 部门/年度/单位 line and the data, and the meta line itself. */
export function layout(grid: Grid, table: TableTemplate): Layout | string {
  const rowText = (r: number) => (grid.rows[r] ?? []).map(text);
  let unitRow = grid.rows.findIndex((_, r) => rowText(r).some((t) => t.startsWith('单位')));
  const meta: Layout['meta'] = {};
  if (unitRow >= 0) {
    for (const t of rowText(unitRow)) {
      if (t.startsWith('部门')) meta.department = t.replace(/^部门(?:（单位）)?(?:名称)?[：:]\s*/u, '');
      const year = /^(\d{4})\s*年度?$/u.exec(t);
      if (year) meta.year = Number(year[1]);
      if (t.startsWith('单位')) meta.unit = /万元/u.test(t) ? '万元' : '元';
    }
  } else {
    unitRow = grid.rows.findIndex((_, r) => rowText(r).some((t) => TABLE_CODE.test(t)));
  }
  const firstHeader = unitRow + 1;
  // The 栏次 row says "栏次", or (09) is nothing but the numbers 1, 2, 3 …
  const isLanci = (r: number) => {
    const cells = rowText(r).filter(Boolean);
    return cells.includes('栏次') || (cells.length > 1 && cells.every((t, i) => t === String(i + 1)));
  };
  const lanciRow = grid.rows.findIndex((_, r) => r >= firstHeader && isLanci(r));
  const noteRow = grid.rows.findIndex((_, r) => r >= firstHeader && /^(注|说明)/u.test(rowText(r).find(Boolean) ?? ''));
  const dataRow = firstData(grid, firstHeader, table);
  // An empty table (S23 prints 09 as its header only) has no data row: the header runs to the note.
  const headerEnd = lanciRow >= 0 ? lanciRow : dataRow >= 0 ? dataRow : noteRow >= 0 ? noteRow : grid.rows.length;
  if (headerEnd <= firstHeader) return '没有找到表头';
  const width = Math.max(...grid.rows.slice(firstHeader, headerEnd).map((r) => r.length));
  const paths = Array.from({ length: width }, (_, c) => {
    const path: string[] = [];
    for (let r = firstHeader; r < headerEnd; r++) {
      const label = squeeze(text(grid.rows[r]?.[c]));
      if (label && path[path.length - 1] !== label) path.push(label);
    }
    return path;
  });
  return { dataStart: lanciRow >= 0 ? lanciRow + 1 : headerEnd, paths, meta };
}

/** Without a 栏次 row, data starts at the first row holding a figure or a code. */
function firstData(grid: Grid, from: number, table: TableTemplate): number {
  const isCode = (t: string) => /^\d{3,7}(\s|$)/u.test(t);
  for (let r = from; r < grid.rows.length; r++) {
    const cells = grid.rows[r] ?? [];
    // The 合计 row has its name where names are (a header cell elsewhere may say 合计 too); an
    // empty table (国有资本经营支出表) has no figure in it.
    const totalRole = table.codeScheme?.totalRole ?? table.listScheme?.totalRole;
    const totalRow = totalRole !== undefined && cells.slice(0, 2).some((c) => text(c) === totalRole);
    if (totalRow || cells.some((c) => typeof c === 'number' || isCode(text(c)))) return r;
  }
  return -1;
}

const columnLabels = (column: ColumnTemplate): string[] => column.label.split('/').map(squeeze);

/**
 * Sheet columns of a template column: the header path ends with the column's label path, or,
 * where a file lost its group headers (merges undone, a header row deleted), the leaf label alone
 * when no other column of the table has it.
 */
export function findColumn(paths: string[][], column: ColumnTemplate, table: TableTemplate, side?: string): number[] {
  const labels = columnLabels(column);
  const leaf = labels[labels.length - 1]!;
  const leafIsUnique = table.columns.filter((c) => (!side || c.side === side) && columnLabels(c).at(-1) === leaf).length === 1;
  const candidates = paths.map((path, c) => ({ path, c })).filter(({ path }) => !side || path.includes(side));
  const full = candidates.filter(({ path }) => path.length >= labels.length && path.slice(-labels.length).every((l, i) => l === labels[i]));
  if (full.length > 0 || !leafIsUnique) return full.map(({ c }) => c);
  return candidates.filter(({ path }) => path.at(-1) === leaf).map(({ c }) => c);
}

export const isCodeHeader = (path: string[]) => /编码|代码/u.test(path[path.length - 1] ?? '');
export const isNameHeader = (path: string[]) => /科目名称|^项目$/u.test(path[path.length - 1] ?? '');
export const isHangciHeader = (path: string[]) => path[path.length - 1] === '行次';

/**
 * Puts the figure of grid cell (r, col) into a report row, remembering where it came from. A
 * column the sheet does not have gives nothing: the figure is absent, not blank.
 */
export function take(row: ReportRow, key: string, grid: Grid, r: number, col: number | undefined): void {
  if (col === undefined) return;
  const cell = grid.rows[r]?.[col];
  row.values[key] = amount(cell);
  (row.origins ??= {})[key] = addressOf(r, col);
  if (isNotAmount(cell)) (row.notAmounts ??= {})[key] = cell.reason;
}

export function amount(cell: Cell | undefined): string | null {
  if (cell === null || cell === undefined) return null;
  // A number from the file: its shortest decimal spelling, parsed exactly by the engine later.
  if (typeof cell === 'number') return String(cell);
  return text(cell) || null;
}

