/**
 * Runs the action table (actions.ts) for the window: the desktop menu's commands and the key
 * presses of the whole window. The context is read through a ref, so that the handlers are
 * registered once and always see the window as it is now. The desktop menu is told which of its
 * commands cannot run now, to grey them as the toolbar does.
 */
import { useEffect } from 'react';
import { useLatest } from '../model/useLatest';
import {
  ACTION_BY_ID,
  actionForKey,
  DESKTOP_MENU_KEYS,
  keyName,
  type ActionContext,
  type ActionId,
  unavailableCommands,
} from '../actions';
import { host } from '../host';
import type { MenuCommand } from '../host/types';

export function useWindowActions(ctx: ActionContext): (id: ActionId) => void {
  const current = useLatest(ctx);

  useEffect(() => {
    const run = (id: ActionId) => {
      const action = ACTION_BY_ID.get(id);
      const now = current.current;
      if (action && (action.enabled?.(now) ?? true) && (action.shown?.(now) ?? true)) action.run(now);
    };
    const stopCommands = host.onCommand(run);
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      // A text box whose edits are commands of the workbook (the 情况说明) leaves undo and redo to the history.
      const inEditor =
        target?.closest('input, textarea, select') != null && target.closest('[data-history]') === null;
      // Right after a jump (Ctrl+Home, F8) the grid moves the keyboard to the new cell only once its
      // row is drawn; until then the keys go to the page, and the grid's keys are still the grid's.
      const inGrid = target?.closest('.bd-grid') != null || target === document.body;
      if (host.kind === 'electron' && DESKTOP_MENU_KEYS.has(keyName(event))) return;
      const action = actionForKey(event, { inEditor, inGrid });
      if (!action) return;
      event.preventDefault();
      event.stopPropagation();
      run(action.id);
    };
    // In the capture phase: the grid stops some keys (Ctrl+A) before they would bubble up here.
    window.addEventListener('keydown', onKey, true);
    return () => {
      stopCommands();
      window.removeEventListener('keydown', onKey, true);
    };
  }, [current]);

  // Said again only when it changed (the list is made anew at each render).
  const said = unavailableCommands(ctx).join();
  useEffect(() => host.setUnavailableCommands?.(said ? (said.split(',') as MenuCommand[]) : []), [said]);
  // Back on the start page the menu has nothing greyed, as before a report was opened.
  useEffect(() => () => host.setUnavailableCommands?.([]), []);

  return (id) => {
    const action = ACTION_BY_ID.get(id);
    if (action) action.run(current.current);
  };
}
