import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { checkA11y, launchBrowser } from '../helpers/browser.ts';
import { openAsPatient, openAsStaff, type SignedInPage } from '../helpers/browser-sign-in.ts';
import { importPatient, signUpPatient } from '../helpers/identity-factories.ts';
import { startWebServer, type WebServer } from '../helpers/web-server.ts';
import { expectFitsWidth, expectNoProblems, heading, settled } from '../helpers/page-checks.ts';

/**
 * Proxy access in a real browser against the real server: a parent asks for a child's record, health-information
 * staff approve it from their queue, and the parent switches to the child's record and sees it with the banner;
 * an adult shares their record view-only, the other account accepts and sees it, and loses it on its next request
 * once the adult stops sharing. Every page is checked with axe, at 1280 px and at 375 px.
 */

let server: WebServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const password = 'violet harbour lantern';

beforeAll(async () => {
  // Tuesday 24 November 2026, 10:00 Eastern time. Sherron Kutch (born 2011-03-01) is 15: her parent's
  // access lasts through February 28, 2029, the day before her 18th birthday.
  server = await startWebServer({ now: '2026-11-24T15:00:00.000Z' });
  browser = await launchBrowser();
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

function track(opened: SignedInPage): SignedInPage {
  contexts.push(opened.context);
  return opened;
}

/** Opens a page from the account menu and waits for its heading (the item's name unless said otherwise). */
async function openFromMenu(page: Page, item: string, pageHeading: string | RegExp = item): Promise<void> {
  await page.getByRole('button', { name: /^Menu for / }).click();
  await page.getByRole('menuitem', { name: item, exact: true }).click();
  await heading(page, pageHeading).waitFor();
  await page.getByRole('menu').waitFor({ state: 'hidden' });
}

function focusedText(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      `${document.activeElement?.tagName ?? ''}: ${(document.activeElement as HTMLElement | null)?.innerText?.trim() ?? ''}`,
  );
}

const banner = (page: Page) => page.getByRole('region', { name: 'Record in view' });

test('a parent asks for a child’s record, staff approve it from the queue, and the parent switches to the child’s record', async () => {
  const { app, ctx } = server.testApp;
  await importPatient(ctx, 'Sherron_Kutch');
  await signUpPatient(app, ctx, 'Louis_Maggio', 'louis.parent', password);

  const parent = track(await openAsPatient(browser, server, 1280, 'louis.parent', password));
  const { page } = parent;
  await page.getByRole('heading', { level: 2, name: 'Your record' }).waitFor();
  // Only the own record: no switcher, no banner.
  expect(await page.getByRole('button', { name: /^Viewing:/ }).count()).toBe(0);
  expect(await banner(page).count()).toBe(0);
  await checkA11y(page);

  await openFromMenu(page, 'Family access');
  await page.getByText('You can see only your own record for now.').waitFor();
  expect(await page.getByRole('main').innerText()).toContain("ends automatically on the child's 18th birthday");
  await checkA11y(page);

  // Missing answers are said next to each field, and focus goes to the first.
  await page.getByRole('button', { name: 'Send request' }).click();
  await page.getByText("Enter the child's first name.").waitFor();
  expect(await page.getByText('Confirm that you are the parent or legal guardian.').isVisible()).toBe(true);
  expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('childFirstName');

  await page.getByLabel("Child's first name").fill('Sherron');
  await page.getByLabel("Child's last name").fill('Kutch');
  await page.getByLabel("Child's date of birth").fill('2011-03-01');
  await page.getByRole('radio', { name: 'Parent' }).check();
  await page.getByRole('checkbox', { name: /I confirm that I am this child's parent/ }).check();
  await page.getByRole('button', { name: 'Send request' }).click();
  const sent = page.getByRole('status').filter({ hasText: 'Request sent' });
  await sent.waitFor();
  expect(await sent.innerText()).toContain('Sherron Kutch');
  const requests = page.getByRole('list', { name: 'Your requests' });
  await requests.getByText('Waiting for review').waitFor();
  await checkA11y(page);

  // Health-information staff work it from their queue.
  const staff = track(await openAsStaff(browser, server, 'him', 1280, '/staff/queue'));
  const desk = staff.page;
  await desk.getByRole('tab', { name: 'Health information management', selected: true }).waitFor();
  const link = desk.getByRole('link', { name: 'Proxy access request: Louis Maggio for Sherron Kutch' });
  await link.waitFor();
  await checkA11y(desk);
  await link.click();
  await heading(desk, 'Proxy access request: Louis Maggio for Sherron Kutch').waitFor();
  const details = await desk.getByRole('main').innerText();
  expect(details).toContain('March 1, 2011');
  expect(details).toContain("Confirmed being the child's parent");
  await desk.getByRole('button', { name: 'Approve access' }).click();
  await desk.getByText("Choose the child's record first.").waitFor();
  await desk.getByRole('button', { name: 'Search' }).click();
  await desk.getByRole('radio', { name: /Sherron Kutch/ }).check();
  await checkA11y(desk);
  await desk.getByRole('button', { name: 'Approve access' }).click();
  const dialog = desk.getByRole('dialog', { name: 'Approve proxy access?' });
  await dialog.waitFor();
  expect(await dialog.innerText()).toContain(
    "Louis Maggio will have full access to Sherron Kutch's record as their parent",
  );
  await settled(desk);
  await checkA11y(desk);
  await dialog.getByRole('button', { name: 'Approve' }).click();
  await desk.getByText('Closed: Approved').waitFor();
  await checkA11y(desk);
  expectNoProblems(staff.problems);

  // The parent comes back: the request is approved and the child's record is listed, with its end date.
  await page.reload();
  await heading(page, 'Family access').waitFor();
  await requests.getByText('Approved').waitFor();
  const records = page.getByRole('list', { name: 'Records you can see' });
  await records.getByText('Sherron Kutch', { exact: true }).waitFor();
  expect(await records.innerText()).toContain('Access lasts through February 28, 2029');

  // The header's switcher, by keyboard: open, down to the child's record, choose.
  const switcher = page.getByRole('button', { name: /^Viewing: Louis Maggio/ });
  await switcher.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('menuitem', { name: /Sherron Kutch \(as their parent\)/ }).waitFor();
  await settled(page);
  await checkA11y(page);
  await page.keyboard.press('ArrowDown');
  expect(await focusedText(page)).toContain('Sherron Kutch');
  await page.keyboard.press('Enter');

  await page.getByRole('heading', { level: 2, name: "Sherron Kutch's record" }).waitFor();
  await page.getByRole('menu').waitFor({ state: 'hidden' });
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
  await page.getByRole('main').getByText('March 1, 2011').waitFor(); // the summary has loaded
  const bannerText = await banner(page).innerText();
  expect(bannerText).toContain("You are viewing Sherron Kutch's record as their parent");
  expect(bannerText).toContain('Messages and requests you send here are for Sherron Kutch');
  expect(bannerText).toContain('February 28, 2029');
  expect(await page.getByRole('button', { name: /^Viewing: Sherron Kutch/ }).isVisible()).toBe(true);
  await checkA11y(page);

  // The banner stays on every signed-in page; the access log is the child's and shows the parent's reads.
  await openFromMenu(page, 'Who has seen my record', "Who has seen Sherron Kutch's record");
  expect(await banner(page).isVisible()).toBe(true);
  await page
    .getByRole('list', { name: 'Access to this record, newest first' })
    .getByText("You opened Sherron Kutch's record")
    .first()
    .waitFor();
  await checkA11y(page);

  // And back to the own record.
  await banner(page).getByRole('button', { name: 'Back to my record' }).click();
  await page.getByRole('heading', { level: 2, name: 'Your record' }).waitFor();
  expect(await banner(page).count()).toBe(0);
  await page.getByRole('main').getByText('January 16, 1976').waitFor(); // the own summary has loaded
  expectNoProblems(parent.problems);
});

test('an adult shares their record view-only, the other account accepts and sees it, and loses it on its next request once sharing stops (375 px)', async () => {
  const { app, ctx } = server.testApp;
  await signUpPatient(app, ctx, 'Elsa_Vargas', 'elsa.adult', password);
  await signUpPatient(app, ctx, 'Filiberto_Ryan', 'filiberto', password);

  const owner = track(await openAsPatient(browser, server, 375, 'elsa.adult', password));
  const { page } = owner;
  await openFromMenu(page, 'Share my record');
  await page.getByText('You have not shared your record with anyone.').waitFor();
  await checkA11y(page);
  await expectFitsWidth(page);

  await page.getByRole('button', { name: 'Send invitation' }).click();
  await page.getByText('Enter the username of the person you want to invite.').waitFor();
  expect(await page.getByText('Choose what this person may do.').isVisible()).toBe(true);
  await page.getByLabel('Their username').fill('filiberto');
  await page.getByLabel('How is this person related to you?').fill('friend');
  await page.getByRole('radio', { name: 'View only' }).check();
  await page.getByLabel('Current password').fill('not my password at all');
  await page.getByRole('button', { name: 'Send invitation' }).click();
  // The password again, refused next to the field.
  await page.locator('input[name="password"][aria-invalid="true"]').waitFor();
  await page.getByLabel('Current password').fill(password);
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: 'If filiberto is someone’s username here, we sent them your invitation' })
    .waitFor();
  await page.getByRole('list', { name: 'Invitations waiting for an answer' }).getByText('Filiberto Ryan').waitFor();
  await checkA11y(page);
  await expectFitsWidth(page);

  // The other account accepts and sees the record, view-only.
  const other = track(await openAsPatient(browser, server, 375, 'filiberto', password));
  const them = other.page;
  await openFromMenu(them, 'Family access');
  const invitations = them.getByRole('list', { name: 'Invitations to you' });
  await invitations.getByText('Elsa Vargas invites you to see their record').waitFor();
  expect(await invitations.innerText()).toContain('View only');
  await checkA11y(them);
  await expectFitsWidth(them);
  await invitations.getByRole('button', { name: 'Accept invitation from Elsa Vargas' }).click();
  await them.getByRole('status').filter({ hasText: "You can now see Elsa Vargas's record" }).waitFor();
  await them.getByRole('button', { name: "View Elsa Vargas's record" }).click();
  await them.getByRole('heading', { level: 2, name: "Elsa Vargas's record" }).waitFor();
  const bannerText = await banner(them).innerText();
  expect(bannerText).toContain("You are viewing Elsa Vargas's record as their friend");
  expect(bannerText).toContain('view-only access');
  expect(await them.getByRole('button', { name: /^Viewing: Elsa Vargas/ }).isVisible()).toBe(true);
  await checkA11y(them);
  await expectFitsWidth(them);

  // A view-only proxy does not see the record's access log: the server's refusal is shown.
  await openFromMenu(them, 'Who has seen my record', "Who has seen Elsa Vargas's record");
  await them.getByRole('alert').filter({ hasText: 'The access log is not available to you' }).waitFor();
  await checkA11y(them);

  // The owner sees the grant and stops it, with the password again.
  await page.reload();
  await heading(page, 'Share my record').waitFor();
  const grants = page.getByRole('list', { name: 'People you shared your record with' });
  await grants.getByText('Filiberto Ryan').waitFor();
  expect(await grants.innerText()).toContain('View only');
  await grants.getByRole('button', { name: 'Stop sharing with Filiberto Ryan' }).click();
  const dialog = page.getByRole('dialog', { name: 'Stop sharing with Filiberto Ryan?' });
  await dialog.waitFor();
  await settled(page);
  await checkA11y(page);
  await dialog.getByLabel('Current password').fill('not my password at all');
  await dialog.getByRole('button', { name: 'Stop sharing' }).click();
  await dialog.locator('input[aria-invalid="true"]').waitFor();
  await dialog.getByLabel('Current password').fill(password);
  await dialog.getByRole('button', { name: 'Stop sharing' }).click();
  await page.getByRole('status').filter({ hasText: 'Filiberto Ryan can no longer see your record.' }).waitFor();
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  await grants.getByText('Stopped', { exact: true }).waitFor();
  expect(await grants.getByRole('button', { name: 'Stop sharing with Filiberto Ryan' }).count()).toBe(0);
  await checkA11y(page);
  expectNoProblems(owner.problems, [400, 401, 403]);

  // The other account's next request for the record is refused: the page goes back to its own record and says why.
  await openFromMenu(them, 'Home', /^Welcome, /);
  const note = them.getByRole('status').filter({ hasText: 'You are back on your own record' });
  await note.waitFor();
  expect(await note.innerText()).toContain("You can no longer see Elsa Vargas's record");
  await them.getByRole('heading', { level: 2, name: 'Your record' }).waitFor();
  expect(await banner(them).count()).toBe(0);
  await them.getByRole('main').getByText('Filiberto Ryan').first().waitFor(); // the own summary has loaded
  expect(await them.getByRole('button', { name: /^Viewing:/ }).count()).toBe(0);
  await checkA11y(them);
  await expectFitsWidth(them);
  expectNoProblems(other.problems, [403, 404]);
});

test('the access log filters by person and dates, says when nothing matches, and downloads as CSV', async () => {
  const { app, ctx } = server.testApp;
  await signUpPatient(app, ctx, 'Trenton_Turner', 'trenton', password);
  const { page, problems } = track(await openAsPatient(browser, server, 1280, 'trenton', password));
  await openFromMenu(page, 'Who has seen my record');
  const entries = page.getByRole('list', { name: 'Access to this record, newest first' });
  const issued = 'Test front_desk (front desk) issued an activation code for your record';
  await entries.getByText(issued).waitFor();
  expect(await entries.innerText()).not.toMatch(/\b[a-z_]+\.[a-z_]+\.[a-z_]+\b/); // no action codes
  await checkA11y(page);

  // By person: only what the front desk did.
  await page.getByLabel('Person').selectOption({ label: 'Test front_desk (front desk)' });
  await page.getByRole('button', { name: 'Show' }).click();
  await page.getByRole('status').filter({ hasText: '1 entry' }).waitFor();
  expect(await entries.innerText()).toContain(issued);
  expect(await entries.innerText()).not.toContain('You signed in');

  // Dates: an end before the start is said next to the field; days with nothing in them say so.
  await page.getByLabel('Person').selectOption({ label: 'Everyone' });
  await page.getByLabel('From', { exact: true }).fill('2026-11-24');
  await page.getByLabel('To', { exact: true }).fill('2026-11-23');
  await page.getByRole('button', { name: 'Show' }).click();
  await page.getByText('The end date must be on or after the start date.').waitFor();
  expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('to');
  await page.getByLabel('To', { exact: true }).fill('2026-11-24');
  await page.getByRole('button', { name: 'Show' }).click();
  await entries.getByText('You signed in').first().waitFor();
  await page.getByLabel('From', { exact: true }).fill('2026-11-01');
  await page.getByLabel('To', { exact: true }).fill('2026-11-02');
  await page.getByRole('button', { name: 'Show' }).click();
  await page.getByText('Nothing to show for these filters.').waitFor();
  await checkA11y(page);

  await page.getByRole('button', { name: 'Clear filters' }).click();
  await entries.getByText('You signed in').first().waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^access-log-\d{4}-\d{2}-\d{2}\.csv$/);
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  const csv = Buffer.concat(chunks).toString('utf8');
  expect(csv.split('\r\n')[0]).toBe('"time","who","what","outcome"');
  expect(csv).toContain(`"Test front_desk (front desk)","${issued}","done"`);
  await expectFitsWidth(page);
  expectNoProblems(problems);
});

test('staff deny a request with a reason, and the parent reads it under their requests', async () => {
  const { app, ctx } = server.testApp;
  await importPatient(ctx, 'Erminia_Ondricka');
  await signUpPatient(app, ctx, 'Reyna_Ziemann', 'reyna.parent', password);
  const { page, problems } = track(await openAsPatient(browser, server, 375, 'reyna.parent', password));
  await openFromMenu(page, 'Family access');
  await page.getByLabel("Child's first name").fill('Erminia');
  await page.getByLabel("Child's last name").fill('Ondricka');
  await page.getByLabel("Child's date of birth").fill('2009-01-19');
  await page.getByRole('radio', { name: 'Legal guardian' }).check();
  await page.getByRole('checkbox', { name: /I confirm that I am this child's parent/ }).check();
  await page.getByRole('button', { name: 'Send request' }).click();
  await page.getByRole('status').filter({ hasText: 'Request sent' }).waitFor();

  const staff = track(await openAsStaff(browser, server, 'him', 375, '/staff/queue'));
  const desk = staff.page;
  await desk.getByRole('link', { name: 'Proxy access request: Reyna Ziemann for Erminia Ondricka' }).click();
  await heading(desk, 'Proxy access request: Reyna Ziemann for Erminia Ondricka').waitFor();
  expect(await desk.getByRole('main').innerText()).toContain('Legal guardian');
  await desk.getByRole('button', { name: 'Deny request' }).click();
  await desk.getByText('Say why, in words the parent will read.').waitFor();
  await desk.getByLabel('Reason for the parent').fill('We could not find guardianship papers on file. Please call us.');
  await desk.getByRole('button', { name: 'Deny request' }).click();
  await desk.getByText('Closed: Denied').waitFor();
  await checkA11y(desk);
  await expectFitsWidth(desk);
  expectNoProblems(staff.problems);

  await page.reload();
  await heading(page, 'Family access').waitFor();
  const requests = page.getByRole('list', { name: 'Your requests' });
  await requests.getByText('Not approved').waitFor();
  expect(await requests.innerText()).toContain('Why: We could not find guardianship papers on file. Please call us.');
  expect(await page.getByRole('button', { name: /^Viewing:/ }).count()).toBe(0);
  await checkA11y(page);
  await expectFitsWidth(page);
  expectNoProblems(problems);
});

test('for a request by phone, staff give a parent access from the child’s patient page, and the parent sees the child’s record', async () => {
  const { app, ctx } = server.testApp;
  const { patientId: childId } = await importPatient(ctx, 'Cletus_Schiller'); // born 2012-06-08
  await signUpPatient(app, ctx, 'Blaine_Schroeder', 'blaine', password);

  const staff = track(await openAsStaff(browser, server, 'him', 1280, `/staff/patients/${childId}`));
  const desk = staff.page;
  await heading(desk, 'Cletus Schiller').waitFor();
  const section = desk.getByRole('region', { name: 'Give a parent access' });
  await section.getByRole('button', { name: 'Give access' }).click();
  await section.getByText("Enter the parent's username.").waitFor();
  await section.getByLabel("Parent's username").fill('nobody-by-that-name');
  await section.getByLabel('Relationship to the child').selectOption({ label: 'Parent' });
  await section.getByRole('button', { name: 'Give access' }).click();
  await section.getByText('Say why access is given here rather than by a request (at least 10 characters).').waitFor();
  await section
    .getByLabel('Why access is given here')
    .fill('Mother came to the desk with photo ID and the birth certificate.');
  await section.getByRole('button', { name: 'Give access' }).click();
  await desk.getByRole('dialog', { name: 'Give proxy access?' }).getByRole('button', { name: 'Give access' }).click();
  // The server's refusal, next to the username.
  await section.locator('input[name="username"][aria-invalid="true"]').waitFor();
  await section.getByLabel("Parent's username").fill('blaine');
  await section.getByRole('button', { name: 'Give access' }).click();
  const dialog = desk.getByRole('dialog', { name: 'Give proxy access?' });
  expect(await dialog.innerText()).toContain(
    "The account blaine will have full access to Cletus Schiller's record as their parent",
  );
  await settled(desk);
  await checkA11y(desk);
  await dialog.getByRole('button', { name: 'Give access' }).click();
  await section.getByRole('status').filter({ hasText: "Done: blaine can now see Cletus Schiller's record." }).waitFor();
  await desk.getByRole('dialog').waitFor({ state: 'detached' });
  await checkA11y(desk);
  expectNoProblems(staff.problems, [400]);
  // Health-information management has it to review, with the reason.
  const review = await ctx.db.kysely
    .selectFrom('work_item')
    .select(['pool', 'details'])
    .where('type', '=', 'direct_grant_review')
    .where('patient_id', '=', childId)
    .executeTakeFirstOrThrow();
  expect(review.pool).toBe('him');
  expect(review.details).toContain('birth certificate');

  const parent = track(await openAsPatient(browser, server, 375, 'blaine', password));
  await parent.page.getByRole('button', { name: /^Viewing: Blaine Schroeder/ }).click();
  await parent.page.getByRole('menuitem', { name: /Cletus Schiller \(as their parent\)/ }).click();
  await parent.page.getByRole('heading', { level: 2, name: "Cletus Schiller's record" }).waitFor();
  await banner(parent.page)
    .getByText(/June 7, 2030/)
    .waitFor();
  await parent.page.getByRole('menu').waitFor({ state: 'hidden' });
  await checkA11y(parent.page);
  await expectFitsWidth(parent.page);
  expectNoProblems(parent.problems);
});

test('a long access log reads as sentences, repeated reads of a visit on one line, a page at a time; Profile → Notifications is in the menu (375 px)', async () => {
  const { app, ctx, clock } = server.testApp;
  const me = await signUpPatient(app, ctx, 'Elvina_Lemke', 'elvina.log', password);
  const base = `/api/patients/${me.patientId}`;
  // A morning of use before this visit: three visits of the same pages, 90 minutes apart.
  for (let visit = 0; visit < 3; visit++) {
    for (const path of [
      '/home',
      '/medications',
      '/allergies',
      '/medications',
      '/immunizations',
      '/messages/options',
      '/history',
      '/medications',
    ]) {
      expect((await me.client.get(base + path)).statusCode).toBe(200);
      clock.advance(60_000);
    }
    await me.client.post('/api/session/keep-alive');
    for (let i = 0; i < 6; i++) {
      clock.advance(14 * 60_000);
      await me.client.post('/api/session/keep-alive');
    }
  }
  const { page, problems } = track(await openAsPatient(browser, server, 375, 'elvina.log', password));

  // Profile → Notifications, where the FAQ says notification choices are.
  await openFromMenu(page, 'Notifications');
  await checkA11y(page);

  await openFromMenu(page, 'Who has seen my record');
  const entries = page.getByRole('list', { name: 'Access to this record, newest first' });
  await entries.getByText('You read your medications 3 times').first().waitFor();
  const text = await entries.innerText();
  expect(text).toContain('You opened the form for a new message');
  expect(text).not.toMatch(/\b[a-z_]+\.[a-z_]+\.[a-z_]+\b/); // no action codes such as message.options.read
  expect(await page.getByRole('listitem').filter({ hasText: 'You read your medications 3 times' }).count()).toBe(3);
  await checkA11y(page);
  await expectFitsWidth(page);

  // The first page is a page: older entries come on request, after the ones already shown.
  const shown = await entries.getByRole('listitem').count();
  expect(shown).toBe(20);
  await page.getByRole('button', { name: 'Show older entries' }).click();
  await page.getByText('That is the beginning of the log.').waitFor();
  const all = await entries.getByRole('listitem').count();
  expect(all).toBeGreaterThan(shown);
  await entries.getByText('Test front_desk (front desk) issued an activation code for your record').waitFor();
  await checkA11y(page);
  await expectFitsWidth(page);
  expectNoProblems(problems);
});
