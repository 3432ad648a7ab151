/**
 * The samples as finance offices circulate them (.xlsx) import into exactly the data of their
 * published JSON twins, and the checker finds the same mismatches.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Workbook } from '../../shared/engine/workbook';
import { writePublicationXlsx } from '../../shared/io/xlsx/publication';
import { readXlsx, XlsxError } from '../../shared/io/xlsx/readXlsx';
import { tableCode } from '../../shared/model/template';
import { parseAmount, toDecimalString } from '../../shared/money/money';
import { loadSample } from '../support/fixtures';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(fileURLToPath(new URL(`../fixtures/xlsx/${name}`, import.meta.url))));

/** Every figure of a report in one comparable form: blank stays blank, numbers become canonical. */
function figures(workbook: Workbook): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const table of workbook.toReport().tables) {
    for (const [i, row] of table.rows.entries()) {
      // Budget rows may have no code (项目支出表's projects): their place tells them apart.
      const label = `${table.id}|${i}|${row.code ?? row.role}`;
      if (row.level)
        out.set(`${label}|fields`, JSON.stringify({ name: row.name, level: row.level, ...row.fields }));
      for (const [column, value] of Object.entries(row.values)) {
        const parsed = value === null ? null : parseAmount(value);
        out.set(
          `${label}|${column}`,
          parsed?.ok && parsed.value !== null ? toDecimalString(parsed.value) : value,
        );
      }
    }
  }
  return out;
}

describe.each(['final-2023-jiefang', 'final-2024-gaoxin', 'budget-2025-jiaozuo'] as const)(
  '%s.xlsx',
  (name) => {
    it('imports into exactly the data of its JSON twin', async () => {
      const imported = await readXlsx(`${name}.xlsx`, fixture(`${name}.xlsx`));
      const sample = loadSample(name);
      const template = Workbook.open(sample).template;
      expect(imported.tables.map((t) => tableCode(template.tables.find((tt) => tt.id === t.table)!))).toEqual(
        sample.tables.map((t) => t.id),
      );
      expect(imported.unrecognized).toEqual([]);
      expect(imported.problems).toEqual([]);
      expect(imported.report).toMatchObject({
        kind: sample.kind,
        year: sample.year,
        department: sample.department,
        unit: '万元',
      });
      const fromXlsx = Workbook.open(imported.report);
      const fromJson = Workbook.open(sample);
      expect(fromXlsx.problems).toEqual([]);
      expect(figures(fromXlsx)).toEqual(figures(fromJson));
    });

    it('gives the same findings as the published data', async () => {
      const imported = await readXlsx(`${name}.xlsx`, fixture(`${name}.xlsx`));
      const keyed = (w: Workbook) =>
        w.findings().map((f) => `${f.key} ${f.severity} ${f.actual} ${f.expected}`);
      expect(keyed(Workbook.open(imported.report))).toEqual(keyed(Workbook.open(loadSample(name))));
    });
  },
);

describe('the publication workbook the program writes', () => {
  it.each(['final-2023-jiefang', 'final-2024-gaoxin', 'budget-2025-jiaozuo'] as const)(
    'reads back into the same figures and texts (%s)',
    async (name) => {
      const original = Workbook.open(loadSample(name));
      const bytes = await writePublicationXlsx(original);
      const imported = await readXlsx(`${name}（公开表）.xlsx`, bytes);
      expect(imported.unrecognized).toEqual([]);
      expect(imported.problems).toEqual([]);
      const reopened = Workbook.open(imported.report);
      expect(reopened.problems).toEqual([]);
      expect(figures(reopened)).toEqual(figures(original));
    },
  );
});

describe('files that are not a report', () => {
  it('refuses a renamed text file with its name', async () => {
    await expect(readXlsx('报表.xlsx', new TextEncoder().encode('not a zip'))).rejects.toThrow(XlsxError);
    await expect(readXlsx('报表.xlsx', new TextEncoder().encode('not a zip'))).rejects.toThrow(
      '无法打开“报表.xlsx”',
    );
  });

  it('refuses a truncated file', async () => {
    const bytes = fixture('final-2024-gaoxin.xlsx');
    await expect(readXlsx('半个文件.xlsx', bytes.slice(0, bytes.length / 2))).rejects.toThrow(
      '无法打开“半个文件.xlsx”',
    );
  });
});

describe('progress while reading', () => {
  it('is told after each sheet, rising, the last step (recognising the tables) left', async () => {
    const told: number[] = [];
    await readXlsx('final-2024-gaoxin.xlsx', fixture('final-2024-gaoxin.xlsx'), undefined, (fraction) =>
      told.push(fraction),
    );
    expect(told).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => n / 10));
  });
});
