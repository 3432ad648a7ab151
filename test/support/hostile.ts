/**
 * Hostile and broken .xlsx files (issue 14), generated at test time and small: a zip writer that can
 * lie in its directory, put bytes in front of the archive or use ZIP64 records, and a deflate stream
 * written by hand that repeats a unit by back-references, so that a file of a few megabytes
 * inflates to hundreds without anyone having to compress hundreds of megabytes to make it.
 */
import { crc32 } from 'node:zlib';
import { deflateSync, unzipSync } from 'fflate';

export interface ZipEntry {
  name: string;
  /** The entry's data as stored in the archive (deflated unless `stored`). */
  data: Uint8Array;
  stored?: boolean;
  /** The size the directory claims the entry expands to (its real size unless lying). */
  size: number;
  crc: number;
}

export interface ZipOptions {
  /** Bytes put in front of the archive (a self-extracting stub, a download gone wrong). */
  prefix?: Uint8Array;
  /** Write ZIP64 end records, and every entry's size as "see ZIP64" with the real one in its extra field. */
  zip64?: boolean;
}

export const encode = (text: string) => new TextEncoder().encode(text);

/** An entry holding `data`, deflated, its directory telling the truth. */
export function entry(name: string, data: Uint8Array | string): ZipEntry {
  const bytes = typeof data === 'string' ? encode(data) : data;
  return { name, data: deflateSync(bytes), size: bytes.length, crc: crc32(bytes) };
}

class ByteWriter {
  private readonly parts: Uint8Array[] = [];
  length = 0;

  bytes(data: Uint8Array): void {
    this.parts.push(data);
    this.length += data.length;
  }

  /** Little-endian integers of 2, 4 or 8 bytes. */
  int(value: number, size: 2 | 4 | 8): void {
    const data = new Uint8Array(size);
    const view = new DataView(data.buffer);
    if (size === 2) view.setUint16(0, value, true);
    else if (size === 4) view.setUint32(0, value, true);
    else view.setBigUint64(0, BigInt(value), true);
    this.bytes(data);
  }

  result(): Uint8Array {
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const part of this.parts) {
      out.set(part, at);
      at += part.length;
    }
    return out;
  }
}

const ALL_ONES = 0xffffffff;

/** A zip archive of the entries, as options say. */
export function zip(entries: ZipEntry[], options: ZipOptions = {}): Uint8Array {
  const out = new ByteWriter();
  if (options.prefix) out.bytes(options.prefix);
  const base = out.length;
  const offsets: number[] = [];
  for (const e of entries) {
    offsets.push(out.length - base);
    const name = encode(e.name);
    out.int(0x04034b50, 4);
    out.int(20, 2);
    out.int(0, 2);
    out.int(e.stored ? 0 : 8, 2);
    out.int(0, 4); // time and date
    out.int(e.crc, 4);
    out.int(e.data.length, 4);
    out.int(Math.min(e.size, ALL_ONES), 4);
    out.int(name.length, 2);
    out.int(0, 2);
    out.bytes(name);
    out.bytes(e.data);
  }
  const directoryStart = out.length - base;
  for (const [i, e] of entries.entries()) {
    const name = encode(e.name);
    out.int(0x02014b50, 4);
    out.int(45, 2);
    out.int(options.zip64 ? 45 : 20, 2);
    out.int(0, 2);
    out.int(e.stored ? 0 : 8, 2);
    out.int(0, 4);
    out.int(e.crc, 4);
    out.int(options.zip64 ? ALL_ONES : e.data.length, 4);
    out.int(options.zip64 ? ALL_ONES : Math.min(e.size, ALL_ONES), 4);
    out.int(name.length, 2);
    out.int(options.zip64 ? 28 : 0, 2);
    out.int(0, 2); // comment
    out.int(0, 2); // disk
    out.int(0, 2);
    out.int(0, 4);
    out.int(options.zip64 ? ALL_ONES : offsets[i]!, 4);
    out.bytes(name);
    if (options.zip64) {
      out.int(0x0001, 2);
      out.int(24, 2);
      out.int(e.size, 8);
      out.int(e.data.length, 8);
      out.int(offsets[i]!, 8);
    }
  }
  const directorySize = out.length - base - directoryStart;
  if (options.zip64) {
    const record = out.length - base;
    out.int(0x06064b50, 4);
    out.int(44, 8);
    out.int(45, 2);
    out.int(45, 2);
    out.int(0, 4);
    out.int(0, 4);
    out.int(entries.length, 8);
    out.int(entries.length, 8);
    out.int(directorySize, 8);
    out.int(directoryStart, 8);
    out.int(0x07064b50, 4);
    out.int(0, 4);
    out.int(record, 8);
    out.int(1, 4);
  }
  out.int(0x06054b50, 4);
  out.int(0, 2);
  out.int(0, 2);
  out.int(options.zip64 ? 0xffff : entries.length, 2);
  out.int(options.zip64 ? 0xffff : entries.length, 2);
  out.int(options.zip64 ? ALL_ONES : directorySize, 4);
  out.int(options.zip64 ? ALL_ONES : directoryStart, 4);
  out.int(0, 2);
  return out.result();
}

/** The entries of an existing .xlsx, re-deflated, in their order. */
export function entriesOf(xlsx: Uint8Array): ZipEntry[] {
  return Object.entries(unzipSync(xlsx)).map(([name, data]) => entry(name, data));
}

/** An .xlsx with some parts changed (text in, text out) or removed (null). */
export function patchXlsx(
  xlsx: Uint8Array,
  changes: Record<string, ((xml: string) => string) | null>,
): Uint8Array {
  const files = unzipSync(xlsx);
  const entries: ZipEntry[] = [];
  for (const [name, data] of Object.entries(files)) {
    const change = changes[name];
    if (change === null) continue;
    entries.push(
      change === undefined ? entry(name, data) : entry(name, change(new TextDecoder().decode(data))),
    );
  }
  return zip(entries);
}

/** Replaces the <c> element of `address` in a sheet's XML by `cell` (the whole element, as Excel would write it). */
export function replaceCell(xml: string, address: string, cell: string): string {
  const pattern = new RegExp(`<c r="${address}"(?:[^>]*/>|[^>]*>.*?</c>)`, 'u');
  if (!pattern.test(xml)) throw new Error(`no cell ${address} in the sheet`);
  return xml.replace(pattern, cell);
}

// ── a deflate stream that repeats ──────────────────────────────────────────────────────────

/** Writes bits least significant first, as deflate does; Huffman codes go in most significant bit first. */
class BitWriter {
  private readonly out: number[] = [];
  private current = 0;
  private count = 0;

  bits(value: number, count: number): void {
    for (let i = 0; i < count; i++) this.bit((value >>> i) & 1);
  }

  code(code: number, length: number): void {
    for (let i = length - 1; i >= 0; i--) this.bit((code >>> i) & 1);
  }

  private bit(bit: number): void {
    this.current |= bit << this.count;
    if (++this.count === 8) {
      this.out.push(this.current);
      this.current = 0;
      this.count = 0;
    }
  }

  result(): Uint8Array {
    return Uint8Array.from(this.count > 0 ? [...this.out, this.current] : this.out);
  }
}

/** A literal byte in deflate's fixed Huffman code. */
function literal(writer: BitWriter, byte: number): void {
  if (byte < 144) writer.code(0x30 + byte, 8);
  else writer.code(0x190 + byte - 144, 9);
}

const DISTANCE_BASE = [
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097,
  6145, 8193, 12289, 16385, 24577,
];
const DISTANCE_EXTRA = [
  0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
];

/** A copy of 258 bytes from `distance` back (length code 285, fixed Huffman). */
function copy258(writer: BitWriter, distance: number): void {
  writer.code(0xc0 + 285 - 280, 8);
  let code = DISTANCE_BASE.length - 1;
  while (DISTANCE_BASE[code]! > distance) code--;
  writer.code(code, 5);
  writer.bits(distance - DISTANCE_BASE[code]!, DISTANCE_EXTRA[code]!);
}

/**
 * A raw deflate stream of `head`, then `unit` repeated `times` times, then `tail`, in one fixed-Huffman
 * block: the repeats are back-references of 258 bytes, 26 bits each, so 450 MB of repeats take 6 MB.
 * `unit` must be at most 32 KB (deflate's window).
 */
export function deflateRepeating(
  head: string,
  unit: string,
  times: number,
  tail: string,
): { data: Uint8Array; size: number } {
  const [headBytes, unitBytes, tailBytes] = [encode(head), encode(unit), encode(tail)];
  if (unitBytes.length > 32_768) throw new Error('the unit must fit in the deflate window');
  const writer = new BitWriter();
  writer.bits(1, 1); // the last block
  writer.bits(1, 2); // fixed Huffman codes
  for (const byte of headBytes) literal(writer, byte);
  for (const byte of unitBytes) literal(writer, byte);
  const repeated = unitBytes.length * (times - 1);
  const copies = Math.floor(repeated / 258);
  for (let i = 0; i < copies; i++) copy258(writer, unitBytes.length);
  for (let i = copies * 258; i < repeated; i++) literal(writer, unitBytes[i % unitBytes.length]!);
  for (const byte of tailBytes) literal(writer, byte);
  writer.code(0, 7); // end of block
  return { data: writer.result(), size: headBytes.length + unitBytes.length * times + tailBytes.length };
}
