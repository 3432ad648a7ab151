/**
 * Writes the 情况说明 from the tables and 补充信息, in the wording its narrative set gives for the
 * report's template (data: each section's `write`, see definitions.ts WritePiece). A piece of wording has slots in braces:
 *
 *   {公开01表[收入总计]}          an amount of the rule language, in 万元 (0.00)
 *   {补充信息.年初预算}            a 补充信息 field; {补充信息.项年初预算[本行]} the field of the row
 *   {本行.小计}                    a column of the row an enumeration is at; {本行.名称} {本行.简称}
 *                                  (the name without 支出) {本行.类} {本行.款} (its parents' names) {序号}
 *   {个数(e)}                      a whole count
 *   {占比(a, b)}                   100·a/b, ROUND_HALF_UP to 0.01 (0 of 0 is 0.00, as published)
 *   {差额(a, b)} {增减(a, b)} {增长(a, b)} {增减率(a, b)}
 *                                  |a−b|; 增加/减少; 增长/下降; 100·|a−b|/b
 *   {年} {上年} {原因}             the report's year, the year before, the user's reason
 *
 * where a, b, e are sums (`x + y - z`) of such amounts. A piece is written only when its `if`
 * holds (`e = 0`, `e != 0`, joined by 且 and 或); a figure that is not known is written as a visible
 * placeholder (【请填写补充信息“…”】) and counts as not 0, so the sentence that needs it stays. The
 * reasons are the user's, as typed; an unfilled one is the placeholder 【请填写原因】. The checker
 * reports every placeholder (the set's `placeholders`) until it is replaced.
 */
import type { Workbook } from '../engine/workbook';
import { toDecimalString } from '../money/money';
import type { TableAmounts } from './amounts';
import {
  narrativeSetFor,
  type NarrativeSet,
  type RowEnumeration,
  type SectionDefinition,
  type SectionWriting,
  type WritePiece,
} from './definitions';
import type { CodeRow, TableLookup } from './enumerations';
import { roundedPercent, scaledText } from './ratio';
import { rowKey, supplementaryLabel, supplementaryValue } from './supplementary';
import { narrativeFromParagraphs, type NarrativeText } from './text';

export interface GenerationInputs {
  /** The report's template id and the ids it extends: they choose the wording. */
  templates: readonly string[];
  amounts: TableAmounts;
  tables: TableLookup;
  year: number | null;
  /** 补充信息 by field key, as typed. */
  supplementary: Readonly<Record<string, string>>;
  /** The user's reasons by the key of the piece that holds them (一, 五（三）[2080101] …), as typed. */
  reasons: Readonly<Record<string, string>>;
}

/**
 * The 情况说明 of an open report, written from its tables, 补充信息 and reasons in the wording of its
 * template's narrative set; null when no set describes the template or the set has no wording.
 */
export function generateForWorkbook(workbook: Workbook): NarrativeText | null {
  const { template } = workbook;
  const templates = [template.id, ...(template.extends ? [template.extends] : [])];
  const set = narrativeSetFor(templates);
  if (!set || !set.sections.some((s) => s.write)) return null;
  const paragraphs = generateNarrative(set, {
    templates,
    ...workbook.narrativeSource(),
    year: workbook.year,
    supplementary: workbook.supplementary,
    reasons: workbook.reasons,
  });
  return narrativeFromParagraphs(paragraphs);
}

/** The text as paragraphs, in the order they are printed. */
export function generateNarrative(set: NarrativeSet, inputs: GenerationInputs): string[] {
  const writer = new Writer(set, inputs);
  const paragraphs = set.heading ? [writer.fill(set.heading, null)] : [];
  const section = (definition: SectionDefinition): void => {
    const write = wordingFor(definition, inputs.templates);
    if (write) {
      paragraphs.push(writer.fill(write.title, null));
      for (const piece of write.paragraphs) paragraphs.push(...writer.paragraphs(piece));
    }
    for (const part of definition.parts ?? []) section(part);
  };
  for (const definition of set.sections) section(definition);
  return paragraphs.filter((p) => p !== '');
}

/** The section's wording for the template: its own, else the one for every template. */
function wordingFor(definition: SectionDefinition, templates: readonly string[]): SectionWriting | undefined {
  const writings = definition.write ?? [];
  return (
    templates.map((id) => writings.find((w) => w.templates?.includes(id))).find(Boolean) ??
    writings.find((w) => !w.templates)
  );
}

/** A figure, or the placeholder printed where it is not known. */
type Value = { value: number } | { placeholder: string };

interface Row {
  row: CodeRow;
  /** 1, 2, 3 … within its enumeration. */
  number: number;
  parents: CodeRow[];
}

const UNFILLED_REASON = '【请填写原因】';

const SLOT = /\{([^{}]+)\}/gu;
const CALL = /^(个数|占比|差额|增减|增长|增减率)\((.*)\)$/u;
/** Slots that are words, not figures. */
const WORDS = new Set(['年', '上年', '序号', '原因']);
/** What of its row a {本行.…} slot names when it is not a column: its name, short name, a parent's name. */
const ROW_NAMES = new Set(['名称', '简称', '类', '款', '项']);

/** The sums a slot reads (its arguments, or itself); none for words and names. */
function sumsOf(slot: string): string[] {
  if (WORDS.has(slot) || (slot.startsWith('本行.') && ROW_NAMES.has(slot.slice(3)))) return [];
  const call = CALL.exec(slot);
  return call ? call[2]!.split(/\s*,\s*/u) : [slot];
}

/** A sum's terms with their signs: `x + y - z`, the operators spaced. */
function termsOf(sum: string): { term: string; sign: 1 | -1 }[] {
  const parts = sum.trim().split(/\s+([+-])\s+/u);
  const terms: { term: string; sign: 1 | -1 }[] = [];
  for (let i = 0; i < parts.length; i += 2)
    terms.push({ term: parts[i]!, sign: parts[i - 1] === '-' ? -1 : 1 });
  return terms;
}

/** A condition as alternatives (或) of clauses (且), each a sum that must be 0 or not 0. */
function clausesOf(condition: string): { sum: string; zero: boolean }[][] {
  return condition.split(/\s+或\s+/u).map((alternative) =>
    alternative.split(/\s+且\s+/u).map((clause) => {
      const match = /^(.+?)\s*(!=|=)\s*0$/u.exec(clause.trim());
      if (!match) throw new Error(`情况说明模板的条件“${clause}”无法理解`);
      return { sum: match[1]!, zero: match[2] === '=' };
    }),
  );
}

/** Every term the wording of a set reads (table expressions, 补充信息.…, 本行.…), for checking the set. */
export function wordingTerms(set: NarrativeSet): string[] {
  const terms = new Set<string>();
  const add = (sum: string) => termsOf(sum).forEach((t) => terms.add(t.term));
  const piece = (p: WritePiece): void => {
    for (const match of (p.text ?? '').matchAll(SLOT)) sumsOf(match[1]!.trim()).forEach(add);
    if (p.if)
      clausesOf(p.if)
        .flat()
        .forEach((c) => add(c.sum));
    p.pieces?.forEach(piece);
  };
  const section = (s: SectionDefinition): void => {
    s.write?.forEach((w) => w.paragraphs.forEach(piece));
    s.parts?.forEach(section);
  };
  set.sections.forEach(section);
  return [...terms].filter((t) => !/^\d+$/u.test(t));
}

class Writer {
  constructor(
    private readonly set: NarrativeSet,
    private readonly inputs: GenerationInputs,
  ) {}

  /** A piece at paragraph level: one paragraph, or one per row when it enumerates rows. */
  paragraphs(piece: WritePiece): string[] {
    if (!piece.each) return [this.piece(piece, null)];
    if (!this.holds(piece.if, null)) return [];
    const rows = this.rows(piece.each);
    return 'placeholder' in rows ? [rows.placeholder] : rows.map((row) => this.content(piece, row));
  }

  private piece(piece: WritePiece, row: Row | null): string {
    if (!this.holds(piece.if, row)) return '';
    if (!piece.each) return this.content(piece, row);
    const rows = this.rows(piece.each);
    if ('placeholder' in rows) return rows.placeholder;
    return rows.map((r) => this.content(piece, r)).join(piece.join ?? '');
  }

  /** The piece's text and its pieces (with `each`, `join` stands between the rows instead). */
  private content(piece: WritePiece, row: Row | null): string {
    const text = piece.text ? this.fill(piece.text, row, piece) : '';
    const parts = (piece.pieces ?? []).map((p) => this.piece(p, row)).filter((p) => p !== '');
    return text + parts.join(piece.each ? '' : (piece.join ?? ''));
  }

  // ── enumerations ───────────────────────────────────────────────────────────────────────

  /** The rows an enumeration goes through, in the table's order: at its level, under its codes, not 0. */
  private rows(each: RowEnumeration): Row[] | { placeholder: string } {
    const rows = this.inputs.tables.rows(each.table);
    // A table whose rows were not all read cannot be enumerated: saying nothing would say there is nothing.
    if ('reason' in rows) return { placeholder: `【无法取得：${rows.reason}】` };
    // A row's 类 and 款 are the rows whose codes begin its code (208 and 20801 of 2080101), as the
    // classification codes are built; a 款 the table does not list is left out, not guessed.
    const chain = (row: CodeRow): CodeRow[] =>
      rows.filter((r) => r.code.length < row.code.length && row.code.startsWith(r.code));
    const selected = rows.filter((row) => {
      if (row.level !== each.level) return false;
      if (each.under && !each.under.some((code) => row.code.startsWith(code))) return false;
      if (!each.nonZero) return true;
      const amount = this.inputs.amounts.cell(row.cells.get(each.nonZero));
      // A row whose figure is not known is written (with its placeholder), not dropped as a 0.
      return !('value' in amount) || amount.value !== 0;
    });
    return selected.map((row, i) => ({ row, number: i + 1, parents: chain(row) }));
  }

  // ── conditions and slots ───────────────────────────────────────────────────────────────

  /** Whether the condition holds: `e = 0` / `e != 0` joined by 且, those joined by 或; a figure not known is not 0. */
  private holds(condition: string | undefined, row: Row | null): boolean {
    if (!condition) return true;
    return clausesOf(condition).some((alternative) =>
      alternative.every(({ sum, zero }) => {
        const value = this.sum(sum, row);
        const isZero = 'value' in value && value.value === 0;
        return zero ? isZero : !isZero;
      }),
    );
  }

  fill(text: string, row: Row | null, piece?: WritePiece): string {
    return text.replace(SLOT, (whole: string, slot: string, at: number) =>
      slot.trim() === '原因'
        ? this.reason(piece, row, text[at + whole.length] === '。')
        : this.slot(slot.trim(), row),
    );
  }

  private slot(slot: string, row: Row | null): string {
    const year = this.inputs.year;
    if (slot === '年') return year === null ? '【请填写年度】' : String(year);
    if (slot === '上年') return year === null ? '【请填写年度】' : String(year - 1);
    if (slot === '序号' && row) return String(row.number);
    if (slot.startsWith('本行.') && ROW_NAMES.has(slot.slice(3)) && row)
      return this.rowName(slot.slice(3), row);
    const call = CALL.exec(slot);
    if (!call) return this.amount(this.sum(slot, row));
    const [a, b] = sumsOf(slot).map((sum) => this.sum(sum, row)) as [Value, Value];
    switch (call[1]) {
      case '个数':
        return 'value' in a ? String(a.value / 100) : a.placeholder;
      case '占比':
        return this.percent(a, b);
      case '差额':
        return this.amount(this.difference(a, b));
      case '增减':
        return this.direction(a, b, '增加', '减少');
      case '增长':
        return this.direction(a, b, '增长', '下降');
      default:
        return this.percent(this.difference(a, b), b);
    }
  }

  private rowName(field: string, { row, parents }: Row): string {
    if (field === '名称') return row.name;
    if (field === '简称') return row.name.replace(/支出$/u, '');
    const named = row.level === field ? row : parents.find((p) => p.level === field);
    // A 项 whose 款 the table lacks (its code fits no 款 row) cannot be named in full.
    return named?.name ?? `【无法取得：表中 ${row.code} ${row.name} 没有所属的${field}】`;
  }

  /** The user's words as typed; where the wording closes the sentence itself, without their own 。. */
  private reason(piece: WritePiece | undefined, row: Row | null, closed: boolean): string {
    if (!piece?.reason) throw new Error('情况说明模板中“{原因}”所在的句子没有 reason');
    const key = row ? rowKey(piece.reason, row.row.code) : piece.reason;
    const trimmed = this.inputs.reasons[key]?.trim() ?? '';
    const typed = closed ? trimmed.replace(/。$/u, '') : trimmed;
    return typed === '' ? (piece.placeholder ?? UNFILLED_REASON) : typed;
  }

  private sum(expression: string, row: Row | null): Value {
    let total = 0;
    for (const { term, sign } of termsOf(expression)) {
      const value = this.term(term, row);
      if (!('value' in value)) return value;
      total += sign * value.value;
    }
    return { value: total };
  }

  private term(term: string, row: Row | null): Value {
    if (/^\d+$/u.test(term)) return { value: Number(term) * 100 };
    const field = /^补充信息\.([^[\]]+)(\[本行\])?$/u.exec(term);
    if (field) {
      const key = field[2] && row ? rowKey(field[1]!, row.row.code) : field[1]!;
      const value = supplementaryValue(this.inputs.supplementary, key);
      if ('value' in value) return value;
      const label = supplementaryLabel(this.set, key);
      return {
        placeholder:
          'unfilled' in value
            ? `【请填写补充信息“${label}”】`
            : `【请改正补充信息“${label}”：${value.invalid}】`,
      };
    }
    const resolved =
      term.startsWith('本行.') && row
        ? this.inputs.amounts.cell(row.row.cells.get(term.slice(3)))
        : this.inputs.amounts.of(term);
    return 'value' in resolved
      ? { value: resolved.value }
      : { placeholder: `【无法取得：${resolved.reason}】` };
  }

  // ── figures as printed ─────────────────────────────────────────────────────────────────

  private amount(value: Value): string {
    return 'value' in value ? toDecimalString(value.value) : value.placeholder;
  }

  private difference(a: Value, b: Value): Value {
    if (!('value' in a)) return a;
    if (!('value' in b)) return b;
    return { value: Math.abs(a.value - b.value) };
  }

  private direction(a: Value, b: Value, up: string, down: string): string {
    if (!('value' in a)) return a.placeholder;
    if (!('value' in b)) return b.placeholder;
    return a.value >= b.value ? up : down;
  }

  private percent(a: Value, b: Value): string {
    if (!('value' in a)) return a.placeholder;
    if (!('value' in b)) return b.placeholder;
    // 0 of 0 is printed 0.00 (the published convention, which the checker accepts); any other
    // share of 0 cannot be computed, and the wording leaves it out by its condition.
    if (b.value === 0) return a.value === 0 ? '0.00' : '【无法计算：基数为 0】';
    return scaledText(roundedPercent(BigInt(a.value), BigInt(b.value), 2), 2);
  }
}
