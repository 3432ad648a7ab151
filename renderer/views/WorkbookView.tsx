/**
 * The workbook window: the toolbar, one tab per table with its finding counts, the header block
 * of the active table, the formula bar, the grid, the audit panel and a status line. Every command
 * goes through the action table (actions.ts); this component holds the window's state and dialogs.
 */
import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  startTransition,
  type ComponentProps,
  type ReactNode,
  type Ref,
} from 'react';
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
import { AuditPanel, NARRATIVE_GROUP } from './AuditPanel';
import { ConfirmDialog } from './ConfirmDialog';
import { ContextMenu } from './ContextMenu';
import { FindBar } from './FindBar';
import { ExplainDialog, FormulaBar } from './FormulaBar';
import { MetaLine } from './MetaLine';
import { NarrativeView, type NarrativeTarget } from './NarrativeView';
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

/** A table as the audit panel names it: its printed number (预算01表) and its id where they differ. */
function tableName(session: Session, id: string): string {
  const table = session.workbook.structure.tableById.get(id);
  const code = table ? tableCode(table.template) : id;
  return code === id ? id : `${code} ${id}`;
}

/** Shows the find bar; already open, Ctrl+F takes the keyboard back to it. */
function openFindBar(setFinding: (open: boolean) => void): void {
  setFinding(true);
  document.querySelector<HTMLInputElement>('.bd-find input')?.select();
}

export function WorkbookView({ session, files }: { session: Session; files: FileActions }) {
  const version = useFollowedVersion(session);
  const workbook = session.workbook;
  const [popup, setPopup] = useState<Popup | null>(null);
  const [finding, setFinding] = useState(false);
  const cursor = useMemo(() => new Cursor(), []);
  const grid = useRef<GridHandle>(null);
  const { activeId, visited, setActiveId, onPainted, focusRequest, focus, goTo, select, narrative } =
    useFocusRequests(workbook.structure.tables.map((t) => t.id));
  const active = workbook.structure.tableById.get(activeId)!;
  const { findings, notChecked, unreadByTable } = useFindings(session, version);
  const rows = useRowEditing(session, active, cursor, focus);
  const steps = useFindingSteps(session, findings, cursor, select);
  const close = useCallback(() => setPopup(null), []);

  const ctx: ActionContext = {
    ...files,
    // Saving a report with errors asks first, as printing does.
    save: (saveAs) =>
      session.counts().total.error > 0
        ? setPopup({ kind: 'save', save: () => files.save(saveAs) })
        : files.save(saveAs),
    session,
    table: active,
    onTable: !narrative.shown,
    findings,
    grid: () => grid.current,
    print: () => setPopup({ kind: 'print' }),
    insertRow: () => setPopup({ kind: 'add', near: rows.rowAtCursor() }),
    deleteRow: rows.deleteRow,
    editOptions: () => setPopup({ kind: 'options' }),
    adoptComputed: () => setPopup(adoptPopup(session)),
    stepFinding: steps.step,
    find: () => openFindBar(setFinding),
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
        session={session}
        activeId={activeId}
        unreadByTable={unreadByTable}
        onActivate={setActiveId}
        narrative={{ active: narrative.shown, onActivate: narrative.open }}
      />
      <div className="bd-body">
        <div className="bd-pages">
          {narrative.shown && <NarrativeView session={session} focus={focus} target={narrative.target} />}
          <TableSheet session={session} table={active} hidden={narrative.shown}>
            {finding && <FindBar session={session} onGo={goTo} onClose={() => setFinding(false)} />}
            <FormulaBar session={session} cursor={cursor} onOpenSentence={narrative.openAt} />
            <KeptGrids
              visited={visited}
              activeId={activeId}
              session={session}
              drawnVersion={version}
              focusRequest={focusRequest}
              cursor={cursor}
              grid={grid}
              onContextMenu={onContextMenu}
              onPainted={onPainted}
            />
          </TableSheet>
        </div>
        <AuditPanel
          findings={findings}
          activeTable={narrative.shown ? NARRATIVE_GROUP : activeId}
          tableName={(id) => tableName(session, id)}
          onSelect={select}
          describe={(f) => findingMessage(f, session.display)}
          notChecked={notChecked}
          unplaced={workbook.provenance.unplaced}
          stepped={steps.stepped}
        />
      </div>
      <StatusLine session={session} />
      <Popups
        popup={popup}
        session={session}
        active={active}
        rows={rows}
        ctx={ctx}
        run={run}
        errorCount={session.counts().total.error}
        focus={focus}
        onClose={close}
      />
    </div>
  );
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

/**
 * The table shown, the tables whose grids are built (and kept), and where the cursor is asked to go
 * (a finding, a cell, a search match).
 */
function useFocusRequests(tables: string[]) {
  const [activeId, setActive] = useState(tables[0]!);
  // The 情况说明 tab is shown over the tables, which keep their grids and the active table.
  const [narrative, setNarrative] = useState(false);
  const [narrativeTarget, setNarrativeTarget] = useState<NarrativeTarget | null>(null);
  // Opened by its tab, the 情况说明 leaves the keyboard where it is (no sentence asked for).
  const openNarrative = useCallback(() => {
    setNarrative(true);
    setNarrativeTarget(null);
  }, []);
  const [visited, setVisited] = useState([tables[0]!]);
  const visit = useCallback((table: string) => {
    setVisited((all) => (all.includes(table) ? all : [...all, table]));
  }, []);
  const setActiveId = useCallback(
    (table: string) => {
      setActive(table);
      setNarrative(false);
      visit(table);
    },
    [visit],
  );
  // Once the first table is on screen, the other tables' grids are built while the window is idle,
  // one at a time, so that even the first visit to a table is only a repaint.
  const [painted, setPainted] = useState(false);
  const onPainted = useCallback(() => setPainted(true), []);
  const next = tables.find((t) => !visited.includes(t));
  useEffect(() => {
    if (!painted || next === undefined) return;
    const idle = requestIdleCallback(() => visit(next), { timeout: 3000 });
    return () => cancelIdleCallback(idle);
  }, [painted, next, visit]);
  const [focusRequest, setFocusRequest] = useState<FocusRequest | null>(null);
  const focus = useCallback(
    (ref: CellRef) => {
      setActiveId(ref.table);
      setFocusRequest({ ref, nonce: Date.now() });
    },
    [setActiveId],
  );
  const goTo = useCallback(
    (m: Match) => {
      setActiveId(m.table);
      setFocusRequest({ ...m, nonce: Date.now(), keepKeyboard: true });
    },
    [setActiveId],
  );
  // A sentence asked for (a narrative finding, a sentence quoting a cell) opens the 情况说明 at it.
  const openAt = useCallback((span: { start: number; end: number }) => {
    setNarrative(true);
    setNarrativeTarget({ start: span.start, end: span.end, nonce: Date.now() });
  }, []);
  const select = useCallback(
    (f: Finding) => {
      const ref = f.cells[0]?.ref;
      if (f.location.kind === 'narrative') openAt(f.location);
      else if (ref) focus(ref);
      else if (f.table !== null) setActiveId(f.table);
    },
    [focus, setActiveId, openAt],
  );
  return {
    activeId,
    visited,
    setActiveId,
    onPainted,
    focusRequest,
    focus,
    goTo,
    select,
    narrative: { shown: narrative, open: openNarrative, openAt, target: narrativeTarget },
  };
}

/**
 * The report's version as the window follows it. After an edit of cells, in a transition: the grid
 * paints the new figures first (it repaints itself, useRepaint) and the rest of the window (counts,
 * 审核 panel, formula bar, toolbar) is drawn just after, without holding up the key press's frame.
 * Anything else (a display option, a dialog's command) at once: a checkbox or a list the window
 * draws from the report must show the user's choice in the frame of the click.
 */
function useFollowedVersion(session: Session): number {
  const [version, setVersion] = useState(session.version);
  useEffect(() => {
    const follow = () => {
      const now = session.version;
      if (session.lastChange?.version === now) startTransition(() => setVersion(now));
      else setVersion(now);
    };
    follow();
    return session.subscribe(follow);
  }, [session]);
  return version;
}

/** The table in front: its title and code above what it is given (find bar, formula bar, grids), its note below. */
function TableSheet({
  session,
  table,
  hidden,
  children,
}: {
  session: Session;
  table: TableInfo;
  hidden: boolean;
  children: ReactNode;
}) {
  return (
    <section className="bd-sheet" aria-label={table.template.title} hidden={hidden}>
      <div className="bd-sheet-head">
        <h1>{table.template.title}</h1>
        <span className="bd-table-code">{tableCode(table.template)}</span>
        <MetaLine session={session} />
      </div>
      {children}
      {table.template.note && <p className="bd-note-line">{table.template.note}</p>}
    </section>
  );
}

/**
 * A grid for every table visited, the active one shown: coming back to a table repaints its grid
 * instead of building it again.
 */
function KeptGrids({
  visited,
  activeId,
  grid,
  ...props
}: Omit<ComponentProps<typeof TableGrid>, 'active' | 'table' | 'handle'> & {
  visited: string[];
  activeId: string;
  grid: Ref<GridHandle>;
}) {
  return (
    <div className="bd-grids">
      {visited.map((id) => (
        <TableGrid
          key={id}
          {...props}
          // A hidden grid follows no version, so that it is not rendered again at every edit; shown
          // again, it is given the one drawn and repaints.
          drawnVersion={id === activeId ? props.drawnVersion : null}
          active={id === activeId}
          table={props.session.workbook.structure.tableById.get(id)!}
          handle={id === activeId ? grid : undefined}
        />
      ))}
    </div>
  );
}
