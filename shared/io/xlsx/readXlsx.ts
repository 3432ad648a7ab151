/**
 * Reads the .xlsx files finance offices circulate. Each sheet is recognised as one of the
 * template's tables by what it says (the 公开NN表 code, the title, the header labels), never by its
 * name or position; columns are mapped by their header labels and rows by code, 行次 or label.
 * Cached formula results are read (exceljs does not calculate). What cannot be placed is reported
 * in Chinese, naming the sheet and the cell.
 */
import ExcelJS from 'exceljs';
import type { ReportFile, ReportRow, ReportTable } from '../../model/report';
import { tableCode, type ColumnTemplate, type FieldTemplate, type TableMatch, type TableSetTemplate, type TableTemplate } from '../../model/template';
import { formRowName } from '../../engine/formRows';
import { builtInCatalog, type Catalog } from '../../templates/catalog';
import { archiveProblem } from './zipGuard';

export interface SheetMatch {
  sheet: string;
  table: string;
}

export interface XlsxImport {
  report: ReportFile;
  tables: SheetMatch[];
  unrecognized: { sheet: string; reason: string }[];
  /** Cells that could not be read, kept as text where they had a place. */
  problems: string[];
}

export class XlsxError extends Error {
  override name = 'XlsxError';
}

type Cell = string | number | null;

/** A sheet as a grid of plain values: merged cells repeat their value, as exceljs reads them. */
interface Grid {
  name: string;
  rows: Cell[][];
  /** The merge each merged cell belongs to (its master's address), by "row,column" (0-based). */
  mergeOf: Map<string, string>;
  formulasWithoutResult: string[];
}

const TABLE_CODE = /公开\d{2}表/u;

function plain(value: ExcelJS.CellValue, address: string, missing: string[]): Cell {
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
      cells[c - 1] = plain(cell.value, cell.address, formulasWithoutResult);
      if (cell.isMerged) mergeOf.set(`${r - 1},${c - 1}`, cell.master.address);
    });
    rows[r - 1] = cells;
  });
  return { name: sheet.name, rows: Array.from(rows, (r) => r ?? []), mergeOf, formulasWithoutResult };
}

const text = (cell: Cell | undefined): string => (cell === null || cell === undefined ? '' : String(cell).trim());
const squeeze = (s: string): string => s.replace(/\s+/gu, '').replace(/\(/gu, '（').replace(/\)/gu, '）');

/** A title line names the table when it has every word of one of its lists and none of its other words. */
function isTitleOf(title: string, match: TableMatch): boolean {
  if (!/表|经费$/u.test(title) || /^(部门|单位)/u.test(title)) return false;
  return match.titleWords.some((words) => words.every((w) => title.includes(w))) && !(match.notWords ?? []).some((w) => title.includes(w));
}

/** The texts of a sheet's first lines, where its number, title and unit are. */
function topTexts(grid: Grid): string[] {
  return grid.rows.slice(0, 8).flat().map(text);
}

/**
 * Which template table a sheet is: its 公开NN表 code, else its title, else the words of its title
 * (budget tables, whose numbers differ between documents), else its column headers.
 */
function recognise(grid: Grid, template: TableSetTemplate): TableTemplate | string {
  const top = topTexts(grid);
  const code = top.map((t) => TABLE_CODE.exec(t)?.[0]).find(Boolean);
  if (code) return template.tables.find((t) => t.id === code) ?? `表号“${code}”不在模板“${template.name}”中`;
  // Titles as printed, and without the year budget titles start with (2025年部门收支预算表).
  const titles = new Set(top.flatMap((t) => [squeeze(t), squeeze(t).replace(/^\d{4}年度?/u, '')]));
  const byTitle = template.tables.filter((t) => titles.has(squeeze(t.title)));
  if (byTitle.length === 1) return byTitle[0]!;
  const byWords = template.tables.filter((t) => t.match && [...titles].some((title) => isTitleOf(title, t.match!)));
  if (byWords.length === 1) return byWords[0]!;
  // A sheet may hold another table's columns too (07 has all of 05's); the table with most wins.
  const byHeaders = template.tables.filter((t) => hasAllColumns(grid, t)).sort((a, b) => b.columns.length - a.columns.length);
  if (byHeaders.length > 0 && byHeaders[0]!.columns.length !== byHeaders[1]?.columns.length) return byHeaders[0]!;
  return '没有找到表号（公开NN表）、能识别的表名或表头';
}

/** Whether every amount column of a table has its header in the sheet. */
function hasAllColumns(grid: Grid, table: TableTemplate): boolean {
  const shape = layout(grid, table);
  return typeof shape !== 'string' && table.columns.every((c) => findColumn(shape.paths, c, table, c.side)[0] !== undefined);
}

interface Layout {
  /** Index of the first data row. */
  dataStart: number;
  /** Header path of every column (merged repeats removed). */
  paths: string[][];
  meta: { department?: string; year?: number; unit?: '万元' | '元' };
}

/** The block between the 部门/年度/单位 line and the data, and the meta line itself. */
function layout(grid: Grid, table: TableTemplate): Layout | string {
  const rowText = (r: number) => (grid.rows[r] ?? []).map(text);
  let unitRow = grid.rows.findIndex((_, r) => rowText(r).some((t) => t.startsWith('单位')));
  const meta: Layout['meta'] = {};
  if (unitRow >= 0) {
    for (const t of rowText(unitRow)) {
      if (t.startsWith('部门')) meta.department = t.replace(/^部门(?:（单位）)?(?:名称)?[：:]\s*/u, '');
      const year = /^(\d{4})\s*年度?$/u.exec(t);
      if (year) meta.year = Number(year[1]);
      if (t.startsWith('单位')) meta.unit = /万元/u.test(t) ? '万元' : '元';
    }
  } else {
    unitRow = grid.rows.findIndex((_, r) => rowText(r).some((t) => TABLE_CODE.test(t)));
  }
  const firstHeader = unitRow + 1;
  // The 栏次 row says "栏次", or (09) is nothing but the numbers 1, 2, 3 …
  const isLanci = (r: number) => {
    const cells = rowText(r).filter(Boolean);
    return cells.includes('栏次') || (cells.length > 1 && cells.every((t, i) => t === String(i + 1)));
  };
  const lanciRow = grid.rows.findIndex((_, r) => r >= firstHeader && isLanci(r));
  const noteRow = grid.rows.findIndex((_, r) => r >= firstHeader && /^(注|说明)/u.test(rowText(r).find(Boolean) ?? ''));
  const dataRow = firstData(grid, firstHeader, table);
  // An empty table (S23 prints 09 as its header only) has no data row: the header runs to the note.
  const headerEnd = lanciRow >= 0 ? lanciRow : dataRow >= 0 ? dataRow : noteRow >= 0 ? noteRow : grid.rows.length;
  if (headerEnd <= firstHeader) return '没有找到表头';
  const width = Math.max(...grid.rows.slice(firstHeader, headerEnd).map((r) => r.length));
  const paths = Array.from({ length: width }, (_, c) => {
    const path: string[] = [];
    for (let r = firstHeader; r < headerEnd; r++) {
      const label = squeeze(text(grid.rows[r]?.[c]));
      if (label && path[path.length - 1] !== label) path.push(label);
    }
    return path;
  });
  return { dataStart: lanciRow >= 0 ? lanciRow + 1 : headerEnd, paths, meta };
}

/** Without a 栏次 row, data starts at the first row holding a figure or a code. */
function firstData(grid: Grid, from: number, table: TableTemplate): number {
  const isCode = (t: string) => /^\d{3,7}(\s|$)/u.test(t);
  for (let r = from; r < grid.rows.length; r++) {
    const cells = grid.rows[r] ?? [];
    // The 合计 row has its name where names are (a header cell elsewhere may say 合计 too); an
    // empty table (国有资本经营支出表) has no figure in it.
    const totalRole = table.codeScheme?.totalRole ?? table.listScheme?.totalRole;
    const totalRow = totalRole !== undefined && cells.slice(0, 2).some((c) => text(c) === totalRole);
    if (totalRow || cells.some((c) => typeof c === 'number' || isCode(text(c)))) return r;
  }
  return -1;
}

const columnLabels = (column: ColumnTemplate): string[] => column.label.split('/').map(squeeze);

/**
 * Sheet columns of a template column: the header path ends with the column's label path, or,
 * where a file lost its group headers (merges undone, a header row deleted), the leaf label alone
 * when no other column of the table has it.
 */
function findColumn(paths: string[][], column: ColumnTemplate, table: TableTemplate, side?: string): number[] {
  const labels = columnLabels(column);
  const leaf = labels[labels.length - 1]!;
  const leafIsUnique = table.columns.filter((c) => (!side || c.side === side) && columnLabels(c).at(-1) === leaf).length === 1;
  const candidates = paths.map((path, c) => ({ path, c })).filter(({ path }) => !side || path.includes(side));
  const full = candidates.filter(({ path }) => path.length >= labels.length && path.slice(-labels.length).every((l, i) => l === labels[i]));
  if (full.length > 0 || !leafIsUnique) return full.map(({ c }) => c);
  return candidates.filter(({ path }) => path.at(-1) === leaf).map(({ c }) => c);
}

const isCodeHeader = (path: string[]) => /编码|代码/u.test(path[path.length - 1] ?? '');
const isNameHeader = (path: string[]) => /科目名称|^项目$/u.test(path[path.length - 1] ?? '');
const isHangciHeader = (path: string[]) => path[path.length - 1] === '行次';

/** Spreadsheet column letters of a 0-based column index (0 → A, 27 → AB). */
function columnLetters(col: number): string {
  let letters = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** Puts the figure of grid cell (r, col) into a report row, remembering where it came from. */
function take(row: ReportRow, key: string, grid: Grid, r: number, col: number | undefined): void {
  row.values[key] = col === undefined ? null : amount(grid.rows[r]?.[col]);
  if (col !== undefined) (row.origins ??= {})[key] = `${columnLetters(col)}${r + 1}`;
}

function amount(cell: Cell | undefined): string | null {
  if (cell === null || cell === undefined) return null;
  // A number from the file: its shortest decimal spelling, parsed exactly by the engine later.
  return typeof cell === 'number' ? String(cell) : String(cell).trim() || null;
}

function readCodeKeyed(grid: Grid, table: TableTemplate, shape: Layout, problems: string[]): ReportRow[] {
  const codeCol = shape.paths.findIndex(isCodeHeader);
  const nameCol = shape.paths.findIndex(isNameHeader);
  const columns = table.columns.map((c) => findColumn(shape.paths, c, table)[0]);
  const rows: ReportRow[] = [];
  for (let r = shape.dataStart; r < grid.rows.length; r++) {
    const cells = grid.rows[r] ?? [];
    let code = text(cells[codeCol]).replace(/\.0+$/u, '');
    let name = text(cells[nameCol]);
    const joined = /^(\d{3,7})\s+(.+)$/u.exec(code) ?? (code === '' ? /^(\d{3,7})\s+(.+)$/u.exec(name) : null);
    if (joined) [code, name] = [joined[1]!, joined[2]!];
    if (name.startsWith('注') || name.startsWith('说明')) break;
    if (!code && name !== (table.codeScheme?.totalRole ?? '合计')) {
      if (cells.some((c) => text(c) !== '') && !text(cells[0]).startsWith('注') && !text(cells[0]).startsWith('说明')) {
        problems.push(`“${grid.name}”第 ${r + 1} 行：没有科目编码，未载入`);
      }
      continue;
    }
    const row: ReportRow = { code: code || null, name, values: {} };
    table.columns.forEach((c, i) => take(row, c.key, grid, r, columns[i]));
    rows.push(row);
  }
  return rows;
}

/** The pieces a code may be printed in (科目编码 类 | 款 | 项); each piece after the first has two digits. */
const CODE_PIECES = ['类', '款', '项'];

/**
 * Sheet columns of a text field of a listed table: its own column, or the 类/款/项 columns its
 * code is printed in, found under the field's header (科目编码) or under the header group it
 * belongs to (部门预算经济分类 类 | 款, where the template says 部门预算经济分类/科目编码).
 */
function fieldColumns(paths: string[][], field: FieldTemplate, table: TableTemplate): number[] {
  for (const label of [field.label, ...(field.aliases ?? [])]) {
    const whole = findColumn(paths, { key: field.key, label, lanci: null }, table);
    if (whole.length > 0) return [whole[0]!];
  }
  const labels = field.label.split('/').map(squeeze);
  const groups = [labels, labels.slice(0, -1)].filter((g) => g.length > 0);
  const endsWith = (path: string[], tail: string[]) => path.length >= tail.length && tail.every((l, i) => path[path.length - tail.length + i] === l);
  return paths
    .map((path, c) => ({ path, c }))
    .filter(({ path }) => CODE_PIECES.includes(path.at(-1)!) && groups.some((g) => endsWith(path.slice(0, -1), g)))
    .map(({ c }) => c);
}

/** The columns of line r that one merged cell spans with column col (just col where it is not merged). */
function mergedWith(grid: Grid, r: number, col: number): number[] {
  const master = grid.mergeOf.get(`${r},${col}`);
  if (master === undefined) return [col];
  return (grid.rows[r] ?? []).map((_, c) => c).filter((c) => grid.mergeOf.get(`${r},${c}`) === master);
}

/**
 * The text of each field on line r. A code printed in pieces is joined (302 | 单位名称 gives 302).
 * A text merged over several fields' columns is one field's: the name's where the merge covers
 * the name column (a 部门 line's name spread over 类型 and 项目名称), else the first field's.
 */
function fieldTexts(grid: Grid, r: number, fieldCols: number[][], nameField: number): string[] {
  const nameCol = fieldCols[nameField]?.[0];
  const own = (col: number, isName: boolean) => {
    const span = mergedWith(grid, r, col);
    const owner = nameCol !== undefined && span.includes(nameCol) ? nameCol : span[0];
    return owner === col || (isName && span.includes(col)) ? text(grid.rows[r]?.[col]) : '';
  };
  return fieldCols.map((columns, f) => {
    if (columns.length <= 1) return columns.length === 0 ? '' : own(columns[0]!, f === nameField);
    let code = '';
    for (const [i, col] of columns.entries()) {
      const piece = own(col, false).replace(/\.0+$/u, '');
      if (!/^\d+$/u.test(piece)) break;
      code += i > 0 ? piece.padStart(2, '0') : piece;
    }
    return code;
  });
}

/**
 * Budget tables: one record per line with its text fields (found by their header path, like the
 * figures) until the 注. A 部门 or 单位 line may print its code where the other lines have text
 * (单位代码 in 支出表, 项目单位 in 基本支出明细表): a line without a code of its own whose first
 * cell is a bare code of a level's length is that level's line. Grouping fields merged over their
 * lines (项目单位, 类型) are filled down within a group.
 */
function readListed(grid: Grid, table: TableTemplate, shape: Layout): ReportRow[] {
  const scheme = table.listScheme!;
  const fieldCols = scheme.fields.map((f) => fieldColumns(shape.paths, f, table));
  const columns = table.columns.map((c) => findColumn(shape.paths, c, table)[0]);
  const codeField = scheme.fields.findIndex((f) => f.key === 'code');
  const nameField = scheme.fields.findIndex((f) => f.key === 'name');
  const codeLengths = new Set(scheme.levels.map((l) => l.codeLength).filter((n) => n !== undefined));
  const rows: ReportRow[] = [];
  let above: Record<string, string> = {};
  for (let r = shape.dataStart; r < grid.rows.length; r++) {
    const cells = grid.rows[r] ?? [];
    const firstCol = cells.findIndex((c) => text(c) !== '');
    const first = text(cells[firstCol]).replace(/\.0+$/u, '');
    if (first === '') continue;
    if (first.startsWith('注') || first.startsWith('说明') || first.startsWith('备注')) break;
    const isTotal = first === scheme.totalRole;
    const row: ReportRow = { code: null, name: null, fields: {}, values: {} };
    table.columns.forEach((c, i) => take(row, c.key, grid, r, columns[i]));
    if (isTotal) {
      rows.push({ ...row, name: first, level: '合计' });
      continue;
    }
    const texts = fieldTexts(grid, r, fieldCols, nameField);
    const groupCode = !texts[codeField] && /^\d+$/u.test(first) && codeLengths.has(first.length) ? first : null;
    if (groupCode) above = {};
    scheme.fields.forEach((field, i) => {
      let value = groupCode && fieldCols[i]!.includes(firstCol) ? '' : texts[i]!;
      const grouping = field.key !== 'name' && !/code/iu.test(field.key);
      if (grouping && value === '' && !groupCode) value = above[field.key] ?? '';
      if (grouping && !groupCode) above[field.key] = value;
      if (field.key === 'code') row.code = value.replace(/\s+/gu, '') || null;
      else if (field.key === 'name') row.name = value || null;
      else row.fields![field.key] = value || null;
    });
    if (row.code === null) row.code = groupCode;
    rows.push(row);
  }
  return rows;
}

/** The texts of line r, one per merged cell, left to right, blanks left out. */
function lineParts(grid: Grid, r: number): Cell[] {
  const cells = grid.rows[r] ?? [];
  return cells.filter((cell, c) => text(cell) !== '' && mergedWith(grid, r, c)[0] === c);
}

/** 1、资金来源：（1）政府预算资金 → 资金来源：政府预算资金; 部门预算总额（万元） → 部门预算总额. */
function budgetLineLabel(printed: string, group: string): string {
  const label = squeeze(printed).replace(/^\d+[、.]/u, '').replace(/（\d+）/gu, '').replace(/（万?元）$/u, '');
  return label.includes('：') || !group ? label : `${group}：${label}`;
}

/**
 * A 绩效 form (整体绩效目标表): the lines above the indicator header become rows as
 * shared/engine/formRows.ts describes (a one-text line, a list under its column titles, a 预算情况
 * line with its amount); the lines below it are rows of the table's columns, found by header
 * (indicators, and every line of a form the program wrote, which prints the whole form as rows).
 */
function readForm(grid: Grid, table: TableTemplate): ReportRow[] {
  const textColumns = table.columns.filter((c) => c.text);
  const amountKey = table.columns.find((c) => !c.text)?.key;
  const squeezed = (r: number) => (grid.rows[r] ?? []).map((c) => squeeze(text(c)));
  const headerRow = grid.rows.findIndex((_, r) => textColumns.every((c) => squeezed(r).includes(squeeze(c.label))));
  if (headerRow < 0) return [];
  const titleRow = grid.rows.findIndex((_, r) => table.match !== undefined && squeezed(r).some((t) => isTitleOf(t, table.match!)));
  const [first, second, , fourth] = textColumns.map((c) => c.key);
  const nameOf = (values: Record<string, string | null>) => formRowName(textColumns.slice(0, 3).map((c) => values[c.key]));
  const row = (values: Record<string, string | null>): ReportRow => ({ name: nameOf(values), values });
  const rows: ReportRow[] = [];
  let group = '';
  let amountSection = '';
  for (let r = titleRow + 1; r < headerRow; r++) {
    const parts = lineParts(grid, r);
    const section = text(parts[0]);
    // The 部门/年度/单位 line above a form is about the table, not a line of it.
    if (parts.length < 2 || parts.some((p) => /^单位[：:]/u.test(text(p)))) continue;
    const last = parts[parts.length - 1]!;
    const hasFigure = typeof last === 'number' || /^-?[\d,]+(\.\d+)?$/u.test(text(last));
    // A 预算情况 line left blank ((3)单位资金) follows the section's lines with figures.
    const isAmount = hasFigure || (section === amountSection && parts.length === 2);
    if (hasFigure) amountSection = section;
    // A list's column titles (任务名称 | 主要内容) open its section: the first line, with no figure, of several.
    const opensList = !isAmount && parts.length > 2 && text(lineParts(grid, r + 1)[0]) === section && text(lineParts(grid, r - 1)[0]) !== section;
    if (opensList) continue;
    if (isAmount) {
      const label = budgetLineLabel(text(parts[1]), group);
      group = label.includes('：') ? label.split('：')[0]! : '';
      rows.push(row({ [first!]: section, [second!]: label, ...(amountKey ? { [amountKey]: hasFigure ? amount(last) : null } : {}) }));
    } else if (parts.length === 2) {
      rows.push(row({ [first!]: section, [fourth!]: text(parts[1]) }));
    } else {
      rows.push(row({ [first!]: section, [second!]: text(parts[1]), [fourth!]: text(parts[2]) }));
    }
  }
  const paths = (grid.rows[headerRow] ?? []).map((c) => [squeeze(text(c))]);
  const columns = table.columns.map((c) => ({ key: c.key, col: findColumn(paths, c, table)[0] }));
  for (let r = headerRow + 1; r < grid.rows.length; r++) {
    const cells = grid.rows[r] ?? [];
    if (cells.every((c) => text(c) === '')) continue;
    if (/^(注|说明|备注)/u.test(text(cells.find((c) => text(c) !== '')))) break;
    const line: ReportRow = { values: {} };
    for (const { key, col } of columns) take(line, key, grid, r, col);
    rows.push({ ...line, name: nameOf(line.values) });
  }
  return rows;
}

function readTwoSided(grid: Grid, table: TableTemplate, shape: Layout): ReportRow[] {
  const rows: ReportRow[] = [];
  for (const side of ['收入', '支出'] as const) {
    const onSide = shape.paths.map((p, c) => (p.includes(side) ? c : -1)).filter((c) => c >= 0);
    const nameCol = onSide.find((c) => isNameHeader(shape.paths[c]!));
    const hangciCol = onSide.find((c) => isHangciHeader(shape.paths[c]!));
    const columns = table.columns.filter((c) => c.side === side).map((c) => ({ key: c.key, col: findColumn(shape.paths, c, table, side)[0] }));
    for (let r = shape.dataStart; r < grid.rows.length; r++) {
      const cells = grid.rows[r] ?? [];
      const name = text(cells[nameCol ?? -1]);
      const hangci = Number(text(cells[hangciCol ?? -1])) || null;
      if (name.startsWith('注')) break;
      if (!name && hangci === null) continue;
      const row: ReportRow = { side, hangci, name: name || null, values: {} };
      for (const { key, col } of columns) take(row, key, grid, r, col);
      rows.push(row);
    }
  }
  return rows;
}

/** 06: three groups of (code, name, amount) side by side; the two totals on the last line by label. */
function readThreeGroup(grid: Grid, table: TableTemplate, shape: Layout): ReportRow[] {
  const amountCols = shape.paths.map((p, c) => (p[p.length - 1] === squeeze(table.columns[0]!.label) ? c : -1)).filter((c) => c >= 0);
  const key = table.columns[0]!.key;
  const rows: ReportRow[] = [];
  for (let r = shape.dataStart; r < grid.rows.length; r++) {
    const cells = grid.rows[r] ?? [];
    if (text(cells[0]).startsWith('注')) break;
    for (const col of amountCols) {
      const code = text(cells[col - 2]).replace(/\.0+$/u, '');
      if (!/^\d{3,5}$/u.test(code)) continue;
      const row: ReportRow = { code, name: text(cells[col - 1]), values: {} };
      take(row, key, grid, r, col);
      rows.push(row);
    }
    for (const total of table.rows?.filter((t) => !t.code && t.label) ?? []) {
      // The label may be merged across several cells; its figure is in the next amount column.
      const at = cells.map((c) => squeeze(text(c))).lastIndexOf(squeeze(total.label!));
      const col = amountCols.find((c) => c > at);
      if (at < 0 || col === undefined) continue;
      const row: ReportRow = { role: total.role, name: total.label, values: {} };
      take(row, key, grid, r, col);
      rows.push(row);
    }
  }
  return rows;
}

function readSingleRow(grid: Grid, table: TableTemplate, shape: Layout): ReportRow[] {
  const cells = grid.rows[shape.dataStart] ?? [];
  if (/^(注|说明)/u.test(text(cells.find((c) => text(c) !== '') ?? null))) return [];
  const row: ReportRow = { values: {} };
  for (const column of table.columns) take(row, column.key, grid, shape.dataStart, findColumn(shape.paths, column, table)[0]);
  return [row];
}

function readTable(grid: Grid, table: TableTemplate, shape: Layout, problems: string[]): ReportRow[] {
  switch (table.layout) {
    case 'code-keyed':
      return readCodeKeyed(grid, table, shape, problems);
    case 'two-sided':
      return readTwoSided(grid, table, shape);
    case 'three-group':
      return readThreeGroup(grid, table, shape);
    case 'single-row':
      return readSingleRow(grid, table, shape);
    case 'listed':
      return table.listScheme?.form ? readForm(grid, table) : readListed(grid, table, shape);
  }
}

/**
 * The template whose tables the sheets are: the one that recognises the most sheets (by code,
 * title, title words or headers); among equals the one whose table numbers the sheets print
 * (budget sets of different cities share their titles, not their numbering), then the newest not
 * after the report's year. With what it recognised each sheet as.
 */
function chooseTemplate(catalog: Catalog, year: number | undefined, grids: Grid[]): { template: TableSetTemplate; tables: (TableTemplate | string)[] } {
  const candidates = [...catalog.templates].filter((t) => year === undefined || t.year <= year).sort((a, b) => b.year - a.year);
  const scored = (candidates.length > 0 ? candidates : catalog.templates).map((template) => {
    const tables = grids.map((g) => recognise(g, template));
    const numbered = tables.filter((t, g) => typeof t !== 'string' && topTexts(grids[g]!).includes(tableCode(t))).length;
    return { template, tables, score: tables.filter((t) => typeof t !== 'string').length * (grids.length + 1) + numbered };
  });
  return scored.reduce((best, next) => (next.score > best.score ? next : best));
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
  const grids = book.worksheets.map(toGrid);
  const problems: string[] = [];
  const tables: SheetMatch[] = [];
  const unrecognized: XlsxImport['unrecognized'] = [];
  const reportTables: ReportTable[] = [];
  const metas: Layout['meta'][] = [];
  const yearHint = grids.map((g) => g.rows.slice(0, 6).flat().map(text).map((t) => /^(\d{4})\s*年度$/u.exec(t)?.[1]).find(Boolean)).find(Boolean);
  const { template, tables: recognised } = chooseTemplate(catalog, yearHint ? Number(yearHint) : undefined, grids);
  for (const [g, grid] of grids.entries()) {
    const table = recognised[g]!;
    if (typeof table === 'string') {
      unrecognized.push({ sheet: grid.name, reason: table });
      continue;
    }
    if (tables.some((t) => t.table === table.id)) {
      unrecognized.push({ sheet: grid.name, reason: `与另一张工作表同为${table.id}，未载入` });
      continue;
    }
    const shape = layout(grid, table);
    if (typeof shape === 'string') {
      unrecognized.push({ sheet: grid.name, reason: shape });
      continue;
    }
    for (const address of grid.formulasWithoutResult) {
      problems.push(`“${grid.name}”${address}：公式没有保存计算结果，请在 Excel 中重新计算并保存后再打开`);
    }
    tables.push({ sheet: grid.name, table: table.id });
    metas.push(shape.meta);
    reportTables.push({ id: table.id, sheet: grid.name, rows: readTable(grid, table, shape, problems) });
  }
  if (tables.length === 0) throw new XlsxError(`“${fileName}”中没有能识别的报表（${unrecognized.map((u) => `${u.sheet}：${u.reason}`).join('；')}）`);
  const meta = (key: keyof Layout['meta']) => metas.map((m) => m[key]).find((v) => v !== undefined);
  const report: ReportFile = {
    kind: template.kind,
    year: (meta('year') as number | undefined) ?? template.year,
    department: (meta('department') as string | undefined) ?? '',
    unit: (meta('unit') as '万元' | '元' | undefined) ?? template.unit,
    template: template.id,
    tables: reportTables,
  };
  return { report, tables, unrecognized, problems };
}
