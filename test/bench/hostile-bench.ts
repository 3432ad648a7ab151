/**
 * `npm run bench:hostile [-- --before DIR]`: the checker on every hostile file of issue 14
 * (test/support/hostile-cases.ts) and on the 20,000-row benchmark workbook, each in a child process
 * of its own: exit code, time, resident memory before reading and its peak while reading (the peak
 * is reset just before, through /proc/self/clear_refs), and what the checker said: its one line on
 * stderr for a refused file, else its first line about a sheet or cell.
 *
 * --before DIR runs the same files through another copy of the program too (DIR holds its shared/
 * and electron/cli/, e.g. `git archive main shared electron/cli | tar -x -C DIR`), each child
 * stopped after BEFORE_TIMEOUT_S seconds, since the old reader runs for minutes on some of them.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Workbook } from '../../shared/engine/workbook';
import { writePublicationXlsx } from '../../shared/io/xlsx/publication';
import { HOSTILE_FILES } from '../support/hostile-cases';
import { generateLargeReport } from './large-report';

const BEFORE_TIMEOUT_S = 60;
/** The child's heap: enough for any file the reader accepts, small enough to stop a runaway early. */
const CHILD_HEAP_MB = 3072;

interface Measured {
  code: number | string;
  ms: number;
  rssBeforeMb: number;
  peakRssMb: number;
  line: string;
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** VmHWM (peak resident set) of this process, in bytes. */
function peakRss(): number {
  const kb = /VmHWM:\s+(\d+) kB/u.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
  return Number(kb) * 1024;
}

/** In the child: checks one file with the program under `root`, and prints what it measured as JSON. */
async function measureOne(root: string, path: string): Promise<void> {
  const { runCheck } = (await import(
    pathToFileURL(resolve(root, 'electron/cli/check.ts')).href
  )) as typeof import('../../electron/cli/check');
  globalThis.gc?.();
  const rssBefore = process.memoryUsage().rss;
  writeFileSync('/proc/self/clear_refs', '5');
  let stderr = '';
  let stdout = '';
  const started = process.hrtime.bigint();
  const code = await runCheck([path], {
    readFile: (p) => readFileSync(p),
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  // A refusal is stderr's one line; a file that was read is best shown by what it says about a sheet or cell.
  const lines = (stderr || stdout).split('\n').filter((l) => l.trim() !== '');
  const line = (stderr ? lines[0] : (lines.find((l) => /工作表“|缺少/u.test(l)) ?? lines[0])) ?? '';
  const measured: Measured = { code, ms, rssBeforeMb: mb(rssBefore), peakRssMb: mb(peakRss()), line };
  process.stdout.write(`@@${JSON.stringify(measured)}\n`);
}

/** Runs the child on one file and reads what it measured; a crash or a timeout is reported as such. */
function measure(root: string, path: string, timeoutS: number): Measured {
  const started = Date.now();
  const child = spawnSync(
    process.execPath,
    [
      `--max-old-space-size=${CHILD_HEAP_MB}`,
      '--expose-gc',
      'electron/cli/run.mjs',
      'test/bench/hostile-bench.ts',
      '--one',
      root,
      path,
    ],
    {
      encoding: 'utf8',
      timeout: timeoutS * 1000,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const reported = /^@@(.*)$/mu.exec(child.stdout ?? '')?.[1];
  if (reported) return JSON.parse(reported) as Measured;
  const ms = Date.now() - started;
  const why =
    child.error && (child.error as NodeJS.ErrnoException).code === 'ETIMEDOUT'
      ? `stopped after ${timeoutS} s`
      : `crashed (${child.signal ?? child.status})`;
  const lastLine =
    (child.stderr ?? '')
      .trim()
      .split('\n')
      .filter((l) => /heap|memory|Error/u.test(l))
      .at(0) ?? '';
  return { code: why, ms, rssBeforeMb: Number.NaN, peakRssMb: Number.NaN, line: lastLine.slice(0, 120) };
}

const cell = (m: Measured) =>
  `${m.code} | ${(m.ms / 1000).toFixed(2)} s | ${m.rssBeforeMb} → ${m.peakRssMb} MB`;

async function main(args: string[]): Promise<void> {
  if (args[0] === '--one') return measureOne(args[1]!, args[2]!);
  const beforeAt = args.indexOf('--before');
  const before = beforeAt >= 0 ? resolve(args[beforeAt + 1]!) : null;
  const folder = join(tmpdir(), 'budgetdesk-hostile');
  mkdirSync(folder, { recursive: true });
  const files = [
    ...HOSTILE_FILES,
    {
      file: '大报表-20000行.xlsx',
      build: async () => writePublicationXlsx(Workbook.open(generateLargeReport({ itemRows: 20_000 }))),
    },
  ];
  console.log(
    `| file | size | ${before ? 'before: exit | time | RSS before → peak | ' : ''}after: exit | time | RSS before → peak | after: first line |`,
  );
  console.log(`|---|---|${before ? '---|---|---|' : ''}---|---|---|---|`);
  for (const { file, build } of files) {
    const path = join(folder, file);
    const bytes = await build();
    writeFileSync(path, bytes);
    const old = before ? `${cell(measure(before, path, BEFORE_TIMEOUT_S))} | ` : '';
    const now = measure(process.cwd(), path, 600);
    console.log(
      `| ${file} | ${(bytes.length / 1024).toFixed(0)} KB | ${old}${cell(now)} | ${now.line.replace(/\|/gu, '\\|').slice(0, 160)} |`,
    );
  }
}

await main(process.argv.slice(2));
