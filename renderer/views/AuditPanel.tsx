/**
 * 审核: every finding, grouped by table and rule, with counts and a severity filter. Clicking a
 * finding opens its table and puts the cursor on its cell. The panel follows the active table (its
 * group is scrolled to and marked) and keeps its place when an edit fixes the highlighted finding.
 */
import { memo, useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { useLatest } from '../model/useLatest';
import { keepPlace } from '../model/listPlace';
import { SEVERITY_LABEL, type Finding, type NotChecked } from '../../shared/engine/findings';
import type { UnplacedFigure } from '../../shared/model/report';
import type { Severity } from '../../shared/engine/recalc';

const SEVERITIES = (['error', 'rounding', 'warning'] as const).map((id) => ({
  id,
  label: SEVERITY_LABEL[id],
}));

interface Props {
  findings: Finding[];
  /** The table shown in the grid, or NARRATIVE_GROUP while the 情况说明 is: its group is brought into view. */
  activeTable: string;
  /** How a table is headed: its printed number and, where the rules name it otherwise, that name (预算01表 收支总表). */
  tableName(id: string): string;
  onSelect(finding: Finding): void;
  /** A finding's message as the user reads it (amounts in the unit shown). */
  describe(finding: Finding): string;
  /** Checks not run because a figure they need is not in the file. */
  notChecked: NotChecked[];
  /** Figures in the file that could not be placed. */
  unplaced: UnplacedFigure[];
  /** The finding F8 / Shift+F8 went to last: it takes the highlight. */
  stepped: Finding | null;
}

/** The checks not run, one line per reason (a missing table leaves many rules unchecked for one reason). */
function byReason(items: NotChecked[]): { reason: string; rules: string[]; count: number }[] {
  const lines = new Map<string, { reason: string; rules: Set<string>; count: number }>();
  for (const item of items) {
    const line = lines.get(item.reason) ?? { reason: item.reason, rules: new Set<string>(), count: 0 };
    line.rules.add(item.ruleId);
    line.count++;
    lines.set(item.reason, line);
  }
  return [...lines.values()].map((l) => ({ ...l, rules: [...l.rules] }));
}

/** A finding is listed under its table, the section of the 情况说明 it is in, or the report as a whole. */
/** The group the findings of the written text are listed under, one per section. */
export const NARRATIVE_GROUP = '情况说明';

function groupOf(finding: Finding): string {
  if (finding.table !== null) return finding.table;
  return finding.location.kind === 'narrative' ? `${NARRATIVE_GROUP} ${finding.location.section}` : '全文';
}

/** Whether a group belongs to what is in front: its table, or a section of the 情况说明 while that is shown. */
const inFront = (group: string | null, active: string) =>
  group === active || (active === NARRATIVE_GROUP && !!group?.startsWith(`${NARRATIVE_GROUP} `));

/**
 * The 审核 panel. Its list (hundreds of lines in a large report) is drawn again only when the
 * findings, the table in front or the step change, not whenever the window is: the names and
 * messages it asks for are read through the latest handlers.
 */
export function AuditPanel(props: Props) {
  const latestDescribe = useLatest(props.describe);
  const latestTableName = useLatest(props.tableName);
  const describe = useCallback((f: Finding) => latestDescribe.current(f), [latestDescribe]);
  const tableName = useCallback((id: string) => latestTableName.current(id), [latestTableName]);
  return <FindingsList {...props} describe={describe} tableName={tableName} />;
}

const FindingsList = memo(function FindingsList({
  findings,
  activeTable,
  tableName,
  onSelect,
  describe,
  notChecked,
  unplaced,
  stepped,
}: Props) {
  const [shown, setShown] = useState<Set<Severity>>(new Set(['error', 'rounding', 'warning']));
  const counts = useMemo(
    () =>
      Object.fromEntries(SEVERITIES.map((s) => [s.id, findings.filter((f) => f.severity === s.id).length])),
    [findings],
  );
  const groups = useMemo(() => {
    const byTable = new Map<string, Map<string, Finding[]>>();
    for (const f of findings) {
      if (!shown.has(f.severity)) continue;
      const group = groupOf(f);
      const rules = byTable.get(group) ?? new Map<string, Finding[]>();
      byTable.set(group, rules);
      rules.set(f.ruleId, [...(rules.get(f.ruleId) ?? []), f]);
    }
    return byTable;
  }, [findings, shown]);
  const list = useRef<HTMLDivElement>(null);
  const selected = useSelection(groups, activeTable, list, stepped);

  const toggle = (id: Severity) =>
    setShown((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <aside className="bd-audit" aria-label="审核结果">
      <header>
        <h2>审核</h2>
        <div className="bd-audit-filter" role="group" aria-label="按类别筛选">
          {SEVERITIES.map((s) => (
            <label key={s.id} className={`bd-chip bd-chip-${s.id}`}>
              <input type="checkbox" checked={shown.has(s.id)} onChange={() => toggle(s.id)} />
              {s.label} <b data-testid={`count-${s.id}`}>{counts[s.id]}</b>
            </label>
          ))}
        </div>
      </header>
      {findings.length === 0 && <p className="bd-audit-empty">未发现问题：所有审核公式均已通过。</p>}
      <div className="bd-audit-list" ref={list}>
        {[...groups.entries()].map(([table, rules]) => (
          <section
            key={table}
            data-group={table}
            className={inFront(table, activeTable) ? 'bd-audit-current' : undefined}
          >
            <h3>
              {tableName(table)}{' '}
              <span className="bd-count">{[...rules.values()].reduce((n, l) => n + l.length, 0)}</span>
            </h3>
            {[...rules.entries()].map(([ruleId, list]) => (
              <details key={ruleId} open>
                <summary>
                  <span className="bd-rule">{ruleId}</span> {list[0]!.title}{' '}
                  <span className="bd-count">{list.length}</span>
                </summary>
                <ul>
                  {list.map((f) => (
                    <li key={f.key}>
                      <button
                        type="button"
                        className={`bd-finding bd-finding-${f.severity}`}
                        data-finding={f.key}
                        aria-current={f.key === selected.key || undefined}
                        onClick={() => (selected.set(f.key), onSelect(f))}
                        title={f.location.kind === 'narrative' ? '打开情况说明中的这句话' : '定位到单元格'}
                      >
                        {describe(f)}
                      </button>
                    </li>
                  ))}
                </ul>
              </details>
            ))}
          </section>
        ))}
      </div>
      <GapsSection notChecked={notChecked} unplaced={unplaced} />
    </aside>
  );
});

/**
 * The few DOM operations the panel uses, typed here: the unit tests render the panel outside a
 * browser, where the DOM's own types are not loaded.
 */
interface Scrollable {
  scrollTop: number;
  offsetTop: number;
  scrollIntoView(options: { block: 'nearest' }): void;
  querySelector(selector: string): Scrollable | null;
}
const scrollable = (element: unknown) => element as Scrollable | null;
/** A value inside a quoted attribute selector. */
const attribute = (value: string) => value.replace(/["\\]/gu, '\\$&');

/**
 * The highlighted finding: the one clicked, or after an edit fixed it the one that followed it
 * (keepPlace). The list scrolls to the active table's group when the table changes, unless the
 * highlighted finding is in that table (it was clicked there, and stays in sight).
 */
function useSelection(
  groups: Map<string, Map<string, Finding[]>>,
  activeTable: string,
  list: RefObject<HTMLDivElement | null>,
  stepped: Finding | null,
) {
  const order = useMemo(
    () => [...groups.values()].flatMap((rules) => [...rules.values()].flat().map((f) => f.key)),
    [groups],
  );
  const [place, setPlace] = useState<{ key: string | null; order: string[] }>({ key: null, order });
  // Adjusted while rendering, as the list changes, so that the highlight never shows on a gone finding.
  if (place.order !== order)
    setPlace({ key: place.key === null ? null : keepPlace(place.order, place.key, order), order });
  const [steppedTo, setSteppedTo] = useState(stepped);
  if (stepped !== steppedTo) {
    setSteppedTo(stepped);
    if (stepped) setPlace({ key: stepped.key, order });
  }
  const key = place.key;
  const keyTable = useMemo(() => {
    for (const [table, rules] of groups)
      for (const findings of rules.values()) if (findings.some((f) => f.key === key)) return table;
    return null;
  }, [groups, key]);

  useEffect(() => {
    const box = scrollable(list.current);
    if (!box || inFront(keyTable, activeTable)) return;
    const group = box.querySelector(
      `[data-group="${attribute(activeTable)}"], [data-group^="${attribute(activeTable)} "]`,
    );
    // The list is the groups' offset parent (styles.css), so their offsetTop is within it.
    if (group) box.scrollTop = group.offsetTop;
    // Only a change of table scrolls: an edit within it leaves the list where the user has it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [activeTable, list]);
  useEffect(() => {
    if (key === null) return;
    scrollable(list.current)
      ?.querySelector(`[data-finding="${attribute(key)}"]`)
      ?.scrollIntoView({ block: 'nearest' });
  }, [key, list]);
  return { key, set: (next: string) => setPlace({ key: next, order }) };
}

/** What the checks could not do: rules not run for want of a figure, and what the reader could not place. */
function GapsSection({ notChecked, unplaced }: Pick<Props, 'notChecked' | 'unplaced'>) {
  const reasons = useMemo(() => byReason(notChecked), [notChecked]);
  if (reasons.length === 0 && unplaced.length === 0) return null;
  return (
    <section className="bd-audit-gaps" aria-label="未核对与未读入">
      {reasons.length > 0 && (
        <details open>
          <summary>
            未核对{' '}
            <span className="bd-count" data-testid="count-not-checked">
              {notChecked.length}
            </span>
          </summary>
          <p>文件中没有下列数字，用到它们的审核没有进行（不按 0 计算）：</p>
          <ul>
            {reasons.map((r) => (
              <li key={r.reason}>
                {r.reason}（{r.rules.join('、')}，{r.count} 处）
              </li>
            ))}
          </ul>
        </details>
      )}
      {unplaced.length > 0 && (
        <details open>
          <summary>
            未读入{' '}
            <span className="bd-count" data-testid="count-unplaced">
              {unplaced.length}
            </span>
          </summary>
          <ul>
            {unplaced.map((u) => (
              <li key={`${u.sheet}|${u.cell}|${u.text}`}>
                “{u.sheet}”{u.cell}“{u.text}”：{u.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
