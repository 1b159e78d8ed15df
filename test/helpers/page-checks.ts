import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { checkA11y, type PageProblems } from './browser.ts';

/** A page's heading (h1 unless said otherwise), by name when given. */
export function heading(page: Page, name?: string | RegExp, level = 1) {
  return page.getByRole('heading', { level, ...(name ? { name } : {}) });
}

/** No CSP refusals and no console errors other than the refused requests a test provoked (the browser logs every 4xx). */
export function expectNoProblems(problems: PageProblems, expectedStatuses: number[] = []): void {
  expect(problems.cspViolations).toEqual([]);
  expect(problems.errors.filter((e) => !expectedStatuses.some((s) => e.includes(`status of ${s}`)))).toEqual([]);
}

/** The page does not scroll sideways. */
export async function expectFitsWidth(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
}

/** Dialogs and menus fade in; axe measures colours, so wait until nothing is still animating. */
export async function settled(page: Page): Promise<void> {
  // A transition about to start (a dialog opening on a loaded machine) starts within two frames: let it, then wait
  // until none runs and every dialog is fully opaque (axe would judge faded colours mid-fade).
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  await page.waitForFunction(() =>
    [...document.querySelectorAll('[role="dialog"]')].every((dialog) => {
      for (let e: Element | null = dialog; e; e = e.parentElement)
        if (Number(getComputedStyle(e).opacity) < 1) return false;
      return true;
    }),
  );
}

/** axe at the page's own width and at a phone's (375 px), which must not scroll sideways; then back. */
export async function checkA11yAtBothWidths(page: Page): Promise<void> {
  await settled(page);
  await checkA11y(page);
  const wide = page.viewportSize();
  await page.setViewportSize({ width: 375, height: 900 });
  await settled(page);
  await checkA11y(page);
  await expectFitsWidth(page);
  if (wide) await page.setViewportSize(wide);
}
