import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ReportFile } from '../../shared/model/report';

export interface Anomaly {
  table: string;
  row: string;
  column: string | null;
  printed: string | null;
  expected: string | null;
  ruleId: string;
  /** The budget sample names the rule `rule` and has a `terminology` class for label clashes. */
  rule?: string;
  severity: 'error' | 'rounding' | 'warning' | 'terminology';
}

export type Sample = ReportFile & { anomalies: Anomaly[] };

/** A published document transcribed as JSON (copied from shared/samples into test/fixtures). */
export function loadSample(name: 'final-2023-jiefang' | 'final-2024-gaoxin' | 'budget-2025-jiaozuo'): Sample {
  const path = fileURLToPath(new URL(`../fixtures/${name}.json`, import.meta.url));
  return JSON.parse(readFileSync(path, 'utf8')) as Sample;
}
