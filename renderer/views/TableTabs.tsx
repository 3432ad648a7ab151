/**
 * One tab per table, with its finding counts and a mark where the file did not have all of it;
 * then the 情况说明 tab, with the counts of its findings.
 */
import type { TableInfo } from '../../shared/engine/structure';
import { tableCode } from '../../shared/model/template';
import type { Counts } from '../model/findingCounts';
import type { Session } from '../model/session';
import { useCountsNow } from './useFindings';

interface Props {
  tables: readonly TableInfo[];
  session: Session;
  activeId: string;
  unreadByTable: Map<string, string[]>;
  onActivate(id: string): void;
  /** The 情况说明 tab, after the tables. */
  narrative: { active: boolean; onActivate(): void };
}

function Badges({ counts }: { counts: Counts | undefined }) {
  return (
    <>
      {counts?.error ? <span className="bd-badge bd-badge-error">{counts.error}</span> : null}
      {counts?.rounding ? <span className="bd-badge bd-badge-rounding">{counts.rounding}</span> : null}
      {counts?.warning ? <span className="bd-badge bd-badge-warning">{counts.warning}</span> : null}
    </>
  );
}

export function TableTabs({ tables, session, activeId, unreadByTable, onActivate, narrative }: Props) {
  const counts = useCountsNow(session);
  return (
    <nav className="bd-tabs" role="tablist" aria-label="报表">
      {tables.map((t) => {
        const c = counts.byTable.get(t.id);
        const selected = t.id === activeId && !narrative.active;
        const unread = unreadByTable.get(t.id) ?? [];
        const title =
          unread.length > 0 ? `${t.template.title}\n未读入：${unread.join('；')}` : t.template.title;
        return (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={selected}
            className={selected ? 'active' : ''}
            onClick={() => onActivate(t.id)}
            title={title}
          >
            {tableCode(t.template)}
            {unread.length > 0 ? (
              <span className="bd-unread" aria-label="有未读入的内容">
                ◌
              </span>
            ) : null}
            <Badges counts={c} />
          </button>
        );
      })}
      <button
        type="button"
        role="tab"
        aria-selected={narrative.active}
        className={`bd-tab-narrative${narrative.active ? ' active' : ''}`}
        onClick={narrative.onActivate}
        title="情况说明：文字、补充信息，导入和导出 Word"
      >
        情况说明
        <Badges counts={counts.narrative} />
      </button>
    </nav>
  );
}
