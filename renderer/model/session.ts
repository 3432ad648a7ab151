/**
 * One open report in the window: the workbook, its undo history, the display options and whether
 * there are unsaved edits. Views subscribe to it and redraw when its version changes.
 */
import { EditHistory } from '../../shared/engine/history';
import { Workbook, type Change, type Edit, type ListedRowInput } from '../../shared/engine/workbook';
import { writeReportJson } from '../../shared/io/reportJson';
import type { ReportFile } from '../../shared/model/report';
import type { DisplayOptions } from './display';

let sessions = 0;

export class Session {
  /** Tells one open report from the next in the window. */
  readonly id = ++sessions;
  readonly history: EditHistory;
  display: DisplayOptions;
  dirty = false;
  version = 0;
  /** Bumped when rows were added or removed, so that grids rebuild their rows. */
  structureVersion = 0;
  /** Milliseconds the engine took for the last change, shown in the status bar. */
  lastRecalcMs = 0;
  /** The last thing that went wrong, in Chinese, for the status bar. */
  message: { text: string; error: boolean } | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly workbook: Workbook,
    public fileName: string,
    /** The .xlsx the report was read from: saving writes the figures back into it. */
    private spreadsheet: Uint8Array | null = null,
  ) {
    this.history = new EditHistory(workbook);
    // Zeros are shown the way the opened file shows them: blank (S23) or 0.00 (S24).
    this.display = { reportUnit: workbook.unit, unit: workbook.unit, zeroAsBlank: workbook.zerosBlank };
  }

  static open(report: ReportFile, fileName: string, spreadsheet: Uint8Array | null = null): Session {
    return new Session(Workbook.open(report), fileName, spreadsheet);
  }

  /** A new, empty report of a template, to be typed in. */
  static create(meta: Parameters<typeof Workbook.create>[0], fileName: string): Session {
    return new Session(Workbook.create(meta), fileName);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  private run(action: () => Change | null, changesData = true): Change | null {
    const started = performance.now();
    let change: Change | null = null;
    try {
      change = action();
      this.message = null;
    } catch (error) {
      this.message = { text: error instanceof Error ? error.message : String(error), error: true };
    }
    this.lastRecalcMs = performance.now() - started;
    if (change) {
      if (changesData) this.dirty = true;
      if (change.tables.length > 0) this.structureVersion++;
      if (change.skipped.length > 0) this.message = { text: `已跳过 ${change.skipped.length} 个由公式计算的单元格`, error: false };
    }
    this.notify();
    return change;
  }

  notify(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }

  edit(edits: Edit[]): Change | null {
    return this.run(() => this.history.edit(edits, { entryUnit: this.display.unit ?? undefined }));
  }

  undo(): Change | null {
    return this.run(() => this.history.undo());
  }

  redo(): Change | null {
    return this.run(() => this.history.redo());
  }

  setOption(key: string, codes: string[]): Change | null {
    return this.run(() => this.history.setOption(key, codes));
  }

  adoptComputed(): Change | null {
    return this.run(() => this.history.adoptComputed());
  }

  addRow(table: string, code: string, name: string, parentNames: Record<string, string>): Change | null {
    return this.run(() => this.history.addRow(table, code, name, parentNames));
  }

  removeRow(table: string, code: string): Change | null {
    return this.run(() => this.history.removeRow(table, code));
  }

  addListedRow(table: string, row: ListedRowInput, near: string | null, parents: ListedRowInput[]): Change | null {
    return this.run(() => this.history.addListedRow(table, row, near, parents));
  }

  removeListedRow(table: string, key: string): Change | null {
    return this.run(() => this.history.removeListedRow(table, key));
  }

  setRowText(table: string, key: string, field: string, text: string): Change | null {
    return this.run(() => this.history.setRowText(table, key, field, text));
  }

  setDisplay(options: Partial<DisplayOptions>): void {
    this.display = { ...this.display, ...options };
    this.notify();
  }

  say(text: string, error = false): void {
    this.message = { text, error };
    this.notify();
  }

  /**
   * The file to save: figures written back into the .xlsx the report came from; a report started
   * in the program as a publication workbook; a report opened from .json as .json. Figures an
   * opened .xlsx has no row for are named, not silently dropped.
   */
  async save(): Promise<{ name: string; bytes: Uint8Array; unplaced: string[] }> {
    if (this.spreadsheet) {
      const { saveIntoXlsx } = await import('../../shared/io/xlsx/saveXlsx');
      const saved = await saveIntoXlsx(this.fileName, this.spreadsheet, this.workbook);
      return { name: this.fileName, bytes: saved.bytes, unplaced: saved.unplaced };
    }
    if (/\.xlsx$/iu.test(this.fileName)) return { ...(await this.publication()), name: this.fileName, unplaced: [] };
    return { name: this.fileName, bytes: writeReportJson(this.workbook.toReport()), unplaced: [] };
  }

  /** The tables laid out for publication (A4 landscape, print titles), zeros as the window shows them. */
  async publication(): Promise<{ name: string; bytes: Uint8Array }> {
    const { writePublicationXlsx } = await import('../../shared/io/xlsx/publication');
    const bytes = await writePublicationXlsx(this.workbook, { zeroAsBlank: this.display.zeroAsBlank });
    return { name: `${this.fileName.replace(/\.(json|xlsx)$/iu, '')}（公开表）.xlsx`, bytes };
  }

  /** One table as CSV (UTF-8 with BOM, so that Excel shows the Chinese). */
  async exportCsv(tableId: string): Promise<{ name: string; bytes: Uint8Array }> {
    const { exportTableCsv } = await import('../../shared/io/csv');
    return { name: `${tableId}.csv`, bytes: exportTableCsv(this.workbook, tableId) };
  }

  /**
   * Figures of one table from a CSV file, as one undoable step: rows the table has get their typed
   * figures; rows it does not have, and lines that could not be read, are named.
   */
  async importCsv(tableId: string, fileName: string, bytes: Uint8Array): Promise<void> {
    const { importTableCsv } = await import('../../shared/io/csv');
    const table = this.workbook.structure.tableById.get(tableId)!;
    let imported: ReturnType<typeof importTableCsv>;
    try {
      imported = importTableCsv(fileName, bytes, table, this.workbook.unit);
    } catch (error) {
      this.say(error instanceof Error ? error.message : String(error), true);
      return;
    }
    const edits: Edit[] = [];
    const missing: string[] = [];
    for (const row of imported.rows) {
      const info = table.rowByKey.get(row.role ?? row.code ?? table.template.codeScheme?.totalRole ?? '');
      if (!info) {
        missing.push(row.code ?? row.name ?? '');
        continue;
      }
      for (const [column, text] of Object.entries(row.values)) {
        const ref = { table: tableId, row: info.key, column };
        if (this.workbook.cellIfPresent(ref)?.computed === false) edits.push({ ref, text: text ?? '' });
      }
    }
    this.edit(edits);
    const notes = [...imported.problems, ...(missing.length > 0 ? [`表中没有这些科目，请先插入：${missing.join('、')}`] : [])];
    this.say(notes.length > 0 ? `已导入“${fileName}”，但：${notes.join('；')}` : `已导入“${fileName}”（${edits.length} 个单元格，可撤销）`, notes.length > 0);
  }

  /** The whole report as JSON, for the autosave snapshot. */
  snapshot(): Uint8Array {
    return writeReportJson(this.workbook.toReport());
  }

  markSaved(fileName: string, bytes: Uint8Array): void {
    this.fileName = fileName;
    if (this.spreadsheet) this.spreadsheet = bytes;
    this.dirty = false;
    this.notify();
  }
}
