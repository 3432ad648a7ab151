/**
 * 查找 (Ctrl+F): finds a code, a name or a figure in every table; Enter goes to the next match
 * (Shift+Enter to the previous), opening its table; Esc closes.
 */
import { useState } from 'react';
import { findAll, type Match } from '../model/find';
import type { Session } from '../model/session';

export function FindBar({
  session,
  onGo,
  onClose,
}: {
  session: Session;
  onGo(match: Match): void;
  onClose(): void;
}) {
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<{
    query: string;
    version: number;
    matches: Match[];
    index: number;
  } | null>(null);

  const go = (step: 1 | -1) => {
    // Searched again when the text or the report changed since the last search.
    const fresh =
      found && found.query === query && found.version === session.version
        ? found
        : { query, version: session.version, matches: findAll(session, query), index: -1 };
    const n = fresh.matches.length;
    const index = n === 0 ? -1 : (fresh.index + step + n) % n;
    setFound({ ...fresh, index });
    if (index >= 0) onGo(fresh.matches[index]!);
  };

  const status =
    !found || found.query !== query
      ? ''
      : found.matches.length === 0
        ? '没有找到'
        : `第 ${found.index + 1} 处，共 ${found.matches.length} 处`;
  return (
    <div className="bd-find" role="search" aria-label="查找">
      <input
        autoFocus
        aria-label="查找内容"
        placeholder="科目编码、名称或金额"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') go(e.shiftKey ? -1 : 1);
          else if (e.key === 'Escape') onClose();
        }}
      />
      <button type="button" onClick={() => go(-1)} disabled={query.trim() === ''}>
        上一个
      </button>
      <button type="button" onClick={() => go(1)} disabled={query.trim() === ''}>
        下一个
      </button>
      <span className="bd-find-status" data-testid="find-status">
        {status}
      </span>
      <button type="button" aria-label="关闭查找" onClick={onClose}>
        ×
      </button>
    </div>
  );
}
