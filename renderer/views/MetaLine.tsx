/**
 * The 部门 / 年度 / 单位 line above a table. What the opened file did not say is asked for here,
 * in place, never filled in from the template: the field says so until the user gives it, and
 * giving it is an undoable step like any other.
 */
import { useState } from 'react';
import type { ReportMeta } from '../../shared/engine/workbook';
import type { Session } from '../model/session';

function Ask({
  label,
  placeholder,
  onGive,
}: {
  label: string;
  placeholder: string;
  onGive(text: string): void;
}) {
  const [text, setText] = useState('');
  return (
    <label className="bd-ask" title={`文件中没有找到${label}，请填写`}>
      {label}：
      <input
        aria-label={label}
        placeholder={placeholder}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && text.trim() && onGive(text.trim())}
        onBlur={() => text.trim() && onGive(text.trim())}
      />
    </label>
  );
}

export function MetaLine({ session }: { session: Session }) {
  const { workbook, display } = session;
  const setMeta = (meta: Partial<ReportMeta>) => session.dispatch({ kind: 'setMeta', meta });
  return (
    <div className="bd-sheet-meta">
      {workbook.department ? (
        <span>部门：{workbook.department}</span>
      ) : (
        <Ask
          label="部门"
          placeholder="文件中没有找到，请填写"
          onGive={(department) => setMeta({ department })}
        />
      )}
      {workbook.year !== null ? (
        <span>{workbook.year}年度</span>
      ) : (
        <Ask label="年度" placeholder="如 2024" onGive={(year) => setMeta({ year: Number(year) })} />
      )}
      {display.unit !== null ? (
        <span>单位：{display.unit}</span>
      ) : (
        <label className="bd-ask" title="文件中没有注明金额单位，请选择">
          单位：
          <select
            aria-label="报表单位"
            value=""
            onChange={(e) => setMeta({ unit: e.target.value as '万元' | '元' })}
          >
            <option value="" disabled>
              文件中没有注明，请选择
            </option>
            <option value="万元">万元</option>
            <option value="元">元</option>
          </select>
        </label>
      )}
    </div>
  );
}
