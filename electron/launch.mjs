// `npm start`: the program. With Electron's binary installed and runnable, the desktop program
// (`electron-forge start`, forge.config.ts). Where the desktop shell cannot run (no Electron binary,
// as on many intranet PCs), the same program runs in the browser mode, served on this computer only.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The `electron` package's own lookup (its index.js): dist/ + the name in path.txt, written when the binary was downloaded. */
function electronRuns() {
  try {
    const dir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const name = fs.readFileSync(path.join(dir, 'path.txt'), 'utf8');
    const binary = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH || path.join(dir, 'dist'), name);
    return (
      fs.existsSync(binary) &&
      spawnSync(binary, ['--version'], { stdio: 'ignore', timeout: 20_000 }).status === 0
    );
  } catch {
    return false;
  }
}

const run = (args) => {
  const child = spawn('npx', args, { stdio: 'inherit', shell: process.platform === 'win32' });
  child.on('exit', (code) => process.exit(code ?? 0));
};

if (electronRuns()) {
  run(['electron-forge', 'start']);
} else {
  const port = process.env.PORT ?? '5173';
  console.log('');
  console.log('BudgetDesk 预决算公开表编制工具');
  console.log('本电脑没有安装桌面程序外壳（Electron），现以浏览器模式运行，功能与桌面程序相同。');
  console.log(`浏览器模式：请在浏览器中打开 http://localhost:${port}/ （只在本机提供，不连接互联网）`);
  console.log('文件通过浏览器选择打开，保存时下载到“下载”文件夹。按 Ctrl+C 退出。');
  console.log('');
  run(['vite', '--host', '127.0.0.1', '--port', port, '--open']);
}
