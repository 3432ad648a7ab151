/**
 * The workbook window: the toolbar, one tab per table with its finding counts, the header block
 * of the active table, the formula bar, the grid, the audit panel and a status line. Every command
 * goes through the action table (actions.ts); this component holds the window's state and dialogs.
 */
import { useCallback, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { CellRef, Finding } from '../../shared/engine/findings';
import type { RowInfo, TableInfo } from '../../shared/engine/structure';
import { tableCode } from '../../shared/model/template';
import type { ActionContext, ActionId, GridHandle } from '../actions';
import { Cursor } from '../model/cursor';
import { findingMessage } from '../model/display';
import type { Match } from '../model/find';
import type { Session } from '../model/session';
import { PrintDialog } from '../print/PrintDialog';
import { previewCommand, type CommandPreview } from '../../shared/engine/preview';
import { AddRowDialog } from './AddRowDialog';
import { AdoptDialog } from './AdoptDialog';
import { AuditPanel } from './AuditPanel';
import { ConfirmDialog } from './ConfirmDialog';
import { ContextMenu } from './ContextMenu';
import { FindBar } from './FindBar';
import { ExplainDialog, FormulaBar } from './FormulaBar';
import { MetaLine } from './MetaLine';
import { OptionsDialog } from './OptionsDialog';
import { StatusLine } from './StatusLine';
import { TableGrid, type FocusRequest } from './TableGrid';
import { TableTabs } from './TableTabs';
import { Toolbar } from './Toolbar';
import { useFindings } from './useFindings';
import { useFindingSteps } from './useFindingSteps';
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

/** The window's dialogs and popups; one at a time. */
type Popup =
  | { kind: 'print' }
  | { kind: 'options' }
  | { kind: 'adopt'; preview: CommandPreview }
  | { kind: 'save'; save: () => void }
  | { kind: 'add'; near: RowInfo | null }
  | { kind: 'explain'; ref: CellRef }
  | { kind: 'menu'; x: number; y: number };

export function WorkbookView({ session, files }: { session: Session; files: FileActions }) {
  const version = useSyncExternalStore(session.subscribe, session.getVersion);
  const workbook = session.workbook;
  const [popup, setPopup] = useState<Popup | null>(null);
  const [finding, setFinding] = useState(false);
  const cursor = useMemo(() => new Cursor(), []);
  const grid = useRef<GridHandle>(null);
  const { activeId, setActiveId, focusRequest, focus, goTo, select } = useFocusRequests(
    workbook.structure.tables[0]!.id,
  );
  const active = workbook.structure.tableById.get(activeId)!;
  const { findings, notChecked, unreadByTable, findingsByCell, countsByTable, total } = useFindings(
    session,
    version,
  );
  const rows = useRowEditing(session, active, cursor, focus);
  const tableName = (id: string) => tableLabel(workbook.structure.tableById.get(id), id);
  const close = useCallback(() => setPopup(null), []);

  const ctx: ActionContext = {
    ...files,
    // Saving a report with errors asks first, as printing does.
    save: (saveAs) =>
      total.error > 0 ? setPopup({ kind: 'save', save: () => files.save(saveAs) }) : files.save(saveAs),
    session,
    table: active,
    findings,
    grid: () => grid.current,
    print: () => setPopup({ kind: 'print' }),
    insertRow: () => setPopup({ kind: 'add', near: rows.rowAtCursor() }),
    deleteRow: rows.deleteRow,
    editOptions: () => setPopup({ kind: 'options' }),
    adoptComputed: () => setPopup(adoptPopup(session)),
    stepFinding: useFindingSteps(session, findings, cursor, select),
    find: () => {
      setFinding(true);
      // Already open: Ctrl+F takes the keyboard back to it.
      document.querySelector<HTMLInputElement>('.bd-find input')?.select();
    },
    explainCell: () => {
      const ref = cursor.get()?.ref;
      if (ref) setPopup({ kind: 'explain', ref });
      else session.say('请先点选一个数字单元格');
    },
  };
  const run = useWindowActions(ctx);
  const onContextMenu = useCallback((x: number, y: number) => setPopup({ kind: 'menu', x, y }), []);

  return (
    <div className="bd-app">
      <Toolbar ctx={ctx} run={run} />
      <TableTabs
        tables={workbook.structure.tables}
        activeId={activeId}
        countsByTable={countsByTable}
        unreadByTable={unreadByTable}
        onActivate={setActiveId}
      />
      <div className="bd-body">
        <section className="bd-sheet" aria-label={active.template.title}>
          <div className="bd-sheet-head">
            <h1>{active.template.title}</h1>
            <span className="bd-table-code">{tableCode(active.template)}</span>
            <MetaLine session={session} />
          </div>
          {finding && <FindBar session={session} onGo={goTo} onClose={() => setFinding(false)} />}
          <FormulaBar session={session} cursor={cursor} />
          <TableGrid
            key={active.id}
            session={session}
            table={active}
            findingsByCell={findingsByCell}
            focusRequest={focusRequest}
            cursor={cursor}
            handle={grid}
            onContextMenu={onContextMenu}
          />
          {active.template.note && <p className="bd-note-line">{active.template.note}</p>}
        </section>
        <AuditPanel
          findings={findings}
          activeTable={activeId}
          tableName={tableName}
          onSelect={select}
          describe={(f) => findingMessage(f, session.display)}
          notChecked={notChecked}
          unplaced={workbook.provenance.unplaced}
        />
      </div>
      <StatusLine session={session} total={total} />
      <Popups
        popup={popup}
        session={session}
        active={active}
        rows={rows}
        ctx={ctx}
        run={run}
        errorCount={total.error}
        focus={focus}
        onClose={close}
      />
    </div>
  );
}

/** A table as the audit panel names it: its printed code and its id, where they differ. */
function tableLabel(table: TableInfo | undefined, id: string): string {
  const code = table ? tableCode(table.template) : id;
  return code === id ? id : `${code} ${id}`;
}

/** 采用计算值 asks first, with what it will change; a refusal is said in the status line instead. */
function adoptPopup(session: Session): Popup | null {
  const result = previewCommand(session.workbook, { kind: 'adoptComputed' });
  if (result.ok) return { kind: 'adopt', preview: result.preview };
  session.say(result.reason, true);
  return null;
}

/** The dialog or menu open over the workbook, if any. */
function Popups({
  popup,
  session,
  active,
  rows,
  ctx,
  run,
  errorCount,
  focus,
  onClose,
}: {
  popup: Popup | null;
  session: Session;
  active: TableInfo;
  rows: ReturnType<typeof useRowEditing>;
  ctx: ActionContext;
  run: (id: ActionId) => void;
  errorCount: number;
  focus: (ref: CellRef) => void;
  onClose: () => void;
}) {
  const workbook = session.workbook;
  return (
    <>
      {popup?.kind === 'print' && <PrintDialog session={session} errorCount={errorCount} onClose={onClose} />}
      {popup?.kind === 'add' && (
        <AddRowDialog
          key={active.id}
          table={active}
          near={popup.near}
          parentDefault={rows.parentDefault}
          onClose={onClose}
          onAdd={(request) => rows.addRow(request, popup.near)}
          loadSubjects={rows.loadSubjects}
        />
      )}
      {popup?.kind === 'save' && (
        <ConfirmDialog
          title="报表还有错误"
          confirmLabel="仍然保存"
          onConfirm={() => (onClose(), popup.save())}
          onCancel={onClose}
        >
          <p>报表还有 {errorCount} 处错误（见右侧“审核”），仍要保存吗？</p>
        </ConfirmDialog>
      )}
      {popup?.kind === 'adopt' && <AdoptDialog session={session} preview={popup.preview} onClose={onClose} />}
      {popup?.kind === 'options' && (
        <OptionsDialog
          options={workbook.template.options ?? []}
          values={workbook.reportOptions}
          onSave={(key, codes) => session.dispatch({ kind: 'setOption', key, codes })}
          onClose={onClose}
        />
      )}
      {popup?.kind === 'explain' && (
        <ExplainDialog
          session={session}
          cell={popup.ref}
          onGo={(ref) => (onClose(), focus(ref))}
          onClose={onClose}
        />
      )}
      {popup?.kind === 'menu' && (
        <ContextMenu x={popup.x} y={popup.y} ctx={ctx} run={run} onClose={onClose} />
      )}
    </>
  );
}

/** Where the cursor is asked to go (a finding, a cell, a search match), and the table it is in. */
function useFocusRequests(firstTable: string) {
  const [activeId, setActiveId] = useState(firstTable);
  const [focusRequest, setFocusRequest] = useState<FocusRequest | null>(null);
  const focus = useCallback((ref: CellRef) => {
    setActiveId(ref.table);
    setFocusRequest({ ref, nonce: Date.now() });
  }, []);
  const goTo = useCallback((m: Match) => {
    setActiveId(m.table);
    setFocusRequest({ ...m, nonce: Date.now(), keepKeyboard: true });
  }, []);
  const select = useCallback(
    (f: Finding) => {
      const ref = f.cells[0]?.ref;
      if (ref) focus(ref);
      else if (f.table !== null) setActiveId(f.table);
    },
    [focus],
  );
  return { activeId, setActiveId, focusRequest, focus, goTo, select };
}
