/**
 * Checks a 情况说明 against the tables: splits it into its sections, finds every figure, tells
 * what each is through the section's terms (data, see definitions.ts), and compares it with the
 * tables, the 补充信息 or the text's own figures (shares, growth rates, 完成…%, stated sums). A
 * figure whose meaning cannot be told is listed as not checked (未核对) with why, never guessed.
 * The enumerations (each 类, each 项, the items after 主要包括) are in enumerations.ts.
 */
import type { CellRef, Finding, FindingCell, NotChecked } from '../engine/findings';
import type { Severity } from '../engine/recalc';
import { toDecimalString } from '../money/money';
import type { TableAmounts, Resolved } from './amounts';
import type { NarrativeSet, SectionDefinition, Term } from './definitions';
import { comparisonClaims, comparisonWord } from './comparison';
import { checkClasses, checkComponents, checkItems, type Enumerated } from './enumerations';
import { extractFigures, hundredthsOf, type Figure } from './figures';
import { judgePercent, roundedPercent, scaledText } from './ratio';
import {
  entryName,
  fieldOf,
  supplementaryEntries,
  supplementaryLabel,
  supplementaryValue,
  type SupplementaryValues,
} from './supplementary';
import { numberingProblems } from './numbering';
import { splitSections, type Section } from './sections';
import { directionBefore, matchTerm } from './terms';
import { lastStartingBy, sentencesOf, type NarrativeText, type Span } from './text';

export interface NarrativeInputs {
  amounts: TableAmounts;
  /** Lookups the enumerations need (05 rows by name, 06 items by name). */
  tables: import('./enumerations').TableLookup;
  year: number | null;
  /** 补充信息 by field key, amounts as decimal strings in 万元, counts as whole numbers, lists as entries. */
  supplementary: Readonly<SupplementaryValues>;
}

export type FigureStatus = 'checked' | 'notChecked' | 'wording';

export interface FigureReport extends Span {
  section: string;
  printed: string;
  kind: Figure['kind'];
  rule: string | null;
  /** What the figure was read as (the term's key, 类 or 项 name), or null. */
  meaning: string | null;
  status: FigureStatus;
  reason?: string;
  /** The cells a checked amount was compared with (the window selects them when the figure is clicked). */
  cells?: CellRef[];
}

export interface NarrativeReport {
  sections: { id: string; title: string; start: number; end: number }[];
  figures: FigureReport[];
  findings: Finding[];
  notChecked: NotChecked[];
}

/** A figure read as something: the term (or enumeration) that says what it is and what it must equal. */
export interface Binding {
  figure: Figure;
  rule: string;
  /** The term's key, or the 类/项 the figure belongs to. */
  meaning: string;
  label: string;
  role?: Term['role'];
  term?: Term;
  /** What it must equal; null when it is checked only within the text. */
  target: Resolved | null;
  /** Where `target` comes from, for messages (公开05表 2080199「小计」). */
  source?: string;
  /** A change (各增加 …, 比上年减少 …) rather than the amount itself. */
  change?: { sign: 1 | -1; word: string };
}

/** One section being checked: its figures, sentences and what each figure was read as. */
export interface SectionRun {
  section: Section<SectionDefinition>;
  text: string;
  sentences: Span[];
  /** Every figure of the section's body, in order. */
  figures: Figure[];
  bindings: Map<Figure, Binding>;
  reports: Map<Figure, FigureReport>;
  findings: Finding[];
  notChecked: NotChecked[];
}

export function checkNarrative(
  set: NarrativeSet,
  narrative: NarrativeText,
  inputs: NarrativeInputs,
): NarrativeReport {
  return new NarrativeCheck(set, narrative.text, inputs).run();
}

const UNKNOWN_MEANING = '看不出这个数字说的是哪一项';
/** Characters before a figure that a message quotes with it, at the most. */
const QUOTE_LEAD = 20;

/** One side of a ratio: its name for messages and its value in hundredths. */
type RatioPart = { label: string; value: number };

class NarrativeCheck {
  private readonly findings: Finding[] = [];
  private readonly notChecked: NotChecked[] = [];
  private readonly figures: FigureReport[] = [];

  constructor(
    private readonly set: NarrativeSet,
    private readonly text: string,
    private readonly inputs: NarrativeInputs,
  ) {}

  run(): NarrativeReport {
    const { sections, missing } = splitSections(this.text, this.set.sections);
    for (const definition of missing) {
      this.findings.push(
        this.finding({
          rule: 'N05',
          severity: 'warning',
          section: definition.id,
          span: { start: 0, end: 0 },
          sentence: 0,
          message: `情况说明中没有“${definition.titles[0]}”一节（按标题查找）。`,
          printed: null,
          expected: definition.titles[0]!,
          key: definition.id,
        }),
      );
    }
    for (const section of sections) this.checkSection(section);
    this.checkWholeText(sections);
    return {
      sections: sections.map((s) => ({ id: s.definition.id, title: s.title, start: s.start, end: s.end })),
      figures: this.figures.sort((a, b) => a.start - b.start),
      findings: this.findings,
      notChecked: this.notChecked,
    };
  }

  // ── one section ────────────────────────────────────────────────────────────────────────

  private checkSection(section: Section<SectionDefinition>): void {
    const body = { start: section.bodyStart, end: section.end };
    const figures = extractFigures(this.text, body);
    const run: SectionRun = {
      section,
      text: this.text,
      sentences: sentencesOf(this.text, body),
      figures,
      bindings: new Map(),
      reports: new Map(),
      findings: [],
      notChecked: [],
    };
    const claimed = new Set<Figure>();
    const enumerated: Enumerated[] = [];
    for (const part of [section, ...section.parts]) {
      const kind = part.definition.enumerate;
      if (!kind) continue;
      const inPart = figures.filter((f) => f.start >= part.bodyStart && f.end <= part.end);
      const context = {
        run,
        part,
        figures: inPart,
        terms: this.termsAt(section, part),
        tables: this.inputs.tables,
        amounts: this.inputs.amounts,
        nameEquivalents: this.set.nameEquivalents,
        supplementary: (key: string) => this.supplementary(key),
        finding: this.finding.bind(this),
      };
      const result =
        kind === 'items'
          ? checkItems(context)
          : kind === 'classes'
            ? checkClasses(context)
            : checkComponents(context);
      for (const binding of result.bindings) {
        run.bindings.set(binding.figure, binding);
        claimed.add(binding.figure);
      }
      enumerated.push(result);
    }

    // Bind every amount and count first, so that a share can use a base printed after it.
    for (const figure of figures) {
      if (claimed.has(figure) || figure.kind === 'percent') continue;
      if (this.isWording(figure)) {
        run.reports.set(figure, this.report(section, figure, null, null, 'wording'));
        continue;
      }
      if (this.inReason(run, figure)) {
        this.unchecked(run, figure, null, '“主要原因”中的数字是填报人的说明，不与公开表核对');
        continue;
      }
      const binding = this.bind(run, figure, figures);
      if (binding) run.bindings.set(figure, binding);
      else this.unchecked(run, figure, null, UNKNOWN_MEANING);
    }
    for (const binding of run.bindings.values()) this.checkAmount(run, binding);
    for (const figure of figures)
      if (figure.kind === 'percent' && !claimed.has(figure)) this.checkPercent(run, figure);
    for (const result of enumerated) result.finish?.();
    this.checkSums(run);
    this.checkAbsence(run);
    this.checkComparisons(run, body);

    this.findings.push(...run.findings);
    this.notChecked.push(...run.notChecked);
    for (const figure of figures) {
      const report = run.reports.get(figure);
      const binding = run.bindings.get(figure);
      const cells =
        binding?.target && 'cells' in binding.target
          ? binding.target.cells.flatMap((c) => (c.ref ? [c.ref] : []))
          : [];
      this.figures.push({
        ...(report ??
          this.report(section, figure, binding?.rule ?? null, binding?.meaning ?? null, 'checked')),
        ...(cells.length > 0 ? { cells } : {}),
      });
    }
  }

  /** The terms that apply where a figure stands: its part's own, else its section's. */
  private termsAt(section: Section<SectionDefinition>, part: Section<SectionDefinition>): Term[] {
    return part.definition.terms ?? section.definition.terms ?? [];
  }

  private partAt(section: Section<SectionDefinition>, at: number): Section<SectionDefinition> {
    return section.parts.find((p) => at >= p.start && at < p.end) ?? section;
  }

  private sentenceAt(run: SectionRun, at: number): { span: Span; index: number } {
    let index = lastStartingBy(run.sentences, at);
    if (index >= 0 && at >= run.sentences[index]!.end) index = -1;
    return {
      span: run.sentences[index] ?? { start: run.section.bodyStart, end: run.section.end },
      index: index + 1,
    };
  }

  /** Where the words naming a figure may stand: after the previous figure of its sentence. */
  private nearStart(run: SectionRun, figure: Figure, sentence: Span): number {
    const previous = run.figures[lastStartingBy(run.figures, figure.start - 1)];
    return previous && previous.start >= sentence.start ? previous.end : sentence.start;
  }

  /** A figure inside the reasons a user gives (主要原因：1.…增加1000万元) until the clause ends at ；. */
  private inReason(run: SectionRun, figure: Figure): boolean {
    const { span } = this.sentenceAt(run, figure.start);
    const lead = this.text.slice(span.start, figure.start);
    const at = lead.lastIndexOf('主要原因');
    return at >= 0 && !lead.slice(at).includes('；');
  }

  private bind(run: SectionRun, figure: Figure, figures: readonly Figure[]): Binding | null {
    const part = this.partAt(run.section, figure.start);
    const terms = this.termsAt(run.section, part);
    const { span: sentence } = this.sentenceAt(run, figure.start);
    const nearStart = this.nearStart(run, figure, sentence);
    const near = this.text.slice(nearStart, figure.start);
    const direction = figure.kind === 'amount' ? directionBefore(near) : null;
    let match = matchTerm(terms, this.text, sentence, nearStart, figure);
    if (direction && !match) {
      // 比上年减少11.31万元: the subject is the amount stated just before, when nothing else stands between.
      const previousFigure = figures.filter((f) => f.end <= figure.start).at(-1);
      const previous = previousFigure ? run.bindings.get(previousFigure) : undefined;
      const between = previousFigure ? this.text.slice(previousFigure.end, figure.start) : '';
      if (previous?.term && !previous.change && between.length <= 12 && !/[：:；]/u.test(between))
        match = { term: previous.term, from: previous.figure.start };
    }
    if (!match) return null;
    const { term } = match;
    const binding: Binding = {
      figure,
      rule: term.rule,
      meaning: term.key,
      label: term.words?.at(-1) ?? term.key,
      role: term.role,
      term,
      target: null,
    };
    if (direction) {
      binding.change = direction;
      binding.label = `${term.words?.at(-1) ?? term.key}${direction.word}额`;
      const prior = term.prior ? this.supplementary(term.prior) : null;
      const current = this.termTarget(term);
      if (prior && current && 'value' in prior && 'value' in current) {
        const delta = current.value - prior.value;
        binding.target = { value: Math.abs(delta), cells: current.cells };
        binding.source = `本年 ${toDecimalString(current.value)} 万元与上年 ${toDecimalString(prior.value)} 万元之差`;
        if (delta !== 0 && Math.sign(delta) !== direction.sign) {
          run.findings.push(
            this.finding({
              rule: 'N03',
              severity: 'error',
              section: run.section.definition.id,
              span: figure,
              sentence: this.sentenceAt(run, figure.start).index,
              message: `${this.quote(run, figure)}：写的是“${direction.word}”，但本年 ${toDecimalString(current.value)} 万元比上年 ${toDecimalString(prior.value)} 万元${delta > 0 ? '增加' : '减少'}。`,
              printed: direction.word,
              expected: delta > 0 ? '增加' : '减少',
              cells: current.cells,
            }),
          );
        }
      } else {
        binding.target = {
          reason:
            prior && 'reason' in prior
              ? prior.reason
              : current && 'reason' in current
                ? current.reason
                : '上年数不在公开表中',
        };
      }
      return binding;
    }
    if (term.entry) return this.bindEntry(run, binding, term.entry);
    binding.target = this.termTarget(term);
    binding.source =
      term.value ??
      (term.supplementary ? `补充信息“${this.supplementaryLabel(term.supplementary)}”` : undefined);
    return binding;
  }

  /**
   * A figure of one entry of a 补充信息 list (项目全年预算数 of a project): the entry is the one whose
   * name its paragraph names last before the figure; a paragraph that names none is not guessed at.
   */
  private bindEntry(run: SectionRun, binding: Binding, { list, field }: NonNullable<Term['entry']>): Binding {
    const definition = fieldOf(this.set, list)?.field;
    const entries = supplementaryEntries(this.inputs.supplementary, list);
    const label = definition?.label ?? list;
    if (entries.length === 0) {
      binding.target = { reason: `公开表中没有这个数，补充信息“${label}”未填写` };
      return binding;
    }
    const { figure } = binding;
    const paragraph = Math.max(
      this.partAt(run.section, figure.start).bodyStart,
      this.text.lastIndexOf('\n', figure.start) + 1,
    );
    // The entry named last before the figure in its paragraph (of two names there, the longer).
    let which: { index: number; at: number; length: number } | null = null;
    for (const [index, entry] of entries.entries()) {
      const name = entry['名称']?.trim() ?? '';
      const at = name === '' ? -1 : this.text.lastIndexOf(name, figure.start - name.length);
      if (at < paragraph) continue;
      if (!which || at > which.at || (at === which.at && name.length > which.length))
        which = { index, at, length: name.length };
    }
    if (!which) {
      binding.target = {
        reason: `这段文字没有写出补充信息“${label}”中任何一个项目的名称，看不出是哪个项目的数`,
      };
      return binding;
    }
    const entry = entries[which.index]!;
    const column = definition?.rows?.find((c) => c.key === field)?.label ?? field;
    const name = `补充信息${definition ? entryName(definition, which.index, entry) : `“${list}”`}的“${column}”`;
    const value = supplementaryValue(entry, field);
    binding.target =
      'value' in value
        ? { value: value.value, cells: [] }
        : { reason: 'unfilled' in value ? `${name}未填写` : `${name}的“${value.invalid}”不是有效数字` };
    binding.source = name;
    return binding;
  }

  /** What a term's figure must equal: a table amount, a 补充信息 field, or nothing (checked within the text). */
  private termTarget(term: Term): Resolved | null {
    if (term.value) return this.inputs.amounts.of(term.value);
    if (term.supplementary) return this.supplementary(term.supplementary);
    if (term.unbound) return { reason: term.unbound };
    if (term.count) return { reason: '这个数不在公开表中，只核对说明中的加总' };
    return null;
  }

  private supplementaryLabel(key: string): string {
    return supplementaryLabel(this.set, key);
  }

  private supplementary(key: string): Resolved {
    const value = supplementaryValue(this.inputs.supplementary, key);
    if ('unfilled' in value)
      return { reason: `公开表中没有这个数，补充信息“${this.supplementaryLabel(key)}”未填写` };
    if ('invalid' in value)
      return { reason: `补充信息“${this.supplementaryLabel(key)}”的“${value.invalid}”不是有效数字` };
    return { value: value.value, cells: [] };
  }

  private checkAmount(run: SectionRun, binding: Binding): void {
    const { figure, target } = binding;
    if (target === null) return;
    if ('reason' in target) {
      this.unchecked(run, figure, binding, target.reason);
      return;
    }
    const printed = this.valueOf(figure);
    if (printed === null) {
      this.unchecked(run, figure, binding, `“${figure.printed}”的小数超过两位，无法按万元核对`);
      return;
    }
    const { index } = this.sentenceAt(run, figure.start);
    const base = {
      rule: binding.rule,
      section: run.section.definition.id,
      span: figure,
      sentence: index,
      printed: figure.printed,
      cells: target.cells,
    };
    const expected = `${toDecimalString(target.value)}${figure.kind === 'count' ? '' : '万元'}`;
    if (figure.kind === 'amount' && figure.unit === '元' && printed === target.value) {
      run.findings.push(
        this.finding({
          ...base,
          severity: 'warning',
          message: `${this.quote(run, figure)}：${binding.label} 写作“${figure.printed}”，单位应为万元（${expected}）。`,
          expected,
        }),
      );
      return;
    }
    const value = figure.kind === 'amount' && figure.unit === '元' ? Math.round(printed / 10_000) : printed;
    if (value !== target.value) {
      const alt = binding.term?.alt
        ?.map((a) => ({ a, r: this.inputs.amounts.of(a.value) }))
        .find(({ r }) => 'value' in r && r.value === value);
      if (alt) {
        run.findings.push(
          this.finding({
            ...base,
            severity: 'warning',
            message: `${this.quote(run, figure)}：写的是“${binding.label}”，但 ${figure.printed} 是${alt.a.says}；${binding.label}应为 ${expected}。请核对用词。`,
            expected,
          }),
        );
        return;
      }
      const diff = value - target.value;
      const unit = figure.kind === 'count' ? '' : ' 万元';
      const where = binding.source
        ? `${binding.source}为 ${toDecimalString(target.value)}${unit}`
        : `应为 ${expected}`;
      run.findings.push(
        this.finding({
          ...base,
          severity: 'error',
          message: `${this.quote(run, figure)}：${binding.label} ${figure.printed}，${where}，两处应一致，差额 ${diff > 0 ? '+' : ''}${toDecimalString(diff)}${unit}。`,
          expected,
          diff: toDecimalString(diff),
        }),
      );
      return;
    }
    if (binding.term?.atMost) {
      const bound = this.inputs.amounts.of(binding.term.atMost);
      if ('value' in bound && value > bound.value) {
        run.findings.push(
          this.finding({
            ...base,
            severity: 'warning',
            message: `${this.quote(run, figure)}：${binding.label} ${figure.printed} 大于 ${binding.term.atMost} ${toDecimalString(bound.value)} 万元。此为提示性审核，差异不一定是错误。`,
            expected: `≤ ${toDecimalString(bound.value)}万元`,
            cells: [...target.cells, ...bound.cells],
          }),
        );
      }
    }
  }

  /** A printed amount in hundredths of 万元 (元 figures as printed: their unit is judged separately), a count in hundredths. */
  private valueOf(figure: Figure): number | null {
    if (figure.kind === 'count') return Number(figure.scaled) * 100;
    return hundredthsOf(figure);
  }

  // ── percentages ────────────────────────────────────────────────────────────────────────

  private checkPercent(run: SectionRun, figure: Figure): void {
    const { span: sentence, index } = this.sentenceAt(run, figure.start);
    const nearStart = this.nearStart(run, figure, sentence);
    const near = this.text.slice(nearStart, figure.start).replace(/[ \u3000“"]+$/u, '');
    const before = [...run.bindings.values()]
      .filter((b) => b.figure.start >= sentence.start && b.figure.end <= figure.start)
      .sort((a, b) => a.figure.start - b.figure.start);
    const share = /占(.*?)的?$/u.exec(near);
    const direction = directionBefore(near);
    const ratio = matchTerm(
      this.termsAt(run.section, this.partAt(run.section, figure.start)).filter((t) => t.ratio),
      this.text,
      sentence,
      nearStart,
      figure,
    );
    if (/完成(?:年初)?预算(?:数)?的$/u.test(near)) this.checkCompletion(run, figure, index, before);
    else if (ratio) this.checkNamedRatio(run, figure, index, ratio.term);
    else if (direction) this.checkGrowth(run, figure, index, before, direction);
    else if (share) this.checkShare(run, figure, index, before, share[1]!.trim());
    else this.unchecked(run, figure, null, '看不出这个百分比是什么的比例');
  }

  /** "完成预算的 N%": the sentence's actual figure over its budget figure (or the table's). */
  private checkCompletion(run: SectionRun, figure: Figure, index: number, before: Binding[]): void {
    const actual = before.filter((b) => b.role === 'actual').at(-1);
    if (!actual) return this.unchecked(run, figure, null, '句中没有支出决算数，无法核对完成比例');
    // An actual that names its budget is compared with that one: 因公出国（境）费's, not the “三公”
    // total printed earlier in the same sentence.
    const own = actual.term?.budget;
    const budget = own
      ? (before.filter((b) => b.meaning === own).at(-1) ?? this.printedOrTable(run, own))
      : before.filter((b) => b.role === 'budget').at(-1);
    if (!budget) return this.unchecked(run, figure, null, '句中没有预算数，无法核对完成比例');
    this.judgeRatio(
      run,
      figure,
      index,
      actual.rule,
      `完成预算比例（${actual.label} ÷ ${budget.label}）`,
      actual,
      budget,
      1n,
    );
  }

  /** 决算数大于/小于/等于预算数 against the budget and actual figures printed before it in its paragraph. */
  private checkComparisons(run: SectionRun, body: Span): void {
    const bindings = [...run.bindings.values()].sort((a, b) => a.figure.start - b.figure.start);
    for (const claim of comparisonClaims(this.text, body)) {
      const paragraphStart = this.text.lastIndexOf('\n', claim.start) + 1;
      const before = bindings.filter((b) => b.figure.start >= paragraphStart && b.figure.end <= claim.start);
      const budget = before.filter((b) => b.role === 'budget').at(-1);
      const actual = before.filter((b) => b.role === 'actual').at(-1);
      const budgetValue = budget && this.valueOf(budget.figure);
      const actualValue = actual && this.valueOf(actual.figure);
      if (budgetValue == null || actualValue == null) continue;
      const sign = Math.sign(actualValue - budgetValue);
      if (sign === claim.says) continue;
      const index = this.sentenceAt(run, claim.start).index;
      run.findings.push(
        this.finding({
          rule: 'N03',
          severity: 'warning',
          section: run.section.definition.id,
          span: claim,
          sentence: index,
          message: `写的是决算数“${claim.word}”预算数，但决算 ${actual!.figure.printed}${comparisonWord(sign)}年初预算 ${budget!.figure.printed}。`,
          printed: claim.word,
          expected: comparisonWord(sign),
        }),
      );
    }
  }

  /** A percentage its words name as a ratio of two figures (实现绩效自评“100%”: 自评项目数 ÷ 项目总数). */
  private checkNamedRatio(run: SectionRun, figure: Figure, index: number, term: Term): void {
    const { numerator, denominator } = term.ratio!;
    const num = this.ratioPart(run, numerator);
    if ('reason' in num) return this.unchecked(run, figure, null, num.reason);
    const den = this.ratioPart(run, denominator);
    if ('reason' in den) return this.unchecked(run, figure, null, den.reason);
    this.judgeRatio(run, figure, index, term.rule, `${term.words?.at(-1) ?? term.key}比例`, num, den, 1n);
  }

  /** A term of the section (as printed, else its target) or a field `补充信息.X`, as a ratio's part. */
  private ratioPart(run: SectionRun, part: string): RatioPart | { reason: string } {
    const field = /^补充信息\.(.+)$/u.exec(part)?.[1];
    if (field) {
      const value = this.supplementary(field);
      return 'value' in value ? { label: this.supplementaryLabel(field), value: value.value } : value;
    }
    return this.printedOrTable(run, part) ?? { reason: `说明中没有写出“${part}”，公开表中也没有这个数` };
  }

  /** "增长/下降 N%": the change printed before it over last year's figure (this year's minus the change). */
  private checkGrowth(
    run: SectionRun,
    figure: Figure,
    index: number,
    before: Binding[],
    direction: NonNullable<ReturnType<typeof directionBefore>>,
  ): void {
    const change = before.filter((b) => b.change).at(-1);
    if (!change) return this.unchecked(run, figure, null, '句中没有增减额，无法核对增减率');
    const current = this.printedOrTable(run, change.meaning);
    if (!current) return this.unchecked(run, figure, change, '不知道本年数，无法核对增减率');
    if (change.change!.sign !== direction.sign) {
      run.findings.push(
        this.finding({
          rule: 'N03',
          severity: 'warning',
          section: run.section.definition.id,
          span: figure,
          sentence: index,
          message: `${this.quote(run, figure)}：前面写“${change.change!.word}”，这里写“${direction.word}”，增减方向前后不一致。`,
          printed: direction.word,
          expected: change.change!.sign > 0 ? '增长' : '下降',
        }),
      );
    }
    const delta = this.valueOf(change.figure)!;
    const prior = current.value - change.change!.sign * delta;
    const label = `${change.term?.words?.at(-1) ?? change.meaning}增减率（增减额 ÷ 上年数）`;
    if (prior <= 0) {
      run.findings.push(
        this.finding({
          rule: change.rule,
          severity: 'warning',
          section: run.section.definition.id,
          span: figure,
          sentence: index,
          message: `${this.quote(run, figure)}：上年数为 ${toDecimalString(prior)} 万元（本年 ${toDecimalString(current.value)} ${change.change!.sign > 0 ? '−' : '+'} 增减额 ${change.figure.printed}），不能计算${label.replace(/（.*$/u, '')}，应删去这个百分比。`,
          printed: figure.printed,
          expected: null,
        }),
      );
      return;
    }
    this.judgeRatio(
      run,
      figure,
      index,
      this.set.growthRule ?? change.rule,
      label,
      { label: change.label, value: delta },
      { label: '上年数', value: prior },
      2n,
      current.value,
    );
  }

  /** "占……的 N%": the last amount before it over the base the words name (or the section's share base). */
  private checkShare(
    run: SectionRun,
    figure: Figure,
    index: number,
    before: Binding[],
    baseWords: string,
  ): void {
    const numerator = before.filter((b) => b.figure.kind === 'amount').at(-1);
    const shareBase =
      this.partAt(run.section, figure.start).definition.shareBase ?? run.section.definition.shareBase;
    const base = baseWords ? this.baseByWords(run, figure, baseWords) : this.printedOrTable(run, shareBase);
    if (!numerator) return this.unchecked(run, figure, null, '句中没有这个比例的分子');
    if (!base)
      return this.unchecked(
        run,
        figure,
        numerator,
        baseWords ? `不知道“${baseWords}”是哪个数` : '不知道这个比例的基数',
      );
    this.judgeRatio(
      run,
      figure,
      index,
      this.set.shareRule ?? numerator.rule,
      `${numerator.label}占${base.label}的比例`,
      numerator,
      base,
      1n,
    );
  }

  /** The first figure the section prints for a term, else the table's amount for it. */
  private printedOrTable(
    run: SectionRun,
    key: string | undefined,
  ): (Pick<Binding, 'label'> & { value: number; figure?: Figure; cells: FindingCell[] }) | null {
    if (!key) return null;
    const printed = [...run.bindings.values()].find((b) => b.meaning === key && !b.change);
    if (printed) {
      const value = this.valueOf(printed.figure);
      if (value !== null) return { label: printed.label, value, figure: printed.figure, cells: [] };
    }
    const term = [
      ...(run.section.definition.terms ?? []),
      ...run.section.parts.flatMap((p) => p.definition.terms ?? []),
    ].find((t) => t.key === key);
    const target = term ? this.termTarget(term) : null;
    return target && 'value' in target
      ? { label: term!.words?.at(-1) ?? key, value: target.value, cells: target.cells }
      : null;
  }

  /** 占支出合计的…: the term whose words the base names. */
  private baseByWords(run: SectionRun, figure: Figure, words: string) {
    const terms = this.termsAt(run.section, this.partAt(run.section, figure.start)).filter(
      (t) => t.words && !t.count && t.words.every((w) => words.includes(w)),
    );
    terms.sort((a, b) => b.words!.join('').length - a.words!.join('').length);
    return terms[0] ? this.printedOrTable(run, terms[0].key) : null;
  }

  private judgeRatio(
    run: SectionRun,
    figure: Figure,
    sentence: number,
    rule: string,
    label: string,
    numerator: { figure?: Figure; value?: number; label: string },
    denominator: { figure?: Figure; value?: number; label: string },
    denSlack: bigint,
    wrongBase?: number,
  ): void {
    const num = numerator.value ?? (numerator.figure ? this.valueOf(numerator.figure) : null);
    const den = denominator.value ?? (denominator.figure ? this.valueOf(denominator.figure) : null);
    if (num === null || den === null || num === undefined || den === undefined)
      return this.unchecked(run, figure, null, '比例的分子或分母无法读出');
    this.markChecked(run, figure, rule, label);
    const base = {
      rule,
      section: run.section.definition.id,
      span: figure,
      sentence,
      printed: figure.printed,
      cells: [] as FindingCell[],
    };
    if (den === 0) {
      // 0 of 0 printed as 0.00% (S23's convention) is not wrong; any other figure has no base.
      if (num === 0 && figure.scaled === 0n) return;
      run.findings.push(
        this.finding({
          ...base,
          severity: 'warning',
          message: `${this.quote(run, figure)}：${label}的基数为 0，不能计算百分比，应删去这个百分比。`,
          expected: null,
        }),
      );
      return;
    }
    const verdict = judgePercent(figure.scaled, figure.decimals, BigInt(num), BigInt(den), 1n, denSlack);
    if (verdict !== 'wrong') return;
    const decimals = Math.max(figure.decimals, 2);
    const expected = `${scaledText(roundedPercent(BigInt(num), BigInt(den), decimals), decimals)}%`;
    let message = `${this.quote(run, figure)}：${label}为 ${toDecimalString(num)} ÷ ${toDecimalString(den)} = ${expected}，说明中写 ${figure.printed}。`;
    if (
      wrongBase !== undefined &&
      wrongBase !== 0 &&
      judgePercent(figure.scaled, figure.decimals, BigInt(num), BigInt(wrongBase)) !== 'wrong'
    ) {
      message += '写的数是按本年数而不是上年数计算的。';
    }
    run.findings.push(this.finding({ ...base, severity: 'error', message, expected }));
  }

  // ── sums, absences, the whole text ─────────────────────────────────────────────────────

  private checkSums(run: SectionRun): void {
    for (const sum of [run.section, ...run.section.parts].flatMap((p) => p.definition.sums ?? [])) {
      const first = (key: string) => [...run.bindings.values()].find((b) => b.meaning === key && !b.change);
      const total = first(sum.total);
      const parts = sum.parts.map(first);
      if (!total || parts.some((p) => !p)) continue;
      const values = parts.map((p) => this.valueOf(p!.figure));
      const totalValue = this.valueOf(total.figure);
      if (totalValue === null || values.some((v) => v === null)) continue;
      const added = values.reduce((a, b) => a! + b!, 0)!;
      const diff = totalValue - added;
      if (diff === 0) continue;
      const counted = total.figure.kind === 'count';
      const nonZero = values.filter((v) => v !== 0).length;
      const tolerance = counted ? 0 : Math.ceil((nonZero + 1) / 2) - 1;
      const severity: Severity = Math.abs(diff) <= tolerance ? 'rounding' : 'error';
      const unit = counted ? '' : ' 万元';
      const show = (v: number) => (counted ? String(v / 100) : toDecimalString(v));
      const terms = parts.map((p) => `${p!.label} ${p!.figure.printed}`).join(' + ');
      let message = `${this.quote(run, total.figure)}：${total.label} ${total.figure.printed}，${terms} = ${show(added)}${unit}，差额 ${diff > 0 ? '+' : ''}${show(diff)}${unit}。`;
      if (severity === 'rounding')
        message += `差额在尾差允许范围（±${toDecimalString(tolerance)} 万元）内，属四舍五入尾差。`;
      run.findings.push(
        this.finding({
          rule: sum.rule,
          severity,
          section: run.section.definition.id,
          span: total.figure,
          sentence: this.sentenceAt(run, total.figure.start).index,
          message,
          printed: total.figure.printed,
          expected: show(added),
          diff: show(diff),
          key: `sum|${sum.total}|${sum.parts.join('+')}`,
        }),
      );
    }
  }

  private checkAbsence(run: SectionRun): void {
    const absence = run.section.definition.absence;
    if (!absence) return;
    const at = this.text.indexOf(absence.phrase, run.section.bodyStart);
    if (at < 0 || at >= run.section.end) return;
    for (const expression of absence.zero) {
      const amount = this.inputs.amounts.of(expression);
      if ('reason' in amount) {
        this.notChecked.push({
          key: `narrative|${absence.rule}|${run.section.definition.id}|${expression}`,
          ruleId: absence.rule,
          title: this.set.rules[absence.rule] ?? absence.rule,
          table: null,
          reason: amount.reason,
          location: this.location(run.section.definition.id, 0, {
            start: at,
            end: at + absence.phrase.length,
          }),
        });
        continue;
      }
      if (amount.value === 0) continue;
      run.findings.push(
        this.finding({
          rule: absence.rule,
          severity: 'error',
          section: run.section.definition.id,
          span: { start: at, end: at + absence.phrase.length },
          sentence: this.sentenceAt(run, at).index,
          message: `情况说明“${run.section.title}”称“${absence.phrase}…”，但${expression}为 ${toDecimalString(amount.value)} 万元。`,
          printed: absence.phrase,
          expected: toDecimalString(amount.value),
          cells: amount.cells,
          key: expression,
        }),
      );
    }
  }

  private checkWholeText(sections: Section<SectionDefinition>[]): void {
    const sectionAt = (at: number) => sections.find((s) => at >= s.start && at < s.end)?.definition.id ?? '';
    for (const placeholder of this.set.placeholders) {
      for (
        let at = this.text.indexOf(placeholder);
        at >= 0;
        at = this.text.indexOf(placeholder, at + placeholder.length)
      ) {
        this.findings.push(
          this.finding({
            rule: 'N02',
            severity: 'warning',
            section: sectionAt(at),
            span: { start: at, end: at + placeholder.length },
            sentence: 0,
            message: `情况说明中留有模板文字“${placeholder}”，请改为本部门的实际情况。`,
            printed: placeholder,
            expected: null,
          }),
        );
      }
    }
    const year = this.inputs.year;
    if (year !== null) {
      for (const match of this.text.matchAll(/(?<!\d)(\d{4})年/gu)) {
        const printed = Number(match[1]);
        const lead = this.text.slice(Math.max(0, match.index - 2), match.index);
        const priorAllowed =
          this.set.priorYearAfter === undefined || this.set.priorYearAfter.some((w) => lead.endsWith(w));
        if (printed === year || (printed === year - 1 && priorAllowed)) continue;
        const span = { start: match.index, end: match.index + match[0].length };
        this.findings.push(
          this.finding({
            rule: 'N01',
            severity: 'warning',
            section: sectionAt(span.start),
            span,
            sentence: 0,
            message: `情况说明中写“${match[0]}”，报表年度为 ${year} 年${printed === year - 1 ? '（上年只在与上年比较时出现）' : ''}，请核对年份。`,
            printed: match[0],
            expected: `${year}年`,
          }),
        );
      }
    }
    // The items of 五（三） are numbered-checked with their enumeration (E10), in its own terms.
    const itemParts = sections
      .flatMap((s) => [s, ...s.parts])
      .filter((part) => part.definition.enumerate === 'items');
    for (const problem of numberingProblems(this.text)) {
      if (itemParts.some((part) => problem.start >= part.bodyStart && problem.start < part.end)) continue;
      this.findings.push(
        this.finding({
          rule: 'N06',
          severity: 'warning',
          section: sectionAt(problem.start),
          span: problem,
          sentence: 0,
          message: problem.repeated
            ? `情况说明中编号“${problem.printed}”重复，应为“${problem.expected}”。`
            : `情况说明中编号“${problem.printed}”不连续，此处应为“${problem.expected}”。`,
          printed: problem.printed,
          expected: problem.expected,
        }),
      );
    }
    // 占100 without %: a share whose sign was lost is read as an amount by nobody, so it is flagged.
    for (const match of this.text.matchAll(
      /占(?!用)[^，。；：、\n\d%％]{0,16}?(\d+(?:\.\d+)?)(?![\d.%％万元个])/gu,
    )) {
      const start = match.index + match[0].length - match[1]!.length;
      const span = { start, end: start + match[1]!.length };
      this.findings.push(
        this.finding({
          rule: 'N04',
          severity: 'warning',
          section: sectionAt(start),
          span,
          sentence: 0,
          message: `情况说明中“${match[0]}”的百分比缺少 % 号。`,
          printed: match[1]!,
          expected: `${match[1]}%`,
        }),
      );
    }
  }

  // ── findings and reports ───────────────────────────────────────────────────────────────

  private isWording(figure: Figure): boolean {
    return this.set.wording.some((w) => {
      const at = w.indexOf(figure.printed);
      return at >= 0 && this.text.startsWith(w, figure.start - at);
    });
  }

  private report(
    section: Section<SectionDefinition>,
    figure: Figure,
    rule: string | null,
    meaning: string | null,
    status: FigureStatus,
    reason?: string,
  ): FigureReport {
    return {
      section: section.definition.id,
      start: figure.start,
      end: figure.end,
      printed: figure.printed,
      kind: figure.kind,
      rule,
      meaning,
      status,
      ...(reason ? { reason } : {}),
    };
  }

  private markChecked(run: SectionRun, figure: Figure, rule: string, meaning: string): void {
    run.reports.set(figure, this.report(run.section, figure, rule, meaning, 'checked'));
  }

  private unchecked(run: SectionRun, figure: Figure, binding: Binding | null, reason: string): void {
    const rule = binding?.rule ?? 'N00';
    run.reports.set(
      figure,
      this.report(run.section, figure, binding?.rule ?? null, binding?.meaning ?? null, 'notChecked', reason),
    );
    run.notChecked.push({
      key: `narrative|${rule}|${figure.start}`,
      ruleId: rule,
      title: this.set.rules[rule] ?? '情况说明中的数字',
      table: null,
      reason: `${this.quote(run, figure)}：${reason}`,
      location: this.location(run.section.definition.id, this.sentenceAt(run, figure.start).index, figure),
    });
  }

  /**
   * The figure with the words before it that say what it is: from its clause's start, at most
   * QUOTE_LEAD characters. Cut short, the words start after a 、 of a list, or else not inside a
   * number: “9万元、工程采购金额0万元” would read as a figure the text does not have.
   */
  private quote(run: SectionRun, figure: Figure): string {
    const { span } = this.sentenceAt(run, figure.start);
    const part = this.partAt(run.section, figure.start);
    const clauseStart = Math.max(span.start, part.bodyStart);
    const from = Math.max(clauseStart, figure.start - QUOTE_LEAD);
    const words = this.text.slice(from, figure.start);
    let lead = words.replace(/^.*[，；：]/u, '');
    if (lead === words && from > clauseStart)
      lead = lead.includes('、')
        ? lead.slice(lead.indexOf('、') + 1)
        : lead.replace(/^[\d.,]*[%％]?\s*/u, '');
    return `“${part.definition.id}”中“${lead}${figure.printed}”`;
  }

  private location(section: string, sentence: number, span: Span) {
    return { kind: 'narrative' as const, section, sentence, start: span.start, end: span.end };
  }

  finding(f: {
    rule: string;
    severity: Severity;
    section: string;
    span: Span;
    sentence: number;
    message: string;
    printed: string | null;
    expected: string | null;
    cells?: FindingCell[];
    diff?: string | null;
    key?: string;
  }): Finding {
    return {
      key: `narrative|${f.rule}|${f.section}|${f.span.start}|${f.key ?? ''}`,
      ruleId: f.rule,
      severity: f.severity,
      title: this.set.rules[f.rule] ?? f.rule,
      message: f.message,
      location: this.location(f.section, f.sentence, f.span),
      table: null,
      cells: f.cells ?? [],
      expected: f.expected,
      actual: f.printed,
      diff: f.diff ?? null,
      printed: f.printed,
    };
  }
}

export type FindingFactory = NarrativeCheck['finding'];
