/**
 * Printing for publication: the print view makes a PDF in which every row of every table is
 * present, the column header repeats on each page and the page numbers are right.
 */
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { generateLargeReport } from '../bench/large-report';
import { openExample, openReportFile, openTab, SCREENS } from './helpers';
import { loadSample } from '../support/fixtures';

async function printPdf(page: Page, path: string): Promise<string[]> {
  await page.getByRole('button', { name: '打印预览…' }).click();
  await expect(page.locator('.bd-print .pv-page').first()).toBeVisible();
  return pdfOfPreview(page, path);
}

/** The preview as a PDF, as text page by page (as many pages as the preview shows). */
async function pdfOfPreview(page: Page, path: string): Promise<string[]> {
  const pages = await page.locator('.bd-print > .pv-page').count();
  writeFileSync(path, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  const text = execFileSync('pdftotext', ['-layout', path, '-'], {
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  const pdfPages = text.split('\f').filter((p) => p.trim() !== '');
  expect(pdfPages).toHaveLength(pages);
  return pdfPages;
}

const squeeze = (s: string) => s.replace(/\s+/gu, '');

/**
 * Each page's orientation from its size, and how far down its lowest text (the page number) sits:
 * a page printed at full size has it near the bottom margin, a shrunken one much higher.
 */
function pageGeometry(path: string): { orientation: string; lowestText: number }[] {
  const bbox = execFileSync('pdftotext', ['-bbox', path, '-'], {
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  return bbox
    .split('<page ')
    .slice(1)
    .map((page) => {
      const [, width, height] = /width="([\d.]+)" height="([\d.]+)"/u.exec(page)!.map(Number);
      const bottoms = [...page.matchAll(/yMax="([\d.]+)"/gu)].map(([, y]) => Number(y));
      return {
        orientation: width! < height! ? 'portrait' : 'landscape',
        lowestText: Math.max(...bottoms) / height!,
      };
    });
}

/** Lines of a page holding a figure: its body rows (headers, notes and page numbers hold none). */
const figureLines = (text: string) => text.split('\n').filter((line) => /\d\.\d\d/u.test(line));
const isTotal = (line: string) => /合计|总计/u.test(line);

/**
 * A table's page after its first never holds only its last few rows: not only its totals (on
 * paper), and at least a quarter as many rows as its first page (in the preview it was printed from).
 */
async function expectRowsKeptTogether(page: Page, pdfPages: string[]): Promise<void> {
  const rows = await page
    .locator('.bd-print > .pv-page')
    .evaluateAll((sections) => sections.map((s) => s.querySelectorAll('tbody tr').length));
  const first = new Map<string, number>();
  for (const [i, text] of pdfPages.entries()) {
    const table = /公开0\d表/u.exec(squeeze(text))![0];
    if (!first.has(table)) {
      first.set(table, rows[i]!);
      continue;
    }
    const lines = figureLines(text);
    expect(
      lines.some((line) => !isTotal(line)),
      `page ${i + 1} (${table}) holds only totals`,
    ).toBe(true);
    expect(rows[i], `page ${i + 1} (${table}) rows`).toBeGreaterThanOrEqual(first.get(table)! / 4);
  }
}

async function openFile(page: Page, path: string): Promise<void> {
  await openReportFile(page, path);
  await expect(page.getByRole('tab', { name: /公开01表/ })).toBeVisible();
}

for (const name of ['final-2023-jiefang', 'final-2024-gaoxin'] as const) {
  test(`${name} prints every row of every table, with repeated headers and page numbers`, async ({
    page,
  }) => {
    await openFile(page, `test/fixtures/${name}.json`);
    const pdfPages = await printPdf(page, `test-results/print-${name}.pdf`);
    pdfPages.forEach((text, i) => expect(squeeze(text)).toContain(`第${i + 1}页共${pdfPages.length}页`));
    const whole = squeeze(pdfPages.join(''));
    const sample = loadSample(name);
    for (const table of sample.tables) {
      expect(whole).toContain(table.id);
      for (const row of table.rows) {
        // Codes never wrap; long names wrap inside their cell, so a coded row is found by its code.
        if (row.code) expect(whole, `${table.id} ${row.code}`).toContain(row.code);
        else if (row.name) expect(whole, `${table.id} ${row.name}`).toContain(squeeze(row.name));
      }
    }
    // Every page repeats its table's header block and the last line of its column header.
    const lastHeaderLine: Record<string, string> = {
      公开06表: '科目名称决算数',
      公开09表: '123456789101112',
    };
    for (const text of pdfPages.map(squeeze)) {
      const table = /公开0\d表/u.exec(text)![0];
      expect(text).toContain(`${table}部门：`);
      expect(text).toContain(lastHeaderLine[table] ?? '栏次');
    }
    // Each page lies or stands as its table does in the preview (05 and 08 stand upright).
    const orientations = await page
      .locator('.bd-print > .pv-page')
      .evaluateAll((sections) => sections.map((s) => (s as HTMLElement).dataset.orientation));
    const geometry = pageGeometry(`test-results/print-${name}.pdf`);
    expect(geometry.map((g) => g.orientation)).toEqual(orientations);
    await expectRowsKeptTogether(page, pdfPages);
    for (const [i, g] of geometry.entries())
      expect(g.lowestText, `page ${i + 1} printed at full size`).toBeGreaterThan(0.9);
    expect(
      new Set(pdfPages.filter((t) => /公开0[58]表/u.test(t)).map((t) => orientations[pdfPages.indexOf(t)])),
    ).toEqual(new Set(['portrait']));
    execFileSync('pdftoppm', [
      '-r',
      '60',
      '-png',
      `test-results/print-${name}.pdf`,
      `${SCREENS}/print-${name}`,
    ]);
  });
}

test('the nine tables of the example print on few pages, no page holding only a table’s last rows', async ({
  page,
}) => {
  await openExample(page);
  const fitted = await printPdf(page, 'test-results/print-example.pdf');
  console.log(`适应页宽: ${fitted.length} pages`);
  // Before tables that overflowed by a few rows were shrunk a step, the nine took 14 pages.
  expect(fitted.length).toBeLessThan(14);
  await expectRowsKeptTogether(page, fitted);
  execFileSync('pdftoppm', [
    '-r',
    '50',
    '-png',
    'test-results/print-example.pdf',
    `${SCREENS}/print-example`,
  ]);

  // At 100 % no table shrinks: the tables that overflow take rows from the page before onto their last.
  await page.getByLabel('缩放').selectOption('100%');
  await expect(page.locator('.bd-print > .pv-page').first()).toBeVisible();
  const full = await pdfOfPreview(page, 'test-results/print-example-100.pdf');
  console.log(`100%: ${full.length} pages`);
  expect(full.length).toBeGreaterThan(fitted.length);
  await expectRowsKeptTogether(page, full);
  execFileSync('pdftoppm', [
    '-r',
    '50',
    '-png',
    'test-results/print-example-100.pdf',
    `${SCREENS}/print-example-100`,
  ]);

  // The choice is kept for the next printing.
  await page.getByRole('button', { name: '关闭' }).click();
  await page.getByRole('button', { name: '打印预览…' }).click();
  await expect(page.getByLabel('缩放')).toHaveValue('1');
  // 适应一页 puts every table of the example on a page of its own.
  await page.getByLabel('缩放').selectOption('适应一页');
  await expect(page.locator('.bd-print > .pv-page').first()).toBeVisible();
  expect(await pdfOfPreview(page, 'test-results/print-example-page.pdf')).toHaveLength(9);
});

test('printing a report that still has errors asks first', async ({ page }) => {
  await openExample(page);
  await page.getByRole('button', { name: '打印预览…' }).click();
  let question = '';
  page.once('dialog', (dialog) => {
    question = dialog.message();
    void dialog.dismiss();
  });
  await page.getByRole('button', { name: '打印…', exact: true }).click();
  await expect.poll(() => question).toBe('报表还有 5 处错误，仍要打印吗？');
  await page.getByRole('button', { name: '关闭' }).click();
  await expect(page.locator('.bd-print')).toHaveCount(0);
});

test('the 20,000-row workbook prints without losing a row', async ({ page }) => {
  test.setTimeout(600_000);
  const path = 'test-results/large-report-print.json';
  const report = generateLargeReport({ itemRows: Number(process.env.PRINT_ROWS ?? 20_000) });
  writeFileSync(path, JSON.stringify(report));
  await openReportFile(page, path);
  await openTab(page, '公开02表');
  const started = Date.now();
  const pdfPages = await printPdf(page, 'test-results/print-large.pdf');
  const seconds = (Date.now() - started) / 1000;
  // Every 项 (7-digit code) of every table is on paper exactly as often as the tables list it.
  const count = (codes: string[]) =>
    codes.reduce((m, c) => m.set(c, (m.get(c) ?? 0) + 1), new Map<string, number>());
  const expected = count(
    report.tables.flatMap((t) => t.rows.map((r) => r.code ?? '').filter((c) => c.length === 7)),
  );
  const printed = count(pdfPages.join('\n').match(/(?<![\d.,])\d{7}(?![\d.,])/gu) ?? []);
  console.log(
    `print: ${[...expected.values()].reduce((a, b) => a + b, 0)} 项 rows on ${pdfPages.length} pages in ${seconds.toFixed(1)} s`,
  );
  expect(printed).toEqual(expected);
});
