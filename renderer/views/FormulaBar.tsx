/**
 * The formula bar: the cell under the cursor named in full, its figure exact in the report's unit
 * and precision, where it comes from (typed, read from the file at sheet!cell, computed as the sum
 * of named cells) and every rule that reads it with its state. 查看公式 shows the same in full.
 */
import { useSyncExternalStore } from 'react';
import type { CellRef } from '../../shared/engine/findings';
import type { CellExplanation } from '../../shared/engine/workbook';
import type { Span } from '../../shared/narrative/text';
import type { Cursor } from '../model/cursor';
import { shownAmount, shownText } from '../model/display';
import { RULE_STATE_LABEL, sourceText } from '../model/explain';
import { quotingSentences } from '../model/quotes';
import type { Session } from '../model/session';

/** Sentences listed in the bar at most; the rest are counted. */
const QUOTES_SHOWN = 3;

/** The figure as the report holds it: in the report's unit, every decimal it keeps. */
function exactValue(session: Session, ref: CellRef): string {
  const cell = session.workbook.cell(ref);
  if (cell.value === null) return shownText(cell, session.display) || '（空白）';
  const unit = session.workbook.unit;
  return `${shownAmount(cell.value, { reportUnit: unit, unit, zeroAsBlank: false })}${unit ? ` ${unit}` : ''}`;
}

function Rules({ explanation }: { explanation: CellExplanation }) {
  if (explanation.rules.length === 0) return <span className="bd-muted">没有审核公式用到这个数</span>;
  return (
    <>
      {explanation.rules.map((r) => (
        <span key={r.ruleId} className={`bd-rule-chip bd-rule-${r.state}`} title={r.title}>
          {r.ruleId} {RULE_STATE_LABEL[r.state]}
        </span>
      ))}
    </>
  );
}

/** The 情况说明 sentences that quote the cell, each opening the 情况说明 at it. */
function Quotes({ session, cell, onOpen }: { session: Session; cell: CellRef; onOpen(span: Span): void }) {
  const quotes = quotingSentences(session.workbook, cell);
  if (quotes.length === 0) return null;
  return (
    <span className="bd-formula-quotes" data-testid="formula-quotes">
      情况说明引用：
      {quotes.slice(0, QUOTES_SHOWN).map((q) => (
        <button key={q.start} type="button" className="bd-link" title={q.text} onClick={() => onOpen(q)}>
          {q.text.length > 24 ? `${q.text.slice(0, 24)}…` : q.text}
        </button>
      ))}
      {quotes.length > QUOTES_SHOWN && <span className="bd-muted">等 {quotes.length} 句</span>}
    </span>
  );
}

export function FormulaBar({
  session,
  cursor,
  onOpenSentence,
}: {
  session: Session;
  cursor: Cursor;
  onOpenSentence(span: Span): void;
}) {
  const at = useSyncExternalStore(cursor.subscribe, cursor.get);
  useSyncExternalStore(session.subscribe, session.getVersion);
  const ref = at?.ref && session.workbook.cellIfPresent(at.ref) ? at.ref : null;
  const explanation = ref ? session.workbook.explain(ref) : null;
  const slot = at?.row.slots[at.colId];
  const text = slot?.kind === 'text' ? slot.text : '';
  return (
    <div className="bd-formula" role="region" aria-label="编辑栏">
      <span className="bd-formula-name" data-testid="formula-name" title={explanation?.name}>
        {explanation?.name ?? (at ? '' : '未选中单元格')}
      </span>
      <span className="bd-formula-value" data-testid="formula-value">
        {ref ? exactValue(session, ref) : text}
      </span>
      <span
        className="bd-formula-source"
        data-testid="formula-source"
        title={explanation ? sourceText(explanation) : undefined}
      >
        {explanation ? sourceText(explanation) : ''}
      </span>
      <span className="bd-formula-rules" data-testid="formula-rules">
        {explanation && <Rules explanation={explanation} />}
      </span>
      {ref && <Quotes session={session} cell={ref} onOpen={onOpenSentence} />}
    </div>
  );
}

/** 查看公式: the whole explanation, each cell of the sum a link to it. */
export function ExplainDialog({
  session,
  cell: at,
  onGo,
  onClose,
}: {
  session: Session;
  cell: CellRef;
  onGo(ref: CellRef): void;
  onClose(): void;
}) {
  const explanation = session.workbook.explain(at);
  const { source } = explanation;
  return (
    <div className="bd-dialog-backdrop" role="presentation" onClick={onClose}>
      <div
        className="bd-dialog bd-explain"
        role="dialog"
        aria-label="公式"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => e.key === 'Escape' && onClose()}
      >
        <h2>{explanation.name}</h2>
        <p>
          数值：<b>{exactValue(session, at)}</b>
        </p>
        <p>
          来源：
          {source.kind === 'computed'
            ? `计算得出（${source.ruleId} ${source.title}），为下列 ${source.terms.length} 个数之和：`
            : sourceText(explanation)}
        </p>
        {source.kind === 'computed' && (
          <ol className="bd-explain-terms">
            {source.terms.map((t) => (
              <li key={`${t.ref.table}|${t.ref.row}|${t.ref.column}`}>
                {t.sign < 0 ? '减 ' : ''}
                <button type="button" className="bd-link" onClick={() => onGo(t.ref)}>
                  {t.name}
                </button>
              </li>
            ))}
          </ol>
        )}
        <p>用到这个数的审核公式：</p>
        <ul className="bd-explain-rules">
          {explanation.rules.length === 0 && <li>没有</li>}
          {explanation.rules.map((r) => (
            <li key={r.ruleId}>
              <span className={`bd-rule-chip bd-rule-${r.state}`}>{RULE_STATE_LABEL[r.state]}</span>{' '}
              {r.ruleId} {r.title}
            </li>
          ))}
        </ul>
        <div className="bd-dialog-buttons">
          <button type="button" autoFocus onClick={onClose}>
            关闭
          </button>
        </div>
      </div>
    </div>
  );
}
