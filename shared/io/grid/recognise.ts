/**
 * Which table of which template a grid is: by the table code the sheet prints, its title, the
 * words of its title, else its column headers; and which template the sheets of a file belong to.
 */
import { tableCode, type TableMatch, type TableSetTemplate, type TableTemplate } from '../../model/template';
import type { Catalog } from '../../templates/catalog';
import { squeeze, text, type Grid } from './grid';
import { findColumn, layout, TABLE_CODE } from './layout';

/** A title line names the table when it has every word of one of its lists and none of its other words. */
/** The title line as the sheet prints it: the first line near the top that reads as a table's title. */
export function printedTitle(grid: Grid): string | null {
  // A table's number (公开01表, 预算01表, 附表3) is printed beside the title, not as it.
  const titled = (t: string) => /(表|经费)$/u.test(t) && !/^(部门|单位|注|说明)/u.test(t) && !/^.{0,4}\d{1,2}表$/u.test(t);
  return topTexts(grid).find((t) => titled(squeeze(t))) ?? null;
}

export function isTitleOf(title: string, match: TableMatch): boolean {
  if (!/表|经费$/u.test(title) || /^(部门|单位)/u.test(title)) return false;
  return match.titleWords.some((words) => words.every((w) => title.includes(w))) && !(match.notWords ?? []).some((w) => title.includes(w));
}

/** The texts of a sheet's first lines, where its number, title and unit are. */
export function topTexts(grid: Grid): string[] {
  return grid.rows.slice(0, 8).flat().map(text);
}

/**
 * Which template table a sheet is: its 公开NN表 code, else its title, else the words of its title
 * (budget tables, whose numbers differ between documents), else its column headers.
 */
export function recognise(grid: Grid, template: TableSetTemplate): TableTemplate | string {
  const top = topTexts(grid);
  const code = top.map((t) => TABLE_CODE.exec(t)?.[0]).find(Boolean);
  if (code) return template.tables.find((t) => t.id === code) ?? `表号“${code}”不在模板“${template.name}”中`;
  // Titles as printed, and without the year budget titles start with (2025年部门收支预算表).
  const titles = new Set(top.flatMap((t) => [squeeze(t), squeeze(t).replace(/^\d{4}年度?/u, '')]));
  const byTitle = template.tables.filter((t) => titles.has(squeeze(t.title)));
  if (byTitle.length === 1) return byTitle[0]!;
  const byWords = template.tables.filter((t) => t.match && [...titles].some((title) => isTitleOf(title, t.match!)));
  if (byWords.length === 1) return byWords[0]!;
  // A sheet may hold another table's columns too (07 has all of 05's); the table with most wins.
  const byHeaders = template.tables.filter((t) => hasAllColumns(grid, t)).sort((a, b) => b.columns.length - a.columns.length);
  if (byHeaders.length > 0 && byHeaders[0]!.columns.length !== byHeaders[1]?.columns.length) return byHeaders[0]!;
  return '没有找到表号（公开NN表）、能识别的表名或表头';
}

/** Whether every amount column of a table has its header in the sheet. */
function hasAllColumns(grid: Grid, table: TableTemplate): boolean {
  const shape = layout(grid, table);
  return typeof shape !== 'string' && table.columns.every((c) => findColumn(shape.paths, c, table, c.side)[0] !== undefined);
}

/**
 * The template whose tables the sheets are: the one that recognises the most sheets (by code,
 * title, title words or headers); among equals the one whose table numbers the sheets print
 * (budget sets of different cities share their titles, not their numbering), then the newest not
 * after the report's year. With what it recognised each sheet as.
 */
export function chooseTemplate(catalog: Catalog, year: number | undefined, grids: Grid[]): { template: TableSetTemplate; tables: (TableTemplate | string)[] } {
  const candidates = [...catalog.templates].filter((t) => year === undefined || t.year <= year).sort((a, b) => b.year - a.year);
  const scored = (candidates.length > 0 ? candidates : catalog.templates).map((template) => {
    const tables = grids.map((g) => recognise(g, template));
    const numbered = tables.filter((t, g) => typeof t !== 'string' && topTexts(grids[g]!).includes(tableCode(t))).length;
    return { template, tables, score: tables.filter((t) => typeof t !== 'string').length * (grids.length + 1) + numbered };
  });
  return scored.reduce((best, next) => (next.score > best.score ? next : best));
}

