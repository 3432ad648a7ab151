/** 插入科目: a code and its name; the names of any 款/类 above it that the table does not list yet. */
import { useState } from 'react';
import type { TableInfo } from '../../shared/engine/structure';

interface Props {
  table: TableInfo;
  onAdd(code: string, name: string, parentNames: Record<string, string>): boolean;
  onClose(): void;
}

export function AddRowDialog({ table, onAdd, onClose }: Props) {
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [parentNames, setParentNames] = useState<Record<string, string>>({});
  const scheme = table.template.codeScheme!;
  const depth = scheme.lengths.indexOf(code.trim().length);
  const missing = depth > 0 ? scheme.lengths.slice(0, depth).map((n) => code.trim().slice(0, n)).filter((c) => !table.rowByCode.has(c)) : [];

  return (
    <div className="bd-dialog-backdrop" role="presentation">
      <form
        className="bd-dialog"
        role="dialog"
        aria-label="插入科目"
        onSubmit={(e) => {
          e.preventDefault();
          if (onAdd(code.trim(), name.trim(), parentNames)) onClose();
        }}
      >
        <h2>插入科目（{table.id}）</h2>
        <label>
          科目编码（{scheme.lengths.join('/')} 位）
          <input autoFocus value={code} onChange={(e) => setCode(e.target.value)} inputMode="numeric" required />
        </label>
        <label>
          科目名称
          <input value={name} onChange={(e) => setName(e.target.value)} required />
        </label>
        {missing.map((parent) => (
          <label key={parent}>
            上级科目 {parent} 的名称（表中还没有）
            <input value={parentNames[parent] ?? ''} onChange={(e) => setParentNames({ ...parentNames, [parent]: e.target.value })} required />
          </label>
        ))}
        <div className="bd-dialog-buttons">
          <button type="submit">插入</button>
          <button type="button" onClick={onClose}>
            取消
          </button>
        </div>
      </form>
    </div>
  );
}
