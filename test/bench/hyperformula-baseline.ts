/**
 * Baseline: the three code-keyed tables 02, 03, 05 of a report as a HyperFormula 3.5 workbook
 * with a formula for every derived cell and one comparison formula per cross-table pair, so that
 * an edit makes HyperFormula do work comparable to "all totals and checks":
 *
 *   sheets '02', '03', '05': A code, B name, C row total, D… input columns; row 1 = 合计.
 *     row total (every row)       C{n} = SUM(D{n}:{last}{n})
 *     款, each input column        = SUM(X{first 项}:X{last 项})      (its 项 rows are contiguous)
 *     类, each input column        = SUM(X{款1}, X{款2}, …)
 *     合计, each input column      = SUM(X{类1}, X{类2}, …)
 *   sheet 'checks', one row per code (合计 included):
 *     B = ABS('02'!C - '03'!C)                    02 vs 03 row totals (D12)
 *     C, D, E = ABS('03'!C/D/E - '05'!C/D/E)      03 vs 05 total/小计, 基本, 项目 (D13)
 *
 * Limitation, by design of HyperFormula: numbers are IEEE-754 doubles. "0.1" is stored as
 * 0.1000000000000000055…, sums drift by ~1e-12 and a comparison like ABS(a−b) is only ≈ 0; a real
 * checker on top of it would need ROUND(…, 2) everywhere. BudgetDesk computes in exact decimals.
 * Not modelled here (kept to the three sheets the brief asks for): 01, 04, 06–09 and the 08 term
 * of D13 (so the 223 rows give a non-zero 03 vs 05 difference, which is expected).
 */
import { HyperFormula } from 'hyperformula';
import type { ConfigParams, RawCellContent, SimpleCellAddress } from 'hyperformula';
import type { ReportFile, ReportRow } from '../../shared/model/report';
import { CODE_TABLES, T02, T03, T05, type BenchCellEdit, type BenchCellRef } from './large-report';
import { msSince } from './measure';

export const SHEET_OF: Record<string, string> = { [T02]: '02', [T03]: '03', [T05]: '05' };
export const CHECK_SHEET = 'checks';

interface SheetIndex {
  sheet: number;
  /** code ('' for the 合计 row) → 0-based row */
  rowOf: Map<string, number>;
  /** column key → 0-based column */
  colOf: Map<string, number>;
}

export interface HfModel {
  hf: HyperFormula;
  /** wall-clock ms from the report object to a fully evaluated workbook */
  buildMs: number;
  sheets: Map<string, SheetIndex>;
  /** formulas in the workbook (derived cells + checks) */
  formulaCount: number;
  /** cells in the workbook (codes, names, numbers, formulas) */
  cellCount: number;
}

/** 0-based column index → A1 letters. */
export function colName(i: number): string {
  let s = '';
  let n = i + 1;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = (n - 1 - m) / 26;
  }
  return s;
}

const FIRST_AMOUNT_COL = 2; // C

function toNumber(s: string | null | undefined): number | null {
  if (s == null || s.trim() === '') return null;
  const n = Number(s);
  if (!Number.isFinite(n)) throw new Error(`not a number: ${s}`);
  return n;
}

function buildSheet(
  rows: readonly ReportRow[],
  keys: readonly string[],
): { data: RawCellContent[][]; formulas: number } {
  const lastCol = colName(FIRST_AMOUNT_COL + keys.length - 1);
  const firstInput = colName(FIRST_AMOUNT_COL + 1);
  // hierarchy: children (0-based row indexes) of each derived row
  const children = new Map<number, number[]>();
  const addChild = (parent: number, child: number) => {
    const list = children.get(parent);
    if (list) list.push(child);
    else children.set(parent, [child]);
  };
  let head = -1;
  let cls = -1;
  let kuan = -1;
  rows.forEach((r, i) => {
    const len = (r.code ?? '').length;
    if (len === 0) head = i;
    else if (len === 3) {
      cls = i;
      addChild(head, i);
    } else if (len === 5) {
      kuan = i;
      addChild(cls, i);
    } else if (len === 7) addChild(kuan, i);
    else throw new Error(`bad code ${r.code}`);
  });

  let formulas = 0;
  const data = rows.map((r, i): RawCellContent[] => {
    const n = i + 1;
    const line: RawCellContent[] = [r.code ?? null, r.name ?? null];
    line.push(`=SUM(${firstInput}${n}:${lastCol}${n})`);
    formulas++;
    const kids = children.get(i);
    for (let k = 1; k < keys.length; k++) {
      if (!kids) {
        line.push(toNumber(r.values[keys[k]!])); // a 项 input cell
        continue;
      }
      const col = colName(FIRST_AMOUNT_COL + k);
      const contiguous = kids.every((c, j) => j === 0 || c === kids[j - 1]! + 1);
      line.push(
        contiguous && kids.length > 1
          ? `=SUM(${col}${kids[0]! + 1}:${col}${kids[kids.length - 1]! + 1})`
          : `=SUM(${kids.map((c) => `${col}${c + 1}`).join(',')})`,
      );
      formulas++;
    }
    return line;
  });
  return { data, formulas };
}

/** Builds the HyperFormula workbook for 02/03/05 of `report` and times it (report → evaluated). */
export function buildHyperFormula(report: ReportFile, config: Partial<ConfigParams> = {}): HfModel {
  const start = process.hrtime.bigint();
  const sheetsData: Record<string, RawCellContent[][]> = {};
  const indexes = new Map<string, Omit<SheetIndex, 'sheet'> & { name: string }>();
  let formulaCount = 0;
  let cellCount = 0;
  for (const spec of CODE_TABLES) {
    const t = report.tables.find((x) => x.id === spec.id);
    if (!t) throw new Error(`report has no table ${spec.id}`);
    const keys = [spec.totalKey, ...spec.inputKeys];
    const { data, formulas } = buildSheet(t.rows, keys);
    const name = SHEET_OF[spec.id]!;
    sheetsData[name] = data;
    formulaCount += formulas;
    cellCount += data.length * (FIRST_AMOUNT_COL + keys.length);
    indexes.set(spec.id, {
      name,
      rowOf: new Map(t.rows.map((r, i) => [r.code ?? '', i])),
      colOf: new Map(keys.map((k, j) => [k, FIRST_AMOUNT_COL + j])),
    });
  }

  // cross-table comparisons
  const i02 = indexes.get(T02)!;
  const i03 = indexes.get(T03)!;
  const i05 = indexes.get(T05)!;
  const a1 = (
    idx: { name: string; rowOf: Map<string, number>; colOf: Map<string, number> },
    code: string,
    key: string,
  ) => `'${idx.name}'!${colName(idx.colOf.get(key)!)}${idx.rowOf.get(code)! + 1}`;
  const checks: RawCellContent[][] = [];
  for (const code of i03.rowOf.keys()) {
    const line: RawCellContent[] = [code === '' ? '合计' : code];
    line.push(i02.rowOf.has(code) ? `=ABS(${a1(i02, code, 'total')}-${a1(i03, code, 'total')})` : null);
    if (i05.rowOf.has(code)) {
      line.push(`=ABS(${a1(i03, code, 'total')}-${a1(i05, code, 'subtotal')})`);
      line.push(`=ABS(${a1(i03, code, 'basic')}-${a1(i05, code, 'basic')})`);
      line.push(`=ABS(${a1(i03, code, 'project')}-${a1(i05, code, 'project')})`);
    }
    formulaCount += line.filter((c) => typeof c === 'string' && c.startsWith('=')).length;
    cellCount += line.length;
    checks.push(line);
  }
  sheetsData[CHECK_SHEET] = checks;

  const hf = HyperFormula.buildFromSheets(sheetsData, { licenseKey: 'gpl-v3', ...config });
  const buildMs = msSince(start);

  const sheets = new Map<string, SheetIndex>();
  for (const [id, idx] of indexes) {
    const sheet = hf.getSheetId(idx.name);
    if (sheet === undefined) throw new Error(`sheet ${idx.name} missing`);
    sheets.set(id, { sheet, rowOf: idx.rowOf, colOf: idx.colOf });
  }
  return { hf, buildMs, sheets, formulaCount, cellCount };
}

export function addressOf(model: HfModel, ref: BenchCellRef): SimpleCellAddress {
  const s = model.sheets.get(ref.table);
  if (!s) throw new Error(`table not in the HyperFormula workbook: ${ref.table}`);
  const row = s.rowOf.get(ref.row ?? '');
  const col = s.colOf.get(ref.column);
  if (row === undefined || col === undefined)
    throw new Error(`no cell ${ref.table} ${ref.row} ${ref.column}`);
  return { sheet: s.sheet, row, col };
}

/**
 * One input edit: HyperFormula recalculates every dependent formula (totals and checks)
 * synchronously inside setCellContents. The value is a float (HyperFormula's number model).
 */
export function editHyperFormula(model: HfModel, ref: BenchCellRef, value: number): void {
  model.hf.setCellContents(addressOf(model, ref), value);
}

/** A pasted block: all cells set inside one hf.batch (a single recalculation at the end). */
export function pasteHyperFormula(model: HfModel, edits: readonly BenchCellEdit[]): void {
  const addrs = edits.map((e) => addressOf(model, e));
  model.hf.batch(() => {
    edits.forEach((e, i) => {
      model.hf.setCellContents(addrs[i]!, Number(e.text));
    });
  });
}

/** Current value of a cell, rounded to integer hundredths (for verification only). */
export function readHundredths(model: HfModel, ref: BenchCellRef): number {
  const v = model.hf.getCellValue(addressOf(model, ref));
  if (v === null) return 0;
  if (typeof v !== 'number') throw new Error(`${ref.table} ${ref.row} ${ref.column}: ${String(v)}`);
  return Math.round(v * 100);
}

/**
 * Statistics of the checks sheet, skipping rows for which `skip(code)` is true: the largest
 * comparison value and how many comparisons are not exactly 0 (float drift shows up here).
 */
export function checkStats(
  model: HfModel,
  skip: (code: string) => boolean = () => false,
): { count: number; nonZero: number; max: number } {
  const sheet = model.hf.getSheetId(CHECK_SHEET)!;
  let max = 0;
  let count = 0;
  let nonZero = 0;
  for (const line of model.hf.getSheetValues(sheet)) {
    if (skip(String(line[0]))) continue;
    for (const v of line.slice(1)) {
      if (typeof v !== 'number') continue;
      count++;
      if (v !== 0) nonZero++;
      if (v > max) max = v;
    }
  }
  return { count, nonZero, max };
}
