/**
 * The shape of one open report: its tables, rows, columns and cells, built from the template and
 * the rows the report actually has. Cells get dense integer ids so that the recalculation engine
 * can keep values and dependencies in flat arrays.
 */
import type { ReportRow, ReportTable } from '../model/report';
import type { ColumnTemplate, FixedRowTemplate, Side, TableSetTemplate, TableTemplate } from '../model/template';

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
  /** Level in the code hierarchy (类/款/项), '合计' for the grand-total row, else null. */
  level: string | null;
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
  columns: ColumnInfo[];
  columnByKey: Map<string, ColumnInfo>;
  rows: RowInfo[];
  rowByKey: Map<string, RowInfo>;
  rowByCode: Map<string, RowInfo>;
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
  /** Text of every cell as the report holds it (null for blank), by cell id. */
  texts: (string | null)[];
  /** Where each cell was read from, when the report came from a spreadsheet, by cell id. */
  origins: (CellOrigin | undefined)[];
  problems: PlacementProblem[];
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
  }));
}

/** What a row is before it becomes part of a table. */
export type RowSeed = Pick<RowInfo, 'key' | 'code' | 'name' | 'hangci' | 'side' | 'level' | 'spare'> & { tags: string[] };

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
  };
}

function totalSeed(table: TableTemplate): RowSeed {
  const role = table.codeScheme!.totalRole;
  return { key: role, code: null, name: role, hangci: null, side: null, level: '合计', tags: ['合计'], spare: false };
}

export function codeSeed(table: TableTemplate, code: string, name: string | null): RowSeed {
  const level = levelOf(table, code);
  return { key: code, code, name, hangci: null, side: null, level, tags: level ? [level] : [], spare: false };
}

/**
 * Builds the rows of every table. Code-keyed tables get their 合计 row and then the given codes in
 * code order, which is the depth-first order in which the tables are printed (208, 20801, 2080101…).
 */
export function buildStructure(template: TableSetTemplate, codedRows: Map<string, RowSeed[]>): Structure {
  const structure: Structure = { template, tables: [], tableById: new Map(), cells: [] };
  for (const tt of template.tables) {
    const table: TableInfo = {
      template: tt,
      id: tt.id,
      index: structure.tables.length,
      codeKeyed: tt.layout === 'code-keyed',
      columns: [],
      columnByKey: new Map(),
      rows: [],
      rowByKey: new Map(),
      rowByCode: new Map(),
    };
    table.columns = makeColumns(table, tt.columns);
    table.columnByKey = new Map(table.columns.map((c) => [c.key, c]));
    const seeds = table.codeKeyed
      ? [totalSeed(tt), ...[...(codedRows.get(tt.id) ?? [])].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))]
      : (tt.rows ?? []).map((r) => seedFromFixed(tt, r));
    for (const seed of seeds) addRow(structure, table, seed);
    linkHierarchy(table);
    structure.tables.push(table);
    structure.tableById.set(table.id, table);
  }
  return structure;
}

/** The cell at (table id, row key, column key), if the structure has one. */
export function findCell(structure: Structure, table: string, row: string, column: string): number | undefined {
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
  if (row.code !== null) table.rowByCode.set(row.code, row);
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

/** Tries role, code, (side, 行次) and label in turn: files name rows in any of these ways. */
function findFixedRow(table: TableInfo, row: ReportRow): RowInfo | undefined {
  if (table.template.layout === 'single-row') return table.rows[0];
  const side = row.side ? SIDE_NAMES[row.side] : undefined;
  const onSide = (r: RowInfo) => side === undefined || r.side === side;
  const byLabel = row.name ? table.rows.filter((r) => r.name === row.name && onSide(r)) : [];
  return (
    (row.role ? table.rowByKey.get(row.role) : undefined) ??
    (row.code ? table.rowByCode.get(row.code) : undefined) ??
    (row.hangci ? table.rows.find((r) => r.hangci === row.hangci && onSide(r)) : undefined) ??
    (byLabel.length === 1 ? byLabel[0] : undefined)
  );
}

function describeReportRow(row: ReportRow, index: number): string {
  const parts = [`第 ${index + 1} 行`];
  if (row.hangci) parts.push(`行次 ${row.hangci}`);
  if (row.code) parts.push(row.code);
  if (row.name) parts.push(row.name);
  return parts.join(' ');
}

/** Places a report's rows and values onto the template: the report a user opens becomes cells. */
export function placeReport(template: TableSetTemplate, reportTables: ReportTable[]): PlacedReport {
  const problems: PlacementProblem[] = [];
  const byId = new Map(reportTables.map((t) => [t.id, t]));
  for (const t of reportTables) {
    if (!template.tables.some((tt) => tt.id === t.id)) {
      problems.push({ table: t.id, message: `模板“${template.name}”中没有“${t.id}”，该表未载入` });
    }
  }
  const codedRows = new Map<string, RowSeed[]>();
  for (const tt of template.tables) {
    if (tt.layout !== 'code-keyed') continue;
    const seeds = new Map<string, RowSeed>();
    for (const [i, row] of (byId.get(tt.id)?.rows ?? []).entries()) {
      if (!row.code) continue;
      const code = String(row.code).trim();
      if (seeds.has(code)) {
        problems.push({ table: tt.id, message: `${describeReportRow(row, i)}：科目编码 ${code} 重复，只保留第一行` });
        continue;
      }
      seeds.set(code, codeSeed(tt, code, row.name ?? null));
    }
    codedRows.set(tt.id, [...seeds.values()]);
  }
  const structure = buildStructure(template, codedRows);
  const texts: (string | null)[] = new Array(structure.cells.length).fill(null);
  const origins: (CellOrigin | undefined)[] = new Array(structure.cells.length);
  const claimed = new Set<RowInfo>();
  for (const table of structure.tables) {
    for (const [i, reportRow] of (byId.get(table.id)?.rows ?? []).entries()) {
      const row = table.codeKeyed
        ? table.rowByKey.get(reportRow.code ? String(reportRow.code).trim() : table.template.codeScheme!.totalRole)
        : findFixedRow(table, reportRow);
      if (!row || claimed.has(row)) {
        if (!row || !table.codeKeyed) {
          problems.push({ table: table.id, message: `${describeReportRow(reportRow, i)}：在模板中找不到对应的行，未载入` });
        }
        continue;
      }
      claimed.add(row);
      for (const [key, text] of Object.entries(reportRow.values ?? {})) {
        const column = table.columnByKey.get(key);
        const cell = column ? row.cells[column.index] : undefined;
        if (cell === undefined) {
          if (text !== null && text !== '') {
            problems.push({ table: table.id, message: `${describeReportRow(reportRow, i)}：栏目“${key}”不属于这一行，值 ${text} 未载入` });
          }
          continue;
        }
        texts[cell] = text;
        const address = reportRow.origins?.[key];
        const sheet = byId.get(table.id)?.sheet;
        if (address && sheet) origins[cell] = { sheet, address };
      }
    }
  }
  return { structure, texts, origins, problems };
}
