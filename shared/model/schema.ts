/**
 * Checks data files against a JSON Schema and says what is wrong in Chinese, naming the field
 * (tables[2].columns[0].label): a template or rule set written by hand, a report file of unknown
 * origin. The validator interprets the schema (no generated code, which the window's
 * Content-Security-Policy would refuse).
 */
import { Validator, type OutputUnit, type Schema } from '@cfworker/json-schema';

const TYPE_NAMES: Record<string, string> = {
  string: '文字',
  number: '数',
  integer: '整数',
  boolean: '是/否（true/false）',
  object: '对象',
  array: '列表',
  null: 'null',
};

/** "#/tables/2/columns/0" → "tables[2].columns[0]". */
function fieldOf(location: string): string {
  const path = location
    .replace(/^#\/?/u, '')
    .split('/')
    .filter(Boolean)
    .map((part) => (/^\d+$/u.test(part) ? `[${part}]` : `.${decodeURIComponent(part)}`))
    .join('')
    .replace(/^\./u, '');
  return path || '（整个文件）';
}

/** One error of the validator, in Chinese; null for the errors that only say an inner error exists. */
function describe(unit: OutputUnit): string | null {
  const field = fieldOf(unit.instanceLocation);
  const quoted = [...unit.error.matchAll(/"([^"]+)"/gu)].map((m) => m[1]!);
  switch (unit.keyword) {
    case 'type':
      // "Instance type "number" is invalid. Expected "string", "null"."
      return `${field} 应为${quoted
        .slice(1)
        .map((t) => TYPE_NAMES[t] ?? t)
        .join('或')}`;
    case 'required':
      return `${field} 缺少“${quoted[0] ?? ''}”`;
    case 'enum':
    case 'const':
      return `${field} 的值不在允许的范围内`;
    case 'additionalProperties':
      return `${field} 有不认识的字段“${quoted[0] ?? ''}”`;
    case 'minimum':
    case 'maximum':
      return `${field} 超出允许的范围`;
    case 'minLength':
    case 'minItems':
      return `${field} 不能为空`;
    case 'pattern':
      return `${field} 的格式不对`;
    default:
      return null;
  }
}

/**
 * Says one error in the words of the file's own kind (a report's 金额, its 年度), null to say
 * nothing of it (another error says it better), or undefined to leave it to the general wording.
 */
export type Explain = (unit: OutputUnit, field: string) => string | null | undefined;

/** What is wrong with `data`, field by field (at most `limit` lines), or [] when it fits. */
export function schemaProblems(schema: object, data: unknown, limit = 10, explain?: Explain): string[] {
  const result = new Validator(schema as Schema, '2020-12', false).validate(data);
  if (result.valid) return [];
  const lines = result.errors
    .map((unit) => {
      const explained = explain?.(unit, fieldOf(unit.instanceLocation));
      return explained === undefined ? describe(unit) : explained;
    })
    .filter((line): line is string => line !== null);
  return [...new Set(lines)].slice(0, limit);
}
