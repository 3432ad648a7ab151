/**
 * Temporary files beside a file being replaced. A save writes the new content into one, flushes it
 * and renames it over the file; a save that is killed midway leaves it behind. Its name says which
 * file it was for and which computer and process wrote it, so that the next save into the same
 * folder removes what interrupted saves left there without touching one still being written: by
 * this process (another window saving into the same folder), by another program still running on
 * this computer, or by another computer saving into the same shared folder.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface Writer {
  /** A short hash of the computer's name. */
  host: string;
  pid: number;
}

export const THIS_WRITER: Writer = {
  host: createHash('sha256').update(os.hostname()).digest('hex').slice(0, 8),
  pid: process.pid,
};

/** `.~报表.xlsx.<host>-<pid>-<random>.tmp` */
const TEMPORARY = /^\.~.+\.([0-9a-f]{8})-(\d{1,10})-[0-9a-f]{8}\.tmp$/u;
/** `.~报表.xlsx.<random>.tmp`, as saves wrote them before they named their writer: never still in use. */
const UNNAMED_TEMPORARY = /^\.~.+\.[0-9a-f]{8}\.tmp$/u;

/** Names of the temporary files this process is writing now. */
const inUse = new Set<string>();

export function temporaryPathFor(file: string, writer: Writer = THIS_WRITER): string {
  return path.join(
    path.dirname(file),
    `.~${path.basename(file)}.${writer.host}-${writer.pid}-${randomBytes(4).toString('hex')}.tmp`,
  );
}

/**
 * Runs `use` with a new temporary path beside `file` (`use` creates the file and renames it into
 * place). While `use` runs, no cleanup removes it; if `use` fails, it is removed.
 */
export async function withTemporaryBeside<T>(
  file: string,
  use: (temporary: string) => Promise<T>,
): Promise<T> {
  const temporary = temporaryPathFor(file);
  inUse.add(path.basename(temporary));
  try {
    return await use(temporary);
  } catch (error) {
    await fs.rm(temporary, { force: true }).catch(() => {});
    throw error;
  } finally {
    inUse.delete(path.basename(temporary));
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process runs under another user's account.
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

function isLeftover(name: string): boolean {
  if (inUse.has(name)) return false;
  if (UNNAMED_TEMPORARY.test(name)) return true;
  const writer = TEMPORARY.exec(name);
  // Another computer's process cannot be looked up from here; that computer's next save removes it.
  if (!writer || writer[1] !== THIS_WRITER.host) return false;
  const pid = Number(writer[2]);
  return pid === process.pid || !isRunning(pid);
}

/**
 * Removes the temporary files that interrupted saves left in `folder`. Never fails: what cannot
 * be removed now (no permission, a slow network share) is tried again by a later save.
 */
export async function removeLeftovers(folder: string): Promise<void> {
  const names = await fs.readdir(folder).catch(() => [] as string[]);
  await Promise.all(
    names.filter(isLeftover).map((name) => fs.rm(path.join(folder, name), { force: true }).catch(() => {})),
  );
}
