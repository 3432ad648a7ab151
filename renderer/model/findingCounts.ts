/** How many findings of each severity there are: by table (the tabs), in the 情况说明 and in all (the status line). */
import type { Finding } from '../../shared/engine/findings';

export type Counts = Record<Finding['severity'], number>;

export interface FindingCounts {
  byTable: Map<string, Counts>;
  narrative: Counts;
  total: Counts;
}

const none = (): Counts => ({ error: 0, rounding: 0, warning: 0 });

export function countFindings(findings: readonly Finding[]): FindingCounts {
  const counts: FindingCounts = { byTable: new Map(), narrative: none(), total: none() };
  for (const f of findings) {
    counts.total[f.severity]++;
    if (f.location.kind === 'narrative') counts.narrative[f.severity]++;
    if (f.table === null) continue;
    let table = counts.byTable.get(f.table);
    if (!table) counts.byTable.set(f.table, (table = none()));
    table[f.severity]++;
  }
  return counts;
}
