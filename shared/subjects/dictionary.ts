/**
 * The 科目 dictionary: the name of each classification code (功能分类 208 01 06, 经济分类 302 01)
 * as far as the program has seen it. There is no official catalogue offline, so it is grown from
 * what is at hand: the rows of the templates, of the sample reports and of the open report. A code
 * none of them names has no name here (the user types it): a name is never made up.
 */
import type { ReportFile, ReportRow } from '../model/report';
import type { FixedRowTemplate, TableSetTemplate, TableTemplate } from '../model/template';
import { isCodeField } from '../engine/listedRows';
import { listedLevel, templateTableOf } from '../engine/structure';

/** Functional (支出功能分类, 2xx) and economic (部门/政府经济分类, 30x/50x) codes are separate lists. */
export type SubjectKind = 'functional' | 'economic';

/**
 * A report and the template it is read with (its tables say what kind of codes their rows hold),
 * or names already gathered (published.json, by `kind:code`).
 */
export type SubjectSource =
  { template: TableSetTemplate; report?: ReportFile } | { names: Readonly<Record<string, string>> };

export class SubjectDictionary {
  constructor(private readonly names: ReadonlyMap<string, string>) {}

  name(kind: SubjectKind, code: string): string | null {
    return this.names.get(`${kind}:${code.replace(/\s+/gu, '')}`) ?? null;
  }

  get size(): number {
    return this.names.size;
  }

  /** Every name by `kind:code`, in code order: what published.json holds. */
  toJSON(): Record<string, string> {
    return Object.fromEntries([...this.names].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
}

/** The levels of the classification itself; other levels of listed tables (部门, 单位, 项目) are organisations and projects. */
const SUBJECT_LEVELS = new Set(['类', '款', '项']);

/** Whether rows of a listed table's level are 科目 (their codes and names are the dictionary's). */
export const isSubjectLevel = (level: string | null | undefined): boolean => SUBJECT_LEVELS.has(level ?? '');

/** How sure a name is: a row that prints the code beside its name, or a label that only stands for the code (一、一般公共服务). */
const NAMED = 0;
const LABELLED = 1;

/** The kind of the codes of a table's code column, told by its header (经济分类科目编码, 政府预算支出经济分类科目/科目编码). */
export function subjectKindOf(header: string | undefined): SubjectKind {
  return /经济/u.test(header ?? '') ? 'economic' : 'functional';
}

/** A label without its printed ordinal: 一、一般公共服务支出, （一）一般公共服务支出 → 一般公共服务支出. */
function unnumbered(label: string): string {
  return label
    .replace(/^\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.、．])\s*/u, '')
    .trim();
}

const isCode = (code: string | null | undefined): code is string => !!code && /^\d+$/u.test(code);

/**
 * Every code and name of the sources. Where they name a code differently, a row that prints both
 * wins over a label, and an earlier source over a later one (put the open report first).
 */
export function buildSubjectDictionary(sources: readonly SubjectSource[]): SubjectDictionary {
  const found = new Map<string, { name: string; rank: number }>();
  const put = (
    kind: SubjectKind,
    code: string | null | undefined,
    name: string | null | undefined,
    rank: number,
  ) => {
    const key = `${kind}:${(code ?? '').replace(/\s+/gu, '')}`;
    const clean = rank === LABELLED ? unnumbered(name ?? '') : (name ?? '').trim();
    if (!isCode(key.slice(kind.length + 1)) || clean === '') return;
    const before = found.get(key);
    // A label may shorten a name (收支总表 prints 一般公共服务 for 一般公共服务支出): the fuller one wins.
    const fuller =
      before?.rank === rank && clean.length > before.name.length && clean.startsWith(before.name);
    if (!before || rank < before.rank || fuller) found.set(key, { name: clean, rank });
  };
  for (const source of sources) {
    if ('names' in source) {
      for (const [key, name] of Object.entries(source.names)) {
        const [kind, code] = key.split(':') as [SubjectKind, string];
        put(kind, code, name, NAMED);
      }
      continue;
    }
    for (const table of source.report?.tables ?? []) {
      const tt = templateTableOf(source.template, table);
      if (tt) for (const row of table.rows) putReportRow(tt, row, put);
    }
  }
  for (const source of sources)
    if ('template' in source)
      for (const tt of source.template.tables) for (const row of tt.rows ?? []) putTemplateRow(tt, row, put);
  return new SubjectDictionary(new Map([...found].map(([key, { name }]) => [key, name])));
}

type Put = (
  kind: SubjectKind,
  code: string | null | undefined,
  name: string | null | undefined,
  rank: number,
) => void;

function putTemplateRow(tt: TableTemplate, row: FixedRowTemplate, put: Put): void {
  put(subjectKindOf(tt.codeHeader), row.code, row.label, row.codePrinted ? NAMED : LABELLED);
}

/** A row of a report: a 科目 of a code-keyed table, a 类/款/项 of a listed one (with its 政府 code beside it), a fixed row's code. */
function putReportRow(tt: TableTemplate, row: ReportRow, put: Put): void {
  if (tt.codeScheme) return put(subjectKindOf(tt.codeHeader), row.code, row.name, NAMED);
  const scheme = tt.listScheme;
  if (!scheme) return put(subjectKindOf(tt.codeHeader), row.code, row.name, LABELLED);
  const code = row.code ? String(row.code).trim() : null;
  if (!isSubjectLevel(listedLevel(scheme, row, code))) return;
  for (const field of scheme.fields) {
    if (!isCodeField(field)) continue;
    const nameKey = nameFieldOf(field.key);
    const text = (key: string) =>
      key === 'code' ? row.code : key === 'name' ? row.name : (row.fields?.[key] ?? fieldOf(row, key));
    put(subjectKindOf(field.label), text(field.key), text(nameKey), NAMED);
  }
}

/** The field holding the name of a code field's code: name beside code, govName beside govCode. */
export function nameFieldOf(codeKey: string): string {
  return codeKey === 'code' ? 'name' : codeKey.replace(/Code$/u, 'Name');
}

/** The samples write a listed row's text fields beside its code (govCode), not under `fields`. */
function fieldOf(row: ReportRow, key: string): string | null {
  const value = (row as unknown as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : null;
}
