/**
 * A two-sided table (01, 04): 收入 on the left, 支出 on the right, each side's lines named by their
 * label. A line is the template row its label names, whatever the numbering (一、 （一） or none) or
 * the year's wording; a label printed on several lines of a side (04's 一、一般公共预算财政拨款 under
 * 本年收入 and again under 年初结转和结余) names its rows in printed order. 行次 only tells a spare
 * line without a label; it never moves a figure between the numberings of different years.
 */
import type { ReportRow } from '../../../model/report';
import type { FixedRowTemplate, Side } from '../../../model/template';
import { addressOf, text } from '../grid';
import { hangciColumn, matchColumns, nameColumn } from '../columns';
import {
  columnGaps,
  dataLines,
  hasFigure,
  linesGap,
  take,
  unplacedLine,
  type ReadContext,
  type TableReading,
} from './common';

const SIDES: Side[] = ['收入', '支出'];

/** The columns of each side: headed 收入/支出; where the file lost those headers, the halves left and right of the second 项目 column. */
function sideColumns(paths: string[][]): Record<Side, number[]> {
  const all = paths.map((_, c) => c);
  const bySide = Object.fromEntries(
    SIDES.map((s) => [s, all.filter((c) => paths[c]!.includes(s))]),
  ) as Record<Side, number[]>;
  if (bySide.收入.length > 0 && bySide.支出.length > 0) return bySide;
  const names = all.filter((c) => nameColumn(paths, [c]) !== undefined);
  const split = names[1] ?? Math.ceil(all.length / 2);
  return { 收入: all.filter((c) => c < split), 支出: all.filter((c) => c >= split) };
}

export function readTwoSided({ grid, table, words, header }: ReadContext): TableReading {
  const reading: TableReading = { rows: [], gaps: [], unplaced: [] };
  const sides = sideColumns(header.paths);
  for (const side of SIDES) {
    const candidates = sides[side];
    const nameCol = nameColumn(header.paths, candidates);
    const hangciCol = hangciColumn(header.paths, candidates);
    const templateColumns = table.columns.filter((c) => c.side === side);
    // A side's header may or may not repeat the side's word; the label's own words are what must match.
    const columns = matchColumns(
      header.paths,
      templateColumns.map((c) => ({
        label: c.label
          .split('/')
          .filter((p) => p !== side)
          .join('/'),
      })),
      words,
      candidates,
    );
    reading.gaps.push(...columnGaps(grid, templateColumns, columns));
    const rows = (table.rows ?? []).filter((r) => r.side === side);
    const taken = new Set<FixedRowTemplate>();
    for (const r of dataLines(grid, header)) {
      const label = text(grid.rows[r]?.[nameCol ?? -1]);
      const hangci = Number(text(grid.rows[r]?.[hangciCol ?? -1])) || null;
      const row = label
        ? rowNamed(rows, label, words, taken)
        : rows.find((t) => t.hangci === hangci && t.spare);
      if (!row) {
        if (hasFigure(grid, r, columns))
          reading.unplaced.push(
            ...unplacedLine(
              grid,
              r,
              columns,
              label ? `${table.id}${side}方没有“${label}”这一行` : '没有项目名称',
            ),
          );
        continue;
      }
      if (row.spare) continue;
      taken.add(row);
      const line: ReportRow = {
        role: row.role,
        side,
        name: label,
        values: {},
        origin: addressOf(r, nameCol ?? 0),
      };
      templateColumns.forEach((c, i) => take(line, c.key, grid, r, columns[i]));
      reading.rows.push(line);
    }
  }
  reading.gaps.push(...linesGap(grid, reading.unplaced));
  return reading;
}

/** The first row of the side not yet taken whose label (or stable name) reads the same as the line's. */
function rowNamed(
  rows: FixedRowTemplate[],
  label: string,
  words: ReadContext['words'],
  taken: Set<FixedRowTemplate>,
): FixedRowTemplate | undefined {
  const said = words.canonical(label);
  const named = (row: FixedRowTemplate) =>
    [row.label, row.role, ...(row.aliases ?? [])].some(
      (name) => name !== null && words.canonical(name) === said,
    );
  return rows.find((row) => !taken.has(row) && named(row));
}
