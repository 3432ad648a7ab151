/**
 * The text of a file people save as text: UTF-8 (with or without its mark) when it is valid UTF-8,
 * else GB18030, which Notepad (ANSI) and Excel save on Chinese Windows. GB18030 gives nearly any
 * bytes a meaning, so a file that is not text at all shows as control characters, and is said so.
 */
export type DecodedText = { text: string } | { problem: 'badUtf8' | 'notText' };

export function decodeText(bytes: Uint8Array): DecodedText {
  const marked = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  let text: string;
  let undecodable = false;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    if (marked) return { problem: 'badUtf8' };
    text = new TextDecoder('gb18030').decode(bytes);
    // Bytes GB18030 has no character for; in valid UTF-8, a � is a character like any other.
    undecodable = text.includes('\ufffd');
  }
  // Tabs, line ends and page breaks (\f, which pdftotext puts between a PDF's pages) are text.
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is looked for
  if (undecodable || /[\u0000-\u0008\u000b\u000e-\u001f]/u.test(text)) return { problem: 'notText' };
  return { text };
}

/** What `badUtf8` means to the user (what `notText` means depends on the file that was expected). */
export const BAD_UTF8 = '文件标明是 UTF-8 编码，但内容不是有效的 UTF-8 文本，可能已损坏';
