/**
 * The desktop program's main process: one instance per user, one window per report, the Chinese
 * menu, the app:// protocol for the packaged page, and the IPC handlers of the preload bridge.
 * Reports named on the command line (or double-clicked, through the file association) are opened,
 * also when the program is already running.
 */
import path from 'node:path';
import { app, dialog, protocol, session, shell } from 'electron';
import { APP_ORIGIN, APP_SCHEME, serveAppFile } from './appProtocol';
import { removeInterruptedBackups } from './backups';
import { formatOf } from '../shared/io/formats';
import { Desktop, PRODUCT_NAME } from './desktop';
import { registerIpcHandlers } from './ipc';
import { applyMenu, type MenuActions } from './menu';
import { hardenSession } from './security';

declare const MAIN_WINDOW_VITE_DEV_SERVER_URL: string | undefined;
declare const MAIN_WINDOW_VITE_NAME: string;

const devServerUrl =
  typeof MAIN_WINDOW_VITE_DEV_SERVER_URL === 'string' ? MAIN_WINDOW_VITE_DEV_SERVER_URL : undefined;
const rendererDir = path.join(__dirname, `../renderer/${MAIN_WINDOW_VITE_NAME}`);

/** Report files among command-line arguments (Electron's own switches and the app path skipped). */
export function reportsInArguments(argv: readonly string[], cwd: string): string[] {
  return argv
    .slice(app.isPackaged ? 1 : 2)
    .filter((a) => !a.startsWith('-') && formatOf(a) !== null)
    .map((a) => path.resolve(cwd, a));
}

function start(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
  const appOrigins = devServerUrl ? [new URL(devServerUrl).origin] : [APP_ORIGIN];
  let desktop: Desktop | null = null;
  const queued: string[] = [];
  const openReports = (files: string[]) => (desktop ? void desktop.openPaths(files) : queued.push(...files));

  app.on('second-instance', (_event, argv, cwd) => {
    const files = reportsInArguments(argv, cwd);
    if (files.length > 0) openReports(files);
    else if (desktop) (desktop.all[0]?.window ?? desktop.createWindow().window).focus();
  });
  // macOS hands double-clicked files over as events, also before the program is ready.
  app.on('open-file', (event, file) => {
    event.preventDefault();
    openReports([file]);
  });

  void app.whenReady().then(async () => {
    // The taskbar groups windows under the installer's shortcuts (build/electron-builder.yml appId).
    app.setAppUserModelId('cn.budgetdesk.app');
    protocol.handle(APP_SCHEME, (request) => serveAppFile(rendererDir, request));
    hardenSession(session.defaultSession, devServerUrl);
    const ready = new Desktop({
      userData: app.getPath('userData'),
      documents: app.getPath('documents'),
      preload: path.join(__dirname, 'preload.cjs'),
      pageUrl: devServerUrl ?? `${APP_ORIGIN}/index.html`,
      appOrigins,
    });
    desktop = ready;
    // A pool is cleaned whenever its file is saved again; this cleans those of files not saved again.
    void removeInterruptedBackups(ready.backupDir);
    registerIpcHandlers(ready, appOrigins);

    const focused = () => ready.front() ?? ready.createWindow();
    const actions: MenuActions = {
      send: (command) => ready.send(focused(), command),
      newWindow: () => ready.createWindow(),
      openRecent: (file) => void ready.openPaths([file], focused()),
      showBackups: () => void shell.openPath(ready.backupDir),
      about: () =>
        void dialog.showMessageBox({
          type: 'info',
          title: '关于',
          message: PRODUCT_NAME,
          detail: `版本 ${app.getVersion()}\n部门预算、决算公开表的编制、审核与打印。\n全部数据只保存在本机。`,
        }),
    };
    ready.onMenuChanged = () => void applyMenu(ready, actions);
    // One menu for all windows: it follows the window in front.
    app.on('browser-window-focus', () => void applyMenu(ready, actions));
    await applyMenu(ready, actions);

    const files = [...reportsInArguments(process.argv, process.cwd()), ...queued];
    if (files.length > 0) await ready.openPaths(files);
    else ready.createWindow();
  });

  app.on('activate', () => {
    if (desktop && desktop.all.length === 0) desktop.createWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

if (app.requestSingleInstanceLock()) start();
else app.quit();
