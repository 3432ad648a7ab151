/**
 * The 情况说明 sheets of the publication workbook: the text (one paragraph a row, titles bold, body
 * wrapped over a wide column, to print on A4 portrait) and the 补充信息 with the user's reasons, as
 * grid/narrativeSheets lays them out so that opening the workbook again brings them back exactly.
 */
import type ExcelJS from 'exceljs';
import type { Workbook } from '../../engine/workbook';
import { narrativeSetFor } from '../../narrative/definitions';
import { outlineOf } from '../../narrative/outline';
import {
  NARRATIVE_SHEET,
  SUPPLEMENTARY_HEADER,
  SUPPLEMENTARY_SHEET,
  supplementaryLines,
} from '../grid/narrativeSheets';
import { textWidth } from './textWidth';

const FONT: Partial<ExcelJS.Font> = { name: '宋体', size: 12 };
/** Characters of the text column: an A4 portrait line of 12pt 宋体. */
const TEXT_WIDTH = 90;
const LINE_HEIGHT = 16;
const SUPPLEMENTARY_WIDTHS = [16, 28, 44, 40];

/** Whether a sheet is one this module wrote: the 情况说明 (text in column A only) or the 补充信息 (its header line). */
function isOwnSheet(sheet: ExcelJS.Worksheet): boolean {
  if (sheet.name === NARRATIVE_SHEET) return sheet.actualColumnCount <= 1;
  return SUPPLEMENTARY_HEADER.every((word, c) => sheet.getCell(1, c + 1).value === word);
}

/**
 * Saving into a workbook the report was opened from: its 情况说明 sheets are written again from the
 * report (the user may have changed the text). Returns why the text could not be written, if so:
 * a sheet of that name that is not the program's is left as it is.
 */
export function replaceNarrativeSheets(book: ExcelJS.Workbook, workbook: Workbook): string[] {
  for (const sheet of [...book.worksheets]) if (isOwnSheet(sheet)) book.removeWorksheet(sheet.id);
  const taken = book.worksheets.map((s) => s.name);
  const clash = [NARRATIVE_SHEET, SUPPLEMENTARY_SHEET].filter((name) => taken.includes(name));
  if (clash.length > 0)
    return [
      `工作簿中已有名为“${clash.join('”“')}”的工作表，情况说明和补充信息未写入，请另存为报表文件（.json）保存`,
    ];
  addNarrativeSheets(book, workbook);
  return [];
}

export function addNarrativeSheets(book: ExcelJS.Workbook, workbook: Workbook): void {
  const { template } = workbook;
  const set = narrativeSetFor([template.id, ...(template.extends ? [template.extends] : [])]);
  const text = workbook.narrativeText;
  if (text && text.text !== '') {
    const sheet = book.addWorksheet(NARRATIVE_SHEET);
    sheet.getColumn(1).width = TEXT_WIDTH;
    outlineOf(text, set).forEach((paragraph, i) => {
      const cell = sheet.getCell(i + 1, 1);
      cell.value = paragraph.text;
      // Text stays text: a paragraph that is a number (a page's 1) is not turned into one.
      cell.numFmt = '@';
      cell.font = { ...FONT, bold: paragraph.role !== 'body' };
      cell.alignment = {
        wrapText: true,
        vertical: 'top',
        horizontal: paragraph.role === 'part' ? 'center' : 'left',
      };
      sheet.getRow(i + 1).height = Math.ceil(textWidth(paragraph.text) / TEXT_WIDTH) * LINE_HEIGHT;
    });
    sheet.pageSetup = {
      paperSize: 9,
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    };
  }
  const lines = supplementaryLines({ supplementary: workbook.supplementary, reasons: workbook.reasons }, set);
  if (lines.length === 0) return;
  const sheet = book.addWorksheet(SUPPLEMENTARY_SHEET);
  SUPPLEMENTARY_WIDTHS.forEach((width, c) => (sheet.getColumn(c + 1).width = width));
  [[...SUPPLEMENTARY_HEADER], ...lines].forEach((line, r) =>
    line.forEach((value, c) => {
      const cell = sheet.getCell(r + 1, c + 1);
      cell.value = value;
      cell.numFmt = '@';
      cell.font = { ...FONT, bold: r === 0 };
      cell.alignment = { wrapText: true, vertical: 'top' };
    }),
  );
}
