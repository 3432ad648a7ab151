/**
 * The report's files: opening (the program's own .json, or an .xlsx as finance offices circulate
 * it), saving, exporting. A file that cannot be read leaves the open report as it was and says
 * why; unsaved edits are never closed or replaced without asking.
 */
import { useCallback, useState } from 'react';
import { host, type OpenedFile } from '../host';
import type { ReadingFile } from '../views/ReadingBar';
import type { UnsavedAnswer } from '../views/UnsavedDialog';
import { ReadCancelled, readInWorker } from './readInWorker';
import { message } from './message';
import { Session } from './session';
import { useExchangeFiles } from './useExchangeFiles';
import { useLatest } from './useLatest';

/**
 * Reads a file in a worker so that the window (and the report open in it) stays usable while a
 * large file is read; `onReading` follows it for the progress bar and its 取消 button.
 */
function readOffThread(onReading: (reading: ReadingFile) => void) {
  return (name: string, bytes: Uint8Array) => {
    const reading = readInWorker(name, bytes, (fraction) =>
      onReading({ name, fraction, cancel: reading.cancel }),
    );
    onReading({ name, fraction: 0, cancel: reading.cancel });
    return reading.result;
  };
}

export function useReportFiles() {
  const [session, setSession] = useState<Session | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [unsavedQuestion, setUnsavedQuestion] = useState<((answer: UnsavedAnswer) => void) | null>(null);
  const [reading, setReading] = useState<ReadingFile | null>(null);
  // The latest session for handlers registered once (menu commands, files delivered by the host).
  const current = useLatest<Session | null>(session);

  const show = useCallback((next: Session | null) => {
    setSession(next);
    setError(null);
  }, []);

  const fail = useCallback(
    (text: string) => {
      if (current.current) current.current.say(text, true);
      else setError(text);
    },
    [current],
  );

  const save = useCallback(
    async (saveAs = false): Promise<boolean> => {
      const open = current.current;
      if (!open) return false;
      try {
        const file = await open.save();
        const saved = await host.saveReport(file.name, file.bytes, saveAs);
        if (!saved) return false;
        open.markSaved(saved, file.bytes);
        void host.snapshot(null);
        void host.remember({ name: saved, bytes: file.bytes });
        if (file.unplaced.length > 0)
          open.say(
            `已保存，但以下数字在原文件中没有位置：${file.unplaced.join('；')}。请用“导出公开表”另存。`,
            true,
          );
        else open.say(`已保存“${saved}”`);
        return true;
      } catch (e) {
        open.say(message(e), true);
        return false;
      }
    },
    [current],
  );

  /** True when the open report may be closed or replaced: it is saved, or the user said so. */
  const settleUnsaved = useCallback(async (): Promise<boolean> => {
    const open = current.current;
    if (!open?.dirty) return true;
    const answer = await new Promise<UnsavedAnswer>((resolve) => setUnsavedQuestion(() => resolve));
    setUnsavedQuestion(null);
    if (answer === 'save') return save();
    if (answer === 'discard') await host.snapshot(null);
    return answer === 'discard';
  }, [current, save]);

  const openBytes = useCallback(
    async (file: OpenedFile) => {
      try {
        const { session: next, notes } = await Session.read(file, readOffThread(setReading)).finally(() =>
          setReading(null),
        );
        // Asked only once the file has proved readable: a bad file leaves the open report as it was.
        if (!(await settleUnsaved())) return;
        show(next);
        if (notes.length > 0) next.say(`已打开，但有 ${notes.length} 处未能读取：${notes.join('；')}`, true);
        void host.remember(file);
      } catch (e) {
        // Cancelling is not a failure: the open report (or the start page) says so plainly.
        if (e instanceof ReadCancelled && current.current) current.current.say(e.message);
        else fail(message(e));
      }
    },
    [current, show, fail, settleUnsaved],
  );

  const open = useCallback(async () => {
    try {
      const file = await host.openReport();
      if (file) await openBytes(file);
    } catch (e) {
      fail(message(e));
    }
  }, [openBytes, fail]);

  const closeReport = useCallback(async () => {
    if (await settleUnsaved()) show(null);
  }, [settleUnsaved, show]);

  return {
    session,
    error,
    unsavedQuestion,
    reading,
    current,
    show,
    fail,
    save,
    settleUnsaved,
    openBytes,
    open,
    closeReport,
    ...useExchangeFiles(current),
  };
}
