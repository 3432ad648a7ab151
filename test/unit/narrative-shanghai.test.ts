/**
 * The Shanghai 2024 publication's 情况说明 (上海市普陀区财政局, pages 21–24 of its PDF as pdftotext
 * extracts them, joined back into paragraphs) checked against its tables by the checker with
 * --narrative, through the Shanghai narrative set (sets/final-shanghai.json). Its eleven sections
 * are worded its own way; every figure is checked or 未核对 with a reason; the mismatches are those
 * its own figures show, each recomputed by hand below from the tables of the same PDF.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCheck, type CheckedFile } from '../../electron/cli/check';
import { NARRATIVE_SETS } from '../../shared/narrative/definitions';
import { extractFigures } from '../../shared/narrative/figures';
import { splitSections } from '../../shared/narrative/sections';
import { narrativeFromPlainText } from '../../shared/narrative/text';
import { replaceOnce } from '../support/narrative';

const XLSX = 'test/fixtures/xlsx/final-2024-shanghai.xlsx';
const TXT = 'test/fixtures/narrative/final-2024-shanghai.txt';
/** The district's blank template (附件2：部门决算模板, pages 15–21 of its PDF), the wording the publication follows. */
const TEMPLATE_TXT = 'test/fixtures/narrative/final-2024-shanghai-template.txt';
const read = (path: string) => readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)));
const tables = read(XLSX);
const extracted = read(TXT).toString('utf8');

async function check(text = extracted) {
  let stdout = '';
  const code = await runCheck(['--json', XLSX, '--narrative', TXT], {
    readFile: (path) => (path === XLSX ? tables : new TextEncoder().encode(text)),
    stdout: (t) => (stdout += t),
    stderr: () => undefined,
  });
  const file = (JSON.parse(stdout) as { files: CheckedFile[] }).files[0]!;
  const findings = file.findings.filter((f) => f.location?.kind === 'narrative');
  return { code, file, narrative: file.narrative!, findings };
}

const summary = (f: { ruleId: string; severity: string; printed?: string | null; expected: string | null }) =>
  `${f.ruleId} ${f.severity} ${f.printed} → ${f.expected}`;

describe('the Shanghai 2024 情况说明', () => {
  it('is split into its eleven sections, by their own titles', async () => {
    const { narrative } = await check();
    expect(narrative.sections.map((s) => s.title)).toEqual([
      '一、收入支出决算总体情况说明',
      '二、收入决算情况说明',
      '三、支出决算情况说明',
      '四、财政拨款收入支出决算总体情况说明',
      '五、一般公共预算财政拨款支出决算情况说明',
      '六、一般公共预算财政拨款基本支出决算情况说明',
      '七、财政拨款“三公”经费支出决算情况说明',
      '八、政府性基金预算财政拨款收入支出决算情况说明',
      '九、国有资本经营预算财政拨款收入支出决算情况说明',
      '十、预算绩效管理情况',
      '十一、其他重要事项的情况说明',
    ]);
  });

  it('has the sections and parts of the district’s template, found by the same titles', async () => {
    const set = NARRATIVE_SETS.find((s) => s.templates.includes('final-2024-shanghai'))!;
    const outline = (raw: string) => {
      const { text } = narrativeFromPlainText(raw);
      const { sections, missing } = splitSections(text, set.sections);
      expect(missing).toEqual([]);
      return sections.map((s) => [s.title, ...s.parts.map((p) => p.title)]);
    };
    const publication = outline(extracted);
    expect(publication.filter((s) => s.length > 1)).toEqual([
      [
        '五、一般公共预算财政拨款支出决算情况说明',
        '（一）一般公共预算财政拨款支出决算总体情况',
        '（二）一般公共预算财政拨款支出决算结构情况',
        '（三）一般公共预算财政拨款支出决算具体情况',
      ],
      [
        '七、财政拨款“三公”经费支出决算情况说明',
        '（一）“三公”经费财政拨款支出决算总体情况说明。',
        '（二）“三公”经费财政拨款支出决算具体情况说明。',
      ],
      [
        '十一、其他重要事项的情况说明',
        '（一）机关运行经费支出情况',
        '（二）政府采购支出情况',
        '（三）国有资产占有使用情况说明',
      ],
    ]);
    expect(outline(read(TEMPLATE_TXT).toString('utf8'))).toEqual(publication);
  });

  it('reads every figure: checked, fixed wording, or 未核对 with its reason; none is dropped', async () => {
    const { narrative } = await check();
    // Every figure figures.ts finds in the text is in the report, at its place.
    const found = extractFigures(narrativeFromPlainText(extracted).text);
    expect(narrative.figures.map((f) => `${f.start} ${f.printed}`)).toEqual(
      found.map((f) => `${f.start} ${f.printed}`),
    );
    const byStatus = (status: string) => narrative.figures.filter((f) => f.status === status);
    expect([found.length, byStatus('checked').length, byStatus('notChecked').length]).toEqual([100, 51, 48]);
    expect(byStatus('wording').map((f) => f.printed)).toEqual(['100万元']); // 单价100万元（含）以上设备
    const notChecked = byStatus('notChecked');
    expect(narrative.notChecked).toHaveLength(notChecked.length);
    // Why, by reason: what the tables do not hold (last year, budgets, 补充信息 not given, counts).
    const reasons = new Map<string, number>();
    for (const f of notChecked) reasons.set(f.reason!, (reasons.get(f.reason!) ?? 0) + 1);
    expect(Object.fromEntries(reasons)).toEqual({
      '公开表中没有这个数，补充信息“上年度收入支出总计”未填写': 1, // 一 减少56.95
      '公开表中没有这个数，补充信息“上年度一般公共预算财政拨款支出”未填写': 1, // 五（一） 减少63.14
      '公开表中没有这个数，补充信息“一般公共预算财政拨款支出年初预算”未填写': 1, // 五（三） 2993.92
      '各项的年初预算不在公开表中，只核对各项之和': 11, // 五（三） the items' 年初预算
      '绩效项目个数不在公开表中，只核对说明中的加总': 7, // 十 项目 4/4/4, 评级 4/0/0/0
      绩效项目涉及的预算金额不在公开表中: 3, // 十 598.42 three times
      绩效自评发现和整改的问题个数不在公开表中: 3, // 十 问题 0/0/0
      '公开表中没有这个数，补充信息“机关运行经费支出”未填写': 1, // 十一（一） 184.65
      '公开表中没有这个数，补充信息“上年度机关运行经费支出”未填写': 1, // 十一（一） 增加2.55
      '公开表中没有这个数，补充信息“政府采购金额（以合同签订为准）”未填写': 1,
      '公开表中没有这个数，补充信息“货物采购金额”未填写': 1,
      '公开表中没有这个数，补充信息“工程采购金额”未填写': 1,
      '公开表中没有这个数，补充信息“服务采购金额”未填写': 1,
      '面向中小企业、小微企业预留的采购预算和中标、成交金额不在公开表中': 5,
      '这个数不在公开表中，只核对说明中的加总': 9, // 十一（三） 车辆 0 and its eight kinds
      单价100万元以上设备的台数不在公开表中: 1, // 2台（套）
    });
    // Nothing is left unread for want of a term: every figure was told what it is.
    expect(notChecked.filter((f) => f.meaning === null)).toEqual([]);
  });

  it('finds exactly the mismatches its own figures show', async () => {
    const { code, findings } = await check();
    expect(code).toBe(1);
    expect(findings.map(summary)).toEqual([
      // 四 says 财政拨款收入支出总计0.3万元; 财政拨款收入支出决算总表 has 总计 2961.68 on both sides
      // (本年收入 2940.05 + 年初财政拨款结转和结余 21.63 = 本年支出 2940.05 + 年末 21.63).
      'E04 error 0.3万元 → 2961.68万元',
      // 五（二）: 一般公共服务支出（类） 2106.66 ÷ 2940.05 = 71.6539…% → 71.65%, printed 71.73%. The four
      // shares printed add up to 100.07%; with 71.65% they add up to 99.99%. The other three are right:
      // 326.72 → 11.11%, 60.99 → 2.07%, 445.69 → 15.16%.
      'E06 error 71.73% → 71.65%',
      // 五（三）: the eleven items' 年初预算 1560.05 + 10.00 + 135.90 + 450.52 + 85.55 + 161.62 + 80.81
      // + 0.94 + 62.29 + 187.75 + 258.50 = 2993.93 against 2993.92 printed: a 尾差 of 0.01 (11 addends).
      'E09 rounding 2993.92 → 2993.93',
      // The items' 支出决算 are 05's 项 and each equals it, but they add up to 2940.06 against 2940.05:
      // 05 itself has this 尾差 (its 类 2106.66 + 326.72 + 60.99 + 445.69 = 2940.06, the tables' B03).
      'E09 rounding 2940.05 → 2940.06',
      // 六 lists 个人农业生产补贴 under 人员经费, but 06 row 30310 is blank: 303's 69.41 is 退休费 69.10 +
      // 奖励金 0.31 (advisory: the text names an item the table has no money in).
      'E12 warning 个人农业生产补贴 → 30310 个人农业生产补贴 有数',
      // 十一（二）: 政府采购金额 251.25 against 货物 4.79 + 工程 0 + 服务 246.47 = 251.26, within the 尾差 of
      // two rounded amounts (0.01).
      'E17 rounding 251.25万元 → 251.26',
    ]);
  });

  it('binds each mismatch to the cells its sentence names', async () => {
    const { findings } = await check();
    const cells = (rule: string) =>
      findings.find((f) => f.ruleId === rule)!.cells.map((c) => `${c.table} ${c.row} ${c.value}`);
    expect(cells('E04')).toEqual(['公开04表 总计 2961.68']);
    const e06 = findings.find((f) => f.ruleId === 'E06')!;
    expect(e06.message).toContain('2106.66 ÷ 2940.05 = 71.65%');
    expect(e06.location).toMatchObject({ kind: 'narrative', section: '五' });
  });

  it('quotes each figure from a word of its sentence, never from inside a figure before it', async () => {
    const { narrative, findings } = await check();
    const text = narrativeFromPlainText(extracted).text;
    const said = [...findings.map((f) => f.message), ...narrative.notChecked.map((n) => n.reason)];
    const quotes = said.map((s) => /^“[^”]+”中“([^”]+)”/u.exec(s)?.[1]).filter((q) => q !== undefined);
    expect(quotes.length).toBeGreaterThan(40);
    for (const quote of quotes) {
      const at = text.indexOf(quote);
      expect(at, quote).toBeGreaterThanOrEqual(0);
      // Not the tail of a number (“24年度” of 2024年度), nor of a figure's unit (“9万元、…” of 4.79万元).
      expect(text.slice(at - 1, at + 1), quote).not.toMatch(/^[\d.]\d/u);
      expect(quote, quote).not.toMatch(/^[\d.,]*(?:万元|元|辆|个|%)、/u);
    }
    // A list's entry is quoted from its own name.
    expect(quotes).toContain('工程采购金额0万元、服务采购金额246.47万元');
  });

  it('has no error left once the two wrong figures are corrected', async () => {
    let text = replaceOnce(extracted, '财政拨款收入支出总计0.3万元', '财政拨款收入支出总计2961.68万元');
    text = replaceOnce(text, '占71.73%', '占71.65%');
    const { findings } = await check(text);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('judges an item’s 完成预算的% against its own budget, not the “三公” total before it', async () => {
    // 因公出国（境）费 has no budget in the 三公 table; 0.50 of the total budget 0.95 would be 52.63%.
    const text = replaceOnce(
      extracted,
      '因公出国（境）费决算为0.00万元，完成预算的0%',
      '因公出国（境）费决算为0.50万元，完成预算的52.63%',
    );
    const { findings } = await check(text);
    const inSection = (f: (typeof findings)[number], id: string) =>
      f.location?.kind === 'narrative' && f.location.section === id;
    const seven = findings.filter((f) => inSection(f, '七')).map(summary);
    expect(seven.sort()).toEqual([
      'E15 error 0.00万元 → 0.50', // 支出决算为0.00万元 is no longer 0.50 + 0.00 + 0.00
      'E15 error 0.50万元 → 0.00万元', // the 三公 table's 因公出国（境）费 决算数 is blank
      'E15 warning 52.63% → null', // a completion rate of a budget of 0 cannot be given
    ]);
  });

  it('holds 决算数小于预算数 against the figures before it, and reports it when they say otherwise', async () => {
    const claims = [...extracted.matchAll(/决算数小于预算数的主要原因：(人员进出|因个别项目|预算按周全)/gu)];
    expect(claims).toHaveLength(3);
    let text = extracted;
    for (const [claim] of claims) text = replaceOnce(text, claim, claim.replace('小于', '大于'));
    const { findings } = await check(text);
    expect(findings.filter((f) => f.ruleId === 'N03').map(summary)).toEqual(
      Array(3).fill('N03 warning 大于 → 小于'),
    );
  });
});
