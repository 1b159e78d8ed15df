import * as OTPAuth from 'otpauth';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createOutboxWorker, type RunningOutboxWorker } from '../../src/server/platform/outbox/outbox.cli.ts';
import { checkA11y, launchBrowser, watchPageProblems, type PageProblems } from '../helpers/browser.ts';
import { createStaff, importPatient, issueActivationCode } from '../helpers/identity-factories.ts';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.ts';
import { startWebServer, type WebServer } from '../helpers/web-server.ts';
import { expectFitsWidth, expectNoProblems, heading } from '../helpers/page-checks.ts';

/**
 * Identity journeys in a real browser against the real server: sign-up with an activation code, 2-step
 * verification, sign-in with the second factor, the route guard, recovery, contact details, the
 * inactivity sign-out (server clock and browser clock both moved, never waited for) and staff sign-in
 * with required 2-step enrolment. Every page is checked with axe.
 */

let server: WebServer;
let browser: Browser;
let sink: SmtpSink;
let outbox: RunningOutboxWorker;
const contexts: BrowserContext[] = [];
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const minute = 60_000;

beforeAll(async () => {
  sink = await startSmtpSink();
  // Tuesday 24 November 2026, 10:00 Eastern time.
  server = await startWebServer({
    now: '2026-11-24T15:00:00.000Z',
    config: { mail: { smtpUrl: sink.url, from: 'Portal <portal@lantern.test>' } },
  });
  outbox = createOutboxWorker(server.testApp.ctx, { logger: silent });
  browser = await launchBrowser();
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await browser?.close();
  await outbox?.stop();
  await server?.close();
  await sink?.close();
});

interface OpenPage {
  page: Page;
  problems: PageProblems;
}

/** A fresh browser at this width, with a fake (but flowing) clock so tests can fast-forward it. */
async function openPage(width: number, path: string): Promise<OpenPage> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  const problems = await watchPageProblems(page);
  await page.clock.install();
  await page.goto(server.baseUrl + path);
  await heading(page).waitFor();
  return { page, problems };
}

function focusedElement(page: Page): Promise<{ tag: string; name: string | null; text: string }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { tag: el?.tagName ?? '', name: el?.getAttribute('name') ?? null, text: el?.innerText?.trim() ?? '' };
  });
}

/** The current TOTP code for a secret, at the server's (manual) clock. */
function totpAtServerTime(secret: string): string {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate({
    timestamp: server.testApp.clock.now().getTime(),
  });
}

/** Moves the server's clock past the current 30-second TOTP step, so the next code is a new one (codes are single use). */
function nextTotpStep(): void {
  server.testApp.clock.advance(31_000);
}

/** A patient with a fresh activation code issued by a front-desk user; each test gets its own patient. */
async function patientWithCode(prefix: string): Promise<{ code: string; birthDate: string }> {
  const { ctx } = server.testApp;
  const { patientId, birthDate } = await importPatient(ctx, prefix);
  const desk = await createStaff(ctx, 'front_desk');
  return { code: await issueActivationCode(ctx, desk.session, patientId), birthDate };
}

const password = 'copper kettle whistles twice';

async function signUp(
  page: Page,
  opts: { code: string; birthDate: string; username: string; email?: string },
): Promise<void> {
  await page.getByLabel('Activation code').fill(opts.code);
  await page.getByLabel('Date of birth').fill(opts.birthDate);
  await page.getByLabel('Username').fill(opts.username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  if (opts.email) await page.getByLabel('Email (optional)').fill(opts.email);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await heading(page, /^Welcome, /).waitFor();
}

async function signIn(page: Page, username: string, pass = password): Promise<void> {
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(pass);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Turns on 2-step verification from the profile page; returns the secret and the recovery codes shown. */
async function enrolTwoStep(page: Page): Promise<{ secret: string; recoveryCodes: string[] }> {
  await page.getByRole('button', { name: /^Menu for / }).click();
  await page.getByRole('menuitem', { name: '2-step verification' }).click();
  await heading(page, '2-step verification').waitFor();
  await page.getByRole('button', { name: 'Turn on 2-step verification' }).click();
  await page.getByLabel('Current password').fill(password);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('img', { name: 'QR code to scan with your authenticator app' }).waitFor();
  const secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s+/g, '');
  await checkA11y(page);
  await page.getByLabel('Code shown in your app').fill(totpAtServerTime(secret));
  await page.getByRole('button', { name: 'Turn on 2-step verification' }).click();
  await page.getByRole('heading', { name: 'Save your recovery codes' }).waitFor();
  const recoveryCodes = (
    await page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem').allInnerTexts()
  ).map((c) => c.trim());
  await checkA11y(page);
  return { secret, recoveryCodes };
}

async function signOutFromMenu(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Menu for / }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: 'You have signed out' })
    .waitFor({ timeout: 5000 })
    .catch(async (e) => {
      await page.screenshot({ path: '/tmp/shots/debug-signout.png' });
      console.log('URL', page.url(), await page.evaluate(() => JSON.stringify(history.state)));
      throw e;
    });
}

/** Delivers queued mail and returns the 6-digit code in the newest message to this address. */
async function lastMailedCode(to: string): Promise<string> {
  await outbox.worker.runOnce();
  const raw = sink.messages.filter((m) => m.envelopeTo.includes(to)).at(-1)?.raw ?? '';
  const code = /\b(\d{6})\b/.exec(raw)?.[1];
  if (!code) throw new Error(`no code was mailed to ${to}`);
  return code;
}

/**
 * Time passes with nothing happening: first the page finishes what it is loading (an answer arriving later would be
 * activity and move the deadline), then the server's and the browser's clocks move together.
 */
async function idle(page: Page, ms: number): Promise<void> {
  // Nothing still loading on the page (each part's spinner is a "Loading…" status), and no request in flight.
  await page.getByRole('status').filter({ hasText: 'Loading' }).first().waitFor({ state: 'detached' });
  await page.waitForLoadState('networkidle');
  server.testApp.clock.advance(ms);
  await page.clock.fastForward(ms);
}

test('a new patient signs up with a code from staff, turns on 2-step, signs out, signs in with the code from the app, and is signed out after inactivity', async () => {
  const { code, birthDate } = await patientWithCode('Louis_Maggio');
  const { page, problems } = await openPage(1280, '/');
  const portalName = server.testApp.ctx.config.tenant.organisation.portalName;

  await page.getByRole('link', { name: 'Sign up with your activation code' }).click();
  await heading(page, `Sign up for ${portalName}`).waitFor();
  expect(await page.title()).toBe(`Sign up for ${portalName} · ${portalName}`);
  expect(await page.getByRole('main').innerText()).toContain('An email address is optional, but preferred');
  expect(await page.getByRole('main').innerText()).toContain('At least 12 characters');
  await checkA11y(page);
  await signUp(page, { code, birthDate, username: 'louis.maggio' });
  expect(await page.title()).toBe(`Home · ${portalName}`);
  expect(await heading(page).innerText()).toMatch(/^Welcome, Louis/);
  await checkA11y(page);

  const { secret, recoveryCodes } = await enrolTwoStep(page);
  expect(recoveryCodes.length).toBeGreaterThanOrEqual(8);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download as a text file' }).click();
  expect((await download).suggestedFilename()).toBe('recovery-codes.txt');
  await page.getByRole('button', { name: 'I have saved these' }).click();
  await page.getByRole('status').filter({ hasText: '2-step verification is on' }).waitFor();
  await page.getByRole('main').getByText('On', { exact: true }).first().waitFor(); // after the profile has reloaded

  await signOutFromMenu(page);
  expect(new URL(page.url()).pathname).toBe('/');
  await checkA11y(page);

  // Sign in again: password, then the code from the app (a new one: codes are single use).
  nextTotpStep();
  await signIn(page, 'louis.maggio');
  await page.getByRole('heading', { name: 'Enter your verification code' }).waitFor();
  expect((await focusedElement(page)).text).toBe('Enter your verification code');
  await checkA11y(page);
  await page.getByLabel('6-digit code').fill(totpAtServerTime(secret));
  await page.getByRole('button', { name: 'Verify and sign in' }).click();
  await heading(page, /^Welcome, Louis/).waitFor();
  await page.getByRole('link', { name: 'Go to Medications' }).waitFor(); // Home's summary has loaded

  // 14 minutes without activity, on both clocks: the warning, with its countdown.
  await idle(page, 14 * minute);
  const dialog = page.getByRole('dialog', { name: 'Are you still there?' });
  await dialog.waitFor();
  expect(await dialog.innerText()).toMatch(/You will be signed out in \d+ seconds? for your security/);
  expect((await focusedElement(page)).text).toBe('Stay signed in');
  await checkA11y(page);

  // One more minute: signed out, and the sign-in page says why.
  await idle(page, 1 * minute);
  await page.getByRole('status').filter({ hasText: 'signed out after a period of inactivity' }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/');
  expect(await dialog.count()).toBe(0);
  await page.goto(server.baseUrl + '/home');
  await heading(page, `Sign in to ${portalName}`).waitFor();
  // The one refusal: the status check that found the session ended.
  expectNoProblems(problems, [401]);
});

test('"Stay signed in" keeps the session; a recovery code signs in once; the route guard returns to the page wanted', async () => {
  const { code, birthDate } = await patientWithCode('Reyna_Ziemann');
  const { page, problems } = await openPage(375, '/signup');
  await signUp(page, { code, birthDate, username: 'reyna' });
  const { recoveryCodes } = await enrolTwoStep(page);
  await page.getByRole('button', { name: 'I have saved these' }).click();

  await idle(page, 14 * minute);
  await page.getByRole('dialog', { name: 'Are you still there?' }).waitFor();
  await page.getByRole('button', { name: 'Stay signed in' }).click();
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  // The idle timer started again at the keep-alive: 14 more minutes bring the warning, not a sign-out.
  await idle(page, 14 * minute);
  await page.getByRole('dialog', { name: 'Are you still there?' }).waitFor();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('status').filter({ hasText: 'You have signed out' }).waitFor();

  // A signed-out visit to a profile page goes to sign-in, and back there afterwards.
  await page.goto(server.baseUrl + '/profile/activity');
  await heading(page, /^Sign in to /).waitFor();
  await signIn(page, 'reyna');
  await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
  await page.getByLabel('Recovery code').fill(recoveryCodes[0]!);
  await page.getByRole('button', { name: 'Verify and sign in' }).click();
  await heading(page, 'Account activity').waitFor();
  await page.getByRole('listitem').filter({ hasText: 'Signed in with a recovery code' }).first().waitFor();
  const activity = await page.getByRole('main').innerText();
  expect(activity).toContain('2-step verification turned on');
  expect(activity).toContain('From 127.0.0.1');
  await expectFitsWidth(page);
  await checkA11y(page);

  // The same recovery code does not work twice.
  await signOutFromMenu(page);
  await signIn(page, 'reyna');
  await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
  await page.getByLabel('Recovery code').fill(recoveryCodes[0]!);
  await page.getByRole('button', { name: 'Verify and sign in' }).click();
  await page
    .getByText(/That code did not work/)
    .first()
    .waitFor();
  expect(await heading(page).innerText()).toMatch(/^Sign in to /);
  expectNoProblems(problems, [400, 401]);
});

test('a patient moves 2-step verification to a new phone with a recovery code, and the old app stops working (375 px)', async () => {
  const { code, birthDate } = await patientWithCode('Elsa_Vargas');
  const { page, problems } = await openPage(375, '/signup');
  await signUp(page, { code, birthDate, username: 'elsa' });
  const { secret: oldSecret, recoveryCodes } = await enrolTwoStep(page);
  await page.getByRole('button', { name: 'I have saved these' }).click();

  await page.getByRole('button', { name: 'Move to a new phone or app' }).click();
  await page.getByRole('heading', { name: 'Move 2-step verification to a new phone or app' }).waitFor();
  await page.getByLabel('Current password').fill(password);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByText('Enter a code from your current app or a recovery code.').waitFor(); // the phone is lost
  await page.getByLabel('Code from your current app, or a recovery code').fill(recoveryCodes[0]!);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('img', { name: 'QR code to scan with your authenticator app' }).waitFor();
  const newSecret = (await page.getByTestId('totp-secret').innerText()).replace(/\s+/g, '');
  expect(newSecret).not.toBe(oldSecret);
  await checkA11y(page);
  nextTotpStep();
  await page.getByLabel('Code shown in your app').fill(totpAtServerTime(newSecret));
  await page.getByRole('button', { name: 'Use this app from now on' }).click();
  await page.getByRole('heading', { name: 'Save your recovery codes' }).waitFor();
  await page.getByRole('button', { name: 'I have saved these' }).click();
  await page.getByRole('status').filter({ hasText: 'Your new authenticator app is in use' }).waitFor();
  await checkA11y(page);

  // The old app's codes no longer sign in; the new app's do.
  await signOutFromMenu(page);
  nextTotpStep();
  await signIn(page, 'elsa');
  await page.getByRole('heading', { name: 'Enter your verification code' }).waitFor();
  await page.getByLabel('6-digit code').fill(totpAtServerTime(oldSecret));
  await page.getByRole('button', { name: 'Verify and sign in' }).click();
  await page.getByText('That code did not work').waitFor();
  nextTotpStep();
  await page.getByLabel('6-digit code').fill(totpAtServerTime(newSecret));
  await page.getByRole('button', { name: 'Verify and sign in' }).click();
  await heading(page, /^Welcome, /).waitFor();
  expectNoProblems(problems, [400]);
});

test('a wrong password gets the generic message, focused; the server ending the session signs the page out', async () => {
  const { code, birthDate } = await patientWithCode('Trenton_Turner');
  const { page, problems } = await openPage(1280, '/signup');
  await signUp(page, { code, birthDate, username: 'trenton' });
  await signOutFromMenu(page);

  await signIn(page, 'trenton', 'not the right password');
  const alert = page.getByRole('alert');
  await alert.waitFor();
  const message = await alert.innerText();
  await signIn(page, 'nobody-by-this-name', 'not the right password');
  // The answer has come when the page has cleared the password field again.
  await expect.poll(() => page.getByLabel('Password', { exact: true }).inputValue()).toBe('');
  // The same words whether or not the username exists, and focus on them.
  expect(await page.getByRole('alert').innerText()).toBe(message);
  expect((await focusedElement(page)).text).toBe(message);
  expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe('');
  await checkA11y(page);

  await signIn(page, 'trenton');
  await heading(page, /^Welcome, /).waitFor();
  // Home's tiles have all answered (on a loaded machine one may still be on its way, and would find the revocation
  // before the menu is opened).
  await page.waitForLoadState('networkidle');
  // Signed out elsewhere (e.g. "sign out everywhere" on another device): the next request finds out.
  const { ctx } = server.testApp;
  const account = await ctx.db.kysely
    .selectFrom('account')
    .select('id')
    .where('username_display', '=', 'trenton')
    .executeTakeFirstOrThrow();
  await ctx.sessions.revokeAll(ctx.db.kysely, account.id);
  await page.getByRole('button', { name: /^Menu for / }).click();
  await page.getByRole('menuitem', { name: 'Contact details' }).click();
  await page.getByRole('status').filter({ hasText: 'You were signed out' }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/');
  expectNoProblems(problems, [401]);
});

test('sign-up refuses a wrong date of birth next to the form, and shows missing fields next to each, focusing the first', async () => {
  const { code } = await patientWithCode('Filiberto_Ryan');
  const { page, problems } = await openPage(375, '/signup');
  await page.getByRole('button', { name: 'Sign up' }).click();
  expect((await focusedElement(page)).name).toBe('activationCode');
  expect(await page.locator('[aria-invalid="true"]').count()).toBe(4);
  expect(await page.getByRole('main').innerText()).toContain('Enter your activation code.');
  await expectFitsWidth(page);
  await checkA11y(page);

  await page.getByLabel('Activation code').fill(code);
  await page.getByLabel('Date of birth').fill('1990-01-01');
  await page.getByLabel('Username').fill('filiberto');
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign up' }).click();
  // Wait for the server's answer itself: the fields marked invalid by the first, empty submit are still on the page.
  await page
    .getByText(/do not match our records/)
    .first()
    .waitFor();
  expect(await page.getByRole('main').innerText()).toContain('do not match our records');
  expectNoProblems(problems, [400]);
});

test('the activation-code request form needs one way to reach the person and ends with what happens next', async () => {
  const { page, problems } = await openPage(375, '/');
  await page.getByRole('link', { name: 'Request an activation code' }).click();
  await heading(page, 'Request an activation code').waitFor();
  expect((await focusedElement(page)).text).toBe('Request an activation code');
  await page.getByLabel('First name').fill('Blaine');
  await page.getByLabel('Last name').fill('Schroeder');
  await page.getByLabel('Date of birth').fill('1968-08-24');
  await page.getByRole('button', { name: 'Send request' }).click();
  expect((await focusedElement(page)).name).toBe('email');
  expect(await page.getByRole('main').innerText()).toContain('Give at least one way to reach you');
  await checkA11y(page);

  await page.getByLabel('Mobile phone').fill('(502) 555-0142');
  await page.getByRole('button', { name: 'Send request' }).click();
  await heading(page, 'Request received').waitFor();
  expect(await page.getByRole('main').innerText()).toContain('Our staff will verify your details and contact you');
  await expectFitsWidth(page);
  await checkA11y(page);
  expectNoProblems(problems);
});

test('forgot password: a code to the (verified) email on file, then a new password that signs in; forgot username says the same either way', async () => {
  const { code, birthDate } = await patientWithCode('Elvina_Lemke');
  const { page, problems } = await openPage(1280, '/signup');
  await signUp(page, { code, birthDate, username: 'elvina', email: 'elvina@example.org' });
  // The email given at sign-up is confirmed with the code sent to it before it is used.
  await page.getByRole('link', { name: 'Contact details' }).click();
  await page.getByRole('heading', { name: 'Verify your email' }).waitFor();
  await page.getByLabel('6-digit code').fill(await lastMailedCode('elvina@example.org'));
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.getByRole('status').filter({ hasText: 'Email verified' }).waitFor();
  await page.getByRole('main').getByText('Verified').first().waitFor(); // after the profile has (re)loaded
  await signOutFromMenu(page);

  await page.getByRole('link', { name: 'Forgot username or password?' }).click();
  await heading(page, 'Forgot username or password').waitFor();
  expect(await page.getByRole('main').innerText()).toContain('No email or phone on your account?');
  await page.getByRole('link', { name: 'Request a new activation code' }).waitFor();
  await checkA11y(page);

  await page.getByLabel('Username').fill('elvina');
  await page.getByRole('button', { name: 'Send me a code' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: 'If an account matches, we sent a code to the contact on file' })
    .waitFor();
  await page.getByLabel('Code', { exact: true }).fill(await lastMailedCode('elvina@example.org'));
  await page.getByLabel('New password').fill('a brand new passphrase here');
  await page.getByRole('button', { name: 'Set new password' }).click();
  await page.getByRole('status').filter({ hasText: 'Your password was changed' }).waitFor();
  await checkA11y(page);

  await page.getByLabel('Email or mobile phone').fill('nobody@example.org');
  await page.getByRole('button', { name: 'Send my username' }).click();
  await page.getByRole('status').filter({ hasText: 'If an account matches, we sent its username there.' }).waitFor();

  await page.getByRole('link', { name: 'Go to sign in' }).click();
  await signIn(page, 'elvina', 'a brand new passphrase here');
  await heading(page, /^Welcome, /).waitFor();
  expectNoProblems(problems);
});

test('contact details: a change asks for the password, a new email is verified with its code, and the password can be changed', async () => {
  const { code, birthDate } = await patientWithCode('Blaine_Schroeder');
  const { page, problems } = await openPage(375, '/signup');
  await signUp(page, { code, birthDate, username: 'blaine' });
  await page.goto(server.baseUrl + '/profile/contact');
  await heading(page, 'Contact details').waitFor();
  await page.getByRole('main').getByText('keep your contact details current').first().waitFor(); // after the profile has (re)loaded
  await checkA11y(page);

  await page.getByRole('button', { name: 'Change contact details' }).click();
  await page.getByLabel('Email (optional)').fill('blaine@example.org');
  await page.getByLabel('Current password').fill('wrong password entirely');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.locator('[aria-invalid="true"]').first().waitFor();
  expect((await focusedElement(page)).name).toBe('password');
  await page.getByLabel('Current password').fill(password);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('status').filter({ hasText: 'Contact details saved' }).waitFor();
  await page.getByRole('main').getByText('Not verified').first().waitFor(); // after the profile has (re)loaded
  await page.getByRole('heading', { name: 'Verify your email' }).waitFor();
  await expectFitsWidth(page);
  await checkA11y(page);
  await page.getByLabel('6-digit code').fill(await lastMailedCode('blaine@example.org'));
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.getByRole('status').filter({ hasText: 'Email verified' }).waitFor();
  expect(await page.getByRole('heading', { name: 'Verify your email' }).count()).toBe(0);

  await page.getByRole('navigation', { name: 'Profile' }).getByRole('link', { name: 'Password' }).click();
  await heading(page, 'Password and security').waitFor();
  expect((await focusedElement(page)).text).toBe('Password and security');
  await page.getByLabel('Current password').fill(password);
  await page.getByLabel('New password').fill('another fine passphrase');
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.getByRole('status').filter({ hasText: 'Password changed' }).waitFor();
  await checkA11y(page);

  await page.getByRole('button', { name: 'Sign out everywhere' }).click();
  await page.getByRole('status').filter({ hasText: 'You have signed out everywhere' }).waitFor();
  expectNoProblems(problems, [400, 401, 403]);
});

describe.each([1280, 375])('staff at %ipx', (width) => {
  test('a new staff member must set up 2-step before anything else, then sees the staff home; the next sign-in asks for the code', async () => {
    const { ctx } = server.testApp;
    const staff = await createStaff(ctx, 'front_desk');
    const portalName = ctx.config.tenant.organisation.portalName;
    const { page, problems } = await openPage(width, '/staff');
    await heading(page, `Staff sign in to ${portalName}`).waitFor();
    expect(await page.getByRole('main').innerText()).toContain('This page is for care-team and office staff');
    expect(await page.title()).toBe(`Staff sign in · ${portalName}`);
    await checkA11y(page);

    await signIn(page, staff.username, staff.password);
    await page.getByText('Staff accounts must use 2-step verification').waitFor();
    await page.getByLabel('Current password').fill(staff.password);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('img', { name: 'QR code to scan with your authenticator app' }).waitFor();
    await expectFitsWidth(page);
    await checkA11y(page);
    const secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s+/g, '');
    await page.getByLabel('Code shown in your app').fill(totpAtServerTime(secret));
    await page.getByRole('button', { name: 'Turn on 2-step verification' }).click();
    await page.getByRole('heading', { name: 'Save your recovery codes' }).waitFor();
    await page.getByRole('button', { name: 'I have saved these' }).click();

    await heading(page, /^Welcome, Test front_desk/).waitFor();
    expect(new URL(page.url()).pathname).toBe('/staff');
    expect(await page.getByRole('main').innerText()).toContain('Signed in as Front desk');
    await page.getByRole('link', { name: 'Work queue' }).waitFor();
    await page.getByRole('link', { name: 'Find a patient' }).waitFor();
    await expectFitsWidth(page);
    await checkA11y(page);

    // Staff and patient sessions are separate: the patient pages still ask to sign in.
    await page.goto(server.baseUrl + '/home');
    await heading(page, /^Sign in to /).waitFor();
    await page.goto(server.baseUrl + '/staff');
    await heading(page, /^Welcome, /).waitFor();

    await page.getByRole('button', { name: /^Menu for / }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await heading(page, `Staff sign in to ${portalName}`).waitFor();
    nextTotpStep();
    await signIn(page, staff.username, staff.password);
    await page.getByLabel('6-digit code').fill(totpAtServerTime(secret));
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
    await heading(page, /^Welcome, /).waitFor();

    // Staff are signed out after inactivity too.
    await idle(page, 14 * minute);
    await page.getByRole('dialog', { name: 'Are you still there?' }).waitFor();
    await idle(page, 1 * minute);
    await page.getByRole('status').filter({ hasText: 'signed out after a period of inactivity' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/staff/sign-in');
    expectNoProblems(problems, [401]);
  });
});
