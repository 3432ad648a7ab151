/**
 * What a 情况说明 says, as data: per table set, its sections (titles of every year and region),
 * the terms that tell what a figure is (the words before or after it, and the cell or 补充信息 it
 * must equal), the sums the text states, and the enumerations (each 类, each 项, the items after
 * 主要包括). The checker reads these; a new template's wording is a new set or a new title, not code.
 */
import type { SectionTitles } from './sections';
import budgetSet from './sets/budget.json';
import finalShanghaiSet from './sets/final-shanghai.json';
import finalSet from './sets/final.json';

export interface Term {
  /** Unique within its section. */
  key: string;
  /**
   * Words that name the figure, in order: the last must stand between the previous figure of the
   * sentence and this one, the others earlier in the same sentence.
   */
  words?: string[];
  /** Or: the words that follow the figure (21个项目自评等级为优). */
  after?: string;
  rule: string;
  /** The amount in the rule language (公开01表[收入总计]); the figure must equal it exactly. */
  value?: string;
  /** Other places the same amount is printed (收、支总计: both sides of 公开01表). */
  also?: string[];
  /** The 补充信息 field the figure must equal when no table holds it. */
  supplementary?: string;
  /** In an enumeration of 项: the per-row 补充信息 field each item's figure must equal (项年初预算). */
  rowSupplementary?: string;
  /** Why the figure cannot be checked against anything (it is still used in the text's own sums). */
  unbound?: string;
  /** The 补充信息 field with last year's amount, for 增加/减少 and the growth rate. */
  prior?: string;
  /** A count (个、辆 …) rather than an amount. */
  count?: boolean;
  /** The budget and actual figures a 完成…% compares. */
  role?: 'budget' | 'actual';
  /** For an actual figure: the term of its budget when the sentence does not print it. */
  budget?: string;
  /** An advisory upper bound (机关运行经费 ≤ 公用经费). */
  atMost?: string;
  /** 六: the 06 groups (类 code prefixes) whose items may follow 主要包括 after this term. */
  components?: string[];
  /** Another amount the same words are often used for (收入合计 for 收入总计): a terminology finding. */
  alt?: { value: string; says: string }[];
}

export interface StatedSum {
  rule: string;
  total: string;
  parts: string[];
}

/** A sentence saying a fund has nothing (没有政府性基金…): true only when these amounts are all 0. */
export interface Absence {
  rule: string;
  phrase: string;
  zero: string[];
}

export interface ClassClauses {
  table: string;
  column: string;
  rule: string;
  /** A regular expression matching the end of the words before the figure; group 1 is the 类 name. */
  pattern: string;
}

/** The rows an enumeration of the wording goes through (each 类 of 05, each 项, the 06 items of a group). */
export interface RowEnumeration {
  table: string;
  level: string;
  /** Only rows whose code starts with one of these. */
  under?: string[];
  /** Only rows with an amount in this column (its name) that is not 0. */
  nonZero?: string;
}

/**
 * A piece of generated wording (generate.ts explains the slots): its text, then its pieces joined
 * by `join`; written only when `if` holds. With `each`, written once per row (at paragraph level:
 * one paragraph per row), the row's figures in its slots.
 */
export interface WritePiece {
  text?: string;
  if?: string;
  pieces?: WritePiece[];
  join?: string;
  each?: RowEnumeration;
  /** The key of the user's reason its {原因} slot holds (per row: `key[code]`). */
  reason?: string;
  /** What stands in the text while the reason is not filled (default 【请填写原因】). */
  placeholder?: string;
}

/** How a section is written: its title as the template's year prints it, then its paragraphs. */
export interface SectionWriting {
  /** The templates this wording is for; absent: every template of the set without its own. */
  templates?: string[];
  title: string;
  paragraphs: WritePiece[];
}

export interface SectionDefinition extends SectionTitles {
  parts?: SectionDefinition[];
  terms?: Term[];
  /** The term whose figure a bare 占x% is a share of. */
  shareBase?: string;
  sums?: StatedSum[];
  enumerate?: 'classes' | 'items' | 'components';
  /** For `classes`: the table and column a 类's amount is read from, the rule, and how a 类 is named before its figure. */
  classes?: ClassClauses;
  absence?: Absence;
  /** The wordings the generator writes, by template (absent: the section is not generated). */
  write?: SectionWriting[];
}

/** The measure of a 补充信息 field: an amount in 万元, a count (its measure word) or a percentage. */
export type SupplementaryUnit = '万元' | '个' | '人次' | '辆' | '台（套）' | '%';

/**
 * A 补充信息 field: what the 情况说明 needs that no table holds. Values are kept as typed, by key;
 * a field `perRow` holds one value per row of a table, under the key `key[code]` (年初预算[2080101]).
 */
export interface SupplementaryField {
  key: string;
  label: string;
  unit: SupplementaryUnit;
  /** Whether the value may be below 0 (an amount such as 结余 may; a count never). */
  negative?: boolean;
  /** One value per row of this table at this level (年初预算 of each 05 项). */
  perRow?: { table: string; level: string };
  /**
   * Where next year's report takes this field from last year's: an expression of the rule language
   * evaluated on last year's tables (上年收支总计 ← 公开01表[收入总计]), or last year's own field
   * (上年机关运行经费 ← 机关运行经费).
   */
  carry?: { value: string } | { supplementary: string };
}

export interface NarrativeSet {
  id: string;
  name: string;
  /** Templates whose 情况说明 this set describes (a variant's own id or one it extends). */
  templates: string[];
  /**
   * The rules shares and growth rates are reported under; absent: the rule of the figure they are
   * computed from (决算: E03 for a share of 三, as final-accounts.md numbers them).
   */
  shareRule?: string;
  growthRule?: string;
  /** Rule titles by id. */
  rules: Record<string, string>;
  supplementary: SupplementaryField[];
  /** The generated text's first line (第三部分 {年}年度部门决算情况说明). */
  heading?: string;
  /** Template text that must not remain in a finished document. */
  placeholders: string[];
  /** Figures that are part of fixed wording (价值100万元以上), not claims. */
  wording: string[];
  /**
   * Words after which last year may be named (比2023年度增加); elsewhere a year must be the report's.
   * Absent: last year may be named anywhere.
   */
  priorYearAfter?: string[];
  /** Pairs of words the documents use for each other in 06 item names (单位/部门). */
  nameEquivalents: [string, string][];
  sections: SectionDefinition[];
}

// The sets are checked by the tests against every template they name (each expression binds).
export const NARRATIVE_SETS: readonly NarrativeSet[] = [
  finalSet as unknown as NarrativeSet,
  finalShanghaiSet as unknown as NarrativeSet,
  budgetSet as unknown as NarrativeSet,
];

/** The set for a template, found by its id or the ids it extends; null when none describes it. */
export function narrativeSetFor(templateIds: readonly string[]): NarrativeSet | null {
  for (const id of templateIds) {
    const set = NARRATIVE_SETS.find((s) => s.templates.includes(id));
    if (set) return set;
  }
  return null;
}
