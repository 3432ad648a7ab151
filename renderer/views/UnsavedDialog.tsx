/** 保存 / 不保存 / 取消: asked before unsaved edits would be closed or replaced. */
export type UnsavedAnswer = 'save' | 'discard' | 'cancel';

interface Props {
  fileName: string;
  onAnswer(answer: UnsavedAnswer): void;
}

export function UnsavedDialog({ fileName, onAnswer }: Props) {
  return (
    <div
      className="bd-dialog-backdrop"
      role="presentation"
      onKeyDown={(e) => e.key === 'Escape' && onAnswer('cancel')}
    >
      <div className="bd-dialog" role="alertdialog" aria-label="未保存的修改">
        <h2>“{fileName}”有未保存的修改</h2>
        <p>是否在关闭前保存？不保存的修改将会丢失。</p>
        <div className="bd-dialog-buttons">
          <button type="button" autoFocus onClick={() => onAnswer('save')}>
            保存
          </button>
          <button type="button" onClick={() => onAnswer('discard')}>
            不保存
          </button>
          <button type="button" onClick={() => onAnswer('cancel')}>
            取消
          </button>
        </div>
      </div>
    </div>
  );
}
