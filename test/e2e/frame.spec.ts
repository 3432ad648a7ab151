/**
 * What an edit changes is on screen in the frame of the key press that commits it: the grid
 * repaints the rows the edit touched, and the tabs and the status line their counts (the
 * 情况说明's, checked again with the tables, among them), before the next frame is drawn, whatever
 * the rest of the window does after; with the 情况说明 in front, its marks. Checked by order (what the page shows when that frame
 * begins), not by time.
 */
import { expect, test, type Page } from '@playwright/test';
import { cell, chooseFile, openExample, openTab, plus, typeInto, writeSampleWithText } from './helpers';

const gridCell = (row: string, col: string) => `.bd-grid .ag-row[row-id="${row}"] [col-id="${col}"]`;

/**
 * Presses `key` (Control+Z: its last key) and gives, for each of `selectors`, what the elements it
 * matches show (their text, or `attribute`) when the next frame begins, joined by commas.
 */
async function atKeyFrame(
  page: Page,
  key: string,
  selectors: string[],
  attribute?: string,
): Promise<string[]> {
  const last = key.split('+').at(-1)!.toLowerCase();
  await page.evaluate(
    ({ last, selectors, attribute }) => {
      const w = window as unknown as { __atFrame: Promise<string[]> };
      w.__atFrame = new Promise((resolve) => {
        const onKey = (e: KeyboardEvent) => {
          if (e.key.toLowerCase() !== last) return;
          window.removeEventListener('keydown', onKey, true);
          requestAnimationFrame(() =>
            resolve(
              selectors.map((s) =>
                [...document.querySelectorAll(s)]
                  .map((e) => (attribute ? e.getAttribute(attribute) : e.textContent))
                  .join(),
              ),
            ),
          );
        };
        window.addEventListener('keydown', onKey, true);
      });
    },
    { last, selectors, attribute },
  );
  await page.keyboard.press(key);
  return page.evaluate(() => (window as unknown as { __atFrame: Promise<string[]> }).__atFrame);
}

test('the totals of a typed figure are painted in the key press’s frame', async ({ page }) => {
  await openExample(page);
  await openTab(page, '公开05表');
  // Totals follow their parts once the printed figures are replaced by computed ones.
  await page.getByRole('button', { name: '采用计算值' }).click();
  await page.getByRole('alertdialog', { name: '采用计算值' }).getByRole('button', { name: '确定' }).click();
  await expect(cell(page, '2080101', 'basic')).toHaveText('58.78');
  await expect(cell(page, '20801', 'basic')).toHaveText('423.71');
  await expect(cell(page, '208', 'basic')).toHaveText('464.49');
  await cell(page, '2080101', 'basic').click();
  await page.keyboard.type('59.78');
  const atFrame = await atKeyFrame(
    page,
    'Enter',
    ['2080101', '20801', '208'].map((row) => gridCell(row, 'basic')),
  );
  expect(atFrame).toEqual(['59.78', '424.71', '465.49']);
});

test('the 情况说明’s counts after a table edit are painted in the key press’s frame', async ({ page }) => {
  await page.goto('/');
  const report = writeSampleWithText('test-results/frame-2023-with-text.json');
  await chooseFile(page, page.getByRole('button', { name: '打开报表文件…' }), report);
  await openTab(page, '公开05表');
  const counts = ['.bd-tab-narrative .bd-badge-error', '[data-testid="total-error"]'];
  const before = await Promise.all(counts.map((s) => page.locator(s).textContent()));
  // The text quotes 05's totals: one more in a 项 moves them off its figures.
  await cell(page, '2080101', 'basic').click();
  const shown = (await cell(page, '2080101', 'basic').textContent())!;
  await page.keyboard.type(plus(shown, 100n).replace(/,/gu, ''));
  const atFrame = await atKeyFrame(page, 'Enter', counts);
  // What the window settles on is what that frame showed, and it is not what was there before.
  await expect(page.locator(counts[0]!)).toHaveText(atFrame[0]!);
  await expect(page.locator(counts[1]!)).toHaveText(atFrame[1]!);
  expect(atFrame[0]).not.toEqual(before[0]);
  expect(atFrame[1]).not.toEqual(before[1]);
});

test('a table edit undone with the 情况说明 in front is marked in the key press’s frame', async ({
  page,
}) => {
  await page.goto('/');
  const report = writeSampleWithText('test-results/frame-2023-with-text.json');
  await chooseFile(page, page.getByRole('button', { name: '打开报表文件…' }), report);
  await openTab(page, '公开05表');
  // 五 quotes 2080199's 74.22 万元 twice; the table has 32.91 in 项目支出 until it is typed.
  await typeInto(page, cell(page, '2080199', 'project'), '74.22');
  await page.getByRole('tab', { name: /情况说明/ }).click();
  const quoted = '.bd-narr-section[data-section="五"] [data-figure="74.22万元"]';
  await expect(page.locator(quoted).nth(1)).toHaveAttribute('data-status', 'checked');
  const statuses = async () =>
    (await page.locator(quoted).evaluateAll((all) => all.map((m) => m.dataset.status))).join();
  const before = await statuses();
  const [atFrame] = await atKeyFrame(page, 'Control+Z', [quoted], 'data-status');
  await expect.poll(statuses).not.toBe(before);
  expect(atFrame).toBe(await statuses());
});
