/**
 * A sheet as a plain grid of values, whatever it was read from (an .xlsx sheet today; a Word table
 * or a PDF page next): the recogniser works on this alone, never on a file format's objects.
 */

/**
 * A value a sheet holds that cannot be an amount, kept as the sheet shows it, with why: a date, an
 * error value (#REF!), a formula saved without its result. The cell is then flagged, never read as 0.
 */
export interface NotAmount {
  shown: string;
  reason: string;
}

/**
 * A cell: text, a number exactly as the sheet shows it (a spreadsheet's binary float is read at the
 * precision the sheet displays, so 2940.0500000000002 is 2940.05), empty, or a value that is not an amount.
 */
export type Cell = string | number | null | NotAmount;

/** Something the reader of the file wants the user to know about a cell (a figure read as its cell displays it). */
export interface CellNote {
  address: string;
  text: string;
  reason: string;
}

export interface Grid {
  /** The sheet's name (or the page's), for messages. */
  name: string;
  /** Rows of cells, 0-based; a merged cell repeats its value over the cells it covers. */
  rows: Cell[][];
  /** The merge each merged cell belongs to (its master's address), by "row,column" (0-based). */
  mergeOf: Map<string, string>;
  /** Addresses of formulas saved without their result (Excel did not calculate before saving). */
  formulasWithoutResult: string[];
  /** Notes on cells, shown to the user with the import (see CellNote). */
  notes?: CellNote[];
}

export const isNotAmount = (cell: Cell | undefined): cell is NotAmount =>
  typeof cell === 'object' && cell !== null;

export const text = (cell: Cell | undefined): string =>
  cell === null || cell === undefined ? '' : isNotAmount(cell) ? cell.shown.trim() : String(cell).trim();

/** A label compared without its spacing and with full-width parentheses, as headers are printed either way. */
export const squeeze = (s: string): string =>
  s.replace(/\s+/gu, '').replace(/\(/gu, '（').replace(/\)/gu, '）');

/** Spreadsheet column letters of a 0-based column index (0 → A, 27 → AB). */
export function columnLetters(col: number): string {
  let letters = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** The A1 address of grid cell (r, col), 0-based. */
export function addressOf(r: number, col: number): string {
  return `${columnLetters(col)}${r + 1}`;
}
