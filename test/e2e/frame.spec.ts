/**
 * A typed figure and the totals above it are on screen in the frame of the key press that commits
 * it: the grid repaints the rows the edit touched before the next frame is drawn, whatever the
 * rest of the window does after. Checked by order (what the page shows when that frame begins),
 * not by time.
 */
import { expect, test } from '@playwright/test';
import { cell, openExample, openTab } from './helpers';

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
  await page.evaluate(() => {
    const w = window as unknown as { __atFrame: Promise<string[]> };
    w.__atFrame = new Promise((resolve) =>
      window.addEventListener(
        'keydown',
        () =>
          requestAnimationFrame(() =>
            resolve(
              ['2080101', '20801', '208'].map(
                (row) =>
                  document.querySelector(`.bd-grid .ag-row[row-id="${row}"] [col-id="basic"]`)?.textContent ??
                  '',
              ),
            ),
          ),
        { capture: true, once: true },
      ),
    );
  });
  await page.keyboard.press('Enter');
  const atFrame = await page.evaluate(
    () => (window as unknown as { __atFrame: Promise<string[]> }).__atFrame,
  );
  expect(atFrame).toEqual(['59.78', '424.71', '465.49']);
});
