/**
 * Files exchanged beside the report itself: the publication workbook (as finance offices print and
 * circulate it) and one table as CSV, out and in. Failures are said in the status line.
 */
import { useCallback, type RefObject } from 'react';
import { host } from '../host';
import { message } from './message';
import type { Session } from './session';

export function useExchangeFiles(current: RefObject<Session | null>) {
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
  }, [current]);

  const exportCsv = useCallback(
    async (tableId: string) => {
      const open = current.current;
      if (!open) return;
      const file = await open.exportCsv(tableId);
      const saved = await host
        .saveFile(file.name, file.bytes)
        .catch((e: unknown) => void open.say(message(e), true));
      if (saved) open.say(`已导出“${saved}”`);
    },
    [current],
  );

  const importCsv = useCallback(
    async (tableId: string) => {
      const open = current.current;
      const file = await host.openFile(['csv']).catch((e: unknown) => void open?.say(message(e), true));
      if (file && open) await open.importCsv(tableId, file.name, file.bytes);
    },
    [current],
  );

  return { exportPublication, exportCsv, importCsv };
}
