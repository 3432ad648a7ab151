/**
 * How a table's columns share the printed page, and at what font size. Figures and codes never
 * wrap (a wrapped or cut figure misleads), so their columns are as wide as their longest text;
 * names and other text wrap, between a narrowest and a widest measure; a header wraps into lines of
 * at least a few characters. The font is the publication's 9.5 pt, smaller where a table needs it
 * to fit the width of its page (the budget's 收入表 prints 22 columns of figures), never below 6 pt.
 */
import type { GridColumn } from './gridModel';
import { textEm } from './measure';

export const PRINT_FONT_PT = 9.5;
export const MIN_FONT_PT = 6;
const PX_PER_PT = 96 / 72;
/** A cell's left and right padding and its rules, in em of the table's font. */
const PADDING_EM = 0.9;
/** Indent of a 款 and a 项 name (the print view indents by these, in em). */
export const INDENT_EM: Record<string, number> = { 款: 1.2, 项: 2.2 };
/** A header wraps into lines of at least this many characters. */
const HEADER_LINE_EM = 4;
/** Wrapping text: never narrower than this, and no wider than needed or than its limit. */
const TEXT_MIN_EM = 6;
const TEXT_MAX_EM = { name: 16, prose: 28, other: 14 };

export interface PrintCell {
  text: string;
  level?: string | null;
  /** The text runs on into the next column (a label beside an empty cell): not this column's measure. */
  spans?: boolean;
}

export interface PrintFit {
  fontPt: number;
  /** Each column's share of the table width, summing to 1. */
  shares: number[];
}

/** Figures and codes, kept on one line. */
export function keepsOnOneLine(column: GridColumn): boolean {
  return (
    (column.kind === 'amount' && !column.prose) || column.code === true || column.colId.endsWith('hangci')
  );
}

/** `cells` holds the printed body by row, one cell per column. */
export function fitColumns(columns: GridColumn[], cells: PrintCell[][], pageWidthPx: number): PrintFit {
  const ranges = columns.map((column, c) => {
    const label = column.header[column.header.length - 1] ?? '';
    const header = Math.min(textEm(label), HEADER_LINE_EM);
    let longest = 0;
    for (const row of cells) {
      const cell = row[c];
      if (!cell || cell.spans || cell.text === '') continue;
      longest = Math.max(longest, textEm(cell.text) + (INDENT_EM[cell.level ?? ''] ?? 0));
    }
    if (keepsOnOneLine(column)) {
      const width = Math.max(longest, header) + PADDING_EM;
      return { least: width, most: width };
    }
    const limit = column.prose
      ? TEXT_MAX_EM.prose
      : column.colId.endsWith('name')
        ? TEXT_MAX_EM.name
        : TEXT_MAX_EM.other;
    return {
      least: Math.max(Math.min(longest, TEXT_MIN_EM), header) + PADDING_EM,
      most: Math.max(Math.min(longest, limit), header) + PADDING_EM,
    };
  });
  const least = ranges.reduce((sum, r) => sum + r.least, 0);
  const most = ranges.reduce((sum, r) => sum + r.most, 0);
  const fullEm = pageWidthPx / (PRINT_FONT_PT * PX_PER_PT);
  let widths: number[];
  let fontPt = PRINT_FONT_PT;
  if (most <= fullEm) {
    widths = ranges.map((r) => r.most);
  } else if (least <= fullEm) {
    // Wrapping columns give up width in proportion to what they would like beyond their least.
    const t = (fullEm - least) / (most - least);
    widths = ranges.map((r) => r.least + t * (r.most - r.least));
  } else {
    widths = ranges.map((r) => r.least);
    fontPt = Math.max(MIN_FONT_PT, Math.floor((10 * pageWidthPx) / (least * PX_PER_PT)) / 10);
  }
  const total = widths.reduce((sum, w) => sum + w, 0);
  return { fontPt, shares: widths.map((w) => w / total) };
}
