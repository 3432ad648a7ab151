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

export interface HostApi {
  /** 'electron' in the desktop program, 'browser' in the browser mode. */
  readonly kind: 'electron' | 'browser';
  /** Asks the user for a file; null when they cancel. */
  openFile(extensions: string[]): Promise<OpenedFile | null>;
  /** Saves bytes under a name the user confirms; returns the name saved, or null when cancelled. */
  saveFile(suggestedName: string, bytes: Uint8Array): Promise<string | null>;
  recentFiles(): Promise<RecentFile[]>;
  openRecent(id: string): Promise<OpenedFile | null>;
  /** Remembers a file the user opened or saved, for the start page. */
  remember(file: OpenedFile): Promise<void>;
}
