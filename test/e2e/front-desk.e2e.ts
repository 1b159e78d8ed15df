import { differenceInCalendarDays } from 'date-fns';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { StaffRole } from '../../src/server/db/schema.ts';
import { fhirImporter } from '../../src/server/services.ts';
import { openAsStaff as openStaffPage } from '../helpers/browser-sign-in.ts';
import { checkA11y, launchBrowser, type PageProblems } from '../helpers/browser.ts';
import { sampleBundle } from '../helpers/fhir-fixtures.ts';
import { startWebServer, type WebServer } from '../helpers/web-server.ts';
import { expectFitsWidth, expectNoProblems, settled } from '../helpers/page-checks.ts';

let server: WebServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const codePattern = /[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}/;

beforeAll(async () => {
  // Tuesday 24 November 2026, 10:00 Eastern time.
  server = await startWebServer({ now: '2026-11-24T15:00:00.000Z' });
  browser = await launchBrowser();
  const { ctx } = server.testApp;
  // Elsa Vargas's record, moved so that her last visit was last Friday; Louis Maggio as he is.
  const elsa = sampleBundle('Elsa_Vargas');
  const lastVisit = elsa.json.entry
    .map((e) => e.resource)
    .filter((r) => r.resourceType === 'Encounter')
    .map((r) => String((r.period as { start: string }).start))
    .sort()
    .at(-1)!;
  const shift = { days: differenceInCalendarDays(new Date('2026-11-20'), new Date(lastVisit.slice(0, 10))) };
  const importer = fhirImporter(ctx);
  await importer.importBundle(elsa.file, elsa.json, { shift });
  const louis = sampleBundle('Louis_Maggio');
  await importer.importBundle(louis.file, louis.json);
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Signs in a new staff member of this role through the staff sign-in page (test/helpers/browser-sign-in.ts). */
async function openAsStaff(
  role: StaffRole,
  width: number,
  path: string,
): Promise<{ page: Page; problems: PageProblems }> {
  const signedIn = await openStaffPage(browser, server, role, width, path);
  contexts.push(signedIn.context);
  return { page: signedIn.page, problems: signedIn.problems };
}

/** No CSP refusals and no console errors other than the refused requests a test provoked (the browser logs every 4xx). */

describe.each([1280, 375])('the front desk at %ipx', (width) => {
  test('finds a patient, issues a code for their recent visit after confirming, and sees it once', async () => {
    const { page, problems } = await openAsStaff('front_desk', width, '/staff/patients');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Find a patient');
    await checkA11y(page);

    // Too short: said next to the field.
    await page.getByLabel('Name or date of birth').fill('v');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('Enter at least 2 characters').waitFor();

    await page.getByLabel('Name or date of birth').fill('vargas');
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: 'Elsa Vargas' }).waitFor();
    await checkA11y(page);
    await expectFitsWidth(page);

    await page.getByRole('link', { name: 'Elsa Vargas' }).click();
    await page.getByRole('heading', { level: 1, name: 'Elsa Vargas' }).waitFor();
    expect(await page.getByText('No portal account yet').isVisible()).toBe(true);
    const visit = page.getByRole('radio', { name: /Nov 20, 2026/ });
    expect(await visit.isChecked()).toBe(true);
    await checkA11y(page);
    await expectFitsWidth(page);

    await page.getByRole('button', { name: 'Issue activation code' }).click();
    const dialog = page.getByRole('dialog', { name: 'Issue a new activation code?' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('January 4, 2027');
    await settled(page);
    await checkA11y(page);
    await dialog.getByRole('button', { name: 'Issue code' }).click();

    const card = page.getByRole('region', { name: 'Activation code for Elsa Vargas' });
    await card.waitFor();
    const text = await card.innerText();
    expect(text).toMatch(codePattern);
    expect(text).toContain('through January 4, 2027');
    expect(text).toContain('shown only now');
    expect(await card.getByRole('button', { name: 'Print' }).isVisible()).toBe(true);
    await checkA11y(page);
    await expectFitsWidth(page);
    expectNoProblems(problems);
  });
});

test('the front desk works an activation-code request from the queue: match, issue, sent to the requester', async () => {
  const request = { firstName: 'Louis', lastName: 'Maggio', dateOfBirth: '1976-01-16', email: 'louis.m@example.org' };
  const filed = await fetch(`${server.baseUrl}/api/activation-code-requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  expect(filed.status).toBe(202);

  const { page, problems } = await openAsStaff('front_desk', 375, '/staff/queue');
  expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Work queue');
  await page.getByRole('tab', { name: 'Front desk', selected: true }).waitFor();
  const link = page.getByRole('link', { name: 'Activation-code request: Louis Maggio' });
  await link.waitFor();
  expect(await page.getByRole('listitem').filter({ has: link }).innerText()).toContain('Due Wed, Nov 25, 5:00 PM');
  await checkA11y(page);
  await expectFitsWidth(page);

  await link.click();
  await page.getByRole('heading', { level: 1, name: 'Activation-code request: Louis Maggio' }).waitFor();
  expect(await page.getByText('louis.m@example.org').isVisible()).toBe(true);
  // The search is filled in from the request; issuing without a match says so next to the list.
  await page.getByRole('button', { name: 'Issue code' }).click();
  await page.getByText('Choose the matching patient first.').waitFor();
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('radio', { name: /Louis Maggio/ }).check();
  await checkA11y(page);
  await expectFitsWidth(page);

  await page.getByRole('button', { name: 'Issue code' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  expect(await dialog.innerText()).toContain('louis.m@example.org');
  await dialog.getByRole('button', { name: 'Issue code' }).click();

  const card = page.getByRole('region', { name: 'Activation code for Louis Maggio' });
  await card.waitFor();
  expect(await card.innerText()).toMatch(codePattern);
  expect(await card.innerText()).toContain('sent to the email address');
  await page.getByText('Closed: Code issued').waitFor();
  await checkA11y(page);

  const outbox = await server.testApp.ctx.db.kysely
    .selectFrom('outbox_message')
    .select(['topic', 'payload'])
    .where('topic', '=', 'email.send')
    .execute();
  const mail = outbox
    .map((m) => JSON.parse(m.payload) as { to: string; text: string })
    .find((m) => m.to === 'louis.m@example.org');
  expect(mail?.text).toMatch(codePattern);
  expectNoProblems(problems);
});

test('an admin lists staff and adds a colleague, whose initial password is shown once', async () => {
  const { page, problems } = await openAsStaff('admin', 375, '/staff/admin');
  expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Staff accounts');
  await page.getByRole('table').waitFor();
  await checkA11y(page);

  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByText('Enter the person’s name.').waitFor();
  await page.getByLabel('Full name').fill('Dana Desk');
  await page.getByLabel('Username').fill('dana.desk');
  await page.getByLabel('Role').selectOption({ label: 'Front desk' });
  await page.getByRole('button', { name: 'Create account' }).click();
  const notice = page.getByRole('status').filter({ hasText: 'Account created for Dana Desk' });
  await notice.waitFor();
  expect(await notice.innerText()).toContain('shown only now');
  await page.getByRole('cell', { name: 'dana.desk' }).waitFor();
  await checkA11y(page);
  await expectFitsWidth(page);
  expectNoProblems(problems);
});

test('a billing user sees no front-desk queue, and patient search and administration are one “not allowed” page each', async () => {
  const { page, problems } = await openAsStaff('billing', 1280, '/staff/queue');
  await page.getByRole('tab', { name: 'Billing' }).waitFor();
  expect(await page.getByRole('tab', { name: 'Front desk' }).count()).toBe(0);
  await page.getByText('Nothing waiting here').waitFor();
  await checkA11y(page);
  expect(await page.getByRole('link', { name: 'Find a patient' }).count()).toBe(0);
  // Pages for other roles are one "not allowed" page each, not forms of error boxes.
  for (const path of ['/staff/patients?q=maggio', '/staff/admin']) {
    await page.goto(`${server.baseUrl}${path}`);
    await page.getByRole('heading', { level: 1, name: 'Not available to your role' }).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await page.getByRole('textbox').count()).toBe(0);
    expect(await page.getByRole('contentinfo').count()).toBe(0); // no patient footer on staff pages
    await checkA11y(page);
  }
  expectNoProblems(problems);
});
