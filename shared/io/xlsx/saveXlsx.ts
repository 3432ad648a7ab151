/**
 * Saves figures back into the .xlsx the user opened, changing only the cells whose figure changed:
 * formatting, merges, widths, print settings, other sheets and formulas elsewhere stay as they were.
 * Each figure goes back to the cell it was read from (the workbook keeps where); the file is not
 * recognised a second time. The 情况说明 sheets (./narrativeSheets) are the program's own and are
 * written again from the report.
 */
import ExcelJS from 'exceljs';
import { cellKey, type CellRef } from '../../engine/findings';
import type { Workbook } from '../../engine/workbook';
import { parseAmount } from '../../money/money';
import { replaceNarrativeSheets } from './narrativeSheets';

export interface XlsxSave {
  bytes: Uint8Array;
  /** Cells written. */
  written: number;
  /** Figures the file has no place for (rows added in the program), in Chinese. */
  unplaced: string[];
}

/** Two texts of a figure are the same figure when they read as the same amount (blank = 0). */
function sameFigure(a: string | null, b: string | null, unit: '万元' | '元' | null): boolean {
  const read = (t: string | null) => {
    const parsed = t === null ? null : parseAmount(t, { reportUnit: unit });
    return parsed === null ? 0 : parsed.ok ? (parsed.value ?? 0) : t;
  };
  return read(a) === read(b);
}

/** What a cell of the file holds now, as text (a formula's cached result), to tell whether its figure changed. */
function fileText(cell: ExcelJS.Cell): string | null {
  const { value } = cell;
  if (value === null || value === undefined) return null;
  if (
    typeof value === 'number' ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    value instanceof Date
  )
    return String(value);
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as ExcelJS.CellFormulaValue).result;
    return result === undefined || result === null || typeof result === 'object' ? null : String(result);
  }
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  return 'text' in value ? String(value.text) : null;
}

export async function saveIntoXlsx(original: Uint8Array, workbook: Workbook): Promise<XlsxSave> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(original as unknown as ArrayBuffer);
  // exceljs writes a first page number (and so switches numbering from it on) whenever it read one,
  // even the default; leave it out where the file did not use it, so that print settings stay as they were.
  for (const sheet of book.worksheets) {
    const setup = sheet.pageSetup as { useFirstPageNumber?: boolean; firstPageNumber?: number };
    if (!setup.useFirstPageNumber) delete setup.firstPageNumber;
  }
  const { origins } = workbook.provenance;
  let written = 0;
  const unplaced: string[] = [];
  for (const table of workbook.structure.tables) {
    for (const row of table.rows) {
      let lost = false;
      for (const column of table.columns) {
        if (row.cells[column.index] === undefined) continue;
        const ref: CellRef = { table: table.id, row: row.key, column: column.key };
        const state = workbook.cell(ref);
        const now = state.invalidText ?? state.value;
        const origin = origins.get(cellKey(ref));
        const target = origin ? book.getWorksheet(origin.sheet)?.getCell(origin.address) : undefined;
        if (!target) {
          lost ||= (now ?? '0.00') !== '0.00' && !state.computed;
          continue;
        }
        if (sameFigure(fileText(target), now, workbook.unit)) continue;
        // A figure goes in as a number so that Excel can add it up; the decimal string has 2 places,
        // which a double represents closely enough for Excel to show it exactly.
        const value = state.invalidText ?? (state.value === null ? null : Number(state.value));
        const formula = target.formula;
        target.value =
          formula && typeof value === 'number'
            ? ({ formula, result: value } as ExcelJS.CellFormulaValue)
            : value;
        written++;
      }
      if (lost)
        unplaced.push(`${table.id} ${row.code ?? row.name ?? row.key} 在原文件中没有对应的行，未写入`);
    }
  }
  unplaced.push(...replaceNarrativeSheets(book, workbook));
  return { bytes: new Uint8Array(await book.xlsx.writeBuffer()), written, unplaced };
}
