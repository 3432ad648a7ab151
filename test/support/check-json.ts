/**
 * The program as the generated-file tests see it: the command-line checker's JSON (its stable
 * public interface), run on a file held in memory.
 */
import Decimal from 'decimal.js';
import { runCheck, type CheckedFile, type CheckedFinding } from '../../electron/cli/check';

export type { CheckedCell, CheckedFile, CheckedFinding } from '../../electron/cli/check';

export interface CheckRun {
  /** 0 no error finding, 1 an error finding, 2 unreadable. */
  code: number;
  file: CheckedFile | undefined;
  stderr: string;
}

/** `npm run check -- --json <path>` on bytes held in memory. */
export async function checkJson(path: string, bytes: Uint8Array): Promise<CheckRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCheck(['--json', path], {
    readFile: (p) => {
      if (p !== path) throw Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
      return bytes;
    },
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  const file = stdout ? (JSON.parse(stdout) as { files: CheckedFile[] }).files[0] : undefined;
  return { code, file, stderr };
}

const DECIMAL = /^-?\d+(\.\d+)?$/u;

/**
 * A finding as a comparable line: rule, severity, expected/actual/diff and every cited cell by
 * table, row, side and column with its value; the message (wording) is left out. Amounts are
 * compared as numbers ("0.90" = "0.9"), multiplied by `scale` (10000 to compare a 万元 file with its
 * 元 variant). Only findings about amounts are scaled: a text rule's figures (PD4's 万人) and
 * cited texts are not money.
 */
export function findingLine(finding: CheckedFinding, scale = 1): string {
  const aboutAmounts = finding.cells.every((c) => c.value === null || DECIMAL.test(c.value));
  const figure = (v: string | null) =>
    v !== null && aboutAmounts && DECIMAL.test(v) ? new Decimal(v).times(scale).toString() : String(v);
  const cells = finding.cells.map(
    (c) => `${c.table} ${c.row} ${c.side ?? ''} ${c.column ?? ''}=${figure(c.value)}`,
  );
  return `${finding.ruleId} ${finding.severity} expected ${figure(finding.expected)} actual ${figure(finding.actual)} diff ${figure(finding.diff)} | ${cells.join(' · ')}`;
}

/** Findings as sorted lines, for comparing two files' findings as multisets. */
export const findingLines = (findings: CheckedFinding[], scale = 1) =>
  findings.map((f) => findingLine(f, scale)).sort();

/** Two decimal strings are the same amount. */
export const sameAmount = (a: string | null, b: string | null) =>
  a !== null && b !== null && DECIMAL.test(a) && DECIMAL.test(b) && new Decimal(a).equals(b);
