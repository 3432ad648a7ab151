/**
 * The program: the start page until a report is open, then the workbook window. A file that
 * cannot be read leaves the open report as it was and says why.
 */
import { useCallback, useEffect, useState } from 'react';
import { readReportJson } from '../shared/io/reportJson';
import type { ReportFile } from '../shared/model/report';
import { builtInCatalog } from '../shared/templates/catalog';
import example from './examples/final-2024-gaoxin.json';
import { host, type OpenedFile } from './host';
import { Session } from './model/session';
import { StartPage } from './views/StartPage';
import { WorkbookView } from './views/WorkbookView';

const REPORT_EXTENSIONS = ['json', 'xlsx'];

/** A report from a file: the program's own .json, or an .xlsx as finance offices circulate it. */
async function readReport(file: OpenedFile): Promise<{ report: ReportFile; notes: string[]; spreadsheet: Uint8Array | null }> {
  if (!file.name.toLowerCase().endsWith('.xlsx')) return { report: readReportJson(file.name, file.bytes), notes: [], spreadsheet: null };
  const { readXlsx } = await import('../shared/io/xlsx/readXlsx');
  const imported = await readXlsx(file.name, file.bytes);
  const notes = [...imported.unrecognized.map((u) => `工作表“${u.sheet}”未识别：${u.reason}`), ...imported.problems];
  return { report: imported.report, notes, spreadsheet: file.bytes };
}

export function App() {
  const [session, setSession] = useState<Session | null>(null);
  const [error, setError] = useState<string | null>(null);

  const show = useCallback((next: Session) => {
    setSession(next);
    setError(null);
    document.title = `${next.fileName} - BudgetDesk`;
  }, []);

  const fail = useCallback(
    (message: string) => {
      if (session) session.say(message, true);
      else setError(message);
    },
    [session],
  );

  const confirmDiscard = useCallback(() => !session?.dirty || window.confirm('当前报表有未保存的修改，确定放弃吗？'), [session]);

  const openBytes = useCallback(
    async (file: OpenedFile) => {
      try {
        const { report, notes, spreadsheet } = await readReport(file);
        const next = Session.open(report, file.name, spreadsheet);
        show(next);
        if (notes.length > 0) next.say(`已打开，但有 ${notes.length} 处未能读取：${notes.join('；')}`, true);
        void host.remember(file);
      } catch (e) {
        fail(e instanceof Error ? e.message : String(e));
      }
    },
    [show, fail],
  );

  const open = useCallback(async () => {
    if (!confirmDiscard()) return;
    const file = await host.openFile(REPORT_EXTENSIONS);
    if (file) await openBytes(file);
  }, [confirmDiscard, openBytes]);

  const save = useCallback(async () => {
    if (!session) return;
    const file = await session.save();
    const saved = await host.saveFile(file.name, file.bytes);
    if (!saved) return;
    session.markSaved(saved, file.bytes);
    void host.remember({ name: saved, bytes: file.bytes });
    if (file.unplaced.length > 0) session.say(`已保存，但以下数字在原文件中没有位置：${file.unplaced.join('；')}。请用“导出公开表”另存。`, true);
    else session.say(`已保存“${saved}”`);
  }, [session]);

  const exportPublication = useCallback(async () => {
    if (!session) return;
    const file = await session.publication();
    const saved = await host.saveFile(file.name, file.bytes);
    if (saved) session.say(`已导出“${saved}”（A4 横向，可直接打印）`);
  }, [session]);

  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (session?.dirty) e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [session]);

  if (session) {
    const exportCsv = async (tableId: string) => {
      const file = await session.exportCsv(tableId);
      const saved = await host.saveFile(file.name, file.bytes);
      if (saved) session.say(`已导出“${saved}”`);
    };
    const importCsv = async (tableId: string) => {
      const file = await host.openFile(['csv']);
      if (file) await session.importCsv(tableId, file.name, file.bytes);
    };
    return (
      <WorkbookView
        session={session}
        onSave={save}
        onExport={exportPublication}
        onExportCsv={exportCsv}
        onImportCsv={importCsv}
        onOpen={open}
        onClose={() => confirmDiscard() && setSession(null)}
      />
    );
  }
  return (
    <StartPage
      host={host}
      error={error}
      onOpen={open}
      onOpenExample={() => show(Session.open(example as ReportFile, '2024年度决算示例.json'))}
      onOpenRecent={async (id) => {
        const file = await host.openRecent(id);
        if (file) await openBytes(file);
        else fail('这个文件的内容没有保存在浏览器中，请用“打开报表文件”重新选择。');
      }}
      onNew={(templateId, year, department) => {
        const template = builtInCatalog.templates.find((t) => t.id === templateId)!;
        const report: ReportFile = { kind: template.kind, year, department, unit: template.unit, template: template.id, tables: [] };
        show(Session.open(report, `${year}年度${department}${template.kind === 'final' ? '部门决算' : '部门预算'}.xlsx`));
      }}
    />
  );
}
