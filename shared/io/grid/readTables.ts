/**
 * Reads the rows of one table from its grid, by layout: code-keyed tables by code (or code and
 * name in one cell), listed (budget) tables as records with their text fields, 绩效 forms line by
 * line, two-sided tables by side, 06's three groups, 09's single row.
 */
import type { ReportRow, TableGap, UnplacedFigure } from '../../model/report';
import type { FieldTemplate, TableTemplate } from '../../model/template';
import { formRowName } from '../../engine/formRows';
import { addressOf, text, squeeze, type Cell, type Grid } from './grid';
import { amount, findColumn, isCodeHeader, isHangciHeader, isNameHeader, take, type Layout } from './layout';
import { isTitleOf } from './recognise';

/** What reading a table gave: its rows, what of it the sheet lacks, and the figures that found no row. */
export interface TableReading {
  rows: ReportRow[];
  gaps: TableGap[];
  unplaced: UnplacedFigure[];
}

/** The figures of line r that no row takes, each with its cell (the line's label where it has no figure). */
function unplacedLine(grid: Grid, r: number, figureCols: (number | undefined)[], reason: string): UnplacedFigure[] {
  const cells = grid.rows[r] ?? [];
  const label = cells.map(text).filter((t) => t !== '' && !/^-?[\d,.]+$/u.test(t)).join(' ');
  const figures = figureCols.filter((c): c is number => c !== undefined && text(cells[c]) !== '');
  const at = (c: number, t: string) => ({ sheet: grid.name, cell: addressOf(r, c), text: t, reason });
  if (figures.length === 0) return [at(Math.max(0, cells.findIndex((c) => text(c) !== '')), label)];
  return figures.map((c) => at(c, `${label ? `${label}：` : ''}${text(cells[c])}`));
}

/** The template's columns that the sheet does not have, each with why. */
function columnGaps(grid: Grid, table: TableTemplate, found: (number | undefined)[]): TableGap[] {
  return table.columns.flatMap((c, i) => (found[i] === undefined ? [{ column: c.key, reason: `工作表“${grid.name}”中没有找到“${c.label.split('/').join(' ')}”栏` }] : []));
}

function readCodeKeyed(grid: Grid, table: TableTemplate, shape: Layout): TableReading {
  const codeCol = shape.paths.findIndex(isCodeHeader);
  const nameCol = shape.paths.findIndex(isNameHeader);
  const columns = table.columns.map((c) => findColumn(shape.paths, c, table)[0]);
  const reading: TableReading = { rows: [], gaps: columnGaps(grid, table, columns), unplaced: [] };
  const seen = new Set<string>();
  for (let r = shape.dataStart; r < grid.rows.length; r++) {
    const cells = grid.rows[r] ?? [];
    let code = text(cells[codeCol]).replace(/\.0+$/u, '');
    let name = text(cells[nameCol]);
    const joined = /^(\d{3,7})\s+(.+)$/u.exec(code) ?? (code === '' ? /^(\d{3,7})\s+(.+)$/u.exec(name) : null);
    if (joined) [code, name] = [joined[1]!, joined[2]!];
    if (/^(注|说明)/u.test(name) || /^(注|说明)/u.test(text(cells[0]))) break;
    const isTotal = !code && name === (table.codeScheme?.totalRole ?? '合计');
    const why = !code ? (isTotal || cells.every((c) => text(c) === '') ? null : '没有能识别的科目编码') : seen.has(code) ? `科目编码 ${code} 在本表中重复` : null;
    if (why) {
      reading.unplaced.push(...unplacedLine(grid, r, columns, why));
      continue;
    }
    if (!code && !isTotal) continue;
    seen.add(code);
    const row: ReportRow = { code: code || null, name, values: {}, origin: addressOf(r, Math.max(codeCol, 0)) };
    table.columns.forEach((c, i) => take(row, c.key, grid, r, columns[i]));
    reading.rows.push(row);
  }
  if (reading.unplaced.length > 0) reading.gaps.push({ reason: `工作表“${grid.name}”有 ${new Set(reading.unplaced.map((u) => u.cell.replace(/^[A-Z]+/u, ''))).size} 行未能读入（见未读入清单）` });
  return reading;
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

export function readTable(grid: Grid, table: TableTemplate, shape: Layout): TableReading {
  const rowsOnly = (rows: ReportRow[]): TableReading => ({ rows, gaps: [], unplaced: [] });
  switch (table.layout) {
    case 'code-keyed':
      return readCodeKeyed(grid, table, shape);
    case 'two-sided':
      return rowsOnly(readTwoSided(grid, table, shape));
    case 'three-group':
      return rowsOnly(readThreeGroup(grid, table, shape));
    case 'single-row':
      return rowsOnly(readSingleRow(grid, table, shape));
    case 'listed':
      return rowsOnly(table.listScheme?.form ? readForm(grid, table) : readListed(grid, table, shape));
  }
}

