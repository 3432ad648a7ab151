/**
 * One worksheet part as a grid of plain values (shared/io/grid): each cell's saved value as Excel
 * saved it (a formula's cached result, since nothing is calculated here), and a merged area's value
 * repeated over the cells it covers, clipped to the cells the sheet has. A value that cannot be a
 * figure (an error, a date, a number Excel would not write, a shared formula whose master is
 * missing) is kept as a NotAmount saying what it is, never read as a number or as blank; the
 * finding on the cell it is read into names the sheet and cell (the cell's origin).
 */
import { addressOf, type Cell, type Grid } from '../grid/grid';
import { MAX_CELLS, MAX_MERGE_CELLS, MAX_TEXT_CHARS } from './limits';
import { Refusal } from './refusal';
import type { SheetPart, WorkbookParts } from './workbookParts';
import { readXmlPart } from './xmlStream';
import type { Archive } from './zipArchive';

/** Cells taken so far in the whole workbook (every <c> and every cell a merge covers), refused past MAX_CELLS. */
export class CellBudget {
  private used = 0;

  take(cells: number, sheet: string): void {
    this.used += cells;
    if (this.used > MAX_CELLS) {
      throw new Refusal(
        `工作表“${sheet}”读到第 ${MAX_CELLS.toLocaleString('en-US')} 个单元格仍未读完，文件过大，不像是一份报表（报表通常只有几万个单元格）`,
      );
    }
  }
}

/** How Excel writes a number in a cell's <v>: no hexadecimal, no thousands separators, no Infinity. */
const EXCEL_NUMBER = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/u;
const EXCEL_COLUMNS = 16_384;
const EXCEL_ROWS = 1_048_576;
/** Excel's serial of 1970-01-01 in its 1900 and 1904 date systems. */
const EPOCH_DAYS = { 1900: 25_569, 1904: 24_107 };
const DAY_MS = 86_400_000;

interface Position {
  row: number;
  col: number;
}

/** "B12" → row 11, column 1 (0-based); null when it is not a cell address within Excel's sheet. */
function parseAddress(address: string): Position | null {
  const match = /^([A-Z]{1,3})(\d{1,7})$/u.exec(address);
  if (!match) return null;
  let col = 0;
  for (const letter of match[1]!) col = col * 26 + letter.charCodeAt(0) - 64;
  const row = Number(match[2]);
  return col > EXCEL_COLUMNS || row < 1 || row > EXCEL_ROWS ? null : { row: row - 1, col: col - 1 };
}

/** A cell element as it is read: its attributes and the text of its <v>, <f> and inline string. */
interface CellElement {
  at: Position;
  type: string;
  style: number;
  /** The text of <v>: null when there is no <v> at all, '' for an empty one (a formula's empty text). */
  value: string | null;
  inline: string | null;
  formula: { shared: boolean; si: string | null; master: boolean } | null;
}

class SheetReader {
  readonly rows: Cell[][] = [];
  readonly mergeOf = new Map<string, string>();
  readonly formulasWithoutResult: string[] = [];
  private readonly merges: string[] = [];
  /** Shared formulas' masters (by si), and the cells that use an si, to find the orphans at the end. */
  private readonly masters = new Set<string>();
  private readonly sharers: { si: string; at: Position; shown: string }[] = [];
  /** The extent of the cells that hold something: merges are clipped to it. */
  private lastRow = -1;
  private lastCol = -1;
  private row = -1;
  private col = -1;
  private cell: CellElement | null = null;
  /** Which text is being read: the cell's <v>, or a <t> of its inline string (never its phonetic reading). */
  private reading: 'v' | 't' | null = null;
  private inInline = false;
  private inPhonetic = false;

  constructor(
    private readonly name: string,
    private readonly parts: WorkbookParts,
    private readonly cells: CellBudget,
  ) {}

  open(element: string, a: Record<string, string>): void {
    switch (element) {
      case 'row':
        this.row = a.r === undefined ? this.row + 1 : Number(a.r) - 1;
        if (!Number.isInteger(this.row) || this.row < 0 || this.row >= EXCEL_ROWS)
          this.refuse(`行号“${a.r}”无效`);
        this.col = -1;
        break;
      case 'c': {
        this.cells.take(1, this.name);
        // A cell without its address follows the one before it.
        const at = a.r === undefined ? { row: this.row, col: this.col + 1 } : parseAddress(a.r);
        if (at === null || at.row !== this.row || at.col >= EXCEL_COLUMNS)
          this.refuse(`单元格地址“${a.r ?? addressOf(this.row, this.col + 1)}”无效`);
        this.col = at.col;
        this.cell = {
          at,
          type: a.t ?? 'n',
          style: Number(a.s ?? 0),
          value: null,
          inline: null,
          formula: null,
        };
        break;
      }
      case 'v':
        if (this.cell) {
          this.cell.value ??= '';
          this.reading = 'v';
        }
        break;
      case 'f':
        if (this.cell)
          this.cell.formula = { shared: a.t === 'shared', si: a.si ?? null, master: a.ref !== undefined };
        break;
      case 'is':
        this.inInline = true;
        break;
      case 't':
        if (this.cell && this.inInline && !this.inPhonetic) this.reading = 't';
        break;
      case 'rPh':
        this.inPhonetic = true;
        break;
      case 'mergeCell':
        if (a.ref) this.merges.push(a.ref);
        break;
    }
  }

  text(text: string): void {
    const { cell } = this;
    if (cell === null) return;
    if (this.reading === 'v') cell.value = (cell.value ?? '') + text;
    else if (this.reading === 't') cell.inline = (cell.inline ?? '') + text;
    if ((cell.value?.length ?? 0) > MAX_TEXT_CHARS || (cell.inline?.length ?? 0) > MAX_TEXT_CHARS) {
      this.refuse(
        `${addressOf(cell.at.row, cell.at.col)} 的内容超过 ${MAX_TEXT_CHARS} 个字符（Excel 的单元格上限），不是 Excel 保存的文件`,
      );
    }
  }

  close(element: string): void {
    if (element === 'rPh') this.inPhonetic = false;
    else if (element === 'is') this.inInline = false;
    else if (element === 'v' || element === 't') this.reading = null;
    else if (element === 'c' && this.cell) {
      this.put(this.cell);
      this.cell = null;
    }
  }

  /** The grid, once the whole part is read: orphan shared formulas flagged, merges spread, rows without holes. */
  finish(): Grid {
    for (const { si, at, shown } of this.sharers) {
      if (this.masters.has(si)) continue;
      this.set(at, {
        shown,
        reason: `共享公式（编号 ${si}）找不到它的主公式，文件可能已损坏，无法确定这个单元格的值`,
      });
    }
    for (const ref of this.merges) this.spread(ref);
    const rows = Array.from(this.rows, (row) => Array.from(row ?? [], (cell) => cell ?? null));
    return {
      name: this.name,
      rows,
      mergeOf: this.mergeOf,
      formulasWithoutResult: this.formulasWithoutResult,
    };
  }

  private refuse(why: string): never {
    throw new Refusal(`工作表“${this.name}”${why}`);
  }

  private put(cell: CellElement): void {
    const { formula } = cell;
    if (formula?.shared && formula.si !== null) {
      if (formula.master) this.masters.add(formula.si);
      else this.sharers.push({ si: formula.si, at: cell.at, shown: cell.value ?? '' });
    }
    const value = this.valueOf(cell);
    if (value !== null) this.set(cell.at, value);
  }

  private set(at: Position, value: Cell): void {
    (this.rows[at.row] ??= [])[at.col] = value;
    this.lastRow = Math.max(this.lastRow, at.row);
    this.lastCol = Math.max(this.lastCol, at.col);
  }

  private valueOf(cell: CellElement): Cell {
    const { at, type, value, formula } = cell;
    if (type === 'inlineStr') return cell.inline;
    if (value === null) {
      if (formula) this.formulasWithoutResult.push(addressOf(at.row, at.col));
      return null;
    }
    if (value === '') return null;
    switch (type) {
      case 's': {
        const text = this.parts.sharedStrings[Number(value)];
        return text ?? { shown: '', reason: `指向不存在的共享字符串（第 ${value} 个），文件已损坏` };
      }
      case 'str':
        return value;
      case 'b':
        return value === '1' ? 'true' : 'false';
      case 'e':
        return {
          shown: value,
          reason: formula
            ? `公式的计算结果是错误值 ${value}，请在 Excel 中改正公式后再保存`
            : `单元格是错误值 ${value}`,
        };
      case 'd':
        return { shown: value, reason: `单元格是日期（${value}），不是金额` };
      default:
        return this.number(at, value, cell.style);
    }
  }

  private number(at: Position, value: string, style: number): Cell {
    if (!EXCEL_NUMBER.test(value))
      return {
        shown: value,
        reason: `数值“${value}”不是 Excel 保存数字的写法（文件可能已损坏或被改动），不能当作金额读入`,
      };
    const number = Number(value);
    if (!this.parts.dateStyles.has(style)) return number;
    const shown = this.dateText(number);
    return {
      shown,
      reason: `单元格设为日期格式（显示为 ${shown}），其数值 ${value} 不能当作金额读入；如果是金额，请在 Excel 中把单元格格式改为数值`,
    };
  }

  /**
   * A date serial as Excel shows it, yyyy-mm-dd. In the 1900 system Excel counts a 1900-02-29 that
   * never was (serial 60, kept from Lotus 1-2-3), so serials before it are one day later than counted.
   */
  private dateText(serial: number): string {
    const day = Math.floor(serial);
    const { date1904 } = this.parts;
    if (!date1904 && day === 60) return '1900-02-29';
    const days = day - (date1904 ? EPOCH_DAYS[1904] : EPOCH_DAYS[1900]) + (!date1904 && day < 60 ? 1 : 0);
    const date = new Date(days * DAY_MS);
    return Number.isNaN(date.getTime()) ? String(serial) : date.toISOString().slice(0, 10);
  }

  /** Spreads a merge's value over the cells it covers, clipped to the cells the sheet has. */
  private spread(ref: string): void {
    const [from, to = from] = ref.split(':');
    const top = parseAddress(from ?? '');
    const bottom = parseAddress(to ?? '');
    if (top === null || bottom === null || bottom.row < top.row || bottom.col < top.col)
      this.refuse(`的合并区域“${ref}”无效`);
    const area = (bottom.row - top.row + 1) * (bottom.col - top.col + 1);
    if (area > MAX_MERGE_CELLS) {
      this.refuse(
        `的合并区域 ${ref} 有 ${area.toLocaleString('en-US')} 个单元格，远大于报表中的任何合并（上限 ${MAX_MERGE_CELLS.toLocaleString('en-US')}），可能是恶意构造的文件`,
      );
    }
    const lastRow = Math.min(bottom.row, this.lastRow);
    const lastCol = Math.min(bottom.col, this.lastCol);
    if (lastRow < top.row || lastCol < top.col) return;
    this.cells.take((lastRow - top.row + 1) * (lastCol - top.col + 1), this.name);
    const master = addressOf(top.row, top.col);
    const value = this.rows[top.row]?.[top.col] ?? null;
    for (let r = top.row; r <= lastRow; r++) {
      const row = (this.rows[r] ??= []);
      for (let c = top.col; c <= lastCol; c++) {
        this.mergeOf.set(`${r},${c}`, master);
        row[c] = value;
      }
    }
  }
}

/** The grid of a sheet; null when its part is missing; a Refusal naming the sheet when it is past a limit or broken. */
export function readSheetGrid(
  archive: Archive,
  sheet: SheetPart,
  parts: WorkbookParts,
  cells: CellBudget,
): Grid | null {
  if (sheet.path === null) return null;
  const reader = new SheetReader(sheet.name, parts, cells);
  const found = readXmlPart(archive, sheet.path, {
    open: (name, attributes) => reader.open(name, attributes),
    close: (name) => reader.close(name),
    text: (text) => reader.text(text),
  });
  return found ? reader.finish() : null;
}
