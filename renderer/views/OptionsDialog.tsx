/**
 * 报表设置: the settings of a report that differ by region (what counts as 机关运行经费), as the
 * template declares them. Codes are typed separated by 、 ， or spaces.
 */
import { useState } from 'react';
import type { ReportOptionTemplate } from '../../shared/model/template';

interface Props {
  options: ReportOptionTemplate[];
  values: Readonly<Record<string, readonly string[]>>;
  onSave(key: string, codes: string[]): void;
  onClose(): void;
}

const codesOf = (text: string) => text.split(/[\s、，,；;]+/u).filter(Boolean);

export function OptionsDialog({ options, values, onSave, onClose }: Props) {
  const [texts, setTexts] = useState(() =>
    Object.fromEntries(options.map((o) => [o.key, (values[o.key] ?? []).join('、')])),
  );
  return (
    <div
      className="bd-dialog-backdrop"
      role="presentation"
      onKeyDown={(e) => e.key === 'Escape' && onClose()}
    >
      <form
        className="bd-dialog"
        role="dialog"
        aria-label="报表设置"
        onSubmit={(e) => {
          e.preventDefault();
          for (const option of options) onSave(option.key, codesOf(texts[option.key] ?? ''));
          onClose();
        }}
      >
        <h2>报表设置</h2>
        {options.map((option) => (
          <label key={option.key}>
            {option.label}
            <input
              autoFocus
              value={texts[option.key] ?? ''}
              onChange={(e) => setTexts({ ...texts, [option.key]: e.target.value })}
              placeholder="科目编码，用顿号分隔；留空表示全部计入"
            />
            <small>模板默认：{option.codes.join('、') || '（无）'}</small>
          </label>
        ))}
        <div className="bd-dialog-buttons">
          <button type="submit">确定</button>
          <button type="button" onClick={onClose}>
            取消
          </button>
        </div>
      </form>
    </div>
  );
}
