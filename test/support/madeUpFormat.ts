/**
 * A file format the program has never heard of, to show that one registration is all a new format
 * takes: a plain-text 报表清单 (.bdl), one figure per line as `表<TAB>行<TAB>栏<TAB>数`, after lines
 * `年度 2024`, `部门 …` and `单位 万元`. A line is named by its code (`code:2080101`, `code:` for
 * 合计), role (`role:…`) or side and 行次 (`line:income:1`). It can be read but not written.
 */
import type { ReportFile, ReportRow, ReportTable } from '../../shared/model/report';
import { registerFormat } from '../../shared/io/formats';

export function writeListing(report: ReportFile): Uint8Array {
  const lines = [`年度 ${report.year}`, `部门 ${report.department}`, `单位 ${report.unit}`];
  for (const table of report.tables) {
    for (const row of table.rows) {
      const key = lineKey(row);
      for (const [column, value] of Object.entries(row.values))
        if (value !== null) lines.push([table.id, key, column, value].join('\t'));
    }
  }
  return new TextEncoder().encode(lines.join('\n'));
}

function lineKey(row: ReportRow): string {
  if (row.role) return `role:${row.role}`;
  if (row.side && row.hangci) return `line:${row.side}:${row.hangci}`;
  return `code:${row.code ?? ''}`;
}

function rowOf(key: string): ReportRow {
  const [kind, a = '', b] = key.split(':');
  if (kind === 'role') return { role: a, values: {} };
  if (kind === 'line') return { side: a, hangci: Number(b), values: {} };
  return { code: a || null, values: {} };
}

function readListing(fileName: string, bytes: Uint8Array): ReportFile {
  const header = new Map<string, string>();
  const tables = new Map<string, ReportTable>();
  for (const line of new TextDecoder().decode(bytes).split('\n')) {
    const fields = line.split('\t');
    if (fields.length === 1) {
      const [key, ...rest] = line.split(' ');
      header.set(key!, rest.join(' '));
      continue;
    }
    const [tableId, key, column, value] = fields as [string, string, string, string];
    const table = tables.get(tableId) ?? { id: tableId, rows: [] };
    tables.set(tableId, table);
    let row = table.rows.find((r) => lineKey(r) === key);
    if (!row) table.rows.push((row = rowOf(key)));
    row.values[column] = value;
  }
  const year = Number(header.get('年度'));
  if (!Number.isInteger(year)) throw new Error(`无法打开“${fileName}”：没有“年度”一行`);
  return {
    kind: 'final',
    year,
    department: header.get('部门') ?? '',
    unit: header.get('单位') === '元' ? '元' : '万元',
    tables: [...tables.values()],
  };
}

export const unregisterListing = registerFormat({
  id: 'listing',
  label: '报表清单',
  extensions: ['bdl'],
  read: async (fileName, bytes) => ({ report: readListing(fileName, bytes) }),
});
