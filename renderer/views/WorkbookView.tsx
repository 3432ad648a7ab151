/**
 * The workbook window: the toolbar, one tab per table with its finding counts, the header block
 * of the active table, the grid, the audit panel and a status line. Every command goes through the
 * action table (actions.ts); this component holds the window's state and its dialogs.
 */
import { useCallback, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { CellRef, Finding } from '../../shared/engine/findings';
import type { RowInfo } from '../../shared/engine/structure';
import { tableCode } from '../../shared/model/template';
import type { ActionContext, GridHandle } from '../actions';
import { Cursor } from '../model/cursor';
import { findingMessage } from '../model/display';
import type { Session } from '../model/session';
import { PrintDialog } from '../print/PrintDialog';
import { AddRowDialog } from './AddRowDialog';
import { AuditPanel } from './AuditPanel';
import { MetaLine } from './MetaLine';
import { OptionsDialog } from './OptionsDialog';
import { TableGrid, type FocusRequest } from './TableGrid';
import { TableTabs } from './TableTabs';
import { Toolbar } from './Toolbar';
import { useFindings } from './useFindings';
import { useRowEditing } from './useRowEditing';
import { useWindowActions } from './useWindowActions';

/** What the window asks of the program around it: files and the report as a whole. */
export interface FileActions {
  save(saveAs: boolean): void;
  exportPublication(): void;
  exportCsv(tableId: string): void;
  importCsv(tableId: string): void;
  closeReport(): void;
  closeWindow(): void;
  open(): void;
}

export function WorkbookView({ session, files }: { session: Session; files: FileActions }) {
  const version = useSyncExternalStore(session.subscribe, session.getVersion);
  const workbook = session.workbook;
  const tables = workbook.structure.tables;
  const [activeId, setActiveId] = useState(tables[0]!.id);
  const [focusRequest, setFocusRequest] = useState<FocusRequest | null>(null);
  const cursor = useMemo(() => new Cursor(), []);
  const grid = useRef<GridHandle>(null);
  /** The insert dialog, with the row the cursor was on when it opened. */
  const [adding, setAdding] = useState<{ near: RowInfo | null } | null>(null);
  const [printing, setPrinting] = useState(false);
  const [editingOptions, setEditingOptions] = useState(false);
  const active = workbook.structure.tableById.get(activeId)!;
  const { findings, notChecked, unreadByTable, findingsByCell, countsByTable, total } = useFindings(session, version);

  const focus = useCallback((ref: CellRef) => {
    setActiveId(ref.table);
    setFocusRequest({ ref, nonce: Date.now() });
  }, []);
  const select = useCallback((finding: Finding) => {
    const ref = finding.cells[0]?.ref;
    if (ref) focus(ref);
    else if (finding.table !== null) setActiveId(finding.table);
  }, [focus]);
  const rows = useRowEditing(session, active, cursor, focus);

  const tableName = useCallback(
    (id: string) => {
      const table = workbook.structure.tableById.get(id);
      const code = table ? tableCode(table.template) : id;
      return code === id ? id : `${code} ${id}`;
    },
    [workbook],
  );

  const stepped = useRef(0);
  const ctx: ActionContext = {
    ...files,
    session,
    table: active,
    findings,
    grid: () => grid.current,
    print: () => setPrinting(true),
    insertRow: () => setAdding({ near: rows.rowAtCursor() }),
    deleteRow: rows.deleteRow,
    editOptions: () => setEditingOptions(true),
    stepFinding: (_step, severity) => {
      const list = findings.filter((f) => !severity || f.severity === severity);
      if (list.length === 0) session.say(severity === 'error' ? '没有错误' : '没有审核发现的问题');
      else select(list[stepped.current++ % list.length]!);
    },
  };
  const run = useWindowActions(ctx);

  return (
    <div className="bd-app">
      <Toolbar ctx={ctx} run={run} />
      <TableTabs tables={tables} activeId={activeId} countsByTable={countsByTable} unreadByTable={unreadByTable} onActivate={setActiveId} />
      <div className="bd-body">
        <section className="bd-sheet" aria-label={active.template.title}>
          <div className="bd-sheet-head">
            <h1>{active.template.title}</h1>
            <span className="bd-table-code">{tableCode(active.template)}</span>
            <MetaLine session={session} />
          </div>
          <TableGrid key={active.id} session={session} table={active} findingsByCell={findingsByCell} focusRequest={focusRequest} cursor={cursor} handle={grid} />
          {active.template.note && <p className="bd-note-line">{active.template.note}</p>}
        </section>
        <AuditPanel findings={findings} tableName={tableName} onSelect={select} describe={(f) => findingMessage(f, session.display)} notChecked={notChecked} unplaced={workbook.provenance.unplaced} />
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
        <AddRowDialog key={active.id} table={active} near={adding.near} parentDefault={rows.parentDefault} onClose={() => setAdding(null)} onAdd={(request) => rows.addRow(request, adding.near)} />
      )}
      {editingOptions && (
        <OptionsDialog options={workbook.template.options ?? []} values={workbook.reportOptions} onSave={(key, codes) => session.dispatch({ kind: 'setOption', key, codes })} onClose={() => setEditingOptions(false)} />
      )}
    </div>
  );
}
