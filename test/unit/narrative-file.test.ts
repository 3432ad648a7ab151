/** A 情况说明 read from a file: a .txt as Notepad saves it (UTF-8, or GB18030: ANSI on Chinese Windows), and what is not one. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encodeGb18030 } from '../../shared/io/gb18030';
import { readNarrativeFile } from '../../shared/io/narrativeFile';

const text = readFileSync('test/fixtures/narrative/final-2023-jiefang.txt', 'utf8');

describe('a 情况说明 file', () => {
  it('reads the same text saved as GB18030 as saved as UTF-8, with or without its mark', async () => {
    const utf8 = await readNarrativeFile('说明.txt', new TextEncoder().encode(text));
    const marked = await readNarrativeFile('说明.txt', new TextEncoder().encode(`\ufeff${text}`));
    const ansi = await readNarrativeFile('说明.txt', encodeGb18030(text));
    expect(utf8.text).toContain('一般公共预算财政拨款');
    expect(marked).toEqual(utf8);
    expect(ansi).toEqual(utf8);
    // pdftotext puts a page break (\f) between a PDF's pages: text all the same.
    const paged = await readNarrativeFile('说明.txt', encodeGb18030(`${text}\f第二页`));
    expect(paged.text).toContain('第二页');
    // and a glyph it could not map (�) is a character of the text, not a sign of a binary file.
    const lost = await readNarrativeFile('说明.txt', new TextEncoder().encode(`${text}收入合计\ufffd万元`));
    expect(lost.text).toContain('合计\ufffd万元');
  });

  it('says in Chinese, naming the file, when it is not text', async () => {
    const binary = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x01, 0xff, 0x02]);
    await expect(readNarrativeFile('说明.txt', binary)).rejects.toThrow(
      /^无法读取“说明.txt”：文件不是文本文件/u,
    );
    const broken = new Uint8Array([0xef, 0xbb, 0xbf, 0xe4, 0xb8]);
    await expect(readNarrativeFile('说明.txt', broken)).rejects.toThrow(
      /^无法读取“说明.txt”：文件标明是 UTF-8/u,
    );
  });

  it('tells how to bring a .doc or .wps document in', async () => {
    await expect(readNarrativeFile('2023年情况说明.doc', new Uint8Array([0xd0, 0xcf]))).rejects.toThrow(
      '无法读取“2023年情况说明.doc”：情况说明只能是 .docx、.txt 文件；.doc、.wps 文件请在 Word 或 WPS 中“另存为” .docx 后导入',
    );
    await expect(readNarrativeFile('说明.pdf', new Uint8Array([0x25]))).rejects.toThrow(
      /^无法读取“说明.pdf”：情况说明只能是 .docx、.txt 文件$/u,
    );
  });
});
