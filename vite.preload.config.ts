/**
 * The preload bridge: electron/preload.ts → .vite/build/preload.cjs, one CommonJS file. It runs in
 * the sandboxed renderer, where `require` knows only `electron`: everything else is bundled in.
 */
import { defineConfig } from 'vite';
import { nodeSideConfig } from './vite.desktop.js';

export default defineConfig((env) =>
  nodeSideConfig(env, {
    build: {
      rolldownOptions: {
        input: { preload: 'electron/preload.ts' },
        output: {
          format: 'cjs',
          codeSplitting: false,
          entryFileNames: '[name].cjs',
          assetFileNames: '[name].[ext]',
        },
      },
    },
  }),
);
