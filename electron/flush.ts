/**
 * Making a save survive a power cut or a system crash: a file's content is flushed to the disk
 * before the file is renamed into place, and its folder after, so that the rename is on disk too.
 */
import fs from 'node:fs/promises';

export async function flushFile(file: string): Promise<void> {
  // Writable: Windows flushes only a handle opened for writing.
  const handle = await fs.open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Flushes the folder's entries. Windows cannot open a folder as a file and some file systems
 * refuse to flush one; there the file system keeps the rename when it will. That never fails the
 * save: by now the new file is complete and in place.
 */
export async function flushFolder(folder: string): Promise<void> {
  let handle: fs.FileHandle | null = null;
  try {
    handle = await fs.open(folder, 'r');
    await handle.sync();
  } catch {
    // As said above: nothing the user could do, and nothing lost.
  } finally {
    await handle?.close().catch(() => {});
  }
}
