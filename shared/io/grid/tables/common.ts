/**
 * What every table reader needs: the table's grid and header, how a code is read (in one cell, in
 * 类/款/项 pieces, as a number, or with its name in the same cell), and how what the sheet lacks or
 * what fits nowhere is told to the user (gaps of the table, unplaced figures with their cells).
 */
import type { ReportRow, TableGap, UnplacedFigure } from '../../../model/report';
import type { ColumnTemplate, TableTemplate } from '../../../model/template';
import type { Words } from '../../../model/vocabulary';
import { addressOf, isNotAmount, text, type Cell, type Grid } from '../grid';
import { lineTexts, looksLikeFigure, type HeaderBlock } from '../header';

export interface ReadContext {
  grid: Grid;
  table: TableTemplate;
  words: Words;
  header: HeaderBlock;
  /** Whether a line's text is this table's title. */
  isTitle(text: string): boolean;
}

/** What reading a table gave: its rows, what of it the sheet lacks, and the figures that found no row. */
export interface TableReading {
  rows: ReportRow[];
  gaps: TableGap[];
  unplaced: UnplacedFigure[];
}

/** The lines of data, up to the 注/说明/备注 line under the table. */
export function* dataLines(grid: Grid, header: HeaderBlock): Generator<number> {
  for (let r = header.dataStart; r < grid.rows.length; r++) {
    if (/^(注|说明|备注)/u.test(lineTexts(grid, r)[0] ?? '')) return;
    if (lineTexts(grid, r).length > 0) yield r;
  }
}

/**
 * A code as the line prints it, and a name printed in the same cell: joined from its pieces
 * (208 | 01 | 01, each piece after the first two digits, 6 read as 06), read from a number, or
 * split off the name it shares a cell with ("2080101 行政运行"). '' where the line has no code.
 */
function readCode(grid: Grid, r: number, columns: number[]): { code: string; name: string } {
  const cells = grid.rows[r] ?? [];
  if (columns.length > 1) {
    let code = '';
    for (const [i, col] of columns.entries()) {
      const piece = text(cells[col]).replace(/\.0+$/u, '');
      if (piece === '') break;
      if (!/^\d+$/u.test(piece)) return { code: `${code}${piece}`, name: '' };
      code += i > 0 ? piece.padStart(2, '0') : piece;
    }
    return { code, name: '' };
  }
  return splitCode(text(cells[columns[0] ?? -1]));
}

/** The code and name of line r: from the code columns and the name column, or both from the name's cell ("2080101 行政运行"). */
export function codeAndName(
  grid: Grid,
  r: number,
  codeCols: number[],
  nameCol: number | undefined,
): { code: string; name: string } {
  const { code, name } = readCode(grid, r, codeCols);
  const printedName = name || text(grid.rows[r]?.[nameCol ?? -1]);
  if (!code) {
    const inName = splitCode(printedName);
    if (isReadableCode(inName.code) && inName.name) return inName;
  }
  return { code, name: printedName };
}

/** "2080101 行政运行" → 2080101 and 行政运行; "208 01 01" → 2080101; "2080101.0" (a number) → 2080101. */
export function splitCode(printed: string): { code: string; name: string } {
  // A name glued to its code starts with a letter or character (行政运行), never with ? or # (208?702 is a damaged code).
  const joined = /^(\d{3}(?:\s\d{2}){1,3}|\d{3,})(?:\s+(?=\S)|(?=[\p{L}（(]))(.*)$/u.exec(printed);
  if (joined) return { code: joined[1]!.replace(/\s+/gu, ''), name: joined[2]!.trim() };
  // A project code (21 characters, letters allowed) before its name: "410800240000000005261 综合业务经费".
  const project = /^([0-9A-Za-z]*\d[0-9A-Za-z]*)\s+(\S.*)$/u.exec(printed);
  if (project && /[A-Za-z]/u.test(project[1]!)) return { code: project[1]!, name: project[2]!.trim() };
  return {
    code: printed
      .replace(/\.0+$/u, '')
      .replace(/^(\d+)\s+(?=\d)/u, '$1')
      .replace(/(?<=\d)\s+(?=\d)/gu, ''),
    name: '',
  };
}

/** A code a reader can use: digits only (a code is never text like 见附表 or #REF!). */
export const isReadableCode = (code: string): boolean => /^\d+$/u.test(code);

/**
 * The figures of line r that no row takes, each with its cell (the line's first text where it has
 * no figure), so that the user can find every one of them in the file.
 */
export function unplacedLine(
  grid: Grid,
  r: number,
  figureCols: (number | undefined)[],
  reason: string,
): UnplacedFigure[] {
  const cells = grid.rows[r] ?? [];
  const label = cells
    .map(text)
    .filter((t, c) => t !== '' && !looksLikeFigure(cells[c]))
    .filter((t, i, all) => all.indexOf(t) === i)
    .join(' ');
  const figures = [...new Set(figureCols)].filter(
    (c): c is number => c !== undefined && text(cells[c]) !== '',
  );
  const at = (c: number, shown: string) => ({ sheet: grid.name, cell: addressOf(r, c), text: shown, reason });
  if (figures.length === 0)
    return [
      at(
        Math.max(
          0,
          cells.findIndex((c) => text(c) !== ''),
        ),
        label,
      ),
    ];
  return figures.map((c) => at(c, `${label ? `${label}：` : ''}${text(cells[c])}`));
}

/** The template's columns the sheet does not have, each with why. */
export function columnGaps(grid: Grid, columns: ColumnTemplate[], found: (number | undefined)[]): TableGap[] {
  return columns.flatMap((c, i) =>
    found[i] === undefined
      ? [{ column: c.key, reason: `工作表“${grid.name}”中没有找到“${c.label.split('/').join(' ')}”栏` }]
      : [],
  );
}

/** The gap of a table some of whose lines could not be read: its list of rows is incomplete. */
export function linesGap(grid: Grid, unplaced: UnplacedFigure[]): TableGap[] {
  const lines = new Set(unplaced.map((u) => u.cell.replace(/^[A-Z]+/u, '')));
  return lines.size === 0
    ? []
    : [{ reason: `工作表“${grid.name}”有 ${lines.size} 行未能读入（见未读入清单）` }];
}

/**
 * A table of records with no line at all, not even its 合计 (an empty table prints that): the sheet
 * has lost its data, so the table's rows are not known.
 */
export function noLines(grid: Grid, rows: ReportRow[]): TableGap[] {
  return rows.length > 0 ? [] : [{ reason: `工作表“${grid.name}”中没有数据行（连合计行也没有）` }];
}

/** Puts the figure of grid cell (r, col) into a report row, remembering where it came from; a column the sheet lacks gives nothing. */
export function take(row: ReportRow, key: string, grid: Grid, r: number, col: number | undefined): void {
  if (col === undefined) return;
  const cell = grid.rows[r]?.[col];
  row.values[key] = figureText(cell);
  (row.origins ??= {})[key] = addressOf(r, col);
  if (isNotAmount(cell)) (row.notAmounts ??= {})[key] = cell.reason;
}

/** A cell's content as the text of a figure: a number's shortest spelling (parsed exactly later), text trimmed, null when empty. */
export function figureText(cell: Cell | undefined): string | null {
  return typeof cell === 'number' ? String(cell) : text(cell) || null;
}

/** Whether the line holds a figure in any of the columns. */
export function hasFigure(grid: Grid, r: number, columns: (number | undefined)[]): boolean {
  return columns.some((c) => c !== undefined && text(grid.rows[r]?.[c]) !== '');
}
