import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { writeNarrativeDocx } from '../../shared/io/narrativeDocx';
import { readNarrativeFile } from '../../shared/io/narrativeFile';
import { narrativeSetFor } from '../../shared/narrative/definitions';
import { narrativeFromPlainText } from '../../shared/narrative/text';
import { narrativeText } from '../support/narrative';

const set = narrativeSetFor(['final-2023'])!;

async function documentXml(bytes: Uint8Array): Promise<string> {
  return (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
}

describe('the 情况说明 written as a Word document', () => {
  const narrative = narrativeFromPlainText(narrativeText('final-2023-jiefang'));

  it('reads back to the same text', async () => {
    const bytes = await writeNarrativeDocx(narrative, set);
    const back = await readNarrativeFile('情况说明.docx', bytes);
    expect(back.text).toBe(narrative.text);
  });

  it('makes each section title a Word heading and the body 仿宋_GB2312 三号', async () => {
    const xml = await documentXml(await writeNarrativeDocx(narrative, set));
    expect(xml.match(/w:pStyle w:val="Heading1"/gu)?.length).toBe(13);
    expect(xml.match(/w:pStyle w:val="Title"/gu)?.length).toBe(1);
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(xml).toContain('<w:sz w:val="32"/>');
  });

  it('keeps a title glued to its text in its paragraph, in the heading font', async () => {
    const glued = narrativeFromPlainText('一、收入支出决算总体情况说明。2023年度收入总计100.00万元。');
    const bytes = await writeNarrativeDocx(glued, set);
    const xml = await documentXml(bytes);
    expect(xml).not.toContain('Heading1');
    expect(xml).toContain('w:eastAsia="黑体"');
    expect((await readNarrativeFile('a.docx', bytes)).text).toBe(glued.text);
  });
});
