/**
 * A regional or yearly variant of a table set is written as `extends` plus what differs: the
 * parent's fields, with the child's replacing them (null removes one), its tables merged by id
 * (a table given replaces the fields it names; a new id adds a table; `removeTables` drops some;
 * `tableOrder` orders them as the variant prints them). Rule sets inherit the same way, rules by id.
 */
import type { TableSetTemplate, TableTemplate } from '../model/template';
import type { RuleDefinition, RuleSetSource, TextRuleDefinition } from '../rules/ruleset';

export class CatalogError extends Error {
  override name = 'CatalogError';
}

type Json = Record<string, unknown>;

/** Fields of `over` replace those of `base`; a null removes the field (JSON merge patch, one level deep). */
function patch<T extends object>(base: T, over: Json, skip: string[] = []): T {
  const result: Json = { ...(base as Json) };
  for (const [key, value] of Object.entries(over)) {
    if (skip.includes(key)) continue;
    if (value === null) delete result[key];
    else result[key] = value;
  }
  return result as T;
}

/** Items merged by id: an item of `over` patches the base item of its id, or is added after them. */
function byId<T extends { id: string }>(base: T[], over: Json[] | undefined): T[] {
  if (!over) return base;
  const merged = base.map((item) => {
    const change = over.find((o) => o.id === item.id);
    return change ? patch(item, change) : item;
  });
  return [...merged, ...(over.filter((o) => !base.some((b) => b.id === o.id)) as unknown as T[])];
}

function mergeTemplate(parent: TableSetTemplate, child: Json, file: string): TableSetTemplate {
  const removed = (child.removeTables as string[] | undefined) ?? [];
  let tables = byId(parent.tables, child.tables as Json[] | undefined).filter((t) => !removed.includes(t.id));
  const order = child.tableOrder as string[] | undefined;
  if (order) {
    const missing = tables.filter((t) => !order.includes(t.id)).map((t) => t.id);
    if (missing.length > 0)
      throw new CatalogError(`模板文件“${file}”的 tableOrder 没有列出：${missing.join('、')}`);
    tables = order.map((id) => tables.find((t) => t.id === id) ?? failMissing(file, id));
  }
  return { ...patch(parent, child, ['tables', 'removeTables', 'tableOrder']), tables } as TableSetTemplate;
}

function failMissing(file: string, id: string): TableTemplate {
  throw new CatalogError(`模板文件“${file}”的 tableOrder 中有“${id}”，但模板中没有这张表`);
}

function mergeRuleSet(parent: RuleSetSource, child: Json): RuleSetSource {
  const removed = (child.removeRules as string[] | undefined) ?? [];
  const rules = byId<RuleDefinition>(parent.rules, child.rules as Json[] | undefined).filter(
    (r) => !removed.includes(r.id),
  );
  const textRules = byId<TextRuleDefinition>(parent.textRules ?? [], child.textRules as Json[] | undefined);
  const conditions = { ...parent.conditions, ...(child.conditions as Record<string, string> | undefined) };
  return {
    ...patch(parent, child, ['extends', 'rules', 'removeRules', 'textRules', 'conditions']),
    rules,
    textRules,
    conditions,
  } as RuleSetSource;
}

/** Every file with its `extends` resolved, parents first; a missing parent or a loop is an error naming the file. */
function resolve<T extends { id: string }>(
  files: Record<string, unknown>,
  merge: (parent: T, child: Json, file: string) => T,
  what: string,
): T[] {
  const raw = new Map<string, { file: string; data: Json }>();
  for (const [file, data] of Object.entries(files)) {
    const id = (data as Json | null)?.id;
    if (typeof id !== 'string') throw new CatalogError(`${what}文件“${file}”缺少 id`);
    if (raw.has(id))
      throw new CatalogError(`${what}“${id}”出现在两个文件中：“${raw.get(id)!.file}”和“${file}”`);
    raw.set(id, { file, data: data as Json });
  }
  const done = new Map<string, T>();
  const visit = (id: string, chain: string[]): T => {
    const found = done.get(id);
    if (found) return found;
    const entry = raw.get(id)!;
    const parentId = entry.data.extends;
    let result: T;
    if (typeof parentId !== 'string') result = entry.data as unknown as T;
    else {
      if (!raw.has(parentId)) throw new CatalogError(`${what}文件“${entry.file}”继承的“${parentId}”不存在`);
      if (chain.includes(parentId))
        throw new CatalogError(
          `${what}文件“${entry.file}”的继承关系形成循环：${[...chain, parentId].join(' → ')}`,
        );
      result = merge(visit(parentId, [...chain, id]), entry.data, entry.file);
    }
    done.set(id, result);
    return result;
  };
  return [...raw.keys()].map((id) => visit(id, [id]));
}

export function resolveTemplates(files: Record<string, unknown>): TableSetTemplate[] {
  return resolve<TableSetTemplate>(files, mergeTemplate, '模板');
}

export function resolveRuleSets(files: Record<string, unknown>): RuleSetSource[] {
  return resolve<RuleSetSource>(files, (parent, child) => mergeRuleSet(parent, child), '审核公式');
}
