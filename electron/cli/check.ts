/**
 * The command-line checker for finance offices that collect many units' files:
 *
 *   npm run check -- [--json] FILE...
 *
 * Every file is opened, checked against its template's rules and reported: in Chinese for people,
 * or as one JSON object for other programs. Exit code 0 = no errors, 1 = some file has an error
 * finding, 2 = a file could not be checked (it is named on stderr; the other files are still
 * checked) or the command line is wrong. 2 wins over 1.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Workbook, type Finding, type NotChecked } from '../../shared/engine/workbook';
import { templateTableOf } from '../../shared/engine/structure';
import { SEVERITY_LABEL, type FindingCell } from '../../shared/engine/findings';
import type { Severity } from '../../shared/engine/recalc';
import type { ReportFile } from '../../shared/model/report';
import { formatOf, readableExtensions } from '../../shared/io/formats';
import { readNarrativeFile } from '../../shared/io/narrativeFile';
import type { FigureReport } from '../../shared/narrative/check';

export interface CheckIO {
  readFile(path: string): Uint8Array;
  stdout(text: string): void;
  stderr(text: string): void;
}

// ── the JSON shape (also what the Chinese text is printed from) ──────────────────────────

/** A finding cell without the program's internal address. */
export type CheckedCell = Omit<FindingCell, 'ref'>;

/** A finding as the checker prints it: without the program's key and title. */
export type CheckedFinding = Omit<Finding, 'key' | 'title' | 'table' | 'cells' | 'location'> & {
  cells: CheckedCell[];
  location?: Finding['location'];
};

/** Checks that could not be run, one line per rule, table and reason (with how many instances). */
export interface CheckedNotChecked {
  ruleId: string;
  table: string | null;
  reason: string;
  instances: number;
}

export interface CheckedFile {
  file: string;
  kind: ReportFile['kind'];
  /** null when the file does not say (see yearSource). */
  year: number | null;
  /** Where the year was read (a sheet's line, the file name), or null when nowhere. */
  yearSource: string | null;
  department: string;
  /** The unit the file's figures are in, or null when the file does not say. */
  unit: ReportFile['unit'];
  /** The template the file was read as, and why (for a file whose tables were recognised). */
  template: { id: string; title: string; why?: string };
  /** Tables of the file that the template has; `sheet` is the workbook sheet (null for .json), `title` as printed. */
  tables: { id: string; sheet: string | null; title: string | null }[];
  /** Tables the set requires that the file does not have. */
  missingTables: { id: string; title: string }[];
  /** Tables (or sheets) of the file that the template does not have. */
  unrecognized: { sheet: string; reason: string }[];
  /** Checks not run because a figure they need is not in the file (未核对). */
  notChecked: CheckedNotChecked[];
  /** Figures in the file the reader could not place (未读入). */
  unplaced: { sheet: string; cell: string; text: string; reason: string }[];
  findings: CheckedFinding[];
  /**
   * The 情况说明 checked with the tables: its sections, every figure and the figures not checked.
   * `file` is the text's file (--narrative), or the report file itself when a saved report's own text is checked.
   */
  narrative?: {
    file: string;
    sections: { title: string; start: number; end: number }[];
    figures: FigureReport[];
    notChecked: { ruleId: string; reason: string; location: Finding['location'] }[];
  };
}

// ── command line ─────────────────────────────────────────────────────────────────────────

const USAGE = [
  '用法：npm run check -- [--json] 文件...',
  '  逐个审核报表文件，在屏幕上列出错误、尾差和提示。',
  `  可读取的文件类型：${readableExtensions()
    .map((e) => `.${e}`)
    .join('、')}`,
  '  --json    以 JSON 格式输出审核结果（供其他程序读取）',
  '  --narrative 文件  与前面的报表文件一同审核情况说明（.docx 或 .txt）',
  '  --help    显示本说明',
  '退出码：0 没有错误；1 有错误；2 有文件无法审核或命令写法不对。',
].join('\n');

export async function runCheck(args: string[], io: CheckIO): Promise<number> {
  let json = false;
  const paths: string[] = [];
  /** The 情况说明 given for a tables file (by its index in paths). */
  const narratives = new Map<number, string>();
  let optionsEnded = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (optionsEnded || !arg.startsWith('-') || arg === '-') paths.push(arg);
    else if (arg === '--') optionsEnded = true;
    else if (arg === '--json') json = true;
    else if (arg === '--narrative') {
      const text = args[++i];
      if (text === undefined || paths.length === 0) {
        io.stderr(`--narrative 后面要写情况说明文件，并放在它所属的报表文件之后。\n${USAGE}\n`);
        return 2;
      }
      narratives.set(paths.length - 1, text);
    } else if (arg === '--help' || arg === '-h') {
      io.stdout(`${USAGE}\n`);
      return 0;
    } else {
      io.stderr(`不认识的选项“${arg}”。\n${USAGE}\n`);
      return 2;
    }
  }
  if (paths.length === 0) {
    io.stderr(`没有指定要审核的文件。\n${USAGE}\n`);
    return 2;
  }

  const checked: CheckedFile[] = [];
  let failed = false;
  for (const [index, path] of paths.entries()) {
    try {
      const { file, notLoaded } = await checkFile(path, io, narratives.get(index));
      checked.push(file);
      if (!json) io.stdout(formatText(file, notLoaded));
    } catch (error) {
      failed = true;
      // Readers name the file in their messages; other errors get it added.
      const message = oneLine(messageOf(error));
      io.stderr(`${message.includes(`“${path}”`) ? message : `无法审核“${path}”：${message}`}\n`);
    }
  }

  if (json) io.stdout(`${JSON.stringify({ files: checked }, null, 2)}\n`);
  else if (paths.length > 1) io.stdout(formatTotal(paths.length, checked));

  if (failed) return 2;
  return checked.some((f) => f.findings.some((x) => x.severity === 'error')) ? 1 : 0;
}

/**
 * Opens and checks one file. `notLoaded` are rows or values of recognised tables that had no
 * place in the template: the text report shows them, the JSON shape has no place for them.
 */
async function checkFile(
  path: string,
  io: CheckIO,
  narrativePath?: string,
): Promise<{ file: CheckedFile; notLoaded: string[] }> {
  const format = formatOf(path);
  if (!format) {
    const extension = /\.[^./\\]+$/u.exec(path)?.[0];
    const what = extension ? `${extension} 文件` : '没有扩展名的文件';
    throw new Error(
      `无法审核“${path}”：暂不支持 ${what}，目前可读取 ${readableExtensions()
        .map((e) => `.${e}`)
        .join('、')} 文件`,
    );
  }
  let bytes: Uint8Array;
  try {
    bytes = io.readFile(path);
  } catch (error) {
    throw new Error(`无法打开“${path}”：${readFailure(error)}`, { cause: error });
  }
  const opened = await format.read(path, bytes);
  const { report } = opened;
  const workbook = Workbook.open(report);
  if (narrativePath !== undefined) {
    let textBytes: Uint8Array;
    try {
      textBytes = io.readFile(narrativePath);
    } catch (error) {
      throw new Error(`无法打开“${narrativePath}”：${readFailure(error)}`, { cause: error });
    }
    workbook.setNarrative(await readNarrativeFile(narrativePath, textBytes));
  }

  // A file names a table by its template id, its printed number (预算01表) or its kind.
  const ids = report.tables
    .map((t) => templateTableOf(workbook.template, t)?.id)
    .filter((id) => id !== undefined);
  const known = new Set(ids);
  const sheetOf = (id: string) => opened.sheets?.find((s) => s.table === id)?.sheet ?? null;
  const titleOf = (id: string) =>
    report.tables.find((t) => templateTableOf(workbook.template, t)?.id === id)?.title ?? null;
  const tables = [...known].map((id) => ({ id, sheet: sheetOf(id), title: titleOf(id) }));
  if (tables.length === 0) {
    throw new Error(
      `无法审核“${path}”：文件中没有可识别的报表（模板“${workbook.template.name}”中没有其中任何一张表）`,
    );
  }
  const unrecognized = [
    ...(opened.unrecognized ?? []),
    ...workbook.problems
      .filter((p) => !known.has(p.table))
      .map((p) => ({ sheet: p.table, reason: p.message })),
  ];

  const file: CheckedFile = {
    file: path,
    kind: workbook.kind,
    year: workbook.year,
    yearSource: workbook.year === null ? null : (workbook.provenance.sources.year ?? null),
    department: workbook.department,
    unit: workbook.unit,
    template: {
      id: workbook.template.id,
      title: workbook.template.name,
      ...(opened.templateWhy ? { why: opened.templateWhy } : {}),
    },
    tables,
    missingTables: workbook.missingTables.map((id) => ({
      id,
      title: workbook.structure.tableById.get(id)!.template.title,
    })),
    unrecognized,
    notChecked: summariseNotChecked(workbook.notChecked()),
    unplaced: workbook.provenance.unplaced,
    findings: workbook.findings().map(toChecked),
  };
  // The text read with --narrative, or the one a saved report keeps with its tables.
  const narrative = workbook.narrativeReport;
  if (narrative) {
    file.narrative = {
      file: narrativePath ?? path,
      sections: narrative.sections.map(({ title, start, end }) => ({ title, start, end })),
      figures: narrative.figures,
      notChecked: narrative.notChecked.map(({ ruleId, reason, location }) => ({ ruleId, reason, location })),
    };
  }
  const notLoaded = [
    ...(opened.problems ?? []),
    ...workbook.problems.filter((p) => known.has(p.table)).map((p) => `${p.table}：${p.message}`),
  ];
  return { file, notLoaded };
}

function toChecked(finding: Finding): CheckedFinding {
  return {
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    cells: finding.cells.map(({ table, row, hangci, side, column, value }) => ({
      table,
      row,
      hangci,
      side,
      column,
      value,
    })),
    expected: finding.expected,
    actual: finding.actual,
    diff: finding.diff,
    // A finding not about a cell says where it is: a row, a table, the document or a span of the narrative.
    ...(finding.location.kind !== 'cell' ? { location: finding.location } : {}),
    ...(finding.location.kind === 'narrative' ? { printed: finding.printed ?? null } : {}),
  };
}

/** One line per rule, table and reason: a missing table leaves many instances of a rule unchecked for the same reason. */
function summariseNotChecked(items: NotChecked[]): CheckedNotChecked[] {
  const lines = new Map<string, CheckedNotChecked>();
  for (const { ruleId, table, reason } of items) {
    const key = `${ruleId}|${table}|${reason}`;
    const line = lines.get(key);
    if (line) line.instances++;
    else lines.set(key, { ruleId, table, reason, instances: 1 });
  }
  return [...lines.values()];
}

// ── Chinese text ─────────────────────────────────────────────────────────────────────────

function formatText(file: CheckedFile, notLoaded: string[]): string {
  const kind = file.kind === 'final' ? '决算' : '预算';
  const year = file.year === null ? '（文件中没有找到年度）' : `${file.year}年度`;
  const lines = [
    `文件：${file.file}`,
    `${kind}  ${year}  ${file.department || '（文件中没有找到部门名称）'}  金额单位：${file.unit ?? '（文件中没有注明）'}  按“${file.template.title}”读取`,
  ];
  for (const { sheet, reason } of file.unrecognized) lines.push(`  未识别“${sheet}”：${reason}`);
  for (const { id, title } of file.missingTables) lines.push(`  缺少 ${id}（${title}）`);
  for (const problem of notLoaded) lines.push(`  未载入 ${problem}`);
  for (const { sheet, cell, text, reason } of file.unplaced)
    lines.push(`  未读入 “${sheet}”${cell}“${text}”：${reason}`);
  for (const { ruleId, reason, instances } of file.notChecked)
    lines.push(`  未核对 ${ruleId}${instances > 1 ? `（${instances} 处）` : ''}：${reason}`);

  const byTable = new Map<string, CheckedFinding[]>();
  for (const finding of file.findings) {
    const table = finding.cells[0]?.table ?? '';
    byTable.set(table, [...(byTable.get(table) ?? []), finding]);
  }
  for (const [table, findings] of byTable) {
    lines.push(table);
    for (const f of findings) lines.push(`  [${SEVERITY_LABEL[f.severity]}] ${f.ruleId} ${f.message}`);
  }

  const count = (s: Severity) => file.findings.filter((f) => f.severity === s).length;
  lines.push(
    file.findings.length === 0
      ? '审核通过：没有发现问题。'
      : `小结：错误 ${count('error')} 条，尾差 ${count('rounding')} 条，提示 ${count('warning')} 条。`,
  );
  return `${lines.join('\n')}\n\n`;
}

function formatTotal(total: number, checked: CheckedFile[]): string {
  const withErrors = checked.filter((f) => f.findings.some((x) => x.severity === 'error')).length;
  const notChecked = total - checked.length;
  return `共 ${total} 个文件：${withErrors} 个有错误，${checked.length - withErrors} 个没有错误，${notChecked} 个无法审核。\n`;
}

// ── error messages ───────────────────────────────────────────────────────────────────────

function readFailure(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return '找不到这个文件';
  if (code === 'EISDIR') return '这是一个文件夹，不是文件';
  if (code === 'EACCES' || code === 'EPERM') return '没有读取这个文件的权限';
  return `读取失败（${typeof code === 'string' ? code : messageOf(error)}）`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/gu, ' ').trim();
}

// ── entry point ──────────────────────────────────────────────────────────────────────────

// Run only when started as a program (not when a test imports runCheck). exitCode rather than
// process.exit(): output to a pipe is written asynchronously on Windows and would be cut off.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runCheck(process.argv.slice(2), {
    readFile: (path) => readFileSync(path),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
}
