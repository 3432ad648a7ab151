import { textEm } from '../../layout/measure';

/** Width of text in characters of a sheet's default font, for column widths and row heights: a Chinese character takes two. */
export function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += ch.codePointAt(0)! > 0xff ? 2 : 1;
  return width;
}

/**
 * Column widths count the default font's digit: exceljs always writes Calibri 11 as that font, a
 * 7 px digit at 96 dpi, and a column of width w is 7w + 5 px wide (Excel, WPS, LibreOffice alike,
 * with Calibri or its metric twin Carlito installed; LibreOffice without either measures in another
 * font and makes every column about a third wider).
 */
export const DIGIT_PX = 7;
export const COLUMN_PADDING_PX = 5;
export const columnPx = (width: number) => width * DIGIT_PX + COLUMN_PADDING_PX;
const PX_PER_PT = 96 / 72;
/** Part of a line that wrapped text fills: lines break before a figure rather than in it, and no line starts with “，”. */
const LINE_FILL = 0.95;

/** Lines that text in a `fontPt` Chinese font takes when wrapped in a column of `width` default-font digits. */
export function wrappedLines(text: string, width: number, fontPt: number): number {
  const ems = textEm(text);
  const emsPerLine = (columnPx(width) * LINE_FILL) / (fontPt * PX_PER_PT);
  return Math.max(1, Math.ceil(ems / emsPerLine));
}

/**
 * Points per line: one and a half times the font size, since a machine without 宋体 shows the text
 * in a Chinese font with taller lines (Noto CJK: 1.45 times its size; 宋体: 1.2) and a row too short
 * for its lines cuts the last one off.
 */
const LINE_SPACING = 1.5;
/** Excel keeps no row taller: a longer text (some thousand characters in one cell) shows only in part there. */
const MAX_ROW_PT = 409;

/** Points of row that text wrapped in a column takes, with `gap` points below it. */
export function wrappedHeight(text: string, width: number, fontPt: number, gap = 0): number {
  return Math.min(MAX_ROW_PT, wrappedLines(text, width, fontPt) * fontPt * LINE_SPACING + gap);
}
