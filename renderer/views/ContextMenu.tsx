/** The right-click menu of a grid cell: actions of the action table, closed by a click elsewhere or Esc. */
import { useEffect } from 'react';
import { ACTION_BY_ID, actionLabel, type ActionContext, type ActionId } from '../actions';

const ITEMS: ActionId[] = ['insertRow', 'deleteRow', 'copy', 'paste', 'fillDown', 'explainCell'];

export function ContextMenu({
  x,
  y,
  ctx,
  run,
  onClose,
}: {
  x: number;
  y: number;
  ctx: ActionContext;
  run(id: ActionId): void;
  onClose(): void;
}) {
  useEffect(() => {
    const close = (e: Event) => {
      if (e instanceof KeyboardEvent && e.key !== 'Escape') return;
      if (e.target instanceof Node && document.querySelector('.bd-menu')?.contains(e.target)) return;
      onClose();
    };
    window.addEventListener('mousedown', close, true);
    window.addEventListener('keydown', close, true);
    return () => {
      window.removeEventListener('mousedown', close, true);
      window.removeEventListener('keydown', close, true);
    };
  }, [onClose]);
  return (
    <ul
      className="bd-menu"
      role="menu"
      aria-label="单元格菜单"
      style={{ left: Math.min(x, window.innerWidth - 180), top: Math.min(y, window.innerHeight - 200) }}
    >
      {ITEMS.map((id) => {
        const action = ACTION_BY_ID.get(id)!;
        const available = (action.shown?.(ctx) ?? true) && (action.enabled?.(ctx) ?? true);
        return (
          <li key={id} role="none">
            <button
              type="button"
              role="menuitem"
              disabled={!available}
              onClick={() => {
                onClose();
                run(id);
              }}
            >
              <span>{actionLabel(action, ctx).replace(/…$/u, '')}</span>
              {action.shortcut && <kbd>{action.shortcut}</kbd>}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
