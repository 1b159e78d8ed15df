import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { StaffRole } from '../../src/server/db/schema.ts';
import { identityDeps } from '../../src/server/modules/identity/identity.deps.ts';
import { TwoStepService } from '../../src/server/modules/identity/two-step.service.ts';
import { watchPageProblems, type PageProblems } from './browser.ts';
import { createStaff, currentTotp } from './identity-factories.ts';
import type { WebServer } from './web-server.ts';

/**
 * Signing in through the real sign-in pages, for journeys that start signed in (the sign-in journeys
 * themselves are in identity.e2e.ts). Each call opens a fresh browser context at the given width; the caller
 * closes it.
 */
export interface SignedInPage {
  context: BrowserContext;
  page: Page;
  problems: PageProblems;
}

/** A patient account without 2-step verification, signed in on the patient sign-in page; ends on the home page. */
export async function openAsPatient(
  browser: Browser,
  server: WebServer,
  width: number,
  username: string,
  password: string,
): Promise<SignedInPage> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  const problems = await watchPageProblems(page);
  await page.goto(server.baseUrl + '/');
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: /^Welcome, / }).waitFor();
  return { context, page, problems };
}

/**
 * A new staff member of this role, with 2-step verification already set up, signed in on the staff sign-in
 * page with a code from the server's (manual) clock, on the page at `path`.
 */
export async function openAsStaff(
  browser: Browser,
  server: WebServer,
  role: StaffRole,
  width: number,
  path: string,
): Promise<SignedInPage> {
  const { ctx, clock } = server.testApp;
  const origin = { ip: '127.0.0.1', userAgent: 'e2e' };
  const staff = await createStaff(ctx, role);
  const twoStep = new TwoStepService(identityDeps(ctx));
  const { secret } = await twoStep.setup(staff.session, { password: staff.password }, origin);
  await twoStep.confirm(staff.session, currentTotp(secret, clock.now()), origin);
  clock.advance(30_000); // a code is never accepted twice: sign in with the next one
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  const problems = await watchPageProblems(page);
  await page.goto(server.baseUrl + path);
  await page.getByRole('heading', { level: 1, name: /^Staff sign in/ }).waitFor();
  await page.getByLabel('Username', { exact: true }).fill(staff.username);
  await page.getByLabel('Password', { exact: true }).fill(staff.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('6-digit code').fill(currentTotp(secret, clock.now()));
  await page.getByRole('button', { name: 'Verify and sign in' }).click();
  await page.waitForURL((url) => url.pathname === new URL(path, server.baseUrl).pathname);
  await page.getByRole('heading', { level: 1 }).waitFor();
  return { context, page, problems };
}
