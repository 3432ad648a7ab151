/**
 * Benchmark entry: BudgetDesk vs HyperFormula 3.5 (baseline) on a large generated 决算 report.
 *
 *   npm run bench                      # 20,000 项 rows, readable table
 *   npm run bench -- --rows 2000       # quick run
 *   npm run -s bench -- --json         # exactly one JSON object on stdout (without -s, npm itself
 *                                      # prints its "> budgetdesk@0.1.0 bench" banner on stdout)
 *   options: --rows N (项 rows in all across 02/03/05), --seed N, --json
 *
 * Measures, per engine: load (report → every total and check computed; median of 3 loads), one
 * input edit until all totals and checks are current (median and p99 of 300 timed edits of random
 * 项 input cells, after 20 untimed warm-up edits; each edit toggles the cell between its original
 * value and original + δ, so it always changes something), a 500-cell paste (median of 5 blocks)
 * and heap per workbook (heapUsed delta, after forced GC, around the last of the 3 loads while the
 * earlier ones are still alive: the warm, marginal cost of one loaded workbook).
 *
 * The edits run in 7 rounds of 300, the two engines taking turns (which one goes first alternates),
 * so that whatever the machine does meanwhile (other processes, CPU clocks, GC of the other engine)
 * falls on both alike. Each round gives a ratio; the ratio printed is the median of the rounds',
 * with their range as its spread.
 *
 * `npm run bench` runs it under `node --expose-gc`, so that the heap figures are exact.
 */
import type { ReportFile } from '../../shared/model/report';
import { budgetDeskEngine, NOT_WIRED, type BenchEngine } from './budgetdesk-adapter';
import {
  buildHyperFormula,
  editHyperFormula,
  checkStats,
  pasteHyperFormula,
  readHundredths,
  type HfModel,
} from './hyperformula-baseline';
import {
  CODE_TABLES,
  countAmountCells,
  generateLargeReport,
  itemRowsOf,
  parseHundredths,
  pasteBlock,
  pickEditCells,
  type BenchCellEdit,
  type BenchCellRef,
} from './large-report';
import { toDecimalString } from '../../shared/money/money';
import { forceGc, gcAvailable, measureHeap, median, msSince, p99, timeIt } from './measure';

const EDITS = 300;
const ROUNDS = 7;
const WARMUP_EDITS = 20;
const PASTES = 5;
const PASTE_SIZE = 500;
const LOADS = 3;

// ---------------------------------------------------------------------------------------------
// Arguments and re-exec
// ---------------------------------------------------------------------------------------------

interface Args {
  json: boolean;
  rows: number;
  seed: number;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { json: false, rows: 20000, seed: 2024 };
  const intArg = (name: string, v: string | undefined): number => {
    const n = Number(v);
    if (v === undefined || !Number.isInteger(n) || n < 1) {
      throw new Error(
        `${name} needs a positive integer, got ${v === undefined ? 'nothing' : JSON.stringify(v)}`,
      );
    }
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.includes('=')
      ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]
      : [a, undefined];
    switch (flag) {
      case '--json':
        args.json = true;
        break;
      case '--rows':
        args.rows = intArg('--rows', inline ?? argv[++i]);
        break;
      case '--seed':
        args.seed = intArg('--seed', inline ?? argv[++i]);
        break;
      case '--help':
      case '-h':
        process.stdout.write('usage: npm run bench -- [--rows N] [--seed N] [--json]\n');
        return process.exit(0);
      default:
        throw new Error(`unknown argument ${a} (usage: npm run bench -- [--rows N] [--seed N] [--json])`);
    }
  }
  return args;
}

// ---------------------------------------------------------------------------------------------
// Workload (identical for both engines)
// ---------------------------------------------------------------------------------------------

interface Workload {
  warmup: BenchCellEdit[];
  /** ROUNDS rounds of EDITS edits each */
  rounds: BenchCellEdit[][];
  pastes: BenchCellEdit[][];
  /** expected 合计 row of 02/03/05 (hundredths) after warm-up + edits + pastes, in that order */
  expectedHeads: Map<string, Map<string, number>>;
}

const cellKey = (r: BenchCellRef) => `${r.table}\u0000${r.row}\u0000${r.column}`;

function buildWorkload(report: ReportFile, seed: number): Workload {
  const original = new Map<string, number>();
  const current = new Map<string, number>();
  for (const spec of CODE_TABLES) {
    for (const row of itemRowsOf(report, spec.id)) {
      for (const col of spec.inputKeys) {
        const k = cellKey({ table: spec.id, row: row.code ?? null, column: col });
        const v = parseHundredths(row.values[col]);
        original.set(k, v);
        current.set(k, v);
      }
    }
  }
  const heads = new Map<string, Map<string, number>>();
  for (const spec of CODE_TABLES) {
    const t = report.tables.find((x) => x.id === spec.id)!;
    const head = t.rows.find((r) => r.code == null)!;
    heads.set(
      spec.id,
      new Map([spec.totalKey, ...spec.inputKeys].map((k) => [k, parseHundredths(head.values[k])])),
    );
  }
  const apply = (e: BenchCellEdit) => {
    const k = cellKey(e);
    const before = current.get(k);
    if (before === undefined) throw new Error(`not an input cell: ${e.table} ${e.row} ${e.column}`);
    const after = parseHundredths(e.text);
    current.set(k, after);
    const head = heads.get(e.table)!;
    const spec = CODE_TABLES.find((s) => s.id === e.table)!;
    head.set(e.column, head.get(e.column)! + after - before);
    head.set(spec.totalKey, head.get(spec.totalKey)! + after - before);
  };
  // each edit toggles its cell between the original value and original + δ (δ = 1.00 … 1.49)
  let i = 0;
  const toggle = (refs: BenchCellRef[]): BenchCellEdit[] =>
    refs.map((ref) => {
      const k = cellKey(ref);
      const orig = original.get(k)!;
      const next = current.get(k) === orig ? orig + 100 + (i++ % 50) : orig;
      const e = { ...ref, text: toDecimalString(next) };
      apply(e);
      return e;
    });
  const warmup = toggle(pickEditCells(report, WARMUP_EDITS, seed + 1));
  const rounds = Array.from({ length: ROUNDS }, (_, r) =>
    toggle(pickEditCells(report, EDITS, seed + 2 + r * 101)),
  );
  const pastes: BenchCellEdit[][] = [];
  for (let p = 0; p < PASTES; p++) {
    const block = pasteBlock(report, PASTE_SIZE, seed + 10 + p);
    block.forEach(apply);
    pastes.push(block);
  }
  return { warmup, rounds, pastes, expectedHeads: heads };
}

// ---------------------------------------------------------------------------------------------
// Running one engine
// ---------------------------------------------------------------------------------------------

interface Runner<S> {
  load(report: ReportFile): { state: S; ms: number };
  edit(state: S, e: BenchCellEdit): void;
  paste(state: S, edits: BenchCellEdit[]): void;
  /** current value in hundredths, or undefined when the engine cannot be read */
  read?(state: S, ref: BenchCellRef): number;
  dispose?(state: S): void;
}

interface Result {
  status: 'ok' | 'not-wired' | 'error';
  message?: string;
  loadMs?: number;
  editMedian?: number;
  editP99?: number;
  paste?: number;
  heapMb?: number;
  /** heap delta of the first (cold) load, one-time initialisation included */
  heapColdMb?: number;
  heapExact?: boolean;
  /** ours/baseline of each edit round's median and p99 (BudgetDesk's result only) */
  roundRatios?: { median: number[]; p99: number[] };
  /** verification of the 合计 rows after the workload */
  verified?: 'ok' | 'skipped' | string;
  extra?: string;
}

/** An engine under measurement: its runner, its loaded workbook and what was measured so far. */
interface Subject<S> {
  runner: Runner<S>;
  state?: S;
  res: Result;
}

function fail(subject: Subject<unknown>, err: unknown): void {
  const msg = err instanceof Error ? err.message : String(err);
  subject.res = { status: msg === NOT_WIRED ? 'not-wired' : 'error', message: msg };
  if (subject.state !== undefined) subject.runner.dispose?.(subject.state);
  subject.state = undefined;
}

function load<S>(runner: Runner<S>, report: ReportFile, progress: (s: string) => void): Subject<S> {
  const subject: Subject<S> = { runner, res: { status: 'ok' } };
  const earlier: S[] = [];
  try {
    // LOADS loads; earlier instances stay alive while the next one is measured, so the heap delta
    // of the last load is the marginal, warm cost of one workbook (no one-time initialisation, no
    // memory of a previous instance being released in between — HyperFormula 3.5 frees a dropped
    // instance only when the next one is built).
    const loadTimes: number[] = [];
    const heaps: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      if (subject.state !== undefined) earlier.push(subject.state);
      const m = measureHeap(() => runner.load(report));
      subject.state = m.result.state;
      loadTimes.push(m.result.ms);
      heaps.push(m.mb);
      subject.res.heapExact = m.exact;
    }
    subject.res.heapMb = heaps[heaps.length - 1];
    subject.res.heapColdMb = heaps[0];
    subject.res.loadMs = median(loadTimes);
    progress(`  loaded (${loadTimes.map((x) => x.toFixed(0)).join(' / ')} ms)`);
  } catch (err) {
    fail(subject, err);
  } finally {
    for (const e of earlier) runner.dispose?.(e);
    forceGc();
  }
  return subject;
}

/** The timed edits of both engines, round by round, taking turns. */
function editInTurns(subjects: Subject<unknown>[], w: Workload, progress: (s: string) => void): void {
  const times = subjects.map(() => [] as number[][]);
  const edit = (i: number, edits: BenchCellEdit[]) => {
    const subject = subjects[i]!;
    if (subject.state === undefined) return edits.map(() => NaN);
    try {
      return edits.map((e) => timeIt(() => subject.runner.edit(subject.state, e)).ms);
    } catch (err) {
      fail(subject, err);
      return edits.map(() => NaN);
    }
  };
  subjects.forEach((_, i) => edit(i, w.warmup));
  w.rounds.forEach((round, r) => {
    const order = r % 2 === 0 ? subjects.map((_, i) => i) : subjects.map((_, i) => i).reverse();
    for (const i of order) times[i]!.push(edit(i, round));
    progress(`  edit round ${r + 1} of ${w.rounds.length}`);
  });
  subjects.forEach((subject, i) => {
    if (subject.state === undefined) return;
    const all = times[i]!.flat();
    subject.res.editMedian = median(all);
    subject.res.editP99 = p99(all);
  });
  const [ours, base] = [times[0]!, times[1]!];
  if (subjects.every((s) => s.state !== undefined)) {
    subjects[0]!.res.roundRatios = {
      median: ours.map((t, r) => median(t) / median(base[r]!)),
      p99: ours.map((t, r) => p99(t) / p99(base[r]!)),
    };
  }
}

/** Pastes, then checks the totals and lets the workbook go. */
function finish<S>(subject: Subject<S>, w: Workload): void {
  const s = subject.state;
  if (s === undefined) return;
  try {
    subject.res.paste = median(w.pastes.map((block) => timeIt(() => subject.runner.paste(s, block)).ms));
    subject.res.verified = verify(subject.runner, s, w);
  } catch (err) {
    fail(subject as Subject<unknown>, err);
  } finally {
    if (subject.state !== undefined) subject.runner.dispose?.(subject.state);
    subject.state = undefined;
    forceGc();
  }
}

function verify<S>(runner: Runner<S>, state: S, w: Workload): string {
  if (!runner.read) return 'skipped';
  const wrong: string[] = [];
  for (const [table, head] of w.expectedHeads) {
    for (const [column, expected] of head) {
      const got = runner.read(state, { table, row: null, column });
      if (got !== expected)
        wrong.push(`${table} 合计.${column}: ${toDecimalString(got)} ≠ ${toDecimalString(expected)}`);
    }
  }
  return wrong.length === 0 ? 'ok' : wrong.join('; ');
}

const hfRunner: Runner<HfModel> = {
  load(report) {
    const model = buildHyperFormula(report);
    return { state: model, ms: model.buildMs };
  },
  edit(model, e) {
    editHyperFormula(model, e, Number(e.text));
  },
  paste(model, edits) {
    pasteHyperFormula(model, edits);
  },
  read: readHundredths,
  dispose(model) {
    model.hf.destroy();
  },
};

function budgetDeskRunner(engine: BenchEngine): Runner<unknown> {
  const runner: Runner<unknown> = {
    load(report) {
      const copy = structuredClone(report); // the engine may keep or mutate its copy
      const t = process.hrtime.bigint();
      const state = engine.load(copy);
      return { state, ms: msSince(t) };
    },
    edit(state, e) {
      engine.edit(state, { table: e.table, row: e.row, column: e.column }, e.text);
    },
    paste(state, edits) {
      engine.paste(state, edits);
    },
  };
  if (engine.read) {
    const read = engine.read.bind(engine);
    runner.read = (state, ref) => parseHundredths(read(state, ref));
  }
  return runner;
}

// ---------------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------------

interface Measure {
  key: 'load' | 'editMedian' | 'editP99' | 'paste500' | 'heap';
  label: string;
  unit: 'ms' | 'MB';
  pick: (r: Result) => number | undefined;
  /** the ratio of each round, where the measure is taken in rounds */
  rounds?: (r: Result) => number[] | undefined;
}

const MEASURES: Measure[] = [
  { key: 'load', label: `载入/构建 Load (median of ${LOADS})`, unit: 'ms', pick: (r) => r.loadMs },
  {
    key: 'editMedian',
    label: `单格编辑 Edit 1 cell, median (n=${ROUNDS}×${EDITS})`,
    unit: 'ms',
    pick: (r) => r.editMedian,
    rounds: (r) => r.roundRatios?.median,
  },
  {
    key: 'editP99',
    label: `单格编辑 Edit 1 cell, p99 (n=${ROUNDS}×${EDITS})`,
    unit: 'ms',
    pick: (r) => r.editP99,
    rounds: (r) => r.roundRatios?.p99,
  },
  {
    key: 'paste500',
    label: `粘贴 Paste ${PASTE_SIZE} cells (median of ${PASTES})`,
    unit: 'ms',
    pick: (r) => r.paste,
  },
  { key: 'heap', label: '堆内存 Heap per workbook (warm)', unit: 'MB', pick: (r) => r.heapMb },
];

/** Display width: CJK and full-width characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w +=
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6)
        ? 2
        : 1;
  }
  return w;
}
const padEnd = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));
const padStart = (s: string, n: number) => ' '.repeat(Math.max(0, n - width(s))) + s;

function fmt(x: number): string {
  const a = Math.abs(x);
  return a < 1 ? x.toFixed(3) : a < 100 ? x.toFixed(2) : x.toFixed(1);
}

/** The ratio: of the whole measure, or where it is taken in rounds the median of the rounds' ratios, with their range. */
function ratioOf(
  m: Measure,
  bd: Result,
  hf: Result,
): { ratio: number; min?: number; max?: number } | undefined {
  const rounds = bd.status === 'ok' ? m.rounds?.(bd) : undefined;
  if (rounds && rounds.length > 0)
    return { ratio: median(rounds), min: Math.min(...rounds), max: Math.max(...rounds) };
  const ours = bd.status === 'ok' ? m.pick(bd) : undefined;
  const base = hf.status === 'ok' ? m.pick(hf) : undefined;
  if (ours === undefined || base === undefined || base === 0) return undefined;
  return { ratio: ours / base };
}

const ratioText = (x: number) => (x < 0.1 ? x.toPrecision(2) : x.toFixed(2));

function statusText(r: Result): string {
  if (r.status === 'not-wired') return '未接入';
  return '错误 error';
}

function printTable(
  args: Args,
  itemRows: number,
  cells: number,
  hfCells: number,
  formulas: number,
  bd: Result,
  hf: Result,
) {
  const head = [
    '指标 Measure',
    '单位 Unit',
    'BudgetDesk',
    'HyperFormula 3.5 (baseline)',
    '比值 ours/baseline (range of rounds)',
  ];
  const body = MEASURES.map((m) => {
    const o = m.pick(bd);
    const b = m.pick(hf);
    const r = ratioOf(m, bd, hf);
    return [
      m.label,
      m.unit,
      bd.status === 'ok' && o !== undefined ? fmt(o) : statusText(bd),
      hf.status === 'ok' && b !== undefined ? fmt(b) : statusText(hf),
      r === undefined
        ? '—'
        : `${ratioText(r.ratio)}×${r.min !== undefined ? ` (${ratioText(r.min)}–${ratioText(r.max!)})` : ''}`,
    ];
  });
  const widths = head.map((h, i) => Math.max(width(h), ...body.map((row) => width(row[i]!))));
  const line = (cols: string[]) =>
    cols.map((c, i) => (i === 0 ? padEnd(c, widths[i]!) : padStart(c, widths[i]!))).join('  ');
  const out: string[] = [];
  out.push('BudgetDesk 基准测试 benchmark — 部门决算公开表 (generated consolidated city report)');
  out.push(
    `工作簿 workbook: ${itemRows} 项 rows in 02/03/05 (${itemRows / 3} each), ${cells} amount cells in the nine tables; seed ${args.seed}`,
  );
  out.push(
    `HyperFormula workbook: ${hfCells} cells, ${formulas} formulas (totals, roll-ups and 02/03/05 comparisons)`,
  );
  out.push(
    `node ${process.version}; heap figures ${gcAvailable() ? 'exact (after forced GC)' : 'APPROXIMATE (no --expose-gc)'}`,
  );
  out.push('');
  out.push(line(head));
  out.push(widths.map((w) => '─'.repeat(w)).join('  '));
  for (const row of body) out.push(line(row));
  out.push('');
  if (bd.status === 'not-wired')
    out.push('BudgetDesk: 未接入 (engine not wired yet — see test/bench/budgetdesk-adapter.ts)');
  else if (bd.status === 'error') out.push(`BudgetDesk: 错误 error: ${bd.message}`);
  if (hf.status !== 'ok') out.push(`HyperFormula: 错误 error: ${hf.message}`);
  for (const [name, r] of [
    ['BudgetDesk', bd],
    ['HyperFormula', hf],
  ] as const) {
    if (r.status !== 'ok') continue;
    if (r.heapColdMb !== undefined)
      out.push(
        `${name}: heap delta of the first (cold) load ${fmt(r.heapColdMb)} MB (one-time initialisation included)`,
      );
    out.push(
      `${name}: 合计 rows after the workload ${r.verified === 'ok' ? 'verified ✓' : r.verified === 'skipped' ? 'not verified (no read())' : `WRONG: ${r.verified}`}`,
    );
    if (r.extra) out.push(`${name}: ${r.extra}`);
  }
  out.push(
    'HyperFormula computes in binary floating point (IEEE-754 doubles); BudgetDesk in exact decimals.',
  );
  process.stdout.write(out.join('\n') + '\n');
}

function printJson(itemRows: number, cells: number, bd: Result, hf: Result) {
  const measures: Record<
    string,
    {
      budgetdesk: number | null;
      hyperformula: number | null;
      ratio: number | null;
      spread?: [number | null, number | null];
      unit: 'ms' | 'MB';
    }
  > = {};
  const num = (x: number | undefined) =>
    x === undefined || !Number.isFinite(x) ? null : Number(x.toPrecision(6));
  for (const m of MEASURES) {
    const o = bd.status === 'ok' ? m.pick(bd) : undefined;
    const b = hf.status === 'ok' ? m.pick(hf) : undefined;
    const r = ratioOf(m, bd, hf);
    measures[m.key] = {
      budgetdesk: num(o),
      hyperformula: num(b),
      ratio: num(r?.ratio),
      ...(r?.min !== undefined ? { spread: [num(r.min), num(r.max)] as [number | null, number | null] } : {}),
      unit: m.unit,
    };
  }
  process.stdout.write(JSON.stringify({ workbook: { itemRows, cells }, measures }) + '\n');
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`bench: ${(err as Error).message}\n`);
    return 2;
  }
  if (!gcAvailable()) process.stderr.write('bench: global.gc unavailable — heap figures are approximate\n');

  const progress = (s: string) => {
    if (!args.json) process.stderr.write(s + '\n');
  };
  progress(`generating report (${args.rows} 项 rows, seed ${args.seed})…`);
  let report: ReportFile;
  try {
    report = generateLargeReport({ itemRows: args.rows, seed: args.seed });
  } catch (err) {
    process.stderr.write(`bench: ${(err as Error).message}\n`);
    return 2;
  }
  const itemRows = CODE_TABLES.reduce((s, spec) => s + itemRowsOf(report, spec.id).length, 0);
  const cells = countAmountCells(report);
  const workload = buildWorkload(report, args.seed);
  forceGc();

  progress('BudgetDesk: loading…');
  const ours = load(budgetDeskRunner(budgetDeskEngine), report, progress);

  let hfCells = 0;
  let formulas = 0;
  let checkNote = '';
  const probing: Runner<HfModel> = {
    ...hfRunner,
    load(r) {
      const out = hfRunner.load(r);
      if (!checkNote) {
        // (runs inside the first, cold load's heap measurement; its garbage is collected before the reading)
        // the unedited report is consistent: every comparison should be 0 except where 08 adds to 03
        const st = checkStats(out.state, (code) => code === '合计' || code.startsWith('223'));
        checkNote = `on the unedited report ${st.nonZero} of ${st.count} comparisons are non-zero (largest ${st.max.toExponential(2)}; 合计 and the 08 rows 223… excluded)`;
        hfCells = out.state.cellCount;
        formulas = out.state.formulaCount;
      }
      return out;
    },
  };
  progress('HyperFormula 3.5: loading…');
  const baseline = load(probing, report, progress);
  progress('editing in turns…');
  editInTurns([ours, baseline] as Subject<unknown>[], workload, progress);
  progress('pasting…');
  finish(ours, workload);
  finish(baseline, workload);
  const [bd, hf] = [ours.res, baseline.res];
  if (hf.status === 'ok') hf.extra = checkNote;
  for (const [name, r] of [
    ['BudgetDesk', bd],
    ['HyperFormula', hf],
  ] as const) {
    if (r.status === 'ok' && r.verified !== 'ok' && r.verified !== 'skipped') {
      process.stderr.write(`bench: ${name} results are wrong after the workload: ${r.verified}\n`);
    }
    if (r.status === 'error') process.stderr.write(`bench: ${name} failed: ${r.message}\n`);
  }

  if (args.json) printJson(itemRows, cells, bd, hf);
  else printTable(args, itemRows, cells, hfCells, formulas, bd, hf);
  const wrong = (r: Result) =>
    r.status === 'error' || (r.status === 'ok' && r.verified !== 'ok' && r.verified !== 'skipped');
  return wrong(hf) || wrong(bd) ? 1 : 0;
}

process.exitCode = await main();
