/**
 * One part of the archive read as XML while it is inflated: the parser sees each inflated slice as
 * it comes, so a part is never held whole as bytes or as one string. A DOCTYPE is refused outright
 * (Excel never writes one; it is how entity-expansion attacks start).
 */
import { SaxesParser } from 'saxes';
import { Refusal } from './refusal';
import { inflateEntry, type Archive } from './zipArchive';

export interface XmlHandler {
  /** An element opens; `name` without its namespace prefix (x:c and c are both c). */
  open(name: string, attributes: Record<string, string>): void;
  close?(name: string): void;
  /** Character data inside the current element (entities resolved). */
  text?(text: string): void;
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/** Reads part `name` of the archive through `handler`; false when the archive has no such part. */
export function readXmlPart(archive: Archive, name: string, handler: XmlHandler): boolean {
  const entry = archive.entries.get(name);
  if (!entry) return false;
  const parser = new SaxesParser({ position: false });
  parser.on('error', (error) => {
    throw new Refusal(`压缩包内的“${name}”不是有效的 XML（${error.message}），文件已损坏`);
  });
  parser.on('doctype', () => {
    throw new Refusal(`压缩包内的“${name}”含有 DOCTYPE 声明，Excel 不会这样保存文件，可能是恶意构造的文件`);
  });
  parser.on('opentag', (tag) => handler.open(localName(tag.name), tag.attributes as Record<string, string>));
  if (handler.close) parser.on('closetag', (tag) => handler.close!(localName(tag.name)));
  if (handler.text) {
    parser.on('text', handler.text);
    parser.on('cdata', handler.text);
  }
  const decoder = new TextDecoder('utf-8');
  inflateEntry(archive, entry, (chunk) => parser.write(decoder.decode(chunk, { stream: true })));
  parser.write(decoder.decode());
  parser.close();
  return true;
}
