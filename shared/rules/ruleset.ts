import {
  parseCondition,
  parseFormula,
  RuleSyntaxError,
  type ConditionNode,
  type FormulaNode,
} from './syntax';

/** A rule set as stored in shared/rules/*.json: structured data with formulas in the rule language. */
export interface RuleDefinition {
  /** Rule ID as in the specification (A01 … D16). */
  id: string;
  /** What the rule says, in Chinese; shown in every finding. */
  title: string;
  /** The rule defines its left-hand cells: they are computed, not typed (合计, 小计, roll-ups). */
  compute?: boolean;
  /** Advisory rules report a difference as a warning, never as an error. */
  advisory?: boolean;
  formulas: string[];
}

/**
 * A check of text cells (the 绩效目标 forms), which formulas cannot express; `check` names what
 * is checked, the other fields where.
 */
export interface TextRuleDefinition {
  id: string;
  title: string;
  advisory?: boolean;
  /**
   * sameFigures: each quantity the `rows` text states (城镇新增就业5.5万人) has the same figure where
   * an `against` text states it too. rateUpperBound: a 率/满意度 indicator is not given as ≤.
   */
  check: 'sameFigures' | 'rateUpperBound';
  table: string;
  /** The text column checked. */
  column: string;
  /** sameFigures: the rows, by name or by a text cell, whose figures are compared. */
  rows?: string;
  against?: string;
  /** rateUpperBound: the column holding each row's indicator name; without it the checked column lists "名称 值；名称 值". */
  nameColumn?: string;
  /** rateUpperBound: rates where less is better (预算调整率, 事故发生率), whose ≤ is meant. */
  lowerIsBetter?: string[];
}

export interface RuleSetSource {
  id: string;
  name: string;
  /** Named conditions usable after 若 in formulas. */
  conditions?: Record<string, string>;
  rules: RuleDefinition[];
  textRules?: TextRuleDefinition[];
}

export interface ParsedRule extends RuleDefinition {
  parsed: FormulaNode[];
}

export interface ParsedRuleSet {
  id: string;
  name: string;
  conditions: Map<string, ConditionNode>;
  rules: ParsedRule[];
  textRules: TextRuleDefinition[];
}

/** A rule that cannot be read, located for the person who wrote it. */
export class RuleSetError extends Error {
  constructor(
    readonly ruleSetId: string,
    readonly where: string,
    readonly detail: string,
    readonly pointer?: string,
  ) {
    super(`审核公式“${ruleSetId}”${where}：${detail}${pointer ? `\n${pointer}` : ''}`);
    this.name = 'RuleSetError';
  }
}

function located<T>(ruleSetId: string, where: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof RuleSyntaxError) {
      throw new RuleSetError(
        ruleSetId,
        `${where}第 ${error.offset + 1} 个字符`,
        error.message,
        error.pointer(),
      );
    }
    throw error;
  }
}

export function parseRuleSet(source: RuleSetSource): ParsedRuleSet {
  const conditions = new Map<string, ConditionNode>();
  for (const [name, text] of Object.entries(source.conditions ?? {})) {
    conditions.set(
      name,
      located(source.id, `条件“${name}”`, () => parseCondition(text)),
    );
  }
  const seen = new Set<string>();
  for (const rule of source.textRules ?? []) {
    if (seen.has(rule.id)) throw new RuleSetError(source.id, `文字审核规则 ${rule.id}`, '编号重复');
    seen.add(rule.id);
    if ((rule.check === 'sameFigures') !== (rule.rows !== undefined && rule.against !== undefined)) {
      throw new RuleSetError(
        source.id,
        `文字审核规则 ${rule.id}`,
        '只有 sameFigures 需要且必须写明 rows 和 against',
      );
    }
  }
  const rules = source.rules.map((rule): ParsedRule => {
    if (seen.has(rule.id)) throw new RuleSetError(source.id, `规则 ${rule.id}`, '编号重复');
    seen.add(rule.id);
    if (rule.formulas.length === 0) throw new RuleSetError(source.id, `规则 ${rule.id}`, '没有公式');
    const parsed = rule.formulas.map((text, i) =>
      located(source.id, `规则 ${rule.id} 第 ${i + 1} 条公式`, () => parseFormula(text)),
    );
    return { ...rule, parsed };
  });
  return { id: source.id, name: source.name, conditions, rules, textRules: source.textRules ?? [] };
}
