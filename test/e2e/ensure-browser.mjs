// Before the end-to-end tests: make sure Debian's Chromium and a CJK font are there. Playwright
// downloads no browser here (no internet); as root on Debian we install them from apt.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const cjkFont = () => {
  try {
    return execSync('fc-list :lang=zh family', { encoding: 'utf8' }).trim() !== '';
  } catch {
    return false;
  }
};

if (existsSync(chromium) && cjkFont()) process.exit(0);

const isRoot = process.getuid?.() === 0;
if (!isRoot || !existsSync('/usr/bin/apt-get')) {
  console.error(
    `端到端测试需要 Chromium（${chromium}）和中文字体。请安装：sudo apt-get install -y chromium fonts-noto-cjk`,
  );
  console.error('(or set CHROMIUM_PATH to a Chromium binary)');
  process.exit(1);
}
console.log('正在安装 Chromium 和中文字体（apt-get）…');
execSync(
  'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk',
  { stdio: 'inherit', shell: '/bin/bash' },
);
