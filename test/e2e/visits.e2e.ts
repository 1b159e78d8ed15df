import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import type { Appointment, VisitDetail, VisitsOverview } from '../../src/shared/appointments.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { openAsPatient, type SignedInPage } from '../helpers/browser-sign-in.ts';
import { signUpPatient, staffClient, type Client } from '../helpers/identity-factories.ts';
import { checkA11yAtBothWidths, expectNoProblems, heading } from '../helpers/page-checks.ts';
import { defineSchedule, formKey, importVisit, providerOf } from '../helpers/visit-fixtures.ts';
import { startWebServer, type WebServer } from '../helpers/web-server.ts';

/**
 * Visits in a real browser against the real server. The accounts are opened on Tuesday 1 December 2026; the journey
 * runs on Wednesday 2 December, 10:00 in New York (the demo organisation's zone; hours Mon–Fri 9–12), and each patient
 * has a visit with the provider that morning (the FAQ's first-visit rule then lets them book online). (a) Louis, before
 * his visit is in the record, is told the first-visit rule; then he schedules (provider → visit type → a time →
 * confirm), sees it under Upcoming, downloads it as an iCalendar file, keeps it at Cancel's confirmation, reschedules
 * it to a later time and joins the wait list for an earlier one; (b) Elvina cancels her earlier appointment, and Louis
 * sees the offer on Appointments and Visits, accepts it and sees the earlier time; (c) on his visit's Notes tab, with
 * no note, "Request this note" sends a medical-record request about the visit, and a note the clinician then signs
 * shows there, and a sample visit's result links to Test Results; (d) within 2 hours of the start the appointment page
 * gives the department's phone number instead of Cancel and Reschedule; a request for an appointment is sent, and a
 * later appointment is cancelled after the confirmation. Every page and dialog is checked with axe at 1280 px and 375
 * px.
 */

const SIGNED_UP = '2026-12-01T15:00:00.000Z';
const NOW = '2026-12-02T15:00:00.000Z';
/** Thursday 3 December 2026 at 9:00 and 11:00 in New York (EST, UTC−5). */
const THU_9 = '2026-12-03T14:00:00.000Z';
const THU_11 = '2026-12-03T16:00:00.000Z';
/** Friday 4 December 2026 at 10:00 in New York. */
const FRI_10 = '2026-12-04T15:00:00.000Z';
const password = 'violet harbour lantern';
const MINUTE = 60_000;

let server: WebServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await startWebServer({ now: SIGNED_UP });
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

/** Signs an API client in again at the server's current time (sessions end after 15 idle minutes). */
async function signIn(client: Client, username: string) {
  client.cookies.clear();
  const res = await client.post('/api/auth/signin', { username, password });
  expect(res.statusCode, res.body).toBe(200);
}

/** The open time on a day of the slot picker, by its time of day ("10:00"). */
function slotButton(page: Page, day: string, time: string) {
  return page.getByRole('region', { name: day, exact: true }).getByRole('button', { name: new RegExp(`${time}\\sAM`) });
}

test('a patient schedules, reschedules, takes an earlier time, asks for a visit note and is told to call near the time', async () => {
  const { app, ctx, clock } = server.testApp;
  const louis = await signUpPatient(app, ctx, 'Louis_Maggio', 'louis.visits', password);
  const elvina = await signUpPatient(app, ctx, 'Elvina_Lemke', 'elvina.visits', password);
  const provider = await providerOf(ctx, louis.patientId);
  const schedule = await defineSchedule(ctx, provider);
  clock.set(NOW);
  await importVisit(ctx, elvina.patientId, provider, new Date(Date.parse(NOW) - 30 * MINUTE).toISOString());
  await signIn(elvina.client, 'elvina.visits');
  const elvinaBase = `/api/patients/${elvina.patientId}`;
  const elvinas = await elvina.client.post(`${elvinaBase}/appointments`, {
    practitionerId: provider.practitionerId,
    visitTypeId: 'office-visit',
    start: THU_9,
    idempotencyKey: formKey(),
  });
  expect(elvinas.statusCode, elvinas.body).toBe(201);

  const { page, problems } = track(await openAsPatient(browser, server, 1280, 'louis.visits', password));
  const main = page.getByRole('main');

  // (a) Visits → Appointments and Visits: nothing upcoming yet; the past visit is there.
  await page.getByRole('banner').getByRole('link', { name: 'Visits', exact: true }).click();
  await heading(page, 'Appointments and Visits').waitFor();
  await main.getByText('You have no upcoming appointments.').waitFor();
  await main.getByRole('list', { name: 'Past visits' }).getByRole('link').first().waitFor();
  await checkA11yAtBothWidths(page);

  // Schedule: the one provider is chosen; the office visit says its length, in person and the self-pay estimate.
  // No visit with the provider since the account was opened: the FAQ's rule, and Request an appointment instead.
  await main.getByRole('link', { name: 'Schedule an appointment' }).click();
  await heading(page, 'Schedule an appointment').waitFor();
  await main
    .getByText('You can schedule online with a provider after you have visited them once since opening your account.')
    .waitFor();
  await main.getByRole('link', { name: 'Request an appointment' }).waitFor();
  await checkA11yAtBothWidths(page);

  // Half an hour ago Louis saw the provider: now he may book with them.
  const visitId = await importVisit(
    ctx,
    louis.patientId,
    provider,
    new Date(Date.parse(NOW) - 30 * MINUTE).toISOString(),
  );
  await page.reload();
  await heading(page, 'Schedule an appointment').waitFor();
  const providerChoice = main.getByRole('radio', { name: new RegExp(provider.name) });
  await providerChoice.waitFor();
  expect(await providerChoice.isChecked()).toBe(true);
  await main.getByText('30 minutes · In person · Self-pay estimate: $120.00').waitFor();
  await main.getByRole('radio', { name: /^Office visit/ }).check();
  // Today (Wednesday) only 11:00 and 11:30 are left; Thursday is open from 9:00, where Elvina already is.
  const wednesday = main.getByRole('region', { name: 'Wednesday, December 2', exact: true });
  await wednesday.getByRole('button').first().waitFor();
  expect(await wednesday.getByRole('button').count()).toBe(2);
  await slotButton(page, 'Thursday, December 3', '10:00').waitFor();
  expect(await slotButton(page, 'Thursday, December 3', '9:00').count()).toBe(0);
  await checkA11yAtBothWidths(page);
  await slotButton(page, 'Thursday, December 3', '10:00').click();
  await main.getByLabel('Reason for the visit (optional)').fill('Knee pain');
  await main.getByRole('button', { name: 'Book this appointment' }).click();
  await heading(page, 'Appointment booked').waitFor();
  await main.getByText(/Your appointment is on Thursday, December 3, 2026.*10:00\sAM/).waitFor();
  await checkA11yAtBothWidths(page);

  // Add to calendar downloads an iCalendar file.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    main.getByRole('link', { name: 'Add to calendar' }).click(),
  ]);
  const ics = readFileSync(await download.path(), 'utf8');
  expect(ics.startsWith('BEGIN:VCALENDAR')).toBe(true);

  // It is under Upcoming, with the provider, department, visit type and reason.
  await page.getByRole('banner').getByRole('link', { name: 'Visits', exact: true }).click();
  await heading(page, 'Appointments and Visits').waitFor();
  const upcoming = main.getByRole('list', { name: 'Upcoming appointments' });
  await upcoming.getByRole('link', { name: /Thursday, December 3, 2026.*10:00\sAM/ }).waitFor();
  await upcoming.getByText(`With ${provider.name} · ${schedule.department.name}`).waitFor();
  await upcoming.getByText('Office visit · Reason: Knee pain').waitFor();
  await checkA11yAtBothWidths(page);

  // The appointment's page: where, the phone, the instructions; Reschedule to 11:00.
  await upcoming.getByRole('link', { name: /10:00\sAM/ }).click();
  await heading(page, 'Your appointment').waitFor();
  await main.getByText('12 Example Street').waitFor();
  await main.getByRole('link', { name: '(555) 555-0160' }).waitFor();
  await main.getByText('Check in at the front desk on the first floor.').waitFor();
  await checkA11yAtBothWidths(page);
  // Cancel asks first; keeping the appointment changes nothing.
  await main.getByRole('button', { name: 'Cancel appointment' }).click();
  const cancelDialog = page.getByRole('dialog', { name: 'Cancel this appointment?' });
  await cancelDialog.getByText(/will be cancelled, and the time offered to someone else/).waitFor();
  await checkA11yAtBothWidths(page);
  await cancelDialog.getByRole('button', { name: 'Keep my appointment' }).click();
  await cancelDialog.waitFor({ state: 'detached' });
  await main.getByRole('button', { name: 'Reschedule' }).click();
  await heading(page, 'Choose a new time', 2).waitFor();
  await slotButton(page, 'Thursday, December 3', '11:00').click();
  await main.getByText(/New time: Thursday, December 3, 2026.*11:00\sAM/).waitFor();
  await checkA11yAtBothWidths(page);
  await main.getByRole('button', { name: 'Confirm new time' }).click();
  await main.getByText(/Your appointment is now Thursday, December 3, 2026.*11:00\sAM/).waitFor();
  const louisBase = `/api/patients/${louis.patientId}`;
  const overviewOf = async () => (await louis.client.get(`${louisBase}/visits`)).json() as VisitsOverview;
  await signIn(louis.client, 'louis.visits');
  expect((await overviewOf()).upcoming.map((a) => a.start)).toEqual([THU_11]);

  // Get an earlier time: Thursdays, any time of day.
  await main.getByRole('checkbox', { name: 'Thursday' }).check();
  await main.getByRole('button', { name: 'Join the wait list' }).click();
  await main.getByText('You are on the wait list for an earlier time.').waitFor();
  await main.getByText(/Days: Thursday · Any time/).waitFor();
  await checkA11yAtBothWidths(page);

  // (b) Elvina cancels her 9:00: the time is offered to Louis, who accepts it on Appointments and Visits.
  const cancelled = await elvina.client.post(`${elvinaBase}/appointments/${(elvinas.json() as Appointment).id}/cancel`);
  expect(cancelled.statusCode, cancelled.body).toBe(200);
  await page.getByRole('banner').getByRole('link', { name: 'Visits', exact: true }).click();
  await heading(page, 'Appointments and Visits').waitFor();
  const offer = main.getByRole('region', { name: 'An earlier time is available' });
  await offer
    .getByText(new RegExp(`Thursday, December 3, 2026.*9:00\\sAM.* with ${provider.name}\\. Held for you until`))
    .waitFor();
  await checkA11yAtBothWidths(page);
  await offer.getByRole('button', { name: 'Accept' }).click();
  await offer.waitFor({ state: 'detached' });
  await upcoming.getByRole('link', { name: /Thursday, December 3, 2026.*9:00\sAM/ }).waitFor();
  expect(await upcoming.getByRole('listitem').count()).toBe(1);
  expect((await overviewOf()).upcoming.map((a) => a.start)).toEqual([THU_9]);

  // (c) The visit's Notes tab: no note online, so Request this note (after a confirmation).
  await main.getByRole('list', { name: 'Past visits' }).getByRole('link').first().click();
  await heading(page, /^Office visit on December 2, 2026$/).waitFor();
  await main.getByRole('tab', { name: 'Summary' }).waitFor();
  await main.getByText('No diagnoses were recorded at this visit.').waitFor();
  await checkA11yAtBothWidths(page);
  await main.getByRole('tab', { name: /^Notes/ }).click();
  await main.getByText('No notes from this visit are available online.').waitFor();
  await main.getByRole('button', { name: 'Request this note' }).click();
  const dialog = page.getByRole('dialog', { name: 'Request the note from this visit?' });
  await dialog
    .getByText(/We will send a medical record request for the note from your visit on December 2, 2026/)
    .waitFor();
  await checkA11yAtBothWidths(page);
  await dialog.getByRole('button', { name: 'Send request' }).click();
  await dialog.waitFor({ state: 'detached' });
  await main.getByText(/Request sent December 2, 2026: waiting for an answer\./).waitFor();
  await main.getByRole('link', { name: 'Go to the conversation' }).waitFor();
  await checkA11yAtBothWidths(page);
  const threads = await ctx.db.kysely
    .selectFrom('message_thread')
    .select(['id', 'topic', 'about_type', 'about_id', 'patient_id'])
    .where('topic', '=', 'medical_record_request')
    .execute();
  expect(threads).toEqual([
    {
      id: expect.any(String),
      topic: 'medical_record_request',
      about_type: 'Encounter',
      about_id: visitId,
      patient_id: louis.patientId,
    },
  ]);

  // The clinician signs and releases a note: it shows on the Notes tab, line breaks kept.
  const clinician = await staffClient(app, ctx, 'clinician');
  const note = await clinician.put(`/api/staff/patients/${louis.patientId}/visits/${visitId}/note`, {
    text: 'Knee examined.\nRest and ice for a week.',
    sign: true,
    holdReason: null,
  });
  expect(note.statusCode, note.body).toBe(200);
  await page.reload();
  await heading(page, /^Office visit on December 2, 2026$/).waitFor();
  await main.getByRole('tab', { name: /^Notes/ }).click();
  await main.getByText('Rest and ice for a week.', { exact: false }).waitFor();
  await main.getByRole('heading', { name: /^Note by .*, signed December 2, 2026$/ }).waitFor();
  await checkA11yAtBothWidths(page);

  // A visit from the sample record with a test result: its Summary links the result to Test Results.
  let withResult: VisitDetail | undefined;
  for (const past of (await overviewOf()).past) {
    const detail = (await louis.client.get(`${louisBase}/visits/${past.id}`)).json() as VisitDetail;
    if (detail.results.length > 0) {
      withResult = detail;
      break;
    }
  }
  expect(withResult).toBeDefined();
  await page.goto(`${server.baseUrl}/visits/${withResult!.id}`);
  await main.getByRole('tab', { name: 'Summary' }).waitFor();
  await main.getByRole('link', { name: withResult!.results[0]!.name }).click();
  await heading(page, withResult!.results[0]!.name).waitFor();
  expectNoProblems(problems);

  // (d) An hour and 59 minutes before the 9:00 start: the department's phone instead of Cancel and Reschedule.
  const nine = (await overviewOf()).upcoming[0]!;
  clock.set(new Date(Date.parse(THU_9) - 119 * MINUTE).toISOString());
  const late = track(await openAsPatient(browser, server, 1280, 'louis.visits', password));
  await late.page.goto(`${server.baseUrl}/visits/appointments/${nine.id}`);
  const lateMain = late.page.getByRole('main');
  await heading(late.page, 'Your appointment').waitFor();
  await lateMain
    .getByText(
      "If your appointment is less than 2 hours away, you will need to call your provider's office to cancel or reschedule.",
    )
    .waitFor();
  await lateMain.getByRole('note').getByRole('link', { name: '(555) 555-0160' }).waitFor();
  expect(await lateMain.getByRole('button', { name: 'Cancel appointment' }).count()).toBe(0);
  expect(await lateMain.getByRole('button', { name: 'Reschedule' }).count()).toBe(0);
  await checkA11yAtBothWidths(late.page);

  // Request an appointment: the reason is needed (said next to the field), then the front desk will call.
  await late.page.goto(`${server.baseUrl}/visits/request`);
  await heading(late.page, 'Request an appointment').waitFor();
  await lateMain.getByRole('button', { name: 'Send request' }).click();
  await lateMain.getByText('Say what the visit is for.').waitFor();
  await checkA11yAtBothWidths(late.page);
  await lateMain.getByLabel('What is the visit for?').fill('Yearly check-up');
  await lateMain.getByRole('button', { name: 'Send request' }).click();
  await lateMain.getByText(/The front desk will contact you/).waitFor();
  await checkA11yAtBothWidths(late.page);

  // A Friday appointment is still far enough away to cancel online: confirm, and the page says it is cancelled.
  await signIn(louis.client, 'louis.visits');
  const friday = await louis.client.post(`${louisBase}/appointments`, {
    practitionerId: provider.practitionerId,
    visitTypeId: 'follow-up',
    start: FRI_10,
    idempotencyKey: formKey(),
  });
  expect(friday.statusCode, friday.body).toBe(201);
  await late.page.goto(`${server.baseUrl}/visits/appointments/${(friday.json() as Appointment).id}`);
  await heading(late.page, 'Your appointment').waitFor();
  await lateMain.getByRole('button', { name: 'Cancel appointment' }).click();
  const dialog2 = late.page.getByRole('dialog', { name: 'Cancel this appointment?' });
  await dialog2.getByRole('button', { name: 'Cancel appointment' }).click();
  await dialog2.waitFor({ state: 'detached' });
  await lateMain.getByText('This appointment was cancelled.', { exact: false }).waitFor();
  expect(await lateMain.getByRole('button').count()).toBe(0);
  expect(await lateMain.getByRole('link', { name: 'Add to calendar' }).count()).toBe(0);
  await checkA11yAtBothWidths(late.page);
  const cancelledRow = await ctx.db.kysely
    .selectFrom('appointment')
    .select('status')
    .where('id', '=', (friday.json() as Appointment).id)
    .executeTakeFirstOrThrow();
  expect(cancelledRow.status).toBe('cancelled');
  expectNoProblems(late.problems);
});
