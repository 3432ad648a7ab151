/**
 * A table set (决算 2024, 决算 2023, 预算 2025 …) described as data. A new year's template or a
 * region's variant is a new JSON file of this shape, never new code.
 *
 * Rows are addressed by a stable `role` (fixed rows) or by classification code (code-keyed rows),
 * never by 行次, because 行次 differ between years.
 */

export type TableLayout = 'two-sided' | 'code-keyed' | 'three-group' | 'single-row';

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
}

export interface FixedRowTemplate {
  /** Stable Chinese name used by the rules and files (e.g. "本年收入合计"); unique in the table. */
  role: string;
  /** Printed label; null where the table prints none (a spare line, 09's single data row). */
  label: string | null;
  /** An unlabelled spare line: printed to keep 行次 contiguous, never holds a value. */
  spare?: boolean;
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
}

/** How codes of a code-keyed table form a hierarchy: the lengths of each level's code. */
export interface CodeScheme {
  /** Level names from the top, e.g. ["类", "款", "项"]. */
  levels: string[];
  /** Code length of each level, e.g. [3, 5, 7]. */
  lengths: number[];
  /** Name of the grand-total row printed first (合计). */
  totalRole: string;
}

export interface TableTemplate {
  /** Table code as printed at the top right, e.g. "公开01表". */
  id: string;
  title: string;
  layout: TableLayout;
  columns: ColumnTemplate[];
  /** Fixed rows in printed order (two-sided, three-group and single-row tables). */
  rows?: FixedRowTemplate[];
  /** Code-keyed tables: the hierarchy of their codes. */
  codeScheme?: CodeScheme;
  /** Header of the code column (功能分类科目编码 / 科目代码 / 经济分类科目编码). */
  codeHeader?: string;
  /** Header of the name column (科目名称 / 项目). */
  nameHeader?: string;
  /** The 注 footnote. */
  note?: string;
  /** The 说明 line printed when the table holds no data. */
  emptyExplanation?: string;
}

export interface TableSetTemplate {
  /** e.g. "final-2024". */
  id: string;
  kind: 'final' | 'budget';
  /** First report year this template is for; it serves later years until a newer one exists. */
  year: number;
  name: string;
  /** Unit amounts are printed in. */
  unit: '万元' | '元';
  /** Id of the rule set that checks this table set (shared/rules/<id>.rules). */
  rules: string;
  tables: TableTemplate[];
}
