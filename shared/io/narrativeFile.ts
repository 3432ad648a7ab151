/**
 * Reads a 情况说明 from the file people keep it in: a Word document (.docx, read as plain paragraphs
 * with mammoth) or plain text (.txt, UTF-8). Both give the same NarrativeText for the same text.
 */
import mammoth from 'mammoth';
import { narrativeFromPlainText, type NarrativeText } from '../narrative/text';

export const NARRATIVE_EXTENSIONS = ['.docx', '.txt'] as const;

export async function readNarrativeFile(fileName: string, bytes: Uint8Array): Promise<NarrativeText> {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.txt')) {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return narrativeFromPlainText(text);
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
  throw new Error(`无法读取“${fileName}”：情况说明只能是 ${NARRATIVE_EXTENSIONS.join('、')} 文件`);
}
