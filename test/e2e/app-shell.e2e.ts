import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { Tenant } from '../../src/shared/tenant.ts';
import { checkA11y, launchBrowser, watchPageProblems, type PageProblems } from '../helpers/browser.ts';
import { startWebServer, type WebServer } from '../helpers/web-server.ts';

let server: WebServer;
let browser: Browser;
let tenant: Tenant;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await startWebServer();
  tenant = server.testApp.ctx.config.tenant;
  browser = await launchBrowser();
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh page at the given width, recording console errors and CSP refusals from the start. */
async function openPage(width: number, path: string): Promise<{ page: Page; problems: PageProblems }> {
  const context = await browser.newContext({ viewport: { width, height: 800 } });
  contexts.push(context);
  const page = await context.newPage();
  const problems = await watchPageProblems(page);
  await page.goto(server.baseUrl + path);
  await page.getByRole('heading', { level: 1 }).waitFor();
  return { page, problems };
}

function expectNoProblems(problems: PageProblems): void {
  expect(problems.cspViolations).toEqual([]);
  expect(problems.errors).toEqual([]);
}

describe.each([1280, 375])('the sign-in page at %ipx', (width) => {
  test('shows the portal, its landmarks and a labelled form, and works by keyboard', async () => {
    const { portalName, name: organisationName } = tenant.organisation;
    const { page, problems } = await openPage(width, '/');

    expect(await page.title()).toBe(`Sign in · ${portalName}`);
    expect(await page.getByRole('banner').count()).toBe(1);
    expect(await page.getByRole('main').count()).toBe(1);
    expect(await page.getByRole('contentinfo').count()).toBe(1);
    expect(await page.getByRole('banner').innerText()).toContain(portalName);
    expect(await page.getByRole('banner').innerText()).toContain(organisationName);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(`Sign in to ${portalName}`);

    await expectVisible(page.getByLabel('Username', { exact: true }));
    await expectVisible(page.getByLabel('Password', { exact: true }));
    await expectVisible(page.getByRole('button', { name: 'Sign in' }));
    await expectVisible(page.getByRole('link', { name: 'Forgot username or password?' }));
    await expectVisible(page.getByRole('link', { name: 'Request an activation code' }));

    const footer = await page.getByRole('contentinfo').innerText();
    expect(footer).toContain(tenant.contacts.portalSupport.phone);
    expect(footer).toContain('not for urgent or emergency concerns');
    expect(footer).toContain(`visit ${tenant.contacts.urgentCare}`);
    expect(footer).toContain(`Dial ${tenant.contacts.emergencyNumber}`);

    // What the portal offers names only what exists today: results, visits and billing are not built yet.
    const offers = await page.getByRole('main').getByRole('listitem').allInnerTexts();
    expect(offers.join('\n')).toContain('Send routine messages to your care team');
    expect(offers.join('\n')).not.toMatch(/results|appointment|\bbill|video|coming soon/i);

    // Nothing sticks out sideways, at 375px included.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    // The first Tab reaches the skip link, which is then visible; activating it puts focus on main,
    // so the next Tab lands on the username field.
    await page.keyboard.press('Tab');
    expect(await focusedText(page)).toBe('Skip to main content');
    const skipBox = await page.getByRole('link', { name: 'Skip to main content' }).boundingBox();
    expect(skipBox && skipBox.y >= 0).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('MAIN');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('username');

    await checkA11y(page);
    expectNoProblems(problems);
  });
});

test('a sign-in with an unknown username gets the generic failure message at the top of the form, focused', async () => {
  const { page, problems } = await openPage(1280, '/');
  await page.getByLabel('Username', { exact: true }).fill('pat.patient');
  await page.getByLabel('Password', { exact: true }).fill('not-a-real-password');
  await page.keyboard.press('Enter');

  const alert = page.getByRole('alert').filter({ hasText: 'That username and password did not work' });
  await alert.waitFor();
  expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alert');
  expect(new URL(page.url()).pathname).toBe('/');
  await checkA11y(page);
  expect(problems.cspViolations).toEqual([]);
  // The refused sign-in (401) is the only error the browser logged.
  expect(problems.errors.filter((e) => !e.includes('status of 401'))).toEqual([]);
});

test('the account links lead to the recovery and activation-code pages, with focus on their headings', async () => {
  const { portalName } = tenant.organisation;
  const { page, problems } = await openPage(375, '/');

  await page.getByRole('link', { name: 'Forgot username or password?' }).click();
  await page.getByRole('heading', { level: 1, name: 'Forgot username or password' }).waitFor();
  expect(await page.title()).toBe(`Forgot username or password · ${portalName}`);
  expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
  await checkA11y(page);

  await page.getByRole('link', { name: 'Back to sign in' }).click();
  await page.getByRole('link', { name: 'Request an activation code' }).click();
  await page.getByRole('heading', { level: 1, name: 'Request an activation code' }).waitFor();
  expect(await page.getByRole('main').innerText()).toContain('Our staff will check your details');
  expectNoProblems(problems);
});

test('while the organisation facts load it says so, and if they cannot load it offers to try again', async () => {
  const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
  contexts.push(context);
  const page = await context.newPage();
  const problems = await watchPageProblems(page);
  // The server is unavailable until the patient presses "Try again"; the first answer is slow.
  let available = false;
  await page.route('**/api/public/config', async (route) => {
    if (available) return route.continue();
    await new Promise((resolve) => setTimeout(resolve, 300));
    return route.fulfill({
      status: 503,
      contentType: 'application/json',
      body: JSON.stringify({ error: { code: 'unavailable', message: 'Down.' } }),
    });
  });
  await page.goto(server.baseUrl + '/');

  await page.getByRole('status').filter({ hasText: 'Loading' }).waitFor();
  const heading = page.getByRole('heading', { level: 1, name: "We can't show this page right now" });
  await heading.waitFor({ timeout: 15_000 });
  await checkA11y(page);

  available = true;
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.getByRole('heading', { level: 1, name: `Sign in to ${tenant.organisation.portalName}` }).waitFor();
  expect(problems.cspViolations).toEqual([]);
  // Only the refused requests were logged, nothing else went wrong.
  expect(problems.errors.filter((e) => !e.includes('503'))).toEqual([]);
});

test('an unknown page path gets the app, which shows a not-found page', async () => {
  const response = await fetch(`${server.baseUrl}/no/such/page`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/html');
  expect(response.headers.get('cache-control')).toBe('no-store');
  const html = await response.text();
  const nonce = /<meta name="csp-nonce" content="([^"]+)"/.exec(html)?.[1];
  expect(nonce).toMatch(/^[A-Za-z0-9+/=_-]{16,}$/);
  expect(response.headers.get('content-security-policy')).toContain(`'nonce-${nonce}'`);

  const { page, problems } = await openPage(1280, '/no/such/page');
  expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Page not found');
  expect(await page.title()).toBe(`Page not found · ${tenant.organisation.portalName}`);
  await checkA11y(page);
  expectNoProblems(problems);
});

test('an unknown /api path gets the JSON 404, not the app', async () => {
  for (const path of ['/api/no-such-thing', '/api/public/nope?x=1', '/api']) {
    const response = await fetch(server.baseUrl + path);
    expect(response.status, path).toBe(404);
    expect(response.headers.get('content-type'), path).toContain('application/json');
    expect(await response.json(), path).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
  }
  const missingAsset = await fetch(`${server.baseUrl}/assets/no-such-file.js`);
  expect(missingAsset.status).toBe(404);
});

test('hashed assets are cached for a year, the page itself never', async () => {
  const html = await (await fetch(`${server.baseUrl}/`)).text();
  const script = /<script type="module" crossorigin src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
  expect(script).toBeDefined();
  const asset = await fetch(server.baseUrl + script);
  expect(asset.status).toBe(200);
  expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
});

test('the CSP really refuses a <style> without the nonce, so the checks above can fail', async () => {
  const { page, problems } = await openPage(1280, '/');
  expectNoProblems(problems);
  await page.evaluate(() => {
    const style = document.createElement('style');
    style.textContent = 'body { background: red; }';
    document.head.append(style);
  });
  await expect.poll(() => problems.cspViolations.length).toBeGreaterThan(0);
  expect(problems.cspViolations[0]).toContain('style-src-elem');
});

async function expectVisible(locator: ReturnType<Page['locator']>): Promise<void> {
  expect(await locator.isVisible()).toBe(true);
}

function focusedText(page: Page): Promise<string | undefined> {
  return page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText.trim());
}
