/**
 * The workbook window: the header block of the active table, one tab per table with its finding
 * counts, the grid, the audit panel and a status line. Ctrl+Z / Ctrl+Y undo and redo across the
 * whole workbook; Ctrl+S saves.
 */
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { Finding } from '../../shared/engine/findings';
import { host } from '../host';
import type { Session } from '../model/session';
import { AddRowDialog, type AddRequest } from './AddRowDialog';
import { MetaLine } from './MetaLine';
import { OptionsDialog } from './OptionsDialog';
import { AuditPanel } from './AuditPanel';
import { PrintDialog } from '../print/PrintDialog';
import { TableGrid, type FocusRequest } from './TableGrid';
import { cellKey } from '../../shared/engine/findings';
import { findingMessage } from '../model/display';
import type { GridRow } from '../../shared/layout/gridModel';
import { blockOf } from '../../shared/engine/listedRows';
import type { RowInfo } from '../../shared/engine/structure';
import { tableCode } from '../../shared/model/template';

interface Props {
  session: Session;
  onSave(): void;
  onExport(): void;
  onExportCsv(tableId: string): void;
  onImportCsv(tableId: string): void;
  onClose(): void;
  onOpen(): void;
}

export function WorkbookView({ session, onSave, onExport, onExportCsv, onImportCsv, onClose, onOpen }: Props) {
  const version = useSyncExternalStore(session.subscribe, session.getVersion);
  const workbook = session.workbook;
  const tables = workbook.structure.tables;
  const [activeId, setActiveId] = useState(tables[0]!.id);
  const [focusRequest, setFocusRequest] = useState<FocusRequest | null>(null);
  // A ref, not state: moving the cursor must not re-render the window while the user types.
  const currentRow = useRef<GridRow | null>(null);
  const setCurrentRow = useCallback((row: GridRow | null) => (currentRow.current = row), []);
  /** The insert dialog, with the row the cursor was on when it opened. */
  const [adding, setAdding] = useState<{ near: RowInfo | null } | null>(null);
  const [printing, setPrinting] = useState(false);
  const [editingOptions, setEditingOptions] = useState(false);
  const active = workbook.structure.tableById.get(activeId)!;

  const findings = useMemo(() => workbook.findings(), [workbook, version]);
  const notChecked = useMemo(() => workbook.notChecked(), [workbook, version]);
  const unreadByTable = useMemo(() => new Map(tables.map((t) => [t.id, workbook.unreadOf(t.id)])), [workbook, tables, version]);
  const findingsByCell = useMemo(() => {
    const map = new Map<string, Finding[]>();
    for (const f of findings) {
      const ref = f.cells[0]?.ref;
      if (ref) map.set(cellKey(ref), [...(map.get(cellKey(ref)) ?? []), f]);
    }
    return map;
  }, [findings]);
  const countsByTable = useMemo(() => {
    const counts = new Map<string, Record<Finding['severity'], number>>();
    for (const f of findings) {
      if (f.table === null) continue;
      const c = counts.get(f.table) ?? { error: 0, rounding: 0, warning: 0 };
      c[f.severity]++;
      counts.set(f.table, c);
    }
    return counts;
  }, [findings]);

  const select = useCallback((finding: Finding) => {
    if (finding.table === null) return;
    setActiveId(finding.table);
    const ref = finding.cells[0]?.ref;
    if (ref) setFocusRequest({ ref, nonce: Date.now() });
  }, []);

  const tableName = useCallback(
    (id: string) => {
      const table = workbook.structure.tableById.get(id);
      const code = table ? tableCode(table.template) : id;
      return code === id ? id : `${code} ${id}`;
    },
    [workbook],
  );

  const nextError = useRef(0);
  useEffect(
    () =>
      host.onCommand((command) => {
        if (command === 'print') setPrinting(true);
        else if (command === 'undo') session.undo();
        else if (command === 'redo') session.redo();
        else if (command === 'adoptComputed') session.dispatch({ kind: 'adoptComputed' });
        else if (command === 'unitWan' || command === 'unitYuan') session.setDisplay({ unit: command === 'unitWan' ? '万元' : '元' });
        else if (command === 'toggleZeroBlank') session.setDisplay({ zeroAsBlank: !session.display.zeroAsBlank });
        else if (command === 'exportCsv') onExportCsv(activeId);
        else if (command === 'importCsv') onImportCsv(activeId);
        else if (command === 'nextError') {
          const errors = findings.filter((f) => f.severity === 'error');
          if (errors.length === 0) session.say('没有错误');
          else select(errors[nextError.current++ % errors.length]!);
        }
      }),
    [session, findings, activeId, select, onExportCsv, onImportCsv],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const inEditor = (e.target as HTMLElement | null)?.closest('input, textarea, select') !== null;
      const key = e.key.toLowerCase();
      if (key === 's') {
        e.preventDefault();
        onSave();
      } else if (!inEditor && (key === 'z' || key === 'y')) {
        e.preventDefault();
        if (key === 'y' || e.shiftKey) session.redo();
        else session.undo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [session, onSave]);

  /** The row under the cursor as the table now stands (rows are rebuilt when rows change). */
  const rowAtCursor = (): RowInfo | null => {
    const key = currentRow.current?.row?.key;
    return (key !== undefined && active.rowByKey.get(key)) || null;
  };

  const deleteRow = () => {
    const row = rowAtCursor();
    if (active.codeKeyed) {
      if (!row?.code) session.say('请先点选要删除的科目所在的行');
      else if (window.confirm(`删除 ${active.id} 的科目 ${row.code} ${row.name ?? ''} 及其下级？`)) session.dispatch({ kind: 'removeRow', table: active.id, code: row.code });
      return;
    }
    if (!row) return session.say('请先点选要删除的行');
    if (row.level === '合计') return session.say('合计行由程序计算，不能删除');
    const under = blockOf(active, row).length - 1;
    const label = [row.code, row.name].filter(Boolean).join(' ');
    if (under === 0 || window.confirm(`删除 ${tableCode(active.template)} 的“${label}”及其下 ${under} 行？`)) session.dispatch({ kind: 'removeListedRow', table: active.id, key: row.key });
  };

  /** Adds the row the dialog asks for; the cursor then goes to the first figure of a new listed row. */
  const addRow = (request: AddRequest, near: RowInfo | null): string | null => {
    if (request.kind === 'code') return session.dispatch({ kind: 'addRow', table: active.id, code: request.code, name: request.name, parentNames: request.parentNames }) ? null : (session.message?.text ?? '未能插入');
    const before = new Set(active.rows.map((r) => r.key));
    if (!session.dispatch({ kind: 'addListedRow', table: active.id, row: request.row, near: near?.key ?? null, parents: request.parents })) return session.message?.text ?? '未能插入';
    const added = workbook.structure.tableById.get(active.id)!.rows.filter((r) => !before.has(r.key)).at(-1);
    const column = added && active.columns.find((c) => added.cells[c.index] !== undefined && !workbook.cell({ table: active.id, row: added.key, column: c.key }).computed);
    if (added && column) setFocusRequest({ ref: { table: active.id, row: added.key, column: column.key }, nonce: Date.now() });
    return null;
  };

  /** A 部门 row the dialog must add too is the report's 部门: as another table lists it, else by the report's name. */
  const parentDefault = (level: string) => {
    for (const table of tables) {
      const row = table.listed ? table.rows.find((r) => r.level === level) : undefined;
      if (row) return { code: row.code ?? '', name: row.name ?? '' };
    }
    return { code: '', name: workbook.department };
  };

  const total = { error: 0, rounding: 0, warning: 0 };
  for (const f of findings) total[f.severity]++;
  const { display } = session;

  return (
    <div className="bd-app">
      <header className="bd-toolbar" role="toolbar" aria-label="工具栏">
        <span className="bd-file" title={session.fileName}>
          {session.fileName}
          {session.dirty && <span aria-label="未保存"> ●</span>}
        </span>
        <button type="button" onClick={onClose}>
          新建/打开…
        </button>
        <button type="button" onClick={onOpen}>
          打开
        </button>
        <button type="button" onClick={onSave} title="Ctrl+S">
          保存
        </button>
        <button type="button" onClick={() => setPrinting(true)} title="按公开表格式预览并打印（可另存为 PDF）">
          打印预览…
        </button>
        <button type="button" onClick={onExport} title="按公开表格式导出 Excel，A4 横向">
          导出公开表
        </button>
        <button type="button" onClick={() => onExportCsv(activeId)} title="当前表导出为 CSV（UTF-8）">
          导出本表 CSV
        </button>
        <button type="button" onClick={() => onImportCsv(activeId)} title="从 CSV 读入当前表的数字（UTF-8 或 GB18030）">
          导入本表 CSV
        </button>
        <span className="bd-sep" />
        <button type="button" onClick={() => session.undo()} disabled={!session.history.canUndo} title="Ctrl+Z">
          撤销
        </button>
        <button type="button" onClick={() => session.redo()} disabled={!session.history.canRedo} title="Ctrl+Y">
          重做
        </button>
        <button type="button" onClick={() => session.dispatch({ kind: 'adoptComputed' })} disabled={workbook.keptFigures().length === 0} title="所有合计、小计改为按公式计算的数">
          采用计算值
        </button>
        <span className="bd-sep" />
        {(active.codeKeyed || active.listed) && (
          <>
            <button type="button" onClick={() => setAdding({ near: rowAtCursor() })} title={active.listed ? '在当前行所在的一组之后插入一行' : undefined}>
              {active.listed ? '插入行…' : '插入科目…'}
            </button>
            <button type="button" onClick={deleteRow} title={active.listed ? '删除当前行（及其下级行）' : undefined}>
              {active.listed ? '删除行' : '删除科目'}
            </button>
            <span className="bd-sep" />
          </>
        )}
        {workbook.template.options?.length ? (
          <button type="button" onClick={() => setEditingOptions(true)} title="各地口径不同的设置，如机关运行经费不计入的科目">
            报表设置…
          </button>
        ) : null}
        <label>
          单位
          <select aria-label="显示单位" value={display.unit ?? ""} disabled={display.unit === null} onChange={(e) => session.setDisplay({ unit: e.target.value as '万元' | '元' })}>
            <option value="万元">万元</option>
            <option value="元">元</option>
          </select>
        </label>
        <label>
          <input type="checkbox" checked={display.zeroAsBlank} onChange={(e) => session.setDisplay({ zeroAsBlank: e.target.checked })} />
          零值显示为空白
        </label>
      </header>
      <nav className="bd-tabs" role="tablist" aria-label="报表">
        {tables.map((t) => {
          const c = countsByTable.get(t.id);
          const unread = unreadByTable.get(t.id) ?? [];
          const title = unread.length > 0 ? `${t.template.title}\n未读入：${unread.join('；')}` : t.template.title;
          return (
            <button key={t.id} type="button" role="tab" aria-selected={t.id === activeId} className={t.id === activeId ? 'active' : ''} onClick={() => setActiveId(t.id)} title={title}>
              {tableCode(t.template)}
              {unread.length > 0 ? <span className="bd-unread" aria-label="有未读入的内容">◌</span> : null}
              {c?.error ? <span className="bd-badge bd-badge-error">{c.error}</span> : null}
              {c?.rounding ? <span className="bd-badge bd-badge-rounding">{c.rounding}</span> : null}
              {c?.warning ? <span className="bd-badge bd-badge-warning">{c.warning}</span> : null}
            </button>
          );
        })}
      </nav>
      <div className="bd-body">
        <section className="bd-sheet" aria-label={active.template.title}>
          <div className="bd-sheet-head">
            <h1>{active.template.title}</h1>
            <span className="bd-table-code">{tableCode(active.template)}</span>
            <MetaLine session={session} />
          </div>
          <TableGrid key={active.id} session={session} table={active} findingsByCell={findingsByCell} focusRequest={focusRequest} onCurrentRow={setCurrentRow} />
          {active.template.note && <p className="bd-note-line">{active.template.note}</p>}
        </section>
        <AuditPanel
          findings={findings}
          tableName={tableName}
          onSelect={select}
          describe={(f) => findingMessage(f, session.display)}
          notChecked={notChecked}
          unplaced={workbook.provenance.unplaced}
        />
      </div>
      <footer className="bd-status" role="status">
        <span className={session.message?.error ? 'bd-status-error' : ''}>{session.message?.text ?? '就绪'}</span>
        <span>
          错误 <b data-testid="total-error">{total.error}</b> · 尾差 <b>{total.rounding}</b> · 提示 <b>{total.warning}</b>
        </span>
        <span data-testid="recalc-ms">重算 {session.lastRecalcMs.toFixed(1)} ms</span>
      </footer>
      {printing && <PrintDialog session={session} errorCount={total.error} onClose={() => setPrinting(false)} />}
      {adding && (
        <AddRowDialog key={active.id} table={active} near={adding.near} parentDefault={parentDefault} onClose={() => setAdding(null)} onAdd={(request) => addRow(request, adding.near)} />
      )}
      {editingOptions && (
        <OptionsDialog options={workbook.template.options ?? []} values={workbook.reportOptions} onSave={(key, codes) => session.dispatch({ kind: 'setOption', key, codes })} onClose={() => setEditingOptions(false)} />
      )}
    </div>
  );
}
