/**
 * Saving into the file the user opened: the changed figure changes, and every other value, style,
 * merge, width and print setting is unchanged.
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Workbook } from '../../shared/engine/workbook';
import { readXlsx } from '../../shared/io/xlsx/readXlsx';
import { saveIntoXlsx } from '../../shared/io/xlsx/saveXlsx';
import { readReportJson, writeReportJson } from '../../shared/io/reportJson';

const NAME = 'final-2024-gaoxin.xlsx';
const original = new Uint8Array(
  readFileSync(fileURLToPath(new URL(`../fixtures/xlsx/${NAME}`, import.meta.url))),
);

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return book;
}

/** Everything about a workbook that a save must keep, cell by cell. */
function describeBook(book: ExcelJS.Workbook): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const sheet of book.worksheets) {
    out.set(`${sheet.name}|merges`, [...((sheet.model as { merges?: string[] }).merges ?? [])].sort());
    out.set(
      `${sheet.name}|widths`,
      sheet.columns.map((c) => c.width),
    );
    out.set(`${sheet.name}|page`, { ...sheet.pageSetup });
    out.set(
      `${sheet.name}|heights`,
      sheet.getRows(1, sheet.rowCount)?.map((r) => r.height),
    );
    sheet.eachRow({ includeEmpty: true }, (row) =>
      row.eachCell({ includeEmpty: true }, (cell) => {
        out.set(`${sheet.name}!${cell.address}|value`, cell.value);
        out.set(`${sheet.name}!${cell.address}|style`, JSON.stringify(cell.style));
      }),
    );
  }
  return out;
}

describe('saving into the opened .xlsx', () => {
  it('changes the edited figure and its totals, and nothing else', async () => {
    const workbook = Workbook.open((await readXlsx(NAME, original)).report);
    workbook.set({ table: '公开01表', row: '国有资本经营预算支出', column: 'expenseAmount' }, '2.23');
    const saved = await saveIntoXlsx(original, workbook);
    expect(saved.unplaced).toEqual([]);

    const before = describeBook(await load(original));
    const after = describeBook(await load(saved.bytes));
    const changed = [...after.keys()].filter(
      (k) => JSON.stringify(after.get(k)) !== JSON.stringify(before.get(k)),
    );
    // 行51 is cell F27 of the first sheet (line 21, 支出 金额 in column F).
    expect(changed).toEqual(['收入支出决算总表!F27|value']);
    expect(after.get('收入支出决算总表!F27|value')).toBe(2.23);
    expect(saved.written).toBe(1);

    const reopened = Workbook.open((await readXlsx(NAME, saved.bytes)).report);
    expect(
      reopened
        .findings()
        .filter((f) => f.severity === 'error')
        .map((f) => f.ruleId)
        .sort(),
    ).toEqual(['A02', 'A04']);
  });

  it('writes text that is not a number as text, and reports figures of rows the file does not have', async () => {
    const workbook = Workbook.open((await readXlsx(NAME, original)).report);
    workbook.set({ table: '公开05表', row: '2080101', column: 'basic' }, '五十八');
    workbook.addRow('公开05表', '2130101', '行政运行', { '213': '农林水支出', '21301': '农业农村' });
    workbook.set({ table: '公开05表', row: '2130101', column: 'project' }, '5');
    const saved = await saveIntoXlsx(original, workbook);
    const sheet = (await load(saved.bytes)).getWorksheet('一般公共预算财政拨款支出决算表')!;
    const row = sheet.getRows(1, sheet.rowCount)!.find((r) => r.getCell(1).value === '2080101')!;
    expect(row.getCell(4).value).toBe('五十八');
    expect(saved.unplaced).toEqual(
      expect.arrayContaining(['公开05表 2130101 在原文件中没有对应的行，未写入']),
    );
  });
});

describe('where figures go back to', () => {
  it('is kept with the report: a report recovered from its snapshot saves its edits into the cells they were read from', async () => {
    const opened = Workbook.open((await readXlsx(NAME, original)).report);
    opened.set({ table: '公开01表', row: '国有资本经营预算支出', column: 'expenseAmount' }, '2.23');
    const snapshot = readReportJson('snapshot.json', writeReportJson(opened.toReport()));
    const saved = await saveIntoXlsx(original, Workbook.open(snapshot));
    expect(saved.written).toBe(1);
    expect((await load(saved.bytes)).getWorksheet('收入支出决算总表')!.getCell('F27').value).toBe(2.23);
  });

  it('stays with each figure when rows are added before it', async () => {
    const workbook = Workbook.open((await readXlsx(NAME, original)).report);
    workbook.addRow('公开05表', '2010101', '行政运行', { '201': '一般公共服务支出', '20101': '人大事务' });
    const before = (await load(original)).getWorksheet('一般公共预算财政拨款支出决算表')!;
    const address = before
      .getRows(1, before.rowCount)!
      .find((r) => r.getCell(1).value === '2080102')!
      .getCell(4).address;
    workbook.set({ table: '公开05表', row: '2080102', column: 'basic' }, '1.5');
    const saved = await saveIntoXlsx(original, workbook);
    expect(
      (await load(saved.bytes)).getWorksheet('一般公共预算财政拨款支出决算表')!.getCell(address).value,
    ).toBe(1.5);
  });
});
