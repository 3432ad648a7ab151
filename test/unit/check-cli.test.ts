/**
 * The command-line checker: exit codes, the Chinese report, the exact JSON shape, and files that
 * cannot be checked. runCheck is called with files held in memory; one test starts the real program.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../electron/cli/check';
import budgetTemplate from '../../shared/templates/budget-2025.json';
import { writeReportJson } from '../../shared/io/reportJson';
import { loadSample } from '../support/fixtures';
import { narrativeText, openWithNarrative } from '../support/narrative';
import { S24_PUBLISHED } from '../support/supplementary';

const root = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURE_2024 = 'test/fixtures/final-2024-gaoxin.json';
const FIXTURE_2023 = 'test/fixtures/final-2023-jiefang.json';

const encode = (value: unknown) =>
  new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));

/** Runs the checker on in-memory files; a path not in `files` is missing, as on disk. */
async function run(args: string[], files: Record<string, Uint8Array> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCheck(args, {
    readFile(path) {
      const bytes = files[path];
      if (bytes === undefined)
        throw Object.assign(new Error(`ENOENT: no such file, open '${path}'`), { code: 'ENOENT' });
      return bytes;
    },
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}

const fixtures = {
  [FIXTURE_2024]: readFileSync(`${root}/${FIXTURE_2024}`),
  [FIXTURE_2023]: readFileSync(`${root}/${FIXTURE_2023}`),
};

/** The 2024 report with its three real errors corrected (01 行51, 03 and 05 row 2080505 基本支出). */
function corrected2024(): Uint8Array {
  const report = loadSample('final-2024-gaoxin');
  let edits = 0;
  for (const table of report.tables) {
    for (const row of table.rows) {
      if (table.id === '公开01表' && row.hangci === 51 && row.side === 'expenditure') {
        row.values.expenseAmount = '2.23';
        edits++;
      }
      if ((table.id === '公开03表' || table.id === '公开05表') && row.code === '2080505') {
        row.values.basic = '32.42';
        edits++;
      }
    }
  }
  expect(edits).toBe(3);
  return encode(report);
}

const FILE_KEYS = [
  'department',
  'file',
  'findings',
  'kind',
  'missingTables',
  'notChecked',
  'tables',
  'template',
  'unit',
  'unplaced',
  'unrecognized',
  'year',
  'yearSource',
];
const FINDING_KEYS = ['actual', 'cells', 'diff', 'expected', 'message', 'ruleId', 'severity'];
const CELL_KEYS = ['column', 'hangci', 'row', 'side', 'table', 'value'];

interface JsonFinding {
  ruleId: string;
  severity: string;
  cells: Record<string, unknown>[];
  [key: string]: unknown;
}
interface JsonFile {
  findings: JsonFinding[];
  tables: { id: string; sheet: string | null; title: string | null }[];
  [key: string]: unknown;
}

describe('npm run check', () => {
  it('reports the 2024 document in Chinese and exits 1 for its errors', async () => {
    const { code, stdout, stderr } = await run([FIXTURE_2024], fixtures);
    expect(code).toBe(1);
    expect(stderr).toBe('');
    const lines = stdout.split('\n');
    expect(lines[0]).toBe(`文件：${FIXTURE_2024}`);
    expect(lines[1]).toContain('决算');
    expect(lines[1]).toContain('2024年度');
    expect(lines[1]).toContain('焦作高新技术产业开发区人力资源和社会保障局');
    expect(lines).toContain('公开01表');
    expect(stdout).toMatch(
      /^ {2}\[错误\] D05 公开01表 行51 二十一、国有资本经营预算支出 为 0\.90，应为 2\.23/mu,
    );
    expect(stdout).toMatch(/^ {2}\[尾差\] C01 /mu);
    expect(stdout).toMatch(/^ {2}\[提示\] D15 /mu);
    // Findings are grouped under their table: A04 comes after the 公开05表 heading, not before.
    expect(stdout.indexOf('[错误] A04')).toBeGreaterThan(stdout.indexOf('\n公开05表\n'));
    expect(stdout).toContain('小结：错误 5 条，尾差 28 条，提示 3 条。');
  });

  it('prints exactly the documented JSON shape', async () => {
    const { code, stdout } = await run(['--json', FIXTURE_2024], fixtures);
    expect(code).toBe(1);
    const result = JSON.parse(stdout) as { files: JsonFile[] };
    expect(Object.keys(result)).toEqual(['files']);
    expect(result.files).toHaveLength(1);
    const file = result.files[0]!;
    expect(Object.keys(file).sort()).toEqual(FILE_KEYS);
    expect(file).toMatchObject({
      file: FIXTURE_2024,
      kind: 'final',
      year: 2024,
      department: '焦作高新技术产业开发区人力资源和社会保障局',
      unit: '万元',
      template: { id: 'final-2024', title: '部门决算公开表（2024年度格式）' },
      unrecognized: [],
      missingTables: [],
      notChecked: [],
      unplaced: [],
    });
    // A .json report has no sheets; its tables' titles are those it was transcribed with.
    expect(file.tables).toEqual(
      loadSample('final-2024-gaoxin').tables.map((t) => ({
        id: t.id,
        sheet: null,
        title: (t as { title?: string }).title,
      })),
    );
    expect(file.findings.length).toBeGreaterThan(0);
    for (const finding of file.findings) {
      expect(Object.keys(finding).sort()).toEqual(FINDING_KEYS);
      expect(['error', 'rounding', 'warning']).toContain(finding.severity);
      for (const cell of finding.cells) expect(Object.keys(cell).sort()).toEqual(CELL_KEYS);
    }

    const d05 = file.findings.find((f) => f.ruleId === 'D05');
    expect(d05).toMatchObject({ severity: 'error', expected: '2.23', actual: '0.90', diff: '-1.33' });
    expect(d05!.cells[0]).toEqual({
      table: '公开01表',
      row: '二十一、国有资本经营预算支出',
      hangci: 51,
      side: '支出',
      column: '金额',
      value: '0.90',
    });
    const a04 = file.findings.find((f) => f.ruleId === 'A04' && f.cells[0]!.row === '2080505');
    expect(a04).toMatchObject({ severity: 'error' });
    expect(a04!.cells[0]).toMatchObject({
      table: '公开05表',
      column: '小计',
      value: '32.42',
      hangci: null,
      side: null,
    });
  });

  it('exits 0 for a report whose errors are corrected, while tails and hints remain', async () => {
    const files = { 'corrected.json': corrected2024() };
    expect(await run(['corrected.json'], files)).toMatchObject({ code: 0, stderr: '' });
    const { code, stdout } = await run(['--json', 'corrected.json'], files);
    expect(code).toBe(0);
    const findings = (JSON.parse(stdout) as { files: JsonFile[] }).files[0]!.findings;
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(new Set(findings.map((f) => f.severity))).toEqual(new Set(['rounding', 'warning']));
  });

  it('names an unreadable file in one line, exits 2, and still reports the other files', async () => {
    const files = { ...fixtures, '损坏.json': encode('PK\u0003\u0004 not json') };
    const text = await run([FIXTURE_2023, '损坏.json', '缺失.json'], files);
    expect(text.code).toBe(2);
    const errors = text.stderr.trimEnd().split('\n');
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^无法打开“损坏\.json”：.*不是 BudgetDesk 报表/u);
    expect(errors[1]).toBe('无法打开“缺失.json”：找不到这个文件');
    expect(text.stderr).not.toMatch(/\bat |Error/u);
    expect(text.stdout).toContain(`文件：${FIXTURE_2023}`);
    expect(text.stdout).toContain('共 3 个文件：1 个有错误，0 个没有错误，2 个无法审核。');

    const json = await run(['--json', '缺失.json', FIXTURE_2024], files);
    expect(json.code).toBe(2);
    expect(json.stderr).toContain('缺失.json');
    expect((JSON.parse(json.stdout) as { files: JsonFile[] }).files.map((f) => f.file)).toEqual([
      FIXTURE_2024,
    ]);
  });

  it('lists tables the template lacks, and refuses a file with no table it recognises', async () => {
    const report = loadSample('final-2024-gaoxin');
    report.tables.push({ id: '公开10表', rows: [] });
    const withExtra = await run(['--json', 'extra.json'], { 'extra.json': encode(report) });
    const file = (JSON.parse(withExtra.stdout) as { files: JsonFile[] }).files[0]!;
    expect(file.unrecognized).toEqual([
      { sheet: '公开10表', reason: expect.stringContaining('中没有“公开10表”') },
    ]);
    expect(file.tables).not.toContainEqual(expect.objectContaining({ id: '公开10表' }));

    const none = {
      kind: 'final',
      year: 2024,
      department: '某单位',
      unit: '万元',
      tables: [{ id: '附表一', rows: [] }],
    };
    const result = await run(['none.json'], { 'none.json': encode(none) });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^无法审核“none\.json”：文件中没有可识别的报表.*\n$/u);
    expect(result.stdout).toBe('');
  });

  it('exits 2 for a file type it cannot read, naming the file and the extension', async () => {
    const result = await run(['单位报表.ods'], { '单位报表.ods': new Uint8Array([0x50, 0x4b]) });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^无法审核“单位报表\.ods”：暂不支持 \.ods 文件.*\.json.*\n$/u);
    expect(result.stdout).toBe('');
  });

  it('checks the .xlsx file a finance office circulates, naming the sheet of each table', async () => {
    const xlsx = 'test/fixtures/xlsx/final-2024-gaoxin.xlsx';
    const result = await run(['--json', xlsx], { [xlsx]: readFileSync(`${root}/${xlsx}`) });
    expect(result.code).toBe(1);
    const [file] = (JSON.parse(result.stdout) as { files: JsonFile[] }).files;
    expect(file!.tables[0]).toEqual({ id: '公开01表', sheet: '收入支出决算总表', title: '收入支出决算总表' });
    expect(
      file!.findings
        .filter((f) => f.severity === 'error')
        .map((f) => f.ruleId)
        .sort(),
    ).toEqual(['A02', 'A04', 'C03', 'D05', 'D06']);
  });

  it.each([
    ['the JSON transcription', 'test/fixtures/budget-2025-jiaozuo.json', null],
    [
      'the .xlsx a finance office circulates',
      'test/fixtures/xlsx/budget-2025-jiaozuo.xlsx',
      '2025年部门收支预算表',
    ],
  ])(
    'reports a budget file (%s) as "kind": "budget", every table recognised',
    async (_what, path, firstSheet) => {
      const files = { [path]: readFileSync(`${root}/${path}`) };
      const json = await run(['--json', path], files);
      expect(json.code).toBe(1);
      const file = (JSON.parse(json.stdout) as { files: JsonFile[] }).files[0]!;
      expect(file).toMatchObject({
        kind: 'budget',
        year: 2025,
        department: '焦作市人力资源和社会保障局',
        unrecognized: [],
      });
      expect(file.tables.map((t) => t.id)).toEqual(budgetTemplate.tables.map((t) => t.id));
      expect(file.tables[0]).toEqual({ id: '收支总表', sheet: firstSheet, title: '2025年部门收支预算表' });
      // Every table equation holds in JZ25. The errors are the three figures 预算14表 states twice
      // differently (PD4); the hints are the 年终结转结余 label clash and three "≤" rates of 预算15表.
      const found = file.findings.map((f) => `${f.ruleId} ${f.severity}`);
      expect(found).toEqual([
        'X15b warning',
        'PD4 error',
        'PD4 error',
        'PD4 error',
        'PI2 warning',
        'PI2 warning',
        'PI2 warning',
      ]);

      const text = await run([path], files);
      expect(text.stdout.split('\n')[1]).toMatch(
        /^预算 {2}2025年度 {2}焦作市人力资源和社会保障局 {2}金额单位：万元 {2}按“部门预算公开表（2025年度格式）”读取$/u,
      );
      expect(text.stdout).not.toContain('未识别');
      expect(text.stdout).not.toContain('未载入');
    },
  );

  it('exits 2 for a broken .xlsx, naming it', async () => {
    const result = await run(['坏文件.xlsx'], { '坏文件.xlsx': new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]) });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^无法打开“坏文件\.xlsx”/u);
  });

  it('rejects an unknown option with the usage in Chinese', async () => {
    const result = await run(['--fix', FIXTURE_2024], fixtures);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('不认识的选项“--fix”');
    expect(result.stderr).toContain('用法：npm run check -- [--json] 文件...');
    expect((await run([], fixtures)).code).toBe(2);
  });

  it('gives a saved report’s own 情况说明 its narrative block, as --narrative does for a text file', async () => {
    const text = narrativeText('final-2024-gaoxin');
    const workbook = openWithNarrative('final-2024-gaoxin', text, S24_PUBLISHED);
    const files = {
      'saved.json': writeReportJson(workbook.toReport()),
      'text.txt': new TextEncoder().encode(text),
    };
    type WithNarrative = JsonFile & {
      narrative?: { file: string; sections: { title: string }[]; figures: { status: string }[] };
    };
    const own = (
      JSON.parse((await run(['--json', 'saved.json'], files)).stdout) as { files: WithNarrative[] }
    ).files[0]!;
    expect(own.narrative?.file).toBe('saved.json');
    expect(own.narrative?.sections.map((s) => s.title)).toContain('十三、预算绩效情况说明');
    expect(own.narrative?.figures.length).toBe(workbook.narrativeReport!.figures.length);
    expect(own.findings.some((f) => f.ruleId === 'E09')).toBe(true);
    // The same text given with --narrative (the saved 补充信息 kept) gives the same block and findings.
    const given = (
      JSON.parse((await run(['--json', 'saved.json', '--narrative', 'text.txt'], files)).stdout) as {
        files: WithNarrative[];
      }
    ).files[0]!;
    expect({ ...given.narrative, file: 'saved.json' }).toEqual(own.narrative);
    expect(given.findings).toEqual(own.findings);
    // A report without a text of its own has no block.
    const plain = (
      JSON.parse((await run(['--json', FIXTURE_2024], fixtures)).stdout) as { files: WithNarrative[] }
    ).files[0]!;
    expect(plain.narrative).toBeUndefined();
  });

  it('runs as a program', async () => {
    const child = spawnSync(
      'node',
      ['electron/cli/run.mjs', 'electron/cli/check.ts', '--json', FIXTURE_2024],
      { cwd: root, encoding: 'utf8', timeout: 60_000 },
    );
    expect(child.status).toBe(1);
    const result = JSON.parse(child.stdout) as { files: JsonFile[] };
    expect(result.files[0]!.findings.some((f) => f.ruleId === 'D05')).toBe(true);
  }, 60_000);
});
