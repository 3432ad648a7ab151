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
import {
  dealRows,
  fittedFont,
  scaledFont,
  type MeasuredTable,
  type PrintScale,
} from '../../shared/layout/pages';
import { fitColumns, keepsOnOneLine, type PrintCell, type PrintFit } from '../../shared/layout/printFit';
import { tableCode } from '../../shared/model/template';
import { shownText, type DisplayOptions } from '../model/display';
import type { Session } from '../model/session';

export interface PrintOptions {
  tables: string[];
  zeroAsBlank: boolean;
  unit: DisplayOptions['unit'];
  scale: PrintScale;
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
  fontPt,
  lanci,
}: {
  table: TableInfo;
  session: Session;
  unit: string;
  columns: GridColumn[];
  fit: PrintFit;
  fontPt: number;
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
      <table className="pv-table" style={{ fontSize: `${fontPt}pt` }}>
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
  const header = height('.pv-head .pv-table');
  return {
    head: height('.pv-head') - header,
    header,
    foot: height('.pv-foot'),
    note: [...section.querySelectorAll<HTMLElement>('.pv-note')].reduce(
      (sum, p) => sum + p.getBoundingClientRect().height,
      0,
    ),
    rows: [...section.querySelectorAll<HTMLElement>('tbody tr')].map(
      (tr) => tr.getBoundingClientRect().height,
    ),
  };
}

interface PrintTable {
  table: TableInfo;
  model: GridModel;
  orientation: Orientation;
  fit: PrintFit;
}

/** One page of a table (or, to be measured, the whole table on one unbounded page). */
function Sheet({
  entry: { table, model, orientation, fit },
  rows,
  fontPt,
  last,
  foot,
  session,
  display,
  unit,
}: {
  entry: PrintTable;
  rows: GridRow[];
  fontPt: number;
  last: boolean;
  foot: string;
  session: Session;
  display: DisplayOptions;
  unit: string;
}) {
  // A table of 科目 or of budget rows that has only its 合计 row says why (本表无数据).
  const empty =
    (table.codeKeyed || table.listed) && table.rows.length === 1 && table.template.emptyExplanation;
  return (
    <section
      className={pageClass(orientation)}
      data-table={table.id}
      data-orientation={orientation}
      data-font={fontPt}
    >
      <div className="pv-head">
        <TableHead
          table={table}
          session={session}
          unit={unit}
          columns={model.columns}
          fit={fit}
          fontPt={fontPt}
          lanci={model.lanciRow}
        />
      </div>
      <table className="pv-table pv-body" style={{ fontSize: `${fontPt}pt` }}>
        <ColumnWidths columns={model.columns} fit={fit} />
        <Body rows={rows} columns={model.columns} session={session} display={display} />
      </table>
      {last && table.template.note && <p className="pv-note">{table.template.note}</p>}
      {last && empty && <p className="pv-note">{table.template.emptyExplanation}</p>}
      <footer className="pv-foot">{foot}</footer>
    </section>
  );
}

const pageHeightOf = (orientation: Orientation) => mmToPx(printableArea(orientation).heightMm);

interface Layout {
  /** The font each table prints in. */
  fonts: Map<string, number>;
  /** Whether those are the fonts chosen (else the width-fitted ones, to be measured first). */
  chosen: boolean;
  /** Each table's heights, as measured in the font it was measured in. */
  measured: Map<string, { fontPt: number; table: MeasuredTable }>;
  pages: Page[] | null;
}

type Measured = Layout['measured'];

function chooseFonts(tables: PrintTable[], measured: Measured, scale: PrintScale): Map<string, number> {
  return new Map(
    tables.map(({ table, fit, orientation }) => [
      table.id,
      fittedFont(
        measured.get(table.id)!.table,
        fit.fontPt,
        pageHeightOf(orientation),
        scale as 'width' | 'page',
      ),
    ]),
  );
}

function dealPages(tables: PrintTable[], measured: Measured): Page[] {
  return tables.flatMap(({ table, model, orientation }) =>
    dealRows(measured.get(table.id)!.table, pageHeightOf(orientation)).map(({ start, end }) => ({
      table,
      rows: model.rows.slice(start, end),
      last: end === model.rows.length,
    })),
  );
}

/**
 * The font each table prints in and its pages. A percentage says the font at once; 适应页宽 and
 * 适应一页 choose from the table measured in its width-fitted font, and a table given a smaller
 * one is measured again before its rows are dealt.
 */
function useDealtPages(tables: PrintTable[], scale: PrintScale) {
  const [layout, setLayout] = useState<Layout>(() => ({
    fonts: new Map(
      tables.map(({ table, fit }) => [
        table.id,
        typeof scale === 'number' ? scaledFont(fit.fontPt, scale) : fit.fontPt,
      ]),
    ),
    chosen: typeof scale === 'number',
    measured: new Map(),
    pages: null,
  }));
  const measureRef = useRef<HTMLDivElement>(null);
  const toMeasure = tables.filter(
    ({ table }) => layout.measured.get(table.id)?.fontPt !== layout.fonts.get(table.id),
  );

  // The tables to measure are rendered unpaginated: measure them, then choose fonts or deal pages.
  useLayoutEffect(() => {
    const root = measureRef.current;
    if (!root || layout.pages) return;
    const measured = new Map(layout.measured);
    for (const section of root.querySelectorAll<HTMLElement>('section'))
      measured.set(section.dataset.table!, {
        fontPt: Number(section.dataset.font),
        table: measureSection(section),
      });
    setLayout(
      layout.chosen
        ? { ...layout, measured, pages: dealPages(tables, measured) }
        : { ...layout, measured, fonts: chooseFonts(tables, measured, scale), chosen: true },
    );
  }, [tables, layout, scale]);

  return { fonts: layout.fonts, pages: layout.pages, toMeasure, measureRef };
}

export function PrintView({ session, options }: Props) {
  const display: DisplayOptions = useMemo(
    () => ({ reportUnit: session.workbook.unit, unit: options.unit, zeroAsBlank: options.zeroAsBlank }),
    [session, options.unit, options.zeroAsBlank],
  );
  const tables: PrintTable[] = useMemo(
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
  const { fonts, pages, toMeasure, measureRef } = useDealtPages(tables, options.scale);
  const unit = options.unit ?? '（未注明）';
  const sheet = { session, display, unit };
  return (
    <div className="bd-print">
      {!pages && (
        <div className="pv-measure" ref={measureRef} aria-hidden>
          {toMeasure.map((entry) => (
            <Sheet
              key={entry.table.id}
              entry={entry}
              rows={entry.model.rows}
              fontPt={fonts.get(entry.table.id)!}
              last
              foot="第 1 页 共 1 页"
              {...sheet}
            />
          ))}
        </div>
      )}
      {pages?.map((page, i) => (
        <Sheet
          key={i}
          entry={tables.find((t) => t.table === page.table)!}
          rows={page.rows}
          fontPt={fonts.get(page.table.id)!}
          last={page.last}
          foot={`第 ${i + 1} 页 共 ${pages.length} 页`}
          {...sheet}
        />
      ))}
    </div>
  );
}
