import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The renderer: served by `npm run web` (browser mode) and bundled for the desktop program. */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
  },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173 },
});
