/**
 * Viewport checks of the steward's workbench screens (issue 13): screenshots at 1440×900, and no sideways
 * scrolling at 1280×800 or 1440×900 — of the whole page on the workbench's own screens, and of the workbench's
 * own sections inside the group drawer (the drawer's host screen is laid out by the groups screen).
 */
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';

export const REVIEW_VIEWPORT = { width: 1440, height: 900 } as const;
export const SMALL_VIEWPORT = { width: 1280, height: 800 } as const;

/** The page does not scroll sideways. */
export async function assertNoPageOverflow(page: Page, what: string): Promise<void> {
  const [scroll, inner] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  assert.ok(scroll <= inner, `${what}: page is ${scroll} px wide in a ${inner} px viewport`);
}

/** The element fits its own width and ends inside the viewport. */
export async function assertFits(element: Locator, what: string): Promise<void> {
  const box = await element.evaluate((el) => ({
    scroll: el.scrollWidth,
    client: el.clientWidth,
    right: el.getBoundingClientRect().right,
    inner: window.innerWidth,
  }));
  assert.ok(box.scroll <= box.client + 1, `${what}: content ${box.scroll} px in ${box.client} px`);
  assert.ok(box.right <= box.inner + 0.5, `${what}: ends at ${box.right} px of ${box.inner} px`);
}
