/**
 * GB18030 encoding (what Excel on Chinese Windows writes), built from the platform's own decoder:
 * browsers and Node decode GB18030 but cannot encode it. The table is made once, on first use, by
 * decoding every two-byte code and the four-byte codes of the Basic Multilingual Plane; characters
 * beyond it follow GB18030's linear four-byte mapping.
 */

let table: Map<string, number[]> | null = null;

function buildTable(): Map<string, number[]> {
  const decoder = new TextDecoder('gb18030');
  const map = new Map<string, number[]>();
  // Two-byte codes: lead 0x81–0xFE, trail 0x40–0xFE except 0x7F. Decoded one by one (a lone
  // undefined pair decodes to U+FFFD, which is skipped).
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if (ch.length === 1 && ch !== '\ufffd' && !map.has(ch)) map.set(ch, [lead, trail]);
    }
  }
  // Four-byte codes of the BMP: 0x81308130 … 0x8439FE39, each decoded on its own (some are
  // unassigned, and decoding them together would shift every character after one).
  for (let b1 = 0x81; b1 <= 0x84; b1++) {
    for (let b2 = 0x30; b2 <= 0x39; b2++) {
      for (let b3 = 0x81; b3 <= 0xfe; b3++) {
        for (let b4 = 0x30; b4 <= 0x39; b4++) {
          const ch = decoder.decode(new Uint8Array([b1, b2, b3, b4]));
          if (ch.length === 1 && ch !== '\ufffd' && !map.has(ch)) map.set(ch, [b1, b2, b3, b4]);
        }
      }
    }
  }
  return map;
}

export function encodeGb18030(text: string): Uint8Array {
  table ??= buildTable();
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else if (code >= 0x10000) {
      let linear = code - 0x10000;
      const b4 = 0x30 + (linear % 10);
      linear = Math.floor(linear / 10);
      const b3 = 0x81 + (linear % 126);
      linear = Math.floor(linear / 126);
      out.push(0x90 + Math.floor(linear / 10), 0x30 + (linear % 10), b3, b4);
    } else out.push(...(table.get(ch) ?? [0x3f]));
  }
  return new Uint8Array(out);
}
