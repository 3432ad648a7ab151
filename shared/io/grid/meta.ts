/**
 * A report's year, department and unit, read from the file with where each was found: the
 * 部门/年度/单位 line at the top of a sheet first, then titles (2024年度收入支出决算总表), then sheet
 * names, then the file's name. Nothing found is nothing: never the template's default.
 */
import type { AmountUnit } from '../../money/money';
import { text, type Grid } from './grid';

export interface Found<T> {
  value: T;
  /** Where it was read, in Chinese: 工作表“收入决算表”第 2 行“2024年度”. */
  source: string;
}

export interface ReportMeta {
  year?: Found<number>;
  department?: Found<string>;
  unit?: Found<AmountUnit>;
}

/** Years a report can be for; anything else in a text is not its year (a code, a phone number). */
const SANE_YEAR = (year: number) => year >= 2000 && year <= 2100;

const TOP_LINES = 12;

const UNIT = /(?:金额)?单位[：:]\s*(万元|元)/u;
const DEPARTMENT = /^(?:部门|编制单位|单位)(?:（单位）)?(?:名称)?[：:]\s*(.+?)\s*(?:(?:金额)?单位[：:].*)?$/u;
const YEAR_LINE = /^[（(]?(\d{4})\s*年度?[）)]?$/u;
const YEAR_IN_TEXT = /(\d{4})\s*年/u;
const YEAR_IN_NAME = /(?<!\d)(20\d{2})(?!\d)/u;

/** The top texts of each grid with the row they are on. */
function* topTexts(grids: Grid[]): Generator<{ grid: Grid; r: number; text: string }> {
  for (const grid of grids) {
    for (let r = 0; r < Math.min(grid.rows.length, TOP_LINES); r++) {
      for (const t of new Set((grid.rows[r] ?? []).map(text).filter(Boolean))) yield { grid, r, text: t };
    }
  }
}

const where = (grid: Grid, r: number, t: string) => `工作表“${grid.name}”第 ${r + 1} 行“${t}”`;

/** The value most grids agree on, with the first place it was found. */
function mostCommon<T>(found: Found<T>[]): Found<T> | undefined {
  const counts = new Map<T, number>();
  for (const f of found) counts.set(f.value, (counts.get(f.value) ?? 0) + 1);
  const best = [...counts].sort((a, b) => b[1] - a[1])[0];
  return best && found.find((f) => f.value === best[0]);
}

function yearOf(fileName: string, grids: Grid[]): Found<number> | undefined {
  const lines: Found<number>[] = [];
  const titles: Found<number>[] = [];
  for (const { grid, r, text: t } of topTexts(grids)) {
    const line = YEAR_LINE.exec(t.replace(/\s+/gu, ''));
    const inTitle = YEAR_IN_TEXT.exec(t);
    if (line && SANE_YEAR(Number(line[1]))) lines.push({ value: Number(line[1]), source: where(grid, r, t) });
    else if (inTitle && SANE_YEAR(Number(inTitle[1])))
      titles.push({ value: Number(inTitle[1]), source: where(grid, r, t) });
  }
  const sheets = grids.flatMap((g) => {
    const year = Number(YEAR_IN_TEXT.exec(g.name)?.[1] ?? YEAR_IN_NAME.exec(g.name)?.[1]);
    return SANE_YEAR(year) ? [{ value: year, source: `工作表名“${g.name}”` }] : [];
  });
  const name = fileName.split(/[\\/]/u).pop()!;
  const inFileName = Number(YEAR_IN_TEXT.exec(name)?.[1] ?? YEAR_IN_NAME.exec(name)?.[1]);
  const file = SANE_YEAR(inFileName) ? [{ value: inFileName, source: `文件名“${name}”` }] : [];
  return mostCommon(lines) ?? mostCommon(titles) ?? mostCommon(sheets) ?? file[0];
}

export function readMeta(fileName: string, grids: Grid[]): ReportMeta {
  const departments: Found<string>[] = [];
  const units: Found<AmountUnit>[] = [];
  for (const { grid, r, text: t } of topTexts(grids)) {
    const unit = UNIT.exec(t)?.[1] as AmountUnit | undefined;
    if (unit) units.push({ value: unit, source: where(grid, r, t) });
    const department = DEPARTMENT.exec(t)?.[1];
    if (department && !/^(万元|元)$/u.test(department))
      departments.push({ value: department, source: where(grid, r, t) });
  }
  return { year: yearOf(fileName, grids), department: mostCommon(departments), unit: mostCommon(units) };
}
