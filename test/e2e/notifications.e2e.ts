import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { createOutboxWorker, type RunningOutboxWorker } from '../../src/server/platform/outbox/outbox.cli.ts';
import { checkA11y, launchBrowser } from '../helpers/browser.ts';
import { openAsPatient, openAsStaff, type SignedInPage } from '../helpers/browser-sign-in.ts';
import { importPatient, signUpPatient } from '../helpers/identity-factories.ts';
import { startSmsGateway, type SmsGateway } from '../helpers/sms-gateway.ts';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.ts';
import { startWebServer, type WebServer } from '../helpers/web-server.ts';
import { checkA11yAtBothWidths, expectNoProblems, heading } from '../helpers/page-checks.ts';

/**
 * Notifications in a real browser against the real server, with a real SMTP sink and a test SMS gateway at the
 * network boundary: a parent verifies a mobile number, chooses texts for the answer to a proxy request, asks for
 * a child's record; when staff approve it, exactly one text arrives — no names, no health information, a sign-in
 * link — and the bell shows the news until it is opened. An admin sees the deliveries and retries a failed one.
 * Every new page is checked with axe at 1280 px and 375 px.
 */

let server: WebServer;
let browser: Browser;
let sink: SmtpSink;
let gateway: SmsGateway;
let running: RunningOutboxWorker;
const contexts: BrowserContext[] = [];
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const password = 'violet harbour lantern';

beforeAll(async () => {
  sink = await startSmtpSink();
  gateway = await startSmsGateway();
  // Tuesday 24 November 2026, 10:00 Eastern time (the demo organisation's zone).
  server = await startWebServer({
    now: '2026-11-24T15:00:00.000Z',
    config: { mail: { smtpUrl: sink.url, from: 'Portal <portal@lantern.test>' }, sms: gateway.config },
  });
  running = createOutboxWorker(server.testApp.ctx, { logger: quiet });
  browser = await launchBrowser();
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await browser?.close();
  await running?.stop();
  await server?.close();
  await gateway?.close();
  await sink?.close();
});

function track(opened: SignedInPage): SignedInPage {
  contexts.push(opened.context);
  return opened;
}

/** Delivers everything the outbox holds now (emails to the sink, texts to the gateway). */
async function deliverQueued(): Promise<void> {
  for (let batch = 0; batch < 20; batch += 1) {
    if ((await running.worker.runOnce()).claimed === 0) return;
  }
  throw new Error('the outbox did not empty');
}

/** A dialog fully faded in (its fade may not have started when it appears): axe measures its colours. */
async function dialogShown(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const dialog = document.querySelector('[role="dialog"]');
    if (!dialog) return false;
    for (let el: Element | null = dialog; el; el = el.parentElement)
      if (getComputedStyle(el).opacity !== '1') return false;
    return document.getAnimations().every((a) => a.playState !== 'running');
  });
}

const bell = (page: Page) => page.getByRole('banner').getByRole('link', { name: /^Notifications/ });
const profileNav = (page: Page) => page.getByRole('navigation', { name: 'Profile' });

test('a parent chooses texts for a proxy answer; when staff approve, one text without names arrives and the bell shows it until opened', async () => {
  const { app, ctx } = server.testApp;
  await importPatient(ctx, 'Sherron_Kutch');
  await signUpPatient(app, ctx, 'Louis_Maggio', 'louis.notify', password);
  const parent = track(await openAsPatient(browser, server, 1280, 'louis.notify', password));
  const { page } = parent;
  await bell(page).waitFor();

  // A mobile number: the password again, then the code sent by text.
  await page.goto(server.baseUrl + '/profile/contact');
  await heading(page, 'Contact details').waitFor();
  await page.getByRole('button', { name: 'Change contact details' }).click();
  await page.getByLabel('Mobile phone (optional)').fill('(502) 555-0142');
  await page.getByLabel('Current password').fill(password);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('status').filter({ hasText: 'Contact details saved' }).waitFor();
  await page.getByRole('heading', { name: 'Verify your mobile phone' }).waitFor();
  const textsBeforeCode = gateway.texts.length;
  await deliverQueued();
  const codeText = (await gateway.waitFor(textsBeforeCode + 1)).at(-1)!;
  expect(codeText.to.replace(/\D/g, '')).toMatch(/5025550142$/);
  const code = /\b(\d{6})\b/.exec(codeText.body)?.[1];
  expect(code).toBeDefined();
  await page.getByLabel('6-digit code').fill(code!);
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.getByRole('status').filter({ hasText: 'Mobile phone verified' }).waitFor();

  // Profile → Notifications: where they go, and the choices.
  await profileNav(page).getByRole('link', { name: 'Notifications' }).click();
  await heading(page, 'Notifications').waitFor();
  const where = page.getByRole('main').locator('dl').first();
  await where.getByText('(502) 555-0142').waitFor();
  expect(await where.innerText()).toContain('Verified');
  expect(await page.getByRole('main').innerText()).toContain('Only verified contacts receive notifications');
  const textBox = page.getByRole('checkbox', { name: 'Text: Your request for access was answered' });
  await textBox.waitFor();
  expect(await textBox.isChecked()).toBe(false);
  // Security notifications are always on, and cannot be changed.
  const securityBox = page.getByRole('checkbox', { name: 'Text: New sign-in to your account (always on)' });
  expect(await securityBox.isChecked()).toBe(true);
  expect(await securityBox.isDisabled()).toBe(true);
  // An email box without a verified email is allowed, with a gentle note.
  await page.getByRole('checkbox', { name: 'Email: Your request for access was answered' }).check();
  await page.getByRole('status').filter({ hasText: 'Emails start once your email address is verified.' }).waitFor();
  await checkA11yAtBothWidths(page);
  await page.getByRole('checkbox', { name: 'Email: Your request for access was answered' }).uncheck();
  await textBox.check();
  expect(await page.getByText('Texts start once your mobile number is verified.').count()).toBe(0);
  await page.getByRole('button', { name: 'Save choices' }).click();
  await page.getByRole('status').filter({ hasText: 'Your choices are saved.' }).waitFor();
  await page.reload();
  await heading(page, 'Notifications').waitFor();
  await textBox.waitFor();
  expect(await textBox.isChecked()).toBe(true);
  expect(await page.getByRole('checkbox', { name: 'Email: Your request for access was answered' }).isChecked()).toBe(
    false,
  );

  // Signing in is a security event: the bell already has it. Read it, so what follows is the proxy answer alone.
  await page.getByRole('banner').getByRole('link', { name: 'Notifications, 1 unread' }).click();
  await heading(page, 'Notifications').waitFor();
  const list = page.getByRole('list', { name: 'Notifications, newest first' });
  await list.getByRole('link', { name: 'New sign-in to your account (unread)' }).waitFor();
  await page.getByRole('button', { name: 'Mark all as read' }).click();
  await page.getByRole('status').filter({ hasText: 'All notifications are marked as read.' }).waitFor();
  await list.getByRole('link', { name: 'New sign-in to your account', exact: true }).waitFor();
  await page.getByRole('banner').getByRole('link', { name: 'Notifications', exact: true }).waitFor();

  // The request for the child's record.
  await page.goto(server.baseUrl + '/profile/family');
  await heading(page, 'Family access').waitFor();
  await page.getByLabel("Child's first name").fill('Sherron');
  await page.getByLabel("Child's last name").fill('Kutch');
  await page.getByLabel("Child's date of birth").fill('2011-03-01');
  await page.getByRole('radio', { name: 'Parent' }).check();
  await page.getByRole('checkbox', { name: /I confirm that I am this child's parent/ }).check();
  await page.getByRole('button', { name: 'Send request' }).click();
  await page.getByRole('status').filter({ hasText: 'Request sent' }).waitFor();

  // Health-information staff approve it from their queue.
  const staff = track(await openAsStaff(browser, server, 'him', 1280, '/staff/queue'));
  const desk = staff.page;
  await desk.getByRole('link', { name: 'Proxy access request: Louis Maggio for Sherron Kutch' }).click();
  await heading(desk, 'Proxy access request: Louis Maggio for Sherron Kutch').waitFor();
  await desk.getByRole('button', { name: 'Search' }).click();
  await desk.getByRole('radio', { name: /Sherron Kutch/ }).check();
  await desk.getByRole('button', { name: 'Approve access' }).click();
  const dialog = desk.getByRole('dialog', { name: 'Approve proxy access?' });
  await dialog.getByRole('button', { name: 'Approve' }).click();
  await desk.getByText('Closed: Approved').waitFor();
  expectNoProblems(staff.problems);

  // Exactly one text: to the verified number, short, a sign-in link, nobody's name.
  const textsBefore = gateway.texts.length;
  await deliverQueued();
  const sent = gateway.texts.slice(textsBefore);
  expect(sent).toHaveLength(1);
  const text = sent[0]!;
  expect(text.to).toBe(codeText.to);
  expect(text.body.length).toBeLessThan(160);
  expect(text.body).toContain('Sign in');
  expect(text.body).toContain(ctx.config.http.publicUrl);
  for (const name of ['Sherron', 'Kutch', 'Louis', 'Maggio']) expect(text.body).not.toContain(name);

  // The bell has it (asked again on the next page load, as every minute and on focus).
  await page.reload();
  await heading(page, 'Family access').waitFor();
  await page.getByRole('banner').getByRole('link', { name: 'Notifications, 1 unread' }).waitFor();
  await page.getByRole('banner').getByRole('link', { name: 'Notifications, 1 unread' }).click();
  await heading(page, 'Notifications').waitFor();
  const item = list.getByRole('link', { name: 'Your request for access was answered (unread)' });
  await item.waitFor();
  expect(await list.innerText()).toContain('Our staff reviewed your request');
  await list.getByText("In Sherron Kutch's record").waitFor(); // the records list has loaded
  expect(await list.innerText()).toContain('Nov 24, 2026');
  expect(await page.getByRole('link', { name: 'Choose how you are told' }).getAttribute('href')).toBe(
    '/profile/notifications',
  );
  await checkA11yAtBothWidths(page);

  // Opening it marks it read and goes to the family page.
  await item.click();
  await heading(page, 'Family access').waitFor();
  await page.getByRole('banner').getByRole('link', { name: 'Notifications', exact: true }).waitFor();
  await bell(page).click();
  await list.getByRole('link', { name: 'Your request for access was answered', exact: true }).waitFor();
  expect(await page.getByRole('button', { name: 'Mark all as read' }).count()).toBe(0);
  expectNoProblems(parent.problems);
});

test('an admin sees the deliveries, with a failed one they retry after confirming', async () => {
  const { ctx } = server.testApp;
  // A text the gateway refuses for good (a 400: retrying the same request cannot fix it) goes to the dead letters.
  await deliverQueued();
  await ctx.outbox.enqueue(ctx.db.kysely, {
    topic: 'sms.send',
    dedupeKey: 'e2e-refused-text',
    payload: { to: '+15025550199', text: `${ctx.config.tenant.organisation.portalName}: test message.` },
  });
  gateway.failNext(400);
  await deliverQueued();
  expect((await ctx.outbox.counts()).dead).toBe(1);

  const staff = track(await openAsStaff(browser, server, 'admin', 1280, '/staff/admin'));
  const { page } = staff;
  const section = page.getByRole('region', { name: 'Deliveries', exact: true });
  const failed = section.getByRole('region', { name: 'Failed deliveries' });
  await failed.getByText('SMS gateway answered 400').waitFor();
  const sectionText = await section.innerText();
  expect(sectionText).toContain('Sent through an SMTP mail server');
  expect(sectionText).toContain('Sent through the SMS gateway');
  // Never the message or the number.
  expect(sectionText).not.toContain('test message');
  expect(sectionText).not.toContain('5550199');
  await checkA11yAtBothWidths(page);

  await failed.getByRole('button', { name: /^Retry Text message/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Retry this delivery?' });
  await dialog.waitFor();
  await dialogShown(page);
  await checkA11y(page);
  await dialog.getByRole('button', { name: 'Retry delivery' }).click();
  await section.getByRole('status').filter({ hasText: 'The message is back in the queue.' }).waitFor();
  await section.getByText('No failed deliveries').waitFor();
  expect(await section.getByText('SMS gateway answered 400').count()).toBe(0);
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  await checkA11y(page);

  // Back in the queue, it is delivered on the next run.
  const before = gateway.texts.length;
  await deliverQueued();
  expect(gateway.texts.slice(before).map((t) => t.dedupeKey)).toContain('e2e-refused-text');
  expectNoProblems(staff.problems);
});
