/**
 * A sheet as a plain grid of values, whatever it was read from (an .xlsx sheet today; a Word table
 * or a PDF page next): the recogniser works on this alone, never on a file format's objects.
 */

export type Cell = string | number | null;

export interface Grid {
  /** The sheet's name (or the page's), for messages. */
  name: string;
  /** Rows of cells, 0-based; a merged cell repeats its value over the cells it covers. */
  rows: Cell[][];
  /** The merge each merged cell belongs to (its master's address), by "row,column" (0-based). */
  mergeOf: Map<string, string>;
  /** Addresses of formulas saved without their result (Excel did not calculate before saving). */
  formulasWithoutResult: string[];
}

export const text = (cell: Cell | undefined): string => (cell === null || cell === undefined ? '' : String(cell).trim());

/** A label compared without its spacing and with full-width parentheses, as headers are printed either way. */
export const squeeze = (s: string): string => s.replace(/\s+/gu, '').replace(/\(/gu, '（').replace(/\)/gu, '）');

/** Spreadsheet column letters of a 0-based column index (0 → A, 27 → AB). */
export function columnLetters(col: number): string {
  let letters = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** The A1 address of grid cell (r, col), 0-based. */
export function addressOf(r: number, col: number): string {
  return `${columnLetters(col)}${r + 1}`;
}
