/**
 * The 最近打开 list: paths of reports the user opened or saved, newest first, kept in the user data
 * folder. The renderer names an entry by its path, and only listed paths can be reopened.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { saveAtomically } from './files';

export interface RecentEntry {
  path: string;
  openedAt: string;
}

const MAX_RECENT = 10;

export class RecentList {
  private entries: RecentEntry[] | null = null;

  constructor(private readonly file: string) {}

  async list(): Promise<RecentEntry[]> {
    if (!this.entries) {
      try {
        const stored = JSON.parse(await fs.readFile(this.file, 'utf8')) as unknown;
        this.entries = Array.isArray(stored)
          ? stored.filter(
              (e): e is RecentEntry => typeof e?.path === 'string' && typeof e?.openedAt === 'string',
            )
          : [];
      } catch {
        this.entries = [];
      }
    }
    return this.entries;
  }

  async has(file: string): Promise<boolean> {
    return (await this.list()).some((e) => e.path === file);
  }

  async add(file: string, at = new Date()): Promise<void> {
    const entries = [
      { path: file, openedAt: at.toISOString() },
      ...(await this.list()).filter((e) => e.path !== file),
    ].slice(0, MAX_RECENT);
    this.entries = entries;
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    await saveAtomically(this.file, new TextEncoder().encode(JSON.stringify(entries)), null);
  }
}
