/**
 * Electron's security checklist applied to every window: an isolated, sandboxed renderer without
 * Node, a strict Content-Security-Policy, no navigation away from the program, no new windows, no
 * <webview>, and every permission request (camera, notifications, …) denied.
 */
import type { Session, WebContents, WebPreferences } from 'electron';
import { contentSecurityPolicy } from './csp';

export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

/** True when `url` belongs to the program itself (its custom protocol, or the dev server). */
export function isAppUrl(url: string, appOrigins: readonly string[]): boolean {
  try {
    // Not URL.origin: outside Electron a custom scheme such as app:// has the origin "null".
    const parsed = new URL(url);
    return appOrigins.includes(`${parsed.protocol}//${parsed.host}`);
  } catch {
    return false;
  }
}

export function hardenContents(contents: WebContents, appOrigins: readonly string[]): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, appOrigins)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, appOrigins)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function hardenSession(session: Session, devServerUrl?: string): void {
  const policy = contentSecurityPolicy(devServerUrl);
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } });
  });
}
