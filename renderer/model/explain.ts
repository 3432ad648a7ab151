/** A cell's explanation (Workbook.explain) in the words of the formula bar and the status line. */
import type { CellExplanation, RuleReading } from '../../shared/engine/workbook';

export const RULE_STATE_LABEL: Record<RuleReading['state'], string> = {
  pass: '通过',
  error: '错误',
  rounding: '尾差',
  warning: '提示',
  unchecked: '未核对',
};

/** How many cells a formula names before the rest is counted ("等 12 个单元格"). */
const NAMED_TERMS = 6;

/** The cells of a sum, as a formula reads: A + B − C. */
export function termsText(explanation: CellExplanation): string {
  const { source } = explanation;
  if (source.kind !== 'computed') return '';
  const shown = source.terms
    .slice(0, NAMED_TERMS)
    .map((t, i) => `${i === 0 ? (t.sign < 0 ? '− ' : '') : t.sign < 0 ? ' − ' : ' + '}${t.name}`);
  const more = source.terms.length > NAMED_TERMS ? ` 等 ${source.terms.length} 个单元格之和` : '';
  return shown.length === 0 ? '（没有组成它的数字）' : `${shown.join('')}${more}`;
}

export function sourceText(explanation: CellExplanation): string {
  const { source } = explanation;
  switch (source.kind) {
    case 'computed':
      return `计算得出（${source.ruleId} ${source.title}）= ${termsText(explanation)}`;
    case 'read':
      return `读自文件：${source.sheet}!${source.address}`;
    case 'typed':
      return '手工录入';
    case 'blank':
      return '空白，尚未填写';
    case 'absent':
      return `文件中没有这个数：${source.reason}`;
  }
}

/** Why a computed cell cannot be typed into, and what to change instead. */
export function computedMessage(explanation: CellExplanation): string {
  return `“${explanation.name}”由公式计算得出，不能直接输入：它 = ${termsText(explanation)}。请修改组成它的数字。`;
}
