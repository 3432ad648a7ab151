import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { resolveAppPath, serveAppFile } from '../../../electron/appProtocol';
import { contentSecurityPolicy } from '../../../electron/csp';
import { hardenContents, hardenSession, secureWebPreferences } from '../../../electron/security';
import { fakeEvent, FakeSession, FakeWebContents } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

describe('window security options', () => {
  it('isolate and sandbox the page, without Node', () => {
    expect(secureWebPreferences('/p.cjs')).toMatchObject({
      preload: '/p.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});

describe('web contents', () => {
  const contents = new FakeWebContents();
  hardenContents(contents as never, ['app://budgetdesk']);

  it('stay on the program page', () => {
    for (const url of ['https://example.com/', 'file:///etc/passwd', 'app://other/index.html', 'not a url']) {
      const event = fakeEvent();
      contents.emit('will-navigate', event, url);
      expect(event.defaultPrevented, url).toBe(true);
    }
    const inside = fakeEvent();
    contents.emit('will-navigate', inside, 'app://budgetdesk/index.html');
    expect(inside.defaultPrevented).toBe(false);
  });

  it('open no new windows and attach no webviews', () => {
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    const event = fakeEvent();
    contents.emit('will-attach-webview', event);
    expect(event.defaultPrevented).toBe(true);
  });
});

describe('session', () => {
  it('denies every permission and sends the Content-Security-Policy', () => {
    const session = new FakeSession();
    hardenSession(session as never);
    const granted = vi.fn();
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read'])
      session.permissionRequest!(null, permission, granted);
    expect(granted.mock.calls.every(([g]) => g === false)).toBe(true);
    expect(session.permissionCheck!()).toBe(false);
    let headers: Record<string, string[]> = {};
    session.headersReceived!(
      { responseHeaders: { 'Content-Type': ['text/html'] } },
      (r) => (headers = r.responseHeaders),
    );
    expect(headers['Content-Security-Policy']).toEqual([contentSecurityPolicy()]);
  });

  it("the policy loads only the program's own scripts and nothing from the network", () => {
    const policy = contentSecurityPolicy();
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toMatch(/unsafe-eval|https?:|\*/u);
    expect(contentSecurityPolicy('http://localhost:5173/')).toContain(
      "connect-src 'self' ws://localhost:5173",
    );
  });
});

describe('app:// protocol', () => {
  it('serves only files inside the renderer folder', () => {
    const root = path.resolve('/app/renderer');
    expect(resolveAppPath(root, 'app://budgetdesk/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://budgetdesk/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://budgetdesk/assets/index-1.js')).toBe(
      path.join(root, 'assets', 'index-1.js'),
    );
    expect(resolveAppPath(root, 'app://budgetdesk/..%2F..%2Fetc%2Fpasswd')).toBeNull();
    expect(resolveAppPath(root, 'app://budgetdesk/a/..%2F..%2F..%2Fmain.cjs')).toBeNull();
    expect(resolveAppPath(root, 'app://elsewhere/index.html')).toBeNull();
    expect(resolveAppPath(root, 'file:///etc/passwd')).toBeNull();
  });

  it('answers with the type and the policy header', async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'bd-app-'));
    await fs.writeFile(path.join(root, 'index.html'), '<!doctype html>');
    const response = await serveAppFile(root, new Request('app://budgetdesk/index.html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('Content-Security-Policy')).toBe(contentSecurityPolicy());
    expect((await serveAppFile(root, new Request('app://budgetdesk/missing.js'))).status).toBe(404);
    await fs.rm(root, { recursive: true });
  });
});
