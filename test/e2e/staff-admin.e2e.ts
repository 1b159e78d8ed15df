import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { StaffRole } from '../../src/server/db/schema.ts';
import { identityDeps } from '../../src/server/modules/identity/identity.deps.ts';
import { StaffAccountsService } from '../../src/server/modules/identity/staff-accounts.service.ts';
import { TwoStepService } from '../../src/server/modules/identity/two-step.service.ts';
import { openAsStaff } from '../helpers/browser-sign-in.ts';
import { checkA11y, launchBrowser, watchPageProblems, type PageProblems } from '../helpers/browser.ts';
import { currentTotp } from '../helpers/identity-factories.ts';
import { expectFitsWidth, expectNoProblems, heading, settled } from '../helpers/page-checks.ts';
import { startWebServer, type WebServer } from '../helpers/web-server.ts';

/**
 * An administrator manages colleagues' accounts on the staff admin page while the colleague works in another
 * browser: a 2-step reset and re-enrolment, a password reset with a one-time password, and a disabled account
 * whose open session ends at its next request.
 */

let server: WebServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const password = 'quiet orchard bellflower';
let serial = 0;
/** Two browsers and several sign-ins each: 30–45 s on a busy machine. */
const JOURNEY_TIMEOUT = 120_000;

beforeAll(async () => {
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

interface Colleague {
  username: string;
  name: string;
  secret: string;
}

/** A colleague with an authenticator set up (through the service: the enrolment page has its own journey). */
async function createColleague(role: StaffRole, name: string): Promise<Colleague> {
  const { ctx, clock } = server.testApp;
  const username = `colleague-${++serial}`;
  const d = identityDeps(ctx);
  const origin = { ip: '127.0.0.1', userAgent: 'e2e' };
  const { accountId } = await new StaffAccountsService(d).create(
    { type: 'system', id: null },
    { username, displayName: name, role, password },
  );
  const opened = await ctx.sessions.open(ctx.db.kysely, accountId, 'staff', 'second_factor', origin);
  const session = (await ctx.sessions.resolve(opened.cookieValue, 'staff'))!;
  const twoStep = new TwoStepService(d);
  const { secret } = await twoStep.setup(session, { password }, origin);
  await twoStep.confirm(session, currentTotp(secret, clock.now()), origin);
  return { username, name, secret };
}

/** A fresh browser at the staff sign-in page. */
async function openSignIn(width: number): Promise<{ page: Page; problems: PageProblems }> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  const problems = await watchPageProblems(page);
  await page.goto(server.baseUrl + '/staff/sign-in');
  await heading(page, /^Staff sign in/).waitFor();
  return { page, problems };
}

async function enterPassword(page: Page, username: string, pass: string): Promise<void> {
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(pass);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The code of the server's (manual) clock; the clock then moves on a step, as a code works once. */
function nextCode(secret: string): string {
  const { clock } = server.testApp;
  clock.advance(30_000);
  return currentTotp(secret, clock.now());
}

async function signInColleague(width: number, c: Colleague, path: string) {
  const { page, problems } = await openSignIn(width);
  await page.goto(server.baseUrl + path);
  await heading(page, /^Staff sign in/).waitFor();
  await enterPassword(page, c.username, password);
  await page.getByLabel('6-digit code').fill(nextCode(c.secret));
  await page.getByRole('button', { name: 'Verify and sign in' }).click();
  await page.waitForURL((url) => url.pathname === path);
  return { page, problems };
}

/** The admin clicks a control on a colleague's row and, when asked, confirms in the dialog (axe-checked). */
async function useControl(admin: Page, label: string, confirm?: string): Promise<void> {
  await admin.getByRole('button', { name: label }).click();
  if (!confirm) return;
  const dialog = admin.getByRole('dialog');
  await dialog.waitFor();
  await settled(admin);
  await checkA11y(admin);
  await dialog.getByRole('button', { name: confirm }).click();
  await dialog.waitFor({ state: 'hidden' });
}

function row(admin: Page, name: string) {
  return admin.getByRole('row').filter({ has: admin.getByRole('rowheader', { name, exact: true }) });
}

describe.each([1280, 375])('staff account controls at %ipx', (width) => {
  test(
    "an admin resets a colleague's 2-step and the colleague re-enrols",
    async () => {
      const nia = await createColleague('nurse', `Nia Nurse ${width}`);
      const { page: admin, problems: adminProblems } = (await openAsStaff(
        browser,
        server,
        'admin',
        width,
        '/staff/admin',
      ))!;
      await heading(admin, 'Staff accounts').waitFor();
      await row(admin, nia.name).getByText('Set up', { exact: true }).waitFor();
      await checkA11y(admin);
      await expectFitsWidth(admin);

      // Cancelling changes nothing; confirming resets.
      await admin.getByRole('button', { name: `Reset 2-step verification for ${nia.name}` }).click();
      await admin.keyboard.press('Escape');
      await admin.getByRole('dialog').waitFor({ state: 'hidden' });
      await useControl(admin, `Reset 2-step verification for ${nia.name}`, 'Reset 2-step verification');
      await admin
        .getByRole('status')
        .filter({ hasText: `2-step verification was reset for ${nia.name}` })
        .waitFor();
      await row(admin, nia.name).getByText('Not yet set up').waitFor();
      await checkA11y(admin);

      // The colleague signs in: an authenticator is set up again before anything else; the old one no longer counts.
      const { page, problems } = await openSignIn(width);
      await enterPassword(page, nia.username, password);
      await page.getByText('Staff accounts must use 2-step verification').waitFor();
      await checkA11y(page);
      await page.getByLabel('Current password').fill(password);
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('img', { name: 'QR code to scan with your authenticator app' }).waitFor();
      const secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s+/g, '');
      expect(secret).not.toBe(nia.secret);
      await checkA11y(page);
      await page.getByLabel('Code shown in your app').fill(nextCode(secret));
      await page.getByRole('button', { name: 'Turn on 2-step verification' }).click();
      await page.getByRole('heading', { name: 'Save your recovery codes' }).waitFor();
      await page.getByRole('button', { name: 'I have saved these' }).click();
      await heading(page, `Welcome, ${nia.name}`).waitFor();
      await checkA11y(page);

      await admin.reload();
      await row(admin, nia.name).getByText('Set up', { exact: true }).waitFor();
      expectNoProblems(problems);
      expectNoProblems(adminProblems);
    },
    JOURNEY_TIMEOUT,
  );

  test(
    "a disabled staff account's open session ends, and it cannot sign in until enabled",
    async () => {
      const dana = await createColleague('front_desk', `Dana Desk ${width}`);
      const { page: desk, problems: deskProblems } = await signInColleague(width, dana, '/staff/patients');
      await heading(desk, 'Find a patient').waitFor();

      const { page: admin, problems: adminProblems } = await openAsStaff(
        browser,
        server,
        'admin',
        width,
        '/staff/admin',
      );
      await heading(admin, 'Staff accounts').waitFor();
      await useControl(admin, `Disable the account of ${dana.name}`, 'Disable account');
      await admin
        .getByRole('status')
        .filter({ hasText: `The account of ${dana.name} is disabled` })
        .waitFor();
      await row(admin, dana.name).getByText('Disabled', { exact: true }).waitFor();
      await checkA11y(admin);

      // The colleague's next request is refused, and the app shows the signed-out page.
      await desk.getByLabel('Name or date of birth').fill('vargas');
      await desk.keyboard.press('Enter');
      await heading(desk, /^Staff sign in/).waitFor();
      await desk.getByRole('status').filter({ hasText: 'Your session has ended' }).waitFor();
      expect(new URL(desk.url()).pathname).toBe('/staff/sign-in');
      await checkA11y(desk);

      // Signing in again gets the same answer as a wrong password.
      await enterPassword(desk, dana.username, password);
      await desk.getByText('That username and password did not work').waitFor();
      await checkA11y(desk);

      await useControl(admin, `Enable the account of ${dana.name}`);
      await admin
        .getByRole('status')
        .filter({ hasText: `The account of ${dana.name} is enabled again` })
        .waitFor();
      await enterPassword(desk, dana.username, password);
      await desk.getByLabel('6-digit code').fill(nextCode(dana.secret));
      await desk.getByRole('button', { name: 'Verify and sign in' }).click();
      await heading(desk, 'Find a patient').waitFor();
      expectNoProblems(deskProblems, [401]);
      expectNoProblems(adminProblems);
    },
    JOURNEY_TIMEOUT,
  );

  test(
    'an admin resets a password; the colleague signs in with the one-time password and chooses their own',
    async () => {
      const hal = await createColleague('him', `Hal Records ${width}`);
      const { page: admin, problems: adminProblems } = await openAsStaff(
        browser,
        server,
        'admin',
        width,
        '/staff/admin',
      );
      await heading(admin, 'Staff accounts').waitFor();
      await useControl(admin, `Reset password for ${hal.name}`, 'Reset password');
      const notice = admin.getByRole('status').filter({ hasText: `One-time password for ${hal.name}` });
      await notice.waitFor();
      const oneTime = /[0-9A-Z]{5}(-[0-9A-Z]{5}){3}/.exec(await notice.innerText())![0];
      await row(admin, hal.name).getByText('Has not yet replaced the one-time password').waitFor();
      await checkA11y(admin);
      await expectFitsWidth(admin);
      await admin.getByRole('button', { name: 'Done' }).click();
      await notice.waitFor({ state: 'hidden' });

      const { page, problems } = await openSignIn(width);
      await enterPassword(page, hal.username, password);
      await page.getByText('That username and password did not work').waitFor();
      await enterPassword(page, hal.username, oneTime);
      await page.getByLabel('6-digit code').fill(nextCode(hal.secret));
      await page.getByRole('button', { name: 'Verify and sign in' }).click();
      await page.getByText('Choose your own password', { exact: true }).waitFor();
      await checkA11y(page);
      // A staff page is not reachable until then.
      await page.goto(server.baseUrl + '/staff/queue');
      await page.getByText('Choose your own password', { exact: true }).waitFor();

      await page.getByLabel('One-time password').fill(oneTime);
      await page.getByLabel('New password').fill('password1234');
      await page.getByRole('button', { name: 'Save password and continue' }).click();
      await page.getByText('too common').waitFor();
      await checkA11y(page);
      await page.getByLabel('New password').fill('lantern harbour teacup');
      await page.getByRole('button', { name: 'Save password and continue' }).click();
      await heading(page, 'Work queue').waitFor();
      expectNoProblems(problems, [400, 401]);
      expectNoProblems(adminProblems);
    },
    JOURNEY_TIMEOUT,
  );
});
