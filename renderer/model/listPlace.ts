/**
 * Where a highlight in a list goes when the list changes (the 审核 panel after an edit): an item
 * still there stays highlighted; one that is gone hands its place to the next item that is still
 * there, as a fixed finding leaves the highlight on the finding that followed it, else to the one
 * before it.
 */
export function keepPlace(before: readonly string[], key: string, after: readonly string[]): string | null {
  const now = new Set(after);
  if (now.has(key)) return key;
  const at = before.indexOf(key);
  if (at < 0) return null;
  const next = before.slice(at + 1).find((k) => now.has(k));
  return (
    next ??
    before
      .slice(0, at)
      .reverse()
      .find((k) => now.has(k)) ??
    null
  );
}
