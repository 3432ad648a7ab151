import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backupPool } from '../../../electron/backups';
import type { Desktop } from '../../../electron/desktop';
import { makeDesktop, windowOf } from './desktop-setup';
import { dialog } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const bytes = (text: string) => new TextEncoder().encode(text);
let desktop: Desktop;
let dir: string;
let cleanup: () => Promise<void>;

beforeEach(async () => ({ desktop, dir, cleanup } = await makeDesktop()));
afterEach(() => cleanup());

async function writeReport(name: string, content = '报表'): Promise<string> {
  const file = path.join(dir, name);
  await fs.writeFile(file, content);
  return file;
}

describe('windows', () => {
  it('loads the program page in a secured window', () => {
    const entry = desktop.createWindow();
    const window = windowOf(entry);
    expect(window.loadURL).toHaveBeenCalledWith('app://budgetdesk/index.html');
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      preload: '/app/preload.cjs',
    });
  });

  it('shows the file name and an unsaved mark in the title', () => {
    const entry = desktop.createWindow();
    desktop.setDocumentState(entry, { fileName: '决算.xlsx', dirty: true });
    expect(windowOf(entry).title).toBe('● 决算.xlsx - BudgetDesk 预决算公开表编制工具');
    expect(windowOf(entry).documentEdited).toBe(true);
    desktop.setDocumentState(entry, { fileName: '决算.xlsx', dirty: false });
    expect(windowOf(entry).title).toBe('决算.xlsx - BudgetDesk 预决算公开表编制工具');
  });

  it('asks the page before closing a window with unsaved changes, and closes once answered', () => {
    const entry = desktop.createWindow();
    const window = windowOf(entry);
    desktop.setDocumentState(entry, { fileName: '决算.xlsx', dirty: true });
    window.close();
    expect(window.closed).toBe(false);
    expect(window.webContents.sent).toContainEqual(['menu:command', 'close']);
    desktop.closeWindow(entry);
    expect(window.closed).toBe(true);
    expect(desktop.all).not.toContain(entry);
  });

  it('closes a saved window without asking', () => {
    const entry = desktop.createWindow();
    desktop.setDocumentState(entry, { fileName: '决算.xlsx', dirty: false });
    windowOf(entry).close();
    expect(windowOf(entry).closed).toBe(true);
    expect(windowOf(entry).webContents.sent).toEqual([]);
  });
});

describe('opening', () => {
  it('opens a chosen report in the empty window and remembers it', async () => {
    const file = await writeReport('决算.xlsx');
    const entry = desktop.createWindow();
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [file] });
    const opened = await desktop.openReport(entry);
    expect(opened).toEqual({ name: '决算.xlsx', bytes: new Uint8Array(Buffer.from('报表')) });
    expect(entry.documentPath).toBe(file);
    expect((await desktop.recentFiles()).map((r) => r.id)).toEqual([file]);
  });

  it('opens a second report in a window of its own', async () => {
    const first = desktop.createWindow();
    desktop.setDocumentState(first, { fileName: '一.xlsx', dirty: false });
    const file = await writeReport('二.xlsx');
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [file] });
    expect(await desktop.openReport(first)).toBeNull();
    expect(desktop.all).toHaveLength(2);
    const second = desktop.all[1]!;
    expect(second.documentPath).toBe(file);
    // The new page takes the file once it is ready.
    expect(desktop.takePending(second)).toEqual({
      name: '二.xlsx',
      bytes: new Uint8Array(Buffer.from('报表')),
    });
    expect(desktop.takePending(second)).toBeNull();
  });

  it('focuses the window that already shows a file instead of opening it twice', async () => {
    const file = await writeReport('决算.xlsx');
    await desktop.openPaths([file]);
    await desktop.openPaths([file]);
    expect(desktop.all).toHaveLength(1);
  });

  it('hands a file to a page that is already showing the start page', async () => {
    const entry = desktop.createWindow();
    desktop.takePending(entry);
    await desktop.openPaths([await writeReport('决算.xlsx')], entry);
    expect(windowOf(entry).webContents.sent[0]?.[0]).toBe('file:deliver');
  });

  it('says why a file given on the command line cannot be opened', async () => {
    await desktop.openPaths([path.join(dir, '没有.xlsx')]);
    expect(dialog.showMessageBox.mock.calls[0]?.[1]).toMatchObject({
      type: 'error',
      message: expect.stringContaining('找不到文件“没有.xlsx”'),
    });
  });

  it('reopens only files of the recent list', async () => {
    const entry = desktop.createWindow();
    await expect(desktop.openRecent(entry, '/etc/passwd')).rejects.toThrow('不在“最近打开”列表中');
  });
});

describe('saving', () => {
  it("saves over the window's own file, keeping a backup", async () => {
    const file = await writeReport('决算.xlsx', '旧');
    const entry = desktop.createWindow();
    await desktop.openPaths([file], entry);
    expect(await desktop.saveReport(entry, '决算.xlsx', bytes('新'), false)).toBe('决算.xlsx');
    expect(dialog.showSaveDialog).not.toHaveBeenCalled();
    expect(await fs.readFile(file, 'utf8')).toBe('新');
    const pool = backupPool(desktop.backupDir, file);
    expect(await fs.readdir(desktop.backupDir)).toEqual([path.basename(pool)]);
    const kept = await fs.readdir(pool);
    expect(kept).toHaveLength(1);
    expect(await fs.readFile(path.join(pool, kept[0]!), 'utf8')).toBe('旧');
  });

  it('asks where to save a new report, 另存为, or a report of another type', async () => {
    const entry = desktop.createWindow();
    const target = path.join(dir, '新.xlsx');
    dialog.showSaveDialog.mockResolvedValue({ canceled: false, filePath: target });
    expect(await desktop.saveReport(entry, '新.xlsx', bytes('1'), false)).toBe('新.xlsx');
    expect(entry.documentPath).toBe(target);
    await desktop.saveReport(entry, '新.xlsx', bytes('2'), true);
    await desktop.saveReport(entry, '新.json', bytes('3'), false);
    expect(dialog.showSaveDialog).toHaveBeenCalledTimes(3);
    expect(dialog.showSaveDialog.mock.calls[2]?.[1]).toMatchObject({ filters: [{ extensions: ['json'] }] });
  });

  it('returns null when the user cancels', async () => {
    expect(await desktop.saveFile(desktop.createWindow(), '公开01表.csv', bytes('x'))).toBeNull();
  });

  it('saves the print view as PDF', async () => {
    const entry = desktop.createWindow();
    const target = path.join(dir, '决算.pdf');
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    expect(await desktop.savePdf(entry, '决算.pdf')).toBe('决算.pdf');
    expect(windowOf(entry).webContents.printToPDF).toHaveBeenCalledWith({
      preferCSSPageSize: true,
      printBackground: true,
    });
    expect(await fs.readFile(target, 'utf8')).toBe('%PDF-1.7 fake');
  });

  it('prints with the system dialog; a cancelled print is not an error, a failed one is', async () => {
    const entry = desktop.createWindow();
    const contents = windowOf(entry).webContents;
    await desktop.print(entry);
    contents.print.mockImplementationOnce((_o, callback) => callback(false, 'cancelled'));
    await desktop.print(entry);
    contents.print.mockImplementationOnce((_o, callback) => callback(false, 'Invalid printer settings'));
    await expect(desktop.print(entry)).rejects.toThrow('打印失败：Invalid printer settings');
  });
});

describe('autosave and recovery', () => {
  it('keeps a snapshot of unsaved work and offers it back after a crash', async () => {
    const file = await writeReport('决算.xlsx', 'xlsx 原文件');
    const crashed = desktop.createWindow();
    await desktop.openPaths([file], crashed);
    desktop.setDocumentState(crashed, { fileName: '决算.xlsx', dirty: true });
    await desktop.snapshot(crashed, { fileName: '决算.xlsx', report: bytes('{"tables":[]}') });
    // While the window lives, its own snapshot is not offered to others.
    expect(await desktop.recoverableWork()).toEqual([]);

    windowOf(crashed).webContents.emit('render-process-gone');
    const [offered] = await desktop.recoverableWork();
    expect(offered).toMatchObject({ fileName: '决算.xlsx' });

    const other = desktop.createWindow();
    const recovered = await desktop.recover(other, offered!.id);
    expect(recovered).toEqual({
      fileName: '决算.xlsx',
      report: bytes('{"tables":[]}'),
      spreadsheet: new Uint8Array(Buffer.from('xlsx 原文件')),
    });
    // Saving the recovered report writes back into the file it came from.
    expect(other.documentPath).toBe(file);
    expect(other.snapshotId).toBe(offered!.id);
  });

  it('removes the snapshot when the work is saved, discarded or closed cleanly', async () => {
    const entry = desktop.createWindow();
    await desktop.snapshot(entry, { fileName: 'a.json', report: bytes('{}') });
    await desktop.snapshot(entry, null);
    expect(await desktop.recovery.list(new Set())).toEqual([]);

    await desktop.snapshot(entry, { fileName: 'a.json', report: bytes('{}') });
    windowOf(entry).close();
    await vi.waitFor(async () => expect(await desktop.recovery.list(new Set())).toEqual([]));
  });

  it('discards only snapshots no window is using', async () => {
    const entry = desktop.createWindow();
    await desktop.snapshot(entry, { fileName: 'a.json', report: bytes('{}') });
    await desktop.discardRecoverable(entry.snapshotId);
    expect(await desktop.recovery.list(new Set())).toHaveLength(1);
    expect(await desktop.recover(desktop.createWindow(), entry.snapshotId)).toBeNull();
  });
});
