/**
 * The program: the start page until a report is open, then the workbook window. A file that
 * cannot be read leaves the open report as it was and says why. Unsaved edits are snapshotted for
 * recovery and never closed or replaced without asking.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { readReportJson } from '../shared/io/reportJson';
import type { ReportFile } from '../shared/model/report';
import { builtInCatalog } from '../shared/templates/catalog';
import example from './examples/final-2024-gaoxin.json';
import { host, type OpenedFile } from './host';
import { startAutosave } from './model/autosave';
import { Session } from './model/session';
import { StartPage } from './views/StartPage';
import { UnsavedDialog, type UnsavedAnswer } from './views/UnsavedDialog';
import { WorkbookView } from './views/WorkbookView';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function App() {
  const [session, setSession] = useState<Session | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [unsavedQuestion, setUnsavedQuestion] = useState<((answer: UnsavedAnswer) => void) | null>(null);
  // The latest session for handlers registered once (menu commands, files delivered by the host).
  const current = useRef<Session | null>(null);
  current.current = session;

  const show = useCallback((next: Session | null) => {
    setSession(next);
    setError(null);
  }, []);

  const fail = useCallback((text: string) => {
    if (current.current) current.current.say(text, true);
    else setError(text);
  }, []);

  const save = useCallback(async (saveAs = false): Promise<boolean> => {
    const open = current.current;
    if (!open) return false;
    try {
      const file = await open.save();
      const saved = await host.saveReport(file.name, file.bytes, saveAs);
      if (!saved) return false;
      open.markSaved(saved, file.bytes);
      void host.snapshot(null);
      void host.remember({ name: saved, bytes: file.bytes });
      if (file.unplaced.length > 0) open.say(`已保存，但以下数字在原文件中没有位置：${file.unplaced.join('；')}。请用“导出公开表”另存。`, true);
      else open.say(`已保存“${saved}”`);
      return true;
    } catch (e) {
      open.say(message(e), true);
      return false;
    }
  }, []);

  /** True when the open report may be closed or replaced: it is saved, or the user said so. */
  const settleUnsaved = useCallback(async (): Promise<boolean> => {
    const open = current.current;
    if (!open?.dirty) return true;
    const answer = await new Promise<UnsavedAnswer>((resolve) => setUnsavedQuestion(() => resolve));
    setUnsavedQuestion(null);
    if (answer === 'save') return save();
    if (answer === 'discard') await host.snapshot(null);
    return answer === 'discard';
  }, [save]);

  const openBytes = useCallback(
    async (file: OpenedFile) => {
      try {
        const { session: next, notes } = await Session.read(file);
        // Asked only once the file has proved readable: a bad file leaves the open report as it was.
        if (!(await settleUnsaved())) return;
        show(next);
        if (notes.length > 0) next.say(`已打开，但有 ${notes.length} 处未能读取：${notes.join('；')}`, true);
        void host.remember(file);
      } catch (e) {
        fail(message(e));
      }
    },
    [show, fail, settleUnsaved],
  );

  const open = useCallback(async () => {
    try {
      const file = await host.openReport();
      if (file) await openBytes(file);
    } catch (e) {
      fail(message(e));
    }
  }, [openBytes, fail]);

  const exportPublication = useCallback(async () => {
    const open = current.current;
    if (!open) return;
    try {
      const file = await open.publication();
      const saved = await host.saveFile(file.name, file.bytes);
      if (saved) open.say(`已导出“${saved}”（A4 横向，可直接打印）`);
    } catch (e) {
      open.say(message(e), true);
    }
  }, []);

  const closeReport = useCallback(async () => {
    if (await settleUnsaved()) show(null);
  }, [settleUnsaved, show]);

  useEffect(() => {
    host.setDocumentState({ fileName: session?.fileName ?? null, dirty: session?.dirty ?? false });
    if (!session) return;
    let dirty = session.dirty;
    let fileName = session.fileName;
    const unsubscribe = session.subscribe(() => {
      if (session.dirty === dirty && session.fileName === fileName) return;
      ({ dirty, fileName } = session);
      host.setDocumentState({ fileName, dirty });
    });
    const stopAutosave = startAutosave(session, host);
    return () => {
      unsubscribe();
      stopAutosave();
    };
  }, [session]);

  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (current.current?.dirty) e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    const stopCommands = host.onCommand((command) => {
      if (command === 'open') void open();
      else if (command === 'save' || command === 'saveAs') void save(command === 'saveAs');
      else if (command === 'exportPublication') void exportPublication();
      else if (command === 'close') void settleUnsaved().then((closing) => closing && host.closeWindow());
    });
    const stopDelivery = host.onFileDelivered((file) => void openBytes(file));
    return () => {
      window.removeEventListener('beforeunload', warn);
      stopCommands();
      stopDelivery();
    };
  }, [open, save, exportPublication, settleUnsaved, openBytes]);

  const dialog = unsavedQuestion && session && <UnsavedDialog fileName={session.fileName} onAnswer={unsavedQuestion} />;

  if (session) {
    const exportCsv = async (tableId: string) => {
      const file = await session.exportCsv(tableId);
      const saved = await host.saveFile(file.name, file.bytes).catch((e: unknown) => void session.say(message(e), true));
      if (saved) session.say(`已导出“${saved}”`);
    };
    const importCsv = async (tableId: string) => {
      const file = await host.openFile(['csv']).catch((e: unknown) => void session.say(message(e), true));
      if (file) await session.importCsv(tableId, file.name, file.bytes);
    };
    return (
      <>
        <WorkbookView
          // A new report may be of another table set: its window starts afresh (its first table, nothing selected).
          key={session.id}
          session={session}
          onSave={() => void save()}
          onExport={exportPublication}
          onExportCsv={exportCsv}
          onImportCsv={importCsv}
          onOpen={open}
          onClose={closeReport}
        />
        {dialog}
      </>
    );
  }
  return (
    <StartPage
      host={host}
      error={error}
      onOpen={open}
      onOpenExample={() => show(Session.open(example as ReportFile, '2024年度决算示例.json'))}
      onOpenRecent={async (id) => {
        const file = await host.openRecent(id).catch((e: unknown) => void fail(message(e)));
        if (file) await openBytes(file);
        else if (file === null) fail('这个文件已不在原处，或内容没有保存在浏览器中，请用“打开报表文件”重新选择。');
      }}
      onRecover={async (id) => {
        try {
          const work = await host.recover(id);
          if (!work) return fail('这份自动备份已不存在。');
          const recovered = Session.open(readReportJson(work.fileName, work.report), work.fileName, work.spreadsheet);
          recovered.recovered = true;
          show(recovered);
          recovered.say(`已恢复“${work.fileName}”未保存的修改，请核对后保存。`);
        } catch (e) {
          fail(message(e));
        }
      }}
      onNew={(templateId, year, department) => {
        const template = builtInCatalog.templates.find((t) => t.id === templateId)!;
        const meta = { kind: template.kind, year, department, unit: template.unit, template: template.id };
        show(Session.create(meta, `${year}年度${department}${template.kind === 'final' ? '部门决算' : '部门预算'}.xlsx`));
      }}
    />
  );
}
