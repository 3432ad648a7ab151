// `npm start`: the program. Where the desktop shell cannot run (no Electron binary, as on many
// intranet PCs), the same program runs in the browser mode, served on this computer only.
import { spawn } from 'node:child_process';

const port = process.env.PORT ?? '5173';
console.log('');
console.log('BudgetDesk 预决算公开表编制工具');
console.log(`浏览器模式：请在浏览器中打开 http://localhost:${port}/ （只在本机提供，不连接互联网）`);
console.log('文件通过浏览器选择打开，保存时下载到“下载”文件夹。按 Ctrl+C 退出。');
console.log('');
const child = spawn('npx', ['vite', '--host', '127.0.0.1', '--port', port, '--open'], { stdio: 'inherit', shell: process.platform === 'win32' });
child.on('exit', (code) => process.exit(code ?? 0));
