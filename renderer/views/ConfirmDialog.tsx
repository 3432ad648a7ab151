/**
 * A question before an action that cannot be taken back silently (采用计算值, saving a report with
 * errors): what will happen, then the action's own button and 取消. Escape cancels.
 */
import type { ReactNode } from 'react';

interface Props {
  title: string;
  /** What the button that goes ahead says (确定, 仍然保存). */
  confirmLabel: string;
  children: ReactNode;
  onConfirm(): void;
  onCancel(): void;
}

export function ConfirmDialog({ title, confirmLabel, children, onConfirm, onCancel }: Props) {
  return (
    <div
      className="bd-dialog-backdrop"
      role="presentation"
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
    >
      <div className="bd-dialog" role="alertdialog" aria-label={title}>
        <h2>{title}</h2>
        {children}
        <div className="bd-dialog-buttons">
          <button type="button" onClick={onConfirm}>
            {confirmLabel}
          </button>
          <button type="button" autoFocus onClick={onCancel}>
            取消
          </button>
        </div>
      </div>
    </div>
  );
}
