/**
 * The 情况说明 generated from the tables and 补充信息, in the wording of the narrative set: on the
 * 2024 高新区 sample it gives the published text's figures, section by section and figure by
 * figure, and the checker finds no error in it. The figures it cannot reach are listed with why.
 */
import { describe, expect, it } from 'vitest';
import { Workbook } from '../../shared/engine/workbook';
import { readReportJson, writeReportJson } from '../../shared/io/reportJson';
import { narrativeSetFor } from '../../shared/narrative/definitions';
import { extractFigures, type Figure } from '../../shared/narrative/figures';
import { generateForWorkbook } from '../../shared/narrative/generate';
import { scaledText } from '../../shared/narrative/ratio';
import { splitSections } from '../../shared/narrative/sections';
import { narrativeFromPlainText } from '../../shared/narrative/text';
import { loadSample } from '../support/fixtures';
import { narrativeFindings, narrativeText, type SampleName } from '../support/narrative';
import { REASONS_24, S24, S24_PUBLISHED } from '../support/supplementary';

const set = narrativeSetFor(['final-2024'])!;

function generated(
  name: SampleName,
  supplementary: Record<string, string>,
  reasons: Record<string, string> = {},
): { workbook: Workbook; text: string } {
  const workbook = Workbook.open(loadSample(name));
  workbook.setNarrative(null, supplementary);
  workbook.setReasons(reasons);
  const text = generateForWorkbook(workbook)!.text;
  workbook.setNarrative(narrativeFromPlainText(text));
  return { workbook, text };
}

/** A figure as compared: its kind, unit and value (0万元 and 0.00万元, 100% and 100.00% are the same figure). */
function figureValue(f: Figure): string {
  const text = scaledText(f.scaled, f.decimals);
  const value = text.includes('.') ? text.replace(/\.?0+$/u, '') : text;
  return `${value}${f.unit}`;
}

/** Each section's figures, by section id, in text order. */
function figuresBySection(text: string): Map<string, string[]> {
  const { sections } = splitSections(text, set.sections);
  return new Map(
    sections.map((s) => [
      s.definition.id,
      extractFigures(text, { start: s.bodyStart, end: s.end }).map(figureValue),
    ]),
  );
}

/** The published figures (in order) the generated ones do not give, and the generated ones it does not print: a longest common subsequence. */
function compare(published: string[], made: string[]): { missing: string[]; extra: string[] } {
  const n = published.length;
  const m = made.length;
  const lcs = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i]![j] =
        published[i] === made[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const missing: string[] = [];
  const extra: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && published[i] === made[j]) {
      i++;
      j++;
    } else if (j < m && (i === n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) extra.push(made[j++]!);
    else missing.push(published[i++]!);
  }
  return { missing, extra };
}

function compareWithPublished(text: string, name: SampleName = 'final-2024-gaoxin') {
  const published = figuresBySection(narrativeText(name));
  const made = figuresBySection(text);
  const result = new Map<string, { total: number; missing: string[]; extra: string[] }>();
  for (const [id, figures] of published)
    result.set(id, { total: figures.length, ...compare(figures, made.get(id) ?? []) });
  return result;
}

describe('generating the 2024 高新区 情况说明', () => {
  it('gives every figure of the published text but the 绩效 accounts of single projects, section by section', () => {
    const { text } = generated('final-2024-gaoxin', S24_PUBLISHED, REASONS_24);
    const result = compareWithPublished(text);
    const total = [...result.values()].reduce((a, r) => a + r.total, 0);
    const missing = [...result].filter(([, r]) => r.missing.length > 0).map(([id, r]) => [id, r.missing]);
    const extra = [...result].filter(([, r]) => r.extra.length > 0).map(([id, r]) => [id, r.extra]);
    // 十三（二）: “实现绩效自评“100%”” and each self-evaluated project's 全年预算数, 执行数 and 完成预算的%
    // (三支一扶 25.00/25.00/100%, 劳动保障监察 3.00/3.00/100%) are the user's account of single
    // projects: neither the tables nor 补充信息 hold a list of projects, so they are not generated.
    expect(missing).toEqual([['十三', ['100%', '25万元', '25万元', '100%', '3万元', '3万元', '100%']]]);
    expect(extra).toEqual([]);
    expect(total).toBe(165);
  });

  it('the generated text, checked against the tables, has no error', () => {
    const { workbook } = generated('final-2024-gaoxin', S24_PUBLISHED, REASONS_24);
    const findings = narrativeFindings(workbook);
    expect(findings.filter((f) => f.severity === 'error').map((f) => f.message)).toEqual([]);
    // What is left is what the user still has to write, each reported where it stands.
    expect(new Set(findings.map((f) => `${f.ruleId} ${f.printed}`))).toEqual(
      new Set(['N02 【请填写', 'E09 6519.14']),
    );
  });

  it('with only the prior-year figures of S24, every other 补充信息 figure is a placeholder the checker reports', () => {
    const { workbook, text } = generated('final-2024-gaoxin', S24, REASONS_24);
    expect(text).toContain(
      '年初预算为【请填写补充信息“各项（项级科目）一般公共预算财政拨款支出年初预算（2080101）”】万元',
    );
    expect(text).toContain('全年因公出国（境）团组【请填写补充信息“因公出国（境）团组数”】个');
    const result = compareWithPublished(text);
    // 75 of the 165 figures: 五（三） lacks each 项's 年初预算 (20) and so its 完成% (17); 九, 十一,
    // 十二 and 十三 lack their counts and amounts (10, 8, 10, 25).
    expect(
      Object.fromEntries([...result].map(([id, r]) => [id, r.missing.length]).filter(([, n]) => n !== 0)),
    ).toEqual({
      五: 37,
      九: 10,
      十一: 8,
      十二: 10,
      十三: 25,
    });
    // The sections that need only the tables and S24 are complete.
    for (const id of ['一', '二', '三', '四', '六', '七', '八', '十'])
      expect(result.get(id)?.missing, id).toEqual([]);
    const findings = narrativeFindings(workbook);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(findings.some((f) => f.ruleId === 'N02' && f.printed === '【请填写')).toBe(true);
  });

  it('keeps the reasons as typed; an unfilled one is 【请填写原因】, which the checker reports', () => {
    const typed = { ...REASONS_24, 一: '1.农村养老补贴增加120.00万元；2.其他。' };
    delete (typed as Record<string, string>)['四'];
    const { workbook, text } = generated('final-2024-gaoxin', S24_PUBLISHED, typed);
    expect(text).toContain('增长24.75%。主要原因是1.农村养老补贴增加120.00万元；2.其他。\n');
    expect(text).toContain('财政拨款收、支总计各增加1294.00万元，增长24.75%。主要原因是【请填写原因】。');
    const placeholder = narrativeFindings(workbook).filter(
      (f) => f.ruleId === 'N02' && f.location.kind === 'narrative' && f.location.section === '四',
    );
    expect(placeholder.map((f) => f.printed)).toEqual(['【请填写']);
  });
});

describe('conditional wording', () => {
  it('a fund with nothing gets the sentence saying so; one with money gets its figures', () => {
    const gaoxin = generated('final-2024-gaoxin', S24_PUBLISHED).text;
    expect(gaoxin).toContain('我部门2024年度没有政府性基金收入，也没有使用政府性基金安排的支出。');
    expect(gaoxin).not.toContain('没有国有资本经营');
    expect(gaoxin).toContain(
      '国有资本经营预算财政拨款支出年初预算为25.00万元，支出决算为2.23万元，完成年初预算的8.92%。',
    );
    const jiefang = generated('final-2023-jiefang', {}).text;
    expect(jiefang).toContain('我部门2023年度没有国有资本经营收入，也没有使用国有资本经营安排的支出。');
    expect(jiefang).not.toContain('国有资本经营预算财政拨款支出年初预算');
  });

  it('leaves the % clause out on a base of 0, and writes one clause per income column that is not 0', () => {
    const { text } = generated('final-2024-gaoxin', S24_PUBLISHED);
    // 机关运行经费 of last year 0: 增加, without 增长…%.
    expect(text).toContain('2024年度机关运行经费支出58.75万元，比2023年度增加58.75万元。');
    // A 项 with 年初预算 0: no 完成年初预算的…%.
    expect(text).toContain('年初预算为0.00万元，支出决算为52.00万元。决算数');
    expect(text).toContain('其中：财政拨款收入6521.36万元，占100.00%。');
    // The same report with 10.00 of 事业收入 (02 合计 and 01 本年收入合计 as a file would give them).
    const report = loadSample('final-2024-gaoxin');
    const withBusiness = {
      ...report,
      tables: report.tables.map((t) => ({
        ...t,
        rows: t.rows.map((r) =>
          t.id === '公开02表' && r.code === null
            ? { ...r, values: { ...r.values, total: '6531.36', businessIncome: '10.00' } }
            : t.id === '公开01表' && r.name === '本年收入合计'
              ? { ...r, values: { incomeAmount: '6531.36' } }
              : r,
        ),
      })),
    };
    const workbook = Workbook.open(withBusiness);
    workbook.setNarrative(null, S24_PUBLISHED);
    expect(generateForWorkbook(workbook)!.text).toContain(
      '2024年度收入合计6531.36万元，其中：财政拨款收入6521.36万元，占99.85%；事业收入10.00万元，占0.15%。',
    );
  });
});

describe('the wording of the template’s year', () => {
  // What the 2023 解放区 publication implies for the sections worded otherwise in 2023.
  const S23_PUBLISHED = {
    出国团组: '0',
    出国人次: '0',
    购置车辆: '0',
    公务用车保有量: '0',
    外宾接待费: '0.00',
    外宾团组: '0',
    外宾人次: '0',
    国内接待费: '0.00',
    国内团组: '0',
    国内人次: '0',
    机关项目数: '52',
    二级机构项目数: '0',
    自评等级优: '21',
    自评等级良: '31',
    自评等级中: '0',
    自评等级差: '0',
    整体自评资金: '2164.69',
    整体自评财政拨款: '2164.69',
  };

  it('a 2023 report gets the 2023 titles and sentences of 九 and 十三, with the published figures', () => {
    const { text } = generated('final-2023-jiefang', S23_PUBLISHED);
    expect(text).toContain(
      '\n九、财政拨款“三公”经费支出决算情况说明\n（一）“三公”经费财政拨款支出决算总体情况说明。\n',
    );
    expect(text).toContain('\n（三）重点绩效评价结果\n');
    expect(text).not.toContain('一般公共预算财政拨款“三公”经费');
    const result = compareWithPublished(text, 'final-2023-jiefang');
    expect(result.get('九')).toEqual({ total: 33, missing: [], extra: [] });
    // 十三: “实现绩效自评“100%”” says what no figure of the tables or 补充信息 is.
    expect(result.get('十三')).toEqual({ total: 14, missing: ['100%'], extra: [] });
  });

  it('a 2024 report keeps the 2024 wording', () => {
    const { text } = generated('final-2024-gaoxin', S24_PUBLISHED);
    expect(text).toContain('\n九、一般公共预算财政拨款“三公”经费支出决算情况说明\n');
    expect(text).toContain('\n（三）部门绩效评价结果\n');
  });
});

describe('after an edit', () => {
  it('the text generated again carries the table’s new figure', () => {
    const { workbook } = generated('final-2024-gaoxin', S24_PUBLISHED, REASONS_24);
    workbook.set({ table: '公开05表', row: '2080101', column: 'basic' }, '50.00');
    expect(generateForWorkbook(workbook)!.text).toContain(
      '行政运行（项）。年初预算为56.92万元，支出决算为50.00万元，完成年初预算的87.84%。',
    );
  });
});

describe('the reasons are saved with the report', () => {
  it('saves and opens the reasons, so that the text is generated the same after reopening', () => {
    const { workbook, text } = generated('final-2024-gaoxin', S24_PUBLISHED, REASONS_24);
    const reopened = Workbook.open(readReportJson('a.json', writeReportJson(workbook.toReport())));
    expect(reopened.reasons).toEqual(REASONS_24);
    expect(generateForWorkbook(reopened)!.text).toBe(text);
  });
});

describe('what the tables do not say', () => {
  it('a table whose rows were not all read is not enumerated as if it had none', () => {
    const report = loadSample('final-2024-gaoxin');
    const gap = '工作表“支出决算表”中有 2 行无法识别';
    const workbook = Workbook.open({
      ...report,
      tables: report.tables.map((t) => (t.id === '公开05表' ? { ...t, gaps: [{ reason: gap }] } : t)),
    });
    workbook.setNarrative(null, S24_PUBLISHED);
    const text = generateForWorkbook(workbook)!.text;
    expect(text).toContain(`主要用于以下方面：【无法取得：${gap}】。`);
    expect(text).toContain(`其中：\n【无法取得：${gap}】\n（因四舍五入可能存在尾差。）`);
  });

  it('a 项 whose 款 the table lacks is written with a placeholder in its place, which the checker reports', () => {
    // 解放区 2023 lists 2050299 其他普通教育支出 under 20508 普通教育: no 款 20502 holds it.
    const { workbook, text } = generated('final-2023-jiefang', {});
    expect(text).toContain(
      '\n1.教育支出（类）【无法取得：表中 2050299 其他普通教育支出 没有所属的款】（款）其他普通教育支出（项）。',
    );
    // The item is still read as an item: its figures are checked, and the placeholder is reported.
    const inFive = narrativeFindings(workbook).filter(
      (f) => f.location.kind === 'narrative' && f.location.section.startsWith('五'),
    );
    expect(inFive.filter((f) => f.severity === 'error')).toEqual([]);
    expect(inFive.some((f) => f.ruleId === 'N02' && f.printed === '【无法取得')).toBe(true);
  });
});
