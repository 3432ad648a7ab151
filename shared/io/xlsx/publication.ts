/**
 * The nine tables as an .xlsx laid out for publication: one sheet per table, named by its code
 * (公开01表 …), with the header block, the multi-level column header, the 栏次 row, the figures,
 * the 注 footnote and, for a table without data, its 说明 line — ready to print on A4 landscape.
 *
 * The grid is the one the window shows (buildGridModel), so the sheet and the screen agree on
 * which figure stands where: two-sided 01/04 with 收入 left and 支出 right, 06 as three groups, 09
 * as one row.
 */
import ExcelJS from 'exceljs';
import { buildGridModel, type GridColumn, type GridRow, type Slot } from '../../../renderer/model/gridModel';
import type { TableInfo } from '../../engine/structure';
import type { CellState, Workbook } from '../../engine/workbook';
import { formatAmount, fromDecimalString } from '../../money/money';

export interface PublicationOptions {
  /** Leave zero cells empty (as S23 printed them) instead of showing 0.00 (as S24 did). */
  zeroAsBlank?: boolean;
}

const FONT: Partial<ExcelJS.Font> = { name: '宋体', size: 11 };
const AMOUNT_FORMAT = '#,##0.00';
const THIN: Partial<ExcelJS.Border> = { style: 'thin' };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
/** Indent of a name by its level in the code hierarchy, in Excel's indent steps. */
const INDENT: Record<string, number> = { 款: 1, 项: 2 };
const AMOUNT_WIDTH = 14;
const TEXT_WIDTH = { min: 6, max: 40 };
/** Points per line of 11pt 宋体, for rows whose text wraps. */
const LINE_HEIGHT = 15;
/** Rows above the column header: title, table code, 部门/年度/单位. */
const HEADER_BLOCK = 3;

/** What a cell of the sheet holds: text, or an amount as a number. */
type Content = { text: string; indent?: number } | { amount: number; shown: string } | null;

interface Area {
  top: number;
  left: number;
  bottom?: number;
  right?: number;
}

export async function writePublicationXlsx(workbook: Workbook, options: PublicationOptions = {}): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  for (const table of workbook.structure.tables) {
    writeTable(book.addWorksheet(table.id), workbook, table, options.zeroAsBlank ?? false);
  }
  return new Uint8Array(await book.xlsx.writeBuffer());
}

function writeTable(sheet: ExcelJS.Worksheet, workbook: Workbook, table: TableInfo, zeroAsBlank: boolean): void {
  const grid = buildGridModel(table);
  const { columns } = grid;
  const last = columns.length;
  const body = grid.rows.map((row) => columns.map((column) => content(row.slots[column.colId], column, workbook, zeroAsBlank)));
  const widths = columns.map((column, c) => columnWidth(column, body.map((cells) => cells[c]!)));
  widths.forEach((width, c) => (sheet.getColumn(c + 1).width = width));

  put(sheet, widths, { top: 1, left: 1, right: last }, table.template.title, { font: { bold: true, size: 16 }, alignment: { horizontal: 'center' } });
  sheet.getRow(1).height = 28;
  put(sheet, widths, { top: 2, left: last }, table.id, { alignment: { horizontal: 'right' } });
  writeDepartmentLine(sheet, widths, workbook);

  const headerTop = HEADER_BLOCK + 1;
  let row = writeColumnHeader(sheet, widths, columns, headerTop);
  const lines: (Content | undefined)[][] = [];
  if (grid.lanciRow) lines.push(lanciLine(grid.lanciRow, columns));
  const headerBottom = row + lines.length - 1;
  lines.push(...body);
  for (const cells of lines) {
    cells.forEach((cell, c) => cell && writeContent(sheet, widths, row, c + 1, cell, columns[c]!, row <= headerBottom));
    row += 1;
  }
  drawGrid(sheet, headerTop, row - 1, last);

  const footnotes = [table.template.note, hasNoData(table, workbook) ? table.template.emptyExplanation : undefined];
  for (const text of footnotes.filter((t) => t !== undefined)) {
    put(sheet, widths, { top: row, left: 1, right: last }, text, { alignment: { horizontal: 'left', wrapText: true } });
    row += 1;
  }
  setUpPage(sheet, headerBottom);
}

// ── content ────────────────────────────────────────────────────────────────────────────────

function content(slot: Slot | undefined, column: GridColumn, workbook: Workbook, zeroAsBlank: boolean): Content {
  if (slot === undefined) return null;
  if (slot.kind === 'text') {
    const indent = column.colId.endsWith('name') && slot.level ? INDENT[slot.level] : undefined;
    return { text: slot.text, ...(indent ? { indent } : {}) };
  }
  return amount(workbook.cell(slot.ref), zeroAsBlank);
}

function amount(cell: CellState, zeroAsBlank: boolean): Content {
  if (cell.invalidText !== null) return { text: cell.invalidText };
  if (cell.value === null) return null;
  const hundredths = fromDecimalString(cell.value);
  if (hundredths === 0 && zeroAsBlank) return null;
  // The only float in the figure's path: the canonical decimal string ("6519.14") becomes the
  // double nearest to it, which Excel shows as the same 2-decimal figure (it rounds to 15
  // significant digits, and amounts have at most 13 before the point). Nothing is added or
  // scaled as a float here; totals were computed exactly in integer hundredths.
  return { amount: Number(cell.value), shown: formatAmount(hundredths) };
}

/** The 栏次 line: labels and numbers as text, in the columns the grid gives them. */
function lanciLine(row: GridRow, columns: GridColumn[]): (Content | undefined)[] {
  return columns.map((column) => {
    const slot = row.slots[column.colId];
    return slot?.kind === 'text' ? { text: slot.text } : undefined;
  });
}

/** A code-keyed table that has only its 合计 row, with nothing but zeros in it, prints its 说明. */
function hasNoData(table: TableInfo, workbook: Workbook): boolean {
  if (!table.codeKeyed || table.rows.length > 1) return false;
  return table.columns.every((column) => {
    const cell = workbook.cell({ table: table.id, row: table.rows[0]!.key, column: column.key });
    return cell.invalidText === null && (cell.value === null || fromDecimalString(cell.value) === 0);
  });
}

// ── writing cells ──────────────────────────────────────────────────────────────────────────

function writeContent(
  sheet: ExcelJS.Worksheet,
  widths: number[],
  row: number,
  col: number,
  cell: NonNullable<Content>,
  column: GridColumn,
  inHeader: boolean,
): void {
  if ('amount' in cell) {
    put(sheet, widths, { top: row, left: col }, cell.amount, { numFmt: AMOUNT_FORMAT });
    return;
  }
  const centred = inHeader || column.colId.endsWith('hangci');
  // A label without a code (06's 人员经费合计) spans the empty name cell next to it, as printed.
  const right = !inHeader && column.kind === 'text' && spansNext(sheet, row, col, widths.length) ? col + 1 : col;
  put(sheet, widths, { top: row, left: col, right }, cell.text, {
    // Codes stay text even when someone edits them in Excel.
    numFmt: '@',
    alignment: { horizontal: centred ? 'center' : 'left', indent: cell.indent ?? 0 },
  });
}

/** Whether the next column is a text column that this line leaves empty. */
function spansNext(sheet: ExcelJS.Worksheet, row: number, col: number, last: number): boolean {
  return col < last && sheet.getColumn(col + 1).key === 'text' && sheet.getCell(row, col + 1).value === null;
}
