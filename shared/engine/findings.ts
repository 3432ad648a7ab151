/**
 * Turns instance outcomes into findings a finance officer can act on: the rule, the cells with
 * their values, what was expected, what is printed, and the difference, in Chinese.
 */
import { toDecimalString } from '../money/money';
import type { Side } from '../model/template';
import type { Instance, Operand, StructureProblem } from './compile';
import type { Calculator, Outcome, Severity, Unchecked } from './recalc';
import { tableWording, type CellInfo, type CellOrigin, type RowInfo, type Structure } from './structure';

/** Addresses a cell the way files and the UI do: table id, row key (role, code or 合计), column key. */
export interface CellRef {
  table: string;
  row: string;
  column: string;
}

/** The one spelling of a cell's identity as a map key. */
export const cellKey = (ref: CellRef): string => `${ref.table}|${ref.row}|${ref.column}`;

/** The address of a cell of the structure by table, row and column: what survives rebuilds of the structure. */
export const refOfCell = (cell: CellInfo): CellRef => ({
  table: cell.row.table.id,
  row: cell.row.key,
  column: cell.column.key,
});

/** How each class of finding is named to a finance officer. */
export const SEVERITY_LABEL: Record<Severity, string> = { error: '错误', rounding: '尾差', warning: '提示' };

/**
 * Where a finding is: a cell, a row, a whole table, the document (a table the set requires is
 * missing), or a span of the written 情况说明 (offsets into the whole text).
 */
export type FindingLocation =
  | { kind: 'cell'; ref: CellRef }
  | { kind: 'row'; table: string; row: string }
  | { kind: 'table'; table: string }
  | { kind: 'document' }
  | { kind: 'narrative'; section: string; sentence: number; start: number; end: number };

/** The table a location is in, or null (the document, the narrative). */
export function locationTable(location: FindingLocation): string | null {
  switch (location.kind) {
    case 'cell':
      return location.ref.table;
    case 'row':
    case 'table':
      return location.table;
    default:
      return null;
  }
}

/** One cell named in a finding (the JSON shape of the command-line checker). */
export interface FindingCell {
  table: string;
  /** Code for code-keyed rows, the printed label for fixed rows. */
  row: string;
  hangci: number | null;
  side: Side | null;
  /** Printed (leaf) header label. */
  column: string | null;
  value: string | null;
  ref: CellRef | null;
}

export interface Finding {
  /** Stable identity: the same finding keeps its key across edits. */
  key: string;
  ruleId: string;
  severity: Severity;
  title: string;
  /** In Chinese, with amounts in the report's unit (see messageIn for another unit). */
  message: string;
  /**
   * The message with its amounts as tokens (amountToken), so that it can be said in the unit the
   * user looks at; absent where the message names no amount.
   */
  messageTemplate?: string;
  location: FindingLocation;
  /** Table where the finding is shown (that of its location), or null for the document and the narrative. */
  table: string | null;
  cells: FindingCell[];
  expected: string | null;
  actual: string | null;
  diff: string | null;
  /** A narrative finding's figure as the text prints it. */
  printed?: string | null;
}

/** A check that was not run (未核对): a figure it needs is not in the file, so it cannot be judged. */
export interface NotChecked {
  key: string;
  ruleId: string;
  title: string;
  /** Table of the check (where its first figure is), or null. */
  table: string | null;
  reason: string;
  location: FindingLocation;
}

/** Marks an amount (in hundredths of the report's unit) inside a message template. */
const TOKEN = '\u2063';
const AMOUNT_TOKEN = new RegExp(`${TOKEN}(-?\\d+)${TOKEN}`, 'gu');
const UNIT_TOKEN = `${TOKEN}U${TOKEN}`;

export function amountToken(hundredths: number): string {
  return `${TOKEN}${hundredths}${TOKEN}`;
}

/** A message template said with amounts written by `format` and the unit word `unit`. */
export function renderMessage(
  template: string,
  format: (hundredths: number) => string,
  unit: string,
): string {
  return template.replace(AMOUNT_TOKEN, (_, h: string) => format(Number(h))).replaceAll(UNIT_TOKEN, unit);
}

/** A finding's message as the user reads it, in the unit shown (the report's when `format` is absent). */
export function messageIn(finding: Finding, format: (hundredths: number) => string, unit: string): string {
  return finding.messageTemplate === undefined
    ? finding.message
    : renderMessage(finding.messageTemplate, format, unit);
}

/** A finding about one cell (most findings): its location and table follow from the cell. */
export function cellFinding(fields: Omit<Finding, 'location' | 'table'> & { ref: CellRef }): Finding {
  const { ref, ...rest } = fields;
  return { ...rest, location: { kind: 'cell', ref }, table: ref.table };
}

const LISTED_TERMS = 6;

/** What tells two findings of the same key apart without saying them (findingsChanged). */
const SIGNATURES = new WeakMap<Finding, string>();

/** Whether a finding says something else than before: another class, or other amounts. */
export function findingChanged(before: Finding, after: Finding): boolean {
  const said = (f: Finding) => SIGNATURES.get(f) ?? f.messageTemplate ?? f.message;
  return before.severity !== after.severity || said(before) !== said(after);
}

export class FindingWriter {
  constructor(
    private readonly structure: Structure,
    private readonly calculator: Calculator,
    private readonly unit: string,
    /** Where figures were read in the file (by cellKey), named in messages about what was read there. */
    private readonly origins: ReadonlyMap<string, CellOrigin> = new Map(),
  ) {}

  /** The findings of one instance (structure checks may have several). */
  describe(inst: Instance, outcome: Outcome): Finding[] {
    if (inst.kind === 'structure') {
      return inst.problems.map((problem) =>
        this.structureFinding(inst.rule.id, inst.rule.title, inst.key, outcome.severity, problem),
      );
    }
    return [this.compareFinding(inst, outcome)];
  }

  rowLabel(row: RowInfo): string {
    if (row.code !== null && row.table.template.layout !== 'two-sided') return row.code;
    return row.name ?? row.key;
  }

  private describeRow(row: RowInfo): string {
    if (row.hangci !== null) return `行${row.hangci} ${row.name ?? ''}`.trim();
    // A class line of 01/04 carries its 类 code to tie it to other tables; the table prints only its label.
    if (row.code !== null && row.table.template.layout !== 'two-sided')
      return `${row.code} ${row.name ?? ''}`.trim();
    return row.name ?? row.key;
  }

  /** A cell as a finding names it, with its value now (or the one given, as it was when the finding was made). */
  cellOf(cell: CellInfo, value = this.calculator.values[cell.id]!): FindingCell {
    const { row, column } = cell;
    return {
      table: row.table.id,
      row: this.rowLabel(row),
      hangci: row.hangci,
      side: row.side,
      column: column.leaf,
      value: toDecimalString(value),
      ref: { table: row.table.id, row: row.key, column: column.key },
    };
  }

  /** How a cell is named relative to the anchor cell: only what differs from it. */
  private place(cell: CellInfo, anchor: CellInfo): string {
    const sameTable = cell.row.table === anchor.row.table;
    const sameRow = sameTable && cell.row === anchor.row;
    const column = this.columnSuffix(cell);
    if (sameRow) return column || this.describeRow(cell.row);
    const row = this.describeRow(cell.row);
    return `${sameTable ? '' : cell.row.table.id}${row}${column}`;
  }

  /** An operand in words, with its cells' values as given (those the finding was made with). */
  private operandText(operand: Operand, anchor: CellInfo, values: number[]): string {
    const { cells, signs, constant } = operand;
    if (cells.length > LISTED_TERMS) {
      const sum = cells.reduce((total, _, i) => total + signs[i]! * values[i]!, constant);
      return `${cells.length} 个单元格之和 ${amountToken(sum)}`;
    }
    const parts = cells.map((id, i) => {
      const cell = this.structure.cells[id]!;
      const sign = i === 0 ? (signs[i] === -1 ? '−' : '') : signs[i] === -1 ? ' − ' : ' + ';
      return `${sign}${this.place(cell, anchor)} ${amountToken(values[i]!)}`;
    });
    if (constant !== 0 || (parts.length === 0 && operand.absent.length === 0))
      parts.push(`${parts.length ? ' + ' : ''}${amountToken(constant)}`);
    const absent =
      operand.absent.length > 0 ? `${parts.length ? '；' : ''}${operand.absent.join('、')}，按 0 计` : '';
    return parts.join('') + absent;
  }

  /** Per instance (by id): the cells it compares, left then right, and where its findings stand. */
  private readonly involvedOf: CellInfo[][] = [];
  private readonly locationOf: FindingLocation[] = [];

  private compareFinding(inst: Instance, outcome: Outcome): Finding {
    const involved = (this.involvedOf[inst.id] ??= [...inst.left.cells, ...inst.right.cells].map(
      (id) => this.structure.cells[id]!,
    ));
    const anchor = involved[0]!;
    const values = involved.map((c) => this.calculator.values[c.id]!);
    // An edit re-describes every check it touches, and most of these findings are replaced by the
    // next edit before anyone reads them: what they say is worked out when first read (enumerable
    // getters, so JSON and spreads see plain fields), from the figures as they are now.
    let template: string | undefined;
    let message: string | undefined;
    let cells: FindingCell[] | undefined;
    const templateOf = () => (template ??= this.compareTemplate(inst, outcome, anchor, values));
    const cellsOf = () => involved.map((c, i) => this.cellOf(c, values[i]));
    const unit = this.unit ? ` ${this.unit}` : '';
    const finding: Finding = {
      key: inst.key,
      ruleId: inst.rule.id,
      severity: outcome.severity,
      title: inst.rule.title,
      get messageTemplate() {
        return templateOf();
      },
      get message() {
        return (message ??= renderMessage(templateOf(), toDecimalString, unit));
      },
      location: (this.locationOf[inst.id] ??= { kind: 'cell', ref: refOfCell(anchor) }),
      table: anchor.row.table.id,
      get cells() {
        return (cells ??= cellsOf());
      },
      get expected() {
        return toDecimalString(outcome.right);
      },
      get actual() {
        return toDecimalString(outcome.left);
      },
      get diff() {
        return toDecimalString(outcome.left - outcome.right);
      },
    };
    // Every amount the message can say follows from the outcome and the cells' values.
    SIGNATURES.set(finding, `${outcome.severity}|${outcome.left}|${outcome.right}|${values.join(',')}`);
    return finding;
  }

  private compareTemplate(inst: Instance, outcome: Outcome, anchor: CellInfo, values: number[]): string {
    const diff = outcome.left - outcome.right;
    const verb = inst.op === '=' ? '应为' : inst.op === '>=' ? '应不小于' : '应不大于';
    const subject =
      inst.left.cells.length === 1 ? this.where(anchor) : this.operandText(inst.left, anchor, values);
    const right = this.operandText(inst.right, anchor, values.slice(inst.left.cells.length));
    let template = `${subject} 为 ${amountToken(outcome.left)}，${verb} ${amountToken(outcome.right)}（${right}），差额 ${diff > 0 ? '+' : ''}${amountToken(diff)}${UNIT_TOKEN}。`;
    if (outcome.severity === 'rounding')
      template += `差额在尾差允许范围（±${amountToken(outcome.tolerance)}${UNIT_TOKEN}）内，属四舍五入尾差。`;
    if (inst.rule.advisory) template += '此为提示性审核，差异不一定是错误。';
    return template;
  }

  /**
   * Why an instance was not run, in Chinese: the figure it needs that the file does not have (or
   * that cannot be read), or the table whose rows the file did not all give.
   */
  notChecked(inst: Instance, why: Unchecked): NotChecked[] {
    const reason = this.uncheckedReason(why);
    const base = { ruleId: inst.rule.id, title: inst.rule.title, reason };
    // A structure check (代码一致 of 02 and 03) would have reported in any of its tables: it is unchecked in each.
    if (inst.kind === 'structure') {
      return inst.tables.map((t) => {
        const table = this.structure.tables[t]!.id;
        return { ...base, key: `${inst.key}|${table}`, table, location: { kind: 'table', table } };
      });
    }
    const anchor = this.structure.cells[inst.left.cells[0] ?? inst.right.cells[0] ?? inst.target];
    if (!anchor) return [{ ...base, key: inst.key, table: null, location: { kind: 'document' } }];
    return [
      {
        ...base,
        key: inst.key,
        table: anchor.row.table.id,
        location: { kind: 'cell', ref: refOfCell(anchor) },
      },
    ];
  }

  uncheckedReason(why: Unchecked): string {
    if ('table' in why)
      return this.structure.tables[why.table]!.rowsGap ?? `${this.structure.tables[why.table]!.id}的行不全`;
    const cell = this.structure.cells[why.cell]!;
    const entry = this.calculator.entries[why.cell];
    if (entry?.absent !== undefined) return entry.absent;
    return `${this.where(cell)}的内容“${entry?.invalidText ?? ''}”不是有效金额`;
  }

  /** A cell named in full: 公开05表 2080505 机关事业单位基本养老保险缴费支出「小计」. */
  /** A cell named in full, by id (for messages outside findings). */
  placeOf(cell: number): string {
    return this.where(this.structure.cells[cell]!);
  }

  private where(cell: CellInfo): string {
    return `${cell.row.table.id} ${this.describeRow(cell.row)}${this.columnSuffix(cell)}`;
  }

  private columnSuffix(cell: CellInfo): string {
    const columns = cell.row.table.columns.filter((c) => cell.row.cells[c.index] !== undefined);
    return columns.length > 1 ? `「${cell.column.name}」` : '';
  }

  /** A computed cell whose formula depends on itself: reported, never looped over. */
  cycle(inst: Instance): Finding {
    const cell = this.structure.cells[inst.target]!;
    const where = this.where(cell);
    return cellFinding({
      key: `cycle|${inst.key}`,
      ruleId: inst.rule.id,
      severity: 'error',
      title: inst.rule.title,
      message: `审核公式循环引用：${where} 的计算结果又被用来计算它自己，已改为普通输入单元格，请检查审核公式。`,
      ref: refOfCell(cell),
      cells: [this.cellOf(cell)],
      expected: null,
      actual: null,
      diff: null,
    });
  }

  /** Text in an amount cell that is not a number: kept as typed, counted as 0, and explained. */
  invalidEntry(rule: { id: string; title: string }, cell: CellInfo, text: string, reason: string): Finding {
    const origin = this.origins.get(cellKey(refOfCell(cell)));
    const where = `${this.where(cell)}${origin ? `（工作表“${origin.sheet}”${origin.address}）` : ''}`;
    return cellFinding({
      key: `${rule.id}|${cell.row.table.id}|${cell.row.key}|${cell.column.key}`,
      ruleId: rule.id,
      severity: 'error',
      title: rule.title,
      message: `${where}：${reason}。内容已原样保留，用到它的审核暂不进行（未核对），请改为数字。`,
      ref: refOfCell(cell),
      cells: [{ ...this.cellOf(cell), value: text }],
      expected: null,
      actual: text,
      diff: null,
    });
  }

  private structureFinding(
    ruleId: string,
    title: string,
    key: string,
    severity: Severity,
    problem: StructureProblem,
  ): Finding {
    const row = problem.row;
    return {
      key: `${key}|${row.table.id}|${row.key}|${problem.subject ?? ''}`,
      ruleId,
      severity,
      title,
      message: `${row.table.id}：${problem.message}。`,
      location: { kind: 'row', table: row.table.id, row: row.key },
      table: row.table.id,
      cells: [
        {
          table: row.table.id,
          row: this.rowLabel(row),
          hangci: row.hangci,
          side: row.side,
          column: null,
          value: null,
          ref: null,
        },
      ],
      expected: null,
      actual: null,
      diff: null,
    };
  }

  /** A table the set requires that the file does not have: published even when empty, so its absence is a finding. */
  missingTable(rule: { id: string; title: string }, tableId: string): Finding {
    const table = this.structure.tableById.get(tableId)!;
    return {
      key: `${rule.id}|${tableId}`,
      ruleId: rule.id,
      severity: 'warning',
      title: rule.title,
      message: `文件中没有${tableWording(table.template)}。公开表即使没有数据也要公开；用到这张表的审核未进行（未核对）。`,
      location: { kind: 'table', table: tableId },
      table: tableId,
      cells: [],
      expected: null,
      actual: null,
      diff: null,
    };
  }
}
