import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { menuTemplate, type MenuActions } from '../../../electron/menu';
import type { MenuCommand } from '../../../renderer/host/types';

vi.mock('electron', () => import('./fake-electron'));

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

function build(recent: { path: string; openedAt: string }[] = [], unavailable: MenuCommand[] = []) {
  const actions: MenuActions = {
    send: vi.fn(),
    newWindow: vi.fn(),
    openRecent: vi.fn(),
    showBackups: vi.fn(),
    about: vi.fn(),
  };
  const items = flatten(menuTemplate(actions, recent, 'win32', unavailable));
  const item = (label: string) => items.find((i) => i.label === label)!;
  const click = (label: string) => (item(label).click as () => void)();
  return { actions, items, item, click };
}

describe('application menu', () => {
  it('has the Chinese menus of a desktop program', () => {
    const { actions } = build();
    expect(menuTemplate(actions, [], 'win32').map((m) => m.label)).toEqual([
      '文件(&F)',
      '编辑(&E)',
      '审核(&A)',
      '视图(&V)',
      '帮助(&H)',
    ]);
  });

  it.each([
    ['打开…', 'open', 'CmdOrCtrl+O'],
    ['保存', 'save', 'CmdOrCtrl+S'],
    ['另存为…', 'saveAs', 'CmdOrCtrl+Shift+S'],
    ['导出本表 CSV…', 'exportCsv', undefined],
    ['打印预览 / 导出 PDF…', 'print', 'CmdOrCtrl+P'],
    ['撤销', 'undo', 'CmdOrCtrl+Z'],
    ['重做', 'redo', 'CmdOrCtrl+Y'],
    ['下一处错误', 'nextError', 'F8'],
  ])('%s sends "%s" to the page (%s)', (label, command, accelerator) => {
    const { actions, item, click } = build();
    expect(item(label).accelerator).toBe(accelerator);
    click(label);
    expect(actions.send).toHaveBeenCalledWith(command);
  });

  it('leaves the shortcuts the grid handles itself to the page', () => {
    const { item } = build();
    for (const label of ['保存', '撤销', '重做']) expect(item(label).registerAccelerator).toBe(false);
  });

  it('uses the system roles for the clipboard, closing and quitting', () => {
    const { item } = build();
    expect([
      item('复制').role,
      item('粘贴').role,
      item('剪切').role,
      item('关闭窗口').role,
      item('退出').role,
    ]).toEqual(['copy', 'paste', 'cut', 'close', 'quit']);
  });

  it('greys the commands the window in front cannot run now, and only those', () => {
    const { item, items } = build([], ['exportCsv', 'importCsv', 'adoptComputed']);
    const greyed = items.filter((i) => i.enabled === false).map((i) => i.label);
    expect(greyed).toEqual(['（无）', '导出本表 CSV…', '导入本表 CSV…', '采用计算值（合计、小计）']);
    expect(item('导出公开表（Excel）…').enabled).toBeUndefined();
    expect(
      build()
        .items.filter((i) => i.enabled === false)
        .map((i) => i.label),
    ).toEqual(['（无）']);
  });

  it('lists recent files and opens the one chosen', () => {
    const { actions, items } = build([{ path: '/报表/2024年度决算.xlsx', openedAt: '2026-11-01T00:00:00Z' }]);
    const entry = items.find((i) => String(i.label).startsWith('2024年度决算.xlsx'))!;
    (entry.click as () => void)();
    expect(actions.openRecent).toHaveBeenCalledWith('/报表/2024年度决算.xlsx');
    expect(build().item('（无）').enabled).toBe(false);
  });

  it('opens a new window, the backups and the about box', () => {
    const { actions, click } = build();
    click('新建…');
    click('打开备份文件夹');
    click('关于 BudgetDesk');
    expect(
      [actions.newWindow, actions.showBackups, actions.about].every(
        (f) => vi.mocked(f).mock.calls.length === 1,
      ),
    ).toBe(true);
  });
});
