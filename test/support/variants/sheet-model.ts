/**
 * A simple model of a workbook of public tables, for generating test files: each sheet is cut into
 * bands (the lines above the meta line, the 部门/年度/单位 line, the header rows, the 栏次 row, the
 * data rows, the 注/说明 lines), and every column knows what it holds (行次, a code, a piece of a
 * code, a name, an amount, other text). Transformations edit the bands; writeBook lays them out
 * one below the other again.
 *
 * The model is extracted from the canonical sample files, whose layouts the cutting rules below
 * know; it is test code and does not try to read arbitrary files (that is the program's job).
 */
import ExcelJS from 'exceljs';

export type Value = string | number | null;

/** A merged area, 0-based and inclusive, relative to its band. */
export interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Rows of cells and their merges. A merged area's value is in its top-left cell; the others are null. */
export interface Band {
  rows: Value[][];
  merges: Rect[];
}

export type ColumnKind =
  /** 行次 */
  | 'hangci'
  /** A classification code in one cell (功能分类科目编码, 经济分类科目编码 …). */
  | 'subjectCode'
  /** One piece (类, 款 or 项) of a classification code printed in pieces. */
  | 'piece'
  /** A code that is not a classification code (单位代码, 项目编码). */
  | 'otherCode'
  /** 科目名称, or the 项目 labels of a two-sided table. */
  | 'name'
  | 'amount'
  /** Other text (类型, 项目单位, 绩效目标). */
  | 'text';

export const BANDS = ['top', 'meta', 'header', 'lanci', 'body', 'notes'] as const;
export type BandName = (typeof BANDS)[number];

export interface SheetModel {
  name: string;
  /** The template table the sheet is (known for the canonical samples, kept by every transformation). */
  table: string;
  /** The title as printed. */
  title: string;
  /** A 绩效 form (整体绩效目标表): no meta line and no grid; everything below the title is in `body`, as it is. */
  form: boolean;
  top: Band;
  meta: Band;
  header: Band;
  lanci: Band;
  body: Band;
  notes: Band;
  columns: ColumnKind[];
}

export interface BookModel {
  sheets: SheetModel[];
}

export const text = (value: Value | undefined): string =>
  value === null || value === undefined ? '' : String(value).trim();
export const isDigits = (value: Value | undefined): boolean => /^\d+$/u.test(text(value));
export const TABLE_CODE = /^(公开|预算)\d{2}表$/u;
export const CODE_PIECES = ['类', '款', '项'];

export const emptyBand = (): Band => ({ rows: [], merges: [] });

export const CODE_KINDS: ColumnKind[] = ['subjectCode', 'piece', 'otherCode'];

export const columnsOf = (sheet: SheetModel, kinds: ColumnKind[]) =>
  sheet.columns.flatMap((kind, c) => (kinds.includes(kind) ? [c] : []));

/** The code of a data row in a group of code columns: one cell, or pieces joined (208 | 01 | 01). */
export function codeIn(row: Value[], cols: number[]): string | null {
  let code = '';
  for (const [i, c] of cols.entries()) {
    if (!isDigits(row[c])) break;
    code += i === 0 ? text(row[c]) : text(row[c]).padStart(2, '0');
  }
  return code || null;
}

/** Consecutive piece columns are one code; any other code column is one by itself. */
export function codeGroups(sheet: SheetModel, cols: number[]): number[][] {
  const groups: number[][] = [];
  for (const c of cols) {
    const last = groups.at(-1);
    if (
      last &&
      sheet.columns[c] === 'piece' &&
      sheet.columns[last.at(-1)!] === 'piece' &&
      last.at(-1) === c - 1
    )
      last.push(c);
    else groups.push([c]);
  }
  return groups;
}

// ── reading the canonical files ───────────────────────────────────────────────────────────

function parseRange(range: string): Rect {
  const [from, to = from] = range.split(':') as [string, string?];
  const at = (ref: string) => {
    const [, letters, digits] = /^([A-Z]+)(\d+)$/u.exec(ref)!;
    const col = [...letters!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    return { row: Number(digits) - 1, col };
  };
  const a = at(from);
  const b = at(to!);
  return { top: a.row, left: a.col, bottom: b.row, right: b.col };
}

function plain(value: ExcelJS.CellValue): Value {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((t) => t.text).join('');
  throw new Error(`the canonical samples hold plain values only, not ${JSON.stringify(value)}`);
}

/** A band of rows [from, to) of a sheet's grid, with the merges that start in it. */
function cut(grid: Value[][], merges: Rect[], from: number, to: number): Band {
  const inside = merges.filter((m) => m.top >= from && m.top < to);
  for (const m of inside)
    if (m.bottom >= to) throw new Error(`a merge crosses the band boundary at row ${to + 1}`);
  return {
    rows: grid.slice(from, to),
    merges: inside.map((m) => ({ ...m, top: m.top - from, bottom: m.bottom - from })),
  };
}

/** Every header cell with the text of the merged area it is in (how a reader sees merged cells). */
export function labelsOf(band: Band): string[][] {
  const labels = band.rows.map((row) => row.map(text));
  for (const m of band.merges) {
    for (let r = m.top; r <= m.bottom; r++)
      for (let c = m.left; c <= m.right; c++) labels[r]![c] = text(band.rows[m.top]![m.left]);
  }
  return labels;
}

/** A header column's labels from top to bottom, a merged label once. */
export function headerPath(labels: string[][], col: number): string[] {
  const path: string[] = [];
  for (const row of labels) {
    const label = row[col] ?? '';
    if (label && path.at(-1) !== label) path.push(label);
  }
  return path;
}

const isAmountText = (value: string) => /^-?[\d,]+(\.\d+)?$/u.test(value);

function kindOf(path: string[], values: Value[]): ColumnKind {
  const leaf = path.at(-1) ?? '';
  if (leaf === '行次') return 'hangci';
  if (CODE_PIECES.includes(leaf)) return 'piece';
  if (/编码|代码/u.test(leaf))
    return path.some((label) => label.includes('科目')) ? 'subjectCode' : 'otherCode';
  if (/名称/u.test(leaf) || leaf === '项目') return 'name';
  return values.some((v) => typeof v === 'string' && v.trim() !== '' && !isAmountText(v)) ? 'text' : 'amount';
}

/**
 * Cuts a canonical sheet into bands. The meta line is the one with 单位：; the notes start at the
 * first 注/说明/备注 line below it; the data start at the first line holding a number (行次 and
 * figures are numbers, header and 栏次 cells are text), or, in a table without any figure, at
 * its one 合计 line just above the notes; a 栏次 row is the line right above the data.
 */
function extractSheet(sheet: ExcelJS.Worksheet, table: string): SheetModel {
  const merges = (sheet.model.merges ?? []).map(parseRange);
  const slave = new Set(
    merges.flatMap((m) => {
      const cells: string[] = [];
      for (let r = m.top; r <= m.bottom; r++)
        for (let c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) cells.push(`${r},${c}`);
      return cells;
    }),
  );
  const width = Math.max(sheet.columnCount, ...merges.map((m) => m.right + 1));
  const height = Math.max(sheet.rowCount, ...merges.map((m) => m.bottom + 1));
  const grid: Value[][] = Array.from({ length: height }, (_, r) =>
    Array.from({ length: width }, (_, c) =>
      slave.has(`${r},${c}`) ? null : plain(sheet.getCell(r + 1, c + 1).value),
    ),
  );
  const firstText = (r: number) => text(grid[r]?.find((v) => text(v) !== ''));
  const titleRow = grid.findIndex((_, r) => firstText(r) !== '' && !TABLE_CODE.test(firstText(r)));
  const metaRow = grid.findIndex((row) => row.some((v) => /^单位[：:]/u.test(text(v))));
  const base = { name: sheet.name, table, title: firstText(titleRow) };
  if (metaRow < 0) {
    return {
      ...base,
      form: true,
      top: cut(grid, merges, 0, titleRow + 1),
      meta: emptyBand(),
      header: emptyBand(),
      lanci: emptyBand(),
      body: cut(grid, merges, titleRow + 1, height),
      notes: emptyBand(),
      columns: [],
    };
  }
  const notesRow = grid.findIndex((_, r) => r > metaRow && /^(注|说明|备注)/u.test(firstText(r)));
  const end = notesRow < 0 ? height : notesRow;
  const figureRow = grid.findIndex(
    (row, r) => r > metaRow && r < end && row.some((v) => typeof v === 'number'),
  );
  const bodyStart = figureRow >= 0 ? figureRow : end - 1;
  const above = grid[bodyStart - 1]?.map(text).filter(Boolean) ?? [];
  const isLanci =
    bodyStart - 1 > metaRow &&
    (above.includes('栏次') || (above.length > 1 && above.every((t, i) => t === String(i + 1))));
  const headerEnd = isLanci ? bodyStart - 1 : bodyStart;
  const header = cut(grid, merges, metaRow + 1, headerEnd);
  const body = cut(grid, merges, bodyStart, end);
  const labels = labelsOf(header);
  return {
    ...base,
    form: false,
    top: cut(grid, merges, 0, metaRow),
    meta: cut(grid, merges, metaRow, metaRow + 1),
    header,
    lanci: cut(grid, merges, headerEnd, bodyStart),
    body,
    notes: cut(grid, merges, end, height),
    columns: Array.from({ length: width }, (_, c) =>
      kindOf(
        headerPath(labels, c),
        body.rows.map((row) => row[c] ?? null),
      ),
    ),
  };
}

/** The model of a canonical file; `tables` names the template table of each sheet, in sheet order. */
export async function readBook(bytes: Uint8Array, tables: readonly string[]): Promise<BookModel> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  if (book.worksheets.length !== tables.length)
    throw new Error(`${book.worksheets.length} sheets, but ${tables.length} tables named`);
  return { sheets: book.worksheets.map((sheet, i) => extractSheet(sheet, tables[i]!)) };
}

// ── writing ───────────────────────────────────────────────────────────────────────────────

export async function writeBook(book: BookModel): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  for (const sheet of book.sheets) {
    const out = workbook.addWorksheet(sheet.name);
    for (const name of BANDS) {
      const band = sheet[name];
      const offset = bandOffset(sheet, name);
      band.rows.forEach((row, r) =>
        row.forEach((value, c) => value !== null && (out.getCell(offset + r + 1, c + 1).value = value)),
      );
      for (const m of band.merges)
        out.mergeCells(offset + m.top + 1, m.left + 1, offset + m.bottom + 1, m.right + 1);
    }
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** How many sheet rows lie above a band. */
export function bandOffset(sheet: SheetModel, band: BandName): number {
  return BANDS.slice(0, BANDS.indexOf(band)).reduce((n, name) => n + sheet[name].rows.length, 0);
}

// ── editing bands ─────────────────────────────────────────────────────────────────────────

/** The top-left cell of the merged area (r, c) is in, or (r, c) itself. */
export function masterOf(band: Band, r: number, c: number): [number, number] {
  const m = band.merges.find((m) => r >= m.top && r <= m.bottom && c >= m.left && c <= m.right);
  return m ? [m.top, m.left] : [r, c];
}

export function valueAt(band: Band, r: number, c: number): Value {
  const [mr, mc] = masterOf(band, r, c);
  return band.rows[mr]?.[mc] ?? null;
}

/** Removes lines (rows, or columns) of a band; a merged area keeps its value in its first remaining cell. */
function removeLines(band: Band, axis: 'row' | 'col', gone: Set<number>): void {
  const [from, to] = axis === 'row' ? (['top', 'bottom'] as const) : (['left', 'right'] as const);
  const remap = (i: number) => i - [...gone].filter((g) => g < i).length;
  band.merges = band.merges.flatMap((m) => {
    const kept: number[] = [];
    for (let i = m[from]; i <= m[to]; i++) if (!gone.has(i)) kept.push(i);
    if (kept.length === 0) return [];
    const first = kept[0]!;
    if (first !== m[from]) {
      const value = band.rows[m.top]![m.left]!;
      band.rows[m.top]![m.left] = null;
      if (axis === 'row') band.rows[first]![m.left] = value;
      else band.rows[m.top]![first] = value;
    }
    const moved = { ...m, [from]: remap(first), [to]: remap(kept.at(-1)!) };
    return moved.top === moved.bottom && moved.left === moved.right ? [] : [moved];
  });
  band.rows =
    axis === 'row'
      ? band.rows.filter((_, r) => !gone.has(r))
      : band.rows.map((row) => row.filter((_, c) => !gone.has(c)));
}

export const removeRows = (band: Band, rows: Iterable<number>) => removeLines(band, 'row', new Set(rows));

/** Inserts rows before row `at`; merges that span the insertion point grow. */
export function insertRows(band: Band, at: number, rows: Value[][], merges: Rect[] = []): void {
  band.merges = band.merges.map((m) =>
    m.top >= at
      ? { ...m, top: m.top + rows.length, bottom: m.bottom + rows.length }
      : m.bottom >= at
        ? { ...m, bottom: m.bottom + rows.length }
        : m,
  );
  band.merges.push(...merges.map((m) => ({ ...m, top: m.top + at, bottom: m.bottom + at })));
  band.rows.splice(at, 0, ...rows);
}

/** Removes columns from every band of a sheet. */
export function removeColumns(sheet: SheetModel, cols: Iterable<number>): void {
  const gone = new Set(cols);
  for (const name of BANDS) removeLines(sheet[name], 'col', gone);
  sheet.columns = sheet.columns.filter((_, c) => !gone.has(c));
}

/** Inserts empty columns of the given kinds before column `at` in every band; merges spanning it grow. */
export function insertColumns(sheet: SheetModel, at: number, kinds: ColumnKind[]): void {
  const n = kinds.length;
  for (const name of BANDS) {
    const band = sheet[name];
    band.merges = band.merges.map((m) =>
      m.left >= at
        ? { ...m, left: m.left + n, right: m.right + n }
        : m.right >= at
          ? { ...m, right: m.right + n }
          : m,
    );
    for (const row of band.rows) if (row.length > 0) row.splice(at, 0, ...kinds.map(() => null));
  }
  sheet.columns.splice(at, 0, ...kinds);
}

/**
 * A header band from its labels, every cell of a merged area holding the area's label: adjacent
 * cells with the same label (and, side by side, the same labels above them) become one merge.
 */
function headerOfLabels(labels: string[][]): Band {
  const covered = labels.map((row) => row.map(() => false));
  const rows: Value[][] = labels.map((row) => row.map(() => null));
  const merges: Rect[] = [];
  const sameAbove = (r: number, a: number, b: number) => labels.slice(0, r).every((row) => row[a] === row[b]);
  labels.forEach((row, r) =>
    row.forEach((label, c) => {
      if (covered[r]![c] || label === '') return;
      let right = c;
      while (
        right + 1 < row.length &&
        !covered[r]![right + 1] &&
        row[right + 1] === label &&
        sameAbove(r, c, right + 1)
      )
        right++;
      let bottom = r;
      while (
        bottom + 1 < labels.length &&
        labels[bottom + 1]!.slice(c, right + 1).every((l, i) => l === label && !covered[bottom + 1]![c + i])
      )
        bottom++;
      for (let rr = r; rr <= bottom; rr++) for (let cc = c; cc <= right; cc++) covered[rr]![cc] = true;
      rows[r]![c] = label;
      if (right > c || bottom > r) merges.push({ top: r, left: c, bottom, right });
    }),
  );
  return { rows, merges };
}

/** Rewrites a sheet's header through its labels. */
export function editHeader(sheet: SheetModel, edit: (labels: string[][]) => string[][]): void {
  sheet.header = headerOfLabels(edit(labelsOf(sheet.header)));
}
