/**
 * The 补充信息 the published 2024 高新区 text implies (final-accounts.md §3(e)): its prior-year
 * totals follow from the 增加 amounts it prints, its 年初预算 and 机关运行经费 are printed in it.
 */
export const S24: Record<string, string> = {
  上年收支总计: '5227.36',
  上年财政拨款收支总计: '5227.36',
  上年一般公共预算财政拨款支出: '5226.46',
  年初预算: '5644.16',
  国有资本经营年初预算: '25.00',
  机关运行经费: '58.75',
  上年机关运行经费: '0.00',
};
