/**
 * The first thing a user sees: unsaved work to recover after a crash, start a new report, open a
 * file, reopen a recent one, or open the bundled example (the 2024 final accounts with their real
 * mismatches flagged).
 */
import { useEffect, useState } from 'react';
import { yearProblem } from '../../shared/engine/workbook';
import { builtInCatalog } from '../../shared/templates/catalog';
import type { HostApi, RecentFile, RecoverableWork } from '../host';

interface Props {
  host: HostApi;
  error: string | null;
  onNew(templateId: string, year: number, department: string): void;
  onOpen(): void;
  onOpenRecent(id: string): void;
  onOpenExample(): void;
  onRecover(id: string): void;
}

export function StartPage({ host, error, onNew, onOpen, onOpenRecent, onOpenExample, onRecover }: Props) {
  return (
    <main className="bd-start">
      <h1>
        BudgetDesk <small>预决算公开表编制工具</small>
      </h1>
      {host.kind === 'browser' && (
        <p className="bd-note" role="note">
          浏览器模式：文件通过浏览器选择打开，保存时下载到“下载”文件夹。桌面版可直接读写本机文件。
        </p>
      )}
      {error && (
        <p className="bd-error-message" role="alert">
          {error}
        </p>
      )}
      <RecoverySection host={host} onRecover={onRecover} />
      <div className="bd-start-grid">
        <NewReportForm onNew={onNew} />
        <OpenSection host={host} onOpen={onOpen} onOpenRecent={onOpenRecent} onOpenExample={onOpenExample} />
      </div>
    </main>
  );
}

/** Work that autosave kept when the program did not close normally: recover or discard it. */
function RecoverySection({ host, onRecover }: Pick<Props, 'host' | 'onRecover'>) {
  const [recoverable, setRecoverable] = useState<RecoverableWork[]>([]);
  useEffect(() => void host.recoverableWork().then(setRecoverable), [host]);
  if (recoverable.length === 0) return null;
  return (
    <section className="bd-recovery" aria-label="恢复未保存的工作">
      <h2>恢复未保存的工作</h2>
      <p className="bd-muted">程序上次没有正常关闭，以下报表的修改尚未保存：</p>
      <ul className="bd-recovery-list">
        {recoverable.map((w) => (
          <li key={w.id}>
            <strong>{w.fileName}</strong>
            <span className="bd-muted">自动备份于 {new Date(w.savedAt).toLocaleString('zh-CN')}</span>
            <button type="button" onClick={() => onRecover(w.id)}>
              恢复
            </button>
            <button
              type="button"
              onClick={() => {
                if (!window.confirm(`丢弃“${w.fileName}”未保存的修改？丢弃后无法找回。`)) return;
                void host
                  .discardRecoverable(w.id)
                  .then(() => setRecoverable((all) => all.filter((x) => x.id !== w.id)));
              }}
            >
              丢弃
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** 新建: the table set, the year and the department, checked with Chinese messages (the browser's own checks are off). */
function NewReportForm({ onNew }: Pick<Props, 'onNew'>) {
  const templates = builtInCatalog.templates;
  const [templateId, setTemplateId] = useState(templates[templates.length - 1]!.id);
  const [year, setYear] = useState(String(new Date().getFullYear() - 1));
  const [department, setDepartment] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <section>
      <h2>新建</h2>
      <form
        noValidate
        onChange={() => setProblem(null)}
        onSubmit={(e) => {
          e.preventDefault();
          const wrong =
            year.trim() === ''
              ? '请填写年度'
              : (yearProblem(Number(year)) ?? (department.trim() === '' ? '请填写部门名称' : null));
          if (wrong) setProblem(wrong);
          else onNew(templateId, Number(year), department.trim());
        }}
      >
        <label>
          表套
          <select value={templateId} onChange={(e) => setTemplateId(e.target.value)}>
            {templates.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          年度
          <input type="number" min={2000} max={2100} value={year} onChange={(e) => setYear(e.target.value)} />
        </label>
        <label>
          部门名称
          <input
            value={department}
            onChange={(e) => setDepartment(e.target.value)}
            placeholder="如：某市人力资源和社会保障局"
          />
        </label>
        {problem && (
          <p className="bd-dialog-error" role="alert">
            {problem}
          </p>
        )}
        <button type="submit">新建报表</button>
      </form>
    </section>
  );
}

function OpenSection({
  host,
  onOpen,
  onOpenRecent,
  onOpenExample,
}: Pick<Props, 'host' | 'onOpen' | 'onOpenRecent' | 'onOpenExample'>) {
  const [recent, setRecent] = useState<RecentFile[]>([]);
  useEffect(() => void host.recentFiles().then(setRecent), [host]);
  return (
    <section>
      <h2>打开</h2>
      <button type="button" onClick={onOpen}>
        打开报表文件…
      </button>
      <button type="button" onClick={onOpenExample}>
        打开示例（2024 年度决算，含真实差错）
      </button>
      <h3>最近打开</h3>
      {recent.length === 0 ? (
        <p className="bd-muted">还没有最近打开的文件。</p>
      ) : (
        <ul className="bd-recent">
          {recent.map((r) => (
            <li key={r.id}>
              <button type="button" className="bd-link" onClick={() => onOpenRecent(r.id)}>
                {r.name}
              </button>
              <span className="bd-muted">{new Date(r.openedAt).toLocaleString('zh-CN')}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
