/**
 * Damaged files (issue 12). Each canonical sample is damaged in one way, or several at once
 * (test/support/variants/damage.ts), and checked through the command-line checker's JSON.
 *
 * Where a part cannot be read (a renamed column, a removed or emptied table, rows with garbage
 * codes) nothing unread may count as a zero: no error finding cites a damaged cell; every damaged
 * part is reported (the table in missingTables or in a notChecked reason, the column in a
 * notChecked reason, each garbled row in unplaced with its sheet and line); and every finding that
 * does not involve the damage is one of the intact file's, while an intact file's finding that does
 * not involve it either stays or is listed as not checked (its rule may need a figure that is gone:
 * "05 has no 2080506" is no longer known when a row of 05 cannot be read).
 *
 * Dropped rows are different: the file is whole and really no longer adds up, so the 款 over a
 * dropped 项 must be reported against the sum of the 项 left, nothing is unplaced or unchecked, and
 * every intact finding that does not cite a dropped row is still there.
 */
import { describe, expect, it } from 'vitest';
import {
  checkJson,
  findingLine,
  findingLines,
  sameAmount,
  type CheckRun,
  type CheckedFile,
  type CheckedFinding,
} from '../support/check-json';
import {
  damagedFiles,
  isUnreadable,
  type DroppedRows,
  type UnreadablePart,
} from '../support/variants/damage';
import { SAMPLES, readSample, sampleBytes, type Sample } from '../support/variants/samples';
import { writeBook } from '../support/variants/sheet-model';

const prepared = await Promise.all(
  SAMPLES.map(async (sample) => ({ file: sample.file, sample, book: await readSample(sample) })),
);

const notCheckedLines = (file: CheckedFile) => file.notChecked?.map((n) => `${n.ruleId} ${n.table}`).sort();
const lineOf = (cell: string) => Number(/\d+/u.exec(cell)?.[0]);

function expectUnreadablePartsHandled(
  file: CheckedFile,
  intact: CheckedFile,
  parts: UnreadablePart[],
  sample: Sample,
): void {
  for (const key of ['missingTables', 'notChecked', 'unplaced'] as const)
    expect(file, `the JSON has "${key}"`).toHaveProperty(key);
  // A finding about a damaged part itself (V02: a table the file lacks) is what reports it, not a finding on the rest.
  const removed = parts.flatMap((p) => (p.kind === 'table' ? [p.table] : []));
  const involves = (f: CheckedFinding) =>
    f.cells.some((c) => isUnreadable(c, parts)) ||
    (f.location?.kind === 'table' && f.ruleId === 'V02' && removed.includes(f.location.table));

  expect(
    file.findings.filter((f) => f.severity === 'error' && involves(f)).map((f) => findingLine(f)),
    'errors resting on unread cells',
  ).toEqual([]);

  for (const part of parts) {
    if (part.kind === 'table') {
      const title = sample.template.tables.find((t) => t.id === part.table)!.title;
      const reported = [
        ...file.missingTables!.map((t) => t.id),
        ...file
          .notChecked!.filter((n) => n.reason.includes(part.table) || n.reason.includes(title))
          .map(() => part.table),
      ];
      expect(reported, `${part.table} (${part.how}) is in missingTables or a notChecked reason`).toContain(
        part.table,
      );
    } else if (part.kind === 'column') {
      const reasons = file.notChecked!.filter((n) => n.table === part.table).map((n) => n.reason);
      expect(
        reasons.some((r) => r.includes(part.column) || r.includes(part.header)),
        `a notChecked reason of ${part.table} names ${part.column}: ${reasons.join(' / ')}`,
      ).toBe(true);
    } else {
      const lines = file.unplaced!.filter((u) => u.sheet === part.sheet).map((u) => lineOf(u.cell));
      for (const row of part.rows)
        expect(
          lines,
          `row ${row.code} (“${row.printed}”, line ${row.line} of ${part.sheet}) is unplaced`,
        ).toContain(row.line);
    }
  }

  const intactLines = findingLines(intact.findings.filter((f) => !involves(f)));
  const damagedLines = findingLines(file.findings.filter((f) => !involves(f)));
  expect(
    damagedLines.filter((l) => !intactLines.includes(l)),
    'findings the intact file does not have',
  ).toEqual([]);
  const lost = intact.findings.filter((f) => !involves(f) && !damagedLines.includes(findingLine(f)));
  const unexplained = lost.filter(
    (f) => !file.notChecked!.some((n) => n.ruleId === f.ruleId && n.table === f.cells[0]?.table),
  );
  expect(
    unexplained.map((f) => findingLine(f)),
    'intact findings gone without being listed as not checked',
  ).toEqual([]);
}

function expectDroppedRowsReported(file: CheckedFile, intact: CheckedFile, dropped: DroppedRows): void {
  expect(notCheckedLines(file), 'nothing more unchecked: the file is whole').toEqual(notCheckedLines(intact));
  expect(file.unplaced?.length, 'nothing more unplaced: the file is whole').toBe(intact.unplaced?.length);
  for (const m of dropped.mismatches) {
    const found = file.findings.some(
      ({ cells: [first], actual, expected }) =>
        first?.table === m.table &&
        first.row === m.row &&
        first.column === m.column &&
        sameAmount(actual, m.actual) &&
        sameAmount(expected, m.expected),
    );
    expect(
      found,
      `${m.table} ${m.row}「${m.column}」 ${m.actual} reported against ${m.expected}, the sum of the rows left under it`,
    ).toBe(true);
  }
  const citesDropped = (f: CheckedFinding) =>
    f.cells.some((c) => c.table === dropped.table && c.row !== null && dropped.rows.includes(c.row));
  const damagedLines = findingLines(file.findings);
  expect(
    findingLines(intact.findings.filter((f) => !citesDropped(f))).filter((l) => !damagedLines.includes(l)),
    'intact findings gone',
  ).toEqual([]);
}

describe.each(prepared)('$file damaged', ({ sample, book }) => {
  let intact: Promise<CheckRun> | undefined;
  const checkIntact = () => (intact ??= checkJson(sample.file, sampleBytes(sample)));

  it.each(damagedFiles(book, sample, sample.file))('$name', async (damage) => {
    const expected = await checkIntact();
    expect(expected.file, expected.stderr).toBeDefined();
    const intactFile = expected.file!;
    const { file, stderr } = await checkJson(sample.file, await writeBook(damage.book));
    expect(file, `a damaged file is still checked: ${stderr}`).toBeDefined();
    const about = (f: CheckedFile) => ({
      kind: f.kind,
      year: f.year,
      department: f.department,
      unit: f.unit,
    });
    expect(about(file!)).toEqual(about(intactFile));

    if (damage.dropped) expectDroppedRowsReported(file!, intactFile, damage.dropped);
    else expectUnreadablePartsHandled(file!, intactFile, damage.unreadable, sample);
  });
});
