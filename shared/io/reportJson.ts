/**
 * The program's own report file: the report as JSON (UTF-8), the same shape as the published
 * samples. Reading checks the shape and says in Chinese what is wrong, naming the file.
 */
import type { ReportFile } from '../model/report';

export class ReportFileError extends Error {
  override name = 'ReportFileError';
}

const MAX_BYTES = 100 * 1024 * 1024;

function fail(fileName: string, why: string): never {
  throw new ReportFileError(`无法打开“${fileName}”：${why}`);
}

export function readReportJson(fileName: string, bytes: Uint8Array): ReportFile {
  if (bytes.length > MAX_BYTES) fail(fileName, '文件超过 100 MB，不是报表文件');
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    fail(fileName, '文件内容不是 BudgetDesk 报表（JSON）格式，可能已损坏或是其他类型的文件');
  }
  const report = data as Partial<ReportFile>;
  if (typeof report !== 'object' || report === null || !Array.isArray(report.tables)) fail(fileName, '文件中没有报表（缺少 tables）');
  if (report.kind !== 'final' && report.kind !== 'budget') fail(fileName, '未说明是决算还是预算报表（kind）');
  if (!Number.isInteger(report.year)) fail(fileName, '缺少年度（year）');
  if (report.unit !== '万元' && report.unit !== '元') fail(fileName, '金额单位（unit）只能是“万元”或“元”');
  report.tables.forEach((table, i) => {
    if (typeof table?.id !== 'string' || !Array.isArray(table.rows)) fail(fileName, `第 ${i + 1} 张表缺少 id 或 rows`);
    table.rows.forEach((row, j) => {
      if (typeof row !== 'object' || row === null || typeof row.values !== 'object' || row.values === null) {
        fail(fileName, `${table.id} 第 ${j + 1} 行缺少 values`);
      }
    });
  });
  return { ...report, department: report.department ?? '' } as ReportFile;
}

export function writeReportJson(report: ReportFile): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(report, null, 1)}\n`);
}
