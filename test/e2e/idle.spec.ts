/**
 * A window left alone does no work: no grid, shown or hidden, keeps measuring itself. (ag-grid 36
 * read the height of a grid kept under display: none as NaN, found it changed at every frame and
 * measured the grid again at the next, for ever: each edit then waited for that work.) Counted, not
 * timed: the frames the page asks for while nobody touches it.
 */
import { expect, test, type Page } from '@playwright/test';
import { openExample, openTab } from './helpers';

/** How many animation frames the page asked for during `ms` milliseconds of doing nothing. */
async function framesAskedWhileIdle(page: Page, ms: number): Promise<number> {
  const count = () => page.evaluate(() => (window as unknown as { __framesAsked: number }).__framesAsked);
  const before = await count();
  await page.waitForTimeout(ms);
  return (await count()) - before;
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { __framesAsked: number };
    w.__framesAsked = 0;
    const ask = window.requestAnimationFrame.bind(window);
    window.requestAnimationFrame = (callback) => {
      w.__framesAsked++;
      return ask(callback);
    };
  });
});

test('an idle window asks for no frames, with grids kept behind the one shown and behind the 情况说明', async ({
  page,
}) => {
  await openExample(page);
  for (const table of ['公开02表', '公开05表', '公开08表', '公开03表']) await openTab(page, table);
  // Let the tabs' own work settle (focus, the idle building of the remaining grids).
  await page.waitForTimeout(1500);
  expect(await framesAskedWhileIdle(page, 1000)).toBeLessThan(5);

  await page.getByRole('tab', { name: /情况说明/ }).click();
  await expect(page.getByRole('heading', { name: /情况说明/ }).first()).toBeVisible();
  await page.waitForTimeout(1000);
  expect(await framesAskedWhileIdle(page, 1000)).toBeLessThan(5);
});
