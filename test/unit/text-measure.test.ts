/**
 * One measure of printed text serves the grid, the print and the publication workbook's row
 * heights: what a Chinese font draws a whole em wide is counted so everywhere.
 */
import { describe, expect, it } from 'vitest';
import { wrappedLines } from '../../shared/io/xlsx/textWidth';
import { textEm } from '../../shared/layout/measure';

describe('text measure', () => {
  it('counts ≤ ≥ × ① — as a whole em, as a Chinese font draws them, and figures by their digits', () => {
    expect(textEm('≤≥×①—')).toBe(5);
    expect(textEm('汉字')).toBe(2);
    expect(textEm('1,234.56')).toBeCloseTo(6 * 0.58 + 2 * 0.32);
  });

  it('wraps a workbook cell by the same measure', () => {
    // A column 20 digits wide holds some 9.4 em of an 11 pt text a line.
    const line = (text: string) => wrappedLines(text, 20, 11);
    expect(line('≤'.repeat(9))).toBe(1);
    expect(line('≤'.repeat(10))).toBe(2);
    expect(line('1'.repeat(16))).toBe(1);
    expect(line('1'.repeat(17))).toBe(2);
  });
});
