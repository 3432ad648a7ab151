#!/usr/bin/env node
/**
 * Runs one of the program's TypeScript tools (the checker, the benchmarks) the way the program
 * itself is built: through Vite, so that data folders listed with import.meta.glob (the templates
 * and rule sets) are found there too.
 *
 *   node electron/cli/run.mjs electron/cli/check.ts [arguments...]
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createServer, createServerModuleRunner } from 'vite';

const [script, ...args] = process.argv.slice(2);
if (!script) {
  process.stderr.write('用法：node electron/cli/run.mjs 脚本.ts [参数...]\n');
  process.exit(2);
}
const path = resolve(script);
// The script sees its own path and arguments, as when Node runs it.
process.argv = [process.argv[0], path, ...args];
const server = await createServer({
  configFile: false,
  root: process.cwd(),
  logLevel: 'error',
  appType: 'custom',
  server: { middlewareMode: true, hmr: false, ws: false },
  optimizeDeps: { noDiscovery: true, include: [] },
});
const runner = createServerModuleRunner(server.environments.ssr, { hmr: false });
try {
  await runner.import(pathToFileURL(path).href);
} finally {
  await runner.close();
  await server.close();
}
