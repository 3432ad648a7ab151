/**
 * Saves figures back into the .xlsx the user opened, changing only the cells whose figure changed:
 * formatting, merges, widths, print settings, other sheets and formulas elsewhere stay as they were.
 * The file is read again to find where each figure lives, with the same matching that opened it.
 */
import ExcelJS from 'exceljs';
import type { CellRef } from '../../engine/findings';
import { placeReport } from '../../engine/structure';
import type { Workbook } from '../../engine/workbook';
import { parseAmount } from '../../money/money';
import { readXlsx } from './readXlsx';

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

export async function saveIntoXlsx(fileName: string, original: Uint8Array, workbook: Workbook): Promise<XlsxSave> {
  const imported = await readXlsx(fileName, original);
  const placed = placeReport(workbook.template, imported.report.tables);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(original as unknown as ArrayBuffer);
  // exceljs writes a first page number (and so switches numbering from it on) whenever it read one,
  // even the default; leave it out where the file did not use it, so that print settings stay as they were.
  for (const sheet of book.worksheets) {
    const setup = sheet.pageSetup as { useFirstPageNumber?: boolean; firstPageNumber?: number };
    if (!setup.useFirstPageNumber) delete setup.firstPageNumber;
  }
  let written = 0;
  const placedRefs = new Set<string>();
  for (const cell of placed.structure.cells) {
    const origin = placed.origins[cell.id];
    const ref: CellRef = { table: cell.row.table.id, row: cell.row.key, column: cell.column.key };
    const state = workbook.cellIfPresent(ref);
    if (!origin || !state) continue;
    placedRefs.add(`${ref.table}|${ref.row}|${ref.column}`);
    const now = state.invalidText ?? state.value;
    if (sameFigure(placed.texts[cell.id] ?? null, now, workbook.unit)) continue;
    const target = book.getWorksheet(origin.sheet)!.getCell(origin.address);
    // A figure goes in as a number so that Excel can add it up; the decimal string has 2 places,
    // which a double represents closely enough for Excel to show it exactly.
    const value = state.invalidText ?? (state.value === null ? null : Number(state.value));
    const formula = target.formula;
    target.value = formula && typeof value === 'number' ? ({ formula, result: value } as ExcelJS.CellFormulaValue) : value;
    written++;
  }
  const unplaced: string[] = [];
  for (const table of workbook.structure.tables) {
    for (const row of table.rows) {
      const hasFigure = row.table.columns.some((c) => {
        const state = row.cells[c.index] === undefined ? null : workbook.cell({ table: table.id, row: row.key, column: c.key });
        return state !== null && !placedRefs.has(`${table.id}|${row.key}|${c.key}`) && (state.value ?? '0.00') !== '0.00';
      });
      if (hasFigure) unplaced.push(`${table.id} ${row.code ?? row.name ?? row.key} 在原文件中没有对应的行，未写入`);
    }
  }
  return { bytes: new Uint8Array(await book.xlsx.writeBuffer()), written, unplaced };
}
