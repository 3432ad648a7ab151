/**
 * The zip archive an .xlsx is, read without trusting it: the end-of-directory record is searched
 * for (so that bytes in front of the archive, or a ZIP64 directory, are found and not mistaken for
 * "not a zip"), and before anything is parsed every entry is inflated once with its output counted
 * and thrown away: what the directory says about sizes never decides how much is inflated, and a
 * zip bomb is refused in about a second, before the XML parser has spent any time on it.
 */
import { Inflate } from 'fflate';
import { MAX_ENTRIES, MAX_EXPANDED_BYTES } from './limits';
import { Refusal } from './refusal';

export interface ArchiveEntry {
  name: string;
  method: number;
  encrypted: boolean;
  /** Where the entry's local header starts (already corrected for bytes in front of the archive). */
  localHeader: number;
  /** As the directory says, bounded by the end of the file when read (the uncompressed size it gives is never used). */
  compressedSize: number;
}

export interface Archive {
  bytes: Uint8Array;
  entries: Map<string, ArchiveEntry>;
}

const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_END_LOCATOR = 0x07064b50;
const ZIP64_END_OF_DIRECTORY = 0x06064b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const ZIP64_EXTRA = 0x0001;
/** A 32-bit (16-bit for counts) field of this value says "see the ZIP64 record". */
const SEE_ZIP64 = 0xffffffff;
/**
 * Compressed bytes handed to the inflater at a time. Deflate expands at most about 1,032 times, so
 * one slice never yields more than 16.5 MB before the byte count is checked again.
 */
const SLICE_BYTES = 16 * 1024;

const u16 = (view: DataView, at: number) => view.getUint16(at, true);
const u32 = (view: DataView, at: number) => view.getUint32(at, true);
/** A 64-bit field as a number; anything past 2^53 is far beyond the file and fails the bounds checks. */
const u64 = (view: DataView, at: number) => Number(view.getBigUint64(at, true));

/** The end-of-directory record: the last one whose comment fits in the file (the comment is at most 64 KB). */
function findEndOfDirectory(view: DataView): number {
  for (let at = view.byteLength - 22; at >= Math.max(0, view.byteLength - 22 - 0xffff); at--) {
    if (u32(view, at) === END_OF_DIRECTORY && at + 22 + u16(view, at + 20) <= view.byteLength) return at;
  }
  return -1;
}

interface Directory {
  entries: number;
  /** Where the directory really starts in the file. */
  start: number;
  /** What to add to every offset the archive records: the bytes in front of the archive. */
  shift: number;
}

function readDirectory(view: DataView, end: number): Directory {
  let entries = u16(view, end + 10);
  let size = u32(view, end + 12);
  let offset = u32(view, end + 16);
  let recordAt = end;
  if (entries === 0xffff || size === SEE_ZIP64 || offset === SEE_ZIP64) {
    const locator = end - 20;
    if (locator < 0 || u32(view, locator) !== ZIP64_END_LOCATOR)
      throw new Refusal('压缩包的 ZIP64 目录不完整，文件已损坏');
    // The ZIP64 record sits just before its locator; where the archive says it is tells the shift.
    recordAt = locator - 56;
    if (recordAt < 0 || u32(view, recordAt) !== ZIP64_END_OF_DIRECTORY)
      throw new Refusal('压缩包的 ZIP64 目录不完整，文件已损坏');
    entries = u64(view, recordAt + 32);
    size = u64(view, recordAt + 40);
    offset = u64(view, recordAt + 48);
  }
  // The directory ends where its end record begins: any difference is bytes put in front of the archive.
  const start = recordAt - size;
  const shift = start - offset;
  if (start < 0 || shift < 0 || (entries > 0 && u32(view, start) !== DIRECTORY_ENTRY))
    throw new Refusal('压缩包的目录位置不对，文件已损坏');
  if (entries > MAX_ENTRIES) throw new Refusal(`压缩包内有 ${entries} 个文件，远多于任何报表文件`);
  return { entries, start, shift };
}

/** The sizes and offset a ZIP64 extra field gives for the fields that say SEE_ZIP64. */
function zip64Fields(
  view: DataView,
  extraStart: number,
  extraEnd: number,
  wanted: { compressed: boolean; uncompressed: boolean; offset: boolean },
) {
  for (let at = extraStart; at + 4 <= extraEnd; at += 4 + u16(view, at + 2)) {
    if (u16(view, at) !== ZIP64_EXTRA) continue;
    let field = at + 4;
    const next = () => {
      if (field + 8 > extraEnd) throw new Refusal('压缩包的 ZIP64 信息不完整，文件已损坏');
      const value = u64(view, field);
      field += 8;
      return value;
    };
    // The fields appear in this order, each only when its 32-bit field says SEE_ZIP64.
    const uncompressed = wanted.uncompressed ? next() : undefined;
    const compressed = wanted.compressed ? next() : undefined;
    const offset = wanted.offset ? next() : undefined;
    return { uncompressed, compressed, offset };
  }
  throw new Refusal('压缩包的 ZIP64 信息不完整，文件已损坏');
}

/** The archive's entries, or null when the bytes are not a zip archive at all (the caller says what they are not). */
export function openArchive(bytes: Uint8Array): Archive | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEndOfDirectory(view);
  if (end < 0) return null;
  const { entries: count, start, shift } = readDirectory(view, end);
  const names = new TextDecoder('utf-8');
  const entries = new Map<string, ArchiveEntry>();
  let at = start;
  for (let n = 0; n < count; n++) {
    if (at + 46 > end || u32(view, at) !== DIRECTORY_ENTRY)
      throw new Refusal('压缩包的目录不完整，文件已损坏');
    const nameLength = u16(view, at + 28);
    const extraLength = u16(view, at + 30);
    const nameStart = at + 46;
    const extraStart = nameStart + nameLength;
    let compressedSize = u32(view, at + 20);
    let localHeader = u32(view, at + 42);
    const wanted = {
      uncompressed: u32(view, at + 24) === SEE_ZIP64,
      compressed: compressedSize === SEE_ZIP64,
      offset: localHeader === SEE_ZIP64,
    };
    if (wanted.uncompressed || wanted.compressed || wanted.offset) {
      const big = zip64Fields(view, extraStart, Math.min(end, extraStart + extraLength), wanted);
      compressedSize = big.compressed ?? compressedSize;
      localHeader = big.offset ?? localHeader;
    }
    const name = names.decode(bytes.subarray(nameStart, Math.min(end, extraStart)));
    entries.set(name, {
      name,
      method: u16(view, at + 10),
      encrypted: (u16(view, at + 8) & 1) === 1,
      localHeader: localHeader + shift,
      compressedSize,
    });
    at = extraStart + extraLength + u16(view, at + 32);
  }
  return { bytes, entries };
}

/**
 * Inflates an entry slice by slice, handing each piece of output to `onData` as it comes, so that a
 * part is never held whole (the XML parser reads it piece by piece).
 */
export function inflateEntry(
  archive: Archive,
  entry: ArchiveEntry,
  onData: (chunk: Uint8Array) => void,
): void {
  const { bytes } = archive;
  if (entry.encrypted) throw new Refusal(`压缩包内的“${entry.name}”已加密，无法读取`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const local = entry.localHeader;
  if (local + 30 > bytes.length || u32(view, local) !== LOCAL_HEADER)
    throw new Refusal(`压缩包内的“${entry.name}”位置不对，文件已损坏`);
  const dataStart = local + 30 + u16(view, local + 26) + u16(view, local + 28);
  // A size that lies past the end of the file reads to the end; one that lies short leaves the stream incomplete.
  const dataEnd = Math.min(bytes.length, dataStart + entry.compressedSize);
  if (entry.method === 0) {
    for (let at = dataStart; at < dataEnd; at += SLICE_BYTES)
      onData(bytes.subarray(at, Math.min(dataEnd, at + SLICE_BYTES)));
    return;
  }
  if (entry.method !== 8)
    throw new Refusal(`压缩包内的“${entry.name}”使用了不支持的压缩方式（${entry.method}）`);
  const inflater = new Inflate((chunk) => {
    if (chunk.length > 0) onData(chunk);
  });
  try {
    for (let at = dataStart; at < dataEnd; at += SLICE_BYTES) {
      const stop = Math.min(dataEnd, at + SLICE_BYTES);
      inflater.push(bytes.subarray(at, stop), stop === dataEnd);
    }
  } catch (error) {
    if (error instanceof Refusal) throw error;
    throw new Refusal(`压缩包内的“${entry.name}”数据已损坏或不完整，无法展开`);
  }
}

/**
 * Inflates every entry once, counting the bytes and keeping none, and refuses the archive as soon as
 * the count passes MAX_EXPANDED_BYTES. Every entry, not only the parts read: saving into the file
 * (saveXlsx, through exceljs) inflates them all.
 */
export function checkExpandedSize(archive: Archive): void {
  let expanded = 0;
  for (const entry of archive.entries.values()) {
    inflateEntry(archive, entry, (chunk) => {
      expanded += chunk.length;
      if (expanded > MAX_EXPANDED_BYTES) {
        throw new Refusal(
          `压缩包展开后超过 ${MAX_EXPANDED_BYTES / 1024 / 1024} MB（在展开“${entry.name}”时），远大于任何报表，可能是恶意构造的文件`,
        );
      }
    });
  }
}
