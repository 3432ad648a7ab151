/**
 * 补充信息: the figures a 情况说明 needs that no table holds, defined per narrative set as data
 * (definitions.ts, SupplementaryField). Values are kept as the user typed them; this module says
 * what is wrong with a value (in Chinese, per field) and reads a value as a number. Carrying
 * values over from last year's report is in carry.ts.
 */
import type { NarrativeSet, SupplementaryField } from './definitions';

/** `key[code]`: one row's value of a field held per row. */
const PER_ROW_KEY = /^(.+)\[([^\]]+)\]$/u;

/** The field a value's key belongs to, and the row code for a per-row field. */
export function fieldOf(set: NarrativeSet, key: string): { field: SupplementaryField; code?: string } | null {
  const direct = set.supplementary.find((f) => f.key === key && !f.perRow);
  if (direct) return { field: direct };
  const match = PER_ROW_KEY.exec(key);
  const field = match ? set.supplementary.find((f) => f.key === match[1] && f.perRow) : undefined;
  return field ? { field, code: match![2]! } : null;
}

/** The key under which a per-row field holds one row's value. */
export function rowKey(field: string, code: string): string {
  return `${field}[${code}]`;
}

const NUMBER = /^(-?)(\d+)(?:\.(\d+))?$/u;

/** Decimals a unit allows: 万元 to 0.01 as the tables print, a percentage to 0.01, a count none. */
function decimalsOf(unit: SupplementaryField['unit']): number {
  return unit === '万元' || unit === '%' ? 2 : 0;
}

/**
 * What is wrong with each value, by key (keys without a problem are left out). An empty value is
 * not a problem: the field is then unfilled, and what needs it is 未核对 or a placeholder.
 */
export function validateSupplementary(
  set: NarrativeSet,
  values: Readonly<Record<string, string>>,
): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const [key, raw] of Object.entries(values)) {
    const text = raw.trim();
    if (text === '') continue;
    const found = fieldOf(set, key);
    if (!found) {
      problems[key] = `补充信息中没有“${key}”这一项`;
      continue;
    }
    const problem = valueProblem(found.field, text);
    if (problem) problems[key] = `${labelOf(found.field, found.code)}${problem}`;
  }
  return problems;
}

function labelOf(field: SupplementaryField, code?: string): string {
  return code === undefined ? `“${field.label}”` : `“${field.label}”（${code}）`;
}

function valueProblem(field: SupplementaryField, text: string): string | null {
  const match = NUMBER.exec(text);
  const count = decimalsOf(field.unit) === 0;
  if (!match) return `应填${count ? '整数' : '数字'}，“${text}”不是数字`;
  const [, sign, , fraction = ''] = match;
  if (sign === '-' && (count || !field.negative)) return `不能为负数（填的是“${text}”）`;
  if (count && fraction !== '') return `是${field.unit}数，应为整数，“${text}”不是整数`;
  if (fraction.length > decimalsOf(field.unit)) {
    const step = field.unit === '%' ? '0.01%' : '0.01 万元';
    return `最多两位小数（以${field.unit}计，精确到 ${step}），“${text}”有 ${fraction.length} 位小数`;
  }
  return null;
}

/** A 补充信息 value as a number in hundredths (a count of 3 is 300), or why there is none. */
export type SupplementaryValue = { value: number } | { unfilled: true } | { invalid: string };

export function supplementaryValue(
  values: Readonly<Record<string, string>>,
  key: string,
): SupplementaryValue {
  const text = values[key]?.trim() ?? '';
  if (text === '') return { unfilled: true };
  const match = /^(-?)(\d{1,13})(?:\.(\d{1,2}))?$/u.exec(text);
  // 补充信息 is validated when it is entered; a damaged value is reported rather than used.
  if (!match) return { invalid: text };
  const [, sign, whole = '0', fraction = ''] = match;
  const magnitude = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return { value: sign === '-' ? -magnitude : magnitude };
}

/** The label a field is shown by (its key when the set does not define it). */
export function supplementaryLabel(set: NarrativeSet, key: string): string {
  const found = fieldOf(set, key);
  if (!found) return key;
  return found.code === undefined ? found.field.label : `${found.field.label}（${found.code}）`;
}
