/**
 * Packaging: `npm run dist:dir-check` builds the desktop program (main, preload, page) into .vite/
 * and packs it with electron-builder, as `npm run dist` does, into an unpacked Linux folder with a
 * stand-in Electron (offline). The app.asar it writes must hold exactly what the program runs:
 * the bundles and package.json, and nothing of the sources, tests, source maps or node_modules.
 * The executable's fuses must be flipped as build/electron-builder.yml and forge.config.ts say.
 */
import { FusesPlugin } from '@electron-forge/plugin-fuses';
import type { ResolvedForgeConfig } from '@electron-forge/shared-types';
import asar from '@electron/asar';
import { FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses';
import { spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FUSES, writeElectronStandIn } from '../../build/electron-stand-in.mjs';
import forgeConfig from '../../forge.config';

const projectDir = fileURLToPath(new URL('../..', import.meta.url));
const output = fs.mkdtempSync(path.join(os.tmpdir(), 'budgetdesk-packaging-'));
const appAsar = path.join(output, 'linux-unpacked', 'resources', 'app.asar');

let files: string[] = [];
const read = (file: string) => asar.extractFile(appAsar, file).toString('utf8');
/** The modules a CommonJS bundle loads at run time. */
/** Modules a bundle requires; lines of block comments (bundled libraries' usage examples) left out. */
const required = (code: string) =>
  [...code.replace(/^\s*\*.*$/gmu, '').matchAll(/\brequire\(\s*(['"`])([^'"`]+)\1\s*\)/gu)].map((m) => m[2]!);

beforeAll(() => {
  const run = spawnSync('npm', ['run', '-s', 'dist:dir-check', '--', output], {
    cwd: projectDir,
    encoding: 'utf8',
    shell: process.platform === 'win32',
  });
  if (run.status !== 0)
    throw new Error(
      `npm run dist:dir-check failed (${run.status ?? run.signal}):\n${run.stdout}\n${run.stderr}`,
    );
  // Paths inside the archive, relative, with forward slashes; directories left out.
  files = asar
    .listPackage(appAsar, { isPack: false })
    .map((entry) => entry.replace(/\\/gu, '/').replace(/^\//u, ''))
    .filter((entry) => !('files' in asar.statFile(appAsar, entry, false)));
}, 240_000);

afterAll(() => fs.rmSync(output, { recursive: true, force: true }));

describe('app.asar of the packaged program', () => {
  it('holds the main process, the preload bridge and the page', () => {
    expect(files).toContain('.vite/build/main.cjs');
    expect(files).toContain('.vite/build/preload.cjs');
    expect(files).toContain('.vite/renderer/main_window/index.html');
    const html = read('.vite/renderer/main_window/index.html');
    const scripts = [...html.matchAll(/<script[^>]*\bsrc="\.\/([^"]+)"/gu)].map((m) => m[1]!);
    const styles = [...html.matchAll(/<link[^>]*\bhref="\.\/([^"]+)"/gu)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const asset of [...scripts, ...styles])
      expect(files).toContain(`.vite/renderer/main_window/${asset}`);
    expect(files.some((f) => /^\.vite\/renderer\/main_window\/assets\/.+\.js$/u.test(f))).toBe(true);
  });

  it('has a package.json whose "main" is the packed main process', () => {
    const pkg = JSON.parse(read('package.json')) as {
      main?: string;
      devDependencies?: object;
      scripts?: object;
    };
    expect(pkg.main).toBe('.vite/build/main.cjs');
    expect(files).toContain(path.posix.normalize(pkg.main!));
    expect(pkg.devDependencies).toBeUndefined();
    expect(pkg.scripts).toBeUndefined();
  });

  it('holds only the bundles and package.json: no node_modules, sources, tests or source maps', () => {
    const modules = files.filter((f) => f.split('/').includes('node_modules'));
    expect(
      modules,
      'electron-builder packs the packages in package.json "dependencies": keep them in devDependencies, Vite bundles them',
    ).toEqual([]);
    expect(
      files.filter((f) => /^test\//u.test(f) || /\.(test|spec)\.[cm]?[jt]sx?$/u.test(f)),
      'tests',
    ).toEqual([]);
    expect(
      files.filter((f) => /\.[cm]?tsx?$/u.test(f)),
      'TypeScript sources',
    ).toEqual([]);
    expect(
      files.filter((f) => f.endsWith('.map')),
      'source maps',
    ).toEqual([]);
    expect(
      files.filter((f) => f !== 'package.json' && !f.startsWith('.vite/')),
      'files besides .vite/ and package.json',
    ).toEqual([]);
  });

  it('needs no node_modules at run time: main loads only Electron and Node, the sandboxed preload only Electron', () => {
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    // The file readers the main process loads on demand are chunks of its own bundle, packed beside it.
    const packedChunk = (m: string) =>
      m.startsWith('./') && files.includes(path.posix.join('.vite/build', m));
    for (const bundle of files.filter(
      (f) => /^\.vite\/build\/[^/]+\.cjs$/u.test(f) && !f.endsWith('preload.cjs'),
    )) {
      expect(
        required(read(bundle)).filter(
          (m) => m !== 'electron' && !m.startsWith('electron/') && !builtins.has(m) && !packedChunk(m),
        ),
        bundle,
      ).toEqual([]);
    }
    expect(new Set(required(read('.vite/build/preload.cjs')))).toEqual(new Set(['electron']));
    // The globals that Forge's Vite plugin defines are defined in this build too.
    expect(read('.vite/build/main.cjs')).not.toMatch(/\bMAIN_WINDOW_VITE_(DEV_SERVER_URL|NAME)\b/u);
  });

  it('is next to the executable the Linux packages start', () => {
    expect(fs.existsSync(path.join(output, 'linux-unpacked', 'budgetdesk'))).toBe(true);
  });
});

const ON = '1'.charCodeAt(0);
const OFF = '0'.charCodeAt(0);
/** Electron's ninth fuse, which @electron/fuses 1.8 cannot name: left as Electron ships it. */
const WASM_TRAP_HANDLERS = 8;
/** The fuse wire as getCurrentFuseWire reads it: fuse index → '1' or '0' as a byte. */
const HARDENED_WIRE = {
  version: FuseVersion.V1,
  [FuseV1Options.RunAsNode]: OFF,
  [FuseV1Options.EnableCookieEncryption]: ON,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: OFF,
  [FuseV1Options.EnableNodeCliInspectArguments]: OFF,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: ON,
  [FuseV1Options.OnlyLoadAppFromAsar]: ON,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: OFF,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: OFF,
  [WASM_TRAP_HANDLERS]: ON,
};

describe('Electron fuses of the packaged executable', () => {
  it("the stand-in executable starts with Electron's defaults", async () => {
    const standIn = path.join(output, 'stand-in');
    writeElectronStandIn(standIn);
    expect(await getCurrentFuseWire(standIn)).toEqual({
      version: FuseVersion.V1,
      ...[...DEFAULT_FUSES].map((fuse) => fuse.charCodeAt(0)),
    });
  });

  it('are flipped by electron-builder (npm run dist): no running as Node, no NODE_OPTIONS or --inspect, cookies encrypted, only app.asar and its integrity checked, no file:// privileges', async () => {
    expect(await getCurrentFuseWire(path.join(output, 'linux-unpacked', 'budgetdesk'))).toEqual(
      HARDENED_WIRE,
    );
  });

  it('are flipped the same by Electron Forge (forge.config.ts)', async () => {
    const plugin = forgeConfig.plugins?.find((p): p is FusesPlugin => p instanceof FusesPlugin);
    const flip = plugin?.getHooks().packageAfterCopy;
    if (!flip || Array.isArray(flip))
      throw new Error('forge.config.ts has no FusesPlugin with one packageAfterCopy hook');
    // Forge's packager copies Electron into the build folder and the program into resources/app.
    const buildFolder = fs.mkdtempSync(path.join(output, 'forge-'));
    writeElectronStandIn(path.join(buildFolder, 'electron'));
    const electronVersion = JSON.parse(
      fs.readFileSync(path.join(projectDir, 'node_modules/electron/package.json'), 'utf8'),
    ).version as string;
    await flip(
      { packagerConfig: {} } as ResolvedForgeConfig,
      path.join(buildFolder, 'resources', 'app'),
      electronVersion,
      'linux',
      'x64',
    );
    expect(await getCurrentFuseWire(path.join(buildFolder, 'electron'))).toEqual(HARDENED_WIRE);
  });
});
