/**
 * One open report in the window: the workbook, its undo history, the display options and whether
 * there are unsaved edits. Views subscribe to it and redraw when its version changes.
 */
import { EditHistory } from '../../shared/engine/history';
import type { Command, Result } from '../../shared/engine/commands';
import { Workbook, type Change, type Edit, type Finding } from '../../shared/engine/workbook';
import { countFindings, type FindingCounts } from './findingCounts';
import { findingsByCell } from './findingsByCell';
import {
  formatOf,
  readReportFile,
  saveTarget,
  tableFormat,
  type OpenedReport,
} from '../../shared/io/formats';
import { writeReportJson } from '../../shared/io/reportJson';
import type { ReportFile } from '../../shared/model/report';
import { narrativeSetFor, type NarrativeSet } from '../../shared/narrative/definitions';
import type { DisplayOptions } from './display';

let sessions = 0;

export class Session {
  /** Tells one open report from the next in the window. */
  readonly id = ++sessions;
  readonly history: EditHistory;
  display: DisplayOptions;
  /** Recovered from an autosave: unsaved whatever its steps say, until it is saved. */
  recovered = false;
  version = 0;
  /** Bumped when rows were added or removed, so that grids rebuild their rows. */
  structureVersion = 0;
  /** Milliseconds the engine took for the last change, shown in the status bar. */
  lastRecalcMs = 0;
  /** How large the grids are drawn (Ctrl+wheel, Ctrl+= / Ctrl+-, Ctrl+0): 1 is as designed. */
  gridZoom = 1;
  /**
   * The workbook's change and the version it made, so that a grid repaints only the rows the
   * change touched when nothing else changed since it last painted.
   */
  lastChange: { version: number; change: Change } | null = null;
  /** The findings of one version, and what views look up in them, each worked out once. */
  private seen: {
    version: number;
    findings: Finding[];
    byCell?: Map<string, Finding[]>;
    counts?: FindingCounts;
  } | null = null;
  /** The last thing that went wrong, in Chinese, for the status bar. */
  message: { text: string; error: boolean } | null = null;
  private readonly listeners = new Set<() => void>();
  /** Editors holding typing not yet given as a command (the 情况说明's burst of typing). */
  private readonly pending = new Set<() => void>();

  constructor(
    readonly workbook: Workbook,
    public fileName: string,
    /** The file the report was read from, where its format keeps a layout of its own (.xlsx): saving writes the figures back into it. */
    private spreadsheet: Uint8Array | null = null,
  ) {
    this.history = new EditHistory(workbook);
    // Zeros are shown the way the opened file shows them: blank (the 2023 解放区 document) or 0.00 (the 2024 高新区 one).
    this.display = { reportUnit: workbook.unit, unit: workbook.unit, zeroAsBlank: workbook.zerosBlank };
  }

  static open(report: ReportFile, fileName: string, spreadsheet: Uint8Array | null = null): Session {
    return new Session(Workbook.open(report), fileName, spreadsheet);
  }

  /**
   * Opens a report file of any format the program reads, with what could not be read of it. The
   * file's bytes are kept where saving writes back into them. `read` reads it (the window: in a
   * worker, readInWorker.ts).
   */
  static async read(
    file: { name: string; bytes: Uint8Array },
    read: (name: string, bytes: Uint8Array) => Promise<OpenedReport> = readReportFile,
  ): Promise<{ session: Session; notes: string[] }> {
    const opened = await read(file.name, file.bytes);
    const notes = [
      ...(opened.unrecognized ?? []).map((u) => `工作表“${u.sheet}”未识别：${u.reason}`),
      ...(opened.problems ?? []),
    ];
    return {
      session: Session.open(opened.report, file.name, formatOf(file.name)?.keepsLayout ? file.bytes : null),
      notes,
    };
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

  /** The findings as they are now, in the order the 审核 panel lists them. */
  findings(): Finding[] {
    return this.current().findings;
  }

  /** The findings by the cell each colours in the grid, as they are now. */
  findingsByCell(): Map<string, Finding[]> {
    const seen = this.current();
    return (seen.byCell ??= findingsByCell(seen.findings));
  }

  /** How many findings of each severity there are, by table, in the 情况说明 and in all. */
  counts(): FindingCounts {
    const seen = this.current();
    return (seen.counts ??= countFindings(seen.findings));
  }

  private current() {
    if (this.seen?.version !== this.version)
      this.seen = { version: this.version, findings: this.workbook.findings() };
    return this.seen;
  }

  /**
   * Applies a command of the user (typing, paste, rows, settings …) as one undoable step; a
   * refusal is said in the status line and changes nothing.
   */
  dispatch(command: Command): Change | null {
    return this.run(() =>
      this.history.apply(
        command.kind === 'setCells' && this.display.unit
          ? { ...command, entryUnit: this.display.unit }
          : command,
      ),
    );
  }

  undo(): Change | null {
    this.flushEdits();
    return this.run(() => this.history.undo());
  }

  redo(): Change | null {
    this.flushEdits();
    return this.run(() => this.history.redo());
  }

  /**
   * An editor that gives its typing as a command only when a burst of typing ends registers here:
   * undo, redo, saving and the autosave first have it give what it holds.
   */
  holdEdits(flush: () => void): () => void {
    this.pending.add(flush);
    return () => this.pending.delete(flush);
  }

  private flushEdits(): void {
    for (const flush of this.pending) flush();
  }

  private run(action: () => Result | null): Change | null {
    const started = performance.now();
    const result = action();
    this.lastRecalcMs = performance.now() - started;
    this.message = result && !result.ok ? { text: result.reason, error: true } : null;
    const change = result?.ok ? result.change : null;
    const display = this.display;
    // The report's unit may have been set or changed (报表设置): figures are shown in it from now on.
    if (this.display.reportUnit !== this.workbook.unit)
      this.display = { ...this.display, reportUnit: this.workbook.unit, unit: this.workbook.unit };
    if (change) {
      if (change.tables.length > 0) this.structureVersion++;
      if (change.skipped.length > 0)
        this.message = { text: `已跳过 ${change.skipped.length} 个由公式计算的单元格`, error: false };
    }
    // A change of rows or of how figures are shown is no change of some cells: everything repaints.
    this.lastChange =
      change && change.tables.length === 0 && this.display === display
        ? { version: this.version + 1, change }
        : null;
    this.notify();
    return change;
  }

  /** Unsaved: the report differs from the saved file (its steps say so), or it was recovered after a crash. */
  get dirty(): boolean {
    return this.recovered || this.history.dirty;
  }

  notify(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }

  setDisplay(options: Partial<DisplayOptions>): void {
    this.display = { ...this.display, ...options };
    this.notify();
  }

  /** One step larger (+1) or smaller (−1), in tenths between half and twice the size; 0 back to 100 %. */
  zoomGrid(step: 1 | -1 | 0): void {
    const tenths = step === 0 ? 10 : Math.round(this.gridZoom * 10) + step;
    this.gridZoom = Math.min(20, Math.max(5, tenths)) / 10;
    this.notify();
  }

  say(text: string, error = false): void {
    this.message = { text, error };
    this.notify();
  }

  /** Takes a refusal back off the status line, where a dialog shows it itself (and clears it with the next change). */
  takeMessage(): string | null {
    const text = this.message?.text ?? null;
    this.message = null;
    this.notify();
    return text;
  }

  /**
   * The file to save: into the file the report came from when the program can write its format
   * (figures written back into an opened .xlsx, whose rows the report no longer matches are
   * named); else a new file of the report's own format (.json), never over a file it cannot write.
   */
  async save(): Promise<{ name: string; bytes: Uint8Array; unplaced: string[] }> {
    this.flushEdits();
    const target = saveTarget(this.fileName);
    const original = target.intoOriginal ? this.spreadsheet : null;
    const saved = await target.format.write!(this.workbook, original, {
      zeroAsBlank: this.display.zeroAsBlank,
    });
    return { name: target.fileName, ...saved };
  }

  /** The tables laid out for publication (A4 landscape, print titles), zeros as the window shows them. */
  async publication(): Promise<{ name: string; bytes: Uint8Array }> {
    const { writePublicationXlsx } = await import('../../shared/io/xlsx/publication');
    const bytes = await writePublicationXlsx(this.workbook, { zeroAsBlank: this.display.zeroAsBlank });
    return { name: `${this.fileName.replace(/\.(json|xlsx)$/iu, '')}（公开表）.xlsx`, bytes };
  }

  /** One table as CSV (UTF-8 with BOM, so that Excel shows the Chinese). */
  async exportCsv(tableId: string): Promise<{ name: string; bytes: Uint8Array }> {
    return { name: `${tableId}.csv`, bytes: await tableFormat('csv').write(this.workbook, tableId) };
  }

  /**
   * Figures of one table from a CSV file, as one undoable step: rows the table has get their typed
   * figures; rows it does not have, and lines that could not be read, are named.
   */
  async importCsv(tableId: string, fileName: string, bytes: Uint8Array): Promise<void> {
    const table = this.workbook.structure.tableById.get(tableId)!;
    let imported: Awaited<ReturnType<ReturnType<typeof tableFormat>['read']>>;
    try {
      imported = await tableFormat('csv').read(fileName, bytes, table, this.workbook.unit);
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
    this.dispatch({ kind: 'setCells', edits });
    const notes = [
      ...imported.problems,
      ...(missing.length > 0 ? [`表中没有这些科目，请先插入：${missing.join('、')}`] : []),
    ];
    this.say(
      notes.length > 0
        ? `已导入“${fileName}”，但：${notes.join('；')}`
        : `已导入“${fileName}”（${edits.length} 个单元格，可撤销）`,
      notes.length > 0,
    );
  }

  /**
   * The 情况说明 from a Word (.docx) or text file, as one undoable step; the 补充信息 stays. A file
   * that cannot be read is said in the status line and changes nothing.
   */
  async importNarrative(fileName: string, bytes: Uint8Array): Promise<void> {
    const { readNarrativeFile } = await import('../../shared/io/narrativeFile');
    try {
      const narrative = await readNarrativeFile(fileName, bytes);
      this.flushEdits();
      this.dispatch({ kind: 'setNarrative', narrative: { text: narrative.text } });
      const sections = this.workbook.narrativeReport?.sections.length ?? 0;
      this.say(`已导入“${fileName}”（${sections} 节，可撤销）`);
    } catch (error) {
      this.say(error instanceof Error ? error.message : String(error), true);
    }
  }

  /** The 情况说明 as a Word document, headings and fonts as such documents are published. */
  async exportNarrative(): Promise<{ name: string; bytes: Uint8Array } | null> {
    this.flushEdits();
    const text = this.workbook.narrativeText;
    if (!text) return null;
    const { writeNarrativeDocx } = await import('../../shared/io/narrativeDocx');
    const bytes = await writeNarrativeDocx(text, this.narrativeSet);
    return { name: `${this.fileName.replace(/\.(json|xlsx)$/iu, '')}（情况说明）.docx`, bytes };
  }

  /** The narrative set (sections, 补充信息, wording) of the report's template, or null. */
  get narrativeSet(): NarrativeSet | null {
    const { template } = this.workbook;
    return narrativeSetFor([template.id, ...(template.extends ? [template.extends] : [])]);
  }

  /** The whole report as JSON, for the autosave snapshot. */
  snapshot(): Uint8Array {
    this.flushEdits();
    return writeReportJson(this.workbook.toReport());
  }

  markSaved(fileName: string, bytes: Uint8Array): void {
    this.fileName = fileName;
    if (this.spreadsheet) this.spreadsheet = bytes;
    this.history.markSaved();
    this.recovered = false;
    this.notify();
  }
}
