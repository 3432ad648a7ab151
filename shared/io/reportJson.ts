/**
 * The program's own report file: the report as JSON (UTF-8), the same shape as the published
 * samples. Reading checks it against the report schema (shared/model/report.schema.json) and says
 * in Chinese what is wrong, naming the file and the field, before any of it is used.
 */
import type { OutputUnit } from '@cfworker/json-schema';
import type { ReportFile } from '../model/report';
import reportSchema from '../model/report.schema.json';
import { schemaProblems } from '../model/schema';

export class ReportFileError extends Error {
  override name = 'ReportFileError';
}

const MAX_BYTES = 100 * 1024 * 1024;
/** Problems listed in the message at most: the first few say what is wrong with the file. */
const MAX_PROBLEMS = 5;

function fail(fileName: string, why: string): never {
  throw new ReportFileError(`无法打开“${fileName}”：${why}`);
}

/** A value as the message shows it: what the file holds instead of the text of a number. */
function shown(value: unknown): string {
  if (typeof value === 'number') return `数 ${value}`;
  if (typeof value === 'boolean') return `是/否值 ${value}`;
  if (Array.isArray(value)) return '列表';
  return typeof value === 'object' && value !== null ? '对象' : JSON.stringify(value);
}

const at = (data: unknown, path: string[]): unknown =>
  path.reduce<unknown>(
    (value, key) =>
      typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined,
    data,
  );

/** The report's own words for its fields: 第 2 张表（公开02表）第 3 行的金额“本年收入”…, 年度（year）…. */
function explainer(data: unknown) {
  const tableName = (i: string) => {
    const id = at(data, ['tables', i, 'id']);
    return `第 ${Number(i) + 1} 张表${typeof id === 'string' ? `（${id}）` : ''}`;
  };
  return (unit: OutputUnit): string | null | undefined => {
    const path = unit.instanceLocation
      .replace(/^#\/?/u, '')
      .split('/')
      .filter(Boolean)
      .map(decodeURIComponent);
    const value = at(data, path);
    const missing = /"([^"]+)"/u.exec(unit.error)?.[1];
    const [first, table, rows, row, values, column] = path;
    // A field that fails its schema is said by that error; its object's "additional property" error says it again, less clearly.
    if (unit.keyword === 'additionalProperties') return null;
    if (
      first === 'tables' &&
      rows === 'rows' &&
      values === 'values' &&
      column !== undefined &&
      unit.keyword === 'type'
    ) {
      return `${tableName(table!)}第 ${Number(row) + 1} 行的金额“${column}”应为文本形式的数字（如 "12.50"）或 null，文件中是${shown(value)}`;
    }
    if (first === 'tables' && rows === 'rows' && path.length === 4 && unit.keyword === 'required')
      return `${tableName(table!)}第 ${Number(row) + 1} 行缺少 values`;
    if (first === 'tables' && path.length === 2 && unit.keyword === 'required')
      return `${tableName(table!)}缺少 id 或 rows`;
    if (first === 'narrative' && unit.keyword === 'type') {
      const part = { text: '情况说明的文字', supplementary: '补充信息', reasons: '原因说明' }[table ?? ''];
      if (part && path.length === 2) return `${part}（narrative.${table}）格式不对，文件中是${shown(value)}`;
      if (part && path.length === 3) return `${part}“${rows}”应为文字（如 "12.50"），文件中是${shown(value)}`;
    }
    if (first === 'year' && path.length === 1)
      return `年度（year）应为 1949 至 2100 之间的整数，文件中是${shown(value)}`;
    if (first === 'kind' && path.length === 1)
      return '未说明是决算还是预算报表（kind 应为 "final" 或 "budget"）';
    if (first === 'unit' && path.length === 1) return '金额单位（unit）只能是“万元”或“元”';
    if (path.length === 0 && unit.keyword === 'required') {
      return {
        tables: '文件中没有报表（缺少 tables）',
        year: '缺少年度（year）',
        kind: '未说明是决算还是预算报表（缺少 kind）',
        unit: '缺少金额单位（unit）',
      }[missing ?? ''];
    }
    return undefined;
  };
}

export function readReportJson(fileName: string, bytes: Uint8Array): ReportFile {
  if (bytes.length > MAX_BYTES) fail(fileName, '文件超过 100 MB，不是报表文件');
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    fail(fileName, '文件内容不是 BudgetDesk 报表（JSON）格式，可能已损坏或是其他类型的文件');
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    fail(fileName, '文件中没有报表（缺少 tables）');
  const problems = schemaProblems(reportSchema, data, MAX_PROBLEMS, explainer(data));
  if (problems.length > 0) fail(fileName, problems.join('；'));
  const report = data as ReportFile;
  return { ...report, department: report.department ?? '' };
}

export function writeReportJson(report: ReportFile): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(report, null, 1)}\n`);
}
