/** The desktop program's main process: electron/main.ts → .vite/build/main.cjs (see vite.desktop.ts). */
import { defineConfig } from 'vite';
import { nodeSideConfig, RENDERER_NAME, underForge } from './vite.desktop.js';

export default defineConfig((env) => {
  // Forge defines the renderer's globals itself; `electron-forge start` sets the dev server's URL.
  // Built without Forge (or packaged), the page is loaded from .vite/renderer/main_window/.
  const standaloneGlobals = {
    MAIN_WINDOW_VITE_DEV_SERVER_URL: 'undefined',
    MAIN_WINDOW_VITE_NAME: JSON.stringify(RENDERER_NAME),
  };
  return nodeSideConfig(env, {
    define: underForge(env) && env.command === 'serve' ? {} : standaloneGlobals,
    build: {
      lib: { entry: 'electron/main.ts', formats: ['cjs'], fileName: () => 'main.cjs' },
      // build:desktop builds main first: it clears .vite/build, so no stale bundle is packed.
      // (Forge removes .vite/ itself and builds main and preload at the same time.)
      emptyOutDir: !underForge(env),
    },
    // Node's builds of packages, not their browser builds.
    resolve: { conditions: ['node'], mainFields: ['module', 'jsnext:main', 'jsnext'] },
  });
});
