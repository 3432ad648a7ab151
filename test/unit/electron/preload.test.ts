import { beforeAll, describe, expect, it, vi } from 'vitest';
import { Channel } from '../../../electron/channels';
import type { HostApi } from '../../../renderer/host/types';
import { contextBridge, ipcRenderer } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

let host: HostApi;
beforeAll(async () => {
  await import('../../../electron/preload');
  host = contextBridge.exposed.get('budgetdesk') as HostApi;
});

describe('preload bridge', () => {
  it('exposes exactly the host API and nothing of Node or IPC', () => {
    expect([...contextBridge.exposed.keys()]).toEqual(['budgetdesk']);
    expect(Object.keys(host).sort()).toEqual(
      [
        'kind',
        'openReport',
        'openFile',
        'saveReport',
        'saveFile',
        'recentFiles',
        'openRecent',
        'remember',
        'setDocumentState',
        'print',
        'savePdf',
        'snapshot',
        'recoverableWork',
        'recover',
        'discardRecoverable',
        'setUnavailableCommands',
        'onCommand',
        'onFileDelivered',
        'closeWindow',
      ].sort(),
    );
    expect(host.kind).toBe('electron');
  });

  it('makes one IPC call per method, on its channel', async () => {
    const bytes = new Uint8Array([1, 2]);
    ipcRenderer.invoke.mockResolvedValue('决算.xlsx');
    expect(await host.saveReport('决算.xlsx', bytes, true)).toBe('决算.xlsx');
    expect(ipcRenderer.invoke).toHaveBeenLastCalledWith(Channel.saveReport, '决算.xlsx', bytes, true);
    await host.recover('abc');
    expect(ipcRenderer.invoke).toHaveBeenLastCalledWith(Channel.recover, 'abc');
    host.setUnavailableCommands!(['exportCsv', 'importCsv']);
    expect(ipcRenderer.invoke).toHaveBeenLastCalledWith(Channel.unavailableCommands, [
      'exportCsv',
      'importCsv',
    ]);
  });

  it("passes on the main process's Chinese message without Electron's wrapping", async () => {
    ipcRenderer.invoke.mockRejectedValueOnce(
      new Error(
        "Error invoking remote method 'file:save-report': UserFileError: 无法保存“决算.xlsx”：文件是只读的。",
      ),
    );
    await expect(host.saveReport('决算.xlsx', new Uint8Array(), false)).rejects.toThrow(
      /^无法保存“决算\.xlsx”：文件是只读的。$/u,
    );
  });

  it('hands menu commands to the page, ignoring anything that is not a command', () => {
    const seen: string[] = [];
    const stop = host.onCommand((c) => seen.push(c));
    ipcRenderer.emit(Channel.command, {}, 'save');
    ipcRenderer.emit(Channel.command, {}, 'rm -rf');
    stop();
    ipcRenderer.emit(Channel.command, {}, 'undo');
    expect(seen).toEqual(['save']);
  });

  it('delivers a file waiting in the main process, then files sent later', async () => {
    const waiting = { name: '决算.xlsx', bytes: new Uint8Array([1]) };
    ipcRenderer.invoke.mockResolvedValueOnce(waiting);
    const seen: unknown[] = [];
    host.onFileDelivered((f) => seen.push(f));
    expect(ipcRenderer.invoke).toHaveBeenLastCalledWith(Channel.pendingFile);
    await vi.waitFor(() => expect(seen).toEqual([waiting]));
    ipcRenderer.emit(Channel.deliverFile, {}, { name: '预算.xlsx', bytes: new Uint8Array([2]) });
    ipcRenderer.emit(Channel.deliverFile, {}, { name: 'x' });
    expect(seen).toHaveLength(2);
  });
});
