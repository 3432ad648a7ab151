/** How a table's rows are dealt onto printed pages from their measured heights. */
import { describe, expect, it } from 'vitest';
import { dealRows } from '../../shared/layout/pages';

const table = (rows: number[], note = 0) => ({ head: 100, foot: 20, note, rows });

describe('dealRows', () => {
  it('keeps a table that fits on one page', () => {
    expect(dealRows(table([30, 30, 30]), 300)).toEqual([{ start: 0, end: 3 }]);
  });

  it('fills each page under the repeated header before starting the next', () => {
    // 300 − 120 leaves 180: six rows of 30 per page.
    expect(dealRows(table(Array(14).fill(30)), 300)).toEqual([
      { start: 0, end: 6 },
      { start: 6, end: 12 },
      { start: 12, end: 14 },
    ]);
  });

  it('moves the last row to the next page when the 注 would not fit after it', () => {
    expect(dealRows(table(Array(6).fill(30), 40), 300)).toEqual([
      { start: 0, end: 5 },
      { start: 5, end: 6 },
    ]);
  });

  it('prints a row taller than a page on a page of its own', () => {
    expect(dealRows(table([30, 500, 30]), 300)).toEqual([
      { start: 0, end: 1 },
      { start: 1, end: 2 },
      { start: 2, end: 3 },
    ]);
  });
});
