/** The findings of the open report, looked up the ways the window shows them: by cell, by table, the 情况说明's, in total. */
import { useMemo } from 'react';
import type { Finding } from '../../shared/engine/findings';
import type { Session } from '../model/session';

export type Counts = Record<Finding['severity'], number>;

export function useFindings(session: Session, version: number) {
  const { workbook } = session;
  const tables = workbook.structure.tables;
  // The workbook changes in place; `version` says that it changed.
  /* eslint-disable react-hooks/exhaustive-deps */
  const findings = useMemo(() => workbook.findings(), [workbook, version]);
  const notChecked = useMemo(() => workbook.notChecked(), [workbook, version]);
  const unreadByTable = useMemo(
    () => new Map(tables.map((t) => [t.id, workbook.unreadOf(t.id)])),
    [workbook, tables, version],
  );
  /* eslint-enable react-hooks/exhaustive-deps */
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const findingsByCell = useMemo(() => session.findingsByCell(), [session, version]);
  const countsByTable = useMemo(() => {
    const counts = new Map<string, Counts>();
    for (const f of findings) {
      if (f.table === null) continue;
      const c = counts.get(f.table) ?? { error: 0, rounding: 0, warning: 0 };
      c[f.severity]++;
      counts.set(f.table, c);
    }
    return counts;
  }, [findings]);
  const narrativeCounts = useMemo(() => {
    const counts: Counts = { error: 0, rounding: 0, warning: 0 };
    for (const f of findings) if (f.location.kind === 'narrative') counts[f.severity]++;
    return counts;
  }, [findings]);
  const total = useMemo(() => {
    const counts: Counts = { error: 0, rounding: 0, warning: 0 };
    for (const f of findings) counts[f.severity]++;
    return counts;
  }, [findings]);
  return { findings, notChecked, unreadByTable, findingsByCell, countsByTable, narrativeCounts, total };
}
