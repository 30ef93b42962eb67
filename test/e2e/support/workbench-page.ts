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
  // A string, so this file compiles without the DOM library (as the other browser tests do).
  const [scroll, inner] = (await page.evaluate('[document.documentElement.scrollWidth, window.innerWidth]')) as [
    number,
    number,
  ];
  assert.ok(scroll <= inner, `${what}: page is ${scroll} px wide in a ${inner} px viewport`);
}

/** What `assertFits` reads of an element (typed here: the tests compile without the DOM library). */
interface Measured {
  scrollWidth: number;
  clientWidth: number;
  getBoundingClientRect(): { right: number };
}

/** The element fits its own width and ends inside the viewport. */
export async function assertFits(element: Locator, what: string): Promise<void> {
  const box = await element.evaluate((el: Measured) => ({
    scroll: el.scrollWidth,
    client: el.clientWidth,
    right: el.getBoundingClientRect().right,
    inner: (globalThis as unknown as { innerWidth: number }).innerWidth,
  }));
  assert.ok(box.scroll <= box.client + 1, `${what}: content ${box.scroll} px in ${box.client} px`);
  assert.ok(box.right <= box.inner + 0.5, `${what}: ends at ${box.right} px of ${box.inner} px`);
}
