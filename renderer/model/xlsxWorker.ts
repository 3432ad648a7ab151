/**
 * The worker that reads an .xlsx off the window's thread (see readInWorker.ts): the window stays
 * responsive while a large file is read, and reading can be stopped by ending the worker.
 */
import { readXlsx, type XlsxImport } from '../../shared/io/xlsx/readXlsx';

export interface ReadRequest {
  name: string;
  bytes: Uint8Array;
}

export type ReadReport = { kind: 'progress'; fraction: number } | { kind: 'done'; imported: XlsxImport } | { kind: 'failed'; message: string };

// The renderer is typed against the DOM; this module runs as a dedicated worker.
const scope = self as unknown as { onmessage: ((event: MessageEvent<ReadRequest>) => void) | null; postMessage(report: ReadReport): void };

scope.onmessage = async ({ data: { name, bytes } }) => {
  try {
    const imported = await readXlsx(name, bytes, undefined, (fraction) => scope.postMessage({ kind: 'progress', fraction }));
    scope.postMessage({ kind: 'done', imported });
  } catch (error) {
    scope.postMessage({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
};
