/**
 * Adding a row. 插入科目 (code-keyed tables): a code and its name, and the names of any 款/类
 * above it that the table does not list yet. 插入行 (the listed budget tables): the row's level,
 * its code where it has one and its text fields, and the rows above it (its 部门) where the table
 * has none yet at that place. Names of 科目 are filled from the 科目 dictionary as a code is typed
 * (shared/subjects/dictionary.ts), and stay the user's once changed. The engine checks what is
 * typed, in Chinese (the browser's own checks are off); its message stays until the next change.
 */
import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import {
  isSubjectLevel,
  nameFieldOf,
  subjectKindOf,
  type SubjectDictionary,
} from '../../shared/subjects/dictionary';
import {
  codeLabel,
  depthOf,
  fieldLabel,
  isCodeField,
  levelHasCode,
  placeListedRow,
  type ListedRowInput,
} from '../../shared/engine/listedRows';
import type { RowInfo, TableInfo } from '../../shared/engine/structure';
import { tableCode, type ListLevel, type ListScheme } from '../../shared/model/template';

export type AddRequest =
  | { kind: 'code'; code: string; name: string; parentNames: Record<string, string> }
  | { kind: 'listed'; row: ListedRowInput; parents: ListedRowInput[] };

interface Props {
  table: TableInfo;
  /** The row the cursor is on: a listed row goes below its group, at its level unless changed. */
  near: RowInfo | null;
  /** What a row of a level above is called where it must be added too: the same 部门 as elsewhere in the report. */
  parentDefault(level: string): { code: string; name: string };
  /** Adds the row; returns what went wrong, or null when it was added. */
  onAdd(request: AddRequest): string | null;
  /** The 科目 dictionary, read when the dialog opens. */
  loadSubjects(): Promise<SubjectDictionary>;
  onClose(): void;
}

type FormProps = Props & { subjects: SubjectDictionary | null };

export function AddRowDialog(props: Props) {
  const [subjects, setSubjects] = useState<SubjectDictionary | null>(null);
  const { loadSubjects } = props;
  useEffect(() => {
    let open = true;
    // Without the dictionary the dialog still works: names are typed.
    void loadSubjects().then(
      (d) => open && setSubjects(d),
      () => undefined,
    );
    return () => {
      open = false;
    };
  }, [loadSubjects]);
  return props.table.codeKeyed ? (
    <CodeRowForm {...props} subjects={subjects} />
  ) : (
    <ListedRowForm {...props} subjects={subjects} />
  );
}

/** Says where a name came from, or that the dictionary does not know the code. */
function NameHint({ code, known, filled }: { code: string; known: boolean; filled: boolean }) {
  if (filled) return <small>名称取自科目字典（模板、示例和本报表中的科目）</small>;
  if (code !== '' && !known) return <small>科目字典中没有 {code}，请填写名称</small>;
  return null;
}

function DialogShell({
  title,
  table,
  error,
  onSubmit,
  onChange,
  onClose,
  children,
}: {
  title: string;
  table: TableInfo;
  error: string | null;
  onSubmit(): void;
  /** Any change of what is typed (the last refusal no longer applies). */
  onChange(): void;
  onClose(): void;
  children: ReactNode;
}) {
  return (
    <div className="bd-dialog-backdrop" role="presentation">
      <form
        className="bd-dialog"
        role="dialog"
        aria-label={title}
        noValidate
        onChange={onChange}
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        <h2>
          {title}（{tableCode(table.template)}）
        </h2>
        {children}
        {error && (
          <p className="bd-dialog-error" role="alert">
            {error}
          </p>
        )}
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

function CodeRowForm({ table, subjects, onAdd, onClose }: FormProps) {
  const [code, setCode] = useState('');
  // null: the name follows the dictionary for the code typed; a string once the user types one.
  const [name, setName] = useState<string | null>(null);
  const [parentNames, setParentNames] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const scheme = table.template.codeScheme!;
  const kind = subjectKindOf(table.template.codeHeader);
  const typedCode = code.trim();
  const depth = scheme.lengths.indexOf(typedCode.length);
  const known = (c: string) => subjects?.name(kind, c) ?? null;
  const shownName = name ?? known(typedCode) ?? '';
  const missing =
    depth > 0
      ? scheme.lengths
          .slice(0, depth)
          .map((n) => typedCode.slice(0, n))
          .filter((c) => !table.rowByCode.has(c))
      : [];
  const parentName = (c: string) => parentNames[c] ?? known(c) ?? '';
  const submit = () => {
    const parents = Object.fromEntries(missing.map((c) => [c, parentName(c).trim()]));
    const problem = onAdd({ kind: 'code', code: typedCode, name: shownName.trim(), parentNames: parents });
    if (problem) setError(problem);
    else onClose();
  };

  return (
    <DialogShell
      title="插入科目"
      table={table}
      error={error}
      onSubmit={submit}
      onChange={() => setError(null)}
      onClose={onClose}
    >
      <label>
        科目编码（{scheme.lengths.join('/')} 位）
        <input autoFocus value={code} onChange={(e) => setCode(e.target.value)} inputMode="numeric" />
      </label>
      <label>
        科目名称
        <input value={shownName} onChange={(e) => setName(e.target.value)} />
        {subjects && depth >= 0 && (
          <NameHint
            code={typedCode}
            known={known(typedCode) !== null}
            filled={name === null && known(typedCode) !== null}
          />
        )}
      </label>
      {missing.map((parent) => (
        <label key={parent}>
          上级科目 {parent} 的名称（表中还没有，将一并插入）
          <input
            value={parentName(parent)}
            onChange={(e) => setParentNames({ ...parentNames, [parent]: e.target.value })}
          />
        </label>
      ))}
    </DialogShell>
  );
}

/** The values typed for one row: its code under "code", its other fields by key. */
type Typed = Record<string, string>;

const digitsHint = (level: ListLevel) =>
  level.codeLength === undefined ? '' : `（${level.codeLength} 位数字）`;

function ListedRowForm({ table, near, parentDefault, subjects, onAdd, onClose }: FormProps) {
  const scheme = table.template.listScheme!;
  const [levelName, setLevelName] = useState(() =>
    near && depthOf(table, near.level) >= 0 ? near.level! : scheme.levels[scheme.levels.length - 1]!.name,
  );
  const [typed, setTyped] = useState<Typed>({});
  const [parents, setParents] = useState<Record<string, Typed>>({});
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const level = scheme.levels.find((l) => l.name === levelName)!;
  const depth = depthOf(table, levelName);
  // Levels above the new row that the table lacks at its place (the first 单位 of a new budget needs its 部门).
  const missing =
    depth > 0 && placeListedRow(table, levelName, near).parent === null ? scheme.levels.slice(0, depth) : [];
  const parentValue = (l: ListLevel, key: 'code' | 'name') =>
    parents[l.name]?.[key] ?? parentDefault(l.name)[key];
  const setParentValue = (l: ListLevel, key: 'code' | 'name', value: string) =>
    setParents((all) => ({ ...all, [l.name]: { ...all[l.name], [key]: value } }));
  const fields = scheme.fields.filter((f) => f.key !== 'code');
  const shown = shownValues(scheme, levelName, typed, subjects);
  /** Suggestions for a text field: the values the table already has in it (类型, 项目单位 …). */
  const suggestions = (key: string) => [
    ...new Set(table.rows.map((r) => r.fields?.[key]).filter((v): v is string => !!v)),
  ];

  const submit = () => {
    const row: ListedRowInput = {
      level: levelName,
      code: levelHasCode(table, level) ? (typed.code ?? '') : null,
      name: shown('name'),
      fields: Object.fromEntries(fields.filter((f) => f.key !== 'name').map((f) => [f.key, shown(f.key)])),
    };
    const above = missing.map((l): ListedRowInput => ({
      level: l.name,
      code: levelHasCode(table, l) ? parentValue(l, 'code') : null,
      name: parentValue(l, 'name'),
    }));
    const problem = onAdd({ kind: 'listed', row, parents: above });
    if (problem) setError(problem);
    else onClose();
  };

  return (
    <DialogShell
      title="插入行"
      table={table}
      error={error}
      onSubmit={submit}
      onChange={() => setError(null)}
      onClose={onClose}
    >
      <label>
        层级
        <select
          autoFocus
          value={levelName}
          onChange={(e) => setLevelName(e.target.value)}
          disabled={scheme.levels.length === 1}
        >
          {scheme.levels.map((l) => (
            <option key={l.name} value={l.name}>
              {l.name}
            </option>
          ))}
        </select>
      </label>
      {levelHasCode(table, level) && (
        <label>
          {codeLabel(table, level)}
          {digitsHint(level)}
          <input
            value={typed.code ?? ''}
            onChange={(e) => setTyped({ ...typed, code: e.target.value })}
            inputMode={level.codeLength ? 'numeric' : 'text'}
          />
        </label>
      )}
      {fields.map((field) => {
        const options = field.key === 'name' || isCodeField(field) ? [] : suggestions(field.key);
        return (
          <label key={field.key}>
            {fieldLabel(field)}
            {isCodeField(field) ? digitsHint(level) : ''}
            <input
              value={shown(field.key)}
              onChange={(e) => setTyped({ ...typed, [field.key]: e.target.value })}
              list={options.length > 0 ? `${id}-${field.key}` : undefined}
            />
            {options.length > 0 && (
              <datalist id={`${id}-${field.key}`}>
                {options.map((o) => (
                  <option key={o} value={o} />
                ))}
              </datalist>
            )}
          </label>
        );
      })}
      {missing.length > 0 && (
        <ParentRows table={table} missing={missing} value={parentValue} onChange={setParentValue} />
      )}
    </DialogShell>
  );
}

/**
 * What a field of a new listed row shows: what was typed, else (for the name beside a 科目's code:
 * 名称, 政府经济分类名称) the dictionary's name for that code.
 */
function shownValues(
  scheme: ListScheme,
  levelName: string,
  typed: Typed,
  subjects: SubjectDictionary | null,
): (key: string) => string {
  return (key) => {
    if (typed[key] !== undefined) return typed[key];
    const codeField = isSubjectLevel(levelName)
      ? scheme.fields.find((f) => isCodeField(f) && nameFieldOf(f.key) === key)
      : undefined;
    const code = codeField ? (typed[codeField.key] ?? '').trim() : '';
    return (code && subjects?.name(subjectKindOf(codeField!.label), code)) || '';
  };
}

/** The rows above a new row that the table lacks at its place, inserted with it. */
function ParentRows({
  table,
  missing,
  value,
  onChange,
}: {
  table: TableInfo;
  missing: ListLevel[];
  value: (level: ListLevel, key: 'code' | 'name') => string;
  onChange: (level: ListLevel, key: 'code' | 'name', value: string) => void;
}) {
  return (
    <fieldset className="bd-dialog-parents">
      <legend>这里还没有上级{missing.map((l) => l.name).join('、')}行，将一并插入</legend>
      {missing.map((l) => (
        <div key={l.name}>
          {levelHasCode(table, l) && (
            <label>
              上级{l.name}代码{digitsHint(l)}
              <input value={value(l, 'code')} onChange={(e) => onChange(l, 'code', e.target.value)} />
            </label>
          )}
          <label>
            上级{l.name}名称
            <input value={value(l, 'name')} onChange={(e) => onChange(l, 'name', e.target.value)} />
          </label>
        </div>
      ))}
    </fieldset>
  );
}
