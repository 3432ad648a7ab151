import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { Workbook } from '../../shared/engine/workbook';
import type { SupplementaryValues } from '../../shared/model/report';
import { writePublicationXlsx } from '../../shared/io/xlsx/publication';
import { readXlsx } from '../../shared/io/xlsx/readXlsx';
import { saveIntoXlsx } from '../../shared/io/xlsx/saveXlsx';
import { carryOver } from '../../shared/narrative/carry';
import { narrativeSetFor } from '../../shared/narrative/definitions';
import { narrativeFromPlainText } from '../../shared/narrative/text';
import { narrativeText } from '../support/narrative';
import { loadSample } from '../support/fixtures';

const SUPPLEMENTARY: SupplementaryValues = {
  机关运行经费: '12.50',
  出国团组: '0',
  '项年初预算[2080101]': '100.00',
  自评项目: [
    { 名称: '劳动保障监察、仲裁工作专项', 自评得分: '95', 全年预算数: '10.00', 执行数: '9.80', 说明: '' },
    { 名称: '就业补助' },
  ],
};
const REASONS = { 'E06.增减': '人员增加，基本支出相应增加' };

function withNarrative(): Workbook {
  const workbook = Workbook.open(loadSample('final-2023-jiefang'));
  workbook.setNarrative(narrativeFromPlainText(narrativeText('final-2023-jiefang')), SUPPLEMENTARY);
  workbook.setReasons(REASONS);
  return workbook;
}

describe('the publication workbook keeps the 情况说明', () => {
  it('reads back the text, the 补充信息 and the reasons exactly, and the tables as before', async () => {
    const workbook = withNarrative();
    const read = await readXlsx('公开表.xlsx', await writePublicationXlsx(workbook));
    expect(read.report.narrative).toEqual(workbook.toReport().narrative);
    expect(read.unrecognized).toEqual([]);
    expect(read.tables.map((t) => t.table)).toEqual(workbook.structure.tables.map((t) => t.id));
    expect(read.report.year).toBe(2023);
    const reopened = Workbook.open(read.report);
    expect(reopened.narrativeText?.text).toBe(workbook.narrativeText!.text);
    expect(reopened.supplementary).toEqual(SUPPLEMENTARY);
    expect(reopened.reasons).toEqual(REASONS);
  });

  it('writes the text one paragraph a row with the titles bold, and labels the 补充信息', async () => {
    const workbook = withNarrative();
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await writePublicationXlsx(workbook)).buffer as ArrayBuffer);
    const text = book.getWorksheet('情况说明')!;
    const paragraphs = workbook.narrativeText!.paragraphs;
    expect(text.rowCount).toBe(paragraphs.length);
    const first = workbook.narrativeText!.text.slice(paragraphs[1]!.start, paragraphs[1]!.end);
    expect(text.getCell(2, 1).value).toBe(first);
    const bold = text.getColumn(1).values.filter((_, r) => text.getCell(r, 1).font?.bold).length;
    expect(bold).toBeGreaterThan(10);
    expect(bold).toBeLessThan(paragraphs.length / 2);
    const fields = book.getWorksheet('补充信息')!;
    expect(fields.getRow(1).values).toEqual([undefined, '类别', '键', '项目', '值']);
    const labels = fields.getColumn(3).values;
    expect(labels).toContain(`${labelOf('自评项目')}第 1 项执行数`);
  });

  it('writes a title glued to its text bold and reads the paragraph back as one text (the budget sample)', async () => {
    const workbook = Workbook.open(loadSample('budget-2025-jiaozuo'));
    workbook.setNarrative(narrativeFromPlainText(narrativeText('budget-2025-jiaozuo')), {});
    const bytes = await writePublicationXlsx(workbook);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes.buffer as ArrayBuffer);
    const row = book
      .getWorksheet('情况说明')!
      .getColumn(1)
      .values.findIndex((v) => typeof v === 'object' && v !== null && 'richText' in v);
    const runs = (book.getWorksheet('情况说明')!.getCell(row, 1).value as ExcelJS.CellRichTextValue).richText;
    expect(runs.map((r) => r.font?.bold === true)).toEqual([true, false]);
    expect(runs[0]!.text).toBe('一、收入支出预算总体情况说明');
    const read = await readXlsx('预算公开表.xlsx', bytes);
    expect(read.report.narrative?.text).toBe(workbook.narrativeText!.text);
  });

  it('writes no 情况说明 sheets for a report without one', async () => {
    const workbook = Workbook.open(loadSample('final-2023-jiefang'));
    const read = await readXlsx('公开表.xlsx', await writePublicationXlsx(workbook));
    expect(read.report.narrative).toBeUndefined();
  });

  it('gives next year its 补充信息 from this workbook, as from the report file', async () => {
    const workbook = withNarrative();
    const read = await readXlsx('公开表.xlsx', await writePublicationXlsx(workbook));
    const set = narrativeSetFor(['final-2023'])!;
    const fromXlsx = carryOver(read.report, set);
    expect(fromXlsx).toEqual(carryOver(workbook.toReport(), set));
    expect(fromXlsx.values['上年机关运行经费']).toBe('12.50');
  });
});

/** What a sheet needs to print on A4 portrait, worked out here from the page, not from the writer's constants. */
const PX_PER_PT = 96 / 72;
const columnPx = (width: number) => width * 7 + 5; // Calibri 11, exceljs's default font: a 7 px digit
function printableWidthPx(sheet: ExcelJS.Worksheet): number {
  const { left, right } = sheet.pageSetup.margins!;
  return (210 / 25.4 - left - right) * 96;
}
/** Lines a text takes in a column, at `fontPt`, even in the widest Chinese font (digits 0.55 em). */
function leastLines(text: string, px: number, fontPt: number): number {
  let ems = 0;
  for (const ch of text) ems += ch.codePointAt(0)! > 0xff ? 1 : 0.55;
  return Math.ceil((ems * fontPt * PX_PER_PT) / px);
}
/** Noto CJK, which LibreOffice shows where 宋体 is missing, takes 1.45 times its size a line. */
const TALLEST_LINE = 1.45;

describe('the 情况说明 sheets print on A4 portrait as a finance officer hands them over', () => {
  async function written(): Promise<ExcelJS.Workbook> {
    const workbook = withNarrative();
    workbook.setNarrative(workbook.narrativeText!, {
      ...SUPPLEMENTARY,
      自评项目: [
        {
          名称: '就业补助',
          说明: '项目按计划完成，个别支出因政策调整延后至下一年度执行，已在绩效自评报告中说明原因。',
        },
      ],
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await writePublicationXlsx(workbook)).buffer as ArrayBuffer);
    return book;
  }

  it.each(['情况说明', '补充信息'])(
    '%s: A4 portrait, numbered pages, its columns within the margins',
    async (name) => {
      const sheet = (await written()).getWorksheet(name)!;
      expect(sheet.pageSetup).toMatchObject({
        paperSize: 9,
        orientation: 'portrait',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
      });
      expect(sheet.headerFooter.oddFooter).toContain('&P');
      // LibreOffice does not shrink a single column wider than the page: it cuts the text off.
      const widths = sheet.columns.map((c) => columnPx(c.width!));
      expect(widths.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(printableWidthPx(sheet));
    },
  );

  it('gives every paragraph of the text a row tall enough for all its lines, wrapped, at the top', async () => {
    const sheet = (await written()).getWorksheet('情况说明')!;
    const px = columnPx(sheet.getColumn(1).width!);
    expect(px).toBeGreaterThan(printableWidthPx(sheet) * 0.9);
    sheet.eachRow((row, r) => {
      const cell = row.getCell(1);
      expect(cell.alignment, `row ${r}`).toMatchObject({ wrapText: true, vertical: 'top' });
      const lines = leastLines(String(cell.value), px, cell.font.size!);
      expect(row.height, `row ${r}: ${lines} lines`).toBeGreaterThanOrEqual(
        lines * cell.font.size! * TALLEST_LINE,
      );
    });
  });

  it('draws the 补充信息 as a bordered table with its header on every page, long values wrapped in full', async () => {
    const sheet = (await written()).getWorksheet('补充信息')!;
    expect(sheet.pageSetup.printTitlesRow).toBe('1:1');
    const px = sheet.columns.map((c) => columnPx(c.width!));
    sheet.eachRow((row, r) => {
      row.eachCell((cell, c) => {
        expect(cell.border, `${cell.address}`).toMatchObject({
          top: { style: 'thin' },
          right: { style: 'thin' },
        });
        expect(cell.alignment.wrapText).toBe(true);
        const lines = leastLines(String(cell.value), px[c - 1]!, cell.font.size!);
        expect(row.height, `${cell.address}: ${lines} lines`).toBeGreaterThanOrEqual(
          lines * cell.font.size! * TALLEST_LINE,
        );
      });
      if (r > 1) return;
      expect(row.getCell(1).font.bold).toBe(true);
    });
    // The 类别 of a list's row stays on one line.
    expect(leastLines('补充信息（逐项）', px[0]!, 11)).toBe(1);
  });
});

function labelOf(key: string): string {
  return narrativeSetFor(['final-2023'])!.supplementary.find((f) => f.key === key)!.label;
}

describe('saving into the publication workbook it was opened from', () => {
  it('writes the changed 情况说明 and 补充信息 again and keeps the tables', async () => {
    const original = await writePublicationXlsx(withNarrative());
    const opened = Workbook.open((await readXlsx('公开表.xlsx', original)).report);
    const text = `${opened.narrativeText!.text}\n特此说明。`;
    opened.setNarrative(narrativeFromPlainText(text), { ...SUPPLEMENTARY, 机关运行经费: '13.00' });
    const saved = await saveIntoXlsx(original, opened);
    expect(saved.unplaced).toEqual([]);
    const read = await readXlsx('公开表.xlsx', saved.bytes);
    expect(read.report.narrative).toEqual(opened.toReport().narrative);
    expect(read.report.narrative?.text).toBe(text);
    expect(read.tables).toHaveLength(9);
    expect(read.unrecognized).toEqual([]);
  });

  it('adds no 情况说明 sheet to a workbook when the report has none', async () => {
    const workbook = Workbook.open(loadSample('final-2023-jiefang'));
    const saved = await saveIntoXlsx(await writePublicationXlsx(workbook), workbook);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(saved.bytes.buffer as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).not.toContain('情况说明');
  });
});
