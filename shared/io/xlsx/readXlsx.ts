/**
 * Reads the .xlsx files finance offices circulate into grids of plain values (cached formula
 * results, since nothing is calculated; merged cells repeated), which the grid recogniser
 * (shared/io/grid) turns into a report. The archive and its XML are read as streams with limits
 * (./limits), so a hostile or broken file is refused with a message naming it, within seconds.
 */
import { builtInCatalog, type Catalog } from '../../templates/catalog';
import type { Grid } from '../grid/grid';
import { GridReadError, readGrids, type GridImport } from '../grid/readGrids';
import { MAX_FILE_BYTES } from './limits';
import { Refusal } from './refusal';
import { CellBudget, readSheetGrid } from './sheetGrid';
import { readWorkbookParts } from './workbookParts';
import { checkExpandedSize, openArchive } from './zipArchive';

export type { SheetMatch } from '../grid/readGrids';
export type XlsxImport = GridImport;

export class XlsxError extends Error {
  override name = 'XlsxError';
}

const NOT_XLSX = '不是有效的 Excel（.xlsx）文件，可能已损坏、加密或是其他格式';

interface Sheets {
  grids: Grid[];
  /** Sheets the workbook lists whose part the archive lacks, each with why. */
  missing: { sheet: string; reason: string }[];
}

/** How far reading has got, from 0 to 1: told after each sheet, for a progress bar. */
export type ReadProgress = (fraction: number) => void;

function readSheets(bytes: Uint8Array, onProgress: ReadProgress): Sheets {
  if (bytes.length > MAX_FILE_BYTES)
    throw new Refusal(
      `文件有 ${Math.round(bytes.length / 1024 / 1024)} MB，远大于报表文件（上限 ${MAX_FILE_BYTES / 1024 / 1024} MB）`,
    );
  const archive = openArchive(bytes);
  if (archive === null) throw new Refusal(NOT_XLSX);
  checkExpandedSize(archive);
  const cells = new CellBudget();
  const parts = readWorkbookParts(archive);
  const grids: Grid[] = [];
  const missing: Sheets['missing'] = [];
  // Recognising the tables is the last step, about as long as reading a sheet.
  const steps = parts.sheets.length + 1;
  for (const [i, sheet] of parts.sheets.entries()) {
    const grid = readSheetGrid(archive, sheet, parts, cells);
    onProgress((i + 1) / steps);
    if (grid) grids.push(grid);
    else
      missing.push({
        sheet: sheet.name,
        reason: `文件中缺少这张工作表的内容（${sheet.path ?? '工作簿中指向它的关系缺失'}），文件已损坏，这张表未能读入`,
      });
  }
  return { grids, missing };
}

export async function readXlsx(
  fileName: string,
  bytes: Uint8Array,
  catalog: Catalog = builtInCatalog,
  onProgress: ReadProgress = () => {},
): Promise<XlsxImport> {
  let sheets: Sheets;
  try {
    sheets = readSheets(bytes, onProgress);
  } catch (error) {
    if (error instanceof Refusal) throw new XlsxError(`无法打开“${fileName}”：${error.message}`);
    throw error;
  }
  const { grids, missing } = sheets;
  const missingText = missing.map((m) => `工作表“${m.sheet}”：${m.reason}`).join('；');
  if (grids.length === 0) throw new XlsxError(`无法打开“${fileName}”：${missingText || '文件中没有工作表'}`);
  try {
    const imported = readGrids(fileName, grids, catalog);
    return { ...imported, unrecognized: [...missing, ...imported.unrecognized] };
  } catch (error) {
    if (!(error instanceof GridReadError)) throw error;
    throw new XlsxError(missingText ? `${error.message}；另外，${missingText}` : error.message);
  }
}
