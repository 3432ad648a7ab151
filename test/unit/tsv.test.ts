import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatTsv, parseTsv } from '../../shared/io/tsv';

describe('TSV from Excel and WPS', () => {
  it('reads a block copied from Excel (CRLF, trailing newline)', () => {
    expect(parseTsv('1,234.56\t7.00\r\n\t(3.00)\r\n')).toEqual([
      ['1,234.56', '7.00'],
      ['', '(3.00)'],
    ]);
  });

  it('reads quoted cells holding tabs, newlines and doubled quotes', () => {
    expect(parseTsv('"a\tb"\t"line1\nline2"\n"say ""hi"""\tx\n')).toEqual([
      ['a\tb', 'line1\nline2'],
      ['say "hi"', 'x'],
    ]);
  });

  it('keeps a quote inside an unquoted cell as it is', () => {
    expect(parseTsv('12"3\t4')).toEqual([['12"3', '4']]);
  });

  it('reads a single cell without newline and an empty clipboard', () => {
    expect(parseTsv('32.42')).toEqual([['32.42']]);
    expect(parseTsv('')).toEqual([]);
  });

  it('round-trips any block', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', '1', '.', ',', '\t', '\n', '\r\n', '"', ' ', '万') });
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }),
        (rows) => {
          const width = rows[0]!.length;
          const block = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
          // A block whose every cell is empty in a single column is an empty line: not representable.
          fc.pre(block.some((r) => r.length > 1 || r[0] !== ''));
          expect(parseTsv(formatTsv(block))).toEqual(block);
        },
      ),
    );
  });
});
