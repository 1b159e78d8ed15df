import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { createOutboxWorker, type RunningOutboxWorker } from '../../src/server/platform/outbox/outbox.cli.ts';
import { formatDateTime } from '../../src/web/pages/staff/format.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { openAsPatient, openAsStaff, type SignedInPage } from '../helpers/browser-sign-in.ts';
import { importPatient, signUpPatient } from '../helpers/identity-factories.ts';
import { accountIdOf, grantProxy } from '../helpers/proxy-factories.ts';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.ts';
import { startWebServer, type WebServer } from '../helpers/web-server.ts';
import { checkA11yAtBothWidths, expectNoProblems, heading } from '../helpers/page-checks.ts';

/**
 * Secure messaging in a real browser against the real server, with a real SMTP sink: a patient asks a medical
 * question with a picture attached (after the warning that messages are not for emergencies, and the reply time);
 * a clinician finds it in the in-basket with its due time, downloads the picture and replies, marking it done; the
 * patient is told by email (without the message) and by the bell, and reads the reply with the clinician's name and
 * role. A parent asks for a child's records from the child's record; health-information staff see the child as the
 * patient and mark the request fulfilled by mail; the parent sees the outcome. Hostile text stays text on both sides.
 * Every new page is checked with axe at 1280 px and 375 px.
 */

let server: WebServer;
let browser: Browser;
let sink: SmtpSink;
let running: RunningOutboxWorker;
let files: string;
const contexts: BrowserContext[] = [];
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const password = 'violet harbour lantern';
/** A 1×1 PNG. */
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';

beforeAll(async () => {
  sink = await startSmtpSink();
  // Tuesday 24 November 2026, 10:00 Eastern time.
  server = await startWebServer({
    now: '2026-11-24T15:00:00.000Z',
    config: { mail: { smtpUrl: sink.url, from: 'Portal <portal@lantern.test>' } },
  });
  running = createOutboxWorker(server.testApp.ctx, { logger: quiet });
  browser = await launchBrowser();
  files = await mkdtemp(path.join(tmpdir(), 'lantern-e2e-'));
  await writeFile(path.join(files, 'pressure.png'), png);
  await writeFile(path.join(files, 'notes.png'), 'These are my notes, not a picture.\n');
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await browser?.close();
  await running?.stop();
  await server?.close();
  await sink?.close();
  if (files) await rm(files, { recursive: true, force: true });
});

function track(opened: SignedInPage): SignedInPage {
  contexts.push(opened.context);
  return opened;
}

/** Delivers everything the outbox holds now. */
async function deliverQueued(): Promise<void> {
  for (let batch = 0; batch < 20; batch += 1) {
    if ((await running.worker.runOnce()).claimed === 0) return;
  }
  throw new Error('the outbox did not empty');
}

/** The due time of the newest work item of this type, as the staff pages write it. */
async function dueTextOfNewestItem(): Promise<string> {
  const { ctx } = server.testApp;
  const row = await ctx.db.kysely
    .selectFrom('work_item')
    .select('due_at')
    .where('type', '=', 'patient_message')
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
  return `Due ${formatDateTime(new Date(row.due_at).toISOString(), ctx.config.tenant.organisation.timeZone)}`;
}

test('a patient asks a medical question with a picture; the clinician replies from the in-basket; the patient is told and reads the reply', async () => {
  const { app, ctx } = server.testApp;
  const { client } = await signUpPatient(app, ctx, 'Louis_Maggio', 'louis.msg', password);
  const accountId = await accountIdOf(ctx, 'louis.msg');
  await ctx.db.kysely
    .updateTable('account')
    .set({ email: 'louis@example.test', email_verified_at: new Date().toISOString() })
    .where('id', '=', accountId)
    .execute();
  const optIn = await client.put('/api/account/notification-settings', {
    preferences: [{ type: 'message.new_reply', email: true, sms: false }],
  });
  expect(optIn.statusCode).toBe(200);

  const patient = track(await openAsPatient(browser, server, 1280, 'louis.msg', password));
  const { page } = patient;

  // Home → Quick links → Ask a Question: the warning first, then the form with the reply time by the send button.
  await page.getByRole('link', { name: 'Ask a Question' }).click();
  await heading(page, 'Ask a Question').waitFor();
  const { urgentCare, emergencyNumber } = ctx.config.tenant.contacts;
  const { min, max } = ctx.config.tenant.rules.messageReplyBusinessDays;
  const main = page.getByRole('main');
  await page.getByRole('region', { name: 'Not for urgent or emergency concerns' }).waitFor();
  await main
    .getByText(
      `If your situation requires immediate attention, visit ${urgentCare}. Dial ${emergencyNumber} if you have an emergency.`,
    )
    .waitFor();
  await main.getByText(`You can expect a reply within ${min} to ${max} business days.`).waitFor();
  expect(await page.getByRole('radio', { name: 'New Medical Question' }).isChecked()).toBe(true);

  // The care team: the providers the record has seen, with their practice and the last visit.
  const to = page.getByLabel('To', { exact: true });
  const choices = (await to.locator('option').allInnerTexts()).slice(1);
  expect(choices.length).toBeGreaterThan(0);
  expect(choices[0]).toContain('last seen');
  await to.selectOption({ index: 1 });
  const provider = choices[0]!.split(' · ')[0]!;
  await page.getByLabel('Subject').fill('Question about my blood pressure');
  await page.getByLabel('Message', { exact: true }).fill('My readings went up this week.\nShould I change anything?');

  // A text file named .png is refused by its content, and the server's words are shown by the field.
  const attach = page.getByLabel('Attachments (optional)');
  await attach.setInputFiles(path.join(files, 'notes.png'));
  await main
    .getByText('Attach a picture (JPEG, PNG, GIF or WebP) or a PDF. This file is not one, whatever its name says.')
    .waitFor();
  await attach.setInputFiles(path.join(files, 'pressure.png'));
  await page.getByRole('list', { name: 'Files added' }).getByText('pressure.png').waitFor();
  expect(await main.getByText('This file is not one').count()).toBe(0);
  await checkA11yAtBothWidths(page);

  // Sent once, even with a double click; the conversation opens.
  await page.getByRole('button', { name: 'Send message' }).dblclick();
  await page.getByRole('status').filter({ hasText: 'Your message was sent.' }).waitFor();
  await heading(page, 'Question about my blood pressure').waitFor();
  const conversation = page.getByRole('list', { name: 'Messages, oldest first' });
  await conversation.getByText('My readings went up this week.').waitFor();
  expect(await conversation.locator(':scope > li').count()).toBe(1);
  expect(await conversation.innerText()).toContain('You');
  await conversation.getByRole('link', { name: /^Download pressure\.png/ }).waitFor();
  await checkA11yAtBothWidths(page);
  const threads = await ctx.db.kysely.selectFrom('message_thread').select('id').execute();
  expect(threads).toHaveLength(1);

  // Messages: waiting for a reply under Sent; nothing in the Inbox yet.
  await page.getByRole('banner').getByRole('link', { name: 'Messages' }).click();
  await heading(page, 'Messages').waitFor();
  await main.getByText('No replies yet.').waitFor();
  await checkA11yAtBothWidths(page);
  await page.getByRole('tab', { name: 'Sent' }).click();
  const sentList = page.getByRole('list', { name: 'Questions waiting for a reply, newest first' });
  await sentList.getByRole('link', { name: 'Question about my blood pressure' }).waitFor();
  expect(await sentList.innerText()).toContain(`With ${provider}`);
  expect(await sentList.innerText()).toContain('1 message');
  expectNoProblems(patient.problems, [400]);

  // The clinician: the item in the care team's queue, with its due time.
  const staff = track(await openAsStaff(browser, server, 'clinician', 1280, '/staff/queue'));
  const desk = staff.page;
  const itemLink = desk.getByRole('link', { name: 'Patient message: Question about my blood pressure (Louis Maggio)' });
  await itemLink.waitFor();
  const due = await dueTextOfNewestItem();
  await desk.getByRole('listitem').filter({ has: itemLink }).getByText(due).waitFor();
  await itemLink.click();
  await heading(desk, 'Patient message: Question about my blood pressure (Louis Maggio)').waitFor();
  await desk.getByText(due).waitFor();
  const staffConversation = desk.getByRole('list', { name: 'Messages, oldest first' });
  await staffConversation.getByText('My readings went up this week.').waitFor();
  const download = staffConversation.getByRole('link', { name: /^Download pressure\.png/ });
  const href = await download.getAttribute('href');
  const file = await desk.request.get(server.baseUrl + href!);
  expect(file.status()).toBe(200);
  expect(file.headers()['content-type']).toBe('image/png');
  expect(Buffer.from(await file.body()).equals(png)).toBe(true);
  await checkA11yAtBothWidths(desk);

  await desk
    .getByLabel('Reply', { exact: true })
    .fill('Thank you. Keep taking your readings each morning.\nCall us if they stay high.');
  await desk.getByRole('button', { name: 'Send and mark done' }).click();
  await desk.getByText('Closed: Answered').waitFor();
  await staffConversation.getByText('Keep taking your readings each morning.').waitFor();
  expectNoProblems(staff.problems);

  // An email that says a message is waiting, without the message.
  const mailsBefore = sink.messages.length;
  await deliverQueued();
  const mails = sink.messages
    .slice(mailsBefore)
    .filter((m) => m.envelopeTo.includes('louis@example.test') && /new message/i.test(m.subject ?? ''));
  expect(mails).toHaveLength(1);
  for (const words of ['blood pressure', 'readings', 'Keep taking', provider, 'Louis', 'Maggio'])
    expect(mails[0]!.raw).not.toContain(words);

  // The bell has it; opening it leads to Messages, where the conversation is new in the Inbox.
  await page.reload();
  await heading(page, 'Messages').waitFor();
  await page
    .getByRole('banner')
    .getByRole('link', { name: /^Notifications, \d+ unread$/ })
    .click();
  await heading(page, 'Notifications').waitFor();
  const notifications = page.getByRole('list', { name: 'Notifications, newest first' });
  await notifications.getByRole('link', { name: 'You have a new message (unread)' }).click();
  await heading(page, 'Messages').waitFor();
  const inbox = page.getByRole('list', { name: 'Conversations with a reply, newest first' });
  await inbox.getByRole('link', { name: 'Question about my blood pressure (new reply)' }).waitFor();
  expect(await inbox.innerText()).toContain('New');
  expect(await inbox.innerText()).toContain('2 messages');
  await inbox.getByRole('link', { name: 'Question about my blood pressure (new reply)' }).click();
  await heading(page, 'Question about my blood pressure').waitFor();
  const reply = conversation.getByRole('article', { name: 'Message from Test clinician · Clinician' });
  await reply.getByText('Keep taking your readings each morning.').waitFor();
  // Line breaks kept, as written.
  expect(await reply.innerText()).toContain('each morning.\nCall us if they stay high.');
  await page.getByRole('region', { name: 'Reply' }).waitFor();
  await checkA11yAtBothWidths(page);

  // Read now: no longer new.
  await page.getByRole('link', { name: 'Back to Messages' }).click();
  await inbox.getByRole('link', { name: 'Question about my blood pressure', exact: true }).waitFor();
  expectNoProblems(patient.problems, [400]);
});

test('a parent asks for a child’s records from the child’s record; HIM staff see the child and mark it fulfilled by mail', async () => {
  const { app, ctx } = server.testApp;
  const child = await importPatient(ctx, 'Sherron_Kutch');
  await signUpPatient(app, ctx, 'Reyna_Ziemann', 'reyna.parent', password);
  await grantProxy(ctx, child.patientId, await accountIdOf(ctx, 'reyna.parent'), 'minor', 'full');

  const parent = track(await openAsPatient(browser, server, 1280, 'reyna.parent', password));
  const { page } = parent;
  await page.getByRole('button', { name: /^Viewing: / }).click();
  await page.getByRole('menuitem', { name: /Sherron Kutch/ }).click();
  await heading(page, /^Welcome, /).waitFor();
  await page.getByRole('heading', { level: 2, name: "Sherron Kutch's record" }).waitFor();

  await page.getByRole('link', { name: 'Ask a Question' }).click();
  await heading(page, 'Ask a Question').waitFor();
  await page.getByText("This question is for Sherron Kutch's record and care team.").waitFor();
  await page.getByRole('radio', { name: 'Customer Service Question' }).check();
  await page.getByLabel('Topic').selectOption({ label: 'Medical Record Request' });
  await page.getByLabel('What records do you need?').fill('Immunization record and visit notes');
  await page.getByLabel('From (optional)').fill('2024-01-01');
  await page.getByLabel('To (optional)').fill('2025-12-31');
  await page.getByLabel('Subject').fill('Records for school');
  await page.getByLabel('Message', { exact: true }).fill('Please send them by mail.');
  await checkA11yAtBothWidths(page);
  await page.getByRole('button', { name: 'Send message' }).click();
  await heading(page, 'Records for school').waitFor();
  await page.getByRole('heading', { level: 2, name: 'Your request' }).waitFor();
  await page.getByText('Not decided yet.').waitFor();

  // In the child's chart, never the parent's.
  const thread = await ctx.db.kysely
    .selectFrom('message_thread')
    .select(['patient_id', 'id'])
    .where('subject', '=', 'Records for school')
    .executeTakeFirstOrThrow();
  expect(thread.patient_id).toBe(child.patientId);

  // Health-information staff: the request in their pool, the child as the patient.
  const staff = track(await openAsStaff(browser, server, 'him', 1280, '/staff/queue'));
  const desk = staff.page;
  const itemLink = desk.getByRole('link', { name: 'Patient message: Records for school (Sherron Kutch)' });
  await itemLink.click();
  await heading(desk, 'Patient message: Records for school (Sherron Kutch)').waitFor();
  await desk.getByText('Queue: Health information management').waitFor();
  const records = desk.getByRole('region', { name: 'Medical record request' });
  await records.getByText('Immunization record and visit notes').waitFor();
  await records.getByText('January 1, 2024 to December 31, 2025').waitFor();
  await desk.getByLabel('How the records were sent').selectOption('mail');
  await desk.getByLabel('Note for the patient (optional)').fill('Posted today.');
  await desk.getByRole('button', { name: 'Mark fulfilled' }).click();
  const dialog = desk.getByRole('dialog', { name: 'Mark this request fulfilled?' });
  await dialog.getByText('the records were sent by mail').waitFor();
  await dialog.getByRole('button', { name: 'Mark fulfilled' }).click();
  await desk.getByText('Closed: Fulfilled').waitFor();
  await records.getByText('Records sent').waitFor();
  expectNoProblems(staff.problems);

  // The parent sees the outcome in the child's conversation.
  await page.reload();
  await heading(page, 'Records for school').waitFor();
  const outcome = page.getByRole('alert').filter({ hasText: 'Your records were sent' });
  await outcome.getByText('How: By mail').waitFor();
  await outcome.getByText('Note: Posted today.').waitFor();
  await checkA11yAtBothWidths(page);

  // Back on their own record, the parent opens the bell's item: it is about the child's record, which comes into view
  // (the conversation was read above, so it is no longer new).
  await page.getByRole('button', { name: 'Back to my record' }).click();
  await heading(page, /^Welcome, /).waitFor();
  await page
    .getByRole('banner')
    .getByRole('link', { name: /^Notifications, \d+ unread$/ })
    .click();
  const notifications = page.getByRole('list', { name: 'Notifications, newest first' });
  const item = notifications.getByRole('listitem').filter({ hasText: "In Sherron Kutch's record" });
  await item.getByRole('link', { name: 'You have a new message (unread)' }).click();
  await heading(page, 'Messages').waitFor();
  await page.getByRole('button', { name: 'Viewing: Sherron Kutch' }).waitFor();
  await page
    .getByRole('list', { name: 'Conversations with a reply, newest first' })
    .getByRole('link', { name: 'Records for school', exact: true })
    .waitFor();
  expectNoProblems(parent.problems);
});

test('hostile message text is shown as text to the patient and to staff, and never runs', async () => {
  const { app, ctx } = server.testApp;
  await signUpPatient(app, ctx, 'Trenton_Turner', 'trenton.msg', password);
  const patient = track(await openAsPatient(browser, server, 1280, 'trenton.msg', password));
  const { page } = patient;
  await page.goto(server.baseUrl + '/messages/new');
  await heading(page, 'Ask a Question').waitFor();
  await page.getByRole('radio', { name: 'Customer Service Question' }).check();
  await page.getByLabel('Topic').selectOption({ label: 'Other' });
  await page.getByLabel('Subject').fill(hostile);
  await page.getByLabel('Message', { exact: true }).fill(hostile);
  await page.getByRole('button', { name: 'Send message' }).click();
  await heading(page, hostile).waitFor();
  const conversation = page.getByRole('list', { name: 'Messages, oldest first' });
  await conversation.getByText(hostile).waitFor();
  expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(await page.locator('main img[src="x"], main script').count()).toBe(0);
  await page.goto(server.baseUrl + '/messages?box=sent');
  await page.getByRole('link', { name: hostile }).waitFor();
  expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expectNoProblems(patient.problems);

  const staff = track(await openAsStaff(browser, server, 'admin', 1280, '/staff/queue?pool=customer_service'));
  const desk = staff.page;
  const title = `Patient message: ${hostile} (Trenton Turner)`;
  await desk.getByRole('link', { name: title }).click();
  await heading(desk, title).waitFor();
  await desk.getByRole('list', { name: 'Messages, oldest first' }).getByText(hostile).waitFor();
  expect(await desk.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(await desk.locator('main img[src="x"], main script').count()).toBe(0);
  expectNoProblems(staff.problems);
});
