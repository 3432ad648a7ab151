/**
 * The main process's side of the preload bridge. Every handler first checks that the message comes
 * from the main frame of one of the program's own windows showing the program's own page, then
 * checks each argument's type and size; anything else is refused with an error and does nothing.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { MENU_COMMANDS, type MenuCommand } from '../renderer/host/types';
import { fileFilters } from '../shared/io/formats';
import { Channel } from './channels';
import type { Desktop, DocumentWindow } from './desktop';
import { isAppUrl } from './security';

/** Larger than any report; an argument above it is refused rather than written. */
export const MAX_IPC_BYTES = 200 * 1024 * 1024;
/**
 * What a page may ask to open, and to save: the formats of the registry (reports, tables, the
 * 情况说明's Word and text files), and the PDF of its print view.
 */
const IMPORT_TYPES = [...fileFilters().keys()];
const SAVE_TYPES = [...IMPORT_TYPES, 'pdf'];

export class IpcRefused extends Error {
  override name = 'IpcRefused';
}

function refuse(why: string): never {
  throw new IpcRefused(why);
}

function fileName(value: unknown, types: readonly string[]): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 200) refuse('文件名无效');
  // A name, never a path: the main process decides where files go.
  // eslint-disable-next-line no-control-regex -- control characters are refused in a file name
  if (/[\\/:*?"<>|\u0000-\u001f]/u.test(value) || value === '.' || value === '..')
    refuse('文件名不能包含路径或特殊字符');
  const type = value.slice(value.lastIndexOf('.') + 1).toLowerCase();
  if (!value.includes('.') || !types.includes(type)) refuse(`不支持的文件类型：${type}`);
  return value;
}

function bytes(value: unknown): Uint8Array {
  if (!(value instanceof Uint8Array)) refuse('内容必须是字节');
  if (value.byteLength > MAX_IPC_BYTES) refuse('内容过大');
  return value;
}

function bool(value: unknown): boolean {
  if (typeof value !== 'boolean') refuse('参数必须是是/否');
  return value;
}

function text(value: unknown, max: number): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > max) refuse('参数无效');
  return value;
}

function snapshotId(value: unknown): string {
  if (typeof value !== 'string' || !/^[a-z0-9-]{1,64}$/u.test(value)) refuse('自动备份编号无效');
  return value;
}

function extensions(value: unknown): string[] {
  if (
    !Array.isArray(value) ||
    value.length === 0 ||
    value.some((e) => typeof e !== 'string' || !IMPORT_TYPES.includes(e))
  )
    refuse('不支持的导入类型');
  return value as string[];
}

function documentState(value: unknown): { fileName: string | null; dirty: boolean } {
  const state = value as { fileName?: unknown; dirty?: unknown } | null;
  if (typeof state !== 'object' || state === null) refuse('窗口状态无效');
  const name = state.fileName === null ? null : text(state.fileName, 200);
  return { fileName: name, dirty: bool(state.dirty) };
}

function work(value: unknown): { fileName: string; report: Uint8Array } | null {
  if (value === null) return null;
  const snapshot = value as { fileName?: unknown; report?: unknown };
  if (typeof snapshot !== 'object') refuse('自动备份无效');
  return { fileName: text(snapshot.fileName, 200), report: bytes(snapshot.report) };
}

function menuCommands(value: unknown): MenuCommand[] {
  if (
    !Array.isArray(value) ||
    value.length > MENU_COMMANDS.length ||
    value.some((c) => !MENU_COMMANDS.includes(c as MenuCommand))
  )
    refuse('菜单命令无效');
  return value as MenuCommand[];
}

type Handler = (window: DocumentWindow, ...args: unknown[]) => unknown;

/** The window behind an IPC message, or a refusal when it does not come from the program's page. */
export function trustedWindow(
  desktop: Desktop,
  event: IpcMainInvokeEvent,
  appOrigins: readonly string[],
): DocumentWindow {
  const window = desktop.fromSender(event.sender);
  const frame = event.senderFrame;
  if (!window || !frame || frame.parent !== null || !isAppUrl(frame.url, appOrigins))
    refuse('拒绝来自未知页面的请求');
  return window;
}

export function registerIpcHandlers(desktop: Desktop, appOrigins: readonly string[]): void {
  const handlers: Record<string, Handler> = {
    [Channel.openReport]: (w) => desktop.openReport(w),
    [Channel.openFile]: (w, types) => desktop.openFile(w, extensions(types)),
    [Channel.saveReport]: (w, name, content, saveAs) =>
      desktop.saveReport(w, fileName(name, SAVE_TYPES), bytes(content), bool(saveAs)),
    [Channel.saveFile]: (w, name, content) => desktop.saveFile(w, fileName(name, SAVE_TYPES), bytes(content)),
    [Channel.recentFiles]: () => desktop.recentFiles(),
    [Channel.openRecent]: (w, id) => desktop.openRecent(w, text(id, 4096)),
    [Channel.pendingFile]: (w) => desktop.takePending(w),
    [Channel.documentState]: (w, state) => desktop.setDocumentState(w, documentState(state)),
    [Channel.closeWindow]: (w) => desktop.closeWindow(w),
    [Channel.print]: (w) => desktop.print(w),
    [Channel.savePdf]: (w, name) => desktop.savePdf(w, fileName(name, ['pdf'])),
    [Channel.snapshot]: (w, snapshot) => desktop.snapshot(w, work(snapshot)),
    [Channel.recoverableWork]: () => desktop.recoverableWork(),
    [Channel.recover]: (w, id) => desktop.recover(w, snapshotId(id)),
    [Channel.discardRecoverable]: (_w, id) => desktop.discardRecoverable(snapshotId(id)),
    [Channel.unavailableCommands]: (w, commands) => desktop.setUnavailableCommands(w, menuCommands(commands)),
  };
  for (const [channel, handler] of Object.entries(handlers)) {
    ipcMain.handle(channel, (event, ...args) => handler(trustedWindow(desktop, event, appOrigins), ...args));
  }
}
