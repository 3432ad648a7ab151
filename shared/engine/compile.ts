/**
 * Binds a parsed rule set to the structure of one report: every formula is expanded over its scope
 * (每行, 每个类, 每栏 …) into instances whose operands are plain lists of cell ids. The engine then
 * evaluates instances without looking at names again.
 */
import { fromDecimalString, type Hundredths } from '../money/money';
import type { ParsedRule, ParsedRuleSet } from '../rules/ruleset';
import {
  parseExpression,
  pointAt,
  type CallNode,
  type Comparator,
  type ConditionNode,
  type ExprNode,
  type FormulaNode,
  type RefNode,
  type ScopeNode,
} from '../rules/syntax';
import type { ColumnInfo, RowInfo, Structure, TableInfo } from './structure';

export interface Operand {
  cells: number[];
  signs: (1 | -1)[];
  constant: Hundredths;
  /** Rows the formula names that the report does not have (they count as 0), for messages. */
  absent: string[];
  /**
   * Tables (by index) whose list of rows the selection relies on: a 类's 下级, a code looked up in
   * another table, the rows of a tag. Where the file did not give all rows of one, the operand
   * cannot be evaluated (a row not read is not a row with no money).
   */
  tables: number[];
}

export type CompiledCondition =
  | { kind: 'compare'; op: Comparator; left: Operand; right: Operand }
  | { kind: 'const'; value: boolean }
  /** 存在(…) over a table whose rows are incomplete: whether the row exists cannot be told. */
  | { kind: 'unknown'; table: number }
  | { kind: 'and' | 'or'; parts: CompiledCondition[] };

/** A structural defect found when the rule is bound (a 项 without its 款, a code missing in a table). */
export interface StructureProblem {
  row: RowInfo;
  /** The code or name the problem is about, when it is not the row itself (a code absent here). */
  subject?: string;
  message: string;
}

/**
 * One formula bound to one place (a row, a row and column, or a whole table). Both kinds share
 * one object shape so that the hot loops of the engine see a single hidden class.
 */
export interface Instance {
  id: number;
  kind: 'compare' | 'structure';
  rule: ParsedRule;
  formula: number;
  /** Applies only while this condition holds; null when unconditional. */
  guard: CompiledCondition | null;
  op: Comparator;
  left: Operand;
  right: Operand;
  /** The cell this instance computes (a 合计 / 小计 / roll-up), or -1 for a pure check. */
  target: number;
  /** Structural defects found when binding (structure instances only). */
  problems: StructureProblem[];
  /** Structure checks are warnings unless the rule asserts something that must hold (存在). */
  severity: 'error' | 'warning';
  key: string;
  /** Tables whose rows the instance relies on (its operands' and its structure check's), see Operand.tables. */
  tables: number[];
}

const NO_CELLS: Operand = { cells: [], signs: [], constant: 0, absent: [], tables: [] };

export class RuleBindError extends Error {
  constructor(rule: string, formula: FormulaNode, offset: number, detail: string) {
    super(`审核公式 ${rule}：${detail}\n${pointAt(formula.source, offset)}`);
    this.name = 'RuleBindError';
  }
}

interface Context {
  table: TableInfo | null;
  row: RowInfo | null;
  column: ColumnInfo | null;
}

const SELF = '本行';
const CHILDREN = '下级';
const SAME_CODE = '同码';
/** Rows of another listed table whose codes extend this row's code (a 类 line's 项 rows). */
const UNDER_CODE = '同码下属';
/** The row of another listed table with this row's name (a project in 项目支出表 and in 项目绩效目标表). */
const SAME_NAME = '同名';
/** Rows whose code starts with the digits written between 以 and 开头 (以301开头: the 工资福利 款). */
const CODE_PREFIX = /^以(\d+)开头$/u;
const SUM = '求和';
const EXISTS = '存在';
const HIERARCHY = '层级完整';
const SAME_CODES = '代码一致';

export interface CompiledRules {
  instances: Instance[];
}

/**
 * Binds a rule set to a report's structure. `codeLists` are the report's options (运行经费不含的
 * 科目 → 30228, 30229 …): a selector naming one picks the rows with those codes.
 */
export function compileRules(
  structure: Structure,
  ruleSet: ParsedRuleSet,
  codeLists: Record<string, string[]> = {},
): CompiledRules {
  return new Binder(structure, ruleSet, codeLists).compile();
}

/**
 * Binds one amount expression of the rule language (公开01表[收入总计], 求和(公开05表[类].小计)) to
 * the cells it reads, outside any rule: the narrative's slots are expressions like these.
 */
export function compileExpression(
  structure: Structure,
  source: string,
  codeLists: Record<string, string[]> = {},
): Operand {
  return new Binder(
    structure,
    { id: '', name: '', rules: [], conditions: new Map(), textRules: [] },
    codeLists,
  ).expression(source);
}

class Binder {
  private readonly instances: Instance[] = [];
  private readonly namedConditions = new Map<string, CompiledCondition>();
  private readonly columnCache = new Map<string, ColumnInfo[]>();
  private readonly knownRowTags = new Map<TableInfo, Set<string>>();
  private readonly claimed = new Set<number>();
  private readonly boundKeys = new Set<string>();
  private rule!: ParsedRule;
  private formula!: FormulaNode;
  private formulaIndex = 0;

  constructor(
    private readonly structure: Structure,
    private readonly ruleSet: ParsedRuleSet,
    private readonly codeLists: Record<string, string[]>,
  ) {}

  compile(): CompiledRules {
    for (const rule of this.ruleSet.rules) {
      this.rule = rule;
      rule.parsed.forEach((formula, index) => {
        this.formula = formula;
        this.formulaIndex = index;
        for (const ctx of this.expandScope(formula.scope)) this.bindFormula(ctx);
      });
    }
    return { instances: this.instances };
  }

  expression(source: string): Operand {
    this.rule = { id: '算式', title: source, formulas: [source], parsed: [] };
    this.formula = { source, body: { kind: 'call', name: '', args: [], offset: 0 } };
    return this.bindExpr(parseExpression(source), { table: null, row: null, column: null });
  }

  private fail(offset: number, detail: string): never {
    throw new RuleBindError(`${this.rule.id} 第 ${this.formulaIndex + 1} 条`, this.formula, offset, detail);
  }

  private table(id: string, offset: number): TableInfo {
    const table = this.structure.tableById.get(id);
    if (!table) this.fail(offset, `模板中没有“${id}”`);
    return table;
  }

  private rowTags(table: TableInfo): Set<string> {
    let tags = this.knownRowTags.get(table);
    if (!tags) {
      tags = new Set([
        '合计',
        '收入',
        '支出',
        ...(table.template.codeScheme?.levels ?? []),
        ...(table.template.listScheme?.levels.map((l) => l.name) ?? []),
      ]);
      for (const row of table.template.rows ?? []) for (const tag of row.tags ?? []) tags.add(tag);
      this.knownRowTags.set(table, tags);
    }
    return tags;
  }

  private *expandScope(scope: ScopeNode | undefined): Generator<Context> {
    if (!scope) {
      yield { table: null, row: null, column: null };
      return;
    }
    for (const id of scope.tables) {
      const table = this.table(id, scope.offset);
      let rows: (RowInfo | null)[] = [null];
      if (scope.rows) {
        const tag = scope.rows.tag;
        const prefix = tag === null ? undefined : CODE_PREFIX.exec(tag)?.[1];
        if (tag !== null && !prefix && !this.rowTags(table).has(tag))
          this.fail(scope.rows.offset, `${table.id}没有标签为“${tag}”的行`);
        rows = table.rows.filter(
          (r) => !r.spare && (tag === null || (prefix ? r.code?.startsWith(prefix) : r.tags.has(tag))),
        );
      }
      for (const row of rows) {
        if (!scope.columns) {
          yield { table, row, column: null };
          continue;
        }
        const side = scope.columns.tag;
        if (side !== null && side !== '收入' && side !== '支出')
          this.fail(scope.columns.offset, `每栏的标签只能是“收入”或“支出”`);
        for (const column of table.columns) {
          if (column.text || (side !== null && column.side !== side)) continue;
          if (row && row.cells[column.index] === undefined) continue;
          yield { table, row, column };
        }
      }
    }
  }

  private bindFormula(ctx: Context): void {
    const condition = this.formula.condition ? this.bindCondition(this.formula.condition, ctx) : null;
    if (condition?.kind === 'const' && !condition.value) return;
    const guard = condition?.kind === 'const' ? null : condition;
    const body = this.formula.body;
    const instance: Instance = {
      id: this.instances.length,
      kind: 'compare',
      rule: this.rule,
      formula: this.formulaIndex,
      guard,
      op: '=',
      left: NO_CELLS,
      right: NO_CELLS,
      target: -1,
      problems: [],
      severity: 'error',
      key: '',
      tables: [],
    };
    if (body.kind === 'call') {
      const { problems, severity, tables } = this.bindStructureCall(body, ctx);
      instance.kind = 'structure';
      instance.problems = problems;
      instance.severity = severity;
      instance.tables = tables;
      instance.key = `${this.rule.id}#${this.formulaIndex}|${ctx.table?.id ?? ''}|${ctx.row?.key ?? ''}`;
    } else {
      instance.op = body.op;
      instance.left = this.bindExpr(body.left, ctx);
      instance.right = this.bindExpr(body.right, ctx);
      const anchor = instance.left.cells[0] ?? instance.right.cells[0];
      // Rows that select nothing on either side (a row without a code under [同码]) have nothing to compare.
      if (anchor === undefined && instance.left.absent.length + instance.right.absent.length > 0) return;
      if (anchor === undefined) this.fail(body.offset, '公式两边都没有单元格');
      const cell = this.structure.cells[anchor]!;
      instance.key = `${this.rule.id}#${this.formulaIndex}|${cell.row.table.id}|${cell.row.key}|${cell.column.key}`;
      // Rows sharing a code bind the same comparison once per row (X20 over 30201 twice): check it once.
      if (this.boundKeys.has(instance.key)) return;
      instance.target = this.claimTarget(body.op, instance.left, instance.right);
      instance.tables = [...new Set([...instance.left.tables, ...instance.right.tables])];
    }
    this.boundKeys.add(instance.key);
    this.instances.push(instance);
  }

  /** A computing rule defines its single left-hand cell, unless an earlier rule already does. */
  private claimTarget(op: Comparator, left: Operand, right: Operand): number {
    const definesCell = this.rule.compute && !this.formula.condition && op === '=';
    if (!definesCell || left.cells.length !== 1 || left.signs[0] !== 1 || left.constant !== 0) return -1;
    const cell = left.cells[0]!;
    if (this.claimed.has(cell) || right.cells.includes(cell)) return -1;
    this.claimed.add(cell);
    return cell;
  }

  private bindCondition(node: ConditionNode, ctx: Context): CompiledCondition {
    switch (node.kind) {
      case 'compare':
        return {
          kind: 'compare',
          op: node.op,
          left: this.bindExpr(node.left, ctx),
          right: this.bindExpr(node.right, ctx),
        };
      case 'and':
      case 'or':
        return fold(
          node.kind,
          node.parts.map((p) => this.bindCondition(p, ctx)),
        );
      case 'named':
        return this.namedCondition(node.name, node.offset);
      case 'call': {
        if (node.name !== EXISTS) this.fail(node.offset, `条件中只能使用“${EXISTS}(…)”`);
        const table = this.refTable(node.args[0] as RefNode, ctx);
        if (table.rowsGap !== null && this.relies(table, (node.args[0] as RefNode).row ?? SELF))
          return { kind: 'unknown', table: table.index };
        return { kind: 'const', value: this.exists(node, ctx) };
      }
    }
  }

  private namedCondition(name: string, offset: number): CompiledCondition {
    const cached = this.namedConditions.get(name);
    if (cached) return cached;
    const node = this.ruleSet.conditions.get(name);
    if (!node) this.fail(offset, `没有定义名为“${name}”的条件`);
    const compiled = this.bindCondition(node, { table: null, row: null, column: null });
    this.namedConditions.set(name, compiled);
    return compiled;
  }

  private exists(node: CallNode, ctx: Context): boolean {
    const arg = node.args[0];
    if (node.args.length !== 1 || arg?.kind !== 'ref')
      this.fail(node.offset, `${EXISTS}(…) 需要一个行引用，如 ${EXISTS}(公开03表[同码])`);
    const table = this.refTable(arg, ctx);
    return this.selectRows(table, arg.row ?? SELF, ctx, arg.offset).length > 0;
  }

  private bindStructureCall(
    node: CallNode,
    ctx: Context,
  ): { problems: StructureProblem[]; severity: 'error' | 'warning'; tables: number[] } {
    switch (node.name) {
      case HIERARCHY:
        if (!ctx.table || ctx.row)
          this.fail(node.offset, `${HIERARCHY}() 用于整张表，如“公开02表：${HIERARCHY}()”`);
        return { problems: hierarchyProblems(ctx.table), severity: 'warning', tables: [ctx.table.index] };
      case SAME_CODES: {
        const [a, b] = node.args.map((arg) => {
          if (
            arg.kind !== 'ref' ||
            arg.head === undefined ||
            arg.row !== undefined ||
            arg.column !== undefined
          ) {
            this.fail(arg.offset, `${SAME_CODES}(…) 的参数应为两个表名`);
          }
          return this.table(arg.head, arg.offset);
        });
        if (!a || !b || node.args.length !== 2) this.fail(node.offset, `${SAME_CODES}(…) 需要两个表名`);
        return {
          problems: [...missingCodes(a, b), ...missingCodes(b, a)],
          severity: 'warning',
          tables: [a.index, b.index],
        };
      }
      case EXISTS: {
        const present = this.exists(node, ctx);
        const ref = node.args[0] as RefNode;
        const table = this.refTable(ref, ctx);
        const tables = this.relies(table, ref.row ?? SELF) ? [table.index] : [];
        if (present || !ctx.row) return { problems: [], severity: 'error', tables };
        const problem = { row: ctx.row, message: `${ref.head ?? ctx.row.table.id}中没有与之对应的行` };
        return { problems: [problem], severity: this.rule.advisory ? 'warning' : 'error', tables };
      }
      default:
        this.fail(
          node.offset,
          `未知的函数“${node.name}”（可用：${SUM}、${EXISTS}、${HIERARCHY}、${SAME_CODES}）`,
        );
    }
  }

  private bindExpr(node: ExprNode, ctx: Context): Operand {
    const operand: Operand = { cells: [], signs: [], constant: 0, absent: [], tables: [] };
    this.addTerms(node, ctx, false, 1, operand);
    return operand;
  }

  /** Appends the terms of an expression to one operand, so that no intermediate lists are built. */
  private addTerms(node: ExprNode, ctx: Context, inSum: boolean, sign: 1 | -1, into: Operand): void {
    switch (node.kind) {
      case 'number':
        into.constant += sign * this.constant(node.text, node.offset);
        return;
      case 'negate':
        return this.addTerms(node.operand, ctx, inSum, sign === 1 ? -1 : 1, into);
      case 'binary':
        this.addTerms(node.left, ctx, inSum, sign, into);
        return this.addTerms(node.right, ctx, inSum, node.op === '+' ? sign : sign === 1 ? -1 : 1, into);
      case 'call':
        if (node.name !== SUM) this.fail(node.offset, `“${node.name}(…)”不能用在算式中`);
        if (node.args.length !== 1) this.fail(node.offset, `${SUM}(…) 需要一个参数`);
        return this.addTerms(node.args[0]!, ctx, true, sign, into);
      case 'ref':
        return this.addRef(node, ctx, inSum, sign, into);
    }
  }

  private constant(text: string, offset: number): Hundredths {
    const [whole, fraction = ''] = text.split('.');
    if (fraction.length > 2 || text.split('.').length > 2) this.fail(offset, `常数“${text}”最多两位小数`);
    return fromDecimalString(`${whole}.${fraction.padEnd(2, '0')}`);
  }

  /** Which table a reference reads: NAME[..] and NAME.x name a table; a lone NAME is a column of the scope. */
  private refTable(ref: RefNode, ctx: Context): TableInfo {
    if (
      ref.head !== undefined &&
      (ref.row !== undefined || ref.column !== undefined || this.structure.tableById.has(ref.head))
    ) {
      return this.table(ref.head, ref.offset);
    }
    if (!ctx.table) this.fail(ref.offset, '请写明表名，如 公开01表[本年收入合计]');
    return ctx.table;
  }

  private addRef(ref: RefNode, ctx: Context, inSum: boolean, sign: 1 | -1, into: Operand): void {
    const table = this.refTable(ref, ctx);
    const columnName =
      ref.column ??
      (ref.head !== undefined && table === ctx.table && !this.structure.tableById.has(ref.head)
        ? ref.head
        : undefined);
    let rows: RowInfo[];
    if (ref.row !== undefined) {
      rows = this.selectRows(table, ref.row, ctx, ref.offset);
      const manyRows =
        ref.row === CHILDREN ||
        ref.row === UNDER_CODE ||
        CODE_PREFIX.test(ref.row) ||
        Object.hasOwn(this.codeLists, ref.row) ||
        this.isTag(table, ref.row);
      if (!inSum && manyRows) this.fail(ref.offset, `“${ref.row}”指多行，只能用在 ${SUM}(…) 中`);
    } else if (ctx.row && table === ctx.table) {
      rows = [ctx.row];
    } else {
      const dataRows = table.rows.filter((r) => !r.spare);
      if (dataRows.length !== 1) this.fail(ref.offset, `请指明${table.id}的行，如 ${table.id}[合计]`);
      rows = dataRows;
    }
    for (const row of rows) {
      const column = this.column(table, columnName, row, ctx, ref.offset);
      const cell = row.cells[column.index];
      if (cell === undefined)
        this.fail(ref.offset, `${table.id}的“${row.name ?? row.key}”行没有“${column.name}”栏`);
      into.cells.push(cell);
      into.signs.push(sign);
    }
    if (rows.length === 0 && ref.row !== undefined) into.absent.push(this.absentText(table, ref.row, ctx));
    if (ref.row !== undefined && this.relies(table, ref.row) && !into.tables.includes(table.index))
      into.tables.push(table.index);
  }

  /**
   * Whether selecting rows of a table with this selector relies on the file having given all its
   * rows: everything but the row in hand and the 合计 row of a code-keyed or listed table (whose
   * rows are the file's), never in a table of fixed rows (whose rows are the template's).
   */
  private relies(table: TableInfo, selector: string): boolean {
    if (!table.codeKeyed && !table.listed) return false;
    const total = table.template.codeScheme?.totalRole ?? table.template.listScheme?.totalRole;
    return selector !== SELF && selector !== total;
  }

  /** A tag names a group of rows; a row's own key takes precedence over a tag of the same name. */
  private isTag(table: TableInfo, selector: string): boolean {
    return (
      !table.rowByKey.has(selector) && !table.rowByCode.has(selector) && this.rowTags(table).has(selector)
    );
  }

  private absentText(table: TableInfo, selector: string, ctx: Context): string {
    if (selector === CHILDREN) return '本行没有下级科目';
    if (selector === UNDER_CODE) return `${table.id}没有 ${ctx.row?.code ?? ''} 下的科目`;
    if (selector === SAME_NAME) return `${table.id}没有“${ctx.row?.name ?? ''}”`;
    if (Object.hasOwn(this.codeLists, selector)) {
      return this.codeLists[selector]!.length === 0
        ? `报表设置“${selector}”为空`
        : `${table.id}没有报表设置“${selector}”中的科目`;
    }
    const prefix = CODE_PREFIX.exec(selector)?.[1];
    if (prefix) return `${table.id}没有 ${prefix} 开头的科目`;
    if (table.listed && !/^\d+$/u.test(selector) && selector !== SAME_CODE)
      return `${table.id}没有“${selector}”的行`;
    return `${table.id}没有科目 ${selector === SAME_CODE ? (ctx.row?.code ?? '') : selector}`;
  }

  private selectRows(table: TableInfo, selector: string, ctx: Context, offset: number): RowInfo[] {
    if (selector === UNDER_CODE) {
      if (!ctx.row?.code) this.fail(offset, `“${UNDER_CODE}”只能用在有科目编码的行的范围中，如“每个功能类”`);
      if (!table.listed) this.fail(offset, `“${UNDER_CODE}”只能指逐行列示的表（预算表）`);
      const code = ctx.row.code;
      return table.rows.filter(
        (r) => r.code !== null && r.code.length > code.length && r.code.startsWith(code),
      );
    }
    if (selector === SAME_NAME) {
      if (!ctx.row?.name) this.fail(offset, `“${SAME_NAME}”只能用在有名称的行的范围中，如“每个项目”`);
      if (table === ctx.table) this.fail(offset, `“${SAME_NAME}”只能指其他表的行`);
      // Rows with rows under them (a unit named like its 部门) are totals, not the same item.
      return table.rows.filter(
        (r) => r.name === ctx.row!.name && r.children.length === 0 && r.level !== '合计',
      );
    }
    const prefix = CODE_PREFIX.exec(selector)?.[1];
    if (prefix) return table.rows.filter((r) => r.code?.startsWith(prefix));
    const codes = Object.hasOwn(this.codeLists, selector) ? this.codeLists[selector] : undefined;
    if (codes) return table.rows.filter((r) => r.code !== null && codes.includes(r.code));
    if (selector === SELF || selector === CHILDREN || selector === SAME_CODE) {
      if (!ctx.row) this.fail(offset, `“${selector}”只能用在“每行”或“每个…”的范围中`);
      if (selector === CHILDREN)
        return table === ctx.table ? ctx.row.children : this.fail(offset, `“${CHILDREN}”只能指本表的行`);
      if (selector === SELF)
        return table === ctx.table
          ? [ctx.row]
          : this.fail(offset, `“${SELF}”只能指本表的行，其他表请用“${SAME_CODE}”`);
      return this.sameCode(table, ctx.row, offset);
    }
    const hangci = /^行(\d+)$/u.exec(selector);
    if (hangci) {
      const row = table.rows.find((r) => r.hangci === Number(hangci[1]));
      return row ? [row] : this.fail(offset, `${table.id}没有行次 ${hangci[1]}`);
    }
    // In a listed table a code may stand on several rows (a 部门 code with several 政府 codes): all of them.
    if (table.listed && /^\d+$/u.test(selector)) return table.rows.filter((r) => r.code === selector);
    const byKey = table.rowByKey.get(selector) ?? table.rowByCode.get(selector);
    if (byKey) return [byKey];
    // A code that a code-keyed table does not list is a row with no money: it counts as 0.
    if (/^\d+$/u.test(selector) && table.codeKeyed) return [];
    if (this.isTag(table, selector)) return table.rows.filter((r) => !r.spare && r.tags.has(selector));
    // A listed table's rows are also named by their name or a field (项目支出表[其他运转类] = the rows
    // of that 类型); a report may have none of them, which counts as 0.
    if (table.listed)
      return table.rows.filter(
        (r) => r.name === selector || Object.values(r.fields ?? {}).includes(selector),
      );
    this.fail(offset, `${table.id}没有名为“${selector}”的行或标签`);
  }

  private sameCode(table: TableInfo, row: RowInfo, offset: number): RowInfo[] {
    if (row.code === null) {
      // A listed row may lack its code in the file: it then has no counterpart (and says so as 0).
      if (row.table.listed && row.level !== '合计') return [];
      if (row.level !== '合计')
        this.fail(offset, `“${row.name ?? row.key}”没有科目编码，不能用“${SAME_CODE}”`);
      const total = table.template.codeScheme
        ? table.rowByKey.get(table.template.codeScheme.totalRole!)
        : undefined;
      return total ? [total] : [];
    }
    // A listed table may print a code on several rows (30201 with 50201 and with 50502): all of them.
    if (table.listed) return table.rows.filter((r) => r.code === row.code);
    const match = table.rowByCode.get(row.code);
    return match ? [match] : [];
  }

  private column(
    table: TableInfo,
    name: string | undefined,
    row: RowInfo,
    ctx: Context,
    offset: number,
  ): ColumnInfo {
    if (name === undefined) {
      if (ctx.column && ctx.column.table === table) return ctx.column;
      const own = table.columns.filter((c) => !c.text && row.cells[c.index] !== undefined);
      if (own.length === 1) return own[0]!;
      this.fail(offset, `请指明${table.id}的栏目，如 .${own[0]?.name ?? '金额'}`);
    }
    const matches = this.columnsNamed(table, name).filter((c) => c.side === null || c.side === row.side);
    if (matches.length === 1 && matches[0]!.text)
      this.fail(offset, `${table.id}的“${name}”是文字栏，不能参与计算`);
    if (matches.length === 1) return matches[0]!;
    if (matches.length === 0) this.fail(offset, `${table.id}没有名为“${name}”的栏目`);
    this.fail(offset, `${table.id}有多个栏目叫“${name}”，请用栏次，如 栏${matches[0]!.lanci ?? 1}`);
  }

  private columnsNamed(table: TableInfo, name: string): ColumnInfo[] {
    const cacheKey = `${table.id}\u0000${name}`;
    let found = this.columnCache.get(cacheKey);
    if (!found) {
      const lanci = /^栏(\d+)$/u.exec(name);
      found = lanci
        ? table.columns.filter((c) => c.lanci === Number(lanci[1]))
        : table.columns.filter((c) => c.name === name || c.key === name || c.label === name);
      if (found.length === 0 && !lanci) found = table.columns.filter((c) => c.leaf === name);
      this.columnCache.set(cacheKey, found);
    }
    return found;
  }
}

/** Drops conditions that are known when binding (存在 …), so that shared named conditions stay shared. */
function fold(kind: 'and' | 'or', parts: CompiledCondition[]): CompiledCondition {
  const decisive = kind === 'and' ? false : true;
  if (parts.some((p) => p.kind === 'const' && p.value === decisive))
    return { kind: 'const', value: decisive };
  const open = parts.filter((p) => p.kind !== 'const');
  if (open.length === 0) return { kind: 'const', value: !decisive };
  return open.length === 1 ? open[0]! : { kind, parts: open };
}

/** B04: every 项 under its 款, every 款 under its 类 and with at least one 项, codes of a known length. */
function hierarchyProblems(table: TableInfo): StructureProblem[] {
  const scheme = table.template.codeScheme;
  if (!scheme) return [];
  const problems: StructureProblem[] = [];
  const deepest = scheme.levels.length - 1;
  for (const row of table.rows) {
    if (row.level === '合计' || row.code === null) continue;
    if (row.level === null) {
      problems.push({
        row,
        message: `科目编码 ${row.code} 的位数不对（应为 ${scheme.lengths.join('/')} 位）`,
      });
      continue;
    }
    const depth = scheme.levels.indexOf(row.level);
    if (depth > 0 && row.parent === null) {
      const parentCode = row.code.slice(0, scheme.lengths[depth - 1]);
      problems.push({
        row,
        message: `${row.level} ${row.code} 在本表中没有上级${scheme.levels[depth - 1]} ${parentCode}`,
      });
    }
    if (depth < deepest && row.children.length === 0) {
      problems.push({ row, message: `${row.level} ${row.code} 在本表中没有下级${scheme.levels[depth + 1]}` });
    }
  }
  return problems;
}

/** D12: the codes `from` lists that `to` does not. */
function missingCodes(from: TableInfo, to: TableInfo): StructureProblem[] {
  const problems: StructureProblem[] = [];
  for (const row of from.rows) {
    if (row.code !== null && !to.rowByCode.has(row.code)) {
      problems.push({
        row,
        subject: row.code,
        message: `${from.id}有 ${row.code} ${row.name ?? ''}，${to.id}没有`,
      });
    }
  }
  return problems;
}
