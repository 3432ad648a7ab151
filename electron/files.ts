/**
 * Reading and writing the user's files so that no work is ever lost: a save goes to a temporary
 * file beside the target, is flushed to disk and only then renamed over the target, so a failure
 * at any point leaves the previous file as it was. The previous version is kept as a backup.
 * Errors come back as Chinese messages that name the file and say what to do.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';

/** Larger than any table set; a bigger file is refused before it is read into memory. */
export const MAX_READ_BYTES = 100 * 1024 * 1024;
/** Backups kept per file name; older ones are removed. */
export const BACKUPS_PER_FILE = 10;

export class UserFileError extends Error {
  override name = 'UserFileError';
}

/** What a Node file-system error means to a user, for the file named. */
export function describeFileError(error: unknown, file: string, doing: '打开' | '保存'): UserFileError {
  const name = path.basename(file);
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return new UserFileError(doing === '打开' ? `找不到文件“${name}”，它可能已被移动或删除。` : `无法保存“${name}”：文件夹“${path.dirname(file)}”不存在。`);
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
      return new UserFileError(`无法${doing}“${name}”：${error instanceof Error ? error.message : String(error)}`);
  }
}

export async function readUserFile(file: string): Promise<Uint8Array> {
  try {
    const stat = await fs.stat(file);
    if (stat.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    if (stat.size > MAX_READ_BYTES) {
      throw new UserFileError(`无法打开“${path.basename(file)}”：文件有 ${Math.round(stat.size / 1024 / 1024)} MB，远大于报表文件（上限 ${MAX_READ_BYTES / 1024 / 1024} MB）。`);
    }
    return new Uint8Array(await fs.readFile(file));
  } catch (error) {
    throw error instanceof UserFileError ? error : describeFileError(error, file, '打开');
  }
}

async function isReadOnly(file: string): Promise<boolean> {
  try {
    // Windows maps the read-only attribute to a mode without the owner's write bit.
    return ((await fs.stat(file)).mode & 0o200) === 0;
  } catch {
    return false;
  }
}

function backupName(file: string, at: Date): string {
  const ext = path.extname(file);
  const stamp = at.toISOString().replace(/[-:]/gu, '').replace('T', '-').slice(0, 15);
  return `${path.basename(file, ext)}.${stamp}${ext}`;
}

/** Copies the current version of `file` into `backupDir` and keeps only the newest backups of it. */
export async function keepBackup(file: string, backupDir: string, at = new Date()): Promise<string> {
  await fs.mkdir(backupDir, { recursive: true });
  const target = path.join(backupDir, backupName(file, at));
  await fs.copyFile(file, target);
  const ext = path.extname(file);
  const prefix = `${path.basename(file, ext)}.`;
  const ours = (await fs.readdir(backupDir)).filter((n) => n.startsWith(prefix) && n.endsWith(ext) && /^\d{8}-\d{6}$/u.test(n.slice(prefix.length, n.length - ext.length)));
  for (const old of ours.sort().slice(0, Math.max(0, ours.length - BACKUPS_PER_FILE))) await fs.rm(path.join(backupDir, old), { force: true });
  return target;
}

export interface SaveResult {
  /** Where the previous version was kept, or null when the file is new. */
  backup: string | null;
  /** Said to the user when the save succeeded but the backup could not be made. */
  warning: string | null;
}

/**
 * Replaces `target` with `bytes` atomically. The previous version is copied to `backupDir` first
 * (when given); a backup that cannot be made does not stop the save but is reported.
 */
export async function saveAtomically(target: string, bytes: Uint8Array, backupDir: string | null): Promise<SaveResult> {
  const exists = await fs.access(target, constants.F_OK).then(
    () => true,
    () => false,
  );
  if (exists && (await isReadOnly(target))) {
    throw new UserFileError(`无法保存“${path.basename(target)}”：文件是只读的。请用“另存为”保存为新文件，或在文件属性中取消“只读”。`);
  }
  const temporary = path.join(path.dirname(target), `.~${path.basename(target)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await fs.open(temporary, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw describeFileError(error, target, '保存');
  }

  let backup: string | null = null;
  let warning: string | null = null;
  if (exists && backupDir) {
    try {
      backup = await keepBackup(target, backupDir);
    } catch (error) {
      warning = `已保存，但未能保留上一版本的备份：${error instanceof Error ? error.message : String(error)}`;
    }
  }
  try {
    await fs.rename(temporary, target);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw describeFileError(error, target, '保存');
  }
  return { backup, warning };
}
