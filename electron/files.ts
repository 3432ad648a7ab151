/**
 * Reading and writing the user's files so that no work is ever lost: a save goes to a temporary
 * file beside the target, is flushed to disk and only then renamed over the target, so a failure
 * or a kill at any point leaves either the previous file or the new one, never a part of one. The
 * previous version is kept as a backup (backups.ts); what interrupted saves left behind is removed
 * by the next save into the folder (temporaryFiles.ts). Errors come back as Chinese messages that
 * name the file and say what to do.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { keepBackup } from './backups';
import { flushFolder } from './flush';
import { removeLeftovers, withTemporaryBeside } from './temporaryFiles';

/** Larger than any table set; a bigger file is refused before it is read into memory. */
export const MAX_READ_BYTES = 100 * 1024 * 1024;

export class UserFileError extends Error {
  override name = 'UserFileError';
}

/** What a Node file-system error means to a user, for the file named. */
export function describeFileError(error: unknown, file: string, doing: '打开' | '保存'): UserFileError {
  const name = path.basename(file);
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return new UserFileError(
        doing === '打开'
          ? `找不到文件“${name}”，它可能已被移动或删除。`
          : `无法保存“${name}”：文件夹“${path.dirname(file)}”不存在。`,
      );
    case 'EBUSY':
    case 'EPERM':
    case 'EACCES':
      return new UserFileError(
        doing === '打开'
          ? `无法打开“${name}”：没有读取权限，或文件正被其他程序独占。`
          : `无法保存“${name}”：文件正被其他程序（如 Excel、WPS）打开，或没有写入权限。请关闭该文件后再保存，或用“另存为”保存到其他位置。原文件未被改动。`,
      );
    case 'EROFS':
      return new UserFileError(`无法保存“${name}”：所在磁盘是只读的。请用“另存为”保存到其他位置。`);
    case 'ENOSPC':
      return new UserFileError(`无法保存“${name}”：磁盘空间不足。原文件未被改动。`);
    case 'EISDIR':
      return new UserFileError(`“${name}”是文件夹，不是报表文件。`);
    default:
      return new UserFileError(
        `无法${doing}“${name}”：${error instanceof Error ? error.message : String(error)}`,
      );
  }
}

export async function readUserFile(file: string): Promise<Uint8Array> {
  try {
    const stat = await fs.stat(file);
    if (stat.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    if (stat.size > MAX_READ_BYTES) {
      throw new UserFileError(
        `无法打开“${path.basename(file)}”：文件有 ${Math.round(stat.size / 1024 / 1024)} MB，远大于报表文件（上限 ${MAX_READ_BYTES / 1024 / 1024} MB）。`,
      );
    }
    return new Uint8Array(await fs.readFile(file));
  } catch (error) {
    throw error instanceof UserFileError ? error : describeFileError(error, file, '打开');
  }
}

/**
 * The file a save replaces: for a symbolic link the file it points to, so that the link stays a
 * link and its target gets the new content. A path that does not resolve (a new file, a link
 * pointing nowhere) is written as given.
 */
async function fileBehind(target: string): Promise<string> {
  return fs.realpath(target).catch(() => target);
}

/** Writes `bytes` into the new file `temporary` with the permissions of the file it replaces, and flushes it. */
async function writeFlushed(temporary: string, bytes: Uint8Array, mode: number | undefined): Promise<void> {
  const handle = await fs.open(temporary, 'wx', mode ?? 0o666);
  try {
    // The umask may have narrowed the mode given to open; a 0600 file stays 0600, a 0644 one 0644.
    if (mode !== undefined) await handle.chmod(mode);
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export interface SaveResult {
  /** Where the previous version was kept, or null when the file is new. */
  backup: string | null;
  /** Said to the user when the save succeeded but the backup could not be made. */
  warning: string | null;
}

/**
 * Replaces `target` with `bytes` atomically: a temporary file beside it, flushed, renamed over it,
 * and the folder flushed. The previous version is copied to its pool in `backupDir` first (when
 * given); a backup that cannot be made does not stop the save but is reported. What interrupted
 * saves left in the folder is removed first.
 */
export async function saveAtomically(
  target: string,
  bytes: Uint8Array,
  backupDir: string | null,
): Promise<SaveResult> {
  const file = await fileBehind(target);
  const current = await fs.stat(file).catch(() => null);
  // Windows maps the read-only attribute to a mode without the owner's write bit.
  if (current && (current.mode & 0o200) === 0) {
    throw new UserFileError(
      `无法保存“${path.basename(target)}”：文件是只读的。请用“另存为”保存为新文件，或在文件属性中取消“只读”。`,
    );
  }
  const folder = path.dirname(file);
  await removeLeftovers(folder);

  let backup: string | null = null;
  let warning: string | null = null;
  try {
    await withTemporaryBeside(file, async (temporary) => {
      await writeFlushed(temporary, bytes, current ? current.mode & 0o777 : undefined);
      if (current && backupDir) {
        try {
          backup = await keepBackup(file, backupDir);
        } catch (error) {
          warning = `已保存，但未能保留上一版本的备份：${error instanceof Error ? error.message : String(error)}`;
        }
      }
      await fs.rename(temporary, file);
    });
  } catch (error) {
    throw describeFileError(error, target, '保存');
  }
  await flushFolder(folder);
  return { backup, warning };
}
