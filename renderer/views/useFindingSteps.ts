/**
 * F8 / Shift+F8: the next or previous finding in the order the 审核 panel lists them, across
 * tables. The walk starts from the finding under the cursor when there is one, so that clicking a
 * finding and pressing F8 goes on from there.
 */
import { useRef, useState } from 'react';
import { cellKey, type Finding } from '../../shared/engine/findings';
import type { Cursor } from '../model/cursor';
import type { Session } from '../model/session';

export function useFindingSteps(
  session: Session,
  findings: Finding[],
  cursor: Cursor,
  select: (f: Finding) => void,
) {
  /** The finding shown last, its cell, and where the cursor was when it was asked for. */
  const last = useRef<{ key: string; cell: string | null; from: string | null } | null>(null);
  /** The finding stepped to, for the 审核 panel to highlight. */
  const [stepped, setStepped] = useState<Finding | null>(null);
  const step = (step: 1 | -1, severity?: Finding['severity']) => {
    const list = findings.filter((f) => !severity || f.severity === severity);
    if (list.length === 0) return session.say(severity === 'error' ? '没有错误' : '没有审核发现的问题');
    const here = cursor.get()?.ref;
    const cellOf = (f: Finding | undefined) => (f?.cells[0]?.ref ? cellKey(f.cells[0].ref) : null);
    const hereKey = here ? cellKey(here) : null;
    const lastIndex = list.findIndex((f) => f.key === last.current?.key);
    // Until the user moves the cursor, F8 goes on from the last finding (a cell may carry several,
    // and a finding about a whole table leaves the cursor where it was); after a move it starts
    // from the finding under the cursor.
    const moved = hereKey !== null && hereKey !== last.current?.cell && hereKey !== last.current?.from;
    const atCursor = moved ? list.findIndex((f) => cellOf(f) === hereKey) : -1;
    const from = atCursor >= 0 ? atCursor : lastIndex;
    const index = from < 0 ? (step > 0 ? 0 : list.length - 1) : (from + step + list.length) % list.length;
    const finding = list[index]!;
    last.current = { key: finding.key, cell: cellOf(finding), from: hereKey };
    select(finding);
    setStepped(finding);
    session.say(`第 ${index + 1} 处，共 ${list.length} 处：${finding.title}`);
  };
  return { step, stepped };
}
