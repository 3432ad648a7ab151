/**
 * 查找 (Ctrl+F): a code, a name or a figure in every table, in table order and row by row. A figure
 * is found as it is typed, with or without thousands separators (6519.14 finds 6,519.14).
 */
import { buildGridModel } from '../../shared/layout/gridModel';
import { editText } from './display';
import type { Session } from './session';

export interface Match {
  table: string;
  rowId: string;
  colId: string;
}

/** Digits of a figure without separators and trailing zeros of its fraction: 6,519.10 → 6519.1. */
const figure = (text: string) =>
  text
    .replace(/[,\s]/gu, '')
    .replace(/(\.\d*?)0+$/u, '$1')
    .replace(/\.$/u, '');
const FIGURE = /^-?[\d,]+(\.\d+)?$/u;

export function findAll(session: Session, query: string): Match[] {
  const wanted = query.trim();
  if (wanted === '') return [];
  const asFigure = FIGURE.test(wanted) ? figure(wanted) : null;
  const matches: Match[] = [];
  for (const table of session.workbook.structure.tables) {
    const model = buildGridModel(table);
    for (const row of model.rows) {
      for (const column of model.columns) {
        const slot = row.slots[column.colId];
        if (!slot) continue;
        const hit =
          slot.kind === 'text'
            ? slot.text.includes(wanted)
            : asFigure !== null &&
              (() => {
                const cell = session.workbook.cellIfPresent(slot.ref);
                return cell?.value != null && figure(editText(cell, session.display)) === asFigure;
              })();
        if (hit) matches.push({ table: table.id, rowId: row.id, colId: column.colId });
      }
    }
  }
  return matches;
}
