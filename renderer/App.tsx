/**
 * The program: the start page until a report is open, then the workbook window. Unsaved edits are
 * snapshotted for recovery and never closed or replaced without asking (model/useReportFiles.ts).
 */
import { useEffect, useMemo } from 'react';
import { readReportJson } from '../shared/io/reportJson';
import type { ReportFile } from '../shared/model/report';
import { builtInCatalog } from '../shared/templates/catalog';
import example from './examples/final-2024-gaoxin.json';
import { host } from './host';
import { startAutosave } from './model/autosave';
import { Session } from './model/session';
import { message } from './model/message';
import { useReportFiles } from './model/useReportFiles';
import { ReadingBar } from './views/ReadingBar';
import { StartPage } from './views/StartPage';
import { UnsavedDialog } from './views/UnsavedDialog';
import { WorkbookView, type FileActions } from './views/WorkbookView';

/** Keeps the window title and the host's close guard in step with the open report, and autosaves it. */
function useDocumentState(session: Session | null): void {
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
}

export function App() {
  const files = useReportFiles();
  const { session, current, open, save, settleUnsaved, openBytes, show, fail } = files;
  useDocumentState(session);

  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (current.current?.dirty) e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    // With a report open the window's action table answers the menu; the start page answers only these two.
    const stopCommands = host.onCommand((command) => {
      if (current.current) return;
      if (command === 'open') void open();
      else if (command === 'close') host.closeWindow();
    });
    const stopDelivery = host.onFileDelivered((file) => void openBytes(file));
    return () => {
      window.removeEventListener('beforeunload', warn);
      stopCommands();
      stopDelivery();
    };
  }, [current, open, openBytes]);

  const actions = useMemo(
    (): FileActions => ({
      save: (saveAs) => void save(saveAs),
      exportPublication: () => void files.exportPublication(),
      exportCsv: (tableId) => void files.exportCsv(tableId),
      importCsv: (tableId) => void files.importCsv(tableId),
      open: () => void open(),
      closeReport: () => void files.closeReport(),
      closeWindow: () => void settleUnsaved().then((closing) => closing && host.closeWindow()),
    }),
    [files, save, open, settleUnsaved],
  );

  if (session) {
    return (
      <>
        {/* A new report may be of another table set: its window starts afresh (its first table, nothing selected). */}
        <WorkbookView key={session.id} session={session} files={actions} />
        {files.reading && <ReadingBar reading={files.reading} />}
        {files.unsavedQuestion && (
          <UnsavedDialog fileName={session.fileName} onAnswer={files.unsavedQuestion} />
        )}
      </>
    );
  }
  return (
    <>
      {files.reading && <ReadingBar reading={files.reading} />}
      <StartPage
        host={host}
        error={files.error}
        onOpen={open}
        onOpenExample={() => show(Session.open(example as ReportFile, '2024年度决算示例.json'))}
        onOpenRecent={async (id) => {
          const file = await host.openRecent(id).catch((e: unknown) => void fail(message(e)));
          if (file) await openBytes(file);
          else if (file === null)
            fail('这个文件已不在原处，或内容没有保存在浏览器中，请用“打开报表文件”重新选择。');
        }}
        onRecover={async (id) => {
          try {
            const work = await host.recover(id);
            if (!work) return fail('这份自动备份已不存在。');
            const recovered = Session.open(
              readReportJson(work.fileName, work.report),
              work.fileName,
              work.spreadsheet,
            );
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
          show(
            Session.create(
              meta,
              `${year}年度${department}${template.kind === 'final' ? '部门决算' : '部门预算'}.xlsx`,
            ),
          );
        }}
      />
    </>
  );
}
