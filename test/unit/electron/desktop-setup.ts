/** A Desktop on the fake electron with a temporary user data folder, for the main-process tests. */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Desktop } from '../../../electron/desktop';
import { APP_PAGE, BrowserWindow, dialog } from './fake-electron';

export const APP_ORIGINS = ['app://budgetdesk'];

export async function makeDesktop(): Promise<{ desktop: Desktop; dir: string; cleanup(): Promise<void> }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bd-desktop-'));
  BrowserWindow.created.length = 0;
  dialog.showOpenDialog.mockReset().mockResolvedValue({ canceled: true, filePaths: [] });
  dialog.showSaveDialog.mockReset().mockResolvedValue({ canceled: true, filePath: '' });
  dialog.showMessageBox.mockReset().mockResolvedValue({ response: 0 });
  const desktop = new Desktop({
    userData: path.join(dir, 'userData'),
    documents: path.join(dir, 'docs'),
    preload: '/app/preload.cjs',
    pageUrl: APP_PAGE,
    appOrigins: APP_ORIGINS,
  });
  return { desktop, dir, cleanup: () => fs.rm(dir, { recursive: true, force: true }) };
}

export const windowOf = (entry: { window: unknown }) => entry.window as unknown as BrowserWindow;
