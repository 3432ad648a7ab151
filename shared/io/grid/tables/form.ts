/**
 * A 绩效 form (整体绩效目标表): the lines above the indicator header become rows as
 * shared/engine/formRows.ts describes (a one-text line, a list under its column titles, a 预算情况
 * line with its amount); the lines below it are rows of the table's columns, found by header
 * (indicators, and every line of a form the program wrote, which prints the whole form as rows).
 */
import { formRowName } from '../../../engine/formRows';
import type { ReportRow } from '../../../model/report';
import { squeeze, text, type Cell, type Grid } from '../grid';
import { matchColumns } from '../columns';
import { mergedWith } from './listed';
import { figureText, take, type ReadContext, type TableReading } from './common';

/** The texts of line r, one per merged cell, left to right, blanks left out. */
function lineParts(grid: Grid, r: number): Cell[] {
  const cells = grid.rows[r] ?? [];
  return cells.filter((cell, c) => text(cell) !== '' && mergedWith(grid, r, c)[0] === c);
}

/** 1、资金来源：（1）政府预算资金 → 资金来源：政府预算资金; 部门预算总额（万元） → 部门预算总额. */
function budgetLineLabel(printed: string, group: string): string {
  const label = squeeze(printed)
    .replace(/^\d+[、.]/u, '')
    .replace(/（\d+）/gu, '')
    .replace(/（万?元）$/u, '');
  return label.includes('：') || !group ? label : `${group}：${label}`;
}

export function readForm({ grid, table, words, isTitle }: ReadContext): TableReading {
  const textColumns = table.columns.filter((c) => c.text);
  const amountKey = table.columns.find((c) => !c.text)?.key;
  const squeezed = (r: number) => (grid.rows[r] ?? []).map((c) => squeeze(text(c)));
  const headerRow = grid.rows.findIndex((_, r) =>
    textColumns.every((c) => squeezed(r).includes(squeeze(c.label))),
  );
  if (headerRow < 0)
    return {
      rows: [],
      gaps: [
        { reason: `工作表“${grid.name}”中没有找到指标表头（${textColumns.map((c) => c.label).join('、')}）` },
      ],
      unplaced: [],
    };
  const titleRow = grid.rows.findIndex((_, r) => squeezed(r).some(isTitle));
  const [first, second, , fourth] = textColumns.map((c) => c.key);
  const nameOf = (values: Record<string, string | null>) =>
    formRowName(textColumns.slice(0, 3).map((c) => values[c.key]));
  const row = (values: Record<string, string | null>): ReportRow => ({ name: nameOf(values), values });
  const rows: ReportRow[] = [];
  let group = '';
  let amountSection = '';
  for (let r = titleRow + 1; r < headerRow; r++) {
    const parts = lineParts(grid, r);
    const section = text(parts[0]);
    // The 部门/年度/单位 line above a form is about the table, not a line of it.
    if (parts.length < 2 || parts.some((p) => /^单位[：:]/u.test(text(p)))) continue;
    const last = parts[parts.length - 1]!;
    const hasFigure = typeof last === 'number' || /^-?[\d,]+(\.\d+)?$/u.test(text(last));
    // A 预算情况 line left blank ((3)单位资金) follows the section's lines with figures.
    const isAmount = hasFigure || (section === amountSection && parts.length === 2);
    if (hasFigure) amountSection = section;
    // A list's column titles (任务名称 | 主要内容) open its section: the first line, with no figure, of several.
    const opensList =
      !isAmount &&
      parts.length > 2 &&
      text(lineParts(grid, r + 1)[0]) === section &&
      text(lineParts(grid, r - 1)[0]) !== section;
    if (opensList) continue;
    if (isAmount) {
      const label = budgetLineLabel(text(parts[1]), group);
      group = label.includes('：') ? label.split('：')[0]! : '';
      rows.push(
        row({
          [first!]: section,
          [second!]: label,
          ...(amountKey ? { [amountKey]: hasFigure ? figureText(last) : null } : {}),
        }),
      );
    } else if (parts.length === 2) {
      rows.push(row({ [first!]: section, [fourth!]: text(parts[1]) }));
    } else {
      rows.push(row({ [first!]: section, [second!]: text(parts[1]), [fourth!]: text(parts[2]) }));
    }
  }
  const paths = (grid.rows[headerRow] ?? []).map((c) => [words.canonical(text(c))]);
  const found = matchColumns(paths, table.columns, words);
  const columns = table.columns.map((c, i) => ({ key: c.key, col: found[i] }));
  for (let r = headerRow + 1; r < grid.rows.length; r++) {
    const cells = grid.rows[r] ?? [];
    if (cells.every((c) => text(c) === '')) continue;
    if (/^(注|说明|备注)/u.test(text(cells.find((c) => text(c) !== '')))) break;
    const line: ReportRow = { values: {} };
    for (const { key, col } of columns) take(line, key, grid, r, col);
    rows.push({ ...line, name: nameOf(line.values) });
  }
  return { rows, gaps: [], unplaced: [] };
}
