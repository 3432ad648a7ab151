/**
 * Measured, not asserted (timings on a shared machine vary): from the key press that commits a
 * figure to the painted totals, on the example and on the benchmark's 20,000-row workbook, and the
 * frame times while scrolling that workbook, opening the example and switching between its tabs;
 * on the 2023 sample with its 情况说明, from a table edit to the text's new marks and from a key
 * press in the text to the next frame.
 * Figures go to test-results/perf.json.
 */
import { expect, test, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { generateLargeReport } from '../bench/large-report';
import { cell, chooseFile, openExample, openTab, plus, writeSampleWithText } from './helpers';

const results: Record<string, number> = {};

test.afterAll(() => {
  writeFileSync('test-results/perf.json', `${JSON.stringify(results, null, 1)}\n`);
  console.log('perf', results);
});

/** Milliseconds from the Enter that commits `text` in the edited cell until the watched cell shows `expected` on screen. */
async function keyToPaint(
  page: Page,
  edit: { row: string; col: string },
  watch: { row: string; col: string },
  text: string,
  expected: string,
): Promise<number> {
  await cell(page, edit.row, edit.col).click();
  await page.keyboard.type(text);
  await page.evaluate(
    ({ row, col, expected: want }) => {
      const w = window as unknown as { __paint: Promise<number> };
      w.__paint = new Promise((resolve) => {
        let start = 0;
        window.addEventListener('keydown', (e) => e.key === 'Enter' && (start = performance.now()), {
          capture: true,
          once: true,
        });
        const shown = () =>
          document.querySelector(`.bd-grid .ag-row[row-id="${row}"] [col-id="${col}"]`)?.textContent === want;
        const observer = new MutationObserver(() => {
          if (start && shown()) {
            observer.disconnect();
            requestAnimationFrame(() => resolve(performance.now() - start));
          }
        });
        observer.observe(document.querySelector('.bd-grid')!, {
          subtree: true,
          childList: true,
          characterData: true,
        });
      });
    },
    { row: watch.row, col: watch.col, expected },
  );
  await page.keyboard.press('Enter');
  return page.evaluate(() => (window as unknown as { __paint: Promise<number> }).__paint);
}

/**
 * Milliseconds from the press that starts `act` until the grid of `table` shows its rows on screen
 * (the frame after they are in the document).
 */
async function untilGridPainted(page: Page, table: string, act: () => Promise<void>): Promise<number> {
  await page.evaluate((id) => {
    const w = window as unknown as { __painted: Promise<number> };
    w.__painted = new Promise((resolve) => {
      let start = 0;
      window.addEventListener('pointerdown', () => (start = performance.now()), {
        capture: true,
        once: true,
      });
      const painted = () => document.querySelector(`.bd-grid[data-table="${id}"] .ag-row[row-index]`);
      const observer = new MutationObserver(() => {
        if (start && painted()) {
          observer.disconnect();
          requestAnimationFrame(() => resolve(performance.now() - start));
        }
      });
      observer.observe(document.body, { subtree: true, childList: true, attributes: true });
    });
  }, table);
  await act();
  return page.evaluate(() => (window as unknown as { __painted: Promise<number> }).__painted);
}

const median = (samples: number[]) => samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;

test('opening the example and switching between its tables', async ({ page }) => {
  await page.goto('/');
  results.exampleOpenMs = await untilGridPainted(page, '公开01表', () =>
    page.getByRole('button', { name: /打开示例/ }).click(),
  );
  const tables = ['公开02表', '公开05表', '公开09表', '公开01表', '公开03表', '公开06表'];
  const first: number[] = [];
  const again: number[] = [];
  for (const round of [first, again])
    for (const table of tables)
      round.push(
        await untilGridPainted(page, table, () => page.getByRole('tab', { name: new RegExp(table) }).click()),
      );
  results.tabSwitchFirstMedianMs = median(first);
  results.tabSwitchFirstMaxMs = Math.max(...first);
  results.tabSwitchAgainMedianMs = median(again);
  results.tabSwitchAgainMaxMs = Math.max(...again);
});

/** Scrolls the grid with the wheel and returns the 95th percentile of the time between painted frames. */
async function scrollFrames(page: Page): Promise<number> {
  await page.locator('.bd-grid').hover();
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[] };
    w.__frames = [];
    let last = performance.now();
    const tick = (now: number) => {
      w.__frames.push(now - last);
      last = now;
      if (w.__frames.length < 120) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  for (let i = 0; i < 30; i++) await page.mouse.wheel(0, i % 2 === 0 ? 600 : -300);
  await page.waitForTimeout(300);
  const frames = (await page.evaluate(() => (window as unknown as { __frames: number[] }).__frames)).sort(
    (a, b) => a - b,
  );
  return frames[Math.floor(frames.length * 0.95)]!;
}

test('key press to painted totals on the example', async ({ page }) => {
  await openExample(page);
  await openTab(page, '公开05表');
  // Totals follow their parts exactly once the printed figures are replaced by computed ones.
  await page.getByRole('button', { name: '采用计算值' }).click();
  await page.getByRole('alertdialog', { name: '采用计算值' }).getByRole('button', { name: '确定' }).click();
  const samples: number[] = [];
  for (let i = 1; i <= 5; i++) {
    const before = (await cell(page, '208', 'basic').textContent())!;
    const current = (await cell(page, '2080101', 'basic').textContent())!;
    samples.push(
      await keyToPaint(
        page,
        { row: '2080101', col: 'basic' },
        { row: '208', col: 'basic' },
        plus(current, 100n),
        plus(before, 100n),
      ),
    );
  }
  await expect(cell(page, '2080101', 'basic')).toHaveText('63.78');
  results.exampleKeyToPaintMedianMs = samples.sort((a, b) => a - b)[2]!;
  results.exampleScrollFrameP95Ms = await scrollFrames(page);
});

test('the 20,000-row workbook: open, key press to painted totals, scrolling', async ({ page }) => {
  test.setTimeout(180_000);
  const path = 'test-results/large-report-20000.json';
  writeFileSync(path, JSON.stringify(generateLargeReport({ itemRows: 20_000 })));
  await page.goto('/');
  const started = Date.now();
  await chooseFile(page, page.getByRole('button', { name: '打开报表文件…' }), path);
  await openTab(page, '公开02表');
  results.largeOpenMs = Date.now() - started;

  const item = (await page.locator('.bd-grid .ag-row[row-index="3"]').getAttribute('row-id'))!;
  expect(item).toMatch(/^\d{7}$/u);
  const samples: number[] = [];
  for (let i = 1; i <= 5; i++) {
    const before = (await cell(page, '合计', 'fiscal').textContent())!;
    const current = (await cell(page, item, 'fiscal').textContent())!;
    samples.push(
      await keyToPaint(
        page,
        { row: item, col: 'fiscal' },
        { row: '合计', col: 'fiscal' },
        plus(current, 100n).replace(/,/gu, ''),
        plus(before, 100n),
      ),
    );
  }
  results.largeKeyToPaintMedianMs = samples.sort((a, b) => a - b)[2]!;

  results.largeScrollFrameP95Ms = await scrollFrames(page);
  await expect(page.locator('.bd-grid .ag-row').first()).toBeVisible();
});

/**
 * Milliseconds from the Enter that commits `text` in a 05 cell until the 情况说明 tab's error count
 * has changed on screen (the text is checked again with the tables).
 */
async function keyToNarrativeMarks(page: Page, text: string): Promise<number> {
  await cell(page, '2080101', 'basic').click();
  await page.keyboard.type(text);
  await page.evaluate(() => {
    const w = window as unknown as { __marks: Promise<number> };
    const badge = () => document.querySelector('.bd-tab-narrative .bd-badge-error')?.textContent ?? '';
    const before = badge();
    w.__marks = new Promise((resolve) => {
      let start = 0;
      window.addEventListener('keydown', (e) => e.key === 'Enter' && (start = performance.now()), {
        capture: true,
        once: true,
      });
      const observer = new MutationObserver(() => {
        if (start && badge() !== before) {
          observer.disconnect();
          requestAnimationFrame(() => resolve(performance.now() - start));
        }
      });
      observer.observe(document.querySelector('.bd-tab-narrative')!, {
        subtree: true,
        childList: true,
        characterData: true,
      });
    });
  });
  await page.keyboard.press('Enter');
  return page.evaluate(() => (window as unknown as { __marks: Promise<number> }).__marks);
}

test('the 情况说明 of the 2023 sample: table edit to its marks, typing in it', async ({ page }) => {
  await page.goto('/');
  await chooseFile(
    page,
    page.getByRole('button', { name: '打开报表文件…' }),
    writeSampleWithText('test-results/perf-2023-with-text.json'),
  );
  await openTab(page, '公开05表');
  const original = (await cell(page, '2080101', 'basic').textContent())!;
  // Each edit moves 05's totals off the 情况说明's figures or back onto them: its error count changes.
  const samples: number[] = [];
  for (let i = 0; i < 6; i++)
    samples.push(await keyToNarrativeMarks(page, i % 2 === 0 ? plus(original, 100n) : original));
  results.narrativeTableEditToMarksMedianMs = median(samples);
  results.narrativeTableEditToMarksMaxMs = Math.max(...samples);

  // Opening the tab paints every section with its marks.
  results.narrativeTabOpenMs = await page.evaluate(async () => {
    const start = performance.now();
    document.querySelector<HTMLElement>('.bd-tab-narrative')!.click();
    await new Promise<void>((resolve) => {
      const observer = new MutationObserver(() => {
        if (document.querySelector('.bd-narr-checked [data-figure]')) {
          observer.disconnect();
          resolve();
        }
      });
      observer.observe(document.body, { subtree: true, childList: true });
    });
    return new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now() - start)));
  });

  // A key press in a section's text box until the next frame after the box took it.
  const box = page.locator('.bd-narr-section[data-section="七"] textarea');
  await box.click();
  await page.keyboard.press('End');
  await page.evaluate(() => {
    const w = window as unknown as { __typed: number[] };
    w.__typed = [];
    let start = 0;
    window.addEventListener('keydown', () => (start = performance.now()), { capture: true });
    document.activeElement!.addEventListener('input', () =>
      requestAnimationFrame(() => w.__typed.push(performance.now() - start)),
    );
  });
  // Keys a keyboard sends one by one (an input method's characters arrive as one insertion each).
  await page.keyboard.type('2023 budget 12.34 wan yuan');
  await expect(box).toHaveValue(/2023 budget 12\.34 wan yuan$/u);
  const typed = await page.evaluate(() => (window as unknown as { __typed: number[] }).__typed);
  results.narrativeKeyToFrameMedianMs = median(typed);
  results.narrativeKeyToFrameMaxMs = Math.max(...typed);
});
