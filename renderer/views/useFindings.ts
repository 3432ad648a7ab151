/** The findings of the open report, looked up the ways the window shows them. */
import { useEffect, useMemo, useState } from 'react';
import type { FindingCounts } from '../model/findingCounts';
import type { Session } from '../model/session';

/** The findings, what was not checked and what each table's file lacked, at the version the window draws. */
export function useFindings(session: Session, version: number) {
  const { workbook } = session;
  const tables = workbook.structure.tables;
  // The workbook changes in place; `version` says that it changed.
  /* eslint-disable react-hooks/exhaustive-deps */
  const findings = useMemo(() => session.findings(), [session, version]);
  const notChecked = useMemo(() => workbook.notChecked(), [workbook, version]);
  const unreadByTable = useMemo(
    () => new Map(tables.map((t) => [t.id, workbook.unreadOf(t.id)])),
    [workbook, tables, version],
  );
  /* eslint-enable react-hooks/exhaustive-deps */
  return { findings, notChecked, unreadByTable };
}

/**
 * The finding counts at every version, at once: the window follows an edit of cells in a
 * transition, after the key press's frame, but the tabs' and the status line's counts (the
 * 情况说明's among them, checked again with the tables) are drawn in that frame. A state of its
 * own, not `useSyncExternalStore`: a store read in the window's transition would make React draw
 * the whole window at once.
 */
export function useCountsNow(session: Session): FindingCounts {
  const [version, setVersion] = useState(session.version);
  useEffect(() => {
    const follow = () => setVersion(session.version);
    follow();
    return session.subscribe(follow);
  }, [session]);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => session.counts(), [session, version]);
}
