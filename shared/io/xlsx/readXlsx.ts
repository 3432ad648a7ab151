/**
 * Reads the .xlsx files finance offices circulate into grids of plain values (cached formula
 * results, since exceljs does not calculate; merged cells repeated), which the grid recogniser
 * (shared/io/grid) turns into a report.
 */
import ExcelJS from 'exceljs';
import { builtInCatalog, type Catalog } from '../../templates/catalog';
import type { Cell, Grid } from '../grid/grid';
import { GridReadError, readGrids, type GridImport } from '../grid/readGrids';
import { archiveProblem } from './zipGuard';

export type { SheetMatch } from '../grid/readGrids';
export type XlsxImport = GridImport;

export class XlsxError extends Error {
  override name = 'XlsxError';
}

/** A cell's value as the grid recogniser takes it: cached results of formulas, text of rich text. */
export function plainValue(value: ExcelJS.CellValue, address: string, missing: string[]): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'boolean' || value instanceof Date) return String(value);
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as ExcelJS.CellFormulaValue).result;
    if (result === undefined || result === null || typeof result === 'object') {
      missing.push(address);
      return null;
    }
    return typeof result === 'number' ? result : String(result);
  }
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('text' in value) return String(value.text);
  return null;
}

function toGrid(sheet: ExcelJS.Worksheet): Grid {
  const rows: Cell[][] = [];
  const mergeOf = new Map<string, string>();
  const formulasWithoutResult: string[] = [];
  sheet.eachRow({ includeEmpty: true }, (row, r) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      cells[c - 1] = plainValue(cell.value, cell.address, formulasWithoutResult);
      if (cell.isMerged) mergeOf.set(`${r - 1},${c - 1}`, cell.master.address);
    });
    rows[r - 1] = cells;
  });
  return { name: sheet.name, rows: Array.from(rows, (r) => r ?? []), mergeOf, formulasWithoutResult };
}

export async function readXlsx(fileName: string, bytes: Uint8Array, catalog: Catalog = builtInCatalog): Promise<XlsxImport> {
  const refused = archiveProblem(bytes);
  if (refused) throw new XlsxError(`无法打开“${fileName}”：${refused}`);
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new XlsxError(`无法打开“${fileName}”：不是有效的 Excel（.xlsx）文件，可能已损坏、加密或是其他格式`);
  }
  try {
    return readGrids(fileName, book.worksheets.map(toGrid), catalog);
  } catch (error) {
    throw error instanceof GridReadError ? new XlsxError(error.message) : error;
  }
}
