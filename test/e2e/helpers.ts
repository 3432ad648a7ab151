import { expect, type Locator, type Page } from '@playwright/test';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { ReportFile, ReportNarrative } from '../../shared/model/report';

export const SCREENS = 'test-results/screens';
mkdirSync(SCREENS, { recursive: true });

export async function openExample(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByRole('button', { name: /打开示例/ }).click();
  await expect(page.getByRole('tab', { name: /公开01表/ })).toBeVisible();
}

export async function openTab(page: Page, table: string): Promise<void> {
  await page.getByRole('tab', { name: new RegExp(table) }).click();
  await expect(page.locator('.bd-table-code')).toHaveText(table);
}

/** A body cell of the active grid, by ag-grid row id (code, role or line) and column id. */
export function cell(page: Page, rowId: string, colId: string): Locator {
  return page.locator(`.bd-grid .ag-row[row-id="${rowId}"] [col-id="${colId}"]`);
}

/** Clicks a cell and waits until the grid has moved its cursor there, as a person sees it happen. */
export async function clickCell(target: Locator, modifiers: ('Shift' | 'Control')[] = []): Promise<void> {
  await target.click({ modifiers });
  await expect(target).toHaveClass(/ag-cell-focus/);
  // The grid marks the cell first and moves the keyboard focus to it a moment later.
  await expect(target).toBeFocused();
}

export async function typeInto(page: Page, target: Locator, text: string): Promise<void> {
  await clickCell(target);
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

export async function errorCount(page: Page): Promise<number> {
  return Number(await page.getByTestId('total-error').textContent());
}

/** Scrolls the active grid to its last row (rows far down are not rendered until scrolled to). */
export async function scrollGridToEnd(page: Page): Promise<void> {
  await page.locator('.bd-grid').hover();
  await page.mouse.wheel(0, 100_000);
  await page.waitForTimeout(150);
}

/** Pastes text into the focused cell as Excel or WPS put it on the clipboard. */
export async function pasteText(page: Page, text: string): Promise<void> {
  await page.evaluate((clip) => {
    const data = new DataTransfer();
    data.setData('text/plain', clip);
    document.activeElement!.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true }),
    );
  }, text);
}

/** Picks a file through the file dialog a button opens, as a person does. */
export async function chooseFile(page: Page, button: Locator, path: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await button.click();
  await (await chooser).setFiles(path);
}

/** Opens a report file from the start page. */
export async function openReportFile(page: Page, path: string): Promise<void> {
  await page.goto('/');
  await chooseFile(page, page.getByRole('button', { name: '打开报表文件…' }), path);
}

/** Answers 仍然保存 to the question saving a report with errors asks. */
export async function saveAnyway(page: Page): Promise<void> {
  await page
    .getByRole('alertdialog', { name: '报表还有错误' })
    .getByRole('button', { name: '仍然保存' })
    .click();
}

/** An item of the toolbar's 更多 menu (the rarely used actions), with the menu opened. */
export async function moreMenuItem(page: Page, name: string): Promise<Locator> {
  await page.getByRole('button', { name: '更多 ▾' }).click();
  return page.getByRole('menu', { name: '更多' }).getByRole('menuitem', { name });
}

/**
 * The 2023 sample with its published 情况说明 (as if imported), and whatever else of the text
 * `narrative` gives, written as a report file at `path`.
 */
export function writeSampleWithText(path: string, narrative: Partial<ReportNarrative> = {}): string {
  const report = JSON.parse(readFileSync('test/fixtures/final-2023-jiefang.json', 'utf8')) as ReportFile;
  report.narrative = {
    text: readFileSync('test/fixtures/narrative/final-2023-jiefang.txt', 'utf8').trim(),
    ...narrative,
  };
  writeFileSync(path, JSON.stringify(report));
  return path;
}

/** Adds `delta` cents to a shown figure ("6,519.14") without floating point. */
export function plus(shown: string, deltaCents: bigint): string {
  const cents = BigInt(shown.replace(/[,.]/gu, '')) + deltaCents;
  const whole = (cents / 100n).toString().replace(/\B(?=(\d{3})+$)/gu, ',');
  return `${whole}.${(cents % 100n).toString().padStart(2, '0')}`;
}
