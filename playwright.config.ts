import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests of the browser mode in Debian's Chromium (Playwright downloads no browser here).
 * `npm run test:e2e` builds the renderer first; the tests run against `vite preview`.
 * Two people testing in one working tree at once each take their own port and build folder:
 * E2E_PORT=4174 E2E_OUT_DIR=../dist/e2e-mine (built with `vite build --outDir ../dist/e2e-mine`).
 */
const port = Number(process.env.E2E_PORT ?? 4173);
const outDir = process.env.E2E_OUT_DIR ? ` --outDir ${process.env.E2E_OUT_DIR}` : '';
// Playwright empties its output folder when it starts: a second run keeps to its own.
const own = process.env.E2E_PORT ? `-${port}` : '';

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: `test-results/e2e-artifacts${own}`,
  timeout: 60_000,
  workers: 1,
  reporter: [['list'], ['json', { outputFile: `test-results/e2e${own}.json` }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1600, height: 900 },
    locale: 'zh-CN',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
    permissions: ['clipboard-read', 'clipboard-write'],
  },
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${port} --strictPort${outDir}`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
