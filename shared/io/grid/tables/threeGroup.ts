/**
 * 06's economic items in column groups side by side (three in Henan, two in Shanghai): each group
 * is a run of code columns (one, or 类 | 款 pieces), a name column and an amount column, found by
 * their headers. The 人员经费合计 / 公用经费合计 totals are labels anywhere on a line, with their
 * figure in the next amount column to the right.
 */
import type { ReportRow } from '../../../model/report';
import { addressOf, text } from '../grid';
import { codeColumns, columnsWithAll, nameColumn } from '../columns';
import {
  codeAndName,
  dataLines,
  isReadableCode,
  linesGap,
  take,
  unplacedLine,
  type ReadContext,
  type TableReading,
} from './common';

interface Group {
  codes: number[];
  name: number | undefined;
  amount: number;
}

function groupsOf(paths: string[][], amounts: number[]): Group[] {
  return amounts.map((amount, g) => {
    const span = paths.map((_, c) => c).filter((c) => c > (amounts[g - 1] ?? -1) && c < amount);
    return { codes: codeColumns(paths, span), name: nameColumn(paths, span), amount };
  });
}

export function readThreeGroup({ grid, table, words, header }: ReadContext): TableReading {
  const column = table.columns[0]!;
  const amounts = columnsWithAll(header.paths, column.label, words);
  const reading: TableReading = {
    rows: [],
    gaps:
      amounts.length === 0
        ? [{ column: column.key, reason: `工作表“${grid.name}”中没有找到“${column.label}”栏` }]
        : [],
    unplaced: [],
  };
  const groups = groupsOf(header.paths, amounts);
  const totals = (table.rows ?? []).filter((t) => !t.code && t.label);
  for (const r of dataLines(grid, header)) {
    const cells = grid.rows[r] ?? [];
    const labels = cells.map((c) => words.canonical(text(c)));
    const totalNames = new Set(totals.map((t) => words.canonical(t.label!)));
    // The totals' labels are merged over the code, name (and sometimes amount) cells of the groups they stand in.
    const totalCols = new Set<number>(labels.flatMap((l, c) => (totalNames.has(l) ? [c] : [])));
    for (const total of totals) {
      const at = labels.lastIndexOf(words.canonical(total.label!));
      const col = amounts.find((c) => c > at);
      if (at < 0 || col === undefined) continue;
      totalCols.add(col);
      const row: ReportRow = { role: total.role, name: total.label, values: {}, origin: addressOf(r, at) };
      take(row, column.key, grid, r, col);
      reading.rows.push(row);
    }
    for (const group of groups) {
      if ([group.amount, group.name, ...group.codes].some((c) => c !== undefined && totalCols.has(c)))
        continue;
      const { code, name } = codeAndName(grid, r, group.codes, group.name);
      if (!code && text(cells[group.amount]) === '') continue;
      if (!isReadableCode(code)) {
        reading.unplaced.push(...unplacedLine(grid, r, [group.amount], '没有能识别的经济分类科目编码'));
        continue;
      }
      const row: ReportRow = {
        code,
        name,
        values: {},
        origin: addressOf(r, group.codes[0] ?? group.name ?? group.amount),
      };
      take(row, column.key, grid, r, group.amount);
      reading.rows.push(row);
    }
  }
  reading.gaps.push(...linesGap(grid, reading.unplaced));
  return reading;
}
