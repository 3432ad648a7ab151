import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { Workbook } from '../../shared/engine/workbook';
import { CsvError, exportTableCsv, importTableCsv } from '../../shared/io/csv';
import { loadSample } from '../support/fixtures';

const open = () => Workbook.open(loadSample('final-2024-gaoxin'));
const tableOf = (workbook: Workbook, id: string) => workbook.structure.tableById.get(id)!;
const reportRows = (workbook: Workbook, id: string) =>
  workbook.toReport().tables.find((t) => t.id === id)!.rows;
const gb = (text: string) => Uint8Array.from(iconv.encode(text, 'gb18030'));
const utf8Text = (bytes: Uint8Array) => new TextDecoder('utf-8', { fatal: true }).decode(bytes);

function contains(bytes: Uint8Array, part: number[]): boolean {
  return bytes.some((_, i) => part.every((b, j) => bytes[i + j] === b));
}

describe('CSV round trip', () => {
  const sample = open();
  const cases = sample.structure.tables.flatMap((t) =>
    (['utf-8', 'gb18030'] as const).map((encoding) => [t.id, encoding] as const),
  );

  it.each(cases)('%s in %s comes back as the same rows and values', (id, encoding) => {
    const bytes = exportTableCsv(sample, id, { encoding });
    const { rows, problems } = importTableCsv(`${id}.csv`, bytes, tableOf(sample, id), sample.unit);
    expect(problems).toEqual([]);
    expect(rows).toEqual(reportRows(sample, id));
  });

  const budget = Workbook.open(loadSample('budget-2025-jiaozuo'));
  it.each(budget.structure.tables.map((t) => t.id))(
    'budget %s comes back with the same figures and texts',
    (id) => {
      const { rows, problems } = importTableCsv(
        `${id}.csv`,
        exportTableCsv(budget, id),
        tableOf(budget, id),
        budget.unit,
      );
      expect(problems).toEqual([]);
      expect(rows.map((r) => r.values)).toEqual(reportRows(budget, id).map((r) => r.values));
    },
  );

  it('keeps awkward names, invalid text and negative figures', () => {
    const workbook = open();
    workbook.addRow('公开02表', '2080109', '=cmd|含逗号, "引号"\n和换行');
    workbook.addRow('公开02表', '2080110', '社保补贴,含培训');
    workbook.set({ table: '公开02表', row: '2080101', column: 'fiscal' }, '-12.5');
    workbook.set({ table: '公开02表', row: '2080101', column: 'otherIncome' }, '@见说明');
    workbook.set({ table: '公开02表', row: '2080102', column: 'otherIncome' }, '待核实');
    for (const encoding of ['utf-8', 'gb18030'] as const) {
      const bytes = exportTableCsv(workbook, '公开02表', { encoding });
      const { rows, problems } = importTableCsv('a.csv', bytes, tableOf(workbook, '公开02表'), '万元');
      expect(problems).toEqual([]);
      expect(rows).toEqual(reportRows(workbook, '公开02表'));
    }
  });
});

describe('CSV encodings', () => {
  it('writes UTF-8 with a BOM, so that Excel shows the Chinese', () => {
    const bytes = exportTableCsv(open(), '公开02表');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = utf8Text(bytes.slice(3));
    expect(text.split('\r\n').slice(0, 3)).toEqual([
      '公开02表,收入决算表,单位：万元',
      '科目编码,科目名称,本年收入合计,财政拨款收入,上级补助收入,事业收入,经营收入,附属部门上缴收入,其他收入',
      ',合计,6521.36,6521.36,0.00,0.00,0.00,0.00,0.00',
    ]);
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('writes GB18030 bytes without a BOM', () => {
    const bytes = exportTableCsv(open(), '公开02表', { encoding: 'gb18030' });
    // 公 in GB18030; a UTF-8 file would start with the BOM or E5 85 AC.
    expect([...bytes.slice(0, 2)]).toEqual([0xb9, 0xab]);
    expect(contains(bytes, [0xba, 0xcf, 0xbc, 0xc6])).toBe(true); // 合计
    expect(contains(bytes, [0xe5, 0x90, 0x88, 0xe8, 0xae, 0xa1])).toBe(false); // 合计 in UTF-8
    expect(() => utf8Text(bytes)).toThrow();
  });
});

describe('a CSV written by Excel on Chinese Windows', () => {
  const excel = gb(
    [
      '一般公共预算财政拨款支出决算表,,,,,',
      '单位：万元,,,,,',
      '项目支出,科目编码,科目名称,备注,基本支出,小计',
      '"5,996.82",,合计,,522.32,"6,519.14"',
      '0,2080101 行政运行,,经办人：张三,58.78,58.78',
      '"1,234.56",2080109,"其他支出,含""三支一扶""",,0,"1,234.56"',
      ',2080505.0,机关事业单位基本养老保险缴费支出,,32.43,32.42',
      ',,,,,',
      '',
    ].join('\r\n'),
  );

  it('reads it: GB18030, moved columns, grouped amounts, code and name in one cell', () => {
    const { rows, problems } = importTableCsv('决算.csv', excel, tableOf(open(), '公开05表'), '万元');
    expect(rows).toEqual([
      { code: null, name: '合计', values: { project: '5996.82', basic: '522.32', subtotal: '6519.14' } },
      { code: '2080101', name: '行政运行', values: { project: '0.00', basic: '58.78', subtotal: '58.78' } },
      {
        code: '2080109',
        name: '其他支出,含"三支一扶"',
        values: { project: '1234.56', basic: '0.00', subtotal: '1234.56' },
      },
      {
        code: '2080505',
        name: '机关事业单位基本养老保险缴费支出',
        values: { project: null, basic: '32.43', subtotal: '32.42' },
      },
    ]);
    expect(problems).toEqual(['“决算.csv”第 3 行：栏目“备注”不是公开05表的栏目，已忽略']);
  });

  it('gives the imported rows to the engine as a report it opens', () => {
    const report = loadSample('final-2024-gaoxin');
    const { rows } = importTableCsv('决算.csv', excel, tableOf(open(), '公开05表'), '万元');
    report.tables = report.tables.map((t) => (t.id === '公开05表' ? { id: t.id, rows } : t));
    const workbook = Workbook.open(report);
    expect(workbook.problems).toEqual([]);
    expect(workbook.cell({ table: '公开05表', row: '2080109', column: 'project' }).value).toBe('1234.56');
  });

  it('reads full-width or half-width brackets in headers and 行次 that moved since last year', () => {
    const workbook = open();
    const nine = importTableCsv(
      '三公.csv',
      gb('决算数/因公出国(境)费,决算数/合计\r\n1.5,3\r\n'),
      tableOf(workbook, '公开09表'),
      '万元',
    );
    expect(nine.rows).toEqual([
      {
        role: '三公经费',
        name: null,
        side: null,
        hangci: null,
        values: { finalAbroad: '1.50', finalTotal: '3.00' },
      },
    ]);
    // 2023 printed 年初结转和结余 as 行次 28; in 2024 it is 29.
    const one = importTableCsv(
      '总表.csv',
      gb('行次,项目,收入/金额\r\n28,年初结转和结余,5\r\n'),
      tableOf(workbook, '公开01表'),
      '万元',
    );
    expect(one.rows).toEqual([
      {
        role: '年初结转和结余',
        name: '年初结转和结余',
        side: '收入',
        hangci: 29,
        values: { incomeAmount: '5.00' },
      },
    ]);
  });

  it('converts figures in 元 to a report in 万元 and says so', () => {
    const csv = gb(
      '公开06表,明细表,单位：元\r\n经济分类科目编码,科目名称,决算数\r\n,人员经费合计,"4,635,700.00"\r\n',
    );
    const { rows, problems } = importTableCsv('06.csv', csv, tableOf(open(), '公开06表'), '万元');
    expect(rows).toEqual([
      { role: '人员经费合计', name: '人员经费合计', side: null, hangci: null, values: { amount: '463.57' } },
    ]);
    expect(problems).toEqual(['“06.csv”的金额单位是元，已换算为报表的单位万元']);
  });
});

describe('CSV problems', () => {
  it('names the file and the line of every line it cannot place', () => {
    const workbook = open();
    const two = importTableCsv(
      'x.csv',
      gb(
        '科目编码,科目名称,财政拨款收入\r\n20801a,某项,1\r\n2080101,行政运行,2\r\n2080101,行政运行,3\r\n,没有编码,4\r\n',
      ),
      tableOf(workbook, '公开02表'),
      '万元',
    );
    expect(two.rows).toEqual([{ code: '2080101', name: '行政运行', values: { fiscal: '2.00' } }]);
    expect(two.problems).toEqual([
      '“x.csv”第 1 行：缺少栏目“本年收入合计”，该栏未导入',
      '“x.csv”第 1 行：缺少栏目“上级补助收入”，该栏未导入',
      '“x.csv”第 1 行：缺少栏目“事业收入”，该栏未导入',
      '“x.csv”第 1 行：缺少栏目“经营收入”，该栏未导入',
      '“x.csv”第 1 行：缺少栏目“附属部门上缴收入”，该栏未导入',
      '“x.csv”第 1 行：缺少栏目“其他收入”，该栏未导入',
      '“x.csv”第 2 行：科目编码“20801a”不符合 3/5/7 位编码，已跳过',
      '“x.csv”第 4 行：“2080101”重复出现，只导入第一次出现的那一行',
      '“x.csv”第 5 行：没有科目编码（科目名称“没有编码”），已跳过',
    ]);
    const one = importTableCsv(
      'y.csv',
      gb(
        '行次,项目,收支,收入/金额,支出/金额\r\n99,不存在的项目,收入,1,\r\n1,一、一般公共预算财政拨款收入,收入,2,3\r\n9,,收入,,\r\n60,总计,,,7\r\n',
      ),
      tableOf(workbook, '公开01表'),
      '万元',
    );
    // 总计 is on both sides: 行次 60 says which.
    expect(one.rows.map((r) => [r.role, r.values])).toEqual([
      ['一般公共预算财政拨款收入', { incomeAmount: '2.00' }],
      ['支出总计', { expenseAmount: '7.00' }],
    ]);
    expect(one.problems).toEqual([
      '“y.csv”第 2 行：公开01表中没有行次 99 “不存在的项目”这一行，已跳过',
      '“y.csv”第 3 行：栏目“支出/金额”不属于这一行，值 3 未导入',
    ]);
  });

  it('writes text that starts like a formula as text, and amounts as they are', () => {
    const workbook = open();
    workbook.addRow('公开02表', '2080109', "=cmd|' /C calc'!A0");
    workbook.set({ table: '公开02表', row: '2080109', column: 'fiscal' }, '-12.5');
    workbook.set({ table: '公开02表', row: '2080109', column: 'otherIncome' }, '+见说明');
    const line = utf8Text(exportTableCsv(workbook, '公开02表'))
      .split('\r\n')
      .find((l) => l.startsWith('2080109,'));
    expect(line).toBe("2080109,'=cmd|' /C calc'!A0,-12.50,-12.50,,,,,'+见说明");
  });

  it('writes a code that starts like a formula as text, and reads it back as the code', () => {
    const report = loadSample('budget-2025-jiaozuo');
    const hyperlink = '=HYPERLINK("http://例子.cn","点击领取")';
    const row = report.tables.find((t) => t.id === '预算02表')!.rows.find((r) => r.code === '302101')!;
    row.code = hyperlink;
    const workbook = Workbook.open(report);
    const text = utf8Text(exportTableCsv(workbook, '收入表'));
    expect(text).toContain(`"'=HYPERLINK(""http://例子.cn"",""点击领取"")"`);
    expect(text).not.toMatch(/(^|,)"?=/mu);
    const { rows, problems } = importTableCsv(
      '02.csv',
      exportTableCsv(workbook, '收入表'),
      tableOf(workbook, '收入表'),
      workbook.unit,
    );
    // A listed row is found by its code as the file gives it: no problem means the code came back exactly.
    expect(problems).toEqual([]);
    expect(rows.map((r) => r.values)).toEqual(reportRows(workbook, '收入表').map((r) => r.values));
  });

  it.each([
    [
      'random bytes',
      Uint8Array.from({ length: 1024 }, (_, i) => (i * 7919 + 13) % 251),
      '不是文本（CSV）文件',
    ],
    [
      'an Excel workbook',
      Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00]),
      '不是文本（CSV）文件',
    ],
    ['an empty file', new Uint8Array(0), '文件是空的'],
    ['a file of empty lines', gb('\r\n,,\r\n'), '文件是空的'],
    ['a BOM and invalid UTF-8', Uint8Array.from([0xef, 0xbb, 0xbf, 0xb9, 0xab]), '不是有效的 UTF-8'],
    ['the CSV of 公开01表', exportTableCsv(open(), '公开01表'), '找不到公开02表的表头'],
  ])('refuses %s, naming the file', (_, bytes, why) => {
    const read = () => importTableCsv('单位数据.csv', bytes, tableOf(open(), '公开02表'), '万元');
    expect(read).toThrow(CsvError);
    expect(read).toThrow('无法导入“单位数据.csv”：');
    expect(read).toThrow(why);
  });

  it('refuses the CSV of a table with the same columns (05 into 08) by its title line', () => {
    const workbook = open();
    const read = () =>
      importTableCsv('05.csv', exportTableCsv(workbook, '公开05表'), tableOf(workbook, '公开08表'), '万元');
    expect(read).toThrow(CsvError);
    expect(read).toThrow('无法导入“05.csv”：文件是公开05表的数据，不能导入公开08表');
  });
});
