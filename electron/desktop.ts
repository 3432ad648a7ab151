/**
 * The desktop program's windows and what they may do on the user's machine. One window holds one
 * report; opening another report opens another window. A window remembers the file its report
 * belongs to, so that 保存 writes back into it; the renderer never names a path itself. Each window
 * snapshots its unsaved edits for recovery, and a window with unsaved edits is not closed until
 * its page has asked the user.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { BrowserWindow, dialog, type WebContents } from 'electron';
import type {
  MenuCommand,
  OpenedFile,
  RecentFile,
  RecoverableWork,
  RecoveredWork,
} from '../renderer/host/types';
import { fileFilters, formatOf, readableExtensions } from '../shared/io/formats';
import { Channel } from './channels';
import { readUserFile, saveAtomically, UserFileError } from './files';
import { RecentList } from './recent';
import { RecoveryStore } from './recovery';
import { hardenContents, secureWebPreferences } from './security';

export const PRODUCT_NAME = 'BudgetDesk 预决算公开表编制工具';

export interface DesktopOptions {
  /** The user data folder: recent list, autosave snapshots, backups. */
  userData: string;
  /** Where the save dialogs start when a report has no file yet. */
  documents: string;
  preload: string;
  /** The URL of the program's page (app:// when packaged, the dev server under Forge). */
  pageUrl: string;
  /** Origins the page may be served from; IPC from any other page is refused. */
  appOrigins: readonly string[];
}

export interface DocumentWindow {
  readonly window: BrowserWindow;
  /** The file the report was opened from or last saved to; null for a new or a .json-less report. */
  documentPath: string | null;
  /** The report's name as the page shows it; null while the start page is shown. */
  fileName: string | null;
  dirty: boolean;
  /** The user has answered the unsaved-changes question (or there was nothing to ask). */
  closeConfirmed: boolean;
  snapshotId: string;
  /** A file to show once the page is ready to take it. */
  pending: OpenedFile | null;
  pageReady: boolean;
  /** The menu commands the page cannot run now: greyed in the menu while this window is in front. */
  unavailable: MenuCommand[];
}

/** A filter per extension: the formats of the registry, and the PDF the print view makes. */
const FILTERS: Record<string, Electron.FileFilter> = {
  ...Object.fromEntries(fileFilters()),
  pdf: { name: 'PDF 文件 (*.pdf)', extensions: ['pdf'] },
};

const extensionOf = (file: string) => path.extname(file).slice(1).toLowerCase();

export class Desktop {
  private readonly windows = new Map<number, DocumentWindow>();
  readonly recent: RecentList;
  readonly recovery: RecoveryStore;
  readonly backupDir: string;
  /** Called when the menu must be built anew: the 最近打开 list or a window's unavailable commands changed. */
  onMenuChanged: () => void = () => {};

  constructor(private readonly options: DesktopOptions) {
    this.recent = new RecentList(path.join(options.userData, 'recent.json'));
    this.recovery = new RecoveryStore(path.join(options.userData, 'recovery'));
    this.backupDir = path.join(options.userData, '备份');
  }

  get all(): DocumentWindow[] {
    return [...this.windows.values()];
  }

  /** The window the menu acts on: the focused one, else the first; null when there is none. */
  front(): DocumentWindow | null {
    return this.all.find((w) => w.window === BrowserWindow.getFocusedWindow()) ?? this.all[0] ?? null;
  }

  /** The window a page's IPC message came from, or null when the sender is not one of ours. */
  fromSender(sender: WebContents): DocumentWindow | null {
    return this.windows.get(sender.id) ?? null;
  }

  createWindow(): DocumentWindow {
    const window = new BrowserWindow({
      width: 1440,
      height: 900,
      minWidth: 900,
      minHeight: 600,
      title: PRODUCT_NAME,
      show: false,
      backgroundColor: '#ffffff',
      webPreferences: secureWebPreferences(this.options.preload),
    });
    const entry: DocumentWindow = {
      window,
      documentPath: null,
      fileName: null,
      dirty: false,
      closeConfirmed: false,
      snapshotId: randomUUID(),
      pending: null,
      pageReady: false,
      unavailable: [],
    };
    const id = window.webContents.id;
    this.windows.set(id, entry);
    hardenContents(window.webContents, this.options.appOrigins);
    window.once('ready-to-show', () => window.show());
    window.on('close', (event) => this.onClose(entry, event));
    window.on('closed', () => {
      this.windows.delete(id);
      // A clean close leaves nothing to recover; a window closed with edits the user discarded
      // has already dropped its snapshot.
      if (!entry.dirty) void this.recovery.remove(entry.snapshotId);
    });
    window.webContents.on('render-process-gone', () => {
      // The crashed page's snapshot stays on disk for the start page to offer; the reloaded page
      // starts a snapshot of its own and may be closed without a question.
      entry.snapshotId = randomUUID();
      entry.dirty = false;
      entry.fileName = null;
      entry.pageReady = false;
      this.setUnavailableCommands(entry, []);
    });
    void window.loadURL(this.options.pageUrl);
    return entry;
  }

  private onClose(entry: DocumentWindow, event: Electron.Event): void {
    if (!entry.dirty || entry.closeConfirmed) return;
    event.preventDefault();
    entry.window.focus();
    this.send(entry, 'close');
  }

  send(entry: DocumentWindow, command: MenuCommand): void {
    entry.window.webContents.send(Channel.command, command);
  }

  /** Opens reports in windows: focuses one already showing a file, fills an empty one, else a new one. */
  async openPaths(files: string[], preferred: DocumentWindow | null = null): Promise<void> {
    for (const file of files) {
      const showing = this.all.find(
        (w) => w.documentPath !== null && path.resolve(w.documentPath) === path.resolve(file),
      );
      if (showing) {
        showing.window.focus();
        continue;
      }
      const target =
        preferred && preferred.fileName === null && preferred.pending === null
          ? preferred
          : this.createWindow();
      preferred = null;
      try {
        this.deliver(target, await this.readDocument(target, file));
      } catch (error) {
        void dialog.showMessageBox(target.window, {
          type: 'error',
          title: PRODUCT_NAME,
          message: error instanceof Error ? error.message : String(error),
        });
      }
    }
  }

  private deliver(entry: DocumentWindow, file: OpenedFile): void {
    if (entry.pageReady) entry.window.webContents.send(Channel.deliverFile, file);
    else entry.pending = file;
  }

  /** Reads a report for `entry` and makes it the window's file. */
  private async readDocument(entry: DocumentWindow, file: string): Promise<OpenedFile> {
    const bytes = await readUserFile(file);
    entry.documentPath = file;
    await this.remember(file);
    return { name: path.basename(file), bytes };
  }

  private async remember(file: string): Promise<void> {
    await this.recent.add(file);
    this.onMenuChanged();
  }

  takePending(entry: DocumentWindow): OpenedFile | null {
    entry.pageReady = true;
    const file = entry.pending;
    entry.pending = null;
    return file;
  }

  /** Where the dialogs of a window start: the folder of its file, else the documents folder. */
  private folderOf(entry: DocumentWindow): string {
    return entry.documentPath ? path.dirname(entry.documentPath) : this.options.documents;
  }

  private async askOpenPath(
    entry: DocumentWindow,
    title: string,
    filters: Electron.FileFilter[],
  ): Promise<string | null> {
    const chosen = await dialog.showOpenDialog(entry.window, {
      title,
      defaultPath: this.folderOf(entry),
      filters,
      properties: ['openFile'],
    });
    return (chosen.canceled ? undefined : chosen.filePaths[0]) ?? null;
  }

  async openReport(entry: DocumentWindow): Promise<OpenedFile | null> {
    const readable = readableExtensions();
    const all = { name: `报表文件 (${readable.map((e) => `*.${e}`).join(', ')})`, extensions: readable };
    const file = await this.askOpenPath(entry, '打开报表', [all, ...readable.map((e) => FILTERS[e]!)]);
    return file ? this.openDocumentHere(entry, file) : null;
  }

  /** A report for this window when it has none, otherwise opened in a window of its own (null here). */
  private async openDocumentHere(entry: DocumentWindow, file: string): Promise<OpenedFile | null> {
    if (entry.fileName !== null) {
      await this.openPaths([file]);
      return null;
    }
    return this.readDocument(entry, file);
  }

  async openFile(entry: DocumentWindow, extensions: string[]): Promise<OpenedFile | null> {
    const each = extensions.map((e) => FILTERS[e]!);
    // Of several kinds (a Word or a text file), all are shown at first.
    const all = { name: `可导入的文件 (${extensions.map((e) => `*.${e}`).join(', ')})`, extensions };
    const file = await this.askOpenPath(entry, '导入', each.length > 1 ? [all, ...each] : each);
    return file ? { name: path.basename(file), bytes: await readUserFile(file) } : null;
  }

  private async askSavePath(
    entry: DocumentWindow,
    suggestedName: string,
    title: string,
  ): Promise<string | null> {
    const defaultPath = path.join(this.folderOf(entry), suggestedName);
    const chosen = await dialog.showSaveDialog(entry.window, {
      title,
      defaultPath,
      filters: [FILTERS[extensionOf(suggestedName)]!],
    });
    return chosen.canceled || !chosen.filePath ? null : chosen.filePath;
  }

  private async write(entry: DocumentWindow, target: string, bytes: Uint8Array): Promise<void> {
    const result = await saveAtomically(target, bytes, this.backupDir);
    if (result.warning)
      void dialog.showMessageBox(entry.window, {
        type: 'warning',
        title: PRODUCT_NAME,
        message: result.warning,
      });
  }

  /** 保存 writes over the window's file (same type); 另存为, a new report or a new type asks where. */
  async saveReport(
    entry: DocumentWindow,
    suggestedName: string,
    bytes: Uint8Array,
    saveAs: boolean,
  ): Promise<string | null> {
    const sameFile =
      !saveAs &&
      entry.documentPath !== null &&
      extensionOf(entry.documentPath) === extensionOf(suggestedName);
    const target = sameFile ? entry.documentPath : await this.askSavePath(entry, suggestedName, '保存报表');
    if (!target) return null;
    await this.write(entry, target, bytes);
    entry.documentPath = target;
    await this.remember(target);
    return path.basename(target);
  }

  async saveFile(entry: DocumentWindow, suggestedName: string, bytes: Uint8Array): Promise<string | null> {
    const target = await this.askSavePath(entry, suggestedName, '导出');
    if (!target) return null;
    await this.write(entry, target, bytes);
    return path.basename(target);
  }

  async recentFiles(): Promise<RecentFile[]> {
    return (await this.recent.list()).map((e) => ({
      id: e.path,
      name: path.basename(e.path),
      openedAt: e.openedAt,
    }));
  }

  async openRecent(entry: DocumentWindow, file: string): Promise<OpenedFile | null> {
    if (!(await this.recent.has(file))) throw new UserFileError('这个文件不在“最近打开”列表中。');
    return this.openDocumentHere(entry, file);
  }

  setDocumentState(entry: DocumentWindow, state: { fileName: string | null; dirty: boolean }): void {
    entry.fileName = state.fileName;
    entry.dirty = state.dirty;
    entry.window.setTitle(
      state.fileName ? `${state.dirty ? '● ' : ''}${state.fileName} - ${PRODUCT_NAME}` : PRODUCT_NAME,
    );
    entry.window.setDocumentEdited(state.dirty);
  }

  setUnavailableCommands(entry: DocumentWindow, commands: MenuCommand[]): void {
    if (commands.join() === entry.unavailable.join()) return;
    entry.unavailable = commands;
    this.onMenuChanged();
  }

  closeWindow(entry: DocumentWindow): void {
    entry.closeConfirmed = true;
    entry.window.close();
  }

  print(entry: DocumentWindow): Promise<void> {
    return new Promise((resolve, reject) => {
      entry.window.webContents.print({ printBackground: true }, (success, reason) => {
        if (success || /cancel/iu.test(reason)) resolve();
        else reject(new Error(`打印失败：${reason}`));
      });
    });
  }

  async savePdf(entry: DocumentWindow, suggestedName: string): Promise<string | null> {
    const target = await this.askSavePath(entry, suggestedName, '导出 PDF');
    if (!target) return null;
    // The print view's @page rules decide paper and orientation, as they do for printing.
    const pdf = await entry.window.webContents.printToPDF({ preferCSSPageSize: true, printBackground: true });
    await this.write(entry, target, new Uint8Array(pdf));
    return path.basename(target);
  }

  async snapshot(
    entry: DocumentWindow,
    work: { fileName: string; report: Uint8Array } | null,
  ): Promise<void> {
    if (!work) return this.recovery.remove(entry.snapshotId);
    await this.recovery.write({
      id: entry.snapshotId,
      fileName: work.fileName,
      documentPath: entry.documentPath,
      savedAt: new Date().toISOString(),
      report: new TextDecoder().decode(work.report),
    });
  }

  private liveSnapshots(): Set<string> {
    return new Set(this.all.map((w) => w.snapshotId));
  }

  async recoverableWork(): Promise<RecoverableWork[]> {
    return (await this.recovery.list(this.liveSnapshots())).map(({ id, fileName, savedAt }) => ({
      id,
      fileName,
      savedAt,
    }));
  }

  /** Takes a snapshot over into this window: its figures, and the file it belongs to when still there. */
  async recover(entry: DocumentWindow, id: string): Promise<RecoveredWork | null> {
    if (this.liveSnapshots().has(id)) return null;
    const snapshot = await this.recovery.read(id);
    if (!snapshot) return null;
    const format = snapshot.documentPath ? formatOf(snapshot.documentPath) : null;
    const spreadsheet = format?.keepsLayout
      ? await readUserFile(snapshot.documentPath!).catch(() => null)
      : null;
    await this.recovery.remove(entry.snapshotId);
    entry.snapshotId = id;
    // The file stays the window's own where saving can write it: its layout was read back, or it has none of its own.
    entry.documentPath = spreadsheet || (format?.write && !format.keepsLayout) ? snapshot.documentPath : null;
    return { fileName: snapshot.fileName, report: new TextEncoder().encode(snapshot.report), spreadsheet };
  }

  async discardRecoverable(id: string): Promise<void> {
    if (!this.liveSnapshots().has(id)) await this.recovery.remove(id);
  }
}
