import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import fs from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Channel } from '../../../electron/channels';
import type { Desktop, DocumentWindow } from '../../../electron/desktop';
import { registerIpcHandlers } from '../../../electron/ipc';
import { NARRATIVE_EXTENSIONS } from '../../../shared/io/formats';
import { APP_ORIGINS, makeDesktop, windowOf } from './desktop-setup';
import { applyMenu } from '../../../electron/menu';
import { BrowserWindow, dialog, FakeWebContents, ipcMain, Menu } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

let desktop: Desktop;
let dir: string;
let cleanup: () => Promise<void>;
let entry: DocumentWindow;

beforeEach(async () => {
  ({ desktop, dir, cleanup } = await makeDesktop());
  ipcMain.handlers.clear();
  registerIpcHandlers(desktop, APP_ORIGINS);
  entry = desktop.createWindow();
});
afterEach(() => cleanup());

const bytes = new TextEncoder().encode('内容');
const fromPage = (contents: FakeWebContents) => ({ sender: contents, senderFrame: contents.mainFrame });
const invoke = (channel: string, ...args: unknown[]) =>
  Promise.resolve().then(() =>
    ipcMain.handlers.get(channel)!(fromPage(windowOf(entry).webContents), ...args),
  );

/** Every channel with arguments it accepts. */
const VALID: Record<string, unknown[]> = {
  [Channel.openReport]: [],
  [Channel.openFile]: [['csv']],
  [Channel.saveReport]: ['决算.xlsx', bytes, false],
  [Channel.saveFile]: ['公开01表.csv', bytes],
  [Channel.recentFiles]: [],
  [Channel.openRecent]: ['/x/决算.xlsx'],
  [Channel.pendingFile]: [],
  [Channel.documentState]: [{ fileName: '决算.xlsx', dirty: true }],
  [Channel.closeWindow]: [],
  [Channel.print]: [],
  [Channel.savePdf]: ['决算.pdf'],
  [Channel.snapshot]: [{ fileName: '决算.xlsx', report: bytes }],
  [Channel.recoverableWork]: [],
  [Channel.recover]: ['0b8e6a2c-1f9d-4c1e-9a43-2f6c1d1b0a11'],
  [Channel.discardRecoverable]: ['0b8e6a2c-1f9d-4c1e-9a43-2f6c1d1b0a11'],
  [Channel.unavailableCommands]: [['exportCsv', 'importCsv']],
};

/** Arguments each channel must refuse. */
const INVALID: [string, unknown[]][] = [
  [Channel.openFile, [['exe']]],
  [Channel.openFile, ['csv']],
  [Channel.openFile, [[]]],
  [Channel.saveReport, ['../../etc/决算.xlsx', bytes, false]],
  [Channel.saveReport, ['C:\\Windows\\a.xlsx', bytes, false]],
  [Channel.saveReport, ['决算.exe', bytes, false]],
  [Channel.saveReport, ['决算', bytes, false]],
  [Channel.saveReport, ['决算.xlsx', '内容', false]],
  [Channel.saveReport, ['决算.xlsx', bytes, 'yes']],
  [Channel.saveFile, ['a.csv', [1, 2, 3]]],
  [Channel.saveFile, ['x'.repeat(300) + '.csv', bytes]],
  [Channel.openRecent, [42]],
  [Channel.openRecent, ['']],
  [Channel.documentState, [{ fileName: 3, dirty: true }]],
  [Channel.documentState, [{ fileName: 'a.xlsx', dirty: 'no' }]],
  [Channel.documentState, [null]],
  [Channel.savePdf, ['决算.xlsx']],
  [Channel.snapshot, [{ fileName: 'a.xlsx', report: 'text' }]],
  [Channel.snapshot, ['x']],
  [Channel.recover, [{}]],
  [Channel.recover, ['../../secret']],
  [Channel.discardRecoverable, ['x'.repeat(100)]],
  [Channel.unavailableCommands, ['exportCsv']],
  [Channel.unavailableCommands, [['exportCsv', 'rm -rf']]],
  [Channel.unavailableCommands, [Array.from({ length: 100 }, () => 'exportCsv')]],
];

describe('IPC handlers', () => {
  it('handle every channel of the bridge', () => {
    const pageChannels = Object.entries(Channel)
      .filter(([key]) => key !== 'command' && key !== 'deliverFile')
      .map(([, c]) => c);
    expect([...ipcMain.handlers.keys()].sort()).toEqual(pageChannels.sort());
    expect(Object.keys(VALID).sort()).toEqual(pageChannels.sort());
  });

  it.each(Object.entries(VALID))(
    '%s accepts valid arguments from the program page',
    async (channel, args) => {
      const failure = await invoke(channel, ...args).then(
        () => null,
        (e: Error) => e,
      );
      // Valid calls may still fail for a reason of the file system (the recent list is empty, say),
      // but never because the arguments or the sender were refused.
      expect(failure?.name).not.toBe('IpcRefused');
    },
  );

  it.each(INVALID)('%s refuses %j', async (channel, args) => {
    dialog.showSaveDialog.mockResolvedValue({
      canceled: false,
      filePath: path.join(dir, 'should-not-exist'),
    });
    await expect(invoke(channel, ...args)).rejects.toMatchObject({ name: 'IpcRefused' });
    expect(await fs.readdir(dir)).not.toContain('should-not-exist');
  });

  it('refuse every call from a web page that is not one of the program windows', async () => {
    const stranger = new FakeWebContents();
    for (const channel of ipcMain.handlers.keys()) {
      await expect(
        Promise.resolve().then(() => ipcMain.handlers.get(channel)!(fromPage(stranger), ...VALID[channel]!)),
      ).rejects.toThrow('拒绝来自未知页面的请求');
    }
  });

  it('refuse calls from a frame inside the page, or after the window navigated elsewhere', async () => {
    const contents = windowOf(entry).webContents;
    const frame = { parent: contents.mainFrame, url: 'app://budgetdesk/index.html' };
    await expect(
      Promise.resolve().then(() =>
        ipcMain.handlers.get(Channel.recentFiles)!({ sender: contents, senderFrame: frame }),
      ),
    ).rejects.toThrow('拒绝');
    contents.url = 'https://example.com/';
    await expect(invoke(Channel.recentFiles)).rejects.toThrow('拒绝');
  });

  it("grey the menu's table actions while the window in front says they are unavailable", async () => {
    const actions = {
      send: vi.fn(),
      newWindow: vi.fn(),
      openRecent: vi.fn(),
      showBackups: vi.fn(),
      about: vi.fn(),
    };
    let rebuilt = 0;
    desktop.onMenuChanged = () => {
      rebuilt++;
      void applyMenu(desktop, actions, 'win32');
    };
    const other = desktop.createWindow();
    windowOf(entry).focus();
    /** Whether the last menu set has 导出本表 CSV… enabled. */
    const csvEnabled = () => {
      const template = Menu.buildFromTemplate.mock.lastCall![0] as MenuItemConstructorOptions[];
      const file = template[0]!.submenu as MenuItemConstructorOptions[];
      return file.find((i) => i.label === '导出本表 CSV…')!.enabled !== false;
    };
    Menu.buildFromTemplate.mockClear();
    await invoke(Channel.unavailableCommands, ['exportCsv', 'importCsv']);
    await vi.waitFor(() => expect(Menu.buildFromTemplate).toHaveBeenCalled());
    expect(csvEnabled()).toBe(false);
    // The same again changes nothing; the other window in front has nothing greyed.
    await invoke(Channel.unavailableCommands, ['exportCsv', 'importCsv']);
    expect(rebuilt).toBe(1);
    windowOf(other).focus();
    await applyMenu(desktop, actions, 'win32');
    expect(csvEnabled()).toBe(true);
    // Back on a table in the first window: nothing greyed there either.
    windowOf(entry).focus();
    Menu.buildFromTemplate.mockClear();
    await invoke(Channel.unavailableCommands, []);
    await vi.waitFor(() => expect(Menu.buildFromTemplate).toHaveBeenCalled());
    expect(csvEnabled()).toBe(true);
    BrowserWindow.focused = null;
  });

  it('open every kind of file the window imports, and save the 情况说明 as Word', async () => {
    // A table's CSV, the 情况说明 (Word or text), last year's report for 补充信息.
    for (const kinds of [['csv'], NARRATIVE_EXTENSIONS, ['json', 'xlsx']]) {
      const file = path.join(dir, `导入.${kinds.at(-1)}`);
      await fs.writeFile(file, '内容');
      dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [file] });
      expect(await invoke(Channel.openFile, kinds)).toEqual({ name: path.basename(file), bytes });
      const { filters } = dialog.showOpenDialog.mock.lastCall![1] as { filters: { extensions: string[] }[] };
      expect(filters[0]!.extensions).toEqual(kinds);
    }
    const target = path.join(dir, '情况说明.docx');
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    expect(await invoke(Channel.saveFile, '情况说明.docx', bytes)).toBe('情况说明.docx');
    expect(await fs.readFile(target, 'utf8')).toBe('内容');
  });

  it('carry a valid save through to the file system', async () => {
    const target = path.join(dir, '公开01表.csv');
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    expect(await invoke(Channel.saveFile, '公开01表.csv', bytes)).toBe('公开01表.csv');
    expect(await fs.readFile(target, 'utf8')).toBe('内容');
  });
});
