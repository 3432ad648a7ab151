/**
 * The 情况说明 as the window edits it: one block per section (its title, then its body in a text
 * box), and the text before the first section as a block of its own. Joining the blocks gives the
 * text back exactly, so editing one body changes nothing else. Marks of the checker are cut into
 * segments of a block's body, each with the figure and the findings it lies in.
 */
import type { Finding } from '../../shared/engine/findings';
import type { Severity } from '../../shared/engine/recalc';
import type { FigureReport, NarrativeReport } from '../../shared/narrative/check';
import type { NarrativeSet } from '../../shared/narrative/definitions';
import { splitSections } from '../../shared/narrative/sections';
import { narrativeFromPlainText } from '../../shared/narrative/text';
import type { Change } from './narrativeChanges';

export interface Block {
  /** The section's id (一, 二 …); '' for the text before the first section or a text without sections. */
  id: string;
  /** The title as printed ('' for the text before the sections). */
  title: string;
  /** What separates the title from its body: a paragraph break, or nothing where the title is glued to it. */
  sep: string;
  body: string;
  /** Where the body starts in the text. */
  bodyStart: number;
  /** The text between this block and the next (the paragraph break). */
  after: string;
}

const trimmedEnd = (text: string, end: number) => {
  let e = end;
  while (e > 0 && /\s/u.test(text[e - 1]!)) e--;
  return e;
};

export function blocksOf(text: string, sections: NarrativeReport['sections']): Block[] {
  if (sections.length === 0) return [{ id: '', title: '', sep: '', body: text, bodyStart: 0, after: '' }];
  const blocks: Block[] = [];
  const first = sections[0]!.start;
  if (first > 0) {
    const end = trimmedEnd(text, first);
    blocks.push({
      id: '',
      title: '',
      sep: '',
      body: text.slice(0, end),
      bodyStart: 0,
      after: text.slice(end, first),
    });
  }
  sections.forEach((s, i) => {
    const titleEnd = s.start + s.title.length;
    const sep = text[titleEnd] === '\n' ? '\n' : '';
    const next = sections[i + 1]?.start ?? text.length;
    blocks.push({
      id: s.id,
      title: s.title,
      sep,
      body: text.slice(titleEnd + sep.length, s.end),
      bodyStart: titleEnd + sep.length,
      after: text.slice(s.end, next),
    });
  });
  return blocks;
}

export function composeBlocks(blocks: readonly Block[]): string {
  return blocks.map((b) => b.title + b.sep + b.body + b.after).join('');
}

/** The text as the workbook holds it once set (blank lines and edge spaces dropped). */
export function normalizedText(text: string): string {
  return narrativeFromPlainText(text).text;
}

/** A piece of a block's body with what the checker says of it. */
export interface Segment {
  start: number;
  end: number;
  text: string;
  figure: FigureReport | null;
  /** Findings on the figure itself. */
  figureFindings: Finding[];
  /** Findings on a stretch of words this piece lies in (a missing item, a placeholder). */
  textFindings: Finding[];
  /** The change of the last 生成 this piece lies in, or null. */
  change: Change | null;
}

type Span = { start: number; end: number };
const spanOf = (f: Finding): Span | null => (f.location.kind === 'narrative' ? f.location : null);

/** The body of a block cut where a figure, a finding or a change of the last 生成 starts or ends. */
export function segmentsOf(
  text: string,
  body: Span,
  figures: readonly FigureReport[],
  findings: readonly Finding[],
  changes: readonly Change[] = [],
): Segment[] {
  const inside = <T extends Span>(s: T) => s.start < body.end && s.end > body.start;
  const own = figures.filter(inside);
  const located = findings.flatMap((f) => {
    const span = spanOf(f);
    return span &&
      (inside(span) || (span.start === span.end && span.start >= body.start && span.start < body.end))
      ? [{ f, span }]
      : [];
  });
  const onFigure = (figure: FigureReport) =>
    located.filter(({ span }) => span.start === figure.start && span.end === figure.end).map(({ f }) => f);
  const loose = located.filter(({ span }) => !own.some((g) => g.start === span.start && g.end === span.end));
  const changed = changes.filter(inside);
  const cuts = new Set([body.start, body.end]);
  for (const s of [...own, ...loose.map((l) => l.span), ...changed]) {
    cuts.add(Math.max(body.start, Math.min(body.end, s.start)));
    cuts.add(Math.max(body.start, Math.min(body.end, s.end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    const figure = own.find((g) => g.start <= start && end <= g.end) ?? null;
    segments.push({
      start,
      end,
      text: text.slice(start, end),
      figure,
      figureFindings: figure ? onFigure(figure) : [],
      textFindings: loose.filter(({ span }) => span.start <= start && end <= span.end).map(({ f }) => f),
      change: changed.find((c) => c.start <= start && end <= c.end) ?? null,
    });
  }
  return segments;
}

const RANK: Record<Severity, number> = { error: 0, rounding: 1, warning: 2 };

/** The most serious severity of some findings, or null. */
export function worst(findings: readonly Finding[]): Severity | null {
  return findings.reduce<Severity | null>(
    (w, f) => (w === null || RANK[f.severity] < RANK[w] ? f.severity : w),
    null,
  );
}

/**
 * Where generated wording leaves a reason or a description to the user (【请填写原因】, 【请填写资金用途】 …;
 * the sets' placeholders, not the 补充信息 ones).
 */
const USER_SLOT = /【请填写(?!补充信息)[^】]*】/gu;
/** How many of the fixed words before a slot find its place in the old text (主要原因是). */
const LEAD = 6;

/**
 * A section as generated, with the user's own words put back where the generated text leaves a
 * slot for them: each slot takes what the old text says after the same words (…主要原因是) up to
 * the same punctuation, in order; a slot the old text did not fill stays.
 */
export function keepUserWords(old: string, written: string): string {
  let from = 0;
  return written.replace(USER_SLOT, (slot: string, offset: number) => {
    // The fixed words just before the slot, without the figures (which may have changed).
    const lead = written.slice(Math.max(0, offset - LEAD), offset).replace(/^.*[\d%】]/u, '');
    const close = written[offset + slot.length] ?? '\n';
    const at = lead === '' ? -1 : old.indexOf(lead, from);
    if (at < 0) return slot;
    const start = at + lead.length;
    const end = old.indexOf(close, start);
    const words = old.slice(start, end < 0 ? old.length : end);
    if (words.trim() === '' || words.includes('\n') || /【请填写/u.test(words)) return slot;
    from = start + words.length;
    return words;
  });
}

/**
 * The text as generated, for one section (id) or the whole: a section generated alone replaces that
 * section where the text has it, else goes in its place in the set's order, the rest of the text
 * as the user wrote it; every section keeps the user's own words (keepUserWords).
 */
export function withGenerated(
  current: string,
  generated: string,
  id: string | null,
  set: NarrativeSet,
): string {
  const old = splitSections(current, set.sections).sections;
  const written = splitSections(generated, set.sections).sections;
  const kept = (piece: (typeof written)[number]) => {
    const text = generated.slice(piece.start, piece.end);
    const before = old.find((s) => s.definition.id === piece.definition.id);
    return before ? keepUserWords(current.slice(before.start, before.end), text) : text;
  };
  if (id === null) {
    let out = generated;
    // From the end, so that the earlier sections' places stay right.
    for (const piece of [...written].reverse())
      out = out.slice(0, piece.start) + kept(piece) + out.slice(piece.end);
    return out;
  }
  const piece = written.find((s) => s.definition.id === id);
  if (!piece) return current;
  const text = kept(piece);
  const at = old.find((s) => s.definition.id === id);
  if (at) return current.slice(0, at.start) + text + current.slice(at.end);
  const order = set.sections.map((s) => s.id);
  const before = old.filter((s) => order.indexOf(s.definition.id) < order.indexOf(id)).at(-1);
  if (before) return `${current.slice(0, before.end)}\n${text}${current.slice(before.end)}`;
  const after = old[0];
  if (after) return `${current.slice(0, after.start)}${text}\n${current.slice(after.start)}`;
  return `${current}\n${text}`;
}
