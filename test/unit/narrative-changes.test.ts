import { describe, expect, it } from 'vitest';
import { narrativeSetFor } from '../../shared/narrative/definitions';
import { generateForWorkbook } from '../../shared/narrative/generate';
import { narrativeFromPlainText } from '../../shared/narrative/text';
import { segmentsOf, withGenerated } from '../../renderer/model/narrativeBlocks';
import {
  changesBetween,
  generatedMessage,
  sectionChanges,
  tokensOf,
} from '../../renderer/model/narrativeChanges';
import { openWithNarrative } from '../support/narrative';

const set = narrativeSetFor(['final-2023'])!;
/** Each change as "old→new", to read the expectations at a glance. */
const said = (old: string, now: string) =>
  changesBetween(old, now).map((c) => `${c.old}→${now.slice(c.start, c.end)}`);

describe('the words of a 情况说明 as 生成 compares them', () => {
  it('takes a figure with its unit as one word, a run of digits as one, each other character as one', () => {
    const text = '2023年度支出1,982.10万元，占29.09%。';
    expect(tokensOf(text).map((t) => text.slice(t.start, t.end))).toEqual([
      '2023',
      '年',
      '度',
      '支',
      '出',
      '1,982.10万元',
      '，',
      '占',
      '29.09%',
      '。',
    ]);
  });
});

describe('what changed between two wordings', () => {
  it('is nothing for the same text', () => {
    expect(changesBetween('支出407.61万元。', '支出407.61万元。')).toEqual([]);
  });

  it('is a figure replaced whole, with the figure it replaced', () => {
    expect(
      said('基本支出2164.69万元，人员经费1982.10万元。', '基本支出407.61万元，人员经费1982.10万元。'),
    ).toEqual(['2164.69万元→407.61万元']);
  });

  it('is each clause that differs, in order', () => {
    expect(
      said('比上年增加10.00万元，主要原因是人员增加。', '比上年减少12.00万元，主要原因是人员增加。'),
    ).toEqual(['增加10.00万元→减少12.00万元']);
    expect(said('收入100.00万元；支出90.00万元。', '收入101.00万元；支出91.00万元。')).toEqual([
      '100.00万元→101.00万元',
      '90.00万元→91.00万元',
    ]);
  });

  it('shows words only taken out on the word after them, or before them at the end', () => {
    expect(said('办公费、印刷费、咨询费。', '办公费、咨询费。')).toEqual(['印刷费、咨→咨']);
    expect(said('办公费、印刷费', '办公费')).toEqual(['费、印刷费→费']);
  });

  it('says that words were added where nothing stood before', () => {
    const now = '办公费、印刷费。';
    expect(changesBetween('办公费。', now)).toEqual([{ start: 3, end: 7, old: '' }]);
    expect(now.slice(3, 7)).toBe('、印刷费');
  });
});

describe('生成 over the 2023 sample', () => {
  const workbook = openWithNarrative('final-2023-jiefang');
  const published = workbook.narrativeText!.text;
  const six = withGenerated(published, generateForWorkbook(workbook)!.text, '六', set);

  it('changes 六 only, its wrong 基本支出 first, and says so', () => {
    const sections = sectionChanges(published, six, set);
    expect(sections.map((s) => s.id)).toEqual(['六']);
    const [first] = sections[0]!.changes;
    expect(first!.old).toBe('2164.69万元');
    expect(six.slice(first!.start, first!.end)).toBe('407.61万元');
    expect(generatedMessage('六', sections)).toBe(
      `已生成第六部分：改动 ${sections[0]!.changes.length} 处（可撤销）`,
    );
  });

  it('changes nothing when generated again over its own text', () => {
    const again = withGenerated(six, generateForWorkbook(workbook)!.text, '六', set);
    expect(sectionChanges(six, again, set)).toEqual([]);
    expect(generatedMessage('六', [])).toBe('已按表重新生成第六部分：没有改动');
  });

  it('changes only the figure a table edit changed', () => {
    const edited = openWithNarrative('final-2023-jiefang', six);
    edited.set({ table: '公开05表', row: '2080101', column: 'basic' }, '200.00');
    const again = withGenerated(six, generateForWorkbook(edited)!.text, '六', set);
    const sections = sectionChanges(six, again, set);
    expect(sections.map((s) => s.id)).toEqual(['六']);
    const [change, ...others] = sections[0]!.changes;
    expect(others).toEqual([]);
    expect(change!.old).toBe('407.61万元');
    const now = again.slice(change!.start, change!.end);
    // 195.48 raised to 200.00 (in yuan behind the 万元 shown: the total moves by about 4.52).
    expect(Number(now.replace('万元', '')) - 407.61).toBeCloseTo(4.52, 1);
    // The window marks that figure, and only it, in the checked text of 六; it agrees with the tables.
    edited.setNarrative(narrativeFromPlainText(again), edited.supplementary);
    const section = edited.narrativeReport!.sections.find((s) => s.id === '六')!;
    const marked = segmentsOf(
      again,
      section,
      edited.narrativeReport!.figures,
      [],
      sections[0]!.changes,
    ).filter((s) => s.change);
    expect(marked.map((s) => [s.text, s.change!.old, s.figure?.status])).toEqual([
      [now, '407.61万元', 'checked'],
    ]);
  });

  it('names the sections of the whole text that changed, and those written anew', () => {
    const whole = generateForWorkbook(workbook)!.text;
    const sections = sectionChanges(published, whole, set);
    expect(sections.map((s) => s.id)).toContain('六');
    expect(sections.every((s) => !s.added && s.changes.length > 0)).toBe(true);
    const message = generatedMessage(null, sections);
    expect(message).toMatch(/^已生成情况说明全文：.*第六部分改动 \d+ 处.*（可撤销）$/u);
    const withoutSix =
      published.slice(0, published.indexOf('六、')) + published.slice(published.indexOf('七、'));
    const added = sectionChanges(withoutSix, whole, set).find((s) => s.id === '六');
    expect(added).toEqual({ id: '六', added: true, changes: [] });
    expect(generatedMessage(null, [added!])).toBe('已生成情况说明全文（可撤销）');
  });
});
