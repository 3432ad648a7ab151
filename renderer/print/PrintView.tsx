/**
 * 打印预览: every chosen table laid out as published, from plain HTML tables (a grid draws only the
 * rows on screen and would lose rows at page breaks). Rows are measured once rendered and dealt
 * onto A4 pages (portrait for a table narrow enough, else landscape), so that no row is split, the
 * header block and column header repeat on every page, each table starts on a new page, and each
 * page says 第 N 页 共 M 页.
 */
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { TableInfo } from '../../shared/engine/structure';
import { buildGridModel, type GridColumn, type GridRow } from '../../shared/layout/gridModel';
import { headerCells, headerDepth } from '../../shared/layout/header';
import { mmToPx, orientationFor, printableArea, type Orientation } from '../../shared/layout/page';
import { tableCode } from '../../shared/model/template';
import { shownText, type DisplayOptions } from '../model/display';
import type { Session } from '../model/session';

export interface PrintOptions {
  tables: string[];
  zeroAsBlank: boolean;
  unit: DisplayOptions['unit'];
}

interface Props {
  session: Session;
  options: PrintOptions;
}

interface Page {
  table: TableInfo;
  rows: GridRow[];
  last: boolean;
}

/** Column widths as shares of the page width, from the grid's widths. */
function ColumnWidths({ columns }: { columns: GridColumn[] }) {
  const total = columns.reduce((sum, c) => sum + c.width, 0);
  return (
    <colgroup>
      {columns.map((c) => (
        <col key={c.colId} style={{ width: `${((100 * c.width) / total).toFixed(3)}%` }} />
      ))}
    </colgroup>
  );
}

function cellText(session: Session, row: GridRow, column: GridColumn, display: DisplayOptions): string {
  const slot = row.slots[column.colId];
  if (!slot) return '';
  if (slot.kind === 'text') return slot.text;
  const cell = session.workbook.cellIfPresent(slot.ref);
  return cell ? shownText(cell, display) : '';
}

function levelOf(row: GridRow, column: GridColumn): string | null {
  const slot = row.slots[column.colId];
  return slot?.kind === 'text' ? (slot.level ?? null) : null;
}

function TableHead({ table, session, unit, columns, lanci }: { table: TableInfo; session: Session; unit: string; columns: GridColumn[]; lanci: GridRow | null }) {
  const depth = headerDepth(columns);
  const cells = headerCells(columns);
  return (
    <>
      <div className="pv-title">
        <h1>{table.template.title}</h1>
        <span className="pv-code">{tableCode(table.template)}</span>
      </div>
      <div className="pv-meta">
        <span>部门：{session.workbook.department}</span>
        <span>{session.workbook.year}年度</span>
        <span>单位：{unit}</span>
      </div>
      <table className="pv-table">
        <ColumnWidths columns={columns} />
        <thead>
          {Array.from({ length: depth }, (_, level) => (
            <tr key={level}>
              {cells
                .filter((c) => c.level === level)
                .map((c) => (
                  <th key={`${c.level}-${c.column}`} rowSpan={c.rowSpan} colSpan={c.colSpan}>
                    {c.label}
                  </th>
                ))}
            </tr>
          ))}
          {lanci && (
            <tr className="pv-lanci">
              {columns.map((c) => {
                const slot = lanci.slots[c.colId];
                return <th key={c.colId}>{slot?.kind === 'text' ? slot.text : ''}</th>;
              })}
            </tr>
          )}
        </thead>
      </table>
    </>
  );
}

function Body({ rows, columns, session, display }: { rows: GridRow[]; columns: GridColumn[]; session: Session; display: DisplayOptions }) {
  return (
    <tbody>
      {rows.map((row) => (
        <tr key={row.id} data-row={row.id}>
          {columns.map((c, i) => {
            // A label with an empty text cell to its right takes that cell too (06's 人员经费合计).
            const previous = columns[i - 1];
            if (previous && spansNext(row, previous, c)) return null;
            const level = levelOf(row, c);
            const className = [c.kind === 'amount' ? 'pv-amount' : '', c.colId.endsWith('hangci') ? 'pv-center' : '', level ? `pv-level-${level}` : ''].join(' ');
            const next = columns[i + 1];
            return (
              <td key={c.colId} className={className} colSpan={next && spansNext(row, c, next) ? 2 : 1}>
                {cellText(session, row, c, display)}
              </td>
            );
          })}
        </tr>
      ))}
    </tbody>
  );
}

function spansNext(row: GridRow, column: GridColumn, next: GridColumn): boolean {
  const slot = row.slots[column.colId];
  return column.kind === 'text' && next.kind === 'text' && slot?.kind === 'text' && slot.text !== '' && row.slots[next.colId] === undefined;
}

const pageClass = (orientation: Orientation) => `pv-page pv-${orientation}`;

export function PrintView({ session, options }: Props) {
  const display: DisplayOptions = { reportUnit: session.workbook.unit, unit: options.unit, zeroAsBlank: options.zeroAsBlank };
  const tables = useMemo(
    () =>
      session.workbook.structure.tables
        .filter((t) => options.tables.includes(t.id))
        .map((table) => {
          const model = buildGridModel(table);
          return { table, model, orientation: orientationFor(model.columns) };
        }),
    [session, options.tables],
  );
  const measureRef = useRef<HTMLDivElement>(null);
  const [pages, setPages] = useState<Page[] | null>(null);

  // Render every table once, unpaginated, measure its parts, then deal the rows onto pages.
  useLayoutEffect(() => {
    const root = measureRef.current;
    if (!root) return;
    const dealt: Page[] = [];
    for (const { table, model, orientation } of tables) {
      const pageHeight = mmToPx(printableArea(orientation).heightMm);
      const section = root.querySelector<HTMLElement>(`[data-table="${table.id}"]`)!;
      const headHeight = section.querySelector<HTMLElement>('.pv-head')!.getBoundingClientRect().height;
      const footHeight = section.querySelector<HTMLElement>('.pv-foot')!.getBoundingClientRect().height;
      const noteHeight = section.querySelector<HTMLElement>('.pv-note')?.getBoundingClientRect().height ?? 0;
      const heights = [...section.querySelectorAll<HTMLElement>('tbody tr')].map((tr) => tr.getBoundingClientRect().height);
      // Every table has at least one row (合计, or 09's single row), so every table gets a page.
      let start = 0;
      do {
        let used = headHeight + footHeight;
        let end = start;
        while (end < model.rows.length && used + heights[end]! <= pageHeight) used += heights[end++]!;
        if (end === start) end = start + 1; // a row taller than a page still prints, on a page of its own
        // The 注 goes with the last rows; if it does not fit, the last row moves to a page with it.
        if (end === model.rows.length && used + noteHeight > pageHeight && end - start > 1) end--;
        dealt.push({ table, rows: model.rows.slice(start, end), last: end === model.rows.length });
        start = end;
      } while (start < model.rows.length);
    }
    setPages(dealt);
  }, [tables, session.version, options.unit, options.zeroAsBlank]);

  const unit = options.unit;
  return (
    <div className="bd-print">
      {!pages && (
        <div className="pv-measure" ref={measureRef} aria-hidden>
          {tables.map(({ table, model, orientation }) => (
            <section key={table.id} data-table={table.id} className={pageClass(orientation)}>
              <div className="pv-head">
                <TableHead table={table} session={session} unit={unit} columns={model.columns} lanci={model.lanciRow} />
              </div>
              <table className="pv-table">
                <ColumnWidths columns={model.columns} />
                <Body rows={model.rows} columns={model.columns} session={session} display={display} />
              </table>
              {table.template.note && <p className="pv-note">{table.template.note}</p>}
              <footer className="pv-foot">第 1 页 共 1 页</footer>
            </section>
          ))}
        </div>
      )}
      {pages?.map((page, i) => {
        const { model, orientation } = tables.find((t) => t.table === page.table)!;
        const empty = page.table.codeKeyed && page.table.rows.length === 1 && page.table.template.emptyExplanation;
        return (
          <section key={i} className={pageClass(orientation)} data-table={page.table.id} data-orientation={orientation}>
            <div className="pv-head">
              <TableHead table={page.table} session={session} unit={unit} columns={model.columns} lanci={model.lanciRow} />
            </div>
            <table className="pv-table pv-body">
              <ColumnWidths columns={model.columns} />
              <Body rows={page.rows} columns={model.columns} session={session} display={display} />
            </table>
            {page.last && page.table.template.note && <p className="pv-note">{page.table.template.note}</p>}
            {page.last && empty && <p className="pv-note">{page.table.template.emptyExplanation}</p>}
            <footer className="pv-foot">
              第 {i + 1} 页 共 {pages.length} 页
            </footer>
          </section>
        );
      })}
    </div>
  );
}
