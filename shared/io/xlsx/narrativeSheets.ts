/**
 * The 情况说明 sheets of the publication workbook: the text (one paragraph a row, titles bold, body
 * wrapped in a column as wide as an A4 portrait line, each row tall enough for its lines) and the
 * 补充信息 with the user's reasons (a bordered table as wide as the page, its header on every page),
 * as grid/narrativeSheets lays them out so that opening the workbook again brings them back exactly.
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
import { setUpTextPage, TEXT_PAGE_WIDTH } from './printPage';
import { wrappedHeight } from './textWidth';

const TEXT_FONT: Partial<ExcelJS.Font> = { name: '宋体', size: 12 };
const THIN: Partial<ExcelJS.Border> = { style: 'thin' };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
/** The 补充信息 is a table of short entries, in the tables' font. */
const FIELDS_FONT: Partial<ExcelJS.Font> = { name: '宋体', size: 11 };
/** Points below a paragraph, to set it apart from the next. */
const PARAGRAPH_GAP = 4;
/** 类别 | 键 | 项目 | 值 in shares of the page's width: the labels and values wrap, the 类别 fits on one line. */
const FIELD_SHARES = [0.2, 0.24, 0.29, 0.27];

/** A row tall enough for the lines of the longest of its texts, each in its column. */
function rowHeight(texts: readonly string[], widths: readonly number[], font: Partial<ExcelJS.Font>): number {
  return Math.max(...texts.map((text, c) => wrappedHeight(text, widths[c]!, font.size!, PARAGRAPH_GAP)));
}

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
    sheet.getColumn(1).width = TEXT_PAGE_WIDTH;
    outlineOf(text, set).forEach((paragraph, i) => {
      const cell = sheet.getCell(i + 1, 1);
      const { text: whole, title } = paragraph;
      // A title glued to its text (一、…说明2025年收入…) is bold within the paragraph, as in Word;
      // the runs are read back as one text.
      cell.value =
        title > 0
          ? {
              richText: [
                { text: whole.slice(0, title), font: { ...TEXT_FONT, bold: true } },
                { text: whole.slice(title), font: TEXT_FONT },
              ],
            }
          : whole;
      // Text stays text: a paragraph that is a number (a page's 1) is not turned into one.
      cell.numFmt = '@';
      cell.font = { ...TEXT_FONT, bold: paragraph.role !== 'body' };
      cell.alignment = {
        wrapText: true,
        vertical: 'top',
        horizontal: paragraph.role === 'part' ? 'center' : 'left',
      };
      sheet.getRow(i + 1).height = rowHeight([whole], [TEXT_PAGE_WIDTH], TEXT_FONT);
    });
    setUpTextPage(sheet);
  }
  const lines = supplementaryLines({ supplementary: workbook.supplementary, reasons: workbook.reasons }, set);
  if (lines.length === 0) return;
  const sheet = book.addWorksheet(SUPPLEMENTARY_SHEET);
  const widths = FIELD_SHARES.map((share) => Math.floor(share * TEXT_PAGE_WIDTH));
  widths.forEach((width, c) => (sheet.getColumn(c + 1).width = width));
  [[...SUPPLEMENTARY_HEADER], ...lines].forEach((line, r) => {
    line.forEach((value, c) => {
      const cell = sheet.getCell(r + 1, c + 1);
      cell.value = value;
      cell.numFmt = '@';
      cell.font = { ...FIELDS_FONT, bold: r === 0 };
      cell.alignment = { wrapText: true, vertical: 'top', horizontal: r === 0 ? 'center' : 'left' };
      cell.border = BORDER;
    });
    sheet.getRow(r + 1).height = rowHeight(line, widths, FIELDS_FONT);
  });
  // The header line on every page, so that a printed page of figures says which column is the value.
  setUpTextPage(sheet, '1:1');
}
