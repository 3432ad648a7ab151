/** The status line: the last message, the finding counts and how long the last recalculation took. */
import type { Session } from '../model/session';
import { useCountsNow } from './useFindings';

export function StatusLine({ session }: { session: Session }) {
  const { total } = useCountsNow(session);
  return (
    <footer className="bd-status" role="status">
      <span className={session.message?.error ? 'bd-status-error' : ''}>
        {session.message?.text ?? '就绪'}
      </span>
      <span>
        错误 <b data-testid="total-error">{total.error}</b> · 尾差{' '}
        <b data-testid="total-rounding">{total.rounding}</b> · 提示 <b>{total.warning}</b>
      </span>
      <span data-testid="grid-zoom" title="Ctrl+滚轮 或 Ctrl+= / Ctrl+- 缩放表格，Ctrl+0 还原">
        表格 {Math.round(session.gridZoom * 100)}%
      </span>
      <span data-testid="recalc-ms">重算 {session.lastRecalcMs.toFixed(1)} ms</span>
    </footer>
  );
}
