import fsSync from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BACKUPS_PER_FILE, describeFileError, keepBackup, MAX_READ_BYTES, readUserFile, saveAtomically } from '../../../electron/files';

// The real file system, with rename and open replaceable to simulate failures midway.
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = (await importOriginal<{ default: typeof import('node:fs/promises') }>()).default;
  const wrapped = { ...real, rename: vi.fn(real.rename), open: vi.fn(real.open) };
  return { default: wrapped, ...wrapped };
});

const errno = (code: string) => Object.assign(new Error(code), { code });
let dir: string;
let backups: string;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bd-files-'));
  backups = path.join(dir, 'backups');
});
afterEach(async () => {
  vi.mocked(fs.rename).mockClear();
  await fs.chmod(path.join(dir, '决算.xlsx'), 0o644).catch(() => {});
  await fs.rm(dir, { recursive: true, force: true });
});

const leftovers = async () => (await fs.readdir(dir)).filter((n) => n.endsWith('.tmp'));

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
    expect(result.backup).toMatch(/决算\.\d{8}-\d{6}\.xlsx$/u);
    expect(await fs.readFile(result.backup!, 'utf8')).toBe('旧');
    expect(await leftovers()).toEqual([]);
  });

  it('leaves the old file intact when writing fails midway (disk full while flushing)', async () => {
    const target = path.join(dir, '决算.xlsx');
    await fs.writeFile(target, '旧');
    const realOpen = (await vi.importActual<{ default: typeof fs }>('node:fs/promises')).default.open;
    vi.mocked(fs.open).mockImplementationOnce(async (...args: Parameters<typeof fs.open>) => {
      const handle = await realOpen(...args);
      return Object.assign(handle, { sync: async () => Promise.reject(errno('ENOSPC')) });
    });
    await expect(saveAtomically(target, new TextEncoder().encode('新内容'), backups)).rejects.toThrow('无法保存“决算.xlsx”：磁盘空间不足。原文件未被改动。');
    expect(await fs.readFile(target, 'utf8')).toBe('旧');
    expect(await leftovers()).toEqual([]);
  });

  it('says the file is open in Excel or WPS when it cannot be replaced, and leaves it intact', async () => {
    const target = path.join(dir, '决算.xlsx');
    await fs.writeFile(target, '旧');
    vi.mocked(fs.rename).mockRejectedValueOnce(errno('EBUSY'));
    await expect(saveAtomically(target, new TextEncoder().encode('新'), backups)).rejects.toThrow(/正被其他程序（如 Excel、WPS）打开.*原文件未被改动/u);
    expect(await fs.readFile(target, 'utf8')).toBe('旧');
    expect(await leftovers()).toEqual([]);
  });

  it('refuses a read-only file with a clear message', async () => {
    const target = path.join(dir, '决算.xlsx');
    await fs.writeFile(target, '旧');
    await fs.chmod(target, 0o444);
    await expect(saveAtomically(target, new TextEncoder().encode('新'), backups)).rejects.toThrow('无法保存“决算.xlsx”：文件是只读的。');
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
});

describe('backups', () => {
  it(`keeps the newest ${BACKUPS_PER_FILE} of a file and leaves other files' backups alone`, async () => {
    const file = path.join(dir, '决算.xlsx');
    await fs.writeFile(file, 'x');
    await fs.mkdir(backups);
    await fs.writeFile(path.join(backups, '预算.20260101-000000.xlsx'), 'other');
    for (let i = 0; i < BACKUPS_PER_FILE + 3; i++) await keepBackup(file, backups, new Date(Date.UTC(2026, 0, 1, 0, 0, i)));
    const names = (await fs.readdir(backups)).sort();
    expect(names.filter((n) => n.startsWith('决算.'))).toHaveLength(BACKUPS_PER_FILE);
    expect(names[0]).toBe('决算.20260101-000003.xlsx');
    expect(names).toContain('预算.20260101-000000.xlsx');
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
    expect(describeFileError(errno('EACCES'), '/u/a.xlsx', '打开').message).toBe('无法打开“a.xlsx”：没有读取权限，或文件正被其他程序独占。');
    expect(describeFileError(errno('ENOENT'), '/u/x/a.xlsx', '保存').message).toContain('文件夹“/u/x”不存在');
  });
});
