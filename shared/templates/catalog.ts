/**
 * The table sets the program knows. Each is a JSON data file; adding a year or a region's variant
 * means adding a file here, not writing code.
 */
import type { TableSetTemplate } from '../model/template';
import type { RuleSetSource } from '../rules/ruleset';
import budget2025 from './budget-2025.json';
import final2023 from './final-2023.json';
import final2024 from './final-2024.json';
import budgetRules from '../rules/budget.json';
import finalAccountsRules from '../rules/final-accounts.json';

export interface Catalog {
  templates: TableSetTemplate[];
  ruleSets: RuleSetSource[];
}

export const builtInCatalog: Catalog = {
  templates: [final2023 as TableSetTemplate, final2024 as TableSetTemplate, budget2025 as TableSetTemplate],
  ruleSets: [finalAccountsRules as RuleSetSource, budgetRules as RuleSetSource],
};

/** The template for a report: named explicitly, or the newest of its kind not newer than its year. */
export function findTemplate(catalog: Catalog, kind: string, year: number | null, id?: string): TableSetTemplate {
  if (id !== undefined) {
    const named = catalog.templates.find((t) => t.id === id);
    if (!named) throw new Error(`没有名为“${id}”的报表模板`);
    return named;
  }
  const candidates = catalog.templates.filter((t) => t.kind === kind && (year === null || t.year <= year)).sort((a, b) => b.year - a.year);
  const chosen = candidates[0];
  if (!chosen) throw new Error(`没有适用于 ${year ?? ''} 年度${kind === 'final' ? '决算' : '预算'}的报表模板`);
  return chosen;
}

export function findRuleSet(catalog: Catalog, id: string): RuleSetSource {
  const ruleSet = catalog.ruleSets.find((r) => r.id === id);
  if (!ruleSet) throw new Error(`没有名为“${id}”的审核公式`);
  return ruleSet;
}
