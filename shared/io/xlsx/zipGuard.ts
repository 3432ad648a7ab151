/**
 * Looks at an .xlsx (a zip archive) before it is opened: a file far larger than any report, or an
 * archive that would expand past a sane size (a "zip bomb"), is refused with a message instead of
 * filling the memory of the user's PC. Reads only the zip's central directory.
 */

/** A report workbook is a few megabytes; 50 MB leaves room for logos and many units. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;
/** Expanded, a 20,000-row report is under 30 MB; 500 MB is far beyond any real one. */
export const MAX_EXPANDED_BYTES = 500 * 1024 * 1024;
const MAX_ENTRIES = 10_000;

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;

/** Why the archive must not be opened, or null when it may. */
export function archiveProblem(bytes: Uint8Array): string | null {
  if (bytes.length > MAX_FILE_BYTES) return `文件有 ${Math.round(bytes.length / 1024 / 1024)} MB，远大于报表文件（上限 ${MAX_FILE_BYTES / 1024 / 1024} MB）`;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-directory record sits in the last 64 KB + 22 bytes (its comment is at most 64 KB).
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === END_OF_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) return null; // not a zip: the reader says so in its own words
  const entries = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  if (entries > MAX_ENTRIES) return `压缩包内有 ${entries} 个文件，不是报表文件`;
  let expanded = 0;
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== DIRECTORY_ENTRY) return null;
    const size = view.getUint32(offset + 24, true);
    // 0xFFFFFFFF means the real size is in a ZIP64 record: more than 4 GB, certainly too large.
    if (size === 0xffffffff) return '压缩包展开后过大（超过 4 GB），不是报表文件';
    expanded += size;
    if (expanded > MAX_EXPANDED_BYTES) return `压缩包展开后超过 ${MAX_EXPANDED_BYTES / 1024 / 1024} MB，可能是恶意构造的文件`;
    offset += 46 + view.getUint16(offset + 28, true) + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
  }
  return null;
}
