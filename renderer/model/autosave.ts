/**
 * Autosave: every few seconds an edited report is handed to the host as report JSON, where a crash
 * or a closed tab cannot lose it; the start page offers it back. Saving or discarding removes it.
 */
import type { HostApi } from '../host';
import type { Session } from './session';

export const AUTOSAVE_INTERVAL_MS = 4000;

export function startAutosave(
  session: Session,
  host: HostApi,
  intervalMs = AUTOSAVE_INTERVAL_MS,
): () => void {
  let snapshotVersion = -1;
  let busy = false;
  const tick = async () => {
    if (
      busy ||
      (session.dirty && session.version === snapshotVersion) ||
      (!session.dirty && snapshotVersion === -1)
    )
      return;
    busy = true;
    try {
      if (session.dirty) {
        snapshotVersion = session.version;
        await host.snapshot({ fileName: session.fileName, report: session.snapshot() });
      } else {
        snapshotVersion = -1;
        await host.snapshot(null);
      }
    } catch (error) {
      session.say(`自动备份失败：${error instanceof Error ? error.message : String(error)}`, true);
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  return () => clearInterval(timer);
}
