import { describe, expect, it } from 'vitest';
import { EditHistory } from '../../shared/engine/history';
import { countBySeverity, previewCommand } from '../../shared/engine/preview';
import { Workbook } from '../../shared/engine/workbook';
import { loadSample } from '../support/fixtures';

const state = (workbook: Workbook) => ({
  report: workbook.toReport(),
  findings: workbook
    .findings()
    .map((f) => `${f.key} ${f.severity} ${f.message}`)
    .sort(),
});

describe('previewing a command', () => {
  it('tells what 采用计算值 will change, exactly as doing it does, and leaves the workbook as it was', () => {
    const workbook = Workbook.open(loadSample('final-2024-gaoxin'));
    const before = state(workbook);
    const result = previewCommand(workbook, { kind: 'adoptComputed' });
    if (!result.ok) throw new Error(result.reason);
    expect(state(workbook)).toEqual(before);

    const history = new EditHistory(workbook);
    const done = history.apply({ kind: 'adoptComputed' });
    if (!done.ok) throw new Error(done.reason);
    const { preview } = result;
    expect(preview.cells).toBeGreaterThan(0);
    expect(preview.cells).toBe(new Set(done.change.cells.map((c) => JSON.stringify(c))).size);
    const count = (list: { ruleId: string; severity: string }[]) =>
      list.map((f) => `${f.ruleId} ${f.severity}`).sort();
    const expand = (groups: typeof preview.added) =>
      groups
        .flatMap((g) =>
          Object.entries(g.counts).flatMap(([severity, n]) =>
            Array.from({ length: n }, () => `${g.ruleId} ${severity}`),
          ),
        )
        .sort();
    expect(expand(preview.removed)).toEqual(count(done.change.removed));
    expect(expand(preview.added)).toEqual(count(done.change.added));
    expect(preview.removed.length + preview.added.length).toBeGreaterThan(0);
    // One line per rule, whatever classes its findings are of.
    expect(new Set(preview.removed.map((g) => g.ruleId)).size).toBe(preview.removed.length);
    const removed = countBySeverity(preview.removed);
    expect(removed.error + removed.rounding + removed.warning).toBe(done.change.removed.length);
  });

  it('passes a refusal on and changes nothing', () => {
    const workbook = Workbook.open(loadSample('final-2024-gaoxin'));
    const before = state(workbook);
    const result = previewCommand(workbook, { kind: 'removeRow', table: '公开03表', code: '999' });
    expect(result.ok).toBe(false);
    expect(state(workbook)).toEqual(before);
  });
});
