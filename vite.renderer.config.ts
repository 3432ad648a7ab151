/**
 * The page of the desktop program: vite.config.ts (the browser mode's config) built into
 * .vite/renderer/main_window/ instead of dist/renderer/.
 */
import { defineConfig, mergeConfig } from 'vite';
import browserMode from './vite.config.js';
import { rendererOutDir } from './vite.desktop.js';

export default defineConfig(mergeConfig(browserMode, { build: { outDir: rendererOutDir } }));
