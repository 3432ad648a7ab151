/**
 * A table set (决算 2024, 决算 2023, 预算 2025 …) described as data. A new year's template or a
 * region's variant is a new JSON file of this shape, never new code.
 *
 * Rows are addressed by a stable `role` (fixed rows) or by classification code (code-keyed rows),
 * never by 行次, because 行次 differ between years.
 */

import type { Vocabulary } from './vocabulary';

export type TableLayout = 'two-sided' | 'code-keyed' | 'three-group' | 'single-row' | 'listed';

/** Side of a two-sided table (01, 04): 收入 on the left, 支出 on the right. */
export type Side = '收入' | '支出';

export interface ColumnTemplate {
  /** Stable key, used in report files (e.g. "basic"). */
  key: string;
  /**
   * Stable Chinese name used by the rules (e.g. "对附属单位补助支出"), the same in every year even
   * when the printed label changes. Defaults to the last part of `label`.
   */
  name?: string;
  /** Printed header path, levels separated by "/" (e.g. "本年支出/小计"). */
  label: string;
  /** 栏次 printed in the 栏次 row, or null where the table prints none (06). */
  lanci: number | null;
  /** Two-sided tables: which side the column belongs to. */
  side?: Side;
  /** The key files use where it differs (the budget samples call both sides of 01 "amount"). */
  fileKey?: string;
  /** A column of text (a 绩效 indicator's 指标值 such as "≥95%"): kept as typed, never a figure, never in a rule. */
  text?: boolean;
  /** A text column naming its row (a 绩效 form's 一级指标 and 二级指标): frozen at the grid's left, as 科目名称 is. */
  rowLabel?: boolean;
}

export interface FixedRowTemplate {
  /** Stable Chinese name used by the rules and files (e.g. "本年收入合计"); unique in the table. */
  role: string;
  /** Printed label; null where the table prints none (a spare line, 09's single data row). */
  label: string | null;
  /** An unlabelled spare line: printed to keep 行次 contiguous, never holds a value. */
  spare?: boolean;
  /**
   * A line documents leave out when it holds nothing (预算01表 年终结转结余: JZ25 does not print it,
   * others print 0.00): a file without it says 0 there, not that it lacks the figure.
   */
  omittedWhenZero?: boolean;
  /** 行次 printed in this year's template, or null. */
  hangci?: number | null;
  side?: Side;
  /** Physical line in the printed table (two-sided and three-group tables). */
  line?: number;
  /** Column group in a three-group table (06). */
  group?: number;
  /** Classification code of the row: printed (06) or implied (01/04 class rows map to a 类 code). */
  code?: string;
  /** Whether the code is printed (06) or only used to tie the row to code-keyed tables (01/04). */
  codePrinted?: boolean;
  /** Extra names by which rules select groups of rows (e.g. "收入项", "功能类"). */
  tags?: string[];
  /** Other names files give this row (the budget samples' row codes such as "in.gpb"). */
  aliases?: string[];
}

/** How codes of a code-keyed table form a hierarchy: the lengths of each level's code. */
export interface CodeScheme {
  /** Level names from the top, e.g. ["类", "款", "项"]. */
  levels: string[];
  /** Code length of each level, e.g. [3, 5, 7]. */
  lengths: number[];
  /** Name of the grand-total row (合计) of a code-keyed table; 06's economic codes have none. */
  totalRole?: string;
}

/** A text column of a listed table, printed left of the figures (编码, 名称, 类型, 项目单位 …). */
export interface FieldTemplate {
  /** "code" and "name" are the row's code and name; any other key is kept as text with the row. */
  key: string;
  /** Printed header path, levels separated by "/". */
  label: string;
  /** Other headers files print for it (部门（单位）代码 for 部门代码). */
  aliases?: string[];
}

/** A level of the rows of a listed table (部门, 单位, 项, 项目 …), below the 合计 row. */
export interface ListLevel {
  name: string;
  /** The word files use for it (the budget samples' "level": dept, unit, item, project). */
  alias?: string;
  /** The code length that tells this level when a file does not say. */
  codeLength?: number;
}

/**
 * Listed tables (the budget set): rows are records kept in the printed order, each with its text
 * fields and figures. A row belongs to the nearest row above it of a higher level (a unit's 项
 * rows follow the unit), so rules can sum a row's 下级 whatever its codes look like.
 */
export interface ListScheme {
  fields: FieldTemplate[];
  /** Levels from the top, e.g. [部门, 单位] (收入表) or [部门, 项] (支出表). */
  levels: ListLevel[];
  /** Name of the grand-total row printed first (合计), where the table prints one. */
  totalRole?: string;
  /**
   * A form (整体绩效目标表) rather than a grid: its upper lines (部门名称, 年度履职目标 …) are rows
   * too, which the samples keep apart as a `header` object (see shared/engine/formRows.ts).
   */
  form?: boolean;
}

/** How a sheet is recognised as this table when table numbers differ between documents. */
export interface TableMatch {
  /** The title contains every word of one of these lists. */
  titleWords: string[][];
  /** … and none of these. */
  notWords?: string[];
}

export interface TableTemplate {
  /**
   * Stable name of the table, used by the rules and report files: the printed code where it is
   * the same in every document (公开01表), else a name (收支总表) and the number in `code`.
   */
  id: string;
  /** The table number as this template prints it (预算01表), where it differs from `id`. */
  code?: string;
  /** The kind the budget samples name the table by (summary, income …). */
  kind?: string;
  /** Recognition by title words, for table sets whose numbering varies. */
  match?: TableMatch;
  title: string;
  /** Other titles documents print for this table (another year's or region's wording). */
  titles?: string[];
  layout: TableLayout;
  columns: ColumnTemplate[];
  /** Fixed rows in printed order (two-sided, three-group and single-row tables). */
  rows?: FixedRowTemplate[];
  /** Code-keyed tables: the hierarchy of their codes. */
  codeScheme?: CodeScheme;
  /** Listed tables: their text fields and row levels. */
  listScheme?: ListScheme;
  /** Header of the code column (功能分类科目编码 / 科目代码 / 经济分类科目编码). */
  codeHeader?: string;
  /** Header of the name column (科目名称 / 项目). */
  nameHeader?: string;
  /** The 注 footnote. */
  note?: string;
  /** The 说明 line printed when the table holds no data. */
  emptyExplanation?: string;
  /** A table not every document publishes (a city's extra table): a file without it is not missing one. */
  optional?: boolean;
}

/**
 * A setting that differs by region, kept with each report (what counts as 机关运行经费): a named
 * list of codes that rules use as a row selector (基本支出经济分类表[运行经费不含的科目]).
 */
export interface ReportOptionTemplate {
  key: string;
  /** What the setting means, shown where it is edited. */
  label: string;
  /** The codes a new report starts with. */
  codes: string[];
}

export interface TableSetTemplate {
  /** e.g. "final-2024". */
  id: string;
  /** The set this one is a variant of (see shared/templates/inherit.ts). */
  extends?: string;
  kind: 'final' | 'budget';
  /** First report year this template is for; it serves later years until a newer one exists. */
  year: number;
  name: string;
  /** Unit amounts are printed in. */
  unit: '万元' | '元';
  /** Digits after the point a new report holds (2 when absent; 0 for a template printed in whole 元). */
  decimals?: 2 | 0;
  /** Id of the rule set that checks this table set (shared/rules/<id>.rules). */
  rules: string;
  /** Settings that differ by region; each report keeps its own value. */
  options?: ReportOptionTemplate[];
  /**
   * How the set's tables are numbered in print (公开\d{2}表), where they are; `identify` where the
   * numbers mean the same tables everywhere (the 决算 set), so that a printed number decides.
   */
  tableNumbers?: { pattern: string; identify?: boolean } | null;
  /** Words this set's documents use for the same thing, beyond the common ones (shared/model/vocabulary.json). */
  vocabulary?: Partial<Vocabulary>;
  tables: TableTemplate[];
}

/** The number a table is printed with (预算01表, 公开01表). */
export function tableCode(table: TableTemplate): string {
  return table.code ?? table.id;
}
