/**
 * One table as CSV, for people who keep or check figures in Excel or WPS.
 *
 * Writing: a title line (table, title, unit), a header line, then one line per row; RFC 4180
 * quoting, CRLF line ends. UTF-8 gets a BOM, without which Excel shows Chinese as mojibake;
 * GB18030 is what Excel on Chinese Windows reads and writes by default.
 *
 * Reading is lenient about what Excel does to a file (GB18030, columns moved, grouped amounts,
 * code and name in one cell, title lines above the header) and says in Chinese, naming the file
 * and the line, what it could not place. A file that is not this table's CSV is refused whole.
 */
import type { Workbook } from '../engine/workbook';
import type { ColumnInfo, RowInfo, TableInfo } from '../engine/structure';
import type { ReportRow } from '../model/report';
import { parseAmount, toDecimalString, type AmountUnit } from '../money/money';
import { encodeGb18030 } from './gb18030';
import { BAD_UTF8, decodeText } from './textFile';
import { formatDelimited } from './tsv';

export class CsvError extends Error {
  override name = 'CsvError';
}

export interface CsvImport {
  rows: ReportRow[];
  problems: string[];
}

const CODE_HEADER = '科目编码';
const NAME_HEADER = '科目名称';

// ── layout ─────────────────────────────────────────────────────────────────────────────────

/** What a key column tells about a line's row; `field:…` is another text field of a listed row. */
type KeyField = 'code' | 'name' | 'hangci' | 'side' | `field:${string}`;

/**
 * The columns before the amounts, which say which row a line is: the header written first, then
 * other headers people use for it (the printed 功能分类科目编码 or 科目代码, the generic 科目编码).
 */
function keyColumns(table: TableInfo): { field: KeyField; headers: string[] }[] {
  const { codeHeader = CODE_HEADER, nameHeader = NAME_HEADER } = table.template;
  switch (table.template.layout) {
    case 'code-keyed':
      return [
        { field: 'code', headers: [CODE_HEADER, codeHeader] },
        { field: 'name', headers: [NAME_HEADER, nameHeader] },
      ];
    case 'three-group':
      return [
        { field: 'code', headers: [codeHeader, CODE_HEADER] },
        { field: 'name', headers: [nameHeader, NAME_HEADER] },
      ];
    case 'two-sided':
      return [
        { field: 'hangci', headers: ['行次'] },
        { field: 'name', headers: ['项目'] },
        { field: 'side', headers: ['收支'] },
      ];
    case 'single-row':
      return [];
    case 'listed':
      return table.template.listScheme!.fields.map((f) => ({
        field: f.key === 'code' || f.key === 'name' ? f.key : (`field:${f.key}` as const),
        headers: [f.label],
      }));
  }
}

/**
 * Header of each amount column: the printed leaf label where it is unique in the table, else the
 * whole label path (09 has 合计 under both 预算数 and 决算数), else the side too (01 has two 金额).
 */
function amountHeaders(table: TableInfo): string[] {
  const isUnique = (values: string[], value: string) => values.filter((v) => v === value).length === 1;
  const leaves = table.columns.map((c) => c.leaf);
  const labels = table.columns.map((c) => c.label);
  return table.columns.map((c) => {
    if (isUnique(leaves, c.leaf)) return c.leaf;
    return isUnique(labels, c.label) ? c.label : `${c.side}/${c.label}`;
  });
}

// ── writing ────────────────────────────────────────────────────────────────────────────────

/**
 * Spreadsheets run a cell that starts with = + - @ (or a tab or CR) as a formula, so every text
 * written (headers, codes, names, fields, invalid text typed into an amount cell) gets an apostrophe
 * in front, which Excel shows as text. A code is text like any other: a report file can hold
 * "=HYPERLINK(…)" as a code. Amounts are written as they are: "-12.00" is a number, not a formula.
 */
function escapeText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** Undoes escapeText: only an apostrophe it could have added goes; one typed before a letter stays. */
function unescapeText(text: string): string {
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

/** A key cell of a row as the report holds it (escaped when written, compared as it is when read). */
function keyCell(row: RowInfo, field: KeyField): string {
  switch (field) {
    case 'code':
      return row.code ?? '';
    case 'name':
      return row.name ?? '';
    case 'hangci':
      return row.hangci === null ? '' : String(row.hangci);
    case 'side':
      return row.side ?? '';
    default:
      return row.fields?.[field.slice('field:'.length)] ?? '';
  }
}

/** The figure shown (canonical), or the text typed (a text column's, or one that is not a number); blank where the row has no cell. */
function amountCell(workbook: Workbook, row: RowInfo, column: ColumnInfo): string {
  if (row.cells[column.index] === undefined) return '';
  const cell = workbook.cell({ table: row.table.id, row: row.key, column: column.key });
  const text = cell.invalidText ?? cell.text;
  return text !== null ? escapeText(text) : (cell.value ?? '');
}

export function exportTableCsv(
  workbook: Workbook,
  tableId: string,
  options: { encoding?: 'utf-8' | 'gb18030' } = {},
): Uint8Array {
  const table = workbook.structure.tableById.get(tableId);
  if (!table) throw new CsvError(`没有“${tableId}”，无法导出`);
  const keys = keyColumns(table);
  const lines = [
    // Says which table and unit the figures are, so that importing checks both.
    [escapeText(table.id), escapeText(table.template.title), `单位：${workbook.unit ?? '（未注明）'}`],
    [...keys.map((k) => k.headers[0]!), ...amountHeaders(table)].map(escapeText),
    ...table.rows
      .filter((row) => !row.spare)
      .map((row) => [
        ...keys.map((k) => escapeText(keyCell(row, k.field))),
        ...table.columns.map((c) => amountCell(workbook, row, c)),
      ]),
  ];
  const text = formatDelimited(lines, ',');
  if (options.encoding === 'gb18030') return encodeGb18030(text);
  // U+FEFF encodes as the UTF-8 BOM.
  return new TextEncoder().encode(`\uFEFF${text}`);
}

// ── reading: bytes to lines ────────────────────────────────────────────────────────────────

function fail(fileName: string, why: string): never {
  throw new CsvError(`无法导入“${fileName}”：${why}`);
}

/** The file's text (UTF-8, else GB18030 as Excel on Chinese Windows saves it). */
function decode(fileName: string, bytes: Uint8Array): string {
  const decoded = decodeText(bytes);
  if ('text' in decoded) return decoded.text;
  fail(
    fileName,
    decoded.problem === 'notText'
      ? '文件不是文本（CSV）文件，可能是 Excel 工作簿（.xlsx）或其他类型的文件；请在 Excel 中另存为 CSV 后再导入'
      : BAD_UTF8,
  );
}

interface CsvLine {
  /** Numbered as Excel numbers rows: a line break inside a quoted cell does not start a new one. */
  line: number;
  cells: string[];
}

/** One cell: an optional quoted part (Excel keeps text after the closing quote), unquoted text, its end. */
const CELL = /(?:"((?:[^"]|"")*)")?([^,\r\n]*)(,|\r\n|\n|\r|$)/y;

/** RFC 4180 records, leaving out lines whose cells are all empty. */
function parseCsv(text: string): CsvLine[] {
  const lines: CsvLine[] = [];
  let cells: string[] = [];
  let line = 1;
  CELL.lastIndex = 0;
  while (CELL.lastIndex < text.length) {
    const [, quoted, plain = '', end] = CELL.exec(text)!;
    cells.push((quoted?.replace(/""/g, '"') ?? '') + plain);
    // A comma at the very end of the file ends the record too: a missing last cell reads as empty.
    if (end === ',' && CELL.lastIndex < text.length) continue;
    if (cells.some((c) => c.trim() !== '')) lines.push({ line, cells });
    cells = [];
    line++;
  }
  return lines;
}

// ── reading: lines to rows ─────────────────────────────────────────────────────────────────

/** Labels compare equal whatever spacing is at the ends and whichever width of brackets was typed. */
function normalLabel(text: string): string {
  return unescapeText(text.trim()).replace(/（/g, '(').replace(/）/g, ')');
}

/** Which cell of a line holds what. */
interface Header {
  line: CsvLine;
  amounts: { position: number; column: ColumnInfo }[];
  keys: Map<KeyField, number>;
}

/** The first line naming a key column (if the table has any) and at least one amount column. */
function findHeader(table: TableInfo, lines: CsvLine[]): Header | undefined {
  const columnByHeader = new Map(amountHeaders(table).map((h, i) => [normalLabel(h), table.columns[i]!]));
  const keyColumnList = keyColumns(table);
  for (const line of lines) {
    const labels = line.cells.map(normalLabel);
    const amounts = labels.flatMap((label, position) => {
      const column = columnByHeader.get(label);
      return column ? [{ position, column }] : [];
    });
    const keys = new Map<KeyField, number>();
    for (const { field, headers } of keyColumnList) {
      const position = labels.findIndex((label) => headers.some((h) => normalLabel(h) === label));
      if (position >= 0) keys.set(field, position);
    }
    if (amounts.length > 0 && (keyColumnList.length === 0 || keys.size > 0)) return { line, amounts, keys };
  }
  return undefined;
}

/** The unit the title lines above the header name, after checking they name this table if any. */
function readTitle(fileName: string, table: TableInfo, titleLines: CsvLine[]): AmountUnit | undefined {
  let unit: AmountUnit | undefined;
  for (const cell of titleLines.flatMap((l) => l.cells.map((c) => c.trim()))) {
    if (/^公开\d+表$/.test(cell) && cell !== table.id)
      fail(fileName, `文件是${cell}的数据，不能导入${table.id}`);
    const mark = /^(?:金额)?单位[:：]\s*(万元|元)$/.exec(cell);
    if (mark) unit = mark[1] as AmountUnit;
  }
  return unit;
}

interface Reader {
  fileName: string;
  table: TableInfo;
  header: Header;
  fileUnit: AmountUnit | null;
  reportUnit: AmountUnit | null;
  problems: string[];
}

function at(reader: Reader, line: CsvLine): string {
  return `“${reader.fileName}”第 ${line.line} 行：`;
}

function keyText(reader: Reader, line: CsvLine, field: KeyField): string {
  const position = reader.header.keys.get(field);
  return position === undefined ? '' : unescapeText((line.cells[position] ?? '').trim());
}

/** What a line says about its row, or why it cannot be placed. `row` is set for a fixed row, which may lack some columns. */
type Found = { report: Omit<ReportRow, 'values'>; row?: RowInfo } | { problem: string };

function fixedRow(row: RowInfo): Found {
  return { report: { role: row.key, name: row.name, side: row.side, hangci: row.hangci }, row };
}

/**
 * Code-keyed rows and 06 by code: "2080101", "2080101 行政运行" (code and name in one cell) or
 * "2080101.0" (Excel's number format). Lines without a code are the 合计-type rows, found by name.
 */
function findCodedRow(reader: Reader, line: CsvLine): Found {
  const { table } = reader;
  const codeText = keyText(reader, line, 'code');
  const named = keyText(reader, line, 'name');
  if (!/\d/.test(codeText)) {
    const label = normalLabel(named || codeText).replace(/\s/g, '');
    const row = table.rows.find((r) => r.code === null && normalLabel(r.name ?? '') === label);
    if (!row) return { problem: `没有科目编码${named ? `（科目名称“${named}”）` : ''}，已跳过` };
    return table.codeKeyed ? { report: { code: null, name: row.name } } : fixedRow(row);
  }
  const [, code = '', nameInCode] = /^(\S+?)(?:\.0+)?(?:\s+(.+))?$/.exec(codeText)!;
  const lengths = table.template.codeScheme!.lengths;
  if (!/^\d+$/.test(code) || !lengths.includes(code.length)) {
    return { problem: `科目编码“${code}”不符合 ${lengths.join('/')} 位编码，已跳过` };
  }
  if (table.codeKeyed) return { report: { code, name: named || nameInCode?.trim() || null } };
  const row = table.rowByCode.get(code);
  return row ? fixedRow(row) : { problem: `科目编码“${code}”不在${table.id}中，已跳过` };
}

/**
 * By 行次 when the label agrees or is blank (行次 change between years), else by label; a label on
 * several lines of a side fills them in order (04's （一）一般公共预算拨款 under 本年 and 结转).
 */
function findTwoSidedRow(reader: Reader, line: CsvLine, claimed: Set<RowInfo>): Found {
  const hangciText = keyText(reader, line, 'hangci');
  const label = normalLabel(keyText(reader, line, 'name'));
  const side = keyText(reader, line, 'side');
  const hangci = /^\d+(?:\.0+)?$/.test(hangciText) ? Number.parseInt(hangciText, 10) : null;
  const candidates = reader.table.rows.filter((r) => !r.spare && (side === '' || r.side === side));
  const sameLabel = (r: RowInfo) => normalLabel(r.name ?? '') === label;
  const byHangci = candidates.find((r) => hangci !== null && r.hangci === hangci);
  const byLabel = candidates.find((r) => sameLabel(r) && !claimed.has(r));
  const row = byHangci && (label === '' || sameLabel(byHangci)) ? byHangci : byLabel;
  if (row) claimed.add(row);
  return row
    ? fixedRow(row)
    : {
        problem: `${reader.table.id}中没有${hangciText ? `行次 ${hangciText} ` : ''}“${label}”这一行，已跳过`,
      };
}

/** A listed row by every key field the file has: codes, names, 类型, 项目单位 … (twins by their order). */
function findListedRow(reader: Reader, line: CsvLine, claimed: Set<RowInfo>): Found {
  const wanted = [...reader.header.keys.keys()].map((field) => ({
    field,
    text: keyText(reader, line, field),
  }));
  const matches = reader.table.rows.filter(
    (row) => !claimed.has(row) && wanted.every(({ field, text }) => keyCell(row, field) === text),
  );
  const row = matches[0];
  if (!row)
    return {
      problem: `${reader.table.id}中没有“${wanted
        .map((w) => w.text)
        .filter(Boolean)
        .join(' ')}”这一行，请先在表中加入，已跳过`,
    };
  claimed.add(row);
  return fixedRow(row);
}

function findRow(reader: Reader, line: CsvLine, index: number, claimed: Set<RowInfo>): Found {
  switch (reader.table.template.layout) {
    case 'listed':
      return findListedRow(reader, line, claimed);
    case 'code-keyed':
    case 'three-group':
      return findCodedRow(reader, line);
    case 'two-sided':
      return findTwoSidedRow(reader, line, claimed);
    case 'single-row':
      return index === 0
        ? fixedRow(reader.table.rows[0]!)
        : { problem: `${reader.table.id}只有一行数据，这一行已跳过` };
  }
}

/** An amount in the report's unit, canonical; text that is not a number stays as typed, for the engine to flag. */
function amountValue(reader: Reader, text: string): string | null {
  const amount = parseAmount(text, { reportUnit: reader.reportUnit, entryUnit: reader.fileUnit });
  if (!amount.ok) return text;
  return amount.value === null ? null : toDecimalString(amount.value);
}

/** The line's amounts by column key; a figure in a column the row does not have is a problem. */
function readValues(reader: Reader, line: CsvLine, row: RowInfo | undefined): Record<string, string | null> {
  const values: Record<string, string | null> = {};
  for (const { position, column } of reader.header.amounts) {
    const text = unescapeText(line.cells[position] ?? '');
    if (row === undefined || row.cells[column.index] !== undefined)
      values[column.key] = amountValue(reader, text);
    else if (text.trim() !== '') {
      const label = reader.header.line.cells[position]!.trim();
      reader.problems.push(`${at(reader, line)}栏目“${label}”不属于这一行，值 ${text} 未导入`);
    }
  }
  return values;
}

/** Header cells that are no column of the table, and columns the file lacks. */
function columnProblems(reader: Reader): string[] {
  const { table, header } = reader;
  const used = new Set([...header.keys.values(), ...header.amounts.map((a) => a.position)]);
  const extra = header.line.cells
    .map((label, position) => ({ label: label.trim(), position }))
    .filter(({ label, position }) => label !== '' && !used.has(position))
    .map(({ label }) => `${at(reader, header.line)}栏目“${label}”不是${table.id}的栏目，已忽略`);
  const present = new Set(header.amounts.map((a) => a.column));
  const headers = amountHeaders(table);
  const missing = table.columns
    .filter((c) => !present.has(c))
    .map((c) => `${at(reader, header.line)}缺少栏目“${headers[c.index]}”，该栏未导入`);
  return [...extra, ...missing];
}

export function importTableCsv(
  fileName: string,
  bytes: Uint8Array,
  table: TableInfo,
  reportUnit: AmountUnit | null,
): CsvImport {
  const lines = parseCsv(decode(fileName, bytes));
  if (lines.length === 0) fail(fileName, '文件是空的');
  const header = findHeader(table, lines);
  if (!header) {
    const expected = [...keyColumns(table).map((k) => k.headers[0]), ...amountHeaders(table)].slice(0, 4);
    fail(
      fileName,
      `找不到${table.id}的表头（应有“${expected.join('”“')}”等栏目），可能不是这张表的 CSV 文件`,
    );
  }
  const start = lines.indexOf(header.line);
  const fileUnit = readTitle(fileName, table, lines.slice(0, start)) ?? reportUnit;
  const reader: Reader = { fileName, table, header, fileUnit, reportUnit, problems: [] };
  if (fileUnit !== reportUnit && reportUnit !== null)
    reader.problems.push(`“${fileName}”的金额单位是${fileUnit}，已换算为报表的单位${reportUnit}`);
  reader.problems.push(...columnProblems(reader));

  const rows: ReportRow[] = [];
  const seen = new Set<string>();
  const claimed = new Set<RowInfo>();
  for (const [index, line] of lines.slice(start + 1).entries()) {
    const found = findRow(reader, line, index, claimed);
    if ('problem' in found) {
      // A line with neither name nor figure loses nothing by being skipped (the spare lines of 01 and 04).
      const holdsSomething =
        keyText(reader, line, 'name') !== '' ||
        header.amounts.some(({ position }) => (line.cells[position] ?? '').trim() !== '');
      if (holdsSomething) reader.problems.push(at(reader, line) + found.problem);
      continue;
    }
    const key = found.report.role ?? found.report.code ?? found.report.name ?? '';
    if (seen.has(key)) {
      reader.problems.push(
        `${at(reader, line)}“${found.report.code ?? found.report.name}”重复出现，只导入第一次出现的那一行`,
      );
      continue;
    }
    seen.add(key);
    rows.push({ ...found.report, values: readValues(reader, line, found.row) });
  }
  return { rows, problems: reader.problems };
}
