/**
 * 补充信息: the figures the 情况说明 needs that no table holds, as a form made from the narrative
 * set's field definitions (a field held per row lists the rows of its table). A value is checked as
 * it is typed and said wrong in the field's own words; a value that is right is saved, as one
 * command of the workbook history, when the field is left. 从上年报表导入 fills what last year's
 * report holds.
 */
import { useMemo, useState } from 'react';
import { readReportFile } from '../../shared/io/formats';
import { carryOver } from '../../shared/narrative/carry';
import type { NarrativeSet, SupplementaryField } from '../../shared/narrative/definitions';
import { rowKey, validateSupplementary } from '../../shared/narrative/supplementary';
import { host } from '../host';
import { message } from '../model/message';
import type { Session } from '../model/session';

interface Entry {
  key: string;
  label: string;
  unit: string;
}

/** The form's lines: one per field, a field held per row once for each row of its table at its level. */
function entriesOf(session: Session, set: NarrativeSet): Entry[] {
  const rowsOf = (field: SupplementaryField) => {
    const table = session.workbook.structure.tableById.get(field.perRow!.table);
    return (table?.rows ?? []).filter((r) => r.level === field.perRow!.level && r.code !== null);
  };
  return set.supplementary.flatMap((field) =>
    field.perRow
      ? rowsOf(field).map((row) => ({
          key: rowKey(field.key, row.code!),
          label: `${field.label}：${row.code} ${row.name ?? ''}`,
          unit: field.unit,
        }))
      : [{ key: field.key, label: field.label, unit: field.unit }],
  );
}

export function SupplementaryForm({ session, set }: { session: Session; set: NarrativeSet }) {
  const saved = session.workbook.supplementary;
  const entries = useMemo(() => entriesOf(session, set), [session, set]);
  const [typed, setTyped] = useState<Record<string, string>>({});
  const value = (key: string) => typed[key] ?? saved[key] ?? '';
  const problems = validateSupplementary(set, typed);

  const save = (key: string) => {
    if (typed[key] === undefined || problems[key]) return;
    const next = { ...saved, [key]: typed[key].trim() };
    if (next[key] === '') delete next[key];
    setTyped(({ [key]: _done, ...rest }) => rest);
    session.dispatch({ kind: 'setNarrative', narrative: { supplementary: next } });
  };

  const carry = async () => {
    try {
      const file = await host.openFile(['json', 'xlsx']);
      if (!file) return;
      const { values, missing } = carryOver((await readReportFile(file.name, file.bytes)).report, set);
      session.dispatch({ kind: 'setNarrative', narrative: { supplementary: { ...saved, ...values } } });
      const notes = missing.map((m) => m.reason);
      session.say(
        `已从“${file.name}”导入 ${Object.keys(values).length} 项补充信息${notes.length > 0 ? `；${notes.join('；')}` : ''}`,
        notes.length > 0,
      );
    } catch (e) {
      session.say(message(e), true);
    }
  };

  const filled = entries.filter((e) => value(e.key).trim() !== '').length;
  return (
    <details className="bd-supplementary">
      <summary>
        补充信息{' '}
        <span className="bd-count">
          {filled}/{entries.length}
        </span>
      </summary>
      <button type="button" onClick={() => void carry()} title="从上年的报表文件（.json 或 .xlsx）取上年数">
        从上年报表导入…
      </button>
      <div className="bd-supplementary-fields">
        {entries.map((e) => (
          <label key={e.key} className={problems[e.key] ? 'bd-invalid' : undefined}>
            <span className="bd-supplementary-label">{e.label}</span>
            <span className="bd-supplementary-input">
              <input
                value={value(e.key)}
                inputMode="decimal"
                aria-label={e.label}
                aria-invalid={problems[e.key] ? true : undefined}
                onChange={(event) => setTyped((t) => ({ ...t, [e.key]: event.target.value }))}
                onBlur={() => save(e.key)}
                onKeyDown={(event) => event.key === 'Enter' && save(e.key)}
              />
              <span className="bd-unit">{e.unit}</span>
            </span>
            {problems[e.key] && <span className="bd-field-problem">{problems[e.key]}</span>}
          </label>
        ))}
      </div>
    </details>
  );
}
