/**
 * The upper part of a 整体绩效目标 form (部门名称, 年度履职目标, 年度主要任务, 预算情况) as rows of
 * its table. The published samples keep it as a `header` object beside the indicator rows; the
 * program keeps the whole form as rows, each line of the printed form one row:
 *
 *   一级指标 (level1)   二级指标 (level2)            指标值 (value)       金额 (amount)
 *   年度履职目标                                      <text>
 *   年度主要任务        <任务名称>                    <主要内容>
 *   预算情况            资金来源：政府预算资金                              58452.42
 *
 * A row's name is what rules call it: the 预算情况 line's item (政府预算资金), the task's name.
 */
import type { ReportRow, ReportTable } from '../model/report';

type Header = Record<string, unknown>;

function textOf(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

export function formRows(table: ReportTable): ReportRow[] {
  const header = table.header;
  if (!header) return [];
  const rows: ReportRow[] = [];
  for (const [section, content] of Object.entries(header)) {
    if (Array.isArray(content)) {
      // 年度主要任务: [{任务名称, 主要内容}]
      for (const item of content as Header[]) {
        const [name, detail] = Object.values(item).map(textOf);
        rows.push({ name, values: { level1: section, level2: name ?? null, value: detail ?? null } });
      }
    } else if (typeof content === 'object' && content !== null) {
      // 预算情况: {部门预算总额: "58869.82", "资金来源.政府预算资金": "58452.42", …}
      for (const [item, amount] of Object.entries(content as Header)) {
        rows.push({ name: item.split('.').pop()!, values: { level1: section, level2: item.replace('.', '：'), amount: textOf(amount) } });
      }
    } else {
      rows.push({ name: section, values: { level1: section, value: textOf(content) } });
    }
  }
  return rows;
}
