/**
 * A report from the grids of a file (the sheets of an .xlsx; next a Word table or a PDF page): each
 * grid is recognised as one of a template's tables by what it says, never by its name or position;
 * columns are found by the words of their headers and rows by code or label. The year, department
 * and unit come from the file, with where each was read; what cannot be placed is listed with
 * sheet and cell; what the file lacks is a gap, never a zero.
 */
import type { MetaSources, ReportFile, ReportTable, UnplacedFigure } from '../../model/report';
import type { TableTemplate } from '../../model/template';
import { Words } from '../../model/vocabulary';
import type { Catalog } from '../../templates/catalog';
import { matchColumns } from './columns';
import { text, type Grid } from './grid';
import { takeNarrativeSheets } from './narrativeSheets';
import { findHeader, lineTexts, looksLikeCode, looksLikeFigure, type HeaderBlock } from './header';
import { readMeta } from './meta';
import { chooseTemplate, isTitleOf, printedTitle } from './recognise';
import { readCodeKeyed } from './tables/codeKeyed';
import type { ReadContext, TableReading } from './tables/common';
import { readForm } from './tables/form';
import { readListed } from './tables/listed';
import { readSingleRow } from './tables/singleRow';
import { readThreeGroup } from './tables/threeGroup';
import { readTwoSided } from './tables/twoSided';

export interface SheetMatch {
  sheet: string;
  table: string;
}

export interface GridImport {
  report: ReportFile;
  tables: SheetMatch[];
  unrecognized: { sheet: string; reason: string }[];
  /** Notes on cells the user should know about (a figure read as its cell displays it …). */
  problems: string[];
  /** Why the file was read as its template, in Chinese. */
  templateWhy: string;
}

export class GridReadError extends Error {
  override name = 'GridReadError';
}

/** Whether line r of a grid holds data of this table (not header): a figure, a code, the lone 合计, or a line the table names. */
function dataLineTest(grid: Grid, table: TableTemplate, words: Words): (r: number) => boolean {
  const total = words.canonical(table.codeScheme?.totalRole ?? table.listScheme?.totalRole ?? '合计');
  const labels = new Set(
    (table.rows ?? []).flatMap((row) => (row.label ? [words.canonical(row.label)] : [])),
  );
  return (r) => {
    const cells = grid.rows[r] ?? [];
    const texts = lineTexts(grid, r);
    if (texts.length === 1 && words.canonical(texts[0]!) === total) return true;
    if (cells.some(looksLikeFigure)) return true;
    const first = cells.find((c) => text(c) !== '');
    // A line of a two-sided table starts with its income label (a header cell may say a label too: 一般公共预算财政拨款).
    if (table.layout === 'two-sided') return labels.has(words.canonical(text(first)));
    return table.layout === 'three-group' ? cells.some(looksLikeCode) : looksLikeCode(first);
  };
}

/** Whether a line's text is the table's title (by its words, or ending with the title: 2024年度收入支出决算总表). */
function titleTest(table: TableTemplate, words: Words): (text: string) => boolean {
  const title = words.canonical(table.title);
  return (t) =>
    (table.match ? isTitleOf(t, table.match) : false) || (t !== '' && words.canonical(t).endsWith(title));
}

/** Where a table's header and data are in a grid, read as that table would be. */
function headerOf(grid: Grid, table: TableTemplate, words: Words): HeaderBlock | string {
  return findHeader(grid, words, titleTest(table, words), dataLineTest(grid, table, words));
}

/**
 * Whether a grid's headers hold every amount column of a table, and little else: the last resort
 * for a sheet whose title says nothing (a table with a single column, such as 06's 决算数, fits
 * almost any sheet and is never recognised this way).
 */
function headerFit(grid: Grid, table: TableTemplate, words: Words): boolean {
  const amounts = table.columns.filter((c) => !c.text);
  if (table.layout === 'listed') return false;
  const header = headerOf(grid, table, words);
  if (typeof header === 'string') return false;
  const found = matchColumns(header.paths, amounts, words);
  if (found.some((c) => c === undefined)) return false;
  const headed = header.paths.filter(
    (p) => p.length > 0 && !p.some((w) => /编码|代码|名称|^项目$|行次/u.test(w)),
  ).length;
  const labelled = (table.rows ?? []).filter((r) => r.label);
  // A table of one column (06's 决算数) fits any sheet by its header: its lines must say what it is.
  if (amounts.length < 2 && labelled.length === 0) return false;
  return (
    (amounts.length >= 2 ? amounts.length >= 0.8 * headed : true) &&
    (labelled.length === 0 || linesFit(grid, labelled, words))
  );
}

/** Whether at least half of a table's line labels are in the grid (01 and 04 share their columns' words, not their lines). */
function linesFit(grid: Grid, rows: { label: string | null }[], words: Words): boolean {
  const said = new Set(grid.rows.flatMap((row) => row.map((c) => words.canonical(text(c)))));
  return rows.filter((r) => said.has(words.canonical(r.label!))).length >= rows.length / 2;
}

function readTable(context: ReadContext): TableReading {
  switch (context.table.layout) {
    case 'code-keyed':
      return readCodeKeyed(context);
    case 'two-sided':
      return readTwoSided(context);
    case 'three-group':
      return readThreeGroup(context);
    case 'single-row':
      return readSingleRow(context);
    case 'listed':
      return context.table.listScheme?.form ? readForm(context) : readListed(context);
  }
}

export function readGrids(fileName: string, sheets: Grid[], catalog: Catalog): GridImport {
  // The program's own 情况说明 sheets are no tables, and their text must not be read as the year.
  const { tables: grids, narrative } = takeNarrativeSheets(sheets);
  const meta = readMeta(fileName, grids);
  const choice = chooseTemplate(catalog, meta.year?.value, grids, headerFit);
  const { template } = choice;
  const words = new Words(template.vocabulary);
  const tables: SheetMatch[] = [];
  const unrecognized: GridImport['unrecognized'] = [];
  const reportTables: ReportTable[] = [];
  const unplaced: UnplacedFigure[] = [];
  const problems: string[] = [];
  for (const [g, grid] of grids.entries()) {
    const recognition = choice.recognised[g]!;
    if (typeof recognition === 'string') {
      if (grid.rows.some((row) => row.some((c) => text(c) !== '')))
        unrecognized.push({ sheet: grid.name, reason: recognition });
      continue;
    }
    const { table } = recognition;
    const header = table.listScheme?.form ? null : headerOf(grid, table, words);
    if (typeof header === 'string') {
      unrecognized.push({ sheet: grid.name, reason: header });
      continue;
    }
    for (const address of grid.formulasWithoutResult)
      problems.push(`“${grid.name}”${address}：公式没有保存计算结果，请在 Excel 中重新计算并保存后再打开`);
    for (const note of grid.notes ?? []) problems.push(`“${grid.name}”${note.address}：${note.reason}`);
    const reading = readTable({
      grid,
      table,
      words,
      header: header ?? { start: 0, dataStart: 0, paths: [], lanciRow: -1 },
      isTitle: titleTest(table, words),
    });
    tables.push({ sheet: grid.name, table: table.id });
    unplaced.push(...reading.unplaced);
    reportTables.push({
      id: table.id,
      sheet: grid.name,
      title: printedTitle(grid) ?? undefined,
      rows: reading.rows,
      ...(reading.gaps.length > 0 ? { gaps: reading.gaps } : {}),
    });
  }
  if (tables.length === 0)
    throw new GridReadError(
      `“${fileName}”中没有能识别的报表（${unrecognized.map((u) => `${u.sheet}：${u.reason}`).join('；') || '文件中没有内容'}）`,
    );
  const sources: MetaSources = {};
  if (meta.year) sources.year = meta.year.source;
  if (meta.department) sources.department = meta.department.source;
  if (meta.unit) sources.unit = meta.unit.source;
  const report: ReportFile = {
    kind: template.kind,
    year: meta.year?.value ?? null,
    department: meta.department?.value ?? '',
    unit: meta.unit?.value ?? null,
    template: template.id,
    tables: reportTables,
    sources,
    ...(unplaced.length > 0 ? { unplaced } : {}),
    ...(narrative ? { narrative } : {}),
  };
  return { report, tables, unrecognized, problems, templateWhy: choice.why };
}
