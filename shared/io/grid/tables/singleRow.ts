/**
 * 09 (“三公”经费): one line of figures under a header of two or three levels, the 预算数/决算数 groups
 * first or interleaved per item. A table printed with its header only (the 2023 解放区 document printed no line when
 * everything is zero) is a table of blanks, not a table the file lacks.
 */
import type { ReportRow } from '../../../model/report';
import { matchColumns } from '../columns';
import { columnGaps, dataLines, hasFigure, take, type ReadContext, type TableReading } from './common';

export function readSingleRow({ grid, table, words, header }: ReadContext): TableReading {
  const columns = matchColumns(header.paths, table.columns, words);
  const line = [...dataLines(grid, header)].find((r) => hasFigure(grid, r, columns));
  const row: ReportRow = {
    values: Object.fromEntries(
      table.columns.flatMap((c, i) => (columns[i] === undefined ? [] : [[c.key, null]])),
    ),
  };
  if (line !== undefined) table.columns.forEach((c, i) => take(row, c.key, grid, line, columns[i]));
  return { rows: [row], gaps: columnGaps(grid, table.columns, columns), unplaced: [] };
}
