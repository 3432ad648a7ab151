/**
 * The parts of a 决算 情况说明 that enumerate the tables' rows: 五（二） one clause per 类 of 05
 * (E06), 五（三） one numbered item per 项 of 05 (E08–E10), 六 the 06 items after 主要包括 (E12).
 * Rows are found by their printed names, because the text names them, not by code; a name that
 * does not belong to its code is reported.
 */
import type { FindingCell } from '../engine/findings';
import type { Structure } from '../engine/structure';
import { toDecimalString } from '../money/money';
import type { Resolved, TableAmounts } from './amounts';
import type { Binding, FindingFactory, SectionRun } from './check';
import type { SectionDefinition, Term } from './definitions';
import { hundredthsOf, type Figure } from './figures';
import type { Section } from './sections';
import { rowKey } from './supplementary';
import { matchTerm } from './terms';

export interface CodeRow {
  code: string;
  name: string;
  level: string | null;
  /** Cell ids by column name (小计, 基本支出 …). */
  cells: Map<string, number>;
  children: CodeRow[];
}

/** What the enumerations read of the tables: rows of a code-keyed table, 类 names of the national list. */
export interface TableLookup {
  rows(table: string): CodeRow[] | { reason: string };
  /** The 类 code of a function-class name (社会保障和就业支出 → 208) from the set's 01 class lines. */
  classCode(name: string): string | null;
  /** How many rows of a table are at a level (the projects of 项目支出表, which have no codes). */
  rowCount(table: string, level: string): { value: number } | { reason: string };
  /** The name of a 类 code as the 01 class lines print it, without their numbering (208 → 社会保障和就业); null when none does. */
  className(code: string): string | null;
}

export function tableLookup(structure: Structure): TableLookup {
  return {
    rows(tableId) {
      const table = structure.tableById.get(tableId);
      if (!table) return { reason: `本报表没有${tableId}` };
      if (table.rowsGap !== null) return { reason: table.rowsGap };
      const rows = new Map(
        table.rows.map((row) => [
          row,
          {
            code: row.code ?? '',
            name: row.name ?? '',
            level: row.level,
            cells: new Map<string, number>(),
            children: [] as CodeRow[],
          },
        ]),
      );
      for (const [row, info] of rows) {
        for (const column of table.columns) {
          const cell = row.cells[column.index];
          if (cell !== undefined) info.cells.set(column.name, cell);
        }
        info.children = row.children.map((c) => rows.get(c)!);
      }
      return [...rows.values()].filter((r) => r.code !== '');
    },
    classCode(name) {
      for (const table of structure.tables) {
        if (table.template.layout !== 'two-sided') continue;
        const row = table.rows.find(
          (r) =>
            r.code !== null &&
            r.code.length === 3 &&
            r.name !== null &&
            sameName(stripNumbering(r.name), name, NO_EQUIVALENTS),
        );
        if (row) return row.code;
      }
      return null;
    },
    rowCount(tableId, level) {
      const table = structure.tableById.get(tableId);
      if (!table) return { reason: `本报表没有${tableId}` };
      if (table.rowsGap !== null) return { reason: table.rowsGap };
      return { value: table.rows.filter((r) => r.level === level).length };
    },
    className(code) {
      for (const table of structure.tables) {
        if (table.template.layout !== 'two-sided') continue;
        const row = table.rows.find((r) => r.code === code && r.name !== null);
        if (row) return stripNumbering(row.name!);
      }
      return null;
    },
  };
}

export interface EnumerationContext {
  run: SectionRun;
  part: Section<SectionDefinition>;
  figures: Figure[];
  terms: Term[];
  tables: TableLookup;
  amounts: TableAmounts;
  nameEquivalents: [string, string][];
  /** A 补充信息 value by key (an item's 年初预算 under `field[code]`). */
  supplementary: (key: string) => Resolved;
  finding: FindingFactory;
}

export interface Enumerated {
  bindings: Binding[];
  /** Checks that need every figure of the section read first (sums, completeness). */
  finish?: () => void;
}

/** 一、二、… and 1. 2. in front of a name. */
function stripNumbering(name: string): string {
  return name.replace(/^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)/u, '').trim();
}

/** Names compared as the documents write them: punctuation width and the equivalent words (单位/部门, 缴费/费) ignored. */
export function normalName(name: string, equivalents: readonly [string, string][]): string {
  let known = normalNames.get(equivalents);
  if (!known) normalNames.set(equivalents, (known = new Map()));
  let n = known.get(name);
  if (n === undefined) {
    n = name.replace(/\s/gu, '').replace(/\(/gu, '（').replace(/\)/gu, '）');
    for (const [a, b] of equivalents) n = n.replaceAll(a, b);
    if (known.size >= KNOWN_NAMES) known.clear();
    known.set(name, n);
  }
  return n;
}

/**
 * Names already made normal, by the equivalents they were made with: the same rows' names are
 * compared with the text's at every check, and a table edit checks the text again.
 */
const normalNames = new WeakMap<readonly [string, string][], Map<string, string>>();
/** Enough for every row name of a large report; past it the names start again. */
const KNOWN_NAMES = 50_000;
const NO_EQUIVALENTS: readonly [string, string][] = [];

function sameName(a: string, b: string, equivalents: readonly [string, string][]): boolean {
  return normalName(a, equivalents) === normalName(b, equivalents);
}

const SUBTOTAL = '小计';
const FIVE = '公开05表';
const SIX = '公开06表';

// ── 五（二）: one clause per 类 ──────────────────────────────────────────────────────────

export function checkClasses(context: EnumerationContext): Enumerated {
  const { run, figures, tables, amounts } = context;
  const clauses = context.part.definition.classes;
  if (!clauses) return { bindings: [] };
  const pattern = new RegExp(clauses.pattern, 'u');
  const bindings: Binding[] = [];
  const rows = tables.rows(clauses.table);
  let previousEnd = context.part.bodyStart;
  for (const figure of figures) {
    const near = run.text.slice(previousEnd, figure.start);
    previousEnd = figure.end;
    const match = pattern.exec(near);
    if (!match || figure.kind !== 'amount') continue;
    const printedName = match[1]!.trim();
    const name = printedName.endsWith('支出') ? printedName : `${printedName}支出`;
    const binding: Binding = {
      figure,
      rule: clauses.rule,
      meaning: `${name}（类）`,
      label: match[0].trim(),
      target: null,
    };
    bindings.push(binding);
    if ('reason' in rows) {
      binding.target = rows;
      continue;
    }
    const row = rows.find((r) => r.level === '类' && sameName(r.name, name, context.nameEquivalents));
    const code = row?.code ?? tables.classCode(name);
    if (code === null) {
      binding.target = { reason: `${clauses.table}和功能分类中都没有名为“${name}”的类` };
    } else if (row) {
      binding.target = amounts.cell(row.cells.get(clauses.column));
      binding.source = `${clauses.table} ${row.code} ${row.name}「${clauses.column}」`;
    } else {
      // Tables that list only 项 (the budget's): the 类 is the sum of its 项.
      const items = rows.filter((r) => r.code.length === 7 && r.code.startsWith(code));
      const values = items.map((r) => amounts.cell(r.cells.get(clauses.column)));
      const unknown = values.find((v) => 'reason' in v);
      if (unknown) binding.target = unknown;
      else {
        binding.target = {
          value: values.reduce((a, v) => a + (v as { value: number }).value, 0),
          cells: values.flatMap(cellsOf).slice(0, 6),
        };
        binding.source =
          items.length > 0
            ? `${clauses.table}中 ${code} 类各项之和`
            : `${clauses.table}没有 ${code} ${name}（按 0 计）`;
      }
    }
  }
  return { bindings };
}

// ── 五（三）: one numbered item per 项 ───────────────────────────────────────────────────

interface Item {
  number: number;
  numberSpan: { start: number; end: number };
  names: [string, string, string];
  span: { start: number; end: number };
  budget?: Binding;
  actual?: Binding;
  row: CodeRow | null;
}

const ITEM = /^(\d+)\s*[.．、]\s*(.+?)（类）(.+?)（款）(.+?)（项）/u;

export function checkItems(context: EnumerationContext): Enumerated {
  const rows = context.tables.rows(FIVE);
  const { items, bindings } = readItems(context);
  const described = placeItems(context, items, rows);
  const finish = () => {
    checkItemSums(context, items);
    checkNumbering(context, items);
    if (!('reason' in rows)) reportUndescribed(context, rows, described);
  };
  return { bindings, finish };
}

/** The numbered items of the part, each with its 类/款/项 names and its 预算/决算 figures bound by their terms. */
function readItems(context: EnumerationContext): { items: Item[]; bindings: Binding[] } {
  const { run, part, figures } = context;
  const items: Item[] = [];
  const bindings: Binding[] = [];
  const itemTerms = context.terms.filter((t) => t.role);
  for (let start = part.bodyStart; start < part.end;) {
    const newline = run.text.indexOf('\n', start);
    const end = newline < 0 || newline > part.end ? part.end : newline;
    const match = ITEM.exec(run.text.slice(start, end));
    if (match) {
      const digits = match[1]!;
      const item: Item = {
        number: Number(digits),
        numberSpan: { start, end: start + digits.length },
        names: [match[2]!.trim(), match[3]!.trim(), match[4]!.trim()],
        span: { start, end },
        row: null,
      };
      let nearStart = start + match[0].length;
      for (const figure of figures.filter((f) => f.start >= start && f.end <= end && f.kind === 'amount')) {
        const term = matchTerm(itemTerms, run.text, item.span, nearStart, figure)?.term;
        nearStart = figure.end;
        if (!term) continue;
        const binding: Binding = {
          figure,
          rule: 'E08',
          meaning: item.names[2],
          label: `第${digits}项${term.words?.at(-1) ?? term.key}`,
          role: term.role,
          term,
          target: null,
        };
        if (term.role === 'budget') {
          item.budget = binding;
          // Bound to the 项's own 补充信息 once the item is placed; without that field, only the sum is checked.
          binding.target = { reason: '各项的年初预算不在公开表中，只核对各项之和' };
        } else item.actual = binding;
        bindings.push(binding);
      }
      items.push(item);
    }
    start = end + 1;
  }
  return { items, bindings };
}

/**
 * Find each item's 项 and bind its 决算 figure to the 项's 小计; returns the 项 rows the items describe.
 * An item whose names fit no 项 but whose amount equals an undescribed 项's is reported as misnamed.
 */
function placeItems(
  context: EnumerationContext,
  items: Item[],
  rows: CodeRow[] | { reason: string },
): Set<CodeRow> {
  const { run, part, amounts } = context;
  // Find each item's 项 by its 类/款/项 names; 决算 is compared once all items are placed, because an
  // item named wrongly may still describe a 项 no other item describes (the same amount).
  const described = new Set<CodeRow>();
  if (!('reason' in rows)) {
    for (const item of items) {
      item.row = findItemRow(rows, item.names, context.nameEquivalents);
      if (item.row) described.add(item.row);
    }
  }
  for (const item of items) {
    const field = item.budget?.term?.rowSupplementary;
    if (item.budget && field && item.row) {
      item.budget.target = context.supplementary(rowKey(field, item.row.code));
      item.budget.source = `补充信息“${item.row.code} ${item.row.name}”的年初预算`;
    }
    const actual = item.actual;
    if (!actual) continue;
    if ('reason' in rows) {
      actual.target = rows;
      continue;
    }
    if (item.row) {
      actual.target = amounts.cell(item.row.cells.get(SUBTOTAL));
      actual.source = `公开05表 ${item.row.code} ${item.row.name}「小计」`;
      continue;
    }
    const printed = hundredthsOf(actual.figure);
    const sameAmount = rows.find(
      (r) =>
        r.code.length === 7 && !described.has(r) && valueOf(amounts.cell(r.cells.get(SUBTOTAL))) === printed,
    );
    if (printed === 0) {
      actual.target = { value: 0, cells: [] };
      actual.source = `公开05表没有“${item.names.join('/')}”（按 0 计）`;
    } else if (sameAmount) {
      described.add(sameAmount);
      actual.target = null;
      const cells = cellsOf(amounts.cell(sameAmount.cells.get(SUBTOTAL)));
      run.findings.push(
        context.finding({
          rule: 'E08',
          severity: 'warning',
          section: part.definition.id,
          span: { start: item.span.start, end: actual.figure.start },
          sentence: 0,
          message: `“${part.definition.id}”第${item.number}项：公开05表中没有名为“${item.names[0]}/${item.names[1]}/${item.names[2]}”的项；金额 ${actual.figure.printed} 与 ${sameAmount.code} ${sameAmount.name}「小计」相同，请核对科目名称。`,
          printed: item.names.join('/'),
          expected: `${sameAmount.code} ${sameAmount.name}`,
          cells,
          key: 'name',
        }),
      );
    } else {
      actual.target = { value: 0, cells: [] };
      actual.source = `公开05表没有“${item.names.join('/')}”（按 0 计）`;
    }
  }
  return described;
}

/** E10: a 项 with a non-zero 小计 in 05 that no item describes. */
function reportUndescribed(context: EnumerationContext, rows: CodeRow[], described: Set<CodeRow>): void {
  const { run, part, amounts } = context;
  for (const row of rows) {
    if (row.code.length !== 7 || described.has(row)) continue;
    const amount = amounts.cell(row.cells.get(SUBTOTAL));
    if (!('value' in amount) || amount.value === 0) continue;
    run.findings.push(
      context.finding({
        rule: 'E10',
        severity: 'warning',
        section: part.definition.id,
        span: { start: part.start, end: part.bodyStart },
        sentence: 0,
        message: `“${part.definition.id}”没有说明公开05表 ${row.code} ${row.name}（小计 ${toDecimalString(amount.value)} 万元）。`,
        printed: null,
        expected: `${row.code} ${row.name} ${toDecimalString(amount.value)}`,
        cells: amount.cells,
        key: row.code,
      }),
    );
  }
}

function findItemRow(
  rows: CodeRow[],
  [className, sectionName, itemName]: [string, string, string],
  equivalents: [string, string][],
): CodeRow | null {
  const named = (level: CodeRow[], name: string) => level.filter((r) => sameName(r.name, name, equivalents));
  for (const cls of named(
    rows.filter((r) => r.code.length === 3),
    className,
  )) {
    for (const kuan of named(cls.children, sectionName)) {
      const [xiang] = named(kuan.children, itemName);
      if (xiang) return xiang;
    }
  }
  return null;
}

function valueOf(resolved: Resolved): number | null {
  return 'value' in resolved ? resolved.value : null;
}

function cellsOf(resolved: Resolved): FindingCell[] {
  return 'value' in resolved ? resolved.cells : [];
}

/** E09: the items' 年初预算 and 支出决算 add up to the totals the part states first. */
function checkItemSums(context: EnumerationContext, items: Item[]): void {
  const { run, part } = context;
  const inItems = (f: Figure) => items.some((i) => f.start >= i.span.start && f.end <= i.span.end);
  const heads = [...run.bindings.values()].filter(
    (b) => b.figure.start >= part.bodyStart && b.figure.end <= part.end && !inItems(b.figure),
  );
  for (const role of ['budget', 'actual'] as const) {
    const head = heads.find((b) => b.role === role);
    const addends = items
      .map((i) => (role === 'budget' ? i.budget : i.actual))
      .filter((b) => b !== undefined);
    if (!head || addends.length === 0) continue;
    const total = hundredthsOf(head.figure);
    const values = addends.map((b) => hundredthsOf(b.figure));
    if (total === null || values.some((v) => v === null)) continue;
    const added = values.reduce((a, b) => a! + b!, 0)!;
    const diff = total - added;
    if (diff === 0) continue;
    const nonZero = values.filter((v) => v !== 0).length;
    const tolerance = Math.ceil((nonZero + 1) / 2) - 1;
    const rounding = Math.abs(diff) <= tolerance;
    const what = role === 'budget' ? '年初预算' : '支出决算';
    let message = `“${part.definition.id}”：${what}总数 ${head.figure.printed}，各项${what}之和为 ${toDecimalString(added)} 万元（${addends.length} 项），差额 ${diff > 0 ? '+' : ''}${toDecimalString(diff)} 万元。`;
    if (rounding) message += `差额在尾差允许范围（±${toDecimalString(tolerance)} 万元）内，属四舍五入尾差。`;
    run.findings.push(
      context.finding({
        rule: 'E09',
        severity: rounding ? 'rounding' : 'error',
        section: part.definition.id,
        span: head.figure,
        sentence: 0,
        message,
        printed: toDecimalString(hundredthsOf(head.figure)!),
        expected: toDecimalString(added),
        diff: toDecimalString(diff),
        key: role,
      }),
    );
  }
}

/** E10: items are numbered 1, 2, 3 … without gaps or repeats. */
function checkNumbering(context: EnumerationContext, items: Item[]): void {
  let previous = 0;
  for (const item of items) {
    const expected = previous + 1;
    if (item.number !== expected) {
      const what =
        item.number === previous
          ? '与上一项重复'
          : item.number < previous
            ? '比上一项小'
            : `跳过了 ${expected}`;
      context.run.findings.push(
        context.finding({
          rule: 'E10',
          severity: 'warning',
          section: context.part.definition.id,
          span: item.numberSpan,
          sentence: 0,
          message: `“${context.part.definition.id}”中“${item.names[2]}”一项编号为 ${item.number}，${what}，应为 ${expected}。`,
          printed: String(item.number),
          expected: String(expected),
          key: 'number',
        }),
      );
    }
    previous = item.number;
  }
}

// ── 六: the items after 主要包括 ─────────────────────────────────────────────────────────

export function checkComponents(context: EnumerationContext): Enumerated {
  const { run, part, tables, amounts } = context;
  const rows = tables.rows(SIX);
  const grouped = context.terms.filter((t) => t.components);
  const marker = '主要包括';
  for (
    let at = run.text.indexOf(marker, part.bodyStart);
    at >= 0 && at < part.end;
    at = run.text.indexOf(marker, at + marker.length)
  ) {
    // The group is named by the last term before the list (人员经费…，主要包括：).
    const term = grouped
      .map((t) => ({ t, pos: run.text.lastIndexOf(t.words!.at(-1)!, at) }))
      .filter((x) => x.pos >= part.bodyStart)
      .sort((a, b) => b.pos - a.pos)[0]?.t;
    if (!term || 'reason' in rows) continue;
    let cursor = at + marker.length;
    if (/[：:]/u.test(run.text[cursor] ?? '')) cursor++;
    const listEnd = Math.min(
      ...['；', '。', '\n'].map((c) => run.text.indexOf(c, cursor)).filter((i) => i >= 0),
      part.end,
    );
    for (const piece of run.text.slice(cursor, listEnd).split('、')) {
      const name = piece.trim();
      const start = run.text.indexOf(name, cursor);
      cursor = start + name.length;
      if (name === '') continue;
      const row = rows.find((r) => sameName(r.name, name, context.nameEquivalents));
      const span = { start, end: start + name.length };
      const base = {
        rule: 'E12',
        severity: 'warning' as const,
        section: part.definition.id,
        span,
        sentence: 0,
        printed: name,
        key: name,
      };
      if (!row) {
        run.findings.push(
          context.finding({
            ...base,
            message: `“${part.definition.id}”${term.key}所列“${name}”在公开06表中没有同名科目。此为提示性审核。`,
            expected: null,
          }),
        );
        continue;
      }
      const inGroup = term.components!.some((p) => row.code.startsWith(p));
      const amount = amounts.cell(row.cells.get('amount') ?? [...row.cells.values()][0]);
      const value = valueOf(amount);
      if (!inGroup) {
        run.findings.push(
          context.finding({
            ...base,
            message: `“${part.definition.id}”${term.key}所列“${name}”是公开06表 ${row.code} ${row.name}，不属于${term.key}。此为提示性审核。`,
            expected: null,
            cells: cellsOf(amount),
          }),
        );
      } else if (value === 0) {
        run.findings.push(
          context.finding({
            ...base,
            message: `“${part.definition.id}”${term.key}所列“${name}”在公开06表 ${row.code} ${row.name} 中没有数。此为提示性审核，差异不一定是错误。`,
            expected: `${row.code} ${row.name} 有数`,
            cells: cellsOf(amount),
          }),
        );
      }
    }
  }
  return { bindings: [] };
}
