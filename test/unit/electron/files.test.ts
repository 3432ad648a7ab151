import fsSync from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BACKUPS_PER_FILE,
  backupPool,
  keepBackup,
  removeInterruptedBackups,
} from '../../../electron/backups';
import { describeFileError, MAX_READ_BYTES, readUserFile, saveAtomically } from '../../../electron/files';
import { temporaryPathFor, THIS_WRITER } from '../../../electron/temporaryFiles';

// The real file system, with rename and open replaceable to simulate failures midway.
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = (await importOriginal<{ default: typeof import('node:fs/promises') }>()).default;
  const wrapped = { ...real, rename: vi.fn(real.rename), open: vi.fn(real.open) };
  return { default: wrapped, ...wrapped };
});

const errno = (code: string) => Object.assign(new Error(code), { code });
const text = (value: string) => new TextEncoder().encode(value);
const realFs = async () => (await vi.importActual<{ default: typeof fs }>('node:fs/promises')).default;
/** Above the highest process id Linux can give (and not a multiple of 4, as Windows' are): no process has it. */
const NO_SUCH_PROCESS = 2 ** 22 + 1;
let dir: string;
let backups: string;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bd-files-'));
  backups = path.join(dir, 'backups');
});
afterEach(async () => {
  // Back to the real functions (the ones given to vi.fn) for the next test.
  vi.mocked(fs.rename).mockReset();
  vi.mocked(fs.open).mockReset();
  await fs.chmod(path.join(dir, '决算.xlsx'), 0o644).catch(() => {});
  await fs.rm(dir, { recursive: true, force: true });
});

const leftovers = async () => (await fs.readdir(dir)).filter((n) => n.endsWith('.tmp'));
/** The contents of `file`'s backups, oldest first. */
async function backupsOf(file: string): Promise<string[]> {
  const pool = backupPool(backups, file);
  const names = (await fs.readdir(pool)).sort();
  return Promise.all(names.map((n) => fs.readFile(path.join(pool, n), 'utf8')));
}

describe('atomic save', () => {
  it('writes a new file without a backup', async () => {
    const target = path.join(dir, '决算.xlsx');
    const result = await saveAtomically(target, new TextEncoder().encode('新'), backups);
    expect(await fs.readFile(target, 'utf8')).toBe('新');
    expect(result).toEqual({ backup: null, warning: null });
    expect(await leftovers()).toEqual([]);
  });

  it('replaces a file and keeps the previous version as a backup', async () => {
    const target = path.join(dir, '决算.xlsx');
    await fs.writeFile(target, '旧');
    const result = await saveAtomically(target, new TextEncoder().encode('新'), backups);
    expect(await fs.readFile(target, 'utf8')).toBe('新');
    expect(path.relative(backups, result.backup!)).toMatch(
      /^决算\.xlsx-[0-9a-f]{8}[\\/]决算\.\d{8}-\d{6}-\d{3}-\d{3}\.xlsx$/u,
    );
    expect(await fs.readFile(result.backup!, 'utf8')).toBe('旧');
    expect(await leftovers()).toEqual([]);
  });

  it('leaves the old file intact when writing fails midway (disk full while flushing)', async () => {
    const target = path.join(dir, '决算.xlsx');
    await fs.writeFile(target, '旧');
    const realOpen = (await realFs()).open;
    vi.mocked(fs.open).mockImplementationOnce(async (...args: Parameters<typeof fs.open>) => {
      const handle = await realOpen(...args);
      return Object.assign(handle, { sync: async () => Promise.reject(errno('ENOSPC')) });
    });
    await expect(saveAtomically(target, new TextEncoder().encode('新内容'), backups)).rejects.toThrow(
      '无法保存“决算.xlsx”：磁盘空间不足。原文件未被改动。',
    );
    expect(await fs.readFile(target, 'utf8')).toBe('旧');
    expect(await leftovers()).toEqual([]);
  });

  it('says the file is open in Excel or WPS when it cannot be replaced, and leaves it intact', async () => {
    const target = path.join(dir, '决算.xlsx');
    await fs.writeFile(target, '旧');
    // The backup is renamed into its pool first; only replacing the file itself fails.
    const realRename = (await realFs()).rename;
    vi.mocked(fs.rename).mockImplementation(async (from, to) =>
      path.basename(String(to)) === '决算.xlsx' ? Promise.reject(errno('EBUSY')) : realRename(from, to),
    );
    await expect(saveAtomically(target, new TextEncoder().encode('新'), backups)).rejects.toThrow(
      /正被其他程序（如 Excel、WPS）打开.*原文件未被改动/u,
    );
    expect(await fs.readFile(target, 'utf8')).toBe('旧');
    expect(await leftovers()).toEqual([]);
  });

  it('refuses a read-only file with a clear message', async () => {
    const target = path.join(dir, '决算.xlsx');
    await fs.writeFile(target, '旧');
    await fs.chmod(target, 0o444);
    await expect(saveAtomically(target, new TextEncoder().encode('新'), backups)).rejects.toThrow(
      '无法保存“决算.xlsx”：文件是只读的。',
    );
    expect(await fs.readFile(target, 'utf8')).toBe('旧');
  });

  it('still saves when the backup folder cannot be made, and says so', async () => {
    const target = path.join(dir, '决算.xlsx');
    await fs.writeFile(target, '旧');
    await fs.writeFile(backups, 'a file where the folder should be');
    const result = await saveAtomically(target, new TextEncoder().encode('新'), backups);
    expect(await fs.readFile(target, 'utf8')).toBe('新');
    expect(result.warning).toMatch(/^已保存，但未能保留上一版本的备份/u);
  });

  it.skipIf(process.platform === 'win32')("keeps the file's permissions", async () => {
    const target = path.join(dir, '决算.xlsx');
    for (const mode of [0o600, 0o640, 0o664]) {
      await fs.writeFile(target, '旧');
      await fs.chmod(target, mode);
      await saveAtomically(target, text('新'), backups);
      expect((await fs.stat(target)).mode & 0o777).toBe(mode);
    }
  });

  it.skipIf(process.platform === 'win32')(
    'saves through a symbolic link into the file it points to, and the link stays a link',
    async () => {
      const real = path.join(dir, '真实', '决算.xlsx');
      await fs.mkdir(path.dirname(real));
      await fs.writeFile(real, '旧');
      const link = path.join(dir, '快捷.xlsx');
      await fs.symlink(real, link);
      const result = await saveAtomically(link, text('新'), backups);
      expect((await fs.lstat(link)).isSymbolicLink()).toBe(true);
      expect(await fs.readFile(real, 'utf8')).toBe('新');
      expect(await fs.readFile(result.backup!, 'utf8')).toBe('旧');
      expect(await fs.readdir(path.dirname(real))).toEqual(['决算.xlsx']);
    },
  );

  it('flushes the file and its backup before renaming them into place, and their folders after', async () => {
    const target = path.join(dir, '决算.xlsx');
    await fs.writeFile(target, '旧');
    const events: string[] = [];
    const real = await realFs();
    vi.mocked(fs.open).mockImplementation(async (file, ...rest) => {
      const handle = await real.open(file, ...rest);
      const sync = handle.sync.bind(handle);
      return Object.assign(handle, {
        sync: async () => (events.push(`flush ${path.basename(String(file))}`), sync()),
      });
    });
    vi.mocked(fs.rename).mockImplementation(
      async (from, to) => (events.push(`rename ${path.basename(String(to))}`), real.rename(from, to)),
    );
    await saveAtomically(target, text('新'), backups);
    expect(events).toEqual([
      expect.stringMatching(/^flush \.~决算\.xlsx\..+\.tmp$/u),
      expect.stringMatching(/^flush \.~决算\.[\d-]+\.xlsx\..+\.tmp$/u),
      expect.stringMatching(/^rename 决算\.[\d-]+\.xlsx$/u),
      `flush ${path.basename(backupPool(backups, target))}`,
      'rename 决算.xlsx',
      `flush ${path.basename(dir)}`,
    ]);
  });

  it('saves where a folder cannot be opened to flush it, as on Windows', async () => {
    const target = path.join(dir, '决算.xlsx');
    const real = await realFs();
    vi.mocked(fs.open).mockImplementation(async (file, ...rest) =>
      file === dir ? Promise.reject(errno('EISDIR')) : real.open(file, ...rest),
    );
    await fs.writeFile(target, '旧');
    expect(await saveAtomically(target, text('新'), backups)).toMatchObject({ warning: null });
    expect(await fs.readFile(target, 'utf8')).toBe('新');
    expect(vi.mocked(fs.open).mock.calls.some(([file]) => file === dir)).toBe(true);
  });
});

describe('what interrupted saves left', () => {
  const otherHost = THIS_WRITER.host === '00000000' ? '11111111' : '00000000';

  it("is removed by the next save into the folder; files still being written and others' files are left alone", async () => {
    const target = path.join(dir, '决算.xlsx');
    await fs.writeFile(target, '旧');
    const left = [
      temporaryPathFor(target, { ...THIS_WRITER, pid: NO_SUCH_PROCESS }),
      temporaryPathFor(path.join(dir, '预算.xlsx'), { ...THIS_WRITER, pid: NO_SUCH_PROCESS }),
      // This process's, but not being written (an earlier process that had the same id).
      temporaryPathFor(target, THIS_WRITER),
      // As saves named them before they named their writer.
      path.join(dir, '.~决算.xlsx.0a1b2c3d.tmp'),
    ];
    const kept = [
      temporaryPathFor(target, { ...THIS_WRITER, pid: process.ppid }),
      temporaryPathFor(target, { host: otherHost, pid: NO_SUCH_PROCESS }),
      path.join(dir, '~$决算.xlsx'),
      path.join(dir, '.~笔记.txt'),
      path.join(dir, '决算.tmp'),
    ];
    for (const file of [...left, ...kept]) await fs.writeFile(file, '半个文件');
    await saveAtomically(target, text('新'), backups);
    expect((await fs.readdir(dir)).sort()).toEqual(
      ['backups', '决算.xlsx', ...kept.map((f) => path.basename(f))].sort(),
    );
  });

  it('does not include the temporary file of a save still being written by this process', async () => {
    const slow = path.join(dir, '决算.xlsx');
    const real = await realFs();
    let release = () => {};
    const writing = new Promise<void>((resolve) => {
      // The slow save has made its temporary file and waits to write into it until released.
      vi.mocked(fs.open).mockImplementationOnce(async (...args: Parameters<typeof fs.open>) => {
        const handle = await real.open(...args);
        const writeFile = handle.writeFile.bind(handle);
        return Object.assign(handle, {
          writeFile: async (data: Uint8Array) => {
            resolve();
            await new Promise<void>((go) => (release = go));
            return writeFile(data);
          },
        });
      });
    });
    const slowSave = saveAtomically(slow, text('慢的'), null);
    await writing;
    await saveAtomically(path.join(dir, '预算.xlsx'), text('快的'), null);
    release();
    await slowSave;
    expect(await fs.readFile(slow, 'utf8')).toBe('慢的');
    expect(await leftovers()).toEqual([]);
  });

  it('in the backup pools: a backup interrupted midway is never counted, and is removed at start-up and by the next backup', async () => {
    const file = path.join(dir, '决算.xlsx');
    await fs.writeFile(file, '旧');
    for (let i = 0; i < BACKUPS_PER_FILE; i++) await saveAtomically(file, text(`第${i}版`), backups);
    const pool = backupPool(backups, file);
    const partial = () =>
      temporaryPathFor(path.join(pool, '决算.20260101-000000-000-000.xlsx'), {
        ...THIS_WRITER,
        pid: NO_SUCH_PROCESS,
      });
    const interrupted = partial();
    await fs.writeFile(interrupted, '第');
    await removeInterruptedBackups(backups);
    await expect(fs.access(interrupted)).rejects.toThrow();

    await fs.writeFile(partial(), '第');
    await saveAtomically(file, text('第10版'), backups);
    expect(await backupsOf(file)).toEqual(Array.from({ length: BACKUPS_PER_FILE }, (_, i) => `第${i}版`));
  });
});

describe('backups', () => {
  it(`keeps the newest ${BACKUPS_PER_FILE} of a file and leaves other files' backups alone`, async () => {
    const file = path.join(dir, '决算.xlsx');
    const other = path.join(dir, '预算.xlsx');
    await fs.writeFile(file, 'x');
    await fs.writeFile(other, 'other');
    await keepBackup(other, backups, new Date(Date.UTC(2026, 0, 1)));
    for (let i = 0; i < BACKUPS_PER_FILE + 3; i++)
      await keepBackup(file, backups, new Date(Date.UTC(2026, 0, 1, 0, 0, i)));
    const names = (await fs.readdir(backupPool(backups, file))).sort();
    expect(names).toHaveLength(BACKUPS_PER_FILE);
    expect(names[0]).toBe('决算.20260101-000003-000-000.xlsx');
    expect(await backupsOf(other)).toEqual(['other']);
  });

  it(`never holds more than ${BACKUPS_PER_FILE}, not even for a moment (a kill then would leave them)`, async () => {
    const file = path.join(dir, '决算.xlsx');
    await fs.writeFile(file, '第0版');
    const pool = backupPool(backups, file);
    const real = await realFs();
    const counted: number[] = [];
    vi.mocked(fs.rename).mockImplementation(async (from, to) => {
      await real.rename(from, to);
      if (path.dirname(String(to)) === pool) counted.push((await real.readdir(pool)).length);
    });
    for (let i = 1; i <= BACKUPS_PER_FILE + 2; i++) await saveAtomically(file, text(`第${i}版`), backups);
    expect(counted).toEqual(
      Array.from({ length: BACKUPS_PER_FILE + 2 }, (_, i) => Math.min(i + 1, BACKUPS_PER_FILE)),
    );
  });

  it('keeps ten distinct backups of fifteen saves within a second (here all in the same millisecond)', async () => {
    const file = path.join(dir, '决算.xlsx');
    await fs.writeFile(file, '第0版');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(Date.UTC(2026, 0, 1, 9, 30)));
    try {
      for (let i = 1; i <= 15; i++) await saveAtomically(file, text(`第${i}版`), backups);
    } finally {
      vi.useRealTimers();
    }
    expect(await backupsOf(file)).toEqual(Array.from({ length: BACKUPS_PER_FILE }, (_, i) => `第${i + 5}版`));
  });

  it('names backups made in the same millisecond apart by a counter', async () => {
    const file = path.join(dir, '决算.xlsx');
    const at = new Date(Date.UTC(2026, 0, 1));
    for (let i = 0; i < 3; i++) {
      await fs.writeFile(file, `第${i}版`);
      await keepBackup(file, backups, at);
    }
    expect((await fs.readdir(backupPool(backups, file))).sort()).toEqual([
      '决算.20260101-000000-000-000.xlsx',
      '决算.20260101-000000-000-001.xlsx',
      '决算.20260101-000000-000-002.xlsx',
    ]);
    expect(await backupsOf(file)).toEqual(['第0版', '第1版', '第2版']);
  });

  it('keeps a pool per file path, named so that a person can tell whose it is', async () => {
    const files = ['单位一', '单位二'].map((folder) => path.join(dir, folder, '报表.xlsx'));
    for (const file of files) {
      await fs.mkdir(path.dirname(file));
      await fs.writeFile(file, `${file} 0`);
    }
    for (let i = 1; i <= BACKUPS_PER_FILE + 2; i++)
      for (const file of files) await saveAtomically(file, text(`${file} ${i}`), backups);
    expect((await fs.readdir(backups)).sort()).toEqual(
      files.map((f) => path.basename(backupPool(backups, f))).sort(),
    );
    for (const file of files) {
      expect(path.basename(backupPool(backups, file))).toMatch(/^报表\.xlsx-[0-9a-f]{8}$/u);
      expect(await backupsOf(file)).toEqual(
        Array.from({ length: BACKUPS_PER_FILE }, (_, i) => `${file} ${i + 2}`),
      );
    }
  });
});

describe('reading', () => {
  it('names a missing file', async () => {
    await expect(readUserFile(path.join(dir, '不存在.xlsx'))).rejects.toThrow('找不到文件“不存在.xlsx”');
  });

  it('refuses a huge file before reading it', async () => {
    const huge = path.join(dir, '巨大.xlsx');
    const handle = fsSync.openSync(huge, 'w');
    fsSync.ftruncateSync(handle, MAX_READ_BYTES + 1);
    fsSync.closeSync(handle);
    await expect(readUserFile(huge)).rejects.toThrow(/无法打开“巨大\.xlsx”：文件有 100 MB，远大于报表文件/u);
  });

  it('explains the errors a user meets', () => {
    expect(describeFileError(errno('EROFS'), '/u/a.xlsx', '保存').message).toContain('只读');
    expect(describeFileError(errno('EACCES'), '/u/a.xlsx', '打开').message).toBe(
      '无法打开“a.xlsx”：没有读取权限，或文件正被其他程序独占。',
    );
    expect(describeFileError(errno('ENOENT'), '/u/x/a.xlsx', '保存').message).toContain('文件夹“/u/x”不存在');
  });
});
