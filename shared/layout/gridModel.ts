/**
 * How a table of the template is laid out as a grid, as the published tables are: code-keyed
 * tables as code, name and amounts; two-sided tables (01, 04) with 收入 left and 支出 right on one
 * line; 06 as three side-by-side groups; 09 as one row. No DOM here: the grid view and the tests
 * both read this model.
 */
import type { CellRef } from '../engine/findings';
import type { ColumnInfo, RowInfo, TableInfo } from '../engine/structure';
import type { Side } from '../model/template';
import { textEm } from './measure';

export interface GridColumn {
  colId: string;
  /** Header path from the top group to the leaf ("本年支出", "小计"). */
  header: string[];
  kind: 'text' | 'amount';
  width: number;
  pinned?: boolean;
  /** 栏次 printed under the header, when the table prints one. */
  lanci?: string;
  /** A column of codes: kept on one line (printed too), flush left in the window. */
  code?: boolean;
  /** A column of typed text rather than figures (a 绩效 indicator's 指标值): printed wrapping, flush left. */
  prose?: boolean;
}

export interface AmountSlot {
  kind: 'amount';
  ref: CellRef;
}

export interface TextSlot {
  kind: 'text';
  text: string;
  /** 类/款/项 level for indentation and weight. */
  level?: string | null;
  /** The text field of a listed row this cell shows, which the user may edit (code, name, 类型 …). */
  field?: string;
}

export type Slot = AmountSlot | TextSlot;

export interface GridRow {
  id: string;
  slots: Record<string, Slot>;
  /** The code-keyed or listed row this grid row shows (for inserting and deleting rows). */
  row?: RowInfo;
}

export interface GridModel {
  columns: GridColumn[];
  rows: GridRow[];
  /** The 栏次 line shown under the header, or null where the table prints none (06, the budget tables). */
  lanciRow: GridRow | null;
  locate(ref: CellRef): { rowIndex: number; colId: string } | null;
}

const AMOUNT_WIDTH = 118;
/** A column of typed sentences (a 绩效 form's 指标值 and 绩效目标) needs room to be read. */
const PROSE_WIDTH = 320;
/** A column naming its row among typed sentences (一级指标, 二级指标): as wide as the 绩效 framework's longest (服务对象满意度指标). */
const ROW_LABEL_WIDTH = 150;

function amountColumn(column: ColumnInfo, prefix: string[] = []): GridColumn {
  return {
    colId: column.key,
    header: [...prefix, ...column.label.split('/')],
    kind: 'amount',
    width: column.rowLabel ? ROW_LABEL_WIDTH : column.text ? PROSE_WIDTH : AMOUNT_WIDTH,
    ...(column.lanci !== null ? { lanci: String(column.lanci) } : {}),
    ...(column.text ? { prose: true } : {}),
    ...(column.rowLabel ? { pinned: true } : {}),
  };
}

function amountSlot(row: RowInfo, column: ColumnInfo): AmountSlot | undefined {
  return row.cells[column.index] === undefined
    ? undefined
    : { kind: 'amount', ref: { table: row.table.id, row: row.key, column: column.key } };
}

/** The 栏次 line: a label in some text columns, each column's 栏次; none where no column prints one. */
function lanciLine(columns: GridColumn[], labelColumns: string[]): GridRow | null {
  if (!columns.some((c) => c.lanci)) return null;
  const lanci: GridRow = { id: '栏次', slots: {} };
  for (const colId of labelColumns) lanci.slots[colId] = { kind: 'text', text: '栏次' };
  for (const c of columns) if (c.lanci) lanci.slots[c.colId] = { kind: 'text', text: c.lanci };
  return lanci;
}

function finish(columns: GridColumn[], rows: GridRow[], lanciRow: GridRow | null): GridModel {
  const index = new Map<string, { rowIndex: number; colId: string }>();
  rows.forEach((row, rowIndex) => {
    for (const [colId, slot] of Object.entries(row.slots)) {
      if (slot.kind === 'amount')
        index.set(`${slot.ref.table}|${slot.ref.row}|${slot.ref.column}`, { rowIndex, colId });
    }
  });
  return {
    columns,
    rows,
    lanciRow,
    locate: (ref) => index.get(`${ref.table}|${ref.row}|${ref.column}`) ?? null,
  };
}

function codeKeyed(table: TableInfo): GridModel {
  const head = '项目';
  const columns: GridColumn[] = [
    {
      colId: 'code',
      header: [head, table.template.codeHeader ?? '科目编码'],
      kind: 'text',
      width: 118,
      pinned: true,
      code: true,
    },
    {
      colId: 'name',
      header: [head, table.template.nameHeader ?? '科目名称'],
      kind: 'text',
      width: 260,
      pinned: true,
    },
    ...table.columns.map((c) => amountColumn(c)),
  ];
  const rows = table.rows.map((row): GridRow => {
    const slots: Record<string, Slot> = {
      code: { kind: 'text', text: row.code ?? '', level: row.level },
      name: { kind: 'text', text: row.name ?? row.key, level: row.level },
    };
    for (const column of table.columns) {
      const slot = amountSlot(row, column);
      if (slot) slots[column.key] = slot;
    }
    return { id: row.key, slots, row };
  });
  return finish(columns, rows, lanciLine(columns, ['code']));
}

const SIDES: { side: Side; prefix: string }[] = [
  { side: '收入', prefix: 'in' },
  { side: '支出', prefix: 'ex' },
];

/**
 * 01 and 04: line k holds one 收入 row and one 支出 row, as printed, under a 收入 and a 支出 group
 * (which a column's own label may already begin with: the budget's 收入/金额). 行次 and 栏次 only
 * where the table prints them (the final accounts, not the budget).
 */
function twoSided(table: TableInfo): GridModel {
  const columns: GridColumn[] = [];
  for (const { side, prefix } of SIDES) {
    const hangci = table.rows.some((r) => r.side === side && r.hangci !== null);
    columns.push(
      { colId: `${prefix}:name`, header: [side, '项目'], kind: 'text', width: 250 },
      ...(hangci
        ? [{ colId: `${prefix}:hangci`, header: [side, '行次'], kind: 'text' as const, width: 52 }]
        : []),
      ...table.columns
        .filter((c) => c.side === side)
        .map((c) => amountColumn(c, c.label.split('/')[0] === side ? [] : [side])),
    );
  }
  const lines = new Map<number, GridRow>();
  const lineOf = (row: RowInfo) => {
    const line = row.table.template.rows?.find((r) => r.role === row.key)?.line ?? row.hangci ?? 0;
    let gridRow = lines.get(line);
    if (!gridRow) lines.set(line, (gridRow = { id: `line${line}`, slots: {} }));
    return gridRow;
  };
  for (const row of table.rows) {
    const prefix = row.side === '收入' ? 'in' : 'ex';
    const gridRow = lineOf(row);
    gridRow.slots[`${prefix}:name`] = { kind: 'text', text: row.name ?? '' };
    if (row.hangci !== null) gridRow.slots[`${prefix}:hangci`] = { kind: 'text', text: String(row.hangci) };
    for (const column of table.columns) {
      const slot = amountSlot(row, column);
      if (slot) gridRow.slots[column.key] = slot;
    }
  }
  const rows = [...lines.entries()].sort((a, b) => a[0] - b[0]).map(([, r]) => r);
  return finish(columns, rows, lanciLine(columns, ['in:name', 'ex:name']));
}

/** 06: three groups of (code, name, amount) side by side; line 34 holds 人员经费合计 and 公用经费合计. */
function threeGroup(table: TableInfo): GridModel {
  const amount = table.columns[0]!;
  const groups = [1, 2, 3];
  const columns: GridColumn[] = groups.flatMap((g) => [
    {
      colId: `g${g}:code`,
      header: [table.template.codeHeader ?? '经济分类科目编码'],
      kind: 'text' as const,
      width: 92,
      code: true,
    },
    {
      colId: `g${g}:name`,
      header: [table.template.nameHeader ?? '科目名称'],
      kind: 'text' as const,
      width: 170,
    },
    { colId: `g${g}:amount`, header: [amount.label], kind: 'amount' as const, width: AMOUNT_WIDTH },
  ]);
  const lines = new Map<number, GridRow>();
  for (const row of table.rows) {
    const template = table.template.rows?.find((r) => r.role === row.key);
    const line = template?.line ?? 0;
    const g = template?.group ?? 1;
    let gridRow = lines.get(line);
    if (!gridRow) lines.set(line, (gridRow = { id: `line${line}`, slots: {} }));
    gridRow.slots[`g${g}:code`] = { kind: 'text', text: row.code ?? row.name ?? '', level: row.level };
    if (row.code !== null)
      gridRow.slots[`g${g}:name`] = { kind: 'text', text: row.name ?? '', level: row.level };
    const slot = amountSlot(row, amount);
    if (slot) gridRow.slots[`g${g}:amount`] = slot;
  }
  const rows = [...lines.entries()].sort((a, b) => a[0] - b[0]).map(([, r]) => r);
  return finish(columns, rows, null);
}

/** Screen pixels per em (the grid's 13 px font) and for a cell's padding and a level's indent. */
const EM_PX = 13;
const PADDING_PX = 24;
const INDENT_PX: Record<string, number> = { 款: 20, 项: 34 };
/** The widest a text column grows to fit its longest text; longer texts show in full in their tooltip. */
const MAX_TEXT_PX = { name: 340, other: 230 };

/** The indentation a listed row gets: 合计 and the top level bold, deeper levels indented (类/款/项 styles). */
function indentLevel(row: RowInfo, levels: string[]): string | null {
  if (row.level === '合计') return '合计';
  const depth = levels.indexOf(row.level ?? '');
  return levels.length < 2 || depth < 0 ? null : (['类', '款', '项'][depth] ?? '项');
}

/**
 * A text column as wide as its longest text (names also their indentation), and its header half
 * its length or four characters (headers wrap); codes in full, other text up to a limit.
 */
function fittedWidth(
  header: string,
  texts: { text: string; level?: string | null }[],
  kind: 'code' | 'name' | 'other',
): number {
  const headerEm = Math.min(textEm(header), Math.max(4, textEm(header) / 2));
  const widest = Math.max(
    headerEm * EM_PX,
    ...texts.map((t) => textEm(t.text) * EM_PX + (kind === 'name' ? (INDENT_PX[t.level ?? ''] ?? 0) : 0)),
  );
  const width = Math.ceil(widest + PADDING_PX);
  return kind === 'code' ? width : Math.min(width, MAX_TEXT_PX[kind]);
}

/**
 * Budget tables: their text fields (编码, 名称, 类型, 项目单位 …), then the figures, rows as printed.
 * Text columns fit their content; those up to the name stay in view when scrolling. Only the
 * name is indented by level. A table without a code column (07, 12) shows a 部门 row's code in its
 * first column, as the circulated sheets do.
 */
function listed(table: TableInfo): GridModel {
  const scheme = table.template.listScheme!;
  const levels = scheme.levels.map((l) => l.name);
  const codeColumn = scheme.fields.some((f) => f.key === 'code') ? 'code' : scheme.fields[0]?.key;
  const rows = table.rows.map((row): GridRow => {
    const level = indentLevel(row, levels);
    const slots: Record<string, Slot> = {};
    scheme.fields.forEach((field, i) => {
      if (row.level === '合计') {
        // The 合计 row is labelled in the first text column, which spans the others when printed.
        if (i === 0) slots[`f:${field.key}`] = { kind: 'text', text: row.key, level };
        return;
      }
      const key = field.key === codeColumn && row.code !== null ? 'code' : field.key;
      const text = key === 'code' ? row.code : key === 'name' ? row.name : row.fields?.[key];
      // Only the name is indented: codes and other text stay flush left (the weight of a 部门 row stays).
      const indented = level === '款' || level === '项';
      slots[`f:${field.key}`] = {
        kind: 'text',
        text: text ?? '',
        level: indented && field.key !== 'name' ? null : level,
        field: key,
      };
    });
    for (const column of table.columns) {
      const slot = amountSlot(row, column);
      if (slot) slots[column.key] = slot;
    }
    return { id: row.key, slots, row };
  });
  const nameIndex = scheme.fields.findIndex((f) => f.key === 'name');
  const columns: GridColumn[] = [
    ...scheme.fields.map((f, i): GridColumn => {
      const colId = `f:${f.key}`;
      const texts = rows.flatMap((r) =>
        r.slots[colId]?.kind === 'text' && r.row?.level !== '合计' ? [r.slots[colId] as TextSlot] : [],
      );
      const kind = /^code$|Code$/u.test(f.key) ? 'code' : f.key === 'name' ? 'name' : 'other';
      const header = f.label.split('/');
      return {
        colId,
        header,
        kind: 'text',
        width: fittedWidth(header.at(-1)!, texts, kind),
        pinned: i <= Math.max(nameIndex, 1),
        ...(kind === 'code' ? { code: true } : {}),
      };
    }),
    ...table.columns.map((c) => amountColumn(c)),
  ];
  return finish(columns, rows, null);
}

function singleRow(table: TableInfo): GridModel {
  const row = table.rows[0]!;
  const columns = table.columns.map((c) => amountColumn(c));
  const slots: Record<string, Slot> = {};
  for (const column of table.columns) {
    const slot = amountSlot(row, column);
    if (slot) slots[column.key] = slot;
  }
  return finish(columns, [{ id: row.key, slots }], lanciLine(columns, []));
}

export function buildGridModel(table: TableInfo): GridModel {
  switch (table.template.layout) {
    case 'code-keyed':
      return codeKeyed(table);
    case 'two-sided':
      return twoSided(table);
    case 'three-group':
      return threeGroup(table);
    case 'single-row':
      return singleRow(table);
    case 'listed':
      return listed(table);
  }
}
