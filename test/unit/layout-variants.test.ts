/**
 * Layout variants (issue 15, item 5). Each canonical sample is written the ways other cities and
 * regions lay out the same tables (test/support/variants/layouts.ts); the program must read every
 * variant as the same document: the same tables from the sheets they are in, the same year,
 * department and template, 元 where the variant is in 元, and exactly the same findings (rule,
 * severity, cited cells, expected/actual/diff; × 10000 for a 元 variant, where a 尾差 of 0.01 万元
 * is a 尾差 of 100 元), with nothing more left unchecked or unplaced.
 *
 * The tests talk to the program only through the command-line checker's JSON. The first test of
 * each sample states what the canonical file itself must give; the variants are compared with it.
 */
import { describe, expect, it } from 'vitest';
import { checkJson, findingLines, type CheckRun, type CheckedFile } from '../support/check-json';
import { layoutVariants } from '../support/variants/layouts';
import { SAMPLES, readSample, sampleBytes } from '../support/variants/samples';
import { text, writeBook, type BookModel } from '../support/variants/sheet-model';

const prepared = await Promise.all(
  SAMPLES.map(async (sample) => ({ file: sample.file, sample, book: await readSample(sample) })),
);

const byId = <T extends { id: string }>(items: T[]) => [...items].sort((a, b) => a.id.localeCompare(b.id));

/** The department as the canonical file's 部门：/部门名称： line prints it. */
function printedDepartment(book: BookModel): string {
  const line = book.sheets
    .flatMap((s) => s.meta.rows.flat())
    .map(text)
    .find((t) => /^部门(名称)?[：:]/u.test(t))!;
  return line.replace(/^部门(名称)?[：:]\s*/u, '');
}

const notCheckedLines = (file: CheckedFile) => file.notChecked?.map((n) => `${n.ruleId} ${n.table}`).sort();

describe.each(prepared)('$file in other layouts', ({ sample, book }) => {
  let canonical: Promise<CheckRun> | undefined;
  const checkCanonical = () => (canonical ??= checkJson(sample.file, sampleBytes(sample)));

  it('the canonical file: every sheet read as its table, in 万元, nothing missing, unchecked or unplaced', async () => {
    const { file, stderr } = await checkCanonical();
    expect(file, stderr).toBeDefined();
    expect(byId(file!.tables)).toEqual(
      byId(book.sheets.map((s) => ({ id: s.table, sheet: s.name, title: s.title }))),
    );
    expect(file!.unrecognized).toEqual([]);
    expect(file).toMatchObject({
      kind: sample.template.id.startsWith('budget') ? 'budget' : 'final',
      year: sample.template.year,
      department: printedDepartment(book),
      unit: '万元',
      template: { id: sample.template.id },
      missingTables: [],
      notChecked: [],
      unplaced: [],
    });
    expect(
      file!.yearSource === null || typeof file!.yearSource === 'string',
      `yearSource ${file!.yearSource}`,
    ).toBe(true);
  });

  it.each(layoutVariants(book, sample.file))('$name', async (variant) => {
    const expected = await checkCanonical();
    expect(expected.file, expected.stderr).toBeDefined();
    const canonicalFile = expected.file!;
    const { code, file, stderr } = await checkJson(sample.file, await writeBook(variant.book));
    expect(file, stderr).toBeDefined();

    const titleOf = (id: string) => canonicalFile.tables.find((t) => t.id === id)?.title;
    expect(byId(file!.tables)).toEqual(
      byId(variant.book.sheets.map((s) => ({ id: s.table, sheet: s.name, title: titleOf(s.table) }))),
    );
    expect(file!.unrecognized).toEqual([]);
    // Where the year was found may name a sheet or a cell, which a layout moves; that it was found must not change.
    // Why the template was chosen names scores against the others, which differ with the layout; which template must not.
    const about = (f: CheckedFile) => ({
      kind: f.kind,
      year: f.year,
      yearFound: typeof f.yearSource === 'string',
      department: f.department,
      template: f.template?.id,
      missingTables: f.missingTables,
    });
    expect(about(file!)).toEqual(about(canonicalFile));
    expect(file!.unit).toBe(variant.yuan ? '元' : canonicalFile.unit);

    expect(findingLines(file!.findings)).toEqual(
      findingLines(canonicalFile.findings, variant.yuan ? 10_000 : 1),
    );
    expect(notCheckedLines(file!)).toEqual(notCheckedLines(canonicalFile));
    expect(file!.unplaced?.length).toBe(canonicalFile.unplaced?.length);
    expect(code).toBe(expected.code);
  });
});
