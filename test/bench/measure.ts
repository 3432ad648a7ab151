/**
 * Tiny measurement helpers for the benchmark: wall-clock timing with process.hrtime.bigint(),
 * median / percentiles, and heap deltas after forced GC (node --expose-gc).
 */

/** Milliseconds elapsed since `start` (a process.hrtime.bigint() reading). */
export function msSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Runs `fn` once and returns its result and its duration in milliseconds. */
export function timeIt<T>(fn: () => T): { result: T; ms: number } {
  const start = process.hrtime.bigint();
  const result = fn();
  return { result, ms: msSince(start) };
}

/** Median (mean of the two middle values for an even count). */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Percentile by the nearest-rank method (p99 of 300 samples = the 297th smallest). */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const rank = Math.min(s.length, Math.max(1, Math.ceil((p / 100) * s.length)));
  return s[rank - 1]!;
}

export const p99 = (xs: readonly number[]) => percentile(xs, 99);

/** Whether node was started with --expose-gc. */
export function gcAvailable(): boolean {
  return typeof globalThis.gc === 'function';
}

/** Forces full garbage collections (a no-op without --expose-gc). */
export function forceGc(): void {
  const gc = globalThis.gc;
  if (typeof gc !== 'function') return;
  // twice: the first pass may only queue finalizers / weak callbacks
  gc();
  gc();
}

export function heapUsedBytes(): number {
  return process.memoryUsage().heapUsed;
}

export const MB = 1024 * 1024;

/**
 * Heap retained by what `build` returns: heapUsed after − before, each after forced GC. The result
 * must stay reachable until the second reading, which is why it is returned. `exact` is false when
 * gc is unavailable (then garbage of the build is counted too and the figure is approximate).
 */
export function measureHeap<T>(build: () => T): { result: T; mb: number; ms: number; exact: boolean } {
  const exact = gcAvailable();
  forceGc();
  const before = heapUsedBytes();
  const start = process.hrtime.bigint();
  const result = build();
  const ms = msSince(start);
  forceGc();
  const after = heapUsedBytes();
  return { result, mb: (after - before) / MB, ms, exact };
}
