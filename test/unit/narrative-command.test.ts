import { describe, expect, it } from 'vitest';
import { EditHistory } from '../../shared/engine/history';
import { Workbook } from '../../shared/engine/workbook';
import { loadSample } from '../support/fixtures';
import { narrativeText } from '../support/narrative';

const narrativeFindings = (workbook: Workbook) =>
  workbook
    .findings()
    .filter((f) => f.location.kind === 'narrative')
    .map((f) => `${f.ruleId} ${f.printed}`);

describe('the 情况说明 edited as commands in the workbook history', () => {
  const open = () => {
    const workbook = Workbook.open(loadSample('final-2023-jiefang'));
    return { workbook, history: new EditHistory(workbook) };
  };

  it('sets the text, checks it, and undoes and redoes it as one step', () => {
    const { workbook, history } = open();
    const text = narrativeText('final-2023-jiefang');
    history.apply({ kind: 'setNarrative', narrative: { text } });
    const checked = narrativeFindings(workbook);
    expect(checked).toContain('E11 2164.69万元');
    const fixed = workbook.narrativeText!.text.replace('基本支出2164.69万元', '基本支出407.61万元');
    expect(fixed).not.toBe(workbook.narrativeText!.text);
    const result = history.apply({ kind: 'setNarrative', narrative: { text: fixed } });
    expect(result.ok && result.change.removed.map((f) => f.ruleId)).toContain('E11');
    expect(narrativeFindings(workbook)).not.toContain('E11 2164.69万元');
    history.undo();
    expect(narrativeFindings(workbook)).toEqual(checked);
    history.undo();
    expect(workbook.narrativeText).toBeNull();
    expect(history.canUndo).toBe(false);
    history.redo();
    history.redo();
    expect(workbook.narrativeText!.text).toBe(fixed);
  });

  it('takes back 补充信息 and reasons with the text they came with, and records nothing for the same text', () => {
    const { workbook, history } = open();
    history.apply({ kind: 'setNarrative', narrative: { text: '一、收入支出决算总体情况说明\n正文。' } });
    history.apply({
      kind: 'setNarrative',
      narrative: {
        text: '一、收入支出决算总体情况说明\n新的正文。',
        supplementary: { 上年收支总计: '1676.93' },
        reasons: { 一: '人员增加' },
      },
    });
    expect(workbook.supplementary).toEqual({ 上年收支总计: '1676.93' });
    history.undo();
    expect(workbook.supplementary).toEqual({});
    expect(workbook.reasons).toEqual({});
    expect(workbook.narrativeText!.text).toBe('一、收入支出决算总体情况说明\n正文。');
    // Blank lines and edge spaces are not a change of the text.
    const same = history.apply({
      kind: 'setNarrative',
      narrative: { text: '一、收入支出决算总体情况说明\n\n 正文。\n' },
    });
    expect(same.ok && same.inverse).toBeNull();
  });
});
