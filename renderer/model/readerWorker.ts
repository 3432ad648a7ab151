/**
 * The worker that reads a report file off the window's thread (see readInWorker.ts): the window
 * stays responsive while a large file is read, and reading can be stopped by ending the worker.
 */
import { readReportFile, type OpenedReport } from '../../shared/io/formats';

export interface ReadRequest {
  name: string;
  bytes: Uint8Array;
}

export type ReadReport =
  | { kind: 'progress'; fraction: number }
  | { kind: 'done'; opened: OpenedReport }
  | { kind: 'failed'; message: string };

// The renderer is typed against the DOM; this module runs as a dedicated worker.
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ReadRequest>) => void) | null;
  postMessage(report: ReadReport): void;
};

scope.onmessage = async ({ data: { name, bytes } }) => {
  try {
    // The format (with its functions) cannot cross to the window; the window finds it again by the name.
    const { format: _format, ...opened } = await readReportFile(name, bytes, (fraction) =>
      scope.postMessage({ kind: 'progress', fraction }),
    );
    scope.postMessage({ kind: 'done', opened });
  } catch (error) {
    scope.postMessage({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
};
