import { describe, expect, it } from 'vitest';
import { extractFigures, hundredthsOf } from '../../shared/narrative/figures';
import { judgePercent, roundedPercent, scaledText } from '../../shared/narrative/ratio';
import { splitSections } from '../../shared/narrative/sections';
import {
  lastStartingBy,
  narrativeFromParagraphs,
  narrativeFromPlainText,
  sentencesOf,
} from '../../shared/narrative/text';

describe('text model', () => {
  it('trims paragraphs and drops empty ones, whatever the line ends', () => {
    const a = narrativeFromPlainText('\ufeff一、标题 \r\n\r\n　正文。\r第二段\n');
    const b = narrativeFromParagraphs(['一、标题', '', '正文。', '第二段']);
    expect(a).toEqual(b);
    expect(a.text).toBe('一、标题\n正文。\n第二段');
    expect(a.paragraphs).toEqual([
      { start: 0, end: 4 },
      { start: 5, end: 8 },
      { start: 9, end: 12 },
    ]);
  });

  it('splits sentences at 。 and at paragraph ends', () => {
    const text = '甲。乙，丙。\n丁';
    expect(sentencesOf(text, { start: 0, end: text.length }).map((s) => text.slice(s.start, s.end))).toEqual([
      '甲。',
      '乙，丙。',
      '丁',
    ]);
  });
});

describe('spans in order', () => {
  it('finds the last span starting at or before a place, or none', () => {
    const spans = [
      { start: 2, end: 5 },
      { start: 5, end: 9 },
      { start: 12, end: 20 },
    ];
    expect([0, 1, 2, 4, 5, 11, 12, 30].map((at) => lastStartingBy(spans, at))).toEqual([
      -1, -1, 0, 0, 1, 1, 2, 2,
    ]);
    expect(lastStartingBy([], 3)).toBe(-1);
  });
});

describe('figures', () => {
  it('finds amounts, percentages and counts with their spans', () => {
    const text =
      '收入合计2,164.69万元，其中：财政拨款收入2164.69元，占100%；增长29.09％。团组0个，累计3人次，车辆2辆，设备1台（套）。2023年度';
    const figures = extractFigures(text);
    expect(figures.map((f) => [f.kind, f.digits, f.unit])).toEqual([
      ['amount', '2164.69', '万元'],
      ['amount', '2164.69', '元'],
      ['percent', '100', '%'],
      ['percent', '29.09', '%'],
      ['count', '0', '个'],
      ['count', '3', '人次'],
      ['count', '2', '辆'],
      ['count', '1', '台（套）'],
    ]);
    for (const f of figures) expect(text.slice(f.start, f.end)).toBe(f.printed);
    expect(hundredthsOf(figures[0]!)).toBe(216469);
    expect(figures[2]!.scaled).toBe(100n);
  });

  it('holds amounts exactly and refuses more than two decimals', () => {
    const [a, b] = extractFigures('0.1万元 1.005万元');
    expect(hundredthsOf(a!)).toBe(10);
    expect(hundredthsOf(b!)).toBeNull();
  });
});

describe('percentages', () => {
  it('rounds half up at the printed decimals', () => {
    expect(roundedPercent(48776n, 167693n, 2)).toBe(2909n); // 29.086…
    expect(roundedPercent(17995n, 4000n, 2)).toBe(44988n); // 449.875 → 449.88
    expect(roundedPercent(30000n, 100000n, 0)).toBe(30n);
    expect(roundedPercent(-1131n, 2723n, 2)).toBe(-4154n);
    expect(scaledText(2909n, 2)).toBe('29.09');
    expect(scaledText(5n, 2)).toBe('0.05');
  });

  it('accepts one digit off only where the inputs’ rounding explains it', () => {
    // 0.01 of 0.03: the true figures may be 0.005…0.015 of 0.025…0.035, so 33.33% ± a lot.
    expect(judgePercent(3333n, 2, 1n, 3n)).toBe('exact');
    expect(judgePercent(3334n, 2, 1n, 3n)).toBe('rounding');
    // 6519.14 of 6521.36 is 99.966%: 99.96 is within rounding, 99.95 is not one digit.
    expect(judgePercent(9997n, 2, 651914n, 652136n)).toBe('exact');
    expect(judgePercent(9996n, 2, 651914n, 652136n)).toBe('wrong');
    expect(judgePercent(9995n, 2, 651914n, 652136n)).toBe('wrong');
    expect(judgePercent(15791n, 2, 7422n, 1614n)).toBe('wrong');
  });
});

describe('sections', () => {
  const definitions = [
    { id: '一', titles: ['一、收入支出决算总体情况说明'] },
    {
      id: '五',
      titles: ['五、一般公共预算财政拨款支出决算情况说明'],
      parts: [
        { id: '五（一）', titles: ['（一）总体情况'] },
        { id: '五（二）', titles: ['（二）结构情况'] },
      ],
    },
    { id: '十', titles: ['十、机关运行经费支出情况说明'] },
  ];

  it('finds titles at paragraph starts or after a sentence, with their parts, and reports those missing', () => {
    const text =
      '第三部分\n一、收入支出决算总体情况说明2023年度……。五、一般公共预算财政拨款支出决算情况说明\n(一)总体情况。\n正文一\n（二） 结构情况。\n正文二';
    const { sections, missing } = splitSections(text, definitions);
    expect(sections.map((s) => [s.definition.id, s.title])).toEqual([
      ['一', '一、收入支出决算总体情况说明'],
      ['五', '五、一般公共预算财政拨款支出决算情况说明'],
    ]);
    expect(sections[1]!.parts.map((p) => [p.definition.id, text.slice(p.bodyStart, p.end).trim()])).toEqual([
      ['五（一）', '正文一'],
      ['五（二）', '正文二'],
    ]);
    expect(missing.map((d) => d.id)).toEqual(['十']);
  });

  it('does not take a title quoted inside a sentence', () => {
    const text = '见“十、机关运行经费支出情况说明”一节';
    expect(splitSections(text, definitions).sections).toEqual([]);
  });
});
