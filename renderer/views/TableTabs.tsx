/**
 * One tab per table, with its finding counts and a mark where the file did not have all of it;
 * then the 情况说明 tab, with the counts of its findings.
 */
import type { TableInfo } from '../../shared/engine/structure';
import { tableCode } from '../../shared/model/template';
import type { Counts } from './useFindings';

interface Props {
  tables: readonly TableInfo[];
  activeId: string;
  countsByTable: Map<string, Counts>;
  unreadByTable: Map<string, string[]>;
  onActivate(id: string): void;
  /** The 情况说明 tab, after the tables. */
  narrative: { active: boolean; counts: Counts; onActivate(): void };
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

export function TableTabs({ tables, activeId, countsByTable, unreadByTable, onActivate, narrative }: Props) {
  return (
    <nav className="bd-tabs" role="tablist" aria-label="报表">
      {tables.map((t) => {
        const c = countsByTable.get(t.id);
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
        <Badges counts={narrative.counts} />
      </button>
    </nav>
  );
}
