/** How a table's rows are dealt onto printed pages from their measured heights, and in what font. */
import { describe, expect, it } from 'vitest';
import { dealRows, fittedFont, scaledFont, scaledTable } from '../../shared/layout/pages';

// A page of 300 with a 60 title block, a 40 column header and a 20 footer leaves 180 for rows.
const table = (rows: number[], note = 0) => ({ head: 60, header: 40, foot: 20, note, rows });

describe('dealRows', () => {
  it('keeps a table that fits on one page', () => {
    expect(dealRows(table([30, 30, 30]), 300)).toEqual([{ start: 0, end: 3 }]);
  });

  it('fills each page under the repeated header before starting the next', () => {
    // Six rows of 30 per page.
    expect(dealRows(table(Array(14).fill(30)), 300)).toEqual([
      { start: 0, end: 6 },
      { start: 6, end: 12 },
      { start: 12, end: 14 },
    ]);
  });

  it('never leaves a last page with less than a quarter of a page of rows: it takes rows from the page before', () => {
    // 6 + 6 + 1 would leave one row (30 of 180) alone; 45 is a quarter.
    expect(dealRows(table(Array(13).fill(30)), 300)).toEqual([
      { start: 0, end: 6 },
      { start: 6, end: 11 },
      { start: 11, end: 13 },
    ]);
  });

  it('moves rows to the last page when the 注 would not fit after them', () => {
    // Six rows fit but not with the 注; the one row moved is joined by another (a quarter of 140 is 35).
    expect(dealRows(table(Array(6).fill(30), 40), 300)).toEqual([
      { start: 0, end: 4 },
      { start: 4, end: 6 },
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

describe('the font a table prints in', () => {
  it('scales text and paddings, not the 1 px rules', () => {
    expect(scaledTable(table([31, 11]), 0.5)).toMatchObject({ head: 60, header: 20.5, rows: [16, 6] });
  });

  it('keeps the width-fitted font of a table that fits its page', () => {
    expect(fittedFont(table(Array(6).fill(30)), 9.5, 300, 'width')).toBe(9.5);
    expect(fittedFont(table(Array(6).fill(30)), 9.5, 300, 'page')).toBe(9.5);
  });

  it('prints a table a step smaller on one page when it overflows its page by a little', () => {
    // Seven rows of 30 and a header of 40 need 250 where 220 is left: at 8 pt (of 9.5) they take 211.
    expect(fittedFont(table(Array(7).fill(30)), 9.5, 300, 'width')).toBe(8);
  });

  it('适应页宽 keeps the font of a long table, 适应一页 shrinks it as far as the least font', () => {
    const long = table(Array(9).fill(30));
    expect(fittedFont(long, 9.5, 300, 'width')).toBe(9.5);
    // Nine rows and the header need 310 at 9.5 pt: 220 of it at 6.5 pt.
    expect(fittedFont(long, 9.5, 300, 'page')).toBe(6.5);
    expect(fittedFont(table(Array(40).fill(30)), 9.5, 300, 'page')).toBe(6);
  });

  it('prints a percentage of the width-fitted font, never below 6 pt', () => {
    expect(scaledFont(9.5, 0.8)).toBe(7.6);
    expect(scaledFont(7, 0.8)).toBe(6);
    expect(scaledFont(9.5, 1)).toBe(9.5);
  });
});
