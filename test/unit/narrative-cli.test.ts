/** The checker with --narrative: a .docx and a .txt of the same text give the same findings. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCheck, type CheckedFile } from '../../electron/cli/check';
import { docxOf } from '../support/docx';
import { narrativeText } from '../support/narrative';

const root = fileURLToPath(new URL('../fixtures/', import.meta.url));

async function run(args: string[], files: Record<string, Uint8Array>) {
  let stdout = '';
  let stderr = '';
  const code = await runCheck(args, {
    readFile(path) {
      const bytes = files[path];
      if (!bytes) throw Object.assign(new Error('not found'), { code: 'ENOENT' });
      return bytes;
    },
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  return { code, stdout, stderr };
}

describe('npm run check -- --json TABLES.xlsx --narrative TEXT', () => {
  it('adds the narrative to the file’s entry, the same from .docx and .txt', async () => {
    const text = narrativeText('final-2023-jiefang');
    const files = {
      'jiefang.xlsx': readFileSync(`${root}xlsx/final-2023-jiefang.xlsx`),
      'jiefang.txt': new TextEncoder().encode(text),
      'jiefang.docx': await docxOf(text),
    };
    const fromTxt = await run(['--json', 'jiefang.xlsx', '--narrative', 'jiefang.txt'], files);
    const fromDocx = await run(['--json', 'jiefang.xlsx', '--narrative', 'jiefang.docx'], files);
    expect(fromTxt.stderr).toBe('');
    expect(fromTxt.code).toBe(1);
    const [txt] = (JSON.parse(fromTxt.stdout) as { files: CheckedFile[] }).files;
    const [docx] = (JSON.parse(fromDocx.stdout) as { files: CheckedFile[] }).files;
    const narrativeOf = (f: CheckedFile) => f.findings.filter((x) => x.location?.kind === 'narrative');
    expect(
      narrativeOf(txt!)
        .map((f) => f.ruleId)
        .sort(),
    ).toEqual([
      'E02',
      'E06',
      'E08',
      'E08',
      'E08',
      'E09',
      'E10',
      'E10',
      'E10',
      'E10',
      'E10',
      'E10',
      'E10',
      'E11',
      'E12',
      'E12',
      'E12',
      'N02',
    ]);
    expect(narrativeOf(txt!)).toHaveLength(18);
    expect(narrativeOf(docx!)).toEqual(narrativeOf(txt!));
    expect(docx!.narrative!.sections).toEqual(txt!.narrative!.sections);
    expect(txt!.narrative!.file).toBe('jiefang.txt');
    expect(txt!.narrative!.sections).toHaveLength(13);
    const e11 = narrativeOf(txt!).find((f) => f.ruleId === 'E11')!;
    expect(e11).toMatchObject({
      severity: 'error',
      printed: '2164.69万元',
      expected: '407.61万元',
      location: { kind: 'narrative', section: '六' },
    });
    expect(e11.cells.map((c) => `${c.table} ${c.column} ${c.value}`)).toEqual(['公开05表 基本支出 407.61']);
    const { start, end } = e11.location as { start: number; end: number };
    expect(text.replace(/\n+$/u, '').slice(start, end)).toBe('2164.69万元');
    expect(txt!.narrative!.figures.length).toBeGreaterThan(100);
    expect(txt!.narrative!.notChecked.every((n) => n.reason !== '')).toBe(true);
  });

  it('refuses --narrative without a tables file before it, and a text file it cannot read', async () => {
    expect((await run(['--narrative', 'a.txt'], {})).code).toBe(2);
    const bad = await run(['--json', 'g.xlsx', '--narrative', 'a.pdf'], {
      'g.xlsx': readFileSync(`${root}xlsx/final-2024-gaoxin.xlsx`),
      'a.pdf': new Uint8Array([1]),
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('情况说明只能是 .docx、.txt 文件');
  });
});
