/**
 * Reads a 情况说明 from the file people keep it in: a Word document (.docx, read as plain paragraphs
 * with mammoth) or plain text (.txt, UTF-8 or GB18030 as Notepad saves it on Chinese Windows). Both
 * give the same NarrativeText for the same text.
 */
import mammoth from 'mammoth';
import { narrativeFromPlainText, type NarrativeText } from '../narrative/text';
import { NARRATIVE_EXTENSIONS } from './formats';
import { BAD_UTF8, decodeText } from './textFile';

export async function readNarrativeFile(fileName: string, bytes: Uint8Array): Promise<NarrativeText> {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.txt')) {
    const decoded = decodeText(bytes);
    if ('text' in decoded) return narrativeFromPlainText(decoded.text);
    throw new Error(
      `无法读取“${fileName}”：${decoded.problem === 'notText' ? '文件不是文本文件，可能是 Word 文档或其他类型的文件；Word 文档请存为 .docx 后导入' : BAD_UTF8}`,
    );
  }
  if (lower.endsWith('.docx')) {
    try {
      // mammoth separates paragraphs with blank lines; empty ones are dropped by the text model.
      // Its Node build reads `buffer`, its browser build `arrayBuffer`; both take the bytes as they are.
      const input = { buffer: bytes, arrayBuffer: bytes } as unknown as Parameters<
        typeof mammoth.extractRawText
      >[0];
      const { value } = await mammoth.extractRawText(input);
      return narrativeFromPlainText(value);
    } catch (error) {
      throw new Error(
        `无法读取“${fileName}”：不是有效的 Word 文档（${error instanceof Error ? error.message : String(error)}）`,
        { cause: error },
      );
    }
  }
  // Word 97–2003 and WPS's own format are still common in finance offices; Word and WPS both save .docx.
  const older = /\.(?:doc|wps)$/u.test(lower)
    ? '；.doc、.wps 文件请在 Word 或 WPS 中“另存为” .docx 后导入'
    : '';
  throw new Error(
    `无法读取“${fileName}”：情况说明只能是 ${NARRATIVE_EXTENSIONS.map((e) => `.${e}`).join('、')} 文件${older}`,
  );
}
