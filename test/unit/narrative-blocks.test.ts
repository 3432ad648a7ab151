import { describe, expect, it } from 'vitest';
import { narrativeSetFor } from '../../shared/narrative/definitions';
import { generateForWorkbook } from '../../shared/narrative/generate';
import {
  blocksOf,
  composeBlocks,
  segmentsOf,
  keepUserWords,
  withGenerated,
} from '../../renderer/model/narrativeBlocks';
import { narrativeFindings, openWithNarrative } from '../support/narrative';

const set = narrativeSetFor(['final-2023'])!;

describe('the 情况说明 as the window edits it', () => {
  const workbook = openWithNarrative('final-2023-jiefang');
  const text = workbook.narrativeText!.text;
  const report = workbook.narrativeReport!;

  it('cuts the text into the part title and one block per section, and joins them back exactly', () => {
    const blocks = blocksOf(text, report.sections);
    expect(blocks.map((b) => b.id)).toEqual(['', ...report.sections.map((s) => s.id)]);
    expect(composeBlocks(blocks)).toBe(text);
    const six = blocks.find((b) => b.id === '六')!;
    expect(six.body.startsWith('2023年度一般公共预算财政拨款基本支出2164.69万元')).toBe(true);
    expect(text.slice(six.bodyStart, six.bodyStart + 4)).toBe(six.body.slice(0, 4));
    const edited = blocks.map((b) => (b.id === '六' ? { ...b, body: '改写。' } : b));
    expect(composeBlocks(edited)).toBe(text.replace(six.body, '改写。'));
  });

  it('keeps a title glued to its text as it is', () => {
    const glued = '一、收入支出决算总体情况说明。收入100.00万元。\n二、收入决算情况说明\n收入。';
    const sections = [
      { id: '一', title: '一、收入支出决算总体情况说明。', start: 0, end: 26 },
      { id: '二', title: '二、收入决算情况说明', start: 27, end: 40 },
    ];
    const blocks = blocksOf(glued, sections);
    expect(blocks[0]).toMatchObject({ sep: '', body: '收入100.00万元。', after: '\n' });
    expect(composeBlocks(blocks)).toBe(glued);
  });

  it('marks the E11 figure of 六 with its finding, and the checked figures with their cells', () => {
    const six = blocksOf(text, report.sections).find((b) => b.id === '六')!;
    const segments = segmentsOf(
      text,
      { start: six.bodyStart, end: six.bodyStart + six.body.length },
      report.figures,
      narrativeFindings(workbook),
    );
    expect(segments.map((s) => s.text).join('')).toBe(six.body);
    const e11 = segments.find((s) => s.figureFindings.some((f) => f.ruleId === 'E11'))!;
    expect(e11.text).toBe('2164.69万元');
    const staff = segments.find((s) => s.text === '1982.10万元')!;
    expect(staff.figure?.status).toBe('checked');
    expect(staff.figure?.cells?.length).toBeGreaterThan(0);
    expect(
      segments.filter((s) => s.textFindings.some((f) => f.ruleId === 'E12')).map((s) => s.text),
    ).toContain('咨询费');
  });

  it('generates one section in place, the others as written', () => {
    const generated = generateForWorkbook(workbook)!.text;
    const next = withGenerated(text, generated, '六', set);
    const six = (t: string) => {
      const b = blocksOf(t, report.sections).find((x) => x.id === '六');
      return b;
    };
    expect(next).not.toBe(text);
    expect(next.slice(0, six(text)!.bodyStart)).toBe(text.slice(0, six(text)!.bodyStart));
    expect(next.endsWith(text.slice(report.sections.find((s) => s.id === '七')!.start))).toBe(true);
    // The sample's own tables disagree (公开05表 基本支出 407.61, 公开06表 人员经费 + 公用经费 2164.69): the
    // text written from them carries that, and no figure of 六 differs from its table any more.
    const six2 = narrativeFindings(openWithNarrative('final-2023-jiefang', next)).filter(
      (f) => f.location.kind === 'narrative' && f.location.section === '六' && f.severity === 'error',
    );
    expect(six2.map((f) => `${f.ruleId} ${f.printed} ${f.expected}`)).toEqual(['E11 407.61万元 2164.69']);
  });

  it('puts a generated section the text does not have after the section before it', () => {
    const generated = generateForWorkbook(workbook)!.text;
    const withoutSix =
      text.slice(0, report.sections.find((s) => s.id === '六')!.start) +
      text.slice(report.sections.find((s) => s.id === '七')!.start);
    const next = withGenerated(withoutSix, generated, '六', set);
    const order = openWithNarrative('final-2023-jiefang', next).narrativeReport!.sections.map((s) => s.id);
    expect(order).toEqual(report.sections.map((s) => s.id));
  });

  it('keeps the reasons the user wrote where the generated text leaves them to the user', () => {
    const generated = generateForWorkbook(workbook)!.text;
    expect(generated).toContain('主要原因是【请填写原因】');
    const next = withGenerated(text, generated, '一', set);
    const one = next.slice(0, next.indexOf('二、收入决算情况说明'));
    expect(one).toContain('主要原因是城乡居民、机关养老及在职人员各项社保增加。');
    expect(one).not.toContain('【请填写原因】');
    const whole = withGenerated(text, generated, null, set);
    expect(whole).toContain('主要原因是城乡居民、机关养老及在职人员各项社保增加。');
  });

  it('leaves a slot the old text did not fill, and never takes words across a paragraph', () => {
    expect(keepUserWords('收入增加。主要原因是……。', '收入增加。主要原因是【请填写原因】。')).toBe(
      '收入增加。主要原因是……。',
    );
    expect(keepUserWords('收入增加。', '收入增加。主要原因是【请填写原因】。')).toBe(
      '收入增加。主要原因是【请填写原因】。',
    );
    expect(keepUserWords('主要原因是\n下一段。', '主要原因是【请填写原因】。')).toBe(
      '主要原因是【请填写原因】。',
    );
  });
});
