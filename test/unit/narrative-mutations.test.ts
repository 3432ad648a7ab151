/**
 * Figures changed in a copy of each sample's 情况说明 are each caught by the right rule, and the
 * text with its figures right gives no error. Each case changes one thing and names the finding it
 * must add; nothing else may change.
 */
import { describe, expect, it } from 'vitest';
import { loadSample } from '../support/fixtures';
import {
  comparable,
  narrativeFindings,
  narrativeText,
  openWithNarrative,
  replaceOnce,
  type SampleName,
} from '../support/narrative';

interface Mutation {
  what: string;
  from: string;
  to: string;
  /** rule and class of a finding the change must add */
  caught: string;
}

function added(name: SampleName, base: string, changed: string): string[] {
  const before = narrativeFindings(openWithNarrative(name, base)).map((f) => `${comparable(f)}`);
  const after = narrativeFindings(openWithNarrative(name, changed)).map((f) => `${comparable(f)}`);
  const left = [...before];
  return after.filter((f) => {
    const i = left.indexOf(f);
    if (i < 0) return true;
    left.splice(i, 1);
    return false;
  });
}

/** S24 with its items numbered 1…20 (the published text numbers 12 twice). */
function correctedGaoxin(): string {
  let seenTwelve = false;
  return narrativeText('final-2024-gaoxin').replace(
    /^(\d+)\.(社会保障和就业支出|卫生健康支出|住房保障支出)/gmu,
    (_, n: string, rest: string) => {
      const number = Number(n);
      if (number === 12 && !seenTwelve) {
        seenTwelve = true;
        return `${n}.${rest}`;
      }
      return `${number >= 12 ? number + 1 : number}.${rest}`;
    },
  );
}

/** S23 with what its anomalies say put right (the 05 items it leaves out are written from 05). */
function correctedJiefang(): string {
  const sample = loadSample('final-2023-jiefang');
  const five = sample.tables.find((t) => t.id === '公开05表')!.rows;
  const nameOf = (code: string) => five.find((r) => r.code === code)?.name ?? '';
  const missing = ['2080104', '2080108', '2080110', '2080713', '2080801', '2101103'];
  const lines = missing.map((code, i) => {
    const amount = five.find((r) => r.code === code)!.values['subtotal'];
    return `${19 + i}．${nameOf(code.slice(0, 3))}（类）${nameOf(code.slice(0, 5))}（款）${nameOf(code)}（项）。年初预算为0.00万元，支出决算为${amount}万元。决算数与年初预算数存在差异的主要原因是年中追加。`;
  });
  let text = narrativeText('final-2023-jiefang');
  text = replaceOnce(text, '财政拨款收入2164.69元', '财政拨款收入2164.69万元');
  text = replaceOnce(
    text,
    '一般公共服务（类）支出2164.69万元，占100.00%',
    '教育（类）支出8.06万元，占0.37%；社会保障和就业（类）支出2084.40万元，占96.29%；卫生健康（类）支出48.05万元，占2.22%；住房保障（类）支出24.18万元，占1.12%',
  );
  text = replaceOnce(
    text,
    '年初预算为16.14万元，支出决算为74.22万元，完成年初预算的157.91%',
    '年初预算为16.14万元，支出决算为115.53万元，完成年初预算的715.80%',
  );
  text = replaceOnce(text, '社会福利（款）其他社会福利支出（项）', '社会福利（款）养老服务（项）');
  // 2050299 stands in 05 under the miskeyed 款 20508 (B02/B04 of the tables): the item names it as 05 prints it.
  const lastItem = '决算数与年初预算数存在差异的主要原因是财政收回。';
  text = replaceOnce(
    text,
    lastItem,
    `${lastItem}\n${lines.join('\n')}\n25．教育支出（类）普通教育（款）其他普通教育支出（项）。年初预算为0.00万元，支出决算为8.06万元。`,
  );
  text = replaceOnce(text, '基本支出2164.69万元', '基本支出407.61万元');
  text = replaceOnce(text, '伙食补助费、', '');
  text = replaceOnce(text, '机关事业部门基本养老保险缴费、', '');
  text = replaceOnce(text, '咨询费、', '');
  text = replaceOnce(
    text,
    '概述绩效目标管理、绩效运行监控、绩效评价及结果应用等环节的工作开展情况。',
    '我部门按要求开展了绩效目标管理和绩效自评。',
  );
  return text;
}

describe('the corrected texts', () => {
  it('S24 numbered 1…20 leaves only the 尾差 of its items', () => {
    expect(
      narrativeFindings(openWithNarrative('final-2024-gaoxin', correctedGaoxin())).map(
        (f) => `${f.ruleId} ${f.severity}`,
      ),
    ).toEqual(['E09 rounding']);
  });

  it('S23 put right leaves what its own tables get wrong: 06 lists all spending (D10), so 人员 + 公用 ≠ 基本; 2050299 under the miskeyed 20508', () => {
    const findings = narrativeFindings(openWithNarrative('final-2023-jiefang', correctedJiefang()));
    expect(findings.map((f) => `${f.ruleId} ${f.severity}`).sort()).toEqual(['E08 warning', 'E11 error']);
    expect(findings.find((f) => f.ruleId === 'E11')!.message).toContain(
      '人员经费 1982.10万元 + 公用经费 182.59万元 = 2164.69',
    );
  });
});

const gaoxinCases: Mutation[] = [
  { what: 'an amount', from: '收入合计6521.36万元', to: '收入合计6512.36万元', caught: 'E02|error' },
  { what: 'the unit', from: '财政拨款收入6521.36万元', to: '财政拨款收入6521.36元', caught: 'E02|warning' },
  {
    what: 'a share',
    from: '基本支出522.32万元，占8.01%',
    to: '基本支出522.32万元，占8.10%',
    caught: 'E03|error',
  },
  {
    what: 'a growth rate',
    from: '增加1292.68万元，增长24.73%',
    to: '增加1292.68万元，增长24.37%',
    caught: 'E05|error',
  },
  { what: 'a year', from: '2024年度支出合计', to: '2023年度支出合计', caught: 'N01|warning' },
  {
    what: 'a direction word',
    from: '增加1292.68万元，增长24.73%',
    to: '减少1292.68万元，增长24.73%',
    caught: 'N03|warning',
  },
  { what: 'an item’s name', from: '（款）行政运行（项）', to: '（款）机关服务（项）', caught: 'E08|error' },
  { what: 'a part’s number', from: '（三）具体情况。', to: '（四）具体情况。', caught: 'N06|warning' },
  {
    what: 'a 类 name',
    from: '卫生健康（类）支出27.35万元',
    to: '教育（类）支出27.35万元',
    caught: 'E06|error',
  },
  { what: 'an item’s 决算', from: '支出决算为393.67万元', to: '支出决算为339.67万元', caught: 'E08|error' },
  { what: 'a 完成 rate', from: '完成年初预算的75.85%', to: '完成年初预算的78.55%', caught: 'E08|error' },
  { what: 'an item of 主要包括', from: '、办公设备购置', to: '、咨询费', caught: 'E12|warning' },
  {
    what: '基本支出 of 六',
    from: '基本支出522.32万元。其中',
    to: '基本支出6519.14万元。其中',
    caught: 'E11|error',
  },
  {
    what: 'a 三公 figure',
    from: '公务用车购置及运行费预算数为7.00万元',
    to: '公务用车购置及运行费预算数为7.50万元',
    caught: 'E15|error',
  },
  {
    what: 'a 国有资本经营 figure',
    from: '支出决算为2.23万元',
    to: '支出决算为0.90万元',
    caught: 'E14|error',
  },
  {
    what: 'a fund said to be empty',
    from: '2024年度国有资本经营预算财政拨款支出年初预算',
    to: '我部门2024年度没有国有资本经营收入，也没有使用国有资本经营安排的支出。2024年度国有资本经营预算财政拨款支出年初预算',
    caught: 'E14|error',
  },
  {
    what: 'a count of projects',
    from: '涉及一般公共预算项目20个',
    to: '涉及一般公共预算项目21个',
    caught: 'E19|error',
  },
  { what: 'a % sign', from: '占100.00%。', to: '占100.00。', caught: 'N04|warning' },
  {
    what: 'template text',
    from: '增加。\n二、收入决算情况说明',
    to: '增加。主要原因是……。\n二、收入决算情况说明',
    caught: 'N02|warning',
  },
];

const jiefangCases: Mutation[] = [
  {
    what: 'an amount',
    from: '项目支出1757.08万元，占81.17%',
    to: '项目支出1757.80万元，占81.17%',
    caught: 'E03|error',
  },
  {
    what: 'a share',
    from: '基本支出407.61万元，占18.83%',
    to: '基本支出407.61万元，占18.38%',
    caught: 'E03|error',
  },
  {
    what: 'a growth rate',
    from: '减少11.31万元，下降41.54%',
    to: '减少11.31万元，下降41.45%',
    caught: 'E16|error',
  },
  { what: 'a year', from: '2023年度收入合计', to: '2021年度收入合计', caught: 'N01|warning' },
  {
    what: 'a direction word',
    from: '减少11.31万元，下降41.54%',
    to: '增加11.31万元，下降41.54%',
    caught: 'N03|warning',
  },
  {
    what: 'an item’s name',
    from: '住房改革支出（款）住房公积金（项）',
    to: '住房改革支出（款）提租补贴（项）',
    caught: 'E08|warning',
  },
  {
    what: 'a growth rate on a zero base',
    from: '减少11.31万元，下降41.54%',
    to: '减少0.00万元，增长100.00%',
    caught: 'N03|warning',
  },
];

const budgetCases: Mutation[] = [
  {
    what: 'an amount',
    from: '基本支出11758.09万元，占19.97%',
    to: '基本支出11785.09万元，占19.97%',
    caught: 'N:cell|error',
  },
  {
    what: 'a share',
    from: '卫生健康支出464.57万元，占0.86%',
    to: '卫生健康支出464.57万元，占0.68%',
    caught: 'N:share|error',
  },
  {
    what: 'a 类 amount',
    from: '住房保障支出694.11万元',
    to: '住房保障支出649.11万元',
    caught: 'N:classSum|error',
  },
  {
    what: 'a growth rate',
    from: '增加3.98万元，增长6.59%',
    to: '增加3.98万元，增长6.95%',
    caught: 'N:growth|error',
  },
  { what: 'a year', from: '2025年支出合计', to: '2015年支出合计', caught: 'N01|warning' },
  {
    what: 'a direction word',
    from: '增加3.98万元，增长6.59%',
    to: '增加3.98万元，下降6.59%',
    caught: 'N03|warning',
  },
  {
    what: 'an item’s name',
    from: '公务接待费 18.82万元',
    to: '因公出国（境）费 18.82万元',
    caught: 'N:cell|error',
  },
  { what: 'a stated sum', from: '车辆共有30辆', to: '车辆共有31辆', caught: 'N:sum|error' },
];

describe.each([
  ['budget-2025-jiaozuo', budgetCases, () => narrativeText('budget-2025-jiaozuo')] as const,
  ['final-2024-gaoxin', gaoxinCases, correctedGaoxin] as const,
  ['final-2023-jiefang', jiefangCases, () => narrativeText('final-2023-jiefang')] as const,
])('%s changed', (name, cases, base) => {
  it.each(cases.map((c) => [c.what, c] as const))('%s', (_, { from, to, caught }) => {
    const text = base();
    const changed = replaceOnce(text, from, to);
    expect(added(name, text, changed).map((f) => f.split('|').slice(0, 2).join('|'))).toContain(caught);
  });
});
