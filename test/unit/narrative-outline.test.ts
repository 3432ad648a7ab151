import { describe, expect, it } from 'vitest';
import { Workbook } from '../../shared/engine/workbook';
import { narrativeSetFor } from '../../shared/narrative/definitions';
import { outlineOf } from '../../shared/narrative/outline';
import { narrativeFromPlainText } from '../../shared/narrative/text';
import { loadSample } from '../support/fixtures';
import { narrativeText, type SampleName } from '../support/narrative';

function outline(name: SampleName) {
  const { template } = Workbook.open(loadSample(name));
  const set = narrativeSetFor([template.id, ...(template.extends ? [template.extends] : [])]);
  return outlineOf(narrativeFromPlainText(narrativeText(name)), set);
}

describe('the outline of a 情况说明', () => {
  it('takes the line before the first section for the part title', () => {
    const [first, second] = outline('final-2023-jiefang');
    expect(first).toMatchObject({
      role: 'part',
      text: '第三部分 2023年度焦作市解放区人力资源和社会保障局部门决算情况说明',
    });
    expect(second).toMatchObject({ role: 'section', text: '一、收入支出决算总体情况说明' });
  });

  it('keeps sentences before the first section as text, not as a title (the budget’s 部门概况)', () => {
    const paragraphs = outline('budget-2025-jiaozuo');
    expect(paragraphs[0]!.text).toMatch(/^一、焦作市人力资源和社会保障局主要职责/u);
    expect(paragraphs[1]!.text).toMatch(/^二、焦作市人力资源和社会保障局预算单位构成情况/u);
    expect(paragraphs.slice(0, 2).map((p) => p.role)).toEqual(['body', 'body']);
    // The sections after them are found, their titles glued to their text.
    expect(paragraphs[2]).toMatchObject({ role: 'body', title: '一、收入支出预算总体情况说明'.length });
  });
});
