/**
 * File formats in one registry: a format nobody wrote code for elsewhere (test/support/madeUpFormat.ts,
 * registered there) is opened by the checker and by the window, and a report from a format the
 * program cannot write is saved as a new .json file, never over the file it came from.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../electron/cli/check';
import {
  fileFilters,
  formatOf,
  readableExtensions,
  readReportFile,
  saveTarget,
} from '../../shared/io/formats';
import { Session } from '../../renderer/model/session';
import { loadSample } from '../support/fixtures';
import { unregisterListing, writeListing } from '../support/madeUpFormat';

afterAll(() => unregisterListing());

const listing = writeListing(loadSample('final-2024-gaoxin'));

async function check(
  files: Record<string, Uint8Array>,
): Promise<{ code: number; json: { files: { findings: { ruleId: string; severity: string }[] }[] } }> {
  let out = '';
  const code = await runCheck(['--json', ...Object.keys(files)], {
    readFile: (p) => files[p]!,
    stdout: (t) => (out += t),
    stderr: () => {},
  });
  return { code, json: JSON.parse(out) };
}

describe('the format registry', () => {
  it('knows the program’s formats by extension, whatever the case', () => {
    expect(formatOf('部门决算.XLSX')?.id).toBe('xlsx');
    expect(formatOf('a.json')?.id).toBe('json');
    expect(formatOf('说明.pdf')).toBeNull();
    expect(readableExtensions()).toEqual(expect.arrayContaining(['xlsx', 'json', 'bdl']));
    expect(fileFilters().get('csv')).toEqual({ name: 'CSV 文件 (*.csv)', extensions: ['csv'] });
  });

  it('names the file and what it can open when it does not know the format', async () => {
    await expect(readReportFile('说明.pdf', new Uint8Array())).rejects.toThrow(
      /无法打开“说明\.pdf”：程序不认识这种文件（可以打开 \.xlsx、\.json/u,
    );
  });

  it('opens a made-up format in the checker with the findings of the same report as .json', async () => {
    const json = new TextEncoder().encode(JSON.stringify(loadSample('final-2024-gaoxin')));
    const { code, json: out } = await check({ 'a.bdl': listing, 'a.json': json });
    expect(code).toBe(1);
    const errors = out.files.map((f) =>
      f.findings
        .filter((x) => x.severity === 'error')
        .map((x) => x.ruleId)
        .sort(),
    );
    expect(errors[0]).toEqual(errors[1]);
    expect(errors[0]!.length).toBeGreaterThan(0);
  });

  it('opens a made-up format in the window, and saves it as a new .json beside it, not over it', async () => {
    const { session } = await Session.read({ name: '高新区人社局.bdl', bytes: listing });
    expect(session.workbook.findings().filter((f) => f.severity === 'error').length).toBeGreaterThan(0);
    expect(saveTarget('高新区人社局.bdl')).toMatchObject({
      fileName: '高新区人社局.json',
      intoOriginal: false,
    });
    const saved = await session.save();
    expect(saved.name).toBe('高新区人社局.json');
    const reopened = await Session.read(saved);
    expect(reopened.session.workbook.findings().map((f) => f.key)).toEqual(
      session.workbook.findings().map((f) => f.key),
    );
  });
});
