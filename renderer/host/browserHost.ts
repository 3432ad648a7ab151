/**
 * The browser mode's host: files come from a file input and leave as downloads; recent files and
 * the autosave snapshot are kept in the browser's storage (small files with their content, so
 * they can be reopened).
 */
import { readableExtensions } from '../../shared/io/formats';
import type { HostApi, OpenedFile, RecentFile, RecoverableWork } from './types';

const RECENT_KEY = 'budgetdesk.recent';
const CONTENT_KEY = (id: string) => `budgetdesk.file.${id}`;
const RECOVERY_PREFIX = 'budgetdesk.recovery.';
/** One snapshot per page load, so that a reloaded tab does not overwrite what it could recover. */
let snapshotId = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

interface StoredSnapshot extends RecoverableWork {
  report: string;
  spreadsheet?: string;
}
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

function download(suggestedName: string, bytes: Uint8Array): string {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart]));
  const link = document.createElement('a');
  link.href = url;
  link.download = suggestedName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return suggestedName;
}

function readSnapshot(id: string): StoredSnapshot | null {
  try {
    return JSON.parse(localStorage.getItem(RECOVERY_PREFIX + id) ?? 'null') as StoredSnapshot | null;
  } catch {
    return null;
  }
}

/** The .xlsx behind the report, when the start page remembered its content. */
function rememberedContent(fileName: string): string | undefined {
  return localStorage.getItem(CONTENT_KEY(fileName)) ?? undefined;
}

export const browserHost: HostApi = {
  kind: 'browser',

  openReport() {
    return browserHost.openFile(readableExtensions());
  },

  async openFile(extensions) {
    const file = await pickFile(extensions);
    return file ? { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } : null;
  },

  async saveReport(suggestedName, bytes) {
    return download(suggestedName, bytes);
  },

  async saveFile(suggestedName, bytes) {
    return download(suggestedName, bytes);
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
    const recent = [
      { id, name: file.name, openedAt: new Date().toISOString() },
      ...readRecent().filter((r) => r.id !== id),
    ];
    for (const dropped of recent.slice(MAX_RECENT)) localStorage.removeItem(CONTENT_KEY(dropped.id));
    try {
      if (file.bytes.length <= MAX_REMEMBERED_BYTES)
        localStorage.setItem(CONTENT_KEY(id), toBase64(file.bytes));
      localStorage.setItem(RECENT_KEY, JSON.stringify(recent.slice(0, MAX_RECENT)));
    } catch {
      // Storage full: the file is simply not offered on the start page.
    }
  },

  setDocumentState({ fileName, dirty }) {
    document.title = fileName
      ? `${dirty ? '● ' : ''}${fileName} - BudgetDesk`
      : 'BudgetDesk 预决算公开表编制工具';
  },

  async print() {
    window.print();
  },

  async snapshot(work) {
    if (!work) {
      localStorage.removeItem(RECOVERY_PREFIX + snapshotId);
      return;
    }
    const stored: StoredSnapshot = {
      id: snapshotId,
      fileName: work.fileName,
      savedAt: new Date().toISOString(),
      report: new TextDecoder().decode(work.report),
      spreadsheet: rememberedContent(work.fileName),
    };
    try {
      localStorage.setItem(RECOVERY_PREFIX + snapshotId, JSON.stringify(stored));
    } catch {
      // Too large for the browser's storage: the beforeunload question is the only guard left.
    }
  },

  async recoverableWork() {
    const found: RecoverableWork[] = [];
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i)!;
      const snapshot = key.startsWith(RECOVERY_PREFIX)
        ? readSnapshot(key.slice(RECOVERY_PREFIX.length))
        : null;
      if (snapshot && snapshot.id !== snapshotId)
        found.push({ id: snapshot.id, fileName: snapshot.fileName, savedAt: snapshot.savedAt });
    }
    return found.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
  },

  async recover(id) {
    const snapshot = readSnapshot(id);
    if (!snapshot) return null;
    // The recovered report carries on under the snapshot it came from.
    localStorage.removeItem(RECOVERY_PREFIX + snapshotId);
    snapshotId = id;
    return {
      fileName: snapshot.fileName,
      report: new TextEncoder().encode(snapshot.report),
      spreadsheet: snapshot.spreadsheet ? fromBase64(snapshot.spreadsheet) : null,
    };
  },

  async discardRecoverable(id) {
    localStorage.removeItem(RECOVERY_PREFIX + id);
  },

  onCommand() {
    return () => {};
  },

  onFileDelivered() {
    return () => {};
  },

  closeWindow() {
    window.close();
  },
};
