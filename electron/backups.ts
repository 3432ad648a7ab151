/**
 * The previous versions of the user's files, kept in the user data folder's 备份. Before a save
 * replaces a file, its current content is copied into that file's own pool: a folder named after
 * the file plus a short hash of its full path, so that two 报表.xlsx in different folders keep
 * separate pools and a person can still tell whose pool it is. Each pool keeps the newest
 * BACKUPS_PER_FILE. A backup is copied under a temporary name, flushed and only then renamed, so a
 * file named like a backup is always complete; names carry the time to the millisecond and a
 * counter, so quick saves never overwrite each other's backups.
 */
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { flushFile, flushFolder } from './flush';
import { removeLeftovers, withTemporaryBeside } from './temporaryFiles';

export const BACKUPS_PER_FILE = 10;
/** Enough of a long file name to recognise it, leaving room for the hash or the time in the name. */
const NAME_SHOWN = 50;
/** UTC date-time to the millisecond, then the counter within that millisecond. */
const STAMP = /^\d{8}-\d{6}-\d{3}-\d{3}$/u;

const shown = (name: string) => Array.from(name).slice(0, NAME_SHOWN).join('');

/** The folder of `file`'s backups, e.g. 备份/报表.xlsx-1a2b3c4d. */
export function backupPool(backupDir: string, file: string): string {
  const full = path.resolve(file);
  // Windows paths name the same file in any case.
  const hash = createHash('sha256')
    .update(process.platform === 'win32' ? full.toLowerCase() : full)
    .digest('hex')
    .slice(0, 8);
  return path.join(backupDir, `${shown(path.basename(full))}-${hash}`);
}

let lastStamp = '';
let sameStampCount = 0;

/** `报表.20260101-093000-123-000.xlsx`: in time order when sorted by name. */
function backupName(file: string, at: Date): string {
  const stamp = at.toISOString().replace(/[-:]/gu, '').replace('T', '-').replace('.', '-').slice(0, 19);
  sameStampCount = stamp === lastStamp ? sameStampCount + 1 : 0;
  lastStamp = stamp;
  const ext = path.extname(file);
  return `${shown(path.basename(file, ext))}.${stamp}-${String(sameStampCount).padStart(3, '0')}${ext}`;
}

function isBackupOf(file: string, name: string): boolean {
  const ext = path.extname(file);
  const prefix = `${shown(path.basename(file, ext))}.`;
  return (
    name.startsWith(prefix) &&
    name.endsWith(ext) &&
    STAMP.test(name.slice(prefix.length, name.length - ext.length))
  );
}

async function removeOldBackups(pool: string, file: string, keep: number): Promise<void> {
  const backups = (await fs.readdir(pool)).filter((name) => isBackupOf(file, name)).sort();
  for (const old of backups.slice(0, Math.max(0, backups.length - keep)))
    await fs.rm(path.join(pool, old), { force: true });
}

/** Copies the current version of `file` into its pool in `backupDir`, keeping only the newest backups. */
export async function keepBackup(file: string, backupDir: string, at = new Date()): Promise<string> {
  const pool = backupPool(backupDir, file);
  await fs.mkdir(pool, { recursive: true });
  await removeLeftovers(pool);
  const backup = path.join(pool, backupName(file, at));
  await withTemporaryBeside(backup, async (temporary) => {
    await fs.copyFile(file, temporary, constants.COPYFILE_EXCL);
    await flushFile(temporary);
    // Room is made before the new backup gets its name, so that even a kill right then leaves no more than BACKUPS_PER_FILE.
    await removeOldBackups(pool, file, BACKUPS_PER_FILE - 1);
    await fs.rename(temporary, backup);
  });
  await flushFolder(pool);
  return backup;
}

/** At start-up: removes the partial copies that backups interrupted by a kill or a crash left in the pools. */
export async function removeInterruptedBackups(backupDir: string): Promise<void> {
  const entries = await fs.readdir(backupDir, { withFileTypes: true }).catch(() => []);
  await Promise.all(
    entries
      .filter((entry) => entry.isDirectory())
      .map((entry) => removeLeftovers(path.join(backupDir, entry.name))),
  );
}
