/**
 * The packaged renderer is served from the app:// protocol rather than file://, so that the page
 * has an origin of its own, cannot read other local files, and gets the Content-Security-Policy
 * header. Only files inside the renderer folder are served.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { contentSecurityPolicy } from './csp';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://budgetdesk`;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

/** The file under `root` that an app:// URL names, or null when it points outside or elsewhere. */
export function resolveAppPath(root: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (`${parsed.protocol}//${parsed.host}` !== APP_ORIGIN) return null;
  const relative = decodeURIComponent(parsed.pathname).replace(/^\/+/u, '') || 'index.html';
  const file = path.resolve(root, relative);
  return file.startsWith(path.resolve(root) + path.sep) ? file : null;
}

export async function serveAppFile(root: string, request: Request): Promise<Response> {
  const file = resolveAppPath(root, request.url);
  if (!file) return new Response('Not found', { status: 404 });
  try {
    const body = await fs.readFile(file);
    return new Response(body, {
      headers: {
        'Content-Type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Security-Policy': contentSecurityPolicy(),
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch {
    return new Response('Not found', { status: 404 });
  }
}
