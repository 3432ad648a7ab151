/**
 * The Content-Security-Policy of the program's pages: its own scripts only, nothing from the
 * network. Styles may be inline because the grid and React set element styles. The browser
 * mode's preview server sends the same header, so the end-to-end tests run under it. Vite's dev
 * server (`electron-forge start`) needs an inline script and its websocket for hot reload.
 */
export function contentSecurityPolicy(devServerUrl?: string): string {
  const dev = devServerUrl ? new URL(devServerUrl) : null;
  return [
    "default-src 'none'",
    dev ? "script-src 'self' 'unsafe-inline'" : "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    dev ? `connect-src 'self' ws://${dev.host}` : "connect-src 'self'",
    "worker-src 'self' blob:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}
