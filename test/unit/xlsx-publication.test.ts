import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Workbook } from '../../shared/engine/workbook';
import { writePublicationXlsx } from '../../shared/io/xlsx/publication';
import { loadSample } from '../support/fixtures';

const TABLE_IDS = [
  '公开01表',
  '公开02表',
  '公开03表',
  '公开04表',
  '公开05表',
  '公开06表',
  '公开07表',
  '公开08表',
  '公开09表',
];
const DEPARTMENT = '焦作高新技术产业开发区人力资源和社会保障局';

const open = () => Workbook.open(loadSample('final-2024-gaoxin'));

async function publish(workbook: Workbook, options?: { zeroAsBlank?: boolean }): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await writePublicationXlsx(workbook, options)).buffer as ArrayBuffer);
  return book;
}

const sheetOf = (book: ExcelJS.Workbook, id: string) => book.getWorksheet(id)!;
const columnLetter = (n: number) => String.fromCharCode(64 + n);

/** The first row at or below the header block whose cell in `col` holds `value`. */
function rowWith(sheet: ExcelJS.Worksheet, col: number, value: string): number {
  for (let row = 4; row <= sheet.rowCount; row++) if (sheet.getCell(row, col).value === value) return row;
  throw new Error(`${sheet.name}: no row with “${value}” in column ${col}`);
}

describe('publication xlsx of the 2024 sample', () => {
  const workbook = open();
  let book: ExcelJS.Workbook;
  beforeAll(async () => {
    book = await publish(workbook);
  });

  it('has the nine tables as sheets named by their codes, in order', () => {
    expect(book.worksheets.map((s) => s.name)).toEqual(TABLE_IDS);
  });

  it.each(TABLE_IDS)('%s prints the header block: title, code at the top right, 部门/年度/单位', (id) => {
    const sheet = sheetOf(book, id);
    const table = workbook.structure.tableById.get(id)!;
    const last = columnLetter(sheet.columnCount);
    const title = sheet.getCell('A1');
    expect(title.value).toBe(table.template.title);
    expect(sheet.model.merges).toContain(`A1:${last}1`);
    expect(title.alignment.horizontal).toBe('center');
    expect(title.font).toMatchObject({ bold: true, size: 16 });
    expect(sheet.getCell(`${last}2`).value).toBe(id);
    expect(sheet.getCell(`${last}2`).alignment.horizontal).toBe('right');

    const parts = sheet.getRow(3).values as unknown[];
    expect(parts.filter((v, i, all) => v !== undefined && all.indexOf(v) === i)).toEqual([
      `部门：${DEPARTMENT}`,
      '2024年度',
      '单位：万元',
    ]);
    expect(sheet.getCell('A3').alignment.horizontal).toBe('left');
    expect(sheet.getCell(`${last}3`).alignment.horizontal).toBe('right');
    // The 部门 area holds its name on one line at 11pt (a Chinese character 11pt wide, a column of
    // width w 7w + 5 px with exceljs's Calibri 11): the name is not cut off by the 年度 beside it.
    const span =
      sheet.model.merges
        .find((m) => m.startsWith('A3:'))!
        .split(':')[1]!
        .charCodeAt(0) - 64;
    const px = sheet.columns.slice(0, span).reduce((sum, c) => sum + 7 * c.width! + 5, 0);
    expect(px).toBeGreaterThanOrEqual([...`部门：${DEPARTMENT}`].length * 11 * (96 / 72));
  });

  it('公开05表: 项目 over code and name, 本年支出 over its three columns, then the 栏次 row', () => {
    const sheet = sheetOf(book, '公开05表');
    expect(sheet.model.merges).toEqual(expect.arrayContaining(['A4:B4', 'C4:E4']));
    expect(['A4', 'C4', 'A5', 'B5', 'C5', 'D5', 'E5'].map((a) => sheet.getCell(a).value)).toEqual([
      '项目',
      '本年支出',
      '功能分类科目编码',
      '科目名称',
      '小计',
      '基本支出',
      '项目支出',
    ]);
    expect(['A6', 'B6', 'C6', 'D6', 'E6'].map((a) => sheet.getCell(a).value)).toEqual([
      '栏次',
      null,
      '1',
      '2',
      '3',
    ]);
    expect(sheet.getCell('A7').value).toBe(null);
    expect(sheet.getCell('B7').value).toBe('合计');
  });

  it('公开09表: 预算数 and 决算数 groups, a leaf with fewer levels spanning down', () => {
    const sheet = sheetOf(book, '公开09表');
    expect(sheet.model.merges).toEqual(
      expect.arrayContaining(['A4:F4', 'G4:L4', 'A5:A6', 'C5:E5', 'I5:K5', 'L5:L6']),
    );
    expect(['A4', 'G4', 'A5', 'C5', 'C6', 'D6', 'E6'].map((a) => sheet.getCell(a).value)).toEqual([
      '预算数',
      '决算数',
      '合计',
      '公务用车购置及运行维护费',
      '小计',
      '公务用车购置费',
      '公务用车运行维护费',
    ]);
    expect(sheet.getCell('L7').value).toBe('12');
    expect(sheet.getCell('A8').value).toBe(9);
    expect(sheet.getCell('E8').value).toBe(7);
  });

  it('公开05表 2080505: code as text, name indented as a 项, amounts as formatted numbers', () => {
    const sheet = sheetOf(book, '公开05表');
    const row = rowWith(sheet, 1, '2080505');
    expect(sheet.getCell(row, 1).type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getCell(row, 2).value).toBe('机关事业单位基本养老保险缴费支出');
    expect(sheet.getCell(row, 2).alignment.indent).toBe(2);
    expect(sheet.getCell(rowWith(sheet, 1, '20805'), 2).alignment.indent).toBe(1);
    const basic = sheet.getCell(row, 4);
    expect(basic.value).toBe(32.43);
    expect(basic.numFmt).toBe('#,##0.00');
    expect(sheet.getCell(row, 3).value).toBe(32.42);
    expect(sheet.getCell(row, 5).value).toBe(0);
  });

  it('公开01表 puts 行51 on the 支出 side of the line whose 收入 side is 行次 21', () => {
    const sheet = sheetOf(book, '公开01表');
    const row = rowWith(sheet, 5, '51');
    expect(sheet.getCell(row, 2).value).toBe('21');
    expect(sheet.getCell(row, 4).value).toBe('二十一、国有资本经营预算支出');
    expect(sheet.getCell(row, 6).value).toBe(0.9);
    expect(sheet.getCell(row, 6).numFmt).toBe('#,##0.00');
    expect(sheet.getCell(row, 3).value).toBe(null);
  });

  it('公开06表 line 34 holds 人员经费合计 and 公用经费合计 across code and name', () => {
    const sheet = sheetOf(book, '公开06表');
    const row = rowWith(sheet, 1, '人员经费合计');
    expect(row).toBe(4 + 34);
    expect(sheet.getCell(row, 3).value).toBe(463.57);
    expect(sheet.getCell(row, 7).value).toBe('公用经费合计');
    expect(sheet.getCell(row, 9).value).toBe(58.75);
    expect(sheet.model.merges).toEqual(expect.arrayContaining([`A${row}:B${row}`, `G${row}:H${row}`]));
  });

  it('prints every figure the workbook holds, computed ones too', () => {
    const sheet = sheetOf(book, '公开05表');
    const total = workbook.cell({ table: '公开05表', row: '合计', column: 'subtotal' });
    expect(total.computed).toBe(true);
    expect(sheet.getCell(rowWith(sheet, 2, '合计'), 3).value).toBe(Number(total.value));
  });

  it('puts the 注 under the grid, and the 说明 only under a table without data', () => {
    const note = (id: string) => workbook.structure.tableById.get(id)!.template;
    for (const id of ['公开05表', '公开07表', '公开08表']) {
      const sheet = sheetOf(book, id);
      const row = rowWith(sheet, 1, note(id).note!);
      expect(sheet.getCell(row - 1, 1).border.bottom?.style).toBe('thin');
      expect(sheet.getCell(row, 1).border).toEqual({});
      expect(sheet.model.merges).toContain(`A${row}:${columnLetter(sheet.columnCount)}${row}`);
      expect(sheet.getCell(row + 1, 1).value).toBe(id === '公开07表' ? note(id).emptyExplanation : null);
    }
    const sheet = sheetOf(book, '公开09表');
    // Two lines, each as tall as Noto CJK's (LibreOffice's 宋体 where 宋体 is missing: 1.45 times the size).
    const height = sheet.getRow(rowWith(sheet, 1, note('公开09表').note!)).height;
    expect(height).toBeGreaterThanOrEqual(2 * 11 * 1.45);
    expect(height).toBeLessThan(3 * 11 * 1.2);
  });

  it('uses 宋体 11pt, thin borders over the grid and widths that suit names and amounts', () => {
    const sheet = sheetOf(book, '公开05表');
    const row = rowWith(sheet, 1, '2080505');
    for (const address of ['A3', 'C5', `B${row}`, `D${row}`])
      expect(sheet.getCell(address).font).toMatchObject({ name: '宋体', size: 11 });
    for (const address of ['A4', 'B4', 'E6', `E${row}`])
      expect(sheet.getCell(address).border).toMatchObject({
        top: { style: 'thin' },
        bottom: { style: 'thin' },
        left: { style: 'thin' },
        right: { style: 'thin' },
      });
    expect(sheet.getColumn(2).width).toBeGreaterThanOrEqual(30);
    expect(sheet.getColumn(2).width).toBeLessThanOrEqual(40);
    expect(sheet.getColumn(4).width).toBe(14);
    for (const each of book.worksheets)
      expect(
        each.columns.map((c) => c.width ?? 0).filter((w) => w < 6),
        each.name,
      ).toEqual([]);
  });

  it.each(TABLE_IDS)(
    '%s prints on A4 (the narrow 05 and 08 portrait), one page wide and one long as published, with the header on every page',
    (id) => {
      const sheet = sheetOf(book, id);
      const titleRows: Record<string, string> = { 公开05表: '1:6', 公开06表: '1:4', 公开09表: '1:7' };
      expect(sheet.pageSetup.printTitlesRow).toBe(titleRows[id] ?? '1:6');
      const orientation = id === '公开05表' || id === '公开08表' ? 'portrait' : 'landscape';
      expect(sheet.pageSetup).toMatchObject({
        paperSize: 9,
        orientation,
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 1,
        horizontalCentered: true,
      });
      expect(sheet.pageSetup.margins).toMatchObject({ left: 0.5, right: 0.5 });
      expect(sheet.headerFooter.oddFooter).toBe('&C第 &P 页 共 &N 页');
    },
  );

  it('writes test-results/publication-2024.xlsx to look at', async () => {
    const path = 'test-results/publication-2024.xlsx';
    mkdirSync('test-results', { recursive: true });
    writeFileSync(path, await writePublicationXlsx(workbook));
    const again = new ExcelJS.Workbook();
    await again.xlsx.load(readFileSync(path).buffer as ArrayBuffer);
    expect(again.worksheets).toHaveLength(9);
  });
});

describe('tables longer than a page', () => {
  it('a table a little too long for its page prints on one, a long one on as many pages as it takes', async () => {
    // 公开01表 of 2023 left 4 lines and its 注 alone on a second page; the budget's 06, 07 and 15
    // (58 to 68 lines) would be too small to read on one.
    const final = await publish(Workbook.open(loadSample('final-2023-jiefang')));
    expect(sheetOf(final, '公开01表').pageSetup.fitToHeight).toBe(1);
    const budget = await publish(Workbook.open(loadSample('budget-2025-jiaozuo')));
    for (const id of ['预算06表', '预算07表', '预算15表']) {
      const sheet = sheetOf(budget, id);
      expect(sheet.rowCount, id).toBeGreaterThan(55);
      expect(sheet.pageSetup, id).toMatchObject({ fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    }
  });
});

describe('a 绩效 table', () => {
  it('wraps its sentences within their column, each row tall enough for its lines', async () => {
    const book = await publish(Workbook.open(loadSample('budget-2025-jiaozuo')));
    const sheet = sheetOf(book, '预算15表');
    let wrapped = 0;
    sheet.eachRow((row, r) =>
      row.eachCell((cell) => {
        const text = typeof cell.value === 'string' ? cell.value : '';
        const width = sheet.getColumn(cell.col).width!;
        // A Chinese character of 11pt is 14.7 px, a digit at least half that; a column of width w is 7w + 5 px.
        const ems = [...text].reduce((sum, ch) => sum + (ch.codePointAt(0)! > 0xff ? 1 : 0.5), 0);
        const lines = Math.ceil((ems * 11 * (96 / 72)) / (7 * width + 5));
        if (r <= 6 || lines < 3 || sheet.getCell(r, cell.col).isMerged) return;
        wrapped++;
        expect(cell.alignment.wrapText, cell.address).toBe(true);
        expect(row.height, cell.address).toBeGreaterThanOrEqual(Math.min(409, lines * 11 * 1.45));
      }),
    );
    expect(wrapped).toBeGreaterThan(5);
  });
});

describe('publication options and odd cells', () => {
  it('zeroAsBlank leaves zero cells empty and keeps the others', async () => {
    const book = await publish(open(), { zeroAsBlank: true });
    const sheet = sheetOf(book, '公开05表');
    const row = rowWith(sheet, 1, '2080505');
    expect(sheet.getCell(row, 5).value).toBe(null);
    expect(sheet.getCell(row, 4).value).toBe(32.43);
    const zeros = sheetOf(book, '公开09表').getRow(8).values as unknown[];
    expect(zeros.filter((v) => v === 0)).toEqual([]);
    expect(zeros.filter((v) => v !== undefined && v !== null)).toEqual([9, 7, 7, 2]);
  });

  it('prints the 说明 once a table is down to its 合计 row, not while it still lists 科目 at zero', async () => {
    const workbook = open();
    const explanation = workbook.structure.tableById.get('公开08表')!.template.emptyExplanation!;
    workbook.setMany(
      ['total', 'basic', 'project'].map((column) => ({
        ref: { table: '公开08表', row: '2230105', column },
        text: '0',
      })),
    );
    expect(workbook.cell({ table: '公开08表', row: '合计', column: 'total' }).value).toBe('0.00');
    const zeros = sheetOf(await publish(workbook), '公开08表');
    expect(() => rowWith(zeros, 1, explanation)).toThrow();
    workbook.removeRow('公开08表', '223');
    const empty = sheetOf(await publish(workbook), '公开08表');
    expect(rowWith(empty, 1, explanation)).toBe(
      rowWith(empty, 1, workbook.structure.tableById.get('公开08表')!.template.note!) + 1,
    );
  });

  it('prints the text of a cell that is not an amount', async () => {
    const workbook = open();
    workbook.set({ table: '公开05表', row: '2080505', column: 'project' }, '待核实');
    const sheet = sheetOf(await publish(workbook), '公开05表');
    expect(sheet.getCell(rowWith(sheet, 1, '2080505'), 5).value).toBe('待核实');
  });
});
