/**
 * A report: one department's filled-in table set, as it is read from and written to files.
 * Amounts are decimal strings exactly as printed ("6519.14", "0.00") or null for a blank cell;
 * text that is not a number is kept as it was typed.
 *
 * The published-sample JSON files (shared/samples/*.json) have this shape too, so a sample is a
 * report: rows of fixed-row tables are matched to the template by role, code, (side, 行次) or
 * label, in that order; rows of code-keyed tables by code.
 */

export interface ReportRow {
  /** Fixed rows: the template role. */
  role?: string | null;
  /** Code-keyed rows: the classification code; null or absent for the 合计 row. */
  code?: string | null;
  /** Printed name (科目名称 / 项目 label). */
  name?: string | null;
  /** Two-sided tables: "收入"/"支出" (the samples write "income"/"expenditure"). */
  side?: string | null;
  /** 行次 as printed. */
  hangci?: number | null;
  /** Listed tables: the row's level (部门, 单位, 项 … or the samples' dept, unit, item). */
  level?: string | null;
  /** Listed tables: text fields other than code and name (政府经济分类, 类型, 项目单位 …). */
  fields?: Record<string, string | null>;
  /** Amount cells by column key. */
  values: Record<string, string | null>;
  /** Where each value was read from (A1 address in the table's sheet), to save figures back there. */
  origins?: Record<string, string>;
  /** The cell the row's label or code was read from (A1), to name the line when it cannot be placed. */
  origin?: string;
  /** Values the file holds that cannot be amounts (a date, #REF!), by column key: why. */
  notAmounts?: Record<string, string>;
}

/**
 * What of a table the file does not have. A figure the file does not have is never a zero: rules
 * that need it are not run (未核对) and say why.
 */
export interface TableGap {
  /** The column the file lacks (its key); absent: the table's list of rows is incomplete. */
  column?: string;
  /** Why, in Chinese, naming the sheet: 工作表“收入决算表”中没有找到“财政拨款收入”栏. */
  reason: string;
}

/** A figure the reader found in the file but could not place in any table. */
export interface UnplacedFigure {
  sheet: string;
  /** A1 address. */
  cell: string;
  text: string;
  reason: string;
}

export interface ReportTable {
  /** The template table's id, or (budget samples) its printed code. */
  id: string;
  /** The samples' table kind (summary, income …), which identifies a budget table whatever its number. */
  kind?: string;
  rows: ReportRow[];
  /** A 绩效 form's upper part as the samples keep it (see shared/engine/formRows.ts). */
  header?: Record<string, unknown>;
  /** The worksheet the table was read from. */
  sheet?: string;
  /** The table's title as the file prints it. */
  title?: string;
  /** Columns the file lacks, or lines that could not be placed; see TableGap. */
  gaps?: TableGap[];
}

/** Where a report's year, department and unit were read from (a sheet's line, the file name). */
export interface MetaSources {
  year?: string;
  department?: string;
  unit?: string;
}

export interface ReportFile {
  kind: 'final' | 'budget';
  /** null when the file does not say (the window asks; the checker reports it). */
  year: number | null;
  department: string;
  /** The unit the figures are printed in; null when the file does not say. */
  unit: '万元' | '元' | null;
  /** Digits after the point the report holds: 2 (0.01 of its unit) or 0 (whole 元); when absent, told from the figures. */
  decimals?: 2 | 0;
  /** Template id; when absent, the newest template of `kind` whose year is not after `year`. */
  template?: string;
  /** The report's value of the template's options (ReportOptionTemplate): codes by option key. */
  options?: Record<string, string[]>;
  tables: ReportTable[];
  /** Where year, department and unit came from, for reports read from a spreadsheet. */
  sources?: MetaSources;
  /** Figures in the file that could not be placed in any table. */
  unplaced?: UnplacedFigure[];
  /** The 情况说明 kept with the tables; absent in files written before it was saved. */
  narrative?: ReportNarrative;
}

/**
 * The 情况说明 as the report file keeps it. The published samples carry their own `narrative`
 * (partTitle, sections) for the tests; those fields are not read, and without `text` no text is set.
 */
export interface ReportNarrative {
  /** The text as one string, paragraphs separated by "\n". */
  text?: string;
  /** 补充信息 by field key (see the narrative set), exactly as typed. */
  supplementary?: Record<string, string>;
  /** The user's reasons (主要原因是……) the generated text holds, by the wording's reason key, as typed. */
  reasons?: Record<string, string>;
}
