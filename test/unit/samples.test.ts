/**
 * The two published documents and their recorded mismatches: the engine must find every error,
 * rounding tail and warning of rules A–D that the transcription lists, and nothing else.
 */
import { describe, expect, it } from 'vitest';
import { Workbook, type Finding } from '../../shared/engine/workbook';
import { loadSample, type Anomaly } from '../support/fixtures';

/** Rows are named "208 社会保障和就业支出", "行27 本年收入合计" or "合计" in the anomaly lists. */
function rowKey(row: string): string {
  const hangci = /^行(\d+)/u.exec(row);
  if (hangci) return `行${hangci[1]}`;
  const code = /^(\d+)/u.exec(row);
  return code ? code[1]! : row;
}

function leaf(column: string | null): string | null {
  return column === null ? null : column.split('/').pop()!;
}

/** D12 names the code a table lacks; the program shows it on the row that has it. Compare the code. */
function anomalyKey(a: Anomaly): string {
  const table = a.ruleId === 'D12' ? '' : a.table;
  const values = a.column === null ? '' : `${a.printed}→${a.expected}`;
  return [a.ruleId, a.severity, table, rowKey(a.row), leaf(a.column), values].join(' | ');
}

function findingKey(f: Finding): string {
  const cell = f.cells[0]!;
  const row = cell.hangci !== null ? `行${cell.hangci}` : cell.row;
  const table = f.ruleId === 'D12' ? '' : f.table;
  const values = cell.column === null ? '' : `${f.actual}→${f.expected}`;
  return [f.ruleId, f.severity, table, row, cell.column, values].join(' | ');
}

const inScope = (ruleId: string) => /^[A-D]/u.test(ruleId);

describe.each(['final-2023-jiefang', 'final-2024-gaoxin'] as const)('%s', (name) => {
  const sample = loadSample(name);
  const workbook = Workbook.open(sample);
  const findings = workbook.findings();

  it('places every row and value of the document', () => {
    expect(workbook.problems).toEqual([]);
  });

  it('notices how the document prints zeros: blank in 2023, 0.00 in 2024', () => {
    expect(workbook.zerosBlank).toBe(name === 'final-2023-jiefang');
  });

  it('reproduces the recorded anomalies of rules A–D exactly', () => {
    // "≥" rules record their expectation as "≥ 2.23"; the program states the bound itself.
    const expected = sample.anomalies
      .filter((a) => inScope(a.ruleId))
      .map((a) => anomalyKey({ ...a, expected: a.expected?.replace(/^≥ /u, '') ?? null }))
      .sort();
    const actual = findings.map(findingKey).sort();
    expect(actual).toEqual(expected);
  });

  it('reports no error that the document does not have', () => {
    const recordedErrors = sample.anomalies.filter((a) => inScope(a.ruleId) && a.severity === 'error').length;
    expect(findings.filter((f) => f.severity === 'error')).toHaveLength(recordedErrors);
  });

  it('explains every finding in Chinese with the rule and the figures', () => {
    for (const f of findings) {
      expect(f.title).toMatch(/[\u4e00-\u9fff]/u);
      expect(f.message).toMatch(/[\u4e00-\u9fff]/u);
      if (f.actual !== null) expect(f.message).toContain(f.actual);
    }
  });
});

describe('the real errors of the 2024 document', () => {
  const findings = Workbook.open(loadSample('final-2024-gaoxin')).findings();
  const errors = findings.filter((f) => f.severity === 'error');

  it('flags 公开01表 行51 0.90 against 2.23 in 公开03表 and 公开04表', () => {
    const row51 = errors.filter((f) => f.cells[0]!.hangci === 51);
    expect(row51.map((f) => f.ruleId).sort()).toEqual(['D05', 'D06']);
    for (const f of row51) {
      expect(f.actual).toBe('0.90');
      expect(f.expected).toBe('2.23');
      expect(f.diff).toBe('-1.33');
    }
  });

  it('flags 2080505 基本支出 32.43 in 公开03表 and 公开05表 with no rounding tolerance', () => {
    const rows = errors.filter((f) => f.cells[0]!.row === '2080505');
    expect(rows.map((f) => `${f.ruleId} ${f.table}`).sort()).toEqual(['A02 公开03表', 'A04 公开05表']);
    expect(rows[0]!.message).toContain('32.43');
  });

  it('classifies a one-cent tail over two non-zero addends as rounding, not error', () => {
    const row208 = findings.find((f) => f.ruleId === 'A04' && f.cells[0]!.row === '208')!;
    expect(row208.severity).toBe('rounding');
    expect(row208.message).toContain('尾差');
  });
});
