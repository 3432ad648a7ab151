/** One tab per table, with its finding counts and a mark where the file did not have all of it. */
import type { TableInfo } from '../../shared/engine/structure';
import { tableCode } from '../../shared/model/template';
import type { Counts } from './useFindings';

interface Props {
  tables: readonly TableInfo[];
  activeId: string;
  countsByTable: Map<string, Counts>;
  unreadByTable: Map<string, string[]>;
  onActivate(id: string): void;
}

export function TableTabs({ tables, activeId, countsByTable, unreadByTable, onActivate }: Props) {
  return (
    <nav className="bd-tabs" role="tablist" aria-label="报表">
      {tables.map((t) => {
        const c = countsByTable.get(t.id);
        const unread = unreadByTable.get(t.id) ?? [];
        const title =
          unread.length > 0 ? `${t.template.title}\n未读入：${unread.join('；')}` : t.template.title;
        return (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={t.id === activeId}
            className={t.id === activeId ? 'active' : ''}
            onClick={() => onActivate(t.id)}
            title={title}
          >
            {tableCode(t.template)}
            {unread.length > 0 ? (
              <span className="bd-unread" aria-label="有未读入的内容">
                ◌
              </span>
            ) : null}
            {c?.error ? <span className="bd-badge bd-badge-error">{c.error}</span> : null}
            {c?.rounding ? <span className="bd-badge bd-badge-rounding">{c.rounding}</span> : null}
            {c?.warning ? <span className="bd-badge bd-badge-warning">{c.warning}</span> : null}
          </button>
        );
      })}
    </nav>
  );
}
