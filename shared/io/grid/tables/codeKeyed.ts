/**
 * A code-keyed table (02, 03, 05, 07, 08): one line per 科目 with its code (in one cell, in 类/款/项
 * pieces, as a number, or in the name's cell), its name and figures, and the 合计 line wherever it
 * is printed (first, or last as in Shanghai's 05). A line with figures but no readable code, or a
 * code printed twice, is not guessed at: it is listed as unplaced and the table's rows are incomplete.
 */
import type { ReportRow } from '../../../model/report';
import { addressOf } from '../grid';
import { codeColumns, matchColumns, nameColumn } from '../columns';
import {
  codeAndName,
  noLines,
  columnGaps,
  dataLines,
  hasFigure,
  isReadableCode,
  linesGap,
  take,
  unplacedLine,
  type ReadContext,
  type TableReading,
} from './common';

export function readCodeKeyed({ grid, table, words, header }: ReadContext): TableReading {
  const codeCols = codeColumns(header.paths);
  const nameCol = nameColumn(header.paths);
  const columns = matchColumns(header.paths, table.columns, words);
  const reading: TableReading = { rows: [], gaps: columnGaps(grid, table.columns, columns), unplaced: [] };
  const total = words.canonical(table.codeScheme?.totalRole ?? '合计');
  const seen = new Set<string>();
  for (const r of dataLines(grid, header)) {
    const { code, name } = codeAndName(grid, r, codeCols, nameCol);
    const key = code || (words.canonical(name) === total ? total : '');
    if (!isReadableCode(code) && key !== total) {
      // Something in the code cell, or a figure, makes it a 科目 whose code cannot be read.
      if (code || hasFigure(grid, r, columns))
        reading.unplaced.push(...unplacedLine(grid, r, columns, '没有能识别的科目编码'));
      continue;
    }
    if (seen.has(key)) {
      reading.unplaced.push(
        ...unplacedLine(grid, r, columns, code ? `科目编码 ${code} 在本表中重复` : '合计行重复'),
      );
      continue;
    }
    seen.add(key);
    const isTotal = key === total;
    const row: ReportRow = {
      code: isTotal ? null : code,
      name,
      values: {},
      origin: addressOf(r, codeCols[0] ?? nameCol ?? 0),
    };
    table.columns.forEach((c, i) => take(row, c.key, grid, r, columns[i]));
    reading.rows.push(row);
  }
  reading.gaps.push(...linesGap(grid, reading.unplaced), ...noLines(grid, reading.rows));
  return reading;
}
