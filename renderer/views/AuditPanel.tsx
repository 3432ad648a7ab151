/**
 * 审核: every finding, grouped by table and rule, with counts and a severity filter. Clicking a
 * finding opens its table and puts the cursor on its cell.
 */
import { useMemo, useState } from 'react';
import type { Finding } from '../../shared/engine/findings';
import type { Severity } from '../../shared/engine/recalc';

const SEVERITIES: { id: Severity; label: string }[] = [
  { id: 'error', label: '错误' },
  { id: 'rounding', label: '尾差' },
  { id: 'warning', label: '提示' },
];

interface Props {
  findings: Finding[];
  /** How a table is headed: its printed number and, where the rules name it otherwise, that name (预算01表 收支总表). */
  tableName(id: string): string;
  onSelect(finding: Finding): void;
}

/** A finding is listed under its table, the section of the 情况说明 it is in, or the report as a whole. */
function groupOf(finding: Finding): string {
  if (finding.table !== null) return finding.table;
  return finding.location.kind === 'narrative' ? `情况说明 ${finding.location.section}` : '全文';
}

export function AuditPanel({ findings, tableName, onSelect }: Props) {
  const [shown, setShown] = useState<Set<Severity>>(new Set(['error', 'rounding', 'warning']));
  const counts = useMemo(() => Object.fromEntries(SEVERITIES.map((s) => [s.id, findings.filter((f) => f.severity === s.id).length])), [findings]);
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
              {tableName(table)} <span className="bd-count">{[...rules.values()].reduce((n, l) => n + l.length, 0)}</span>
            </h3>
            {[...rules.entries()].map(([ruleId, list]) => (
              <details key={ruleId} open>
                <summary>
                  <span className="bd-rule">{ruleId}</span> {list[0]!.title} <span className="bd-count">{list.length}</span>
                </summary>
                <ul>
                  {list.map((f) => (
                    <li key={f.key}>
                      <button type="button" className={`bd-finding bd-finding-${f.severity}`} onClick={() => onSelect(f)} title="定位到单元格">
                        {f.message}
                      </button>
                    </li>
                  ))}
                </ul>
              </details>
            ))}
          </section>
        ))}
      </div>
    </aside>
  );
}
