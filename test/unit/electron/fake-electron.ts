/**
 * A stand-in for the `electron` module (Electron cannot run on the test machine): windows, web
 * contents, IPC, dialogs and sessions that record what the main process does with them.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

export const APP_PAGE = 'app://budgetdesk/index.html';

interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
}

export function fakeEvent(): FakeEvent {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

let nextId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextId++;
  readonly sent: [string, unknown][] = [];
  url = APP_PAGE;
  readonly mainFrame = {
    parent: null,
    get url() {
      return '';
    },
  };
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  print = vi.fn((_options: unknown, callback: (success: boolean, reason: string) => void) =>
    callback(true, ''),
  );
  printToPDF = vi.fn(async () => Buffer.from('%PDF-1.7 fake'));

  constructor() {
    super();
    Object.defineProperty(this.mainFrame, 'url', { get: () => this.url });
  }

  send(channel: string, value: unknown): void {
    this.sent.push([channel, value]);
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

export class BrowserWindow extends EventEmitter {
  static readonly created: BrowserWindow[] = [];
  static focused: BrowserWindow | null = null;
  readonly webContents = new FakeWebContents();
  title = '';
  documentEdited = false;
  closed = false;
  loadURL = vi.fn(async (_url: string) => {});

  constructor(readonly options: Record<string, unknown>) {
    super();
    BrowserWindow.created.push(this);
  }

  static getFocusedWindow(): BrowserWindow | null {
    return BrowserWindow.focused;
  }

  show(): void {}
  focus(): void {
    BrowserWindow.focused = this;
  }
  setTitle(title: string): void {
    this.title = title;
  }
  setDocumentEdited(edited: boolean): void {
    this.documentEdited = edited;
  }
  close(): void {
    const event = fakeEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.closed = true;
    this.emit('closed');
  }
}

type Handler = (event: unknown, ...args: unknown[]) => unknown;

export const ipcMain = {
  handlers: new Map<string, Handler>(),
  handle(channel: string, handler: Handler) {
    this.handlers.set(channel, handler);
  },
};

export const dialog = {
  showOpenDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePaths: [] as string[] })),
  showSaveDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePath: '' })),
  showMessageBox: vi.fn(async (..._args: unknown[]) => ({ response: 0 })),
};

export class FakeSession {
  permissionRequest:
    ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null = null;
  permissionCheck: ((...args: unknown[]) => boolean) | null = null;
  headersReceived:
    | ((
        details: { responseHeaders: Record<string, string[]> },
        callback: (response: { responseHeaders: Record<string, string[]> }) => void,
      ) => void)
    | null = null;
  setPermissionRequestHandler(handler: FakeSession['permissionRequest']) {
    this.permissionRequest = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['permissionCheck']) {
    this.permissionCheck = handler;
  }
  webRequest = {
    onHeadersReceived: (handler: FakeSession['headersReceived']) => {
      this.headersReceived = handler;
    },
  };
}

export const session = { defaultSession: new FakeSession() };

/** The preload side: what the page is given, and the IPC calls it makes. */
export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(name: string, api: unknown) {
    this.exposed.set(name, api);
  },
};

export const ipcRenderer = Object.assign(new EventEmitter(), {
  invoke: vi.fn(async (_channel: string, ..._args: unknown[]): Promise<unknown> => null),
});

export const app = { isPackaged: false, getVersion: () => '0.1.0' };
export const Menu = { buildFromTemplate: vi.fn(), setApplicationMenu: vi.fn() };
export const protocol = { handle: vi.fn(), registerSchemesAsPrivileged: vi.fn() };
export const shell = { openPath: vi.fn() };

export default {
  BrowserWindow,
  ipcMain,
  dialog,
  session,
  contextBridge,
  ipcRenderer,
  app,
  Menu,
  protocol,
  shell,
};
