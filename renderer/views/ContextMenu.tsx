/**
 * Menus of actions of the action table: the right-click menu of a grid cell and the toolbar's
 * 更多 menu. Closed by a choice, a click elsewhere or Esc.
 */
import { useEffect } from 'react';
import { ACTION_BY_ID, actionLabel, type ActionContext, type ActionId } from '../actions';

const CELL_ITEMS: ActionId[] = ['insertRow', 'deleteRow', 'copy', 'paste', 'fillDown', 'explainCell'];

interface MenuProps {
  x: number;
  y: number;
  ctx: ActionContext;
  run(id: ActionId): void;
  onClose(): void;
}

export function ActionMenu({
  items,
  label,
  x,
  y,
  ctx,
  run,
  onClose,
}: MenuProps & { items: ActionId[]; label: string }) {
  useEffect(() => {
    const close = (e: Event) => {
      if (e instanceof KeyboardEvent) {
        if (e.key === 'Escape') onClose();
        return;
      }
      // A click on the menu's own items, or on the button that opened it (which closes it itself).
      if (e.target instanceof Element && e.target.closest('.bd-menu, [aria-expanded="true"]')) return;
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
      aria-label={label}
      style={{ left: Math.min(x, window.innerWidth - 180), top: Math.min(y, window.innerHeight - 200) }}
    >
      {items.map((id) => {
        const action = ACTION_BY_ID.get(id)!;
        const available = (action.shown?.(ctx) ?? true) && (action.enabled?.(ctx) ?? true);
        return (
          <li key={id} role="none">
            <button
              type="button"
              role="menuitem"
              disabled={!available}
              title={action.title}
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

export function ContextMenu(props: MenuProps) {
  return <ActionMenu items={CELL_ITEMS} label="单元格菜单" {...props} />;
}
