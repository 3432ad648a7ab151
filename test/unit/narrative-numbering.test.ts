/** The numbering of headings and items: each level counts from one under the level above it. */
import { describe, expect, it } from 'vitest';
import { numberingProblems } from '../../shared/narrative/numbering';

const problems = (text: string) =>
  numberingProblems(text).map((p) => `${p.printed}→${p.expected}${p.repeated ? ' 重复' : ''}`);

describe('numberingProblems', () => {
  it('accepts every level counted from one, a lower level starting again under each heading', () => {
    expect(
      problems('一、收入\n（一）总体\n1.甲\n2.乙\n（二）结构\n1.丙\n（1）子\n（2）子\n二、支出\n（一）总体'),
    ).toEqual([]);
  });

  it('reports a gap and a repeat, with the number the count expects', () => {
    expect(problems('一、收入\n三、支出\n四、结余')).toEqual(['三、→二、']);
    expect(problems('（一）总体\n1.甲\n2.乙\n2.丙\n3.丁')).toEqual(['2.→3. 重复']);
  });

  it('counts numbers past ten in Chinese and in digits', () => {
    const sections = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十三'];
    expect(problems(sections.map((n) => `${n}、标题`).join('\n'))).toEqual(['十三、→十二、']);
    expect(problems(Array.from({ length: 12 }, (_, i) => `${i + 1}、项`).join('\n'))).toEqual([]);
  });

  it('reads markers after a sentence or a colon, never an amount or a number inside a sentence', () => {
    expect(problems('（一）总体。主要用于：1.甲。2.乙')).toEqual([]);
    expect(problems('（一）总体\n支出1.5万元\n1.甲\n比上年增加2.3万元')).toEqual([]);
  });

  it('takes a number glued to the words before it as printed (部门职责1.贯彻…)', () => {
    expect(problems('一、主要职责（一）机构设置。（二）部门职责1.贯彻落实。2.拟订规划')).toEqual([]);
  });

  it('starts every count again at 第X部分, but not at a mention of one', () => {
    expect(problems('一、甲\n二、乙\n第三部分名词解释一、财政拨款收入。二、事业收入')).toEqual([]);
    expect(problems('（一）甲\n（二）乙，详见“第五部分 附件”。\n（三）丙')).toEqual([]);
  });
});
