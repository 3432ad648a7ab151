/**
 * The 情况说明 tab: each section with its title, its text in a text box (typing, Chinese input,
 * paste of plain text with its paragraphs) and beside it the same text as checked, every figure
 * the checker bound marked: right, mismatched (red) or 未核对 (grey), with the rule, the cells and
 * what was expected in its tooltip. Clicking a marked figure selects the cell it was compared
 * with. A burst of typing is one command of the workbook history, so Ctrl+Z takes it back whole.
 * After 生成 the places it changed are marked, with the words they replaced, until the next edit.
 */
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { cellKey, type CellRef, type Finding } from '../../shared/engine/findings';
import { NARRATIVE_EXTENSIONS } from '../../shared/io/formats';
import type { FigureReport } from '../../shared/narrative/check';
import { generateForWorkbook } from '../../shared/narrative/generate';
import { sentencesOf } from '../../shared/narrative/text';
import { host } from '../host';
import { findingMessage } from '../model/display';
import { message } from '../model/message';
import {
  blocksOf,
  composeBlocks,
  normalizedText,
  segmentsOf,
  withGenerated,
  worst,
  type Block,
  type Segment,
} from '../model/narrativeBlocks';
import { generatedMessage, sectionChanges, type Change } from '../model/narrativeChanges';
import type { Session } from '../model/session';
import { SupplementaryForm } from './SupplementaryForm';

/** How long typing may pause and still be one step of the history. */
const BURST_MS = 700;

/** A place in the text to show (a finding of the audit panel), new each time it is asked for. */
export interface NarrativeTarget {
  start: number;
  end: number;
  nonce: number;
}

interface Props {
  session: Session;
  focus(ref: CellRef): void;
  target: NarrativeTarget | null;
}

interface Draft {
  /** The workbook's text the blocks were made from (or that the last commit made it). */
  base: string;
  blocks: Block[];
}

export function NarrativeView({ session, focus, target }: Props) {
  const version = useSyncExternalStore(session.subscribe, session.getVersion);
  const workbook = session.workbook;
  const describe = (f: Finding) => findingMessage(f, session.display);
  const committed = workbook.narrativeText?.text ?? '';
  const report = workbook.narrativeReport;
  const draft = useDraft(session);
  const checkedBlocks = useMemo(() => blocksOf(committed, report?.sections ?? []), [committed, report]);
  // The workbook changes in place; `version` says that it changed.
  const narrativeFindings = useMemo(
    () => workbook.findings().filter((f) => f.location.kind === 'narrative'),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [workbook, version],
  );
  const [opened, setOpened] = useState<Opened | null>(null);
  useOpenTarget(target, committed, setOpened);
  // What the last 生成 changed, for the text it made: any other text (an edit, undo) ends the marks.
  const [marks, setMarks] = useState<{ text: string; changes: Change[] } | null>(null);
  if (marks && marks.text !== committed) setMarks(null);
  const changes = marks?.text === committed ? marks.changes : [];

  const set = session.narrativeSet;
  const writable = new Set(set?.sections.filter((s) => s.write).map((s) => s.id) ?? []);
  const generate = (id: string | null) => {
    draft.commit();
    const generated = generateForWorkbook(workbook);
    if (!generated || !set) return session.say('本报表的模板没有情况说明的写法', true);
    const text = normalizedText(withGenerated(committed, generated.text, id, set));
    const sections = sectionChanges(committed, text, set);
    if (sections.length > 0) {
      session.dispatch({ kind: 'setNarrative', narrative: { text } });
      setMarks({ text, changes: sections.flatMap((s) => s.changes) });
    }
    session.say(generatedMessage(id, sections));
  };
  const clickSegment = (segment: Segment) => {
    const refs = [
      ...(segment.figure?.cells ?? []),
      ...[...segment.figureFindings, ...segment.textFindings].flatMap((f) =>
        f.cells.flatMap((c) => (c.ref ? [c.ref] : [])),
      ),
    ];
    const cells = [...new Map(refs.map((r) => [cellKey(r), r])).values()];
    if (!cells[0]) return session.say('这个数没有对应的单元格');
    // The grid selects one block, not scattered cells: the first is focused and the others listed.
    focus(cells[0]);
    if (cells.length > 1)
      session.say(
        `这个数与 ${cells.length} 个单元格核对，已定位到第一个；其余：${cells
          .slice(1)
          .map((r) => workbook.explain(r).name)
          .join('；')}`,
      );
  };

  return (
    <section className="bd-narrative" aria-label="情况说明" data-version={version}>
      <header className="bd-narrative-bar">
        <h1>情况说明</h1>
        <NarrativeFileButtons session={session} />
        {writable.size > 0 && (
          <button type="button" onClick={() => generate(null)} title="按表中数字和补充信息重写全文（可撤销）">
            生成全文
          </button>
        )}
        <span className="bd-narrative-legend">
          <span className="bd-fig bd-fig-ok">已核对</span>
          <span className="bd-fig bd-fig-error">不一致</span>
          <span className="bd-fig bd-fig-unchecked">未核对</span>
        </span>
      </header>
      {set && <SupplementaryForm session={session} set={set} />}
      <div className="bd-narrative-body">
        {draft.blocks.map((block, index) => {
          const checked = checkedBlocks.find((b, i) => b.id === block.id && (b.id !== '' || i === index));
          return (
            <SectionView
              key={`${block.id}|${index}`}
              block={block}
              heading={block.title || (index === 0 && draft.blocks.length > 1 ? '标题' : '正文')}
              checked={checked ?? null}
              text={committed}
              figures={report?.figures ?? []}
              findings={checked ? findingsIn(narrativeFindings, checked) : []}
              changes={changes}
              opened={opened}
              describe={describe}
              onEdit={(body) => draft.edit(index, body)}
              onLeave={draft.leave}
              onComposing={draft.composing}
              onGenerate={writable.has(block.id) ? () => generate(block.id) : null}
              onClickSegment={clickSegment}
            />
          );
        })}
      </div>
    </section>
  );
}

type Span = { start: number; end: number };
/** The sentence a finding of the audit panel opened; `nonce` tells one request from the next. */
type Opened = Span & { nonce: number };

/** The findings of a block: those starting in its title or its body. */
function findingsIn(findings: Finding[], block: Block): Finding[] {
  const from = block.bodyStart - block.sep.length - block.title.length;
  const to = block.bodyStart + block.body.length;
  return findings.filter((f) => {
    const at = (f.location as Span).start;
    return at >= from && at < to;
  });
}

/**
 * The text boxes' content: made from the workbook's text, kept as typed while the user types (the
 * workbook holds it without blank lines), given to the workbook as one command per burst of typing.
 */
function useDraft(session: Session) {
  const { workbook } = session;
  const committed = workbook.narrativeText?.text ?? '';
  const sections = workbook.narrativeReport?.sections ?? [];
  const [draft, setDraft] = useState<Draft>(() => ({
    base: committed,
    blocks: blocksOf(committed, sections),
  }));
  let shown = draft;
  // The text changed from outside (undo, import, generation): the boxes show it anew.
  if (draft.base !== committed) {
    shown = { base: committed, blocks: blocksOf(committed, sections) };
    setDraft(shown);
  }
  const latest = useRef(shown);
  useLayoutEffect(() => {
    latest.current = shown;
  });
  const timer = useRef<number | null>(null);
  const composing = useRef(false);

  const commit = useCallback(() => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = null;
    const text = composeBlocks(latest.current.blocks);
    if (normalizedText(text) === latest.current.base) return;
    // Set before the command, whose notification redraws at once: the boxes keep what was typed.
    latest.current = { ...latest.current, base: normalizedText(text) };
    setDraft(latest.current);
    session.dispatch({ kind: 'setNarrative', narrative: { text } });
  }, [session]);
  useEffect(() => session.holdEdits(commit), [session, commit]);
  useEffect(() => commit, [commit]);

  const schedule = () => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      if (!composing.current) commit();
    }, BURST_MS);
  };
  return {
    blocks: shown.blocks,
    commit,
    edit: (index: number, body: string) => {
      latest.current = {
        ...latest.current,
        blocks: latest.current.blocks.map((b, i) => (i === index ? { ...b, body } : b)),
      };
      setDraft(latest.current);
      schedule();
    },
    // Leaving a box ends the burst; a title typed or removed there makes the sections anew.
    leave: () => {
      commit();
      const text = workbook.narrativeText?.text ?? '';
      const now = blocksOf(text, workbook.narrativeReport?.sections ?? []);
      if (now.map((b) => b.id).join() !== latest.current.blocks.map((b) => b.id).join())
        setDraft({ base: text, blocks: now });
    },
    // An input method's composition is not a pause in the typing: the burst ends after it.
    composing: (on: boolean) => {
      composing.current = on;
      if (!on) schedule();
    },
  };
}

/** One section: its title, its text box and its text as checked. */
function SectionView({
  block,
  heading,
  checked,
  text,
  figures,
  findings,
  changes,
  opened,
  describe,
  onEdit,
  onLeave,
  onComposing,
  onGenerate,
  onClickSegment,
}: {
  block: Block;
  heading: string;
  /** The same section in the workbook's text, or null. */
  checked: Block | null;
  text: string;
  figures: FigureReport[];
  findings: Finding[];
  changes: Change[];
  opened: Opened | null;
  describe(finding: Finding): string;
  onEdit(body: string): void;
  onLeave(): void;
  onComposing(on: boolean): void;
  onGenerate: (() => void) | null;
  onClickSegment(segment: Segment): void;
}) {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const body = checked ? { start: checked.bodyStart, end: checked.bodyStart + checked.body.length } : null;
  return (
    <article className="bd-narr-section" data-section={block.id}>
      <h2>
        {heading}
        {errors > 0 && <span className="bd-badge bd-badge-error">{errors}</span>}
        {onGenerate && (
          <button
            type="button"
            className="bd-narr-generate"
            onClick={onGenerate}
            title="按表中数字和补充信息重写本节（保留已填写的原因，可撤销）"
          >
            生成本节
          </button>
        )}
      </h2>
      <BodyEditor
        value={block.body}
        label={block.title || '情况说明'}
        onChange={onEdit}
        onBlur={onLeave}
        onComposing={onComposing}
        selection={opened && checked && block.body === checked.body ? offsetsIn(checked, opened) : null}
        opened={opened?.nonce ?? 0}
      />
      <div className="bd-narr-checked" aria-label={`${heading}（核对）`}>
        {body &&
          segmentsOf(text, body, figures, findings, changes).map((s) => (
            <SegmentView
              key={s.start}
              segment={s}
              opened={opened}
              describe={describe}
              onClick={() => onClickSegment(s)}
            />
          ))}
      </div>
    </article>
  );
}

/** The opened sentence's offsets in a block's body, if it is in the block. */
function offsetsIn(
  block: Block,
  span: { start: number; end: number },
): { start: number; end: number } | null {
  const end = block.bodyStart + block.body.length;
  if (span.start < block.bodyStart || span.start >= end) return null;
  return { start: span.start - block.bodyStart, end: Math.min(span.end, end) - block.bodyStart };
}

/** A finding asked for from the audit panel opens its sentence: marked, scrolled to and selected. */
function useOpenTarget(
  target: NarrativeTarget | null,
  text: string,
  setOpened: (span: Opened | null) => void,
) {
  useEffect(() => {
    if (!target) return;
    const paragraphStart = text.lastIndexOf('\n', target.start - 1) + 1;
    const paragraphEnd = text.indexOf('\n', target.start);
    const paragraph = { start: paragraphStart, end: paragraphEnd < 0 ? text.length : paragraphEnd };
    const sentence = sentencesOf(text, paragraph).find(
      (s) => s.start <= target.start && target.start < s.end,
    );
    setOpened({ ...(sentence ?? target), nonce: target.nonce });
    // Only when asked again (a new nonce), not when the text changes under it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [target]);
}

/** A section's body as a growing text box. */
function BodyEditor({
  value,
  label,
  onChange,
  onBlur,
  onComposing,
  selection,
  opened,
}: {
  value: string;
  label: string;
  onChange(value: string): void;
  onBlur(): void;
  onComposing(on: boolean): void;
  selection: { start: number; end: number } | null;
  /** The request that opened a sentence: only a new one takes the keyboard and selects. */
  opened: number;
}) {
  const ref = useRef<HTMLTextAreaElement>(null);
  useLayoutEffect(() => {
    const box = ref.current;
    if (!box) return;
    box.style.height = 'auto';
    box.style.height = `${box.scrollHeight + 2}px`;
  }, [value]);
  useEffect(() => {
    const box = ref.current;
    if (!box || !selection) return;
    box.focus({ preventScroll: true });
    box.setSelectionRange(selection.start, selection.end);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened]);
  return (
    <textarea
      ref={ref}
      className="bd-narr-edit"
      // Ctrl+Z and Ctrl+Y here are the workbook's undo and redo (useWindowActions).
      data-history="workbook"
      aria-label={label}
      value={value}
      spellCheck={false}
      onChange={(e) => onChange(e.target.value)}
      onBlur={onBlur}
      onCompositionStart={() => onComposing(true)}
      onCompositionEnd={() => onComposing(false)}
    />
  );
}

/** A piece of checked text: plain, a marked figure or words a finding is about. */
function SegmentView({
  segment,
  opened,
  describe,
  onClick,
}: {
  segment: Segment;
  opened: { start: number; end: number } | null;
  describe(finding: Finding): string;
  onClick(): void;
}) {
  const { figure, figureFindings, textFindings, change } = segment;
  const inOpened = opened !== null && segment.start >= opened.start && segment.end <= opened.end;
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (inOpened && ref.current?.previousElementSibling?.classList.contains('bd-narr-open') !== true)
      ref.current?.scrollIntoView({ block: 'center' });
  }, [inOpened, opened]);
  const changed = change ? (change.old === '' ? '生成时新增' : `旧：${change.old}`) : null;
  if (!figure && textFindings.length === 0)
    return (
      <span
        ref={ref}
        className={
          [inOpened ? 'bd-narr-open' : '', change ? 'bd-narr-changed' : ''].join(' ').trim() || undefined
        }
        title={changed ?? undefined}
      >
        {segment.text}
      </span>
    );
  const severity = worst(figureFindings);
  const classes = [
    inOpened ? 'bd-narr-open' : '',
    change ? 'bd-narr-changed' : '',
    figure ? `bd-fig ${severity ? `bd-fig-${severity}` : statusClass(figure.status)}` : '',
    textFindings.length > 0 ? `bd-narr-note bd-narr-note-${worst(textFindings)}` : '',
  ];
  const lines = [
    ...(changed ? [changed] : []),
    ...figureFindings.map((f) => findingTip(f, describe)),
    ...(figure && figureFindings.length === 0 ? [figureTip(figure)] : []),
    ...textFindings.map((f) => findingTip(f, describe)),
  ];
  return (
    <span
      ref={ref}
      className={classes.filter(Boolean).join(' ')}
      data-figure={figure?.printed}
      data-status={severity ?? figure?.status ?? 'note'}
      title={lines.join('\n\n')}
      role="button"
      tabIndex={-1}
      onClick={onClick}
    >
      {segment.text}
    </span>
  );
}

function statusClass(status: string): string {
  return status === 'checked' ? 'bd-fig-ok' : status === 'notChecked' ? 'bd-fig-unchecked' : 'bd-fig-wording';
}

/** A finding as its tooltip says it: the rule, the message (cells and values), expected and difference. */
function findingTip(f: Finding, describe: (finding: Finding) => string): string {
  const cells = f.cells.map((c) => `${c.table} ${c.row}「${c.column}」${c.value ?? '（空）'}`).join('；');
  return [
    `${f.ruleId} ${f.title}`,
    describe(f),
    ...(cells ? [`单元格：${cells}`] : []),
    ...(f.expected ? [`应为：${f.expected}${f.diff ? `，差额 ${f.diff}` : ''}`] : []),
  ].join('\n');
}

function figureTip(figure: NonNullable<Segment['figure']>): string {
  if (figure.status === 'notChecked') return `未核对：${figure.reason ?? '无法确定这个数说的是什么'}`;
  if (figure.status === 'wording') return '固定用语中的数字，不核对';
  return `已核对${figure.rule ? `（${figure.rule}）` : ''}：${figure.meaning ?? figure.printed}，与表中一致`;
}

/** 导入 a Word or text file as the 情况说明; 导出 it as a Word document. */
function NarrativeFileButtons({ session }: { session: Session }) {
  const importFile = async () => {
    try {
      const file = await host.openFile(NARRATIVE_EXTENSIONS);
      if (file) await session.importNarrative(file.name, file.bytes);
    } catch (e) {
      session.say(message(e), true);
    }
  };
  const exportFile = async () => {
    try {
      const file = await session.exportNarrative();
      if (!file) return session.say('情况说明还是空的：请先导入、生成或输入', true);
      const saved = await host.saveFile(file.name, file.bytes);
      if (saved) session.say(`已导出“${saved}”`);
    } catch (e) {
      session.say(message(e), true);
    }
  };
  return (
    <>
      <button
        type="button"
        onClick={() => void importFile()}
        title="从 Word（.docx）或文本文件读入情况说明（可撤销）"
      >
        导入 Word…
      </button>
      <button type="button" onClick={() => void exportFile()} title="导出为 Word 文档（.docx）">
        导出 Word
      </button>
    </>
  );
}
