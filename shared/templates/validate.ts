/**
 * Checks a template file before it is used, so that a mistake in a new year's data file is reported
 * in words, not discovered as a wrong total.
 */
import type { TableSetTemplate } from '../model/template';

export class TemplateError extends Error {
  constructor(templateId: string, problems: string[]) {
    super(`报表模板“${templateId}”有误：\n${problems.map((p) => `  · ${p}`).join('\n')}`);
    this.name = 'TemplateError';
  }
}

function duplicates(values: string[]): string[] {
  const seen = new Set<string>();
  return [...new Set(values.filter((v) => seen.has(v) || !seen.add(v)))];
}

export function validateTemplate(template: TableSetTemplate): void {
  const problems: string[] = [];
  for (const id of duplicates(template.tables.map((t) => t.id))) problems.push(`表“${id}”出现了两次`);
  for (const code of duplicates(template.tables.flatMap((t) => (t.code ? [t.code] : []))))
    problems.push(`表号“${code}”出现了两次`);
  for (const table of template.tables) {
    const where = table.id;
    if (table.columns.length === 0) problems.push(`${where}：没有栏目`);
    for (const key of duplicates(table.columns.map((c) => c.key)))
      problems.push(`${where}：栏目键“${key}”重复`);
    const sided = table.layout === 'two-sided';
    for (const column of table.columns) {
      if (sided !== (column.side !== undefined)) {
        problems.push(`${where}：栏目“${column.label}”${sided ? '缺少' : '不应有'} side（收入/支出）`);
      }
    }
    if (table.layout === 'code-keyed') {
      if (!table.codeScheme?.totalRole)
        problems.push(`${where}：按科目编码排列的表需要 codeScheme 和合计行名称`);
      if (table.rows?.length) problems.push(`${where}：按科目编码排列的表不应列出固定行`);
    } else if (table.layout === 'listed') {
      const list = table.listScheme;
      if (!list?.levels.length) problems.push(`${where}：逐行列示的表需要 listScheme（文字栏目和行的层级）`);
      for (const key of duplicates(list?.fields.map((f) => f.key) ?? []))
        problems.push(`${where}：文字栏目“${key}”重复`);
      if (table.rows?.length) problems.push(`${where}：逐行列示的表不应列出固定行`);
    } else if (!table.rows?.length) {
      problems.push(`${where}：缺少固定行`);
    }
    const scheme = table.codeScheme;
    if (
      scheme &&
      (scheme.levels.length !== scheme.lengths.length ||
        scheme.lengths.some((n, i) => i > 0 && n <= scheme.lengths[i - 1]!))
    ) {
      problems.push(`${where}：codeScheme 的层级与编码位数不对应`);
    }
    const rows = table.rows ?? [];
    for (const role of duplicates(rows.map((r) => r.role))) problems.push(`${where}：行名称“${role}”重复`);
    for (const code of duplicates(rows.flatMap((r) => (r.code ? [r.code] : []))))
      problems.push(`${where}：科目编码“${code}”重复`);
    for (const row of rows) {
      if (sided && row.side === undefined) problems.push(`${where}：行“${row.role}”缺少 side（收入/支出）`);
    }
  }
  if (problems.length > 0) throw new TemplateError(template.id, problems);
}
