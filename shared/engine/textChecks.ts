/**
 * Checks of text cells (the 绩效目标 forms), which the arithmetic rules cannot express: figures a
 * form repeats in two places must agree, and a 率/满意度 indicator is normally a lower bound.
 * What is checked where is data (a rule set's `textRules`); this module knows how to check it.
 */
import type { TextRuleDefinition } from '../rules/ruleset';
import { cellFinding, type Finding } from './findings';
import type { ColumnInfo, RowInfo, TableInfo } from './structure';

/** An indicator value as printed (≥95%, ≤18300元, 100%, 及时), taken apart; the text itself is what is kept. */
export interface IndicatorValue {
  op: '≥' | '≤' | '>' | '<' | '=' | null;
  /** The figure as printed, or null for a qualitative value (及时, 良好). */
  value: string | null;
  unit: string;
}

const OPERATORS: Record<string, IndicatorValue['op']> = {
  '≥': '≥',
  '>=': '≥',
  '≤': '≤',
  '<=': '≤',
  '>': '>',
  '<': '<',
  '=': '=',
  '＝': '=',
};

export function parseIndicator(text: string): IndicatorValue {
  // A range (6000-24000元/年) is not one figure: it stays qualitative.
  const match = /^\s*(≥|>=|≤|<=|>|<|=|＝)?\s*(\d+(?:\.\d+)?)\s*([^\d\s\-–~～].*?)?\s*$/u.exec(text);
  if (!match) return { op: null, value: null, unit: text.trim() };
  return { op: OPERATORS[match[1] ?? ''] ?? null, value: match[2]!, unit: match[3] ?? '' };
}

/** An indicator: its name (三级指标) and its value as printed. */
interface Indicator {
  name: string;
  value: string;
}

/**
 * The indicators a cell holds: one (name from another column) or a list "名称 值；名称 值" as
 * 项目绩效目标表 prints its 绩效目标 column.
 */
function indicatorsOf(text: string, name: string | null): Indicator[] {
  if (name !== null) return [{ name, value: text }];
  return text
    .split(/[；;]/u)
    .map((item) => /^(.*\S)\s+(\S+)$/u.exec(item.trim()))
    .filter((m) => m !== null)
    .map((m) => ({ name: m[1]!, value: m[2]! }));
}

/** A quantity stated in a text: what is counted (the words before the figure), the figure and its unit. */
interface Quantity {
  subject: string;
  figure: string;
  unit: string;
}

/** "城镇新增就业5.5万人；城镇失业人员再就业1.4万人" → 城镇新增就业 5.5 万人, 城镇失业人员再就业 1.4 万人. */
export function quantitiesOf(text: string): Quantity[] {
  const found: Quantity[] = [];
  for (const clause of text.split(/[；;，,。]/u)) {
    // What a clause counts starts after its last colon (…主要工作目标任务为：城镇新增就业5.5万人).
    const tail = clause.slice(Math.max(clause.lastIndexOf('：'), clause.lastIndexOf(':')) + 1).trim();
    const match = /^(\D+?)(\d+(?:\.\d+)?)\s*([万亿]?[^\d\s]{0,2})$/u.exec(tail);
    if (match) found.push({ subject: match[1]!.trim(), figure: match[2]!, unit: match[3]! });
  }
  return found;
}

/** Whether two printed figures are the same number (6 and 6.00 are). */
function sameFigure(a: string, b: string): boolean {
  const norm = (s: string) => s.replace(/(\.\d*?)0+$/u, '$1').replace(/\.$/u, '');
  return norm(a) === norm(b);
}

export class TextChecker {
  constructor(private readonly text: (row: RowInfo, column: ColumnInfo) => string | null) {}

  /** Every finding of the text rules on one table. */
  check(table: TableInfo, rules: readonly TextRuleDefinition[]): Finding[] {
    return rules.filter((r) => r.table === table.id).flatMap((rule) => this.checkRule(table, rule));
  }

  private checkRule(table: TableInfo, rule: TextRuleDefinition): Finding[] {
    const column = this.column(table, rule.column, rule);
    return rule.check === 'sameFigures'
      ? this.sameFigures(table, rule, column)
      : this.rateUpperBound(table, rule, column);
  }

  private column(table: TableInfo, name: string, rule: TextRuleDefinition): ColumnInfo {
    const column = table.columns.find(
      (c) => c.text && (c.name === name || c.key === name || c.leaf === name),
    );
    if (!column) throw new Error(`文字审核规则 ${rule.id}：${table.id}没有文字栏“${name}”`);
    return column;
  }

  /** Rows named `selector`, or with a text cell saying it (the 年度主要任务 lines). */
  private rowsNamed(table: TableInfo, selector: string): RowInfo[] {
    return table.rows.filter(
      (row) => row.name === selector || table.columns.some((c) => c.text && this.text(row, c) === selector),
    );
  }

  /** Each quantity of the `rows` text that an `against` text states too must have the same figure there. */
  private sameFigures(table: TableInfo, rule: TextRuleDefinition, column: ColumnInfo): Finding[] {
    const findings: Finding[] = [];
    const against = this.rowsNamed(table, rule.against!).flatMap((row) =>
      quantitiesOf(this.text(row, column) ?? '').map((q) => ({ row, q })),
    );
    for (const row of this.rowsNamed(table, rule.rows!)) {
      for (const stated of quantitiesOf(this.text(row, column) ?? '')) {
        const other = against.find(({ q }) => q.subject === stated.subject && q.unit === stated.unit);
        if (!other || sameFigure(other.q.figure, stated.figure)) continue;
        findings.push(
          this.finding(rule, row, column, stated.subject, {
            message: `${table.id}“${rule.rows}”写${stated.subject}${stated.figure}${stated.unit}，“${other.row.name ?? rule.against}”写${stated.subject}${other.q.figure}${other.q.unit}，两处不一致`,
            actual: stated.figure,
            expected: other.q.figure,
          }),
        );
      }
    }
    return findings;
  }

  /** A 率 or 满意度 indicator with ≤ / < (补助发放及时率 ≤100%) where ≥ is meant. */
  private rateUpperBound(table: TableInfo, rule: TextRuleDefinition, column: ColumnInfo): Finding[] {
    const nameColumn = rule.nameColumn ? this.column(table, rule.nameColumn, rule) : null;
    const findings: Finding[] = [];
    for (const row of table.rows) {
      const text = this.text(row, column);
      if (!text) continue;
      const name = nameColumn ? (this.text(row, nameColumn) ?? row.name ?? '') : null;
      for (const indicator of indicatorsOf(text, name)) {
        const { op } = parseIndicator(indicator.value);
        if ((op !== '≤' && op !== '<') || !/率|满意度/u.test(indicator.name)) continue;
        if (rule.lowerIsBetter?.some((word) => indicator.name.includes(word))) continue;
        findings.push(
          this.finding(rule, row, column, indicator.name, {
            message: `${table.id}${row.name && row.name !== indicator.name ? `“${row.name}”的` : ''}指标“${indicator.name}”的指标值为“${indicator.value}”：率和满意度一般是下限，是否应为“≥”？`,
            actual: indicator.value,
            expected: null,
          }),
        );
      }
    }
    return findings;
  }

  private finding(
    rule: TextRuleDefinition,
    row: RowInfo,
    column: ColumnInfo,
    subject: string,
    what: { message: string; actual: string; expected: string | null },
  ): Finding {
    const table = row.table.id;
    const ref = { table, row: row.key, column: column.key };
    return cellFinding({
      key: `${rule.id}|${table}|${row.key}|${column.key}|${subject}`,
      ruleId: rule.id,
      severity: rule.advisory ? 'warning' : 'error',
      title: rule.title,
      message: `${what.message}${/[。？]$/u.test(what.message) ? '' : '。'}${rule.advisory ? '此为提示性审核，不一定是错误。' : ''}`,
      ref,
      cells: [
        {
          table,
          row: row.name ?? row.key,
          hangci: null,
          side: null,
          column: column.leaf,
          value: this.text(row, column),
          ref,
        },
      ],
      expected: what.expected,
      actual: what.actual,
      diff: null,
    });
  }
}
