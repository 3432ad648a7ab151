/**
 * Real files vary. Each test takes the 2024 sample .xlsx, changes it the way files found in the
 * wild differ, and checks that it still imports into the data of the published JSON.
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Workbook } from '../../shared/engine/workbook';
import { readXlsx } from '../../shared/io/xlsx/readXlsx';
import { parseAmount, toDecimalString } from '../../shared/money/money';
import { loadSample } from '../support/fixtures';

const SAMPLE = fileURLToPath(new URL('../fixtures/xlsx/final-2024-gaoxin.xlsx', import.meta.url));

async function variant(change: (book: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(readFileSync(SAMPLE) as unknown as ArrayBuffer);
  change(book);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

/** Every figure in canonical form, blank as null, optionally scaled from 元 back to 万元 for comparison. */
function figures(workbook: Workbook): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const table of workbook.toReport().tables) {
    for (const row of table.rows) {
      for (const [column, value] of Object.entries(row.values)) {
        const parsed =
          value === null ? null : parseAmount(value, { reportUnit: '万元', entryUnit: workbook.unit });
        const canonical =
          parsed?.ok && parsed.value !== null && parsed.value !== 0 ? toDecimalString(parsed.value) : null;
        out.set(`${table.id}|${row.code ?? row.role}|${column}`, canonical);
      }
    }
  }
  return out;
}

const expected = figures(Workbook.open(loadSample('final-2024-gaoxin')));

async function importsLikeTheSample(bytes: Uint8Array) {
  const imported = await readXlsx('variant.xlsx', bytes);
  expect(imported.unrecognized).toEqual([]);
  const workbook = Workbook.open(imported.report);
  expect(workbook.problems).toEqual([]);
  expect(figures(workbook)).toEqual(expected);
  return imported;
}

/** Cells below the header block holding an amount (numbers outside the 行次 columns). */
function figureCells(sheet: ExcelJS.Worksheet, from = 5): ExcelJS.Cell[] {
  const hangciColumns = new Set<number>();
  for (let r = 4; r <= 6; r++)
    sheet.getRow(r).eachCell((cell, c) => cell.value === '行次' && hangciColumns.add(c));
  const cells: ExcelJS.Cell[] = [];
  sheet.eachRow(
    (row, r) =>
      r >= from &&
      row.eachCell((cell, c) => typeof cell.value === 'number' && !hangciColumns.has(c) && cells.push(cell)),
  );
  return cells;
}

/** An amount in 元 from one in 万元, by moving the decimal point in its text. */
function inYuan(value: number): number {
  const parsed = parseAmount(String(value));
  if (!parsed.ok || parsed.value === null) throw new Error(`not an amount: ${value}`);
  return Number(toDecimalString(parsed.value * 10_000));
}

describe('an .xlsx that differs from the template the way real files do', () => {
  it('generic sheet names in another order', async () => {
    const bytes = await variant((book) => {
      book.worksheets.forEach((sheet, i) => {
        sheet.name = `Sheet${i + 1}`;
        (sheet as ExcelJS.Worksheet & { orderNo: number }).orderNo = 100 - i;
      });
    });
    const imported = await importsLikeTheSample(bytes);
    expect(imported.tables.find((t) => t.table === '公开05表')!.sheet).toBe('Sheet5');
  });

  it('neither table codes nor titles: recognised by the column headers', async () => {
    const bytes = await variant((book) => {
      book.worksheets.forEach((sheet, i) => {
        sheet.name = `表${i + 1}`;
        for (const r of [1, 2])
          sheet.getRow(r).eachCell((cell) => (cell.value = r === 1 ? `附表${i + 1}` : null));
      });
    });
    const imported = await importsLikeTheSample(bytes);
    expect(imported.tables.map((t) => t.sheet)).toEqual([
      '表1',
      '表2',
      '表3',
      '表4',
      '表5',
      '表6',
      '表7',
      '表8',
      '表9',
    ]);
  });

  it('blank and logo rows above the title', async () => {
    await importsLikeTheSample(
      await variant((book) => {
        for (const sheet of book.worksheets) sheet.spliceRows(1, 0, [], ['某市财政局 编制'], []);
      }),
    );
  });

  it('codes stored as numbers', async () => {
    await importsLikeTheSample(
      await variant((book) => {
        for (const sheet of book.worksheets) {
          sheet.eachRow((row) =>
            row.eachCell(
              (cell) =>
                typeof cell.value === 'string' &&
                /^\d{3,7}$/u.test(cell.value) &&
                (cell.value = Number(cell.value)),
            ),
          );
        }
      }),
    );
  });

  it('code and name in one cell', async () => {
    await importsLikeTheSample(
      await variant((book) => {
        const sheet = book.getWorksheet('一般公共预算财政拨款支出决算表')!;
        sheet.eachRow((row, r) => {
          const code = row.getCell(1).value;
          if (r > 6 && typeof code === 'string' && /^\d+$/u.test(code)) {
            row.getCell(1).value = `${code} ${String(row.getCell(2).value)}`;
            row.getCell(2).value = null;
          }
        });
      }),
    );
  });

  it('zeros left blank and amounts stored as text with separators', async () => {
    await importsLikeTheSample(
      await variant((book) => {
        for (const sheet of book.worksheets) {
          for (const cell of figureCells(sheet)) {
            const value = cell.value as number;
            cell.value = value === 0 ? null : value.toLocaleString('en-US', { minimumFractionDigits: 2 });
          }
        }
      }),
    );
  });

  it('amounts in 元', async () => {
    const imported = await importsLikeTheSample(
      await variant((book) => {
        for (const sheet of book.worksheets) {
          sheet.eachRow((row) =>
            row.eachCell(
              (cell) =>
                typeof cell.value === 'string' && cell.value.startsWith('单位') && (cell.value = '单位：元'),
            ),
          );
          for (const cell of figureCells(sheet)) cell.value = inYuan(cell.value as number);
        }
      }),
    );
    expect(imported.report.unit).toBe('元');
  });

  it('no 栏次 row', async () => {
    await importsLikeTheSample(
      await variant((book) => {
        for (const sheet of book.worksheets) {
          const lanciRows: number[] = [];
          sheet.eachRow((row, r) => {
            const texts = (row.values as unknown[])
              .filter((v) => v !== null && v !== undefined && v !== '')
              .map(String);
            if (texts.includes('栏次') || (texts.length > 1 && texts.every((t, i) => t === String(i + 1))))
              lanciRows.push(r);
          });
          for (const r of lanciRows.reverse()) sheet.spliceRows(r, 1);
        }
      }),
    );
  });

  it('totals as formulas with their cached results, and a formula without one reported', async () => {
    const bytes = await variant((book) => {
      const sheet = book.getWorksheet('一般公共预算财政拨款支出决算表')!;
      const total = sheet.getCell('C7');
      total.value = { formula: 'SUM(C8:C36)', result: total.value as number } as ExcelJS.CellFormulaValue;
      sheet.getCell('D7').value = { formula: 'SUM(D8:D36)' } as ExcelJS.CellFormulaValue;
    });
    const imported = await readXlsx('formulas.xlsx', bytes);
    expect(imported.problems).toEqual([
      '“一般公共预算财政拨款支出决算表”D7：公式没有保存计算结果，请在 Excel 中重新计算并保存后再打开',
    ]);
    const workbook = Workbook.open(imported.report);
    expect(workbook.cell({ table: '公开05表', row: '合计', column: 'subtotal' }).value).toBe('6519.14');
  });

  it('an unrecognised sheet is kept aside with a reason', async () => {
    const imported = await readXlsx(
      'extra.xlsx',
      await variant((book) => {
        book.addWorksheet('填报说明').getCell('A1').value = '请按要求填写';
      }),
    );
    expect(imported.unrecognized).toEqual([
      { sheet: '填报说明', reason: '没有找到能识别的表号、表名或表头' },
    ]);
    expect(imported.tables).toHaveLength(9);
  });
});
