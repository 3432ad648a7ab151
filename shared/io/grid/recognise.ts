/**
 * Which table of which template a grid is, by what it says: the table number it prints (where the
 * template's tables print one), its title (as a whole, or by the words that tell the tables apart),
 * and, where neither tells, whether its headers are all of a table's columns. Each grid gets a
 * score per table; the template whose tables the grids fit best is the file's, and the reader says
 * why. A grid that fits no table of that template is reported as such, never forced into the
 * nearest one.
 */
import { tableCode, type TableMatch, type TableSetTemplate, type TableTemplate } from '../../model/template';
import { Words } from '../../model/vocabulary';
import type { Catalog } from '../../templates/catalog';
import { text, type Grid } from './grid';

/** How a grid was recognised as a table, most certain first. */
export type RecognisedBy = 'code' | 'title' | 'words' | 'headers';

export interface Recognition {
  table: TableTemplate;
  by: RecognisedBy;
  score: number;
}

const SCORE: Record<RecognisedBy, number> = { code: 1000, title: 100, words: 60, headers: 40 };

/** The texts of a sheet's first lines, where its number, title and unit are. */
export function topTexts(grid: Grid): string[] {
  return grid.rows.slice(0, 10).flat().map(text).filter(Boolean);
}

/** A table's number (公开01表, 预算01表, 附表3) is printed beside the title, never as it. */
const NUMBER_ONLY = /^.{0,4}\d{1,2}表$/u;

/** The title line as the sheet prints it: the first line near the top that reads as a table's title. */
export function printedTitle(grid: Grid): string | null {
  const titled = (t: string) =>
    /(表|经费)$/u.test(t) &&
    !/^(?:(?:部门|单位|编制单位)(?:名称)?[：:]|注|说明)/u.test(t) &&
    !NUMBER_ONLY.test(t);
  return topTexts(grid).find((t) => titled(withoutYear(t.replace(/\s+/gu, '')))) ?? null;
}

/** A title without what documents put in front of it: the department's name and the year (焦作市人社局2025年部门收支预算表). */
function titleProper(title: string, words: Words): string {
  return words.canonical(withoutYear(title));
}

/** A title without its year, in front (2025年部门收支预算表) or behind (…目标表（2025年度）). */
function withoutYear(title: string): string {
  return title.replace(/[（(]\d{4}\s*年度?[）)]/gu, '').replace(/^.*?\d{4}\s*年度?(?=.)/u, '');
}

/** A title line names the table when it has every word of one of its lists and none of its other words. */
export function isTitleOf(title: string, match: TableMatch): boolean {
  if (!/表|经费$/u.test(title) || /^(部门|单位)/u.test(title)) return false;
  return (
    match.titleWords.some((words) => words.every((w) => title.includes(w))) &&
    !(match.notWords ?? []).some((w) => title.includes(w))
  );
}

/** What a grid says about itself, read once for every template. */
interface GridFacts {
  titles: string[];
  top: string[];
}

function factsOf(grid: Grid, words: Words): GridFacts {
  const top = topTexts(grid).map((t) => t.replace(/\s+/gu, ''));
  const titles = top
    .map(withoutYear)
    .filter((t) => /(表|经费)$/u.test(t) && !NUMBER_ONLY.test(t))
    .map((t) => words.canonical(t));
  return { titles, top };
}

/** The table numbers a grid prints, in the template's way of numbering (公开\d{2}表), spacing removed. */
function printedCodes(facts: GridFacts, template: TableSetTemplate): string[] {
  if (!template.tableNumbers) return [];
  const pattern = new RegExp(template.tableNumbers.pattern, 'u');
  return facts.top.flatMap((t) => pattern.exec(t)?.[0] ?? []);
}

/** Where a set's numbers are not the same everywhere, a matching number only tells two templates apart. */
const NUMBER_AGREES = 5;

/**
 * How a grid is a table of the template by its number and title, or null. Where the template's
 * numbers identify its tables everywhere (公开01表 …), a printed number decides; elsewhere (budget
 * sets, numbered differently by each city) the title decides and a matching number adds a little.
 */
function byNumberOrTitle(
  facts: GridFacts,
  template: TableSetTemplate,
  table: TableTemplate,
  words: Words,
): Recognition | null {
  const codes = printedCodes(facts, template);
  const numbered = codes.includes(tableCode(table));
  if (codes.length > 0 && template.tableNumbers?.identify)
    return numbered ? { table, by: 'code', score: SCORE.code } : null;
  const names = [table.title, ...(table.titles ?? [])].map((t) => titleProper(t, words));
  const bonus = numbered ? NUMBER_AGREES : 0;
  if (facts.titles.some((t) => names.includes(t))) return { table, by: 'title', score: SCORE.title + bonus };
  if (table.match && facts.titles.some((t) => isTitleOf(t, table.match!)))
    return { table, by: 'words', score: SCORE.words + bonus };
  return null;
}

/** Whether a grid's headers hold every column of a table (the last resort, for sheets with no title). */
export type HeaderFit = (grid: Grid, table: TableTemplate, words: Words) => boolean;

/** The best table of a template for each grid (each table at most once), with what could not be placed. */
function recogniseAll(
  grids: Grid[],
  template: TableSetTemplate,
  headerFit: HeaderFit,
): (Recognition | string)[] {
  const words = new Words(template.vocabulary);
  const results = grids.map((grid): Recognition | string => {
    const facts = factsOf(grid, words);
    const found = template.tables
      .map((t) => byNumberOrTitle(facts, template, t, words))
      .filter((r) => r !== null);
    const best = Math.max(0, ...found.map((r) => r.score));
    const top = found.filter((r) => r.score === best);
    if (top.length === 1) return top[0]!;
    // Several tables fit the title as well (or none does): the one whose columns the headers all hold.
    const fitting = (top.length > 1 ? top.map((r) => r.table) : template.tables).filter((t) =>
      headerFit(grid, t, words),
    );
    if (fitting.length === 1)
      return top.length > 1
        ? top.find((r) => r.table === fitting[0])!
        : { table: fitting[0]!, by: 'headers', score: SCORE.headers };
    const codes = printedCodes(facts, template);
    if (codes.length > 0 && found.length === 0 && template.tableNumbers?.identify)
      return `表号“${codes[0]}”不在“${template.name}”中`;
    return top.length > 1
      ? `标题与${top.map((r) => tableCode(r.table)).join('、')}都相符，无法区分`
      : '没有找到能识别的表号、表名或表头';
  });
  // Two grids of one table: the one recognised more surely keeps it.
  results.forEach((r, g) => {
    if (typeof r === 'string') return;
    const rival = results.findIndex(
      (o, h) =>
        h !== g &&
        typeof o !== 'string' &&
        o.table === r.table &&
        (o.score > r.score || (o.score === r.score && h < g)),
    );
    if (rival >= 0) results[g] = `与工作表“${grids[rival]!.name}”同为${tableCode(r.table)}，未载入`;
  });
  return results;
}

export interface TemplateChoice {
  template: TableSetTemplate;
  /** Per grid: the table it is, or why it is none. */
  recognised: (Recognition | string)[];
  /** Why this template, in Chinese: how many sheets it recognised, and how. */
  why: string;
}

const BY_WORDS: Record<RecognisedBy, string> = {
  code: '表号',
  title: '表名',
  words: '表名用词',
  headers: '表头',
};

/**
 * The template whose tables the grids are: the one with the highest total score (each grid's
 * table counts by how surely it was recognised); among equals the newest not after the file's year.
 */
export function chooseTemplate(
  catalog: Catalog,
  year: number | undefined,
  grids: Grid[],
  headerFit: HeaderFit,
): TemplateChoice {
  const candidates = catalog.templates.filter((t) => year === undefined || t.year <= year);
  const pool = [...(candidates.length > 0 ? candidates : catalog.templates)].sort((a, b) => b.year - a.year);
  const scored = pool.map((template) => {
    const recognised = recogniseAll(grids, template, headerFit);
    const score = recognised.reduce((sum, r) => sum + (typeof r === 'string' ? 0 : r.score), 0);
    return { template, recognised, score };
  });
  const best = scored.reduce((a, b) => (b.score > a.score ? b : a));
  const counts = new Map<RecognisedBy, number>();
  for (const r of best.recognised) if (typeof r !== 'string') counts.set(r.by, (counts.get(r.by) ?? 0) + 1);
  const how = [...counts].map(([by, n]) => `按${BY_WORDS[by]} ${n} 张`).join('、');
  const runnerUp = scored.filter((s) => s !== best).sort((a, b) => b.score - a.score)[0];
  const against = !runnerUp
    ? ''
    : runnerUp.score === best.score
      ? `；与“${runnerUp.template.name}”同样相符，取年度较近的模板`
      : `，比“${runnerUp.template.name}”更相符（得分 ${best.score} 对 ${runnerUp.score}）`;
  const why = `${grids.length} 张工作表中识别出 ${best.recognised.filter((r) => typeof r !== 'string').length} 张表（${how || '无'}）${against}`;
  return { template: best.template, recognised: best.recognised, why };
}
