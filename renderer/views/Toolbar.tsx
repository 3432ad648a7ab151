/**
 * The toolbar: buttons for the actions of the action table (actions.ts), the unit shown and how
 * zeros are shown. Its buttons are the table's labels, shortcuts and enabled states. It keeps to
 * one line (the tabs below never move): the actions of a day's work are buttons, the rarely used
 * ones are in the 更多 menu, and a long file name gives way (shortened with …, whole in its tooltip).
 */
import { useCallback, useState } from 'react';
import { ACTION_BY_ID, actionLabel, type ActionContext, type ActionId } from '../actions';
import { ActionMenu } from './ContextMenu';

/** The toolbar's groups, separated by a line. */
const GROUPS: ActionId[][] = [
  ['newOrOpen', 'open', 'save', 'print'],
  ['undo', 'redo', 'adoptComputed'],
  ['previousFinding', 'nextFinding', 'find'],
  ['insertRow', 'deleteRow'],
];
const MORE: ActionId[] = ['exportPublication', 'exportCsv', 'importCsv', 'reportOptions'];

function ActionButton({ id, ctx, run }: { id: ActionId; ctx: ActionContext; run(id: ActionId): void }) {
  const action = ACTION_BY_ID.get(id)!;
  // An action that does not apply to this table is greyed rather than left out: nothing moves between tabs.
  const available = (action.shown?.(ctx) ?? true) && (action.enabled?.(ctx) ?? true);
  const title = action.shortcut
    ? action.title
      ? `${action.title}（${action.shortcut}）`
      : action.shortcut
    : action.title;
  return (
    <button type="button" onClick={() => run(id)} disabled={!available} title={title}>
      {actionLabel(action, ctx)}
    </button>
  );
}

function MoreMenu({ ctx, run }: { ctx: ActionContext; run(id: ActionId): void }) {
  const [at, setAt] = useState<{ x: number; y: number } | null>(null);
  const close = useCallback(() => setAt(null), []);
  const items = MORE.filter((id) => ACTION_BY_ID.get(id)!.shown?.(ctx) ?? true);
  return (
    <>
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={at !== null}
        title="导出公开表、CSV 导入导出、报表设置"
        onClick={(e) => {
          const box = e.currentTarget.getBoundingClientRect();
          setAt(at ? null : { x: box.left, y: box.bottom + 2 });
        }}
      >
        更多 ▾
      </button>
      {at && <ActionMenu items={items} label="更多" x={at.x} y={at.y} ctx={ctx} run={run} onClose={close} />}
    </>
  );
}

export function Toolbar({ ctx, run }: { ctx: ActionContext; run(id: ActionId): void }) {
  const { session } = ctx;
  const { display } = session;
  return (
    <header className="bd-toolbar" role="toolbar" aria-label="工具栏">
      <span className="bd-file" title={session.fileName}>
        {session.fileName}
      </span>
      {/* Always there, shown or not: the buttons after it do not shift when an edit marks the report. */}
      <span
        className="bd-dirty"
        aria-label={session.dirty ? '未保存' : undefined}
        title={session.dirty ? '有未保存的修改' : undefined}
      >
        {session.dirty ? '●' : ''}
      </span>
      {GROUPS.map((ids, i) => (
        <span key={ids[0]} className="bd-group">
          {i > 0 && <span className="bd-sep" />}
          {ids.map((id) => (
            <ActionButton key={id} id={id} ctx={ctx} run={run} />
          ))}
        </span>
      ))}
      <span className="bd-group">
        <span className="bd-sep" />
        <MoreMenu ctx={ctx} run={run} />
      </span>
      <label>
        单位
        <select
          aria-label="显示单位"
          value={display.unit ?? ''}
          disabled={display.unit === null}
          onChange={(e) => session.setDisplay({ unit: e.target.value as '万元' | '元' })}
        >
          <option value="万元">万元</option>
          <option value="元">元</option>
        </select>
      </label>
      <label>
        <input
          type="checkbox"
          checked={display.zeroAsBlank}
          onChange={(e) => session.setDisplay({ zeroAsBlank: e.target.checked })}
        />
        零值显示为空白
      </label>
    </header>
  );
}
