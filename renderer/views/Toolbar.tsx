/**
 * The toolbar: buttons for the actions of the action table (actions.ts), the unit shown and how
 * zeros are shown. Its buttons are the table's labels, shortcuts and enabled states.
 */
import { ACTION_BY_ID, actionLabel, type ActionContext, type ActionId } from '../actions';

/** The toolbar's groups, separated by a line. */
const GROUPS: ActionId[][] = [
  ['newOrOpen', 'open', 'save', 'print', 'exportPublication', 'exportCsv', 'importCsv'],
  ['undo', 'redo', 'adoptComputed'],
  ['previousFinding', 'nextFinding', 'find'],
  ['insertRow', 'deleteRow'],
  ['reportOptions'],
];

function ActionButton({ id, ctx, run }: { id: ActionId; ctx: ActionContext; run(id: ActionId): void }) {
  const action = ACTION_BY_ID.get(id)!;
  const title = action.shortcut
    ? action.title
      ? `${action.title}（${action.shortcut}）`
      : action.shortcut
    : action.title;
  return (
    <button type="button" onClick={() => run(id)} disabled={!(action.enabled?.(ctx) ?? true)} title={title}>
      {actionLabel(action, ctx)}
    </button>
  );
}

export function Toolbar({ ctx, run }: { ctx: ActionContext; run(id: ActionId): void }) {
  const { session } = ctx;
  const { display } = session;
  const groups = GROUPS.map((ids) => ids.filter((id) => ACTION_BY_ID.get(id)!.shown?.(ctx) ?? true)).filter(
    (ids) => ids.length > 0,
  );
  return (
    <header className="bd-toolbar" role="toolbar" aria-label="工具栏">
      <span className="bd-file" title={session.fileName}>
        {session.fileName}
        {session.dirty && <span aria-label="未保存"> ●</span>}
      </span>
      {groups.map((ids, i) => (
        <span key={ids[0]} className="bd-group">
          {i > 0 && <span className="bd-sep" />}
          {ids.map((id) => (
            <ActionButton key={id} id={id} ctx={ctx} run={run} />
          ))}
        </span>
      ))}
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
