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
 * A row's name is what rules call it (formRowName): the indicator, the 预算情况 line's item
 * (政府预算资金), the task's name, else the line's title (年度履职目标).
 */
import type { ReportRow, ReportTable } from '../model/report';

type Header = Record<string, unknown>;

function textOf(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

/** The name of a form line from its 一级/二级/三级 texts: 三级, else 二级 without its group (资金来源：), else 一级. */
export function formRowName([level1, level2, level3]: (string | null | undefined)[]): string | null {
  return level3 || level2?.split('：').pop() || level1 || null;
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
        const values = { level1: section, level2: name ?? null, value: detail ?? null };
        rows.push({ name: formRowName([values.level1, values.level2]), values });
      }
    } else if (typeof content === 'object' && content !== null) {
      // 预算情况: {部门预算总额: "58869.82", "资金来源.政府预算资金": "58452.42", …}
      for (const [item, amount] of Object.entries(content as Header)) {
        const values = { level1: section, level2: item.replace('.', '：'), amount: textOf(amount) };
        rows.push({ name: formRowName([values.level1, values.level2]), values });
      }
    } else {
      rows.push({ name: section, values: { level1: section, value: textOf(content) } });
    }
  }
  return rows;
}
