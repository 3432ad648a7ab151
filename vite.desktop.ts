/**
 * What the Vite configs of the desktop program share. Each config is used twice: by Electron
 * Forge's Vite plugin (`electron-forge start`, forge.config.ts), which adds its own defaults first
 * and passes `forgeConfig` in the config env, and by `npm run build:desktop` (plain `vite build -c`),
 * which has only these configs. The output is the same either way:
 *
 *   .vite/build/main.cjs                 main process (CommonJS: package.json says "type": "module")
 *   .vite/build/preload.cjs              preload bridge, one CommonJS file
 *   .vite/renderer/main_window/          the page (vite.config.ts with another outDir)
 *
 * package.json "main" points at .vite/build/main.cjs; electron-builder packs only .vite/ and package.json.
 */
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mergeConfig, type ConfigEnv, type UserConfig } from 'vite';

export const projectDir = path.dirname(fileURLToPath(import.meta.url));

/** The renderer's name in forge.config.ts; Forge derives MAIN_WINDOW_VITE_NAME and the folder from it. */
export const RENDERER_NAME = 'main_window';
export const rendererOutDir = path.join(projectDir, '.vite', 'renderer', RENDERER_NAME);
export const buildOutDir = path.join(projectDir, '.vite', 'build');

/** Provided by Electron at run time; everything else is bundled, so the app needs no node_modules. */
export const external: (string | RegExp)[] = [
  'electron',
  /^electron\//u,
  ...builtinModules.flatMap((m) => [m, `node:${m}`]),
];

/** True when Forge's Vite plugin loads the config (it adds `forgeConfig` to the env). */
export function underForge(env: ConfigEnv): boolean {
  return 'forgeConfig' in env;
}

/** Main process and preload: Forge's defaults for them, so `vite build -c` alone gives the same files. */
export function nodeSideConfig(env: ConfigEnv, config: UserConfig): UserConfig {
  const shared: UserConfig = {
    root: projectDir,
    publicDir: false,
    clearScreen: false,
    build: {
      outDir: buildOutDir,
      emptyOutDir: false, // main and preload share the folder
      copyPublicDir: false,
      minify: false, // readable stack traces in error reports; the size does not matter here
      reportCompressedSize: false,
      rolldownOptions: { external },
    },
  };
  return mergeConfig(shared, config);
}
