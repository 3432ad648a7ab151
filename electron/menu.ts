/**
 * The Chinese application menu. Commands that act on the open report are sent to the focused
 * window's page. Shortcuts the page already handles itself while the user types in the grid
 * (Ctrl+S, Ctrl+Z, Ctrl+Y) are shown in the menu but not registered twice. Commands the window in
 * front cannot run now (a table's actions while its 情况说明 is shown) are greyed, as its toolbar
 * greys them.
 */
import path from 'node:path';
import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../renderer/host/types';
import type { Desktop } from './desktop';
import type { RecentEntry } from './recent';

export interface MenuActions {
  /** Sends a command to the focused window's page (opening a window when there is none). */
  send(command: MenuCommand): void;
  newWindow(): void;
  openRecent(file: string): void;
  showBackups(): void;
  about(): void;
}

export function menuTemplate(
  actions: MenuActions,
  recent: readonly RecentEntry[],
  platform: NodeJS.Platform = process.platform,
  unavailable: readonly MenuCommand[] = [],
): MenuItemConstructorOptions[] {
  const command = (
    label: string,
    name: MenuCommand,
    accelerator?: string,
    registerAccelerator = true,
  ): MenuItemConstructorOptions => ({
    label,
    click: () => actions.send(name),
    ...(accelerator ? { accelerator, registerAccelerator } : {}),
    ...(unavailable.includes(name) ? { enabled: false } : {}),
  });
  const recentItems: MenuItemConstructorOptions[] =
    recent.length === 0
      ? [{ label: '（无）', enabled: false }]
      : recent.map((e) => ({
          label: `${path.basename(e.path)}  —  ${path.dirname(e.path)}`,
          click: () => actions.openRecent(e.path),
        }));
  return [
    {
      label: '文件(&F)',
      submenu: [
        { label: '新建…', accelerator: 'CmdOrCtrl+N', click: () => actions.newWindow() },
        command('打开…', 'open', 'CmdOrCtrl+O'),
        { label: '最近打开', submenu: recentItems },
        { type: 'separator' },
        command('保存', 'save', 'CmdOrCtrl+S', false),
        command('另存为…', 'saveAs', 'CmdOrCtrl+Shift+S'),
        { type: 'separator' },
        command('导出公开表（Excel）…', 'exportPublication'),
        command('导出本表 CSV…', 'exportCsv'),
        command('导入本表 CSV…', 'importCsv'),
        { type: 'separator' },
        command('打印预览 / 导出 PDF…', 'print', 'CmdOrCtrl+P'),
        { type: 'separator' },
        { label: '关闭窗口', role: 'close', accelerator: 'CmdOrCtrl+W' },
        {
          label: platform === 'darwin' ? '退出 BudgetDesk' : '退出',
          role: 'quit',
          accelerator: platform === 'darwin' ? 'Cmd+Q' : 'Alt+F4',
        },
      ],
    },
    {
      label: '编辑(&E)',
      submenu: [
        command('撤销', 'undo', 'CmdOrCtrl+Z', false),
        command('重做', 'redo', 'CmdOrCtrl+Y', false),
        { type: 'separator' },
        { label: '剪切', role: 'cut' },
        { label: '复制', role: 'copy' },
        { label: '粘贴', role: 'paste' },
        { label: '全选', role: 'selectAll' },
      ],
    },
    {
      label: '审核(&A)',
      submenu: [
        command('下一处错误', 'nextError', 'F8'),
        command('采用计算值（合计、小计）', 'adoptComputed'),
      ],
    },
    {
      label: '视图(&V)',
      submenu: [
        command('金额以万元显示', 'unitWan'),
        command('金额以元显示', 'unitYuan'),
        command('零值显示为空白 / 0.00', 'toggleZeroBlank'),
        { type: 'separator' },
        // The table is zoomed, not the window (the toolbar and the audit panel keep their size);
        // the page takes these keys itself.
        command('放大表格', 'zoomIn', 'CmdOrCtrl+=', false),
        command('缩小表格', 'zoomOut', 'CmdOrCtrl+-', false),
        command('表格实际大小', 'zoomReset', 'CmdOrCtrl+0', false),
        { type: 'separator' },
        { label: '全屏', role: 'togglefullscreen' },
      ],
    },
    {
      label: '帮助(&H)',
      submenu: [
        { label: '打开备份文件夹', click: () => actions.showBackups() },
        { type: 'separator' },
        { label: '关于 BudgetDesk', click: () => actions.about() },
      ],
    },
  ];
}

/** Builds the application menu for the window in front: the 最近打开 list and what it cannot run now. */
export async function applyMenu(
  desktop: Desktop,
  actions: MenuActions,
  platform: NodeJS.Platform = process.platform,
): Promise<void> {
  const template = menuTemplate(actions, await desktop.recent.list(), platform, desktop.front()?.unavailable);
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
