/**
 * The 情况说明 in the program's publication workbook, as plain rows both ways: a sheet 情况说明 of
 * its paragraphs (one a row, in column A) and a sheet 补充信息 of the 补充信息 and the user's reasons
 * (类别 | 键 | 项目 | 值, a list field one row per entry's field). The writer (xlsx/narrativeSheets)
 * styles these rows; the recogniser takes such sheets out before it looks for tables, so they are
 * read back exactly and never reported as unrecognised tables.
 *
 * The 情况说明 sheet is known by its name, the program's own, since its text has nothing a table
 * has; the 补充信息 sheet by its header line.
 */
import type { ReportNarrative, SupplementaryEntry, SupplementaryValues } from '../../model/report';
import type { NarrativeSet } from '../../narrative/definitions';
import { supplementaryLabel } from '../../narrative/supplementary';
import { narrativeFromParagraphs } from '../../narrative/text';
import { text, type Cell, type Grid } from './grid';

export const NARRATIVE_SHEET = '情况说明';
export const SUPPLEMENTARY_SHEET = '补充信息';
export const SUPPLEMENTARY_HEADER = ['类别', '键', '项目', '值'] as const;

/** 类别 of a row: a single value, a list field's row (the list itself, an entry, an entry's field), a reason. */
const KIND = { value: '补充信息', list: '补充信息（逐项）', reason: '原因说明' } as const;

/** `key[n]` (an entry, n from 1) or `key[n].column` (an entry's field) of a list field. */
const ENTRY_KEY = /^(.+)\[(\d+)\](?:\.(.+))?$/u;

/** The 补充信息 sheet's lines after its header: every value and reason as typed. */
export function supplementaryLines(
  narrative: Pick<ReportNarrative, 'supplementary' | 'reasons'>,
  set: NarrativeSet | null,
): string[][] {
  const label = (key: string) => (set ? supplementaryLabel(set, key) : key);
  const lines: string[][] = [];
  for (const [key, value] of Object.entries(narrative.supplementary ?? {})) {
    if (typeof value === 'string') {
      lines.push([KIND.value, key, label(key), value]);
      continue;
    }
    // The list is named even when it has no entry, so that an emptied list comes back empty.
    lines.push([KIND.list, key, label(key), '']);
    const field = set?.supplementary.find((f) => f.key === key);
    value.forEach((entry, i) => {
      const columns = Object.entries(entry);
      if (columns.length === 0)
        lines.push([KIND.list, `${key}[${i + 1}]`, `${label(key)}第 ${i + 1} 项`, '']);
      for (const [column, typed] of columns) {
        const columnLabel = field?.rows?.find((c) => c.key === column)?.label ?? column;
        lines.push([
          KIND.list,
          `${key}[${i + 1}].${column}`,
          `${label(key)}第 ${i + 1} 项${columnLabel}`,
          typed,
        ]);
      }
    });
  }
  for (const [key, reason] of Object.entries(narrative.reasons ?? {}))
    lines.push([KIND.reason, key, key, reason]);
  return lines;
}

/** A cell's value as typed: text as it is, a number (Excel may have turned "12.50" into one) as shown. */
const typed = (cell: Cell | undefined): string => (typeof cell === 'string' ? cell : text(cell));

const isSupplementarySheet = (grid: Grid) =>
  SUPPLEMENTARY_HEADER.every((word, c) => text(grid.rows[0]?.[c]) === word);

/** Whether every cell a sheet holds is in column A: the 情况说明 sheet has nothing else. */
const isNarrativeSheet = (grid: Grid) =>
  grid.name === NARRATIVE_SHEET && grid.rows.every((row) => row.slice(1).every((c) => text(c) === ''));

function readSupplementary(grid: Grid): Pick<ReportNarrative, 'supplementary' | 'reasons'> {
  const supplementary: SupplementaryValues = {};
  const reasons: Record<string, string> = {};
  const listOf = (key: string): SupplementaryEntry[] => {
    const value = supplementary[key];
    if (Array.isArray(value)) return value;
    return (supplementary[key] = []);
  };
  for (const row of grid.rows.slice(1)) {
    const [kind, key, , value] = [text(row[0]), text(row[1]), row[2], typed(row[3])];
    if (key === '') continue;
    if (kind === KIND.reason) reasons[key] = value;
    else if (kind === KIND.value) supplementary[key] = value;
    else if (kind === KIND.list) {
      const entry = ENTRY_KEY.exec(key);
      if (!entry) {
        listOf(key);
        continue;
      }
      const [, field, n, column] = entry;
      const list = listOf(field!);
      const index = Number(n) - 1;
      while (list.length <= index) list.push({});
      if (column !== undefined) list[index]![column] = value;
    }
  }
  return {
    ...(Object.keys(supplementary).length > 0 ? { supplementary } : {}),
    ...(Object.keys(reasons).length > 0 ? { reasons } : {}),
  };
}

/** The grids without the 情况说明's sheets, and the 情况说明 they hold (none when they hold nothing). */
export function takeNarrativeSheets(grids: readonly Grid[]): {
  tables: Grid[];
  narrative: ReportNarrative | null;
} {
  const tables: Grid[] = [];
  let narrative: ReportNarrative = {};
  for (const grid of grids) {
    if (isNarrativeSheet(grid)) {
      const { text: joined } = narrativeFromParagraphs(grid.rows.map((row) => typed(row[0])));
      if (joined !== '') narrative = { ...narrative, text: joined };
    } else if (isSupplementarySheet(grid)) narrative = { ...narrative, ...readSupplementary(grid) };
    else tables.push(grid);
  }
  return { tables, narrative: Object.keys(narrative).length > 0 ? narrative : null };
}
