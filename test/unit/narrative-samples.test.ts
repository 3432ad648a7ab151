/**
 * The samples' 情况说明 checked against their tables: the narrative findings are exactly the
 * samples' § anomalies (recomputed by hand in the sample files), and nothing is an error beyond them.
 * The one finding the anomalies do not list is S23's template text left in 十三（一）, which
 * final-accounts.md §4 names as a defect the program must flag.
 */
import { describe, expect, it } from 'vitest';
import { loadSample } from '../support/fixtures';
import { comparable, narrativeAnomalies, narrativeFindings, openWithNarrative } from '../support/narrative';

describe.each(['final-2023-jiefang', 'final-2024-gaoxin'] as const)('%s 情况说明', (name) => {
  const workbook = openWithNarrative(name);
  const findings = narrativeFindings(workbook);
  const report = workbook.narrativeReport!;

  it('is split into its thirteen sections', () => {
    expect(report.sections.map((s) => s.id)).toEqual([
      '一',
      '二',
      '三',
      '四',
      '五',
      '六',
      '七',
      '八',
      '九',
      '十',
      '十一',
      '十二',
      '十三',
    ]);
  });

  it('has exactly the sample’s § anomalies as findings', () => {
    const extra = name === 'final-2023-jiefang' ? ['N02|warning'] : [];
    const got = findings.map(comparable).sort();
    const wanted = narrativeAnomalies(name).map(comparable);
    expect(got.filter((g) => !extra.some((e) => g.startsWith(e)))).toEqual(wanted.sort());
    expect(got.filter((g) => extra.some((e) => g.startsWith(e)))).toHaveLength(extra.length);
  });

  it('locates every finding in the text, inside its section', () => {
    for (const f of findings) {
      if (f.location.kind !== 'narrative') throw new Error('not a narrative finding');
      const { section, start, end } = f.location;
      const home = report.sections.find((s) => section === s.id || section.startsWith(`${s.id}（`));
      expect(home, f.message).toBeDefined();
      expect(start >= home!.start && end <= home!.end, f.message).toBe(true);
    }
  });

  it('reads every figure as checked, fixed wording or not checked with a reason', () => {
    for (const figure of report.figures) {
      if (figure.status === 'notChecked') expect(figure.reason, figure.printed).toBeTruthy();
    }
    const notChecked = workbook.notChecked().filter((n) => n.location.kind === 'narrative');
    expect(notChecked.length).toBe(report.figures.filter((f) => f.status === 'notChecked').length);
    expect(report.figures.filter((f) => f.status === 'checked').length).toBeGreaterThan(60);
  });
});

describe('the anomalies in detail', () => {
  it('S23: 五（二） names a 类 05 does not have, 五（三） item 6 repeats item 2, 六 gives 05 小计 as 基本支出', () => {
    const findings = narrativeFindings(openWithNarrative('final-2023-jiefang'));
    const e06 = findings.find((f) => f.ruleId === 'E06')!;
    expect(e06.message).toContain('公开05表没有 201 一般公共服务支出');
    const e08 = findings.filter((f) => f.ruleId === 'E08' && f.severity === 'error');
    expect(e08.map((f) => [f.printed, f.expected])).toEqual([
      ['74.22万元', '115.53万元'],
      ['157.91%', '459.85%'],
    ]);
    expect(e08[0]!.cells.map((c) => `${c.table} ${c.row} ${c.value}`)).toEqual(['公开05表 2080199 115.53']);
    const e11 = findings.find((f) => f.ruleId === 'E11')!;
    expect([e11.printed, e11.expected, e11.diff]).toEqual(['2164.69万元', '407.61万元', '1757.08']);
  });

  it('S24: the items add up to 6519.15 against 6519.14 (尾差 of 20 items), and item 12 is numbered twice', () => {
    const findings = narrativeFindings(openWithNarrative('final-2024-gaoxin'));
    expect(findings.map((f) => `${f.ruleId} ${f.severity} ${f.printed} ${f.expected}`)).toEqual([
      'E09 rounding 6519.14 6519.15',
      'E10 warning 12 13',
    ]);
  });
});

describe('budget-2025-jiaozuo 情况说明', () => {
  const workbook = openWithNarrative('budget-2025-jiaozuo');
  const findings = narrativeFindings(workbook);

  it('is split into its sections, 十 with its six parts', () => {
    const report = workbook.narrativeReport!;
    expect(report.sections.map((s) => s.id)).toEqual([
      '一',
      '二',
      '三',
      '四',
      '五',
      '六',
      '七',
      '八',
      '九',
      '十',
    ]);
  });

  it('has exactly the three terminology findings of budget.md §7 a–c, and no error', () => {
    // The sample classes these as terminology: the number is another cell's, the words name this one.
    const wanted = loadSample('budget-2025-jiaozuo')
      .anomalies.filter((a) => a.table === 'narrative' && a.rule === 'N:cell')
      .map((a) =>
        comparable({
          ruleId: a.rule!,
          severity: a.severity === 'terminology' ? 'warning' : a.severity,
          printed: a.printed,
          expected: a.expected,
        }),
      );
    expect(wanted).toHaveLength(3);
    expect(findings.map(comparable).sort()).toEqual(wanted.sort());
    expect(findings.map((f) => f.message)).toEqual([
      expect.stringContaining('是收入总计（含上年结转结余）'),
      expect.stringContaining('一般公共预算本年收入与上年结转之和'),
      expect.stringContaining('政府性基金本年收入与上年结转之和'),
    ]);
  });

  it('checks the figures the tables or the text itself can tell (42 of its 83), the rest 未核对 with a reason', () => {
    const figures = workbook.narrativeReport!.figures;
    expect(figures.filter((f) => f.status === 'checked').length).toBe(42);
    for (const f of figures.filter((x) => x.status === 'notChecked')) expect(f.reason).toBeTruthy();
  });
});
