/**
 * Reads a report file in a worker (readerWorker.ts), telling its progress; cancel() ends the worker
 * at once, whatever it is doing, and the reading fails with ReadCancelled.
 */
import type { OpenedReport } from '../../shared/io/formats';
import type { ReadReport, ReadRequest } from './readerWorker';

export class ReadCancelled extends Error {
  override name = 'ReadCancelled';
}

export interface Reading {
  result: Promise<OpenedReport>;
  cancel(): void;
}

export function readInWorker(
  name: string,
  bytes: Uint8Array,
  onProgress: (fraction: number) => void,
): Reading {
  const worker = new Worker(new URL('./readerWorker.ts', import.meta.url), { type: 'module' });
  let cancel = () => {};
  const result = new Promise<OpenedReport>((resolve, reject) => {
    const finish = (settle: () => void) => {
      worker.terminate();
      settle();
    };
    worker.onmessage = ({ data }: MessageEvent<ReadReport>) => {
      if (data.kind === 'progress') onProgress(data.fraction);
      else if (data.kind === 'done') finish(() => resolve(data.opened));
      else finish(() => reject(new Error(data.message)));
    };
    worker.onerror = (event) =>
      finish(() => reject(new Error(`无法打开“${name}”：读取时出错（${event.message}）`)));
    cancel = () => finish(() => reject(new ReadCancelled(`已取消打开“${name}”`)));
  });
  // Copied, not transferred: the window keeps the bytes to save figures back into the file.
  worker.postMessage({ name, bytes } satisfies ReadRequest);
  return { result, cancel };
}
