/**
 * 审核: every finding, grouped by table and rule, with counts and a severity filter. Clicking a
 * finding opens its table and puts the cursor on its cell.
 */
import { useMemo, useState } from 'react';
import { SEVERITY_LABEL, type Finding, type NotChecked } from '../../shared/engine/findings';
import type { UnplacedFigure } from '../../shared/model/report';
import type { Severity } from '../../shared/engine/recalc';

const SEVERITIES = (['error', 'rounding', 'warning'] as const).map((id) => ({
  id,
  label: SEVERITY_LABEL[id],
}));

interface Props {
  findings: Finding[];
  /** How a table is headed: its printed number and, where the rules name it otherwise, that name (预算01表 收支总表). */
  tableName(id: string): string;
  onSelect(finding: Finding): void;
  /** A finding's message as the user reads it (amounts in the unit shown). */
  describe(finding: Finding): string;
  /** Checks not run because a figure they need is not in the file. */
  notChecked: NotChecked[];
  /** Figures in the file that could not be placed. */
  unplaced: UnplacedFigure[];
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
function groupOf(finding: Finding): string {
  if (finding.table !== null) return finding.table;
  return finding.location.kind === 'narrative' ? `情况说明 ${finding.location.section}` : '全文';
}

export function AuditPanel({ findings, tableName, onSelect, describe, notChecked, unplaced }: Props) {
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
      <div className="bd-audit-list">
        {[...groups.entries()].map(([table, rules]) => (
          <section key={table}>
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
                        onClick={() => onSelect(f)}
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
