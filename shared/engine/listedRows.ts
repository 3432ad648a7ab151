/**
 * Rows of a listed table (the budget tables) as a finance officer adds and removes them: where a
 * new row goes, which rows leave with a removed one, what a row's codes must look like, and the
 * key a new row is known by. No state here: the workbook applies what these functions decide.
 */
import { tableCode, type FieldTemplate, type ListLevel } from '../model/template';
import type { RowInfo, RowSeed, TableInfo } from './structure';

/** A row to add to a listed table, as the user typed it. */
export interface ListedRowInput {
  /** Level name (部门, 单位, 项, 项目 …). */
  level: string;
  /** The code where the table prints one; whitespace is dropped (codes are printed in pieces). */
  code?: string | null;
  name: string;
  /** The other text fields by key (类型, 项目单位, govCode …). */
  fields?: Record<string, string | null>;
}

/** Where a new row goes: before the row now at `index`, under `parent` (null: no row above it). */
export interface Placement {
  index: number;
  parent: RowInfo | null;
}

function levels(table: TableInfo): ListLevel[] {
  return table.template.listScheme!.levels;
}

/** Depth of a row's level from the top (0 = 部门); -1 for the 合计 row. */
export function depthOf(table: TableInfo, level: string | null): number {
  return levels(table).findIndex((l) => l.name === level);
}

/** A row and the rows under it (its 下级 and theirs), which follow it in printed order. */
export function blockOf(table: TableInfo, row: RowInfo): RowInfo[] {
  const depth = depthOf(table, row.level);
  let end = row.index + 1;
  while (end < table.rows.length && depthOf(table, table.rows[end]!.level) > depth) end++;
  return table.rows.slice(row.index, end);
}

/**
 * Where a row of `level` goes when the cursor is on `near`: after the block of the nearest row
 * at or above `near` whose level is not deeper (a new 单位 after the current unit's rows, a new 项
 * after the current 项), which makes it that row's sibling, or the last 下级 of a higher row (the
 * cursor on a 部门 row). With the cursor on 合计 or nowhere, the new row goes to the end.
 */
export function placeListedRow(table: TableInfo, level: string, near: RowInfo | null): Placement {
  const depth = depthOf(table, level);
  const listed = table.rows.filter((r) => depthOf(table, r.level) >= 0);
  let anchor: RowInfo | null =
    near && depthOf(table, near.level) >= 0 ? near : (listed[listed.length - 1] ?? null);
  while (anchor && depthOf(table, anchor.level) > depth) anchor = anchor.parent;
  if (!anchor) return { index: table.rows.length, parent: null };
  const block = blockOf(table, anchor);
  return {
    index: anchor.index + block.length,
    parent: depthOf(table, anchor.level) < depth ? anchor : anchor.parent,
  };
}

const digits = /^\d+$/u;

/** The printed header of a field, for messages ("政府预算支出经济分类科目 科目编码"). */
export function fieldLabel(field: FieldTemplate): string {
  return field.label.split('/').join(' ');
}

/** Code fields: the row's code and the 政府 code beside it in the economic tables. */
export function isCodeField(field: FieldTemplate): boolean {
  return field.key === 'code' || /Code$/u.test(field.key);
}

/** A code as it is kept: without the spaces it is printed with (208 01 01, 41080024000 0000005261). */
export function normaliseCode(text: string | null | undefined): string | null {
  const code = (text ?? '').replace(/\s+/gu, '');
  return code === '' ? null : code;
}

/**
 * The label of a row's code: its column's header, or (where the table prints the code of a 部门
 * row in its first column and has no code column, 07 and 12) the level's 代码.
 */
export function codeLabel(table: TableInfo, level: ListLevel): string {
  const field = table.template.listScheme!.fields.find((f) => f.key === 'code');
  return field ? fieldLabel(field) : `${level.name}代码`;
}

/** Whether rows of this level carry a code: the table has a code column, or the level has a code length. */
export function levelHasCode(table: TableInfo, level: ListLevel): boolean {
  return level.codeLength !== undefined || table.template.listScheme!.fields.some((f) => f.key === 'code');
}

/**
 * What is wrong with a row's text, in Chinese, or null. Every row has a name. Classification codes
 * (a level with a code length) are that many digits and required, the 政府 code beside an economic
 * code too where given (both are 类 3 / 款 5 digits); other codes (project codes) are text and may
 * hold letters.
 */
export function listedRowProblem(table: TableInfo, row: ListedRowInput): string | null {
  const scheme = table.template.listScheme!;
  const level = scheme.levels.find((l) => l.name === row.level);
  if (!level) return `${tableCode(table.template)}没有“${row.level}”这一级`;
  const nameField = scheme.fields.find((f) => f.key === 'name');
  if (row.name.trim() === '') return `请填写${nameField ? fieldLabel(nameField) : '名称'}`;
  const length = level.codeLength;
  if (length === undefined) return null;
  const codes: [string, string | null, boolean][] = [
    [codeLabel(table, level), normaliseCode(row.code), true],
    ...scheme.fields
      .filter((f) => isCodeField(f) && f.key !== 'code')
      .map((f): [string, string | null, boolean] => [
        fieldLabel(f),
        normaliseCode(row.fields?.[f.key]),
        false,
      ]),
  ];
  for (const [label, code, required] of codes) {
    if (code === null) {
      if (required) return `请填写${label}（${level.name}为 ${length} 位数字）`;
    } else if (!digits.test(code) || code.length !== length) {
      return `${label}“${code}”不对：${level.name}的编码应为 ${length} 位数字`;
    }
  }
  return null;
}

/**
 * The key a listed row is known by, whether read from a file or added in the program: its code (with
 * the 政府经济分类 code where the table has one, since one project is listed once per 经济分类), else
 * its name, else its line in the file; numbered (#2, #3 …) when another row has it already.
 */
export function listedRowKey(
  code: string | null,
  govCode: string | null | undefined,
  name: string | null | undefined,
  line: number,
  taken: ReadonlySet<string>,
): string {
  const base = code ? (govCode ? `${code}|${govCode}` : code) : name?.trim() || `第${line}行`;
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}#${n}`;
  return key;
}

/** The seed of a new row, keyed as a row read from a file would be (listedRowKey). */
export function listedRowSeed(table: TableInfo, row: ListedRowInput, taken: ReadonlySet<string>): RowSeed {
  const scheme = table.template.listScheme!;
  const code = normaliseCode(row.code);
  const fields: Record<string, string | null> = {};
  for (const field of scheme.fields) {
    if (field.key === 'code' || field.key === 'name') continue;
    const text = row.fields?.[field.key]?.trim() ?? '';
    fields[field.key] = isCodeField(field) ? normaliseCode(text) : text || null;
  }
  const key = listedRowKey(code, fields.govCode, row.name, table.rows.length + 1, taken);
  return {
    key,
    code,
    name: row.name.trim(),
    hangci: null,
    side: null,
    level: row.level,
    tags: [row.level],
    spare: false,
    fields,
  };
}
