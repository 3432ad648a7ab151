/**
 * Every file format the program reads or writes, in one registry used by the checker, the window
 * and the desktop shell alike: which extensions a format has, how a report is read from it, and
 * whether (and how) a report can be saved back into it. A new format is one registration here; a
 * report opened from a format the program cannot write (a PDF) is saved as a new file of another
 * format, never over the file it came from.
 */
import type { TableInfo } from '../engine/structure';
import type { Workbook } from '../engine/workbook';
import type { ReportFile } from '../model/report';
import type { AmountUnit } from '../money/money';
import type { CsvImport as TableImport } from './csv';
import type { SheetMatch } from './grid/readGrids';

/** A report read from a file, with what the reader could tell about the file itself. */
export interface OpenedReport {
  report: ReportFile;
  /** Sheets (or pages) the tables were read from, when the file has such parts. */
  sheets?: SheetMatch[];
  unrecognized?: { sheet: string; reason: string }[];
  /** Cells that could not be read, in Chinese. */
  problems?: string[];
  /** Why the file was read as its template (how many of its parts were recognised, and how). */
  templateWhy?: string;
}

export interface SavedReport {
  bytes: Uint8Array;
  /** Figures the file has no place for, in Chinese (they are in the report, not in the file). */
  unplaced: string[];
}

export interface ReportFormat {
  id: string;
  /** As the open and save dialogs list it: Excel 工作簿. */
  label: string;
  /** Lower case, without the dot. */
  extensions: readonly string[];
  /** Reads a report, telling how far it has got (0 to 1) where it can; throws an Error whose Chinese message names the file. */
  read(fileName: string, bytes: Uint8Array, onProgress?: (fraction: number) => void): Promise<OpenedReport>;
  /**
   * The format has a layout of its own (sheets, styles, print settings) that saving keeps: the
   * report is written into the bytes it was opened from, which the window therefore keeps.
   */
  keepsLayout?: boolean;
  /**
   * Writes the report as a file of this format: into `original` (the bytes it was opened from)
   * where the format keeps its layout, else as a new file. Absent: the program cannot write this format.
   */
  write?(workbook: Workbook, original: Uint8Array | null, options: WriteOptions): Promise<SavedReport>;
}

export interface WriteOptions {
  /** Zeros left blank, as the window shows them (a new workbook's cells). */
  zeroAsBlank?: boolean;
}

/** A format one table goes out to and comes back from (CSV for Excel users). */
export interface TableFormat {
  id: string;
  label: string;
  extensions: readonly string[];
  write(workbook: Workbook, tableId: string): Promise<Uint8Array>;
  read(
    fileName: string,
    bytes: Uint8Array,
    table: TableInfo,
    reportUnit: AmountUnit | null,
  ): Promise<TableImport>;
}

const formats: ReportFormat[] = [];
const tableFormats: TableFormat[] = [];

/** Adds a format; returns what removes it again (for tests). */
export function registerFormat(format: ReportFormat): () => void {
  formats.push(format);
  return () => void formats.splice(formats.indexOf(format), 1);
}

export function registerTableFormat(format: TableFormat): () => void {
  tableFormats.push(format);
  return () => void tableFormats.splice(tableFormats.indexOf(format), 1);
}

export function tableFormat(id: string): TableFormat {
  const format = tableFormats.find((f) => f.id === id);
  if (!format) throw new UnknownFormatError(`程序不能导出或导入 ${id} 格式的表`);
  return format;
}

/**
 * The files a 情况说明 comes in (narrativeFile.ts reads them, narrativeDocx.ts writes the .docx):
 * named here so that the dialogs list them and the desktop shell lets them through.
 */
export const NARRATIVE_FORMATS = [
  { label: 'Word 文档', extensions: ['docx'] },
  { label: '文本文件', extensions: ['txt'] },
] as const;
export const NARRATIVE_EXTENSIONS: string[] = NARRATIVE_FORMATS.flatMap((f) => f.extensions);

/** A file dialog's filter for every format (reports, tables and the 情况说明's), by extension. */
export function fileFilters(): Map<string, { name: string; extensions: string[] }> {
  const filters = new Map<string, { name: string; extensions: string[] }>();
  for (const format of [...formats, ...tableFormats, ...NARRATIVE_FORMATS]) {
    for (const extension of format.extensions)
      filters.set(extension, { name: `${format.label} (*.${extension})`, extensions: [extension] });
  }
  return filters;
}

const extensionOf = (fileName: string): string => /\.([^./\\]+)$/u.exec(fileName)?.[1]?.toLowerCase() ?? '';

export function formatOf(fileName: string): ReportFormat | null {
  const extension = extensionOf(fileName);
  return formats.find((f) => f.extensions.includes(extension)) ?? null;
}

/** Formats a report can be opened from. */
export function readableFormats(): readonly ReportFormat[] {
  return formats;
}

/** Extensions a report can be opened from, for the open dialogs and the command line. */
export function readableExtensions(): string[] {
  return formats.flatMap((f) => f.extensions);
}

export class UnknownFormatError extends Error {
  override name = 'UnknownFormatError';
}

/** Reads a report with the format its name says. */
export async function readReportFile(
  fileName: string,
  bytes: Uint8Array,
  onProgress?: (fraction: number) => void,
): Promise<OpenedReport & { format: ReportFormat }> {
  const format = formatOf(fileName);
  if (!format) {
    const known = readableExtensions()
      .map((e) => `.${e}`)
      .join('、');
    throw new UnknownFormatError(`无法打开“${fileName}”：程序不认识这种文件（可以打开 ${known}）`);
  }
  return { ...(await format.read(fileName, bytes, onProgress)), format };
}

/**
 * The name and format a report is saved under: its own file when the program can write that
 * format, else the same name as a report file (.json), so that the file it came from stays as it was.
 */
export function saveTarget(fileName: string): {
  fileName: string;
  format: ReportFormat;
  intoOriginal: boolean;
} {
  const own = formatOf(fileName);
  if (own?.write) return { fileName, format: own, intoOriginal: true };
  const fallback = formats.find((f) => f.id === 'json' && f.write)!;
  return {
    fileName: `${fileName.replace(/\.[^./\\]+$/u, '')}.${fallback.extensions[0]}`,
    format: fallback,
    intoOriginal: false,
  };
}

registerFormat({
  id: 'xlsx',
  label: 'Excel 工作簿',
  extensions: ['xlsx'],
  keepsLayout: true,
  async read(fileName, bytes, onProgress) {
    const { readXlsx } = await import('./xlsx/readXlsx');
    const { report, tables, unrecognized, problems, templateWhy } = await readXlsx(
      fileName,
      bytes,
      undefined,
      onProgress,
    );
    return { report, sheets: tables, unrecognized, problems, templateWhy };
  },
  // Into the workbook it was opened from (only the changed figures); a report started in the
  // program as the publication workbook.
  async write(workbook, original, options) {
    if (original) {
      const { saveIntoXlsx } = await import('./xlsx/saveXlsx');
      const { bytes, unplaced } = await saveIntoXlsx(original, workbook);
      return { bytes, unplaced };
    }
    const { writePublicationXlsx } = await import('./xlsx/publication');
    return { bytes: await writePublicationXlsx(workbook, options), unplaced: [] };
  },
});

registerFormat({
  id: 'json',
  label: 'BudgetDesk 报表',
  extensions: ['json'],
  async read(fileName, bytes) {
    const { readReportJson } = await import('./reportJson');
    return { report: readReportJson(fileName, bytes) };
  },
  async write(workbook) {
    const { writeReportJson } = await import('./reportJson');
    return { bytes: writeReportJson(workbook.toReport()), unplaced: [] };
  },
});

registerTableFormat({
  id: 'csv',
  label: 'CSV 文件',
  extensions: ['csv'],
  async write(workbook, tableId) {
    const { exportTableCsv } = await import('./csv');
    return exportTableCsv(workbook, tableId);
  },
  async read(fileName, bytes, table, reportUnit) {
    const { importTableCsv } = await import('./csv');
    return importTableCsv(fileName, bytes, table, reportUnit);
  },
});
