/**
 * The browser mode's host: files come from a file input and leave as downloads; recent files are
 * remembered in the browser's storage (small ones with their content, so they can be reopened).
 */
import type { HostApi, OpenedFile, RecentFile } from './types';

const RECENT_KEY = 'budgetdesk.recent';
const CONTENT_KEY = (id: string) => `budgetdesk.file.${id}`;
const MAX_RECENT = 8;
/** Browsers keep about 5 MB per site; larger files are listed but must be opened again by hand. */
const MAX_REMEMBERED_BYTES = 1_500_000;

function pickFile(extensions: string[]): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = extensions.map((e) => `.${e}`).join(',');
    input.style.display = 'none';
    input.addEventListener('change', () => resolve(input.files?.[0] ?? null));
    input.addEventListener('cancel', () => resolve(null));
    document.body.append(input);
    input.click();
    input.remove();
  });
}

function readRecent(): RecentFile[] {
  try {
    return JSON.parse(localStorage.getItem(RECENT_KEY) ?? '[]') as RecentFile[];
  } catch {
    return [];
  }
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

export const browserHost: HostApi = {
  kind: 'browser',

  async openFile(extensions) {
    const file = await pickFile(extensions);
    return file ? { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } : null;
  },

  async saveFile(suggestedName, bytes) {
    const url = URL.createObjectURL(new Blob([bytes as BlobPart]));
    const link = document.createElement('a');
    link.href = url;
    link.download = suggestedName;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return suggestedName;
  },

  async recentFiles() {
    return readRecent();
  },

  async openRecent(id) {
    const entry = readRecent().find((r) => r.id === id);
    const content = localStorage.getItem(CONTENT_KEY(id));
    return entry && content ? { name: entry.name, bytes: fromBase64(content) } : null;
  },

  async remember(file: OpenedFile) {
    const id = file.name;
    const recent = [{ id, name: file.name, openedAt: new Date().toISOString() }, ...readRecent().filter((r) => r.id !== id)];
    for (const dropped of recent.slice(MAX_RECENT)) localStorage.removeItem(CONTENT_KEY(dropped.id));
    try {
      if (file.bytes.length <= MAX_REMEMBERED_BYTES) localStorage.setItem(CONTENT_KEY(id), toBase64(file.bytes));
      localStorage.setItem(RECENT_KEY, JSON.stringify(recent.slice(0, MAX_RECENT)));
    } catch {
      // Storage full: the file is simply not offered on the start page.
    }
  },
};
