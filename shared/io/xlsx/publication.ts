/**
 * The nine tables as an .xlsx laid out for publication: one sheet per table, named by its code
 * (公开01表 …), with the header block, the multi-level column header, the 栏次 row, the figures,
 * the 注 footnote and, for a table without data, its 说明 line, set up to print on A4 the way the
 * print view does (landscape, portrait where the table fits: shared/layout/page); after them the
 * 情况说明 and its 补充信息 (./narrativeSheets).
 *
 * The grid is the one the window shows (buildGridModel), so the sheet and the screen agree on
 * which figure stands where: two-sided 01/04 with 收入 left and 支出 right on one line, 06 as
 * three groups, 09 as one row.
 */
import ExcelJS from 'exceljs';
import { buildGridModel, type GridColumn, type Slot } from '../../layout/gridModel';
import { orientationFor, printableArea, type Orientation } from '../../layout/page';
import { LEAST_AUTO_SHARE } from '../../layout/pages';
import { MIN_FONT_PT } from '../../layout/printFit';
import { tableCode } from '../../model/template';
import { headerCells, headerDepth } from '../../layout/header';
import type { TableInfo } from '../../engine/structure';
import type { CellState, Workbook } from '../../engine/workbook';
import { formatAmount, fromDecimalString } from '../../money/money';
import { addNarrativeSheets } from './narrativeSheets';
import { A4_PAPER, marginsMm, PAGE_NUMBERS } from './printPage';
import { columnPx, textWidth, wrappedHeight, wrappedLines } from './textWidth';

export interface PublicationOptions {
  /** Leave zero cells empty (as the 2023 解放区 document prints them) instead of printing 0.00 (as the 2024 高新区 one does). */
  zeroAsBlank?: boolean;
}

const FONT: Partial<ExcelJS.Font> = { name: '宋体', size: 11 };
const AMOUNT_FORMAT = '#,##0.00';
const THIN: Partial<ExcelJS.Border> = { style: 'thin' };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
/** Indent of a name by its level in the code hierarchy, in Excel's indent steps (about 2 characters each). */
const INDENT: Record<string, number> = { 款: 1, 项: 2 };
const WIDTH = { amount: 14, name: 30, text: 6, max: 40 };
/** Points of a row of one line of 11pt 宋体. */
const LINE_HEIGHT = 15;
const MARGINS: ExcelJS.Margins = { left: 0.5, right: 0.5, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 };
const PT_PER_PX = 72 / 96;
const PT_PER_MM = 72 / 25.4;
/** Rows above the column header: title, table code, 部门/年度/单位. */
const HEADER_BLOCK = 3;

/** What a grid cell of the sheet holds. */
type Content = { text: string; indent?: number } | { amount: number; shown: string } | null;

type Style = Pick<Partial<ExcelJS.Style>, 'numFmt' | 'alignment'> & { font?: Partial<ExcelJS.Font> };

interface Area {
  top: number;
  left: number;
  bottom?: number;
  right?: number;
}

export async function writePublicationXlsx(
  workbook: Workbook,
  options: PublicationOptions = {},
): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  for (const table of workbook.structure.tables) {
    new TableSheet(
      book.addWorksheet(tableCode(table.template)),
      workbook,
      table,
      options.zeroAsBlank ?? false,
    ).write();
  }
  addNarrativeSheets(book, workbook);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

class TableSheet {
  private readonly columns: GridColumn[];
  private readonly lanci: Content[] | null;
  private readonly body: Content[][];
  /** Column widths in characters of the default font. */
  private readonly widths: number[];

  constructor(
    private readonly sheet: ExcelJS.Worksheet,
    private readonly workbook: Workbook,
    private readonly table: TableInfo,
    private readonly zeroAsBlank: boolean,
  ) {
    const grid = buildGridModel(table);
    this.columns = grid.columns;
    this.lanci =
      grid.lanciRow && this.columns.map((column) => this.content(grid.lanciRow!.slots[column.colId], column));
    this.body = grid.rows.map((row) =>
      this.columns.map((column) => this.content(row.slots[column.colId], column)),
    );
    this.widths = this.columns.map((column, c) =>
      columnWidth(
        column,
        this.body.map((cells) => cells[c]!),
      ),
    );
  }

  write(): void {
    const { sheet, table, workbook, widths } = this;
    const last = widths.length;
    widths.forEach((width, c) => (sheet.getColumn(c + 1).width = width));

    this.put({ top: 1, left: 1, right: last }, table.template.title, {
      font: { bold: true, size: 16 },
      alignment: { horizontal: 'center' },
    });
    sheet.getRow(1).height = 2 * LINE_HEIGHT;
    this.put({ top: 2, left: last }, tableCode(table.template), { alignment: { horizontal: 'right' } });
    // 部门 left, 年度 centre, 单位 right: 部门 and 单位 each over a third of the columns (every table
    // has at least five), 部门 over more where its name needs them (a long name is not cut off), and
    // 单位 then over what is left beside one column for the 年度.
    const department = `部门：${workbook.department}`;
    const unit = `单位：${workbook.unit}`;
    const third = Math.ceil(last / 3);
    const unitNeeds = this.columnsFor(unit, 'end');
    const left = Math.min(last - unitNeeds - 1, Math.max(third, this.columnsFor(department, 'start')));
    const right = Math.max(unitNeeds, Math.min(third, last - left - 1));
    this.put({ top: 3, left: 1, right: left }, department, { alignment: { horizontal: 'left' } });
    this.put({ top: 3, left: left + 1, right: last - right }, `${workbook.year}年度`, {
      alignment: { horizontal: 'center' },
    });
    this.put({ top: 3, left: last - right + 1, right: last }, unit, { alignment: { horizontal: 'right' } });

    const headerTop = HEADER_BLOCK + 1;
    let row = this.writeColumnHeader(headerTop);
    if (this.lanci) this.writeLine(row++, this.lanci, true);
    const headerBottom = row - 1;
    for (const cells of this.body) this.writeLine(row++, cells, false);
    this.drawBorders(headerTop, row - 1);

    const explanation = this.hasNoData() ? table.template.emptyExplanation : undefined;
    for (const text of [table.template.note, explanation]) {
      if (text)
        this.put({ top: row++, left: 1, right: last }, text, {
          alignment: { horizontal: 'left', wrapText: true },
        });
    }
    this.setUpPage(headerBottom);
  }

  // ── content ──────────────────────────────────────────────────────────────────────────────

  private content(slot: Slot | undefined, column: GridColumn): Content {
    if (slot === undefined || (slot.kind === 'text' && slot.text === '')) return null;
    if (slot.kind === 'text') {
      const indent = isName(column) && slot.level ? INDENT[slot.level] : undefined;
      return indent ? { text: slot.text, indent } : { text: slot.text };
    }
    return this.amount(this.workbook.cell(slot.ref));
  }

  private amount(cell: CellState): Content {
    if (cell.invalidText !== null) return { text: cell.invalidText };
    if (cell.text !== null) return { text: cell.text };
    if (cell.value === null) return null;
    const hundredths = fromDecimalString(cell.value);
    if (hundredths === 0 && this.zeroAsBlank) return null;
    // The only float on a figure's way into the sheet, taken at the very end: Number() of the
    // canonical decimal string ("6519.14") is the double nearest to it, which Excel (15 significant
    // digits) shows as the same 2-decimal figure for any amount below 10^13. Nothing is added or
    // scaled as a float here; totals were computed exactly in integer hundredths.
    return { amount: Number(cell.value), shown: formatAmount(hundredths) };
  }

  /** A code-keyed table with only its 合计 row, and no figure but zero in it, prints its 说明. */
  private hasNoData(): boolean {
    const { table } = this;
    if (!table.codeKeyed || table.rows.length > 1) return false;
    return table.columns.every((column) => {
      const cell = this.workbook.cell({ table: table.id, row: table.rows[0]!.key, column: column.key });
      return cell.invalidText === null && (cell.value === null || fromDecimalString(cell.value) === 0);
    });
  }

  // ── grid ─────────────────────────────────────────────────────────────────────────────────

  /**
   * The column header, as printed: a group label merged across the columns under it, a leaf with
   * fewer levels than its neighbours merged down to the last header row. Returns the next row.
   */
  private writeColumnHeader(top: number): number {
    const style: Style = { alignment: { horizontal: 'center', wrapText: true } };
    for (const cell of headerCells(this.columns)) {
      const area = { top: top + cell.level, left: cell.column + 1 };
      this.put(
        { ...area, bottom: area.top + cell.rowSpan - 1, right: area.left + cell.colSpan - 1 },
        cell.label,
        style,
      );
    }
    return top + headerDepth(this.columns);
  }

  private writeLine(row: number, cells: Content[], header: boolean): void {
    cells.forEach((cell, c) => {
      if (cell === null) return;
      if ('amount' in cell) {
        this.put({ top: row, left: c + 1 }, cell.amount, { numFmt: AMOUNT_FORMAT });
        return;
      }
      const column = this.columns[c]!;
      // A label without a code (06's 人员经费合计) also takes the empty name cell next to it, as printed.
      const next = this.columns[c + 1];
      const spans = !header && column.kind === 'text' && next?.kind === 'text' && cells[c + 1] === null;
      const centred = header || isHangci(column);
      this.put({ top: row, left: c + 1, right: spans ? c + 2 : c + 1 }, cell.text, {
        // Text stays text (codes, 行次) also when someone edits it in Excel.
        numFmt: '@',
        // A 绩效 table's typed sentences wrap within their column, as printed, rather than run on over the page.
        alignment: {
          horizontal: centred ? 'center' : 'left',
          indent: cell.indent ?? 0,
          wrapText: column.prose === true,
        },
      });
    });
  }

  /** How many columns, from the first or from the last, text of the sheet's font needs to stand on one line. */
  private columnsFor(text: string, from: 'start' | 'end'): number {
    const widths = from === 'start' ? this.widths : [...this.widths].reverse();
    let width = 0;
    for (let n = 1; n <= widths.length; n++) {
      width += widths[n - 1]!;
      if (wrappedLines(text, width, FONT.size!) === 1) return n;
    }
    return widths.length;
  }

  private drawBorders(top: number, bottom: number): void {
    for (let row = top; row <= bottom; row++) {
      for (let col = 1; col <= this.widths.length; col++) this.sheet.getCell(row, col).border = BORDER;
    }
  }

  // ── cells and pages ──────────────────────────────────────────────────────────────────────

  /** Writes one value into an area (merged when larger than a cell); wrapped text makes its rows tall enough. */
  private put(area: Area, value: string | number, style: Style = {}): void {
    const { top, left, bottom = top, right = left } = area;
    if (bottom > top || right > left) this.sheet.mergeCells(top, left, bottom, right);
    const cell = this.sheet.getCell(top, left);
    cell.value = value;
    cell.font = { ...FONT, ...style.font };
    cell.alignment = { vertical: 'middle', ...style.alignment };
    if (style.numFmt) cell.numFmt = style.numFmt;
    if (typeof value === 'string' && style.alignment?.wrapText) {
      const width = this.widths.slice(left - 1, right).reduce((a, b) => a + b, 0);
      const height = wrappedHeight(value, width, FONT.size!) / (bottom - top + 1);
      for (let row = top; row <= bottom; row++) {
        const sheetRow = this.sheet.getRow(row);
        sheetRow.height = Math.max(sheetRow.height ?? LINE_HEIGHT, height);
      }
    }
  }

  /**
   * One page wide, as many long as it takes; a table that overflows its page by a little prints a
   * step smaller on one page instead of leaving its last rows and the 注 alone on a second (as the
   * print view's 适应页宽 does: down to 70 % of the size that fits the width, never below 6 pt).
   */
  private setUpPage(headerBottom: number): void {
    const orientation = orientationFor(this.columns);
    this.sheet.pageSetup = {
      paperSize: A4_PAPER,
      orientation,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: this.fitsOnOnePage(orientation) ? 1 : 0,
      horizontalCentered: true,
      margins: { ...MARGINS },
      printTitlesRow: `1:${headerBottom}`,
    };
    this.sheet.headerFooter = { ...PAGE_NUMBERS };
  }

  private fitsOnOnePage(orientation: Orientation): boolean {
    const { widthMm, heightMm } = printableArea(orientation, marginsMm(MARGINS));
    const width = this.widths.reduce((sum, w) => sum + columnPx(w), 0) * PT_PER_PX;
    // A row without a height of its own is one line high.
    let height = 0;
    for (let row = 1; row <= this.sheet.rowCount; row++)
      height += this.sheet.getRow(row).height ?? LINE_HEIGHT;
    const widthScale = Math.min(1, (widthMm * PT_PER_MM) / width);
    const scale = (heightMm * PT_PER_MM) / height;
    return scale >= LEAST_AUTO_SHARE * widthScale && scale * FONT.size! >= MIN_FONT_PT;
  }
}

/**
 * Wide enough for the column's widest figure or text (with its indent) and for its header on two
 * lines; names get at least 30 characters, amounts 14, and no column more than 40.
 */
function columnWidth(column: GridColumn, cells: Content[]): number {
  const shown = cells.map((cell) =>
    cell === null ? 0 : 'amount' in cell ? cell.shown.length : textWidth(cell.text) + 2 * (cell.indent ?? 0),
  );
  const widest = Math.max(Math.ceil(textWidth(column.header.at(-1)!) / 2), ...shown);
  const least = column.kind === 'amount' ? WIDTH.amount : isName(column) ? WIDTH.name : WIDTH.text;
  const width = Math.min(WIDTH.max, Math.max(least, widest + 2));
  // exceljs does not write a width of exactly 9 (its default), and Excel would then use its own 8.43.
  return width === 9 ? 9.5 : width;
}

// The grid model names its columns code, name, in:hangci, g2:name …; the printed table indents
// names and centres 行次, as the window does.
const isName = (column: GridColumn) => column.colId.endsWith('name');
const isHangci = (column: GridColumn) => column.colId.endsWith('hangci');
