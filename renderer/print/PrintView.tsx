/**
 * 打印预览: every chosen table laid out as published, from plain HTML tables (a grid draws only the
 * rows on screen and would lose rows at page breaks). Rows are measured once rendered and dealt
 * onto A4 pages (portrait for a table narrow enough, else landscape), so that no row is split, the
 * header block and column header repeat on every page, each table starts on a new page, and each
 * page says 第 N 页 共 M 页. Columns share the page by what they print (shared/layout/printFit): a
 * table too wide for its page prints in a smaller font rather than with cut figures.
 */
import { useLayoutEffect, useMemo, useRef, useState, type ReactElement } from 'react';
import type { TableInfo } from '../../shared/engine/structure';
import { buildGridModel, type GridColumn, type GridModel, type GridRow } from '../../shared/layout/gridModel';
import { headerCells, headerDepth } from '../../shared/layout/header';
import { mmToPx, orientationFor, printableArea, type Orientation } from '../../shared/layout/page';
import { dealRows, type MeasuredTable } from '../../shared/layout/pages';
import { fitColumns, keepsOnOneLine, type PrintCell, type PrintFit } from '../../shared/layout/printFit';
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

/** Column widths as shares of the page width. */
function ColumnWidths({ columns, fit }: { columns: GridColumn[]; fit: PrintFit }) {
  return (
    <colgroup>
      {columns.map((c, i) => (
        <col key={c.colId} style={{ width: `${(100 * fit.shares[i]!).toFixed(3)}%` }} />
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

function TableHead({
  table,
  session,
  unit,
  columns,
  fit,
  lanci,
}: {
  table: TableInfo;
  session: Session;
  unit: string;
  columns: GridColumn[];
  fit: PrintFit;
  lanci: GridRow | null;
}) {
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
      <table className="pv-table" style={{ fontSize: `${fit.fontPt}pt` }}>
        <ColumnWidths columns={columns} fit={fit} />
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

function Body({
  rows,
  columns,
  session,
  display,
}: {
  rows: GridRow[];
  columns: GridColumn[];
  session: Session;
  display: DisplayOptions;
}) {
  return (
    <tbody>
      {rows.map((row) => {
        const cells: ReactElement[] = [];
        for (let i = 0; i < columns.length; i += spanOf(row, columns, i)) {
          const c = columns[i]!;
          const level = levelOf(row, c);
          const className = [
            c.kind === 'amount' && !c.prose ? 'pv-amount' : '',
            keepsOnOneLine(c) ? 'pv-nowrap' : '',
            c.colId.endsWith('hangci') ? 'pv-center' : '',
            level ? `pv-level-${level}` : '',
          ].join(' ');
          cells.push(
            <td key={c.colId} className={className} colSpan={spanOf(row, columns, i)}>
              {cellText(session, row, c, display)}
            </td>,
          );
        }
        return (
          <tr key={row.id} data-row={row.id}>
            {cells}
          </tr>
        );
      })}
    </tbody>
  );
}

/** A label takes the text columns to its right that have no cell on its row (06's 人员经费合计, a 合计 row's label). */
function spanOf(row: GridRow, columns: GridColumn[], i: number): number {
  const slot = row.slots[columns[i]!.colId];
  if (columns[i]!.kind !== 'text' || slot?.kind !== 'text' || slot.text === '') return 1;
  let end = i + 1;
  while (
    end < columns.length &&
    columns[end]!.kind === 'text' &&
    row.slots[columns[end]!.colId] === undefined
  )
    end++;
  return end - i;
}

/** The printed body, cell by cell, as the column widths are fitted to it. */
function printCells(session: Session, model: GridModel, display: DisplayOptions): PrintCell[][] {
  return model.rows.map((row) =>
    model.columns.map((c, i) => ({
      text: cellText(session, row, c, display),
      level: levelOf(row, c),
      spans: spanOf(row, model.columns, i) > 1,
    })),
  );
}

const pageClass = (orientation: Orientation) => `pv-page pv-${orientation}`;

/** The heights of a table's parts as rendered once, unpaginated. */
function measureSection(section: HTMLElement): MeasuredTable {
  const height = (selector: string) =>
    section.querySelector<HTMLElement>(selector)?.getBoundingClientRect().height ?? 0;
  return {
    head: height('.pv-head'),
    foot: height('.pv-foot'),
    note: height('.pv-note'),
    rows: [...section.querySelectorAll<HTMLElement>('tbody tr')].map(
      (tr) => tr.getBoundingClientRect().height,
    ),
  };
}

export function PrintView({ session, options }: Props) {
  const display: DisplayOptions = useMemo(
    () => ({ reportUnit: session.workbook.unit, unit: options.unit, zeroAsBlank: options.zeroAsBlank }),
    [session, options.unit, options.zeroAsBlank],
  );
  const tables = useMemo(
    () =>
      session.workbook.structure.tables
        .filter((t) => options.tables.includes(t.id))
        .map((table) => {
          const model = buildGridModel(table);
          const orientation = orientationFor(model.columns);
          const fit = fitColumns(
            model.columns,
            printCells(session, model, display),
            mmToPx(printableArea(orientation).widthMm),
          );
          return { table, model, orientation, fit };
        }),
    [session, options.tables, display],
  );
  const measureRef = useRef<HTMLDivElement>(null);
  const [pages, setPages] = useState<Page[] | null>(null);

  // Render every table once, unpaginated, measure its parts, then deal the rows onto pages.
  useLayoutEffect(() => {
    const root = measureRef.current;
    if (!root) return;
    const dealt: Page[] = [];
    for (const { table, model, orientation } of tables) {
      const section = root.querySelector<HTMLElement>(`[data-table="${table.id}"]`)!;
      const pageHeight = mmToPx(printableArea(orientation).heightMm);
      for (const { start, end } of dealRows(measureSection(section), pageHeight))
        dealt.push({ table, rows: model.rows.slice(start, end), last: end === model.rows.length });
    }
    setPages(dealt);
  }, [tables, session.version, options.unit, options.zeroAsBlank]);

  const unit = options.unit ?? '（未注明）';
  return (
    <div className="bd-print">
      {!pages && (
        <div className="pv-measure" ref={measureRef} aria-hidden>
          {tables.map(({ table, model, orientation, fit }) => (
            <section key={table.id} data-table={table.id} className={pageClass(orientation)}>
              <div className="pv-head">
                <TableHead
                  table={table}
                  session={session}
                  unit={unit}
                  columns={model.columns}
                  fit={fit}
                  lanci={model.lanciRow}
                />
              </div>
              <table className="pv-table" style={{ fontSize: `${fit.fontPt}pt` }}>
                <ColumnWidths columns={model.columns} fit={fit} />
                <Body rows={model.rows} columns={model.columns} session={session} display={display} />
              </table>
              {table.template.note && <p className="pv-note">{table.template.note}</p>}
              <footer className="pv-foot">第 1 页 共 1 页</footer>
            </section>
          ))}
        </div>
      )}
      {pages?.map((page, i) => {
        const { model, orientation, fit } = tables.find((t) => t.table === page.table)!;
        // A table of 科目 or of budget rows that has only its 合计 row says why (本表无数据).
        const empty =
          (page.table.codeKeyed || page.table.listed) &&
          page.table.rows.length === 1 &&
          page.table.template.emptyExplanation;
        return (
          <section
            key={i}
            className={pageClass(orientation)}
            data-table={page.table.id}
            data-orientation={orientation}
          >
            <div className="pv-head">
              <TableHead
                table={page.table}
                session={session}
                unit={unit}
                columns={model.columns}
                fit={fit}
                lanci={model.lanciRow}
              />
            </div>
            <table className="pv-table pv-body" style={{ fontSize: `${fit.fontPt}pt` }}>
              <ColumnWidths columns={model.columns} fit={fit} />
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
