/**
 * `npm run bench:narrative [-- --json]`: what the 情况说明 adds to an edit in a table. On each
 * sample with its published text, 300 edits of 05 项 cells (each toggling a cell between its figure
 * and that figure + 1.00, after 20 untimed), every one of which moves a total the text quotes, so
 * that the text is checked again. Measured against two baselines: the same edits of the same
 * report without its text (the tables alone), and one frame at 60 Hz (16.7 ms), the time an edit's
 * marks have to be on screen. Also: checking the whole text once (setting it, as an import does),
 * and a text 20 times as long.
 */
import { readFileSync } from 'node:fs';
import { Workbook, type CellRef } from '../../shared/engine/workbook';
import { add, fromDecimalString, toDecimalString } from '../../shared/money/money';
import type { ReportFile } from '../../shared/model/report';
import { narrativeFromPlainText } from '../../shared/narrative/text';
import { median, p99, timeIt } from './measure';

const EDITS = 300;
const WARMUP = 20;
const FRAME_MS = 1000 / 60;
const LONG_TEXT_TIMES = 20;
const SAMPLES = ['final-2023-jiefang', 'final-2024-gaoxin'];
/** The table whose 项 are edited: the text quotes its totals. */
const TABLE = '公开05表';

/** The 05 项 input cells of a workbook, with their figures. */
function itemCells(workbook: Workbook): { ref: CellRef; value: string }[] {
  const table = workbook.structure.tableById.get(TABLE);
  if (!table) throw new Error('样本没有公开05表');
  const cells: { ref: CellRef; value: string }[] = [];
  for (const row of table.rows) {
    if (row.code?.length !== 7) continue; // 项
    for (const column of table.columns) {
      if (row.cells[column.index] === undefined) continue;
      const ref = { table: TABLE, row: row.key, column: column.key };
      const cell = workbook.cell(ref);
      if (!cell.computed && cell.value !== null) cells.push({ ref, value: cell.value });
    }
  }
  return cells;
}

/** Milliseconds of each timed edit, and how many of them checked the text again. */
function edits(workbook: Workbook): { ms: number[]; rechecked: number } {
  const cells = itemCells(workbook);
  const ms: number[] = [];
  let rechecked = 0;
  for (let i = 0; i < WARMUP + EDITS; i++) {
    const { ref, value } = cells[i % cells.length]!;
    const round = Math.floor(i / cells.length) % 2;
    const text = round === 0 ? toDecimalString(add(fromDecimalString(value), 100)) : value;
    const before = workbook.narrativeReport;
    const took = timeIt(() => workbook.set(ref, text)).ms;
    if (i < WARMUP) continue;
    ms.push(took);
    if (workbook.narrativeReport !== before) rechecked++;
  }
  return { ms, rechecked };
}

interface Measured {
  sample: string;
  cells: number;
  rechecked: number;
  withTextMedianMs: number;
  withTextP99Ms: number;
  tablesAloneMedianMs: number;
  /** With the text ÷ the tables alone. */
  ratio: number;
  /** The median edit with the text as a share of one frame. */
  ofFrame: number;
  wholeTextMs: number;
  /** The text LONG_TEXT_TIMES over, checked once: the check grows with the text, not with its square. */
  longTextMs: number;
}

function measure(sample: string): Measured {
  const report = JSON.parse(readFileSync(`test/fixtures/${sample}.json`, 'utf8')) as ReportFile;
  const text = readFileSync(`test/fixtures/narrative/${sample}.txt`, 'utf8').trim();
  const alone = Workbook.open({ ...report, narrative: undefined });
  const withText = Workbook.open({ ...report, narrative: { text } });
  const tables = edits(alone);
  const both = edits(withText);
  // Each time a slightly different text, so that nothing of the last check is kept.
  const wholeCheck = (of: string) => {
    const ms: number[] = [];
    for (let i = 0; i < 21; i++)
      ms.push(timeIt(() => withText.setNarrative(narrativeFromPlainText(`${of}${i % 2 ? '' : ' '}`))).ms);
    return median(ms);
  };
  const withTextMedianMs = median(both.ms);
  const tablesAloneMedianMs = median(tables.ms);
  return {
    sample,
    cells: itemCells(withText).length,
    rechecked: both.rechecked,
    withTextMedianMs,
    withTextP99Ms: p99(both.ms),
    tablesAloneMedianMs,
    ratio: withTextMedianMs / tablesAloneMedianMs,
    ofFrame: withTextMedianMs / FRAME_MS,
    wholeTextMs: wholeCheck(text),
    longTextMs: wholeCheck(Array.from({ length: LONG_TEXT_TIMES }, () => text).join('\n')),
  };
}

const results = SAMPLES.map(measure);
if (process.argv.includes('--json')) console.log(JSON.stringify(results));
else {
  console.log(
    `表中一次修改（${EDITS} 次的中位数）：含情况说明的重新核对，与只有表格、与一帧（${FRAME_MS.toFixed(1)} ms）相比`,
  );
  for (const r of results)
    console.log(
      `${r.sample.padEnd(20)} ${r.rechecked}/${EDITS} 次重核  含说明 ${r.withTextMedianMs.toFixed(2)} ms（p99 ${r.withTextP99Ms.toFixed(2)}）  只有表格 ${r.tablesAloneMedianMs.toFixed(2)} ms  比值 ${r.ratio.toFixed(1)}×  占一帧 ${(r.ofFrame * 100).toFixed(0)}%  整篇核对 ${r.wholeTextMs.toFixed(1)} ms（${LONG_TEXT_TIMES} 倍长 ${r.longTextMs.toFixed(1)} ms）`,
    );
}
