/**
 * Everything the renderer needs from the machine it runs on. The renderer never touches Node or
 * the disk: the Electron preload bridge implements this, and so does the browser mode.
 */

export interface OpenedFile {
  name: string;
  bytes: Uint8Array;
}

export interface RecentFile {
  id: string;
  name: string;
  openedAt: string;
}

/** Unsaved work kept by the autosave, offered back on the start page after a crash. */
export interface RecoverableWork {
  id: string;
  fileName: string;
  savedAt: string;
}

/** A recovered report: its figures as report JSON, and the .xlsx it was read from when still there. */
export interface RecoveredWork {
  fileName: string;
  report: Uint8Array;
  spreadsheet: Uint8Array | null;
}

/** What the desktop program's menu asks the window to do. */
export const MENU_COMMANDS = [
  'open',
  'save',
  'saveAs',
  'exportPublication',
  'exportCsv',
  'importCsv',
  'print',
  'undo',
  'redo',
  'adoptComputed',
  'nextError',
  'unitWan',
  'unitYuan',
  'toggleZeroBlank',
  'zoomIn',
  'zoomOut',
  'zoomReset',
  'close',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export interface HostApi {
  /** 'electron' in the desktop program, 'browser' in the browser mode. */
  readonly kind: 'electron' | 'browser';
  /**
   * Asks the user for a report (.json or .xlsx). Null when they cancel, or when the desktop
   * program opened it in a window of its own because this window already holds a report.
   */
  openReport(): Promise<OpenedFile | null>;
  /** Asks the user for a file to import into the open report (a CSV); null when they cancel. */
  openFile(extensions: string[]): Promise<OpenedFile | null>;
  /**
   * Saves the open report. The desktop program writes over the file it came from (atomically,
   * keeping the previous version as a backup) unless `saveAs` or the name's type changed.
   * Returns the name saved, or null when cancelled.
   */
  saveReport(suggestedName: string, bytes: Uint8Array, saveAs: boolean): Promise<string | null>;
  /** Saves an export (publication workbook, CSV) under a name the user confirms; null when cancelled. */
  saveFile(suggestedName: string, bytes: Uint8Array): Promise<string | null>;
  recentFiles(): Promise<RecentFile[]>;
  openRecent(id: string): Promise<OpenedFile | null>;
  /** Remembers a file the user opened or saved, for the start page. */
  remember(file: OpenedFile): Promise<void>;
  /** Shows the file name and the unsaved mark in the title; the host guards closing while dirty. */
  setDocumentState(state: { fileName: string | null; dirty: boolean }): void;
  /** Prints the page (the print view) with the system print dialog. */
  print(): Promise<void>;
  /** Saves the print view as PDF; only the desktop program can (browsers save PDF from print). */
  savePdf?(suggestedName: string): Promise<string | null>;
  /** Keeps the unsaved report where a crash cannot lose it; null once it is saved or discarded. */
  snapshot(work: { fileName: string; report: Uint8Array } | null): Promise<void>;
  recoverableWork(): Promise<RecoverableWork[]>;
  recover(id: string): Promise<RecoveredWork | null>;
  discardRecoverable(id: string): Promise<void>;
  /**
   * The menu commands the window cannot run now (a table's actions while the 情况说明 is in
   * front), for the desktop program's menu to grey; the browser mode has no menu.
   */
  setUnavailableCommands?(commands: MenuCommand[]): void;
  /** Menu commands (desktop program); returns the unsubscribe function. */
  onCommand(listener: (command: MenuCommand) => void): () => void;
  /** Reports the desktop program opened in this window (command line, double-click, 最近打开). */
  onFileDelivered(listener: (file: OpenedFile) => void): () => void;
  /** Closes the window after the user has answered the unsaved-changes question. */
  closeWindow(): void;
}
