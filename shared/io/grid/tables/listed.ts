/**
 * Budget tables: one record per line with its text fields (found by their header words, like the
 * figures) until the 注. A 部门 or 单位 line may print its code where the other lines have text
 * (单位代码 in 支出表, 项目单位 in 基本支出明细表): a line without a code of its own whose first
 * cell is a bare code of a level's length is that level's line. Grouping fields merged over their
 * lines (项目单位, 类型) are filled down within a group.
 */
import type { ReportRow, UnplacedFigure } from '../../../model/report';
import type { FieldTemplate } from '../../../model/template';
import type { Words } from '../../../model/vocabulary';
import { text, type Grid } from '../grid';
import { isCodeField } from '../../../engine/listedRows';
import { matchColumns } from '../columns';
import {
  columnGaps,
  dataLines,
  linesGap,
  noLines,
  splitCode,
  unplacedLine,
  take,
  type ReadContext,
  type TableReading,
} from './common';

/** The pieces a code may be printed in (科目编码 类 | 款 | 项); each piece after the first has two digits. */
const CODE_PIECES = ['类', '款', '项'];

/**
 * Sheet columns of a text field of a listed table: the 类/款/项 columns its code is printed in,
 * found under the field's header (科目编码) or under the header group it belongs to (部门预算经济分类
 * 类 | 款, where the template says 部门预算经济分类/科目编码), else its own column.
 */
function fieldColumns(paths: string[][], field: FieldTemplate, words: Words): number[] {
  const parts = words.parts(field.label);
  const groups = [parts, parts.slice(0, -1)].filter((g) => g.length > 0);
  const pieces = !isCodeField(field)
    ? []
    : paths
        .map((path, c) => ({ path, c }))
        .filter(
          ({ path }) =>
            CODE_PIECES.includes(path.at(-1)!) &&
            groups.some((g) => g.every((p) => path.slice(0, -1).includes(p))),
        )
        .sort((a, b) => CODE_PIECES.indexOf(a.path.at(-1)!) - CODE_PIECES.indexOf(b.path.at(-1)!))
        .map(({ c }) => c);
  if (pieces.length >= 2) return pieces;
  for (const label of [field.label, ...(field.aliases ?? [])]) {
    const [whole] = matchColumns(paths, [{ label }], words);
    if (whole !== undefined) return [whole];
  }
  return pieces;
}

/** The name field that goes with a code field: code → name, govCode → govName. */
const nameKeyOf = (codeKey: string) => (codeKey === 'code' ? 'name' : codeKey.replace(/Code$/u, 'Name'));

/**
 * A code printed with its name in one cell ("2080101 行政运行", in the code's column or the
 * name's) is split, so that the code field holds the code and the name field the name.
 */
function splitCodesFromNames(fields: FieldTemplate[], texts: string[]): string[] {
  const result = [...texts];
  fields.forEach((field, i) => {
    if (!isCodeField(field)) return;
    const n = fields.findIndex((f) => f.key === nameKeyOf(field.key));
    const name = n >= 0 ? result[n]! : '';
    const inCode = splitCode(result[i]!);
    const inName = splitCode(name);
    const readable = (code: string) => /^[0-9A-Za-z]+$/u.test(code) && /\d/u.test(code);
    const joined =
      readable(inCode.code) && inCode.name
        ? inCode
        : !result[i] && readable(inName.code) && inName.name
          ? inName
          : null;
    if (!joined) return;
    result[i] = joined.code;
    if (n >= 0 && (name === '' || name === texts[i] || joined === inName)) result[n] = joined.name;
  });
  return result;
}

/** The columns of line r that one merged cell spans with column col (just col where it is not merged). */
export function mergedWith(grid: Grid, r: number, col: number): number[] {
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
      // A piece that is not digits (见附表, #REF!) leaves the code unreadable, never shorter.
      if (piece !== '' && !/^\d+$/u.test(piece)) return `${code}${piece}`;
      if (piece === '') break;
      code += i > 0 ? piece.padStart(2, '0') : piece;
    }
    return code;
  });
}

export function readListed({ grid, table, words, header }: ReadContext): TableReading {
  const scheme = table.listScheme!;
  const fieldCols = scheme.fields.map((f) => fieldColumns(header.paths, f, words));
  const taken = new Set(fieldCols.flat());
  const columns = matchColumns(
    header.paths,
    table.columns,
    words,
    header.paths.map((_, c) => c).filter((c) => !taken.has(c)),
  );
  const codeField = scheme.fields.findIndex((f) => f.key === 'code');
  const nameField = scheme.fields.findIndex((f) => f.key === 'name');
  const codeLengths = new Set(scheme.levels.map((l) => l.codeLength).filter((n) => n !== undefined));
  const rows: ReportRow[] = [];
  const unplaced: UnplacedFigure[] = [];
  let above: Record<string, string> = {};
  for (const r of dataLines(grid, header)) {
    const cells = grid.rows[r] ?? [];
    const firstCol = cells.findIndex((c) => text(c) !== '');
    const first = text(cells[firstCol]).replace(/\.0+$/u, '');
    const isTotal = words.canonical(first) === words.canonical(scheme.totalRole ?? '合计');
    const row: ReportRow = { code: null, name: null, fields: {}, values: {} };
    table.columns.forEach((c, i) => take(row, c.key, grid, r, columns[i]));
    if (isTotal) {
      rows.push({ ...row, name: first, level: '合计' });
      continue;
    }
    const texts = splitCodesFromNames(scheme.fields, fieldTexts(grid, r, fieldCols, nameField));
    const unreadable = scheme.fields.findIndex(
      (f, i) => isCodeField(f) && texts[i] !== '' && !/^[0-9A-Za-z]+$/u.test(texts[i]!.replace(/\s+/gu, '')),
    );
    if (unreadable >= 0) {
      unplaced.push(...unplacedLine(grid, r, columns, `“${texts[unreadable]}”不是能识别的编码`));
      continue;
    }
    const groupCode =
      !texts[codeField] && /^\d+$/u.test(first) && codeLengths.has(first.length) ? first : null;
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
  return {
    rows,
    gaps: [...columnGaps(grid, table.columns, columns), ...noLines(grid, rows), ...linesGap(grid, unplaced)],
    unplaced,
  };
}
