import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Workbook } from '../../shared/engine/workbook';
import { readXlsx } from '../../shared/io/xlsx/readXlsx';

const NAME = 'final-2024-gaoxin.xlsx';
const bytes = new Uint8Array(
  readFileSync(fileURLToPath(new URL(`../fixtures/xlsx/${NAME}`, import.meta.url))),
);
const basic = (row: string) => ({ table: '公开05表', row, column: 'basic' });

describe('where a figure comes from (the formula bar)', () => {
  it('names the sheet and cell a figure was read from, until it is typed over', async () => {
    const workbook = Workbook.open((await readXlsx(NAME, bytes)).report);
    const read = workbook.explain(basic('2080101'));
    expect(read.source).toMatchObject({
      kind: 'read',
      sheet: '一般公共预算财政拨款支出决算表',
      address: expect.stringMatching(/^[A-Z]+\d+$/u),
    });
    workbook.set(basic('2080101'), '60');
    expect(workbook.explain(basic('2080101')).source).toEqual({ kind: 'typed' });
  });

  it('gives a computed total as the sum of the cells it is computed from', () => {
    const workbook = Workbook.create({
      kind: 'final',
      year: 2024,
      department: '测试',
      unit: '万元',
      template: 'final-2024',
    });
    workbook.addRow('公开05表', '2080101', '行政运行', {
      '208': '社会保障和就业支出',
      '20801': '人力资源和社会保障管理事务',
    });
    const total = workbook.explain(basic('20801'));
    expect(total.source.kind).toBe('computed');
    if (total.source.kind !== 'computed') return;
    expect(total.source.terms.map((t) => t.ref.row)).toEqual(['2080101']);
    expect(total.source.terms[0]!.name).toContain('2080101');
    expect(workbook.explain(basic('2080101')).source).toEqual({ kind: 'blank' });
  });

  it('lists every rule that reads the figure with its state', async () => {
    const workbook = Workbook.open((await readXlsx(NAME, bytes)).report);
    const rules = workbook.explain(basic('2080101')).rules;
    expect(rules.length).toBeGreaterThan(0);
    for (const r of rules) expect(['pass', 'error', 'rounding', 'warning', 'unchecked']).toContain(r.state);
    const flagged = workbook.findings().find((f) => f.severity === 'error' && f.cells[0]?.ref);
    const ref = flagged!.cells[0]!.ref!;
    expect(workbook.explain(ref).rules.find((r) => r.ruleId === flagged!.ruleId)?.state).toBe('error');
  });
});
