/**
 * The shape of one open report: its tables, rows, columns and cells, built from the template and
 * the rows the report actually has. Cells get dense integer ids so that the recalculation engine
 * can keep values and dependencies in flat arrays.
 */
import type { ReportRow, ReportTable, UnplacedFigure } from '../model/report';
import { formRows } from './formRows';
import { listedRowKey } from './listedRows';
import type {
  ColumnTemplate,
  FixedRowTemplate,
  ListScheme,
  Side,
  TableSetTemplate,
  TableTemplate,
} from '../model/template';

export interface ColumnInfo {
  table: TableInfo;
  index: number;
  key: string;
  /** Name used by rules: the template's `name`, else the last part of the label. */
  name: string;
  label: string;
  /** The printed leaf header (the last part of the label). */
  leaf: string;
  lanci: number | null;
  side: Side | null;
  /** Holds text, not figures (see ColumnTemplate.text). */
  text: boolean;
  /** Names its row (see ColumnTemplate.rowLabel). */
  rowLabel: boolean;
}

export interface RowInfo {
  table: TableInfo;
  /** Position in the table as printed. */
  index: number;
  /** Role of a fixed row, code of a code-keyed row, the total role for the 合计 row. */
  key: string;
  code: string | null;
  name: string | null;
  hangci: number | null;
  side: Side | null;
  /** Level in the code hierarchy (类/款/项) or of a listed table (部门/单位/项), '合计' for the grand-total row, else null. */
  level: string | null;
  /** Listed tables: the row's other text fields (政府经济分类, 类型, 项目单位 …). */
  fields: Readonly<Record<string, string | null>> | null;
  tags: ReadonlySet<string>;
  /** An unlabelled spare line of a fixed table: printed, never holds a value. */
  spare: boolean;
  parent: RowInfo | null;
  children: RowInfo[];
  /** Cell id per column index; undefined where the row has no cell (other side, spare line). */
  cells: (number | undefined)[];
}

export interface TableInfo {
  template: TableTemplate;
  id: string;
  /** Position in the table set. */
  index: number;
  codeKeyed: boolean;
  /** Rows are records in printed order (the budget tables). */
  listed: boolean;
  columns: ColumnInfo[];
  columnByKey: Map<string, ColumnInfo>;
  rows: RowInfo[];
  rowByKey: Map<string, RowInfo>;
  rowByCode: Map<string, RowInfo>;
  /**
   * Why the table's list of rows may be incomplete (the table is not in the file, or lines of it
   * could not be placed), or null. Rules that add up or look up rows of this table are then not run.
   */
  rowsGap: string | null;
}

export interface CellInfo {
  id: number;
  row: RowInfo;
  column: ColumnInfo;
}

export interface Structure {
  template: TableSetTemplate;
  tables: TableInfo[];
  tableById: Map<string, TableInfo>;
  cells: CellInfo[];
}

/** A report row or value that could not be placed; the caller shows these to the user. */
export interface PlacementProblem {
  table: string;
  message: string;
}

/** Where a cell's figure sits in the file it was read from. */
export interface CellOrigin {
  sheet: string;
  address: string;
}

export interface PlacedReport {
  structure: Structure;
  /** Text of every cell as the report holds it (null for blank, undefined where the report does not give it), by cell id. */
  texts: (string | null | undefined)[];
  /** Why a cell has no figure at all (its table, row or column is not in the report), by cell id. */
  absent: (string | undefined)[];
  /** Why the value a file holds in a cell cannot be an amount (a date, #REF!), by cell id. */
  notAmounts: (string | undefined)[];
  /** Where each cell was read from, when the report came from a spreadsheet, by cell id. */
  origins: (CellOrigin | undefined)[];
  problems: PlacementProblem[];
  /** Lines of the report's tables that have no place in the template, figure by figure. */
  unplaced: UnplacedFigure[];
}

export interface PlaceOptions {
  /** Whatever the report does not list is blank (a report started in the program), not absent. */
  complete?: boolean;
}

const SIDE_NAMES: Record<string, Side> = { 收入: '收入', income: '收入', 支出: '支出', expenditure: '支出' };

export function leafOf(label: string): string {
  const parts = label.split('/');
  return parts[parts.length - 1]!;
}

function levelOf(table: TableTemplate, code: string): string | null {
  const scheme = table.codeScheme;
  if (!scheme) return null;
  const i = scheme.lengths.indexOf(code.length);
  return i < 0 ? null : scheme.levels[i]!;
}

function makeColumns(table: TableInfo, columns: ColumnTemplate[]): ColumnInfo[] {
  return columns.map((c, index) => ({
    table,
    index,
    key: c.key,
    name: c.name ?? leafOf(c.label),
    label: c.label,
    leaf: leafOf(c.label),
    lanci: c.lanci,
    side: c.side ?? null,
    text: c.text === true,
    rowLabel: c.rowLabel === true,
  }));
}

/** What a row is before it becomes part of a table. */
export type RowSeed = Pick<
  RowInfo,
  'key' | 'code' | 'name' | 'hangci' | 'side' | 'level' | 'spare' | 'fields'
> & { tags: string[] };

/** Rows with the same tags share one set: a 20,000-row table has only a handful of distinct ones. */
const tagSets = new Map<string, ReadonlySet<string>>();
function tagSet(tags: string[]): ReadonlySet<string> {
  const key = tags.join('\u0000');
  let set = tagSets.get(key);
  if (!set) tagSets.set(key, (set = new Set(tags)));
  return set;
}

function seedFromFixed(table: TableTemplate, row: FixedRowTemplate): RowSeed {
  const level = row.code ? levelOf(table, row.code) : null;
  const tags = [...(row.tags ?? []), ...(row.side ? [row.side] : []), ...(level ? [level] : [])];
  return {
    key: row.role,
    code: row.code ?? null,
    name: row.label,
    hangci: row.hangci ?? null,
    side: row.side ?? null,
    level,
    tags,
    spare: row.spare === true,
    fields: null,
  };
}

function totalSeed(role: string): RowSeed {
  return {
    key: role,
    code: null,
    name: role,
    hangci: null,
    side: null,
    level: '合计',
    tags: ['合计'],
    spare: false,
    fields: null,
  };
}

export function codeSeed(table: TableTemplate, code: string, name: string | null): RowSeed {
  const level = levelOf(table, code);
  return {
    key: code,
    code,
    name,
    hangci: null,
    side: null,
    level,
    tags: level ? [level] : [],
    spare: false,
    fields: null,
  };
}

/** A row of a listed table as it is, to rebuild the table around it. */
export function listedSeed(row: RowInfo): RowSeed {
  return {
    key: row.key,
    code: row.code,
    name: row.name,
    hangci: null,
    side: null,
    level: row.level,
    tags: [...row.tags],
    spare: false,
    fields: row.fields,
  };
}

/** Rows of a code-keyed table in code order, of a listed table in printed order; 合计 first in both. */
function variableRows(tt: TableTemplate, given: RowSeed[]): RowSeed[] {
  if (tt.layout === 'code-keyed')
    return [
      totalSeed(tt.codeScheme!.totalRole!),
      ...[...given].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
    ];
  const total = tt.listScheme!.totalRole;
  if (!total) return given;
  return [given.find((s) => s.key === total) ?? totalSeed(total), ...given.filter((s) => s.key !== total)];
}

/**
 * Builds the rows of every table. Code-keyed tables get their 合计 row and then the given codes in
 * code order, which is the depth-first order in which the tables are printed (208, 20801, 2080101…);
 * listed tables their rows as given.
 */
export function buildStructure(
  template: TableSetTemplate,
  givenRows: Map<string, RowSeed[]>,
  rowsGaps: ReadonlyMap<string, string> = new Map(),
): Structure {
  const structure: Structure = { template, tables: [], tableById: new Map(), cells: [] };
  for (const tt of template.tables) {
    const table: TableInfo = {
      template: tt,
      id: tt.id,
      index: structure.tables.length,
      codeKeyed: tt.layout === 'code-keyed',
      listed: tt.layout === 'listed',
      columns: [],
      columnByKey: new Map(),
      rows: [],
      rowByKey: new Map(),
      rowByCode: new Map(),
      rowsGap: rowsGaps.get(tt.id) ?? null,
    };
    table.columns = makeColumns(table, tt.columns);
    table.columnByKey = new Map(table.columns.map((c) => [c.key, c]));
    const seeds =
      table.codeKeyed || table.listed
        ? variableRows(tt, givenRows.get(tt.id) ?? [])
        : (tt.rows ?? []).map((r) => seedFromFixed(tt, r));
    for (const seed of seeds) addRow(structure, table, seed);
    if (table.listed) linkListed(table);
    else linkHierarchy(table);
    structure.tables.push(table);
    structure.tableById.set(table.id, table);
  }
  return structure;
}

/** The cell at (table id, row key, column key), if the structure has one. */
export function findCell(
  structure: Structure,
  table: string,
  row: string,
  column: string,
): number | undefined {
  const t = structure.tableById.get(table);
  const c = t?.columnByKey.get(column);
  return c ? t!.rowByKey.get(row)?.cells[c.index] : undefined;
}

function addRow(structure: Structure, table: TableInfo, seed: RowSeed): void {
  const row: RowInfo = {
    table,
    index: table.rows.length,
    key: seed.key,
    code: seed.code,
    name: seed.name,
    hangci: seed.hangci,
    side: seed.side,
    level: seed.level,
    tags: tagSet(seed.tags),
    spare: seed.spare,
    fields: seed.fields,
    parent: null,
    children: [],
    cells: [],
  };
  if (!seed.spare) {
    for (const column of table.columns) {
      if (column.side !== null && column.side !== row.side) continue;
      const id = structure.cells.length;
      structure.cells.push({ id, row, column });
      row.cells[column.index] = id;
    }
  }
  table.rows.push(row);
  table.rowByKey.set(row.key, row);
  // The first row of a code wins: in the budget's economic tables a 部门 code appears with several 政府 codes.
  if (row.code !== null && !table.rowByCode.has(row.code)) table.rowByCode.set(row.code, row);
}

/** Parent of a listed row: the nearest row above it of a higher level. */
function linkListed(table: TableInfo): void {
  const levels = table.template.listScheme!.levels.map((l) => l.name);
  /** The latest row seen of each level, cut back whenever a row of a higher level starts a new group. */
  const latest: (RowInfo | undefined)[] = [];
  for (const row of table.rows) {
    const depth = levels.indexOf(row.level ?? '');
    if (depth < 0) continue;
    latest.length = depth;
    const parent = latest.filter(Boolean).pop();
    if (parent) {
      row.parent = parent;
      parent.children.push(row);
    }
    latest[depth] = row;
  }
}

/** Parent of a coded row: the row whose code is the prefix of the next level up. */
function linkHierarchy(table: TableInfo): void {
  const scheme = table.template.codeScheme;
  if (!scheme) return;
  for (const row of table.rows) {
    if (row.code === null || row.level === null) continue;
    const depth = scheme.levels.indexOf(row.level);
    if (depth === 0) continue;
    const parent = table.rowByCode.get(row.code.slice(0, scheme.lengths[depth - 1]));
    if (parent) {
      row.parent = parent;
      parent.children.push(row);
    }
  }
}

/**
 * The fixed row a file's row fills: by role, code (or a file's alias for it), (side, 行次), else
 * label, since files name rows in any of these ways. A label printed on
 * several lines of a side (04's （一）一般公共预算拨款 under 本年收入 and again under 上年结转)
 * fills them in printed order: the first such line not taken yet.
 */
function findFixedRow(table: TableInfo, row: ReportRow, taken: Set<RowInfo>): RowInfo | undefined {
  if (table.template.layout === 'single-row') return table.rows[0];
  const side = row.side ? SIDE_NAMES[row.side] : undefined;
  const onSide = (r: RowInfo) => side === undefined || r.side === side;
  const byLabel = row.name ? table.rows.filter((r) => r.name === row.name && onSide(r)) : [];
  return (
    (row.role ? table.rowByKey.get(row.role) : undefined) ??
    (row.code
      ? (table.rowByCode.get(row.code) ??
        table.rowByKey.get(table.template.rows?.find((r) => r.aliases?.includes(row.code!))?.role ?? ''))
      : undefined) ??
    (row.hangci ? table.rows.find((r) => r.hangci === row.hangci && onSide(r)) : undefined) ??
    byLabel.find((r) => !taken.has(r))
  );
}

function describeReportRow(row: ReportRow, index: number): string {
  const parts = [`第 ${index + 1} 行`];
  if (row.hangci) parts.push(`行次 ${row.hangci}`);
  if (row.code) parts.push(row.code);
  if (row.name) parts.push(row.name);
  return parts.join(' ');
}

/** The template table a report table fills: by id, by printed number, or by the samples' kind. */
export function templateTableOf(
  template: TableSetTemplate,
  table: Pick<ReportTable, 'id' | 'kind'>,
): TableTemplate | undefined {
  return (
    template.tables.find((t) => t.id === table.id) ??
    template.tables.find((t) => t.code === table.id || (table.kind !== undefined && t.kind === table.kind))
  );
}

/** The level of a listed row: named by the file (部门 or the samples' dept), else told by its code length. */
export function listedLevel(scheme: ListScheme, row: ReportRow, code: string | null): string | null {
  const named = row.level
    ? scheme.levels.find((l) => l.name === row.level || l.alias === row.level)
    : undefined;
  if (named) return named.name;
  if (
    row.level === 'total' ||
    row.level === '合计' ||
    (code === null && row.name?.trim() === scheme.totalRole)
  )
    return '合计';
  const byLength = code ? scheme.levels.find((l) => l.codeLength === code.length) : undefined;
  return (byLength ?? scheme.levels[scheme.levels.length - 1]!).name;
}

/** Seeds of a listed table's rows, in the file's order; twins (same codes) get a numbered key. */
function listedSeeds(tt: TableTemplate, rows: ReportRow[]): RowSeed[] {
  const scheme = tt.listScheme!;
  const taken = new Set<string>();
  return rows.map((row, i) => {
    const code = row.code ? String(row.code).trim() : null;
    const level = listedLevel(scheme, row, code);
    const fields: Record<string, string | null> = {};
    for (const field of scheme.fields) {
      if (field.key === 'code' || field.key === 'name') continue;
      const raw = row.fields?.[field.key] ?? (row as unknown as Record<string, unknown>)[field.key];
      fields[field.key] = raw === undefined || raw === null ? null : String(raw);
    }
    const key =
      level === '合计' ? scheme.totalRole! : listedRowKey(code, fields.govCode, row.name, i + 1, taken);
    taken.add(key);
    return {
      key,
      code,
      name: row.name ?? null,
      hangci: null,
      side: null,
      level,
      tags: level ? [level] : [],
      spare: false,
      fields,
    };
  });
}

/** The column a file's value key names for a row: its key, or its file key on the row's side. */
function columnForKey(table: TableInfo, key: string, row: RowInfo): ColumnInfo | undefined {
  const own = table.columnByKey.get(key);
  if (own) return own;
  const template = table.template.columns;
  return table.columns.find(
    (c) => template[c.index]!.fileKey === key && (c.side === null || c.side === row.side),
  );
}

/** How a table is named in messages: its printed number and title (公开09表（一般公共预算财政拨款“三公”经费支出决算表）). */
export function tableWording(table: TableTemplate): string {
  const code = table.code ?? table.id;
  return code === table.title ? code : `${code}（${table.title}）`;
}

/** What the report says about a table it has: its row gap (lines not placed) and its columns' gaps by key. */
function gapsOf(table: ReportTable | undefined): { rows: string | null; columns: Map<string, string> } {
  const columns = new Map<string, string>();
  let rows: string | null = null;
  for (const gap of table?.gaps ?? []) {
    if (gap.column === undefined) rows ??= gap.reason;
    else columns.set(gap.column, gap.reason);
  }
  return { rows, columns };
}

function placeCodeKeyed(tt: TableTemplate, reportRows: ReportRow[], problems: PlacementProblem[]): RowSeed[] {
  const seeds = new Map<string, RowSeed>();
  for (const [i, row] of reportRows.entries()) {
    if (!row.code) continue;
    const code = String(row.code).trim();
    if (seeds.has(code)) {
      problems.push({
        table: tt.id,
        message: `${describeReportRow(row, i)}：科目编码 ${code} 重复，只保留第一行`,
      });
      continue;
    }
    seeds.set(code, codeSeed(tt, code, row.name ?? null));
  }
  return [...seeds.values()];
}

/** A form prints each of its lines whole: a cell a given line leaves out is blank, not missing from the file. */
function wholeLines(tt: TableTemplate, rows: ReportRow[]): ReportRow[] {
  const blank = Object.fromEntries(tt.columns.map((c) => [c.key, null]));
  return rows.map((row) => ({ ...row, values: { ...blank, ...row.values } }));
}

/** The figures of a report row that found no place, one by one, where the file says where they are. */
function unplacedFigures(
  table: ReportTable,
  row: ReportRow,
  index: number,
  reason: string,
): UnplacedFigure[] {
  const sheet = table.sheet ?? table.id;
  const figures = Object.entries(row.values ?? {}).filter(([, text]) => text !== null && text !== '');
  const label = [row.code, row.name].filter(Boolean).join(' ');
  if (figures.length === 0) return [{ sheet, cell: row.origin ?? `第 ${index + 1} 行`, text: label, reason }];
  return figures.map(([key, text]) => ({
    sheet,
    cell: row.origins?.[key] ?? `第 ${index + 1} 行`,
    text: `${label ? `${label}：` : ''}${text}`,
    reason,
  }));
}

/**
 * Places a report's rows and values onto the template: the report a user opens becomes cells.
 * A cell whose table, row or column the report does not have is absent, with the reason (unless
 * the report is `complete`: then it is blank); lines that fit nowhere are listed as unplaced.
 */
export function placeReport(
  template: TableSetTemplate,
  reportTables: ReportTable[],
  options: PlaceOptions = {},
): PlacedReport {
  const problems: PlacementProblem[] = [];
  const unplaced: UnplacedFigure[] = [];
  const byId = new Map<string, ReportTable>();
  for (const t of reportTables) {
    const tt = templateTableOf(template, t);
    if (tt)
      byId.set(tt.id, tt.listScheme?.form ? { ...t, rows: wholeLines(tt, [...formRows(t), ...t.rows]) } : t);
    else problems.push({ table: t.id, message: `模板“${template.name}”中没有“${t.id}”，该表未载入` });
  }
  const givenRows = new Map<string, RowSeed[]>();
  const rowsGaps = new Map<string, string>();
  for (const tt of template.tables) {
    const reportTable = byId.get(tt.id);
    if (!options.complete) {
      const gap = reportTable ? gapsOf(reportTable).rows : `文件中没有${tableWording(tt)}`;
      if (gap) rowsGaps.set(tt.id, gap);
    }
    if (tt.layout === 'listed') givenRows.set(tt.id, listedSeeds(tt, reportTable?.rows ?? []));
    else if (tt.layout === 'code-keyed')
      givenRows.set(tt.id, placeCodeKeyed(tt, reportTable?.rows ?? [], problems));
  }
  const structure = buildStructure(template, givenRows, rowsGaps);
  const texts = new Array<string | null | undefined>(structure.cells.length);
  const notAmounts = new Array<string | undefined>(structure.cells.length);
  const given = new Array<boolean>(structure.cells.length).fill(false);
  const origins: (CellOrigin | undefined)[] = new Array(structure.cells.length);
  const claimed = new Set<RowInfo>();
  for (const table of structure.tables) {
    const reportTable = byId.get(table.id);
    for (const [i, reportRow] of (reportTable?.rows ?? []).entries()) {
      const row = table.listed
        ? table.rowByKey.get(givenRows.get(table.id)![i]!.key) // seeds follow the report's rows one to one
        : table.codeKeyed
          ? table.rowByKey.get(
              reportRow.code ? String(reportRow.code).trim() : table.template.codeScheme!.totalRole!,
            )
          : findFixedRow(table, reportRow, claimed);
      if (!row || claimed.has(row)) {
        if (!row || !table.codeKeyed)
          unplaced.push(
            ...unplacedFigures(
              reportTable!,
              reportRow,
              i,
              `${tableWording(table.template)}中没有与之对应的行`,
            ),
          );
        continue;
      }
      claimed.add(row);
      for (const [key, text] of Object.entries(reportRow.values ?? {})) {
        const column = columnForKey(table, key, row);
        const cell = column ? row.cells[column.index] : undefined;
        if (cell === undefined) {
          if (text !== null && text !== '') {
            problems.push({
              table: table.id,
              message: `${describeReportRow(reportRow, i)}：栏目“${key}”不属于这一行，值 ${text} 未载入`,
            });
          }
          continue;
        }
        texts[cell] = text;
        given[cell] = true;
        notAmounts[cell] = reportRow.notAmounts?.[key];
        const address = reportRow.origins?.[key];
        if (address && reportTable?.sheet) origins[cell] = { sheet: reportTable.sheet, address };
      }
    }
  }
  const absent = options.complete
    ? new Array<string | undefined>(structure.cells.length)
    : absentCells(structure, byId, given, claimed);
  return { structure, texts, absent, notAmounts, origins, problems, unplaced };
}

function omittedWhenZero(table: TableInfo, row: RowInfo): boolean {
  return table.template.rows?.find((r) => r.role === row.key)?.omittedWhenZero === true;
}

/** Why each cell the report did not give has no figure: its table, its row or its column is not in the file. */
function absentCells(
  structure: Structure,
  byId: Map<string, ReportTable>,
  given: boolean[],
  claimed: Set<RowInfo>,
): (string | undefined)[] {
  const absent = new Array<string | undefined>(structure.cells.length);
  for (const table of structure.tables) {
    const reportTable = byId.get(table.id);
    const gaps = gapsOf(reportTable);
    const name = tableWording(table.template);
    for (const row of table.rows) {
      for (const column of table.columns) {
        const cell = row.cells[column.index];
        if (
          cell === undefined ||
          given[cell] ||
          (reportTable && !claimed.has(row) && omittedWhenZero(table, row))
        )
          continue;
        absent[cell] = !reportTable
          ? `文件中没有${name}`
          : (gaps.columns.get(column.key) ??
            (claimed.has(row)
              ? `${name}的“${column.leaf}”栏不在文件中`
              : `${name}中没有“${row.name ?? row.code ?? row.key}”这一行`));
      }
    }
  }
  return absent;
}
