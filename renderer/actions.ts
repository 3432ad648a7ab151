/**
 * Everything the user can ask of the workbook window, in one table: the toolbar, the keyboard, the
 * right-click menu and the desktop program's menu all name an action here and run it the same way.
 * A new command is added once, with its Chinese label, its shortcut and when it is available.
 */
import type { TableInfo } from '../shared/engine/structure';
import type { Finding } from '../shared/engine/findings';
import { MENU_COMMANDS, type MenuCommand } from './host/types';
import type { Session } from './model/session';

/** What the grid of the active table can do on request (the keyboard and the right-click menu reach it here). */
export interface GridHandle {
  copy(): void;
  paste(): void;
  fillDown(): void;
  selectAll(): void;
}

/** What an action may use: the open report, the active table and the window's own operations. */
export interface ActionContext {
  session: Session;
  /** The table whose tab was last shown (the 情况说明 tab may be in front of it: see `onTable`). */
  table: TableInfo;
  /** Whether the table is in front, not the 情况说明: actions on a table's cells and rows need it. */
  onTable: boolean;
  findings: Finding[];
  /** The active table's grid, once it is shown. */
  grid(): GridHandle | null;
  save(saveAs: boolean): void;
  open(): void;
  /** Back to the start page (asking first about unsaved edits). */
  closeReport(): void;
  /** Closes the desktop window (asking first about unsaved edits). */
  closeWindow(): void;
  exportPublication(): void;
  exportCsv(tableId: string): void;
  importCsv(tableId: string): void;
  print(): void;
  insertRow(): void;
  deleteRow(): void;
  editOptions(): void;
  /** 采用计算值, after showing what it will change. */
  adoptComputed(): void;
  /** Puts the cursor on the next (+1) or previous (−1) finding, across tables. */
  stepFinding(step: 1 | -1, severity?: Finding['severity']): void;
  /** Opens 查找 (a code, a name or a figure in every table). */
  find(): void;
  /** Shows what the cell under the cursor is computed from and the rules that read it (查看公式). */
  explainCell(): void;
}

export type ActionId =
  | MenuCommand
  | 'newOrOpen'
  | 'insertRow'
  | 'deleteRow'
  | 'reportOptions'
  | 'nextFinding'
  | 'previousFinding'
  | 'find'
  | 'copy'
  | 'paste'
  | 'fillDown'
  | 'selectAll'
  | 'explainCell';

export interface Action {
  id: ActionId;
  /** What the button or menu item says; a function where it depends on the table (插入行 or 插入科目). */
  label: string | ((ctx: ActionContext) => string);
  /** As shown to the user and matched against key presses: "Ctrl+Shift+Z", "Shift+F8", "F8". */
  shortcut?: string;
  /** Further shortcuts doing the same (Ctrl+Y and Ctrl+Shift+Z both redo). */
  alsoKeys?: string[];
  /** Runs while an input has the keyboard too (Ctrl+S saves while a figure is being typed). */
  inEditor?: boolean;
  /** The grid's own keys (Ctrl+A, Ctrl+D): matched only while the keyboard is in the grid. */
  gridKey?: boolean;
  /** The shortcut is the browser's own (Ctrl+C, Ctrl+V raise copy and paste events): shown, never intercepted. */
  browserKey?: boolean;
  title?: string;
  /** Whether the action applies to the active table at all (row actions only on tables with rows to add). */
  shown?(ctx: ActionContext): boolean;
  enabled?(ctx: ActionContext): boolean;
  run(ctx: ActionContext): void;
}

const hasRows = (ctx: ActionContext) => ctx.table.codeKeyed || ctx.table.listed;
// Greyed, not hidden, while the 情况说明 is in front: the hidden table is not what the user is looking at.
const onTable = (ctx: ActionContext) => ctx.onTable;
/** What 插入 is called on a table: 插入行 (listed budget tables) or 插入科目 (code-keyed ones). */
export const insertLabel = (table: TableInfo) => (table.listed ? '插入行…' : '插入科目…');
const unit = (ctx: ActionContext, to: '万元' | '元') => ctx.session.setDisplay({ unit: to });

export const ACTIONS: readonly Action[] = [
  { id: 'newOrOpen', label: '新建/打开…', run: (ctx) => ctx.closeReport() },
  { id: 'open', label: '打开', shortcut: 'Ctrl+O', run: (ctx) => ctx.open() },
  { id: 'save', label: '保存', shortcut: 'Ctrl+S', inEditor: true, run: (ctx) => ctx.save(false) },
  { id: 'saveAs', label: '另存为…', run: (ctx) => ctx.save(true) },
  { id: 'close', label: '关闭窗口', run: (ctx) => ctx.closeWindow() },
  {
    id: 'print',
    label: '打印预览…',
    shortcut: 'Ctrl+P',
    title: '按公开表格式预览并打印（可另存为 PDF）',
    run: (ctx) => ctx.print(),
  },
  {
    id: 'exportPublication',
    label: '导出公开表',
    title: '按公开表格式导出 Excel，A4 横向',
    run: (ctx) => ctx.exportPublication(),
  },
  {
    id: 'exportCsv',
    label: '导出本表 CSV',
    title: '当前表导出为 CSV（UTF-8）',
    enabled: onTable,
    run: (ctx) => ctx.exportCsv(ctx.table.id),
  },
  {
    id: 'importCsv',
    label: '导入本表 CSV',
    title: '从 CSV 读入当前表的数字（UTF-8 或 GB18030）',
    enabled: onTable,
    run: (ctx) => ctx.importCsv(ctx.table.id),
  },
  {
    id: 'undo',
    label: '撤销',
    shortcut: 'Ctrl+Z',
    enabled: (ctx) => ctx.session.history.canUndo,
    run: (ctx) => ctx.session.undo(),
  },
  {
    id: 'redo',
    label: '重做',
    shortcut: 'Ctrl+Y',
    alsoKeys: ['Ctrl+Shift+Z'],
    enabled: (ctx) => ctx.session.history.canRedo,
    run: (ctx) => ctx.session.redo(),
  },
  {
    id: 'adoptComputed',
    label: '采用计算值',
    title: '所有合计、小计改为按公式计算的数（先列出将改变什么）',
    enabled: (ctx) => ctx.session.workbook.keptFigures().length > 0,
    run: (ctx) => ctx.adoptComputed(),
  },
  {
    id: 'insertRow',
    label: (ctx) => insertLabel(ctx.table),
    title: '在当前行所在的一组之后插入一行',
    shown: hasRows,
    enabled: onTable,
    run: (ctx) => ctx.insertRow(),
  },
  {
    id: 'deleteRow',
    label: (ctx) => (ctx.table.listed ? '删除行' : '删除科目'),
    title: '删除当前行（及其下级行）',
    shown: hasRows,
    enabled: onTable,
    run: (ctx) => ctx.deleteRow(),
  },
  {
    id: 'reportOptions',
    label: '报表设置…',
    title: '各地口径不同的设置，如机关运行经费不计入的科目',
    shown: (ctx) => (ctx.session.workbook.template.options?.length ?? 0) > 0,
    run: (ctx) => ctx.editOptions(),
  },
  // The desktop menu's 下一处错误 walks the errors only; F8 walks every finding.
  { id: 'nextError', label: '下一处错误', run: (ctx) => ctx.stepFinding(1, 'error') },
  {
    id: 'nextFinding',
    label: '下一处',
    shortcut: 'F8',
    title: '下一处审核发现的问题（各表依次）',
    run: (ctx) => ctx.stepFinding(1),
  },
  {
    id: 'previousFinding',
    label: '上一处',
    shortcut: 'Shift+F8',
    title: '上一处审核发现的问题',
    run: (ctx) => ctx.stepFinding(-1),
  },
  {
    id: 'find',
    label: '查找…',
    shortcut: 'Ctrl+F',
    inEditor: true,
    title: '在所有表中查找科目编码、名称或金额',
    run: (ctx) => ctx.find(),
  },
  {
    id: 'copy',
    label: '复制',
    shortcut: 'Ctrl+C',
    browserKey: true,
    enabled: onTable,
    run: (ctx) => ctx.grid()?.copy(),
  },
  {
    id: 'paste',
    label: '粘贴',
    shortcut: 'Ctrl+V',
    browserKey: true,
    enabled: onTable,
    run: (ctx) => ctx.grid()?.paste(),
  },
  {
    id: 'fillDown',
    label: '向下填充',
    shortcut: 'Ctrl+D',
    gridKey: true,
    enabled: onTable,
    run: (ctx) => ctx.grid()?.fillDown(),
  },
  {
    id: 'selectAll',
    label: '选中整表',
    shortcut: 'Ctrl+A',
    gridKey: true,
    enabled: onTable,
    run: (ctx) => ctx.grid()?.selectAll(),
  },
  {
    id: 'explainCell',
    label: '查看公式',
    title: '这个数从哪里来、哪些审核公式用到它',
    enabled: onTable,
    run: (ctx) => ctx.explainCell(),
  },
  { id: 'unitWan', label: '以万元显示', run: (ctx) => unit(ctx, '万元') },
  { id: 'unitYuan', label: '以元显示', run: (ctx) => unit(ctx, '元') },
  {
    id: 'zoomIn',
    label: '放大表格',
    shortcut: 'Ctrl+=',
    // Ctrl with the + key, with or without Shift, and the keypad's +.
    alsoKeys: ['Ctrl+Shift++', 'Ctrl++'],
    inEditor: true,
    run: (ctx) => ctx.session.zoomGrid(1),
  },
  {
    id: 'zoomOut',
    label: '缩小表格',
    shortcut: 'Ctrl+-',
    inEditor: true,
    run: (ctx) => ctx.session.zoomGrid(-1),
  },
  {
    id: 'zoomReset',
    label: '表格实际大小',
    shortcut: 'Ctrl+0',
    inEditor: true,
    run: (ctx) => ctx.session.zoomGrid(0),
  },
  {
    id: 'toggleZeroBlank',
    label: '零值显示为空白',
    run: (ctx) => ctx.session.setDisplay({ zeroAsBlank: !ctx.session.display.zeroAsBlank }),
  },
];

export const ACTION_BY_ID = new Map(ACTIONS.map((a) => [a.id, a]));

/** The desktop menu's commands the window cannot run now, for the menu to grey them. */
export function unavailableCommands(ctx: ActionContext): MenuCommand[] {
  return MENU_COMMANDS.filter((c) => ACTION_BY_ID.get(c)?.enabled?.(ctx) === false);
}

export function actionLabel(action: Action, ctx: ActionContext): string {
  return typeof action.label === 'function' ? action.label(ctx) : action.label;
}

/** What of a key press the table looks at (a KeyboardEvent has it). */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** A key press as written in the table: modifiers in the order Ctrl, Shift, Alt, then the key. */
export function keyName(event: KeyPress): string {
  const key = event.key.length === 1 ? event.key.toUpperCase() : event.key;
  return [
    event.ctrlKey || event.metaKey ? 'Ctrl' : '',
    event.shiftKey ? 'Shift' : '',
    event.altKey ? 'Alt' : '',
    key,
  ]
    .filter(Boolean)
    .join('+');
}

/** The action a key press asks for, where it applies (grid keys only in the grid, editing keys only outside an editor). */
export function actionForKey(
  event: KeyPress,
  where: { inEditor: boolean; inGrid: boolean },
): Action | undefined {
  const name = keyName(event);
  return ACTIONS.find(
    (a) =>
      (a.shortcut === name || a.alsoKeys?.includes(name)) &&
      !a.browserKey &&
      (!where.inEditor || a.inEditor) &&
      (!a.gridKey || where.inGrid),
  );
}

/**
 * Keys the desktop program's menu takes itself (electron/menu.ts registers them): the window leaves
 * them to the menu there, which sends the command instead, so that nothing runs twice.
 */
export const DESKTOP_MENU_KEYS: ReadonlySet<string> = new Set(['Ctrl+O', 'Ctrl+Shift+S', 'Ctrl+P', 'F8']);
