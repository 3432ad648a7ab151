/**
 * The table sets and rule sets the program knows: every JSON file of shared/templates and
 * shared/rules, found by listing those folders. Adding a year or a region's variant means adding
 * a data file (usually `extends` plus what differs), not writing code. Each template is checked
 * against its schema and for consistency before it is used, and named in any message.
 */
/// <reference types="vite/client" />
import type { TableSetTemplate } from '../model/template';
import templateSchema from '../model/template.schema.json';
import { schemaProblems } from '../model/schema';
import type { RuleSetSource } from '../rules/ruleset';
import { CatalogError, resolveRuleSets, resolveTemplates } from './inherit';
import { validateTemplate } from './validate';

export interface Catalog {
  templates: TableSetTemplate[];
  ruleSets: RuleSetSource[];
}

/** A catalog from data files (file name → parsed JSON): inheritance resolved, every template checked. */
export function buildCatalog(
  templateFiles: Record<string, unknown>,
  ruleFiles: Record<string, unknown>,
): Catalog {
  const templates = resolveTemplates(templateFiles);
  for (const template of templates) {
    const problems = schemaProblems(templateSchema, template);
    if (problems.length > 0)
      throw new CatalogError(`报表模板“${template.id}”有误：\n${problems.map((p) => `  · ${p}`).join('\n')}`);
    validateTemplate(template);
  }
  const ruleSets = resolveRuleSets(ruleFiles);
  for (const template of templates) {
    if (!ruleSets.some((r) => r.id === template.rules))
      throw new CatalogError(`报表模板“${template.id}”用到的审核公式“${template.rules}”不存在`);
  }
  return { templates, ruleSets };
}

/** The data files of the program's own folders (file name → parsed JSON), to build catalogs with more of them. */
export const builtInFiles = {
  templates: import.meta.glob('./*.json', { eager: true, import: 'default' }),
  rules: import.meta.glob('../rules/*.json', { eager: true, import: 'default' }),
};

export const builtInCatalog: Catalog = buildCatalog(builtInFiles.templates, builtInFiles.rules);

/** The template for a report: named explicitly, or the newest of its kind not newer than its year. */
export function findTemplate(
  catalog: Catalog,
  kind: string,
  year: number | null,
  id?: string,
): TableSetTemplate {
  if (id !== undefined) {
    const named = catalog.templates.find((t) => t.id === id);
    if (!named) throw new Error(`没有名为“${id}”的报表模板`);
    return named;
  }
  // A regional variant (one that extends another) is chosen by name or by the reader, never by default.
  const candidates = catalog.templates
    .filter((t) => t.kind === kind && (year === null || t.year <= year))
    .sort((a, b) => Number(a.extends !== undefined) - Number(b.extends !== undefined) || b.year - a.year);
  const chosen = candidates[0];
  if (!chosen)
    throw new Error(`没有适用于 ${year ?? ''} 年度${kind === 'final' ? '决算' : '预算'}的报表模板`);
  return chosen;
}

export function findRuleSet(catalog: Catalog, id: string): RuleSetSource {
  const ruleSet = catalog.ruleSets.find((r) => r.id === id);
  if (!ruleSet) throw new Error(`没有名为“${id}”的审核公式`);
  return ruleSet;
}
