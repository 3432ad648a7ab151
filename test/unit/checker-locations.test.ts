/**
 * A checker of any kind plugs in with registerChecker, and a finding it places in a span of text
 * (the 情况说明, before its checker exists) is held by the workbook, put after the tables' findings,
 * and listed by the 审核 panel under its section.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, describe, expect, it } from 'vitest';
import { registerChecker } from '../../shared/engine/checks';
import type { Finding } from '../../shared/engine/findings';
import { Workbook } from '../../shared/engine/workbook';
import { AuditPanel } from '../../renderer/views/AuditPanel';
import { loadSample } from '../support/fixtures';

const SECTION = '一、收入支出决算总体情况说明';

const textFinding: Finding = {
  key: 'test-text|1',
  ruleId: 'T01',
  severity: 'error',
  title: '测试：说明中的数字与表不符',
  message: '“收入总计 6,500.00 万元”与公开01表的收入总计 6,521.36 不符',
  location: { kind: 'narrative', section: SECTION, sentence: 2, start: 40, end: 52 },
  table: null,
  cells: [],
  expected: '6521.36',
  actual: '6500.00',
  diff: '-21.36',
  printed: '6,500.00',
};

const unregister = registerChecker('test-text', () => ({
  checkAll: () => new Map([['text', { findings: [textFinding], notChecked: [] }]]),
  recheck: () => new Map(),
}));
afterAll(() => unregister());

describe('a finding located in a span of text', () => {
  const workbook = Workbook.open(loadSample('final-2024-gaoxin'));

  it('is held by the workbook after the findings of the tables', () => {
    const findings = workbook.findings();
    expect(findings.at(-1)).toEqual(textFinding);
    expect(findings.slice(0, -1).every((f) => f.location.kind !== 'narrative')).toBe(true);
  });

  it('is listed by the 审核 panel under its section of the 情况说明', () => {
    const html = renderToStaticMarkup(
      createElement(AuditPanel, {
        findings: workbook.findings(),
        activeTable: '公开01表',
        tableName: (id: string) => id,
        onSelect: () => {},
        describe: (f: Finding) => f.message,
        notChecked: [],
        unplaced: [],
        stepped: null,
      }),
    );
    expect(html).toContain(`情况说明 ${SECTION}`);
    expect(html).toContain(textFinding.message);
    expect(html.indexOf(`情况说明 ${SECTION}`)).toBeGreaterThan(html.indexOf('公开01表'));
  });
});
