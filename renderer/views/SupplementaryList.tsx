/**
 * A list-valued 补充信息 field (the projects whose self-evaluation the text describes): one line per
 * entry with the field's columns, 添加 and 删除. Each entry is checked as it is typed, in the
 * column's own words; the list is saved, as one command, when a line is left with nothing wrong.
 */
import { useState } from 'react';
import type { NarrativeSet, SupplementaryField } from '../../shared/narrative/definitions';
import {
  entryKey,
  validateSupplementary,
  type SupplementaryEntry,
} from '../../shared/narrative/supplementary';
import type { Session } from '../model/session';

export function SupplementaryList({
  session,
  set,
  field,
}: {
  session: Session;
  set: NarrativeSet;
  field: SupplementaryField & { rows: NonNullable<SupplementaryField['rows']> };
}) {
  const held = session.workbook.supplementary[field.key];
  const [entries, setEntries] = useState<SupplementaryEntry[]>(Array.isArray(held) ? held : []);
  const problems = validateSupplementary(set, { [field.key]: entries });

  const save = (next: SupplementaryEntry[]) => {
    if (Object.keys(validateSupplementary(set, { [field.key]: next })).length > 0) return;
    const supplementary = { ...session.workbook.supplementary, [field.key]: next };
    if (next.length === 0) delete supplementary[field.key];
    session.dispatch({ kind: 'setNarrative', narrative: { supplementary } });
  };
  const change = (index: number, column: string, value: string) =>
    setEntries((all) => all.map((e, i) => (i === index ? { ...e, [column]: value } : e)));
  const remove = (index: number) => {
    const next = entries.filter((_, i) => i !== index);
    setEntries(next);
    save(next);
  };

  return (
    <fieldset className="bd-supplementary-list">
      <legend>
        {field.label}（{entries.length} {field.unit}）
      </legend>
      {entries.map((entry, index) => (
        <div key={index} className="bd-supplementary-entry" onBlur={() => save(entries)}>
          <span className="bd-muted">{index + 1}.</span>
          {field.rows.map((column) => {
            const problem = problems[entryKey(field.key, index, column.key)];
            return (
              <label key={column.key} className={problem ? 'bd-invalid' : undefined}>
                <span className="bd-supplementary-label">{column.label}</span>
                <input
                  value={entry[column.key] ?? ''}
                  inputMode={column.unit === '文字' ? 'text' : 'decimal'}
                  aria-label={`${field.label}第 ${index + 1} 项${column.label}`}
                  aria-invalid={problem ? true : undefined}
                  onChange={(event) => change(index, column.key, event.target.value)}
                />
                {column.unit !== '文字' && <span className="bd-unit">{column.unit}</span>}
                {problem && <span className="bd-field-problem">{problem}</span>}
              </label>
            );
          })}
          <button type="button" onClick={() => remove(index)} title="删除这一项">
            删除
          </button>
        </div>
      ))}
      <button type="button" onClick={() => setEntries((all) => [...all, {}])}>
        添加一项
      </button>
    </fieldset>
  );
}
