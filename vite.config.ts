import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { contentSecurityPolicy } from './electron/csp.js';

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
  // The end-to-end tests run the built page under the desktop program's Content-Security-Policy.
  preview: { port: 4173, headers: { 'Content-Security-Policy': contentSecurityPolicy() } },
});
