/**
 * Damaged files (issue 12): each canonical sample damaged in one way (or several at once), with a
 * description of exactly what was damaged, so that a test can reason about what the program must
 * and must not say. Two kinds of damage differ in what they mean:
 *
 * - unreadable parts (a column whose header the reader cannot know, a table removed or emptied to
 *   its title, rows whose code is garbage): the figures are in the file but cannot be placed, so no
 *   error may rest on them and the program must report them as missing, not checked or unplaced;
 * - dropped rows: the file is whole, it just no longer adds up. A 款 whose 项 was dropped really
 *   differs from the sum of the 项 left under it, and the program is right to say so.
 *
 * Targets are chosen with a seeded random generator among the parts of the sample that carry
 * figures (a damage to an empty part would test nothing).
 */
import Decimal from 'decimal.js';
import type { CheckedCell } from '../check-json';
import { pick, seeded, shuffled, type Random } from './random';
import type { Sample, TemplateTables } from './samples';
import {
  bandOffset,
  codeGroups,
  codeIn,
  columnsOf,
  editHeader,
  emptyBand,
  headerPath,
  labelsOf,
  removeRows,
  type BookModel,
  type SheetModel,
} from './sheet-model';

/** A part the reader cannot read. */
export type UnreadablePart =
  | { kind: 'table'; table: string; how: 'removed' | 'emptied to its title' }
  /** `column` and `side` name the column as the checker cites it (the template's label). */
  | { kind: 'column'; table: string; column: string; side: string | null; header: string }
  /** Each row by its code (as cited) and its line in the sheet. */
  | { kind: 'rows'; table: string; sheet: string; rows: { code: string; line: number; printed: string }[] };

/** A total that no longer equals the sum of the rows left under it. */
export interface Mismatch {
  table: string;
  row: string;
  column: string;
  actual: string;
  expected: string;
}

/** Rows dropped from one table (by code), and the mismatches that makes. */
export interface DroppedRows {
  table: string;
  rows: string[];
  mismatches: Mismatch[];
}

export interface Damage {
  name: string;
  book: BookModel;
  unreadable: UnreadablePart[];
  dropped: DroppedRows | null;
}

const UNKNOWN_HEADER = '本期发生额XYZ';

/** Whether a cited cell is in an unreadable part. */
export function isUnreadable(cell: CheckedCell, parts: UnreadablePart[]): boolean {
  return parts.some((part) => {
    if (part.table !== cell.table) return false;
    if (part.kind === 'table') return true;
    if (part.kind === 'column')
      return cell.column === part.column && (part.side === null || cell.side === part.side);
    return part.rows.some((row) => row.code === cell.row);
  });
}

// ── what a sheet holds, in the checker's terms ──────────────────────────────────────────────

const leafOf = (label: string) => label.split('/').at(-1)!;

/**
 * The template column a sheet column is, named as the checker cites it: its header path ends with
 * the template label, or its leaf is the leaf of exactly one template column. Null when that is
 * not so, or when the checker's name (the leaf) would not say which column it is (budget tables
 * have a 小计 under both 人员经费 and 公用经费).
 */
function citedColumn(
  sheet: SheetModel,
  col: number,
  template: TemplateTables,
): { column: string; side: string | null } | null {
  const path = headerPath(labelsOf(sheet.header), col);
  const columns = template.tables.find((t) => t.id === sheet.table)!.columns;
  const side = ['收入', '支出'].includes(path[0]!) ? path[0]! : null;
  const onSide = columns.filter((c) => (c.side ?? null) === side);
  const endsWith = (label: string) => {
    const parts = label.split('/');
    return parts.length <= path.length && parts.every((p, i) => path[path.length - parts.length + i] === p);
  };
  const matches = onSide.filter((c) => endsWith(c.label));
  const found = matches.length > 0 ? matches : onSide.filter((c) => leafOf(c.label) === path.at(-1));
  if (found.length !== 1) return null;
  const leaf = leafOf(found[0]!.label);
  return onSide.filter((c) => leafOf(c.label) === leaf).length === 1 ? { column: leaf, side } : null;
}

const figure = (value: unknown) => (typeof value === 'number' ? new Decimal(value) : new Decimal(0));
const hasFigures = (sheet: SheetModel, row: number) =>
  sheet.columns.some((kind, c) => kind === 'amount' && !figure(sheet.body.rows[row]![c]).isZero());
const sheetHasFigures = (sheet: SheetModel) =>
  sheet.body.rows.some((row) => row.some((v) => typeof v === 'number' && v !== 0));

/** The data rows of a table with one classification code per line (not 公开06表's three groups), by code. */
function codedRows(sheet: SheetModel): { index: number; code: string }[] {
  const groups = codeGroups(sheet, columnsOf(sheet, ['subjectCode', 'piece']));
  if (sheet.form || groups.length !== 1) return [];
  return sheet.body.rows.flatMap((row, index) => {
    const code = codeIn(row, groups[0]!);
    return code ? [{ index, code }] : [];
  });
}

/** The lowest-level rows (项, or 款 where a table goes no deeper) that carry figures. */
function leafRows(sheet: SheetModel): { index: number; code: string }[] {
  const rows = codedRows(sheet);
  const deepest = Math.max(0, ...rows.map((r) => r.code.length));
  return rows.filter((r) => r.code.length === deepest && hasFigures(sheet, r.index));
}

// ── damages ─────────────────────────────────────────────────────────────────────────────────

const isCodeKeyed = (sample: Sample, sheet: SheetModel) =>
  sample.template.tables.find((t) => t.id === sheet.table)!.layout === 'code-keyed';

function renameColumn(book: BookModel, sample: Sample, random: Random): UnreadablePart {
  // A column the checker's citation names alone: not one of 公开06表's three 决算数 columns.
  const candidates = book.sheets
    .filter((s) => !s.form)
    .flatMap((sheet) => {
      const columns = columnsOf(sheet, ['amount']).map((col) => ({
        sheet,
        col,
        cited: citedColumn(sheet, col, sample.template),
      }));
      const alone = (cited: { column: string; side: string | null }) =>
        columns.filter((c) => c.cited?.column === cited.column && c.cited.side === cited.side).length === 1;
      return columns.flatMap(({ col, cited }) =>
        cited && alone(cited) && sheet.body.rows.some((row) => !figure(row[col]).isZero())
          ? [{ sheet, col, cited }]
          : [],
      );
    });
  const { sheet, col, cited } = pick(random, candidates);
  editHeader(sheet, (labels) => {
    const leaf = labels.at(-1)![col];
    for (let r = labels.length - 1; r >= 0 && labels[r]![col] === leaf; r--) labels[r]![col] = UNKNOWN_HEADER;
    return labels;
  });
  return { kind: 'column', table: sheet.table, ...cited, header: UNKNOWN_HEADER };
}

function removeTable(book: BookModel, random: Random): UnreadablePart {
  const sheet = pick(random, book.sheets.filter(sheetHasFigures));
  book.sheets = book.sheets.filter((s) => s !== sheet);
  return { kind: 'table', table: sheet.table, how: 'removed' };
}

function emptyTable(book: BookModel, random: Random): UnreadablePart {
  const sheet = pick(random, book.sheets.filter(sheetHasFigures));
  Object.assign(sheet, {
    meta: emptyBand(),
    header: emptyBand(),
    lanci: emptyBand(),
    body: emptyBand(),
    notes: emptyBand(),
    columns: [],
  });
  return { kind: 'table', table: sheet.table, how: 'emptied to its title' };
}

/** Two rows' codes replaced by what offices' files hold where a code should be; their names and figures stay. */
function garbleCodes(book: BookModel, random: Random, avoid?: string): UnreadablePart {
  const sheet = pick(
    random,
    book.sheets.filter((s) => leafRows(s).length >= 2 && s.table !== avoid),
  );
  const codeCols = codeGroups(sheet, columnsOf(sheet, ['subjectCode', 'piece']))[0]!;
  const rows = shuffled(random, leafRows(sheet))
    .slice(0, 2)
    .map(({ index, code }) => {
      const printed = pick(random, ['见附表', '#REF!', `${code.slice(0, 3)}?${code.slice(4)}`]);
      const cells = sheet.body.rows[index]!;
      codeCols.forEach((c, i) => (cells[c] = i === 0 ? printed : null));
      return { code, line: bandOffset(sheet, 'body') + index + 1, printed };
    });
  return { kind: 'rows', table: sheet.table, sheet: sheet.name, rows };
}

/**
 * Two 项 rows dropped from a code-keyed table. For each column the dropped rows carried a figure
 * in, their 款 now differs from the sum of the 项 left under it (the 款 as printed, the sum as
 * computed from the file's figures).
 */
function dropRows(book: BookModel, sample: Sample, random: Random): DroppedRows {
  const eligible = (sheet: SheetModel) => {
    const codes = new Set(codedRows(sheet).map((r) => r.code));
    return leafRows(sheet).filter((r) => r.code.length === 7 && codes.has(r.code.slice(0, 5)));
  };
  const sheet = pick(
    random,
    book.sheets.filter((s) => isCodeKeyed(sample, s) && eligible(s).length >= 2),
  );
  const dropped = shuffled(random, eligible(sheet)).slice(0, 2);
  const codes = dropped.map((r) => r.code);
  const before = codedRows(sheet);
  const mismatches: Mismatch[] = [];
  for (const parent of new Set(codes.map((code) => code.slice(0, 5)))) {
    const parentRow = before.find((r) => r.code === parent)!;
    const children = before.filter(
      (r) => r.code.length === 7 && r.code.startsWith(parent) && !codes.includes(r.code),
    );
    for (const col of columnsOf(sheet, ['amount'])) {
      const cited = citedColumn(sheet, col, sample.template);
      const actual = figure(sheet.body.rows[parentRow.index]![col]);
      const expected = children.reduce(
        (sum, r) => sum.plus(figure(sheet.body.rows[r.index]![col])),
        new Decimal(0),
      );
      if (cited && !actual.equals(expected))
        mismatches.push({
          table: sheet.table,
          row: parent,
          column: cited.column,
          actual: actual.toFixed(2),
          expected: expected.toFixed(2),
        });
    }
  }
  removeRows(
    sheet.body,
    dropped.map((r) => r.index),
  );
  return { table: sheet.table, rows: codes, mismatches };
}

function describe(part: UnreadablePart): string {
  if (part.kind === 'table') return `${part.table} ${part.how}`;
  if (part.kind === 'column')
    return `${part.table} column ${part.column}${part.side ? ` (${part.side})` : ''} headed ${part.header}`;
  return `${part.table} codes unreadable in rows ${part.rows.map((r) => `${r.code} (line ${r.line}: ${r.printed})`).join(', ')}`;
}

type Make = (book: BookModel, random: Random) => UnreadablePart[];

/** Every damage of a canonical book. Deterministic for a given seed. */
export function damagedFiles(canonical: BookModel, sample: Sample, seed: string): Damage[] {
  const makes: [string, Make][] = [
    ['a column header renamed', (book, random) => [renameColumn(book, sample, random)]],
    ['a table removed', (book, random) => [removeTable(book, random)]],
    ['a sheet emptied to its title', (book, random) => [emptyTable(book, random)]],
    ['codes made unreadable', (book, random) => [garbleCodes(book, random)]],
    [
      'three damages at once',
      (book, random) => {
        const removed = removeTable(book, random);
        const renamed = renameColumn(book, sample, random);
        return [removed, renamed, garbleCodes(book, random, renamed.table)];
      },
    ],
  ];
  const damages = makes.map(([what, make]) => {
    const book = structuredClone(canonical);
    const unreadable = make(book, seeded(`${seed} | ${what}`));
    return { name: `${what}: ${unreadable.map(describe).join('; ')}`, book, unreadable, dropped: null };
  });
  // Only the 决算 tables are code-keyed with 款 over 项: the budget's listed tables have no rows to drop this way.
  const book = structuredClone(canonical);
  if (!book.sheets.some((s) => isCodeKeyed(sample, s))) return damages;
  const dropped = dropRows(book, sample, seeded(`${seed} | rows dropped`));
  return [
    ...damages,
    { name: `rows dropped: ${dropped.table} ${dropped.rows.join(', ')}`, book, unreadable: [], dropped },
  ];
}
