/**
 * Issue 14: a save killed at any moment. A child process saves a 24 MB file over and over with the
 * program's own save (test/support/save-repeatedly.ts) and is killed with SIGKILL at a moment drawn
 * from a seeded random sequence, KILLS times. After every kill the file is one complete version (the
 * last the child said it saved, or the one it was saving), and every backup is a complete earlier
 * version, never more than ten; after the next child's first save nothing is left over, neither
 * beside the file nor in the backup pool.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BACKUPS_PER_FILE } from '../../../electron/backups';
import { claimedVersion, versionBytes } from '../../support/save-versions';

const projectDir = fileURLToPath(new URL('../../..', import.meta.url));
const SIZE = 24 * 1024 * 1024;
const KILLS = 24;
const SEED = 14;

/** mulberry32: the same kill moments, as fractions of a save, on every run. */
function randomSequence(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

class Saver {
  readonly child: ChildProcessWithoutNullStreams;
  /** The last version the child said it saved. */
  lastSaved = -1;
  readonly firstSave: Promise<{ milliseconds: number }>;
  private stderr = '';

  constructor(folder: string, firstVersion: number) {
    this.child = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/support/save-repeatedly.ts', folder, String(firstVersion), String(SIZE)],
      { cwd: projectDir },
    );
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    const lines = readline.createInterface({ input: this.child.stdout });
    this.firstSave = new Promise((resolve, reject) => {
      lines.on('line', (line) => {
        const [, version, milliseconds] = line.split(' ');
        this.lastSaved = Number(version);
        resolve({ milliseconds: Number(milliseconds) });
      });
      this.child.on('exit', (code, signal) =>
        reject(new Error(`the saving process ended before saving (${code ?? signal}):\n${this.stderr}`)),
      );
    });
  }

  go(): void {
    this.child.stdin.write('go\n');
  }

  async kill(): Promise<void> {
    const exited = once(this.child, 'exit');
    this.child.kill('SIGKILL');
    // Once it has exited (and been reaped), its process id is free: its files are leftovers.
    await exited;
  }
}

let folder: string;
const target = () => path.join(folder, '报表.xlsx');
const backupDir = () => path.join(folder, '备份');
const isTemporary = (name: string) => name.startsWith('.~') && name.endsWith('.tmp');

beforeAll(async () => {
  folder = await fs.mkdtemp(path.join(os.tmpdir(), 'bd-kill-'));
});
afterAll(() => fs.rm(folder, { recursive: true, force: true }));

/** The complete version `bytes` is, or null when they are no complete version. */
function completeVersion(bytes: Buffer): number | null {
  const version = claimedVersion(bytes);
  return version !== null && bytes.equals(versionBytes(version, SIZE)) ? version : null;
}

async function pools(): Promise<string[]> {
  return (await fs.readdir(backupDir()).catch(() => [])).map((name) => path.join(backupDir(), name));
}

/** Backups already found complete: a backup's name is given only once it is complete, and never reused. */
const checkedBackups = new Set<string>();

async function checkBackups(): Promise<{ temporaries: number }> {
  const [pool, ...others] = await pools();
  expect(others, 'one pool for the one file').toEqual([]);
  if (!pool) return { temporaries: 0 };
  const names = await fs.readdir(pool);
  const backups = names.filter((name) => !isTemporary(name));
  expect(backups.length).toBeLessThanOrEqual(BACKUPS_PER_FILE);
  for (const name of backups.filter((n) => !checkedBackups.has(n))) {
    expect(
      completeVersion(await fs.readFile(path.join(pool, name))),
      `backup ${name} is a complete version`,
    ).not.toBeNull();
    checkedBackups.add(name);
  }
  return { temporaries: names.length - backups.length };
}

async function temporariesBesideFile(): Promise<number> {
  return (await fs.readdir(folder)).filter(isTemporary).length;
}

it(`leaves the old or the new file, never a part, and complete backups, when killed at any moment (${KILLS} kills)`, async () => {
  const random = randomSequence(SEED);
  const started = performance.now();
  const figures = { newFile: 0, oldFile: 0, leftBesideFile: 0, leftInPool: 0 };
  let version = 0;
  for (let kill = 0; kill < KILLS; kill++) {
    const saver = new Saver(folder, version);
    const { milliseconds } = await saver.firstSave;
    // After a save that completed: that version, and nothing the killed saves left.
    expect(completeVersion(await fs.readFile(target()))).toBe(version);
    expect(await temporariesBesideFile()).toBe(0);
    expect((await checkBackups()).temporaries).toBe(0);

    saver.go();
    // Within the next save or the one after it: writing, flushing, copying the backup, renaming.
    await sleep(random() * 1.5 * Math.max(milliseconds, 20));
    await saver.kill();

    const onDisk = completeVersion(await fs.readFile(target()));
    expect(
      [saver.lastSaved, saver.lastSaved + 1],
      `after kill ${kill + 1} the file is the last saved version or the next`,
    ).toContain(onDisk);
    figures[onDisk === saver.lastSaved ? 'oldFile' : 'newFile']++;
    if ((await temporariesBesideFile()) > 0) figures.leftBesideFile++;
    if ((await checkBackups()).temporaries > 0) figures.leftInPool++;
    version = saver.lastSaved + 2;
  }
  const last = new Saver(folder, version);
  await last.firstSave;
  expect(completeVersion(await fs.readFile(target()))).toBe(version);
  expect(await temporariesBesideFile()).toBe(0);
  expect((await checkBackups()).temporaries).toBe(0);
  await last.kill();

  // The kills did land inside saves: most leave a temporary file behind.
  expect(figures.leftBesideFile).toBeGreaterThan(0);
  console.log(
    `kill test: ${KILLS} kills in ${((performance.now() - started) / 1000).toFixed(1)} s; file left old ${figures.oldFile}×, new ${figures.newFile}×; a temporary file left beside it ${figures.leftBesideFile}×, in the backup pool ${figures.leftInPool}×; ${checkedBackups.size} backups checked`,
  );
}, 180_000);
