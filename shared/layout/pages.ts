/**
 * Dealing a table's rows onto printed pages, from the heights the print view measured, and the
 * font a table prints in. As many rows as fit under the repeated header and above the page
 * footer, the 注 with the last rows; a last page never holds only a table's last few rows (its
 * totals, alone, read as a table of their own): it takes rows from the page before. A table that
 * overflows its page by a little prints a step smaller, on one page, rather than on two.
 */
import { MIN_FONT_PT } from './printFit';

export interface MeasuredTable {
  /** The title and the lines under it (部门, 年度, 单位): printed at their own size whatever the table's. */
  head: number;
  /** The column header, repeated on every page: in the table's font. */
  header: number;
  foot: number;
  note: number;
  /** Each body row, in the table's font. */
  rows: number[];
}

export interface PageRange {
  start: number;
  end: number;
}

/** A last page holds at least this share of a page's room for rows (or the whole table). */
const LEAST_LAST_PAGE = 1 / 4;

export function dealRows(table: MeasuredTable, pageHeight: number): PageRange[] {
  const { head, header, foot, note, rows } = table;
  const room = pageHeight - head - header - foot;
  const pages: PageRange[] = [];
  // Every table has at least one row (合计, or 09's single row), so every table gets a page.
  let start = 0;
  do {
    let used = 0;
    let end = start;
    while (end < rows.length && used + rows[end]! <= room) used += rows[end++]!;
    if (end === start) end = start + 1; // a row taller than a page still prints, on a page of its own
    // The 注 goes with the last rows; if it does not fit, the last row moves to a page with it.
    if (end === rows.length && used + note > room && end - start > 1) end--;
    pages.push({ start, end });
    start = end;
  } while (start < rows.length);
  keepLastRowsCompany(pages, rows, room - note);
  return pages;
}

/** Pulls rows from the next-to-last page onto the last until it holds a quarter of a page. */
function keepLastRowsCompany(pages: PageRange[], rows: number[], room: number): void {
  if (pages.length < 2) return;
  const last = pages.at(-1)!;
  const before = pages.at(-2)!;
  const sum = (from: number, to: number) => rows.slice(from, to).reduce((a, b) => a + b, 0);
  let height = sum(last.start, last.end);
  while (
    height < LEAST_LAST_PAGE * room &&
    before.end - before.start > 1 &&
    height + rows[last.start - 1]! <= room
  ) {
    last.start--;
    before.end--;
    height += rows[last.start]!;
  }
}

/**
 * 缩放: 适应页宽 prints each table in the font that fits its columns to the page width, a step
 * smaller where that puts it on one page instead of two; 适应一页 shrinks a table as far as needed
 * to put it on one page; a percentage prints every table at that share of its width-fitted font.
 */
export type PrintScale = 'width' | 'page' | number;

/** Steps a table shrinks by, and how far: 适应页宽 to 70 % of its font, 适应一页 to the least legible. */
const FONT_STEP_PT = 0.5;
export const LEAST_AUTO_SHARE = 0.7;
/** The 0.75 pt rule under each row (1 px) keeps its width in any font. */
const RULE_PX = 1;

/** A table's heights in another font: text, paddings and line heights scale, rules do not. */
export function scaledTable(table: MeasuredTable, factor: number): MeasuredTable {
  const scale = (h: number) => RULE_PX + factor * (h - RULE_PX);
  return { ...table, header: scale(table.header), rows: table.rows.map(scale) };
}

/** A percentage: every table at that share of its width-fitted font, in tenths of a point. */
export function scaledFont(fontPt: number, share: number): number {
  return Math.max(MIN_FONT_PT, Math.min(fontPt, Math.round(fontPt * share * 10) / 10));
}

/**
 * 适应页宽 and 适应一页: the font a table prints in, from its heights measured in `fontPt` (its
 * width-fitted font). Fonts are taken in half-point steps; a smaller font never wraps a cell onto
 * more lines (the columns keep their widths), so a table found to fit here fits when printed.
 */
export function fittedFont(
  table: MeasuredTable,
  fontPt: number,
  pageHeight: number,
  scale: 'width' | 'page',
): number {
  if (dealRows(table, pageHeight).length === 1) return fontPt;
  const least = Math.max(MIN_FONT_PT, scale === 'width' ? fontPt * LEAST_AUTO_SHARE : 0);
  for (let font = Math.ceil(fontPt / FONT_STEP_PT - 1) * FONT_STEP_PT; font >= least; font -= FONT_STEP_PT)
    if (dealRows(scaledTable(table, font / fontPt), pageHeight).length === 1) return font;
  // Too long for one page even at the least font: 适应页宽 keeps the font, 适应一页 uses the least.
  return scale === 'width' ? fontPt : least;
}
