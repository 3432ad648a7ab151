/**
 * Autosave snapshots in the user data folder: one file per window, written atomically while the
 * window has unsaved edits and removed once they are saved or discarded. Whatever is left after a
 * crash is offered back on the start page.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { saveAtomically } from './files';

export interface Snapshot {
  id: string;
  fileName: string;
  /** The file on disk the report belongs to (an .xlsx to write back into), if any. */
  documentPath: string | null;
  savedAt: string;
  /** The report as report JSON text. */
  report: string;
}

const SNAPSHOT_ID = /^[a-z0-9-]{1,64}$/u;

export class RecoveryStore {
  constructor(private readonly dir: string) {}

  private file(id: string): string {
    if (!SNAPSHOT_ID.test(id)) throw new Error(`不是自动备份的编号：${id}`);
    return path.join(this.dir, `${id}.json`);
  }

  async write(snapshot: Snapshot): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true });
    await saveAtomically(this.file(snapshot.id), new TextEncoder().encode(JSON.stringify(snapshot)), null);
  }

  async read(id: string): Promise<Snapshot | null> {
    try {
      const snapshot = JSON.parse(await fs.readFile(this.file(id), 'utf8')) as Snapshot;
      return typeof snapshot.report === 'string' && typeof snapshot.fileName === 'string'
        ? { ...snapshot, id }
        : null;
    } catch {
      return null;
    }
  }

  async remove(id: string): Promise<void> {
    await fs.rm(this.file(id), { force: true });
  }

  /** Snapshots on disk, newest first, except those of `live` windows (still open, not crashed). */
  async list(live: ReadonlySet<string>): Promise<Omit<Snapshot, 'report'>[]> {
    const names = await fs.readdir(this.dir).catch(() => [] as string[]);
    const found: Omit<Snapshot, 'report'>[] = [];
    for (const name of names) {
      const id = name.replace(/\.json$/u, '');
      if (!name.endsWith('.json') || !SNAPSHOT_ID.test(id) || live.has(id)) continue;
      const snapshot = await this.read(id);
      if (snapshot)
        found.push({
          id,
          fileName: snapshot.fileName,
          documentPath: snapshot.documentPath,
          savedAt: snapshot.savedAt,
        });
    }
    return found.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
  }
}
