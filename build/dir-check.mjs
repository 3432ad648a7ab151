// `npm run dist:dir-check` and test/unit/packaging.test.ts: pack the built program (.vite/, made by
// `npm run build:desktop`) the way `npm run dist` does, as an unpacked Linux folder, but with a
// stand-in Electron (build/electron-stand-in.mjs) so that nothing is downloaded. What electron-builder
// puts into resources/app.asar, and the fuses it flips in the executable, are then the same as in
// the real installers.
//
//   node build/dir-check.mjs [output folder]        (default: release/dir-check)
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import builder from 'electron-builder';
import { writeElectronStandIn } from './electron-stand-in.mjs';

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const output = path.resolve(process.argv[2] ?? path.join(projectDir, 'release', 'dir-check'));
const electronVersion = createRequire(import.meta.url)('electron/package.json').version;

// electron-builder copies this folder as "the unpacked Electron", renames `electron` to the
// program's executable and writes resources/app.asar next to it.
const stub = fs.mkdtempSync(path.join(os.tmpdir(), 'budgetdesk-electron-stub-'));
writeElectronStandIn(path.join(stub, 'electron'));
fs.mkdirSync(path.join(stub, 'locales'));
for (const locale of ['en-US', 'zh-CN', 'de'])
  fs.writeFileSync(path.join(stub, 'locales', `${locale}.pak`), '');

try {
  await builder.build({
    projectDir,
    targets: builder.Platform.LINUX.createTarget(['dir'], builder.Arch.x64),
    publish: 'never',
    config: {
      extends: path.join(projectDir, 'build', 'electron-builder.yml'),
      electronDist: stub,
      electronVersion,
      directories: { output },
    },
  });
  console.log(`dir-check: ${path.join(output, 'linux-unpacked', 'resources', 'app.asar')}`);
} finally {
  fs.rmSync(stub, { recursive: true, force: true });
}
