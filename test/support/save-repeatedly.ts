/**
 * The child process of the kill test (test/unit/electron/save-kill.test.ts): saves versions of one
 * large file with the program's own save, again and again, until it is killed.
 *
 *   node --import tsx test/support/save-repeatedly.ts <folder> <first version> <size in bytes>
 *
 * It removes interrupted backups, as the program does at start-up, saves the first version, says
 * `saved <version> <milliseconds>` and waits for a line on stdin; then it saves the next versions
 * without a pause, saying the same after each. (Writes to a pipe are synchronous on Linux and
 * macOS, so what it said is out before the next save starts.)
 */
import { once } from 'node:events';
import path from 'node:path';
import readline from 'node:readline';
import { removeInterruptedBackups } from '../../electron/backups';
import { saveAtomically } from '../../electron/files';
import { versionBytes } from './save-versions';

const [folder = '', first = '', size = ''] = process.argv.slice(2);
const target = path.join(folder, '报表.xlsx');
const backupDir = path.join(folder, '备份');

async function save(version: number): Promise<void> {
  const started = performance.now();
  await saveAtomically(target, versionBytes(version, Number(size)), backupDir);
  process.stdout.write(`saved ${version} ${Math.round(performance.now() - started)}\n`);
}

await removeInterruptedBackups(backupDir);
let version = Number(first);
await save(version);
await once(readline.createInterface({ input: process.stdin }), 'line');
for (;;) await save(++version);
