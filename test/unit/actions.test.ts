import { describe, expect, it } from 'vitest';
import {
  ACTION_BY_ID,
  ACTIONS,
  actionForKey,
  keyName,
  unavailableCommands,
  type ActionContext,
  type KeyPress,
} from '../../renderer/actions';
import { MENU_COMMANDS } from '../../renderer/host/types';

/** A key press as the window's keydown listener receives it. */
const press = (key: string, mods: { ctrl?: boolean; shift?: boolean; alt?: boolean } = {}) =>
  ({
    key,
    ctrlKey: mods.ctrl ?? false,
    metaKey: false,
    shiftKey: mods.shift ?? false,
    altKey: mods.alt ?? false,
  }) satisfies KeyPress;

describe('one action table for menu, toolbar, keys and context menu', () => {
  it('answers every command of the desktop menu', () => {
    for (const command of MENU_COMMANDS) expect(ACTION_BY_ID.get(command), command).toBeDefined();
  });

  it('names key presses as the table writes them', () => {
    expect(keyName(press('s', { ctrl: true }))).toBe('Ctrl+S');
    expect(keyName(press('Z', { ctrl: true, shift: true }))).toBe('Ctrl+Shift+Z');
    expect(keyName(press('F8', { shift: true }))).toBe('Shift+F8');
  });

  it('finds the action of a shortcut, and leaves editing keys to an open editor', () => {
    const outside = { inEditor: false, inGrid: true };
    expect(actionForKey(press('z', { ctrl: true }), outside)?.id).toBe('undo');
    expect(actionForKey(press('y', { ctrl: true }), outside)?.id).toBe('redo');
    expect(actionForKey(press('Z', { ctrl: true, shift: true }), outside)?.id).toBe('redo');
    expect(actionForKey(press('z', { ctrl: true }), { inEditor: true, inGrid: true })).toBeUndefined();
    expect(actionForKey(press('s', { ctrl: true }), { inEditor: true, inGrid: true })?.id).toBe('save');
  });

  it('zooms the grid with Ctrl and + (with or without Shift), Ctrl and -, and Ctrl+0, even while typing', () => {
    const typing = { inEditor: true, inGrid: true };
    expect(actionForKey(press('=', { ctrl: true }), typing)?.id).toBe('zoomIn');
    expect(actionForKey(press('+', { ctrl: true, shift: true }), typing)?.id).toBe('zoomIn');
    expect(actionForKey(press('-', { ctrl: true }), typing)?.id).toBe('zoomOut');
    expect(actionForKey(press('0', { ctrl: true }), typing)?.id).toBe('zoomReset');
  });

  it('tells the desktop menu which commands to grey: the table actions while the 情况说明 is in front', () => {
    // What the menu's commands look at: where the window is, its history and the figures kept.
    const ctx = (onTable: boolean, canUndo: boolean) =>
      ({
        onTable,
        session: { history: { canUndo, canRedo: false }, workbook: { keptFigures: () => [] } },
      }) as unknown as ActionContext;
    expect(unavailableCommands(ctx(true, true))).toEqual(['redo', 'adoptComputed']);
    expect(unavailableCommands(ctx(false, true))).toEqual([
      'exportCsv',
      'importCsv',
      'redo',
      'adoptComputed',
    ]);
    expect(unavailableCommands(ctx(false, false))).toContain('undo');
  });

  it('gives every action a Chinese label and no shortcut twice', () => {
    const keys = ACTIONS.flatMap((a) => [a.shortcut, ...(a.alsoKeys ?? [])]).filter(Boolean);
    expect(new Set(keys).size).toBe(keys.length);
    for (const a of ACTIONS)
      if (typeof a.label === 'string') expect(a.label, a.id).toMatch(/\p{Script=Han}/u);
  });
});
