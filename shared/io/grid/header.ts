/**
 * Where a table sits in its grid, whatever is above it: the lines at the top (a picture caption,
 * 附件2, the title, the table number, the 部门/年度/单位 line), the header block of any depth (merged
 * cells repeat their label; a repeat is one label), an optional 栏次 row, and the first line of data.
 */
import { addressOf, text, type Cell, type Grid } from './grid';
import type { Words } from '../../model/vocabulary';

export interface HeaderBlock {
  /** First row of the header block. */
  start: number;
  /** First row of data (after the 栏次 row where there is one). */
  dataStart: number;
  /** Canonical header labels of each column, top to bottom, repeats (merges) once. */
  paths: string[][];
  /** The row of the 栏次 numbers, or -1. */
  lanciRow: number;
}

/** A text of the 部门/单位/年度 line at the top (部门：…, 单位：万元, 2024年度); never a header (部门代码, 单位（科目名称）). */
const META =
  /^(?:(?:部门|单位|编制单位|金额单位)(?:（单位）)?(?:名称)?[：:]|[（(]单位[：:])|^[（(]?\d{4}年度?[）)]?$/u;

/** A figure as files print it: a number, or numeric text with separators or accounting parentheses. */
export function looksLikeFigure(cell: Cell | undefined): boolean {
  if (typeof cell === 'number') return true;
  return /^[(（]?[-−]?[\d,，]+(\.\d+)?[)）]?$/u.test(text(cell));
}

/** A classification code, alone or in front of its name (2080101, 208 01 01, "2080101 行政运行"). */
export function looksLikeCode(cell: Cell | undefined): boolean {
  return (
    /^\d{3}(?:\s?\d{2}){0,2}(?:\s|$)/u.test(text(cell)) ||
    (typeof cell === 'number' &&
      Number.isInteger(cell) &&
      String(cell).length >= 3 &&
      String(cell).length <= 7)
  );
}

/** The distinct texts of a line, merged cells once. */
export function lineTexts(grid: Grid, r: number): string[] {
  return [...new Set((grid.rows[r] ?? []).map(text).filter(Boolean))];
}

/** The 栏次 row says "栏次", or (09) is nothing but the numbers 1, 2, 3 … */
function isLanciRow(grid: Grid, r: number): boolean {
  const cells = (grid.rows[r] ?? []).map(text).filter(Boolean);
  return cells.includes('栏次') || (cells.length > 1 && cells.every((t, i) => t === String(i + 1)));
}

/** The row after the top lines: after the last 部门/单位/年度 line near the top, else after the title. */
function headerStart(grid: Grid, isTitle: (text: string) => boolean): number {
  const top = Math.min(grid.rows.length, 12);
  let start = -1;
  for (let r = 0; r < top; r++) if (lineTexts(grid, r).some((t) => META.test(t))) start = r + 1;
  if (start >= 0) return start;
  for (let r = 0; r < top; r++) if (lineTexts(grid, r).some(isTitle)) return r + 1;
  return 0;
}

/**
 * Finds the header and the data of a table in a grid. `isDataLine` says whether a line is data
 * (a figure, a code, a line label the table has); an empty table's data is its lone 合计 line, or
 * nothing (the 2023 解放区 document's 09 prints its header only), so the header then runs to the note.
 */
export function findHeader(
  grid: Grid,
  words: Words,
  isTitle: (text: string) => boolean,
  isDataLine: (r: number) => boolean,
): HeaderBlock | string {
  const start = headerStart(grid, isTitle);
  // A 栏次 row ends the header wherever it is; without one, the first line of data does.
  const lanciRow = grid.rows.findIndex((_, r) => r >= start && r < start + 12 && isLanciRow(grid, r));
  let dataStart = lanciRow >= 0 ? lanciRow + 1 : -1;
  for (let r = start; r < grid.rows.length && dataStart < 0; r++) {
    if (isDataLine(r) || /^(注|说明|备注)/u.test(lineTexts(grid, r)[0] ?? '')) dataStart = r;
  }
  if (dataStart < 0) dataStart = grid.rows.length;
  const headerEnd = lanciRow >= 0 ? lanciRow : dataStart;
  if (headerEnd <= start) return `工作表“${grid.name}”中没有找到表头（${addressOf(start, 0)} 起）`;
  const width = Math.max(...grid.rows.slice(start, headerEnd).map((row) => row.length));
  const paths = Array.from({ length: width }, (_, c) => {
    const path: string[] = [];
    for (let r = start; r < headerEnd; r++) {
      const label = words.canonical(text(grid.rows[r]?.[c]));
      if (label && !path.includes(label)) path.push(label);
    }
    return path;
  });
  return { start, dataStart, paths, lanciRow };
}
