/**
 * The preload bridge: the page gets exactly the HostApi as `window.budgetdesk`, each method one IPC
 * call, and nothing of Node or of ipcRenderer itself. It runs in the sandbox, so it may only use
 * `electron`.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { MENU_COMMANDS, type HostApi, type MenuCommand, type OpenedFile } from '../renderer/host/types';
import { Channel } from './channels';

/** Errors thrown in the main process arrive wrapped; the user should read only the Chinese message. */
async function call<T>(channel: string, ...args: unknown[]): Promise<T> {
  try {
    return (await ipcRenderer.invoke(channel, ...args)) as T;
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    throw new Error(text.replace(/^Error invoking remote method '[^']+': (?:\w*Error: )?/u, ''), {
      cause: error,
    });
  }
}

function listen<T>(
  channel: string,
  accept: (value: unknown) => value is T,
  listener: (value: T) => void,
): () => void {
  const handler = (_event: Electron.IpcRendererEvent, value: unknown) => {
    if (accept(value)) listener(value);
  };
  ipcRenderer.on(channel, handler);
  return () => ipcRenderer.removeListener(channel, handler);
}

const isCommand = (value: unknown): value is MenuCommand => MENU_COMMANDS.includes(value as MenuCommand);
const isFile = (value: unknown): value is OpenedFile =>
  typeof (value as OpenedFile | null)?.name === 'string' && (value as OpenedFile).bytes instanceof Uint8Array;

const host: HostApi = {
  kind: 'electron',
  openReport: () => call(Channel.openReport),
  openFile: (extensions) => call(Channel.openFile, extensions),
  saveReport: (name, bytes, saveAs) => call(Channel.saveReport, name, bytes, saveAs),
  saveFile: (name, bytes) => call(Channel.saveFile, name, bytes),
  recentFiles: () => call(Channel.recentFiles),
  openRecent: (id) => call(Channel.openRecent, id),
  // The main process remembers every file it opens or saves.
  remember: async () => {},
  setDocumentState: (state) => void call(Channel.documentState, state),
  print: () => call(Channel.print),
  savePdf: (name) => call(Channel.savePdf, name),
  snapshot: (work) => call(Channel.snapshot, work),
  recoverableWork: () => call(Channel.recoverableWork),
  recover: (id) => call(Channel.recover, id),
  discardRecoverable: (id) => call(Channel.discardRecoverable, id),
  setUnavailableCommands: (commands) => void call(Channel.unavailableCommands, commands),
  onCommand: (listener) => listen(Channel.command, isCommand, listener),
  onFileDelivered: (listener) => {
    const stop = listen(Channel.deliverFile, isFile, listener);
    // A file given on the command line waits in the main process until the page can take it.
    void call<OpenedFile | null>(Channel.pendingFile).then((file) => file && listener(file));
    return stop;
  },
  closeWindow: () => void call(Channel.closeWindow),
};

contextBridge.exposeInMainWorld('budgetdesk', host);
