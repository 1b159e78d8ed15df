import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import type { Appointment, CheckInForm, VisitDetail } from '../../src/shared/appointments.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { openAsStaff, type SignedInPage } from '../helpers/browser-sign-in.ts';
import { signUpPatient, staffClient } from '../helpers/identity-factories.ts';
import { checkA11yAtBothWidths, expectNoProblems, heading, settled } from '../helpers/page-checks.ts';
import { defineSchedule, formKey, providerOf } from '../helpers/visit-fixtures.ts';
import { startWebServer, type WebServer } from '../helpers/web-server.ts';

/**
 * The staff side of Visits in a real browser against the real server: a patient checks in online for next week's
 * appointment (through the API, as the patient's page would), and the front desk sees "Checked in online" on that
 * day's schedule; the front desk books a visit for the patient from the patient's page, moves it, and cancels the
 * other after confirming; a clinician writes a note on
 * one of the patient's visits, signs it after confirming, and the patient's API then returns it on the visit. axe at
 * 1280 and 375 px on each page.
 */

let server: WebServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  // Wednesday 2 December 2026, 10:00 in New York.
  server = await startWebServer({ now: '2026-12-02T15:00:00.000Z' });
  browser = await launchBrowser();
});
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const track = (opened: SignedInPage): SignedInPage => {
  contexts.push(opened.context);
  return opened;
};

test('front desk sees online check-in on the day, books for a patient; a clinician signs a note the patient reads', async () => {
  const { app, ctx } = server.testApp;
  const elvina = await signUpPatient(app, ctx, 'Elvina_Lemke', 'elvina.staff', 'violet harbour lantern');
  const base = `/api/patients/${elvina.patientId}`;
  const provider = await providerOf(ctx, elvina.patientId);
  await defineSchedule(ctx, provider);
  const desk = await staffClient(app, ctx, 'front_desk');
  const booked = await desk.post(`/api/staff/patients/${elvina.patientId}/appointments`, {
    practitionerId: provider.practitionerId,
    visitTypeId: 'office-visit',
    start: '2026-12-09T14:00:00.000Z', // Wednesday 9 December, 9:00
    reason: 'Blood pressure check',
    idempotencyKey: formKey(),
  });
  expect(booked.statusCode, booked.body).toBe(201);
  const appointment = booked.json() as Appointment;
  const form = (await elvina.client.get(`${base}/appointments/${appointment.id}/check-in`)).json() as CheckInForm;
  const checkedIn = await elvina.client.post(`${base}/appointments/${appointment.id}/check-in`, {
    contactConfirmed: true,
    medications: form.medications.map((m) => ({ id: m.id, stillTaking: true })),
    allergies: [],
    insurance: { carrier: 'Example Health Plan', memberId: 'EX-1234' },
    answers: [],
  });
  expect(checkedIn.statusCode, checkedIn.body).toBe(200);

  // The front desk's day view.
  const front = track(await openAsStaff(browser, server, 'front_desk', 1280, '/staff/schedule'));
  const { page } = front;
  await heading(page, 'Schedule').waitFor();
  await page.getByLabel('Day').fill('2026-12-09');
  const table = page.getByRole('table', { name: `Appointments with ${provider.name}` });
  const row = table.getByRole('row').filter({ has: page.getByRole('link', { name: 'Elvina Lemke' }) });
  await row.getByRole('cell', { name: '9:00 AM–9:30 AM' }).waitFor();
  await row.getByText('Checked in online').waitFor();
  await row.getByRole('cell', { name: 'Blood pressure check' }).waitFor();
  await checkA11yAtBothWidths(page);

  // From the schedule to the patient's page, and a booking for tomorrow at 9:00.
  await row.getByRole('link', { name: 'Elvina Lemke' }).click();
  await heading(page, 'Elvina Lemke').waitFor();
  const book = page.getByRole('region', { name: 'Book an appointment' });
  await book.getByLabel('Provider').selectOption({ label: provider.name });
  await book.getByLabel('Visit type').selectOption({ label: 'Office visit (30 min)' });
  await book.getByLabel('Week from').fill('2026-12-03');
  await book.getByText('Thursday, December 3').waitFor();
  await checkA11yAtBothWidths(page);
  await book.getByRole('button', { name: 'Book 9:00 AM' }).first().click();
  await book
    .getByRole('status')
    .getByText(/^Booked: Thu, Dec 3, 9:00 AM with /)
    .waitFor();
  const rows = await ctx.db.kysely
    .selectFrom('appointment')
    .select('starts_at')
    .where('patient_id', '=', elvina.patientId)
    .where('status', '=', 'booked')
    .orderBy('starts_at')
    .execute();
  expect(rows.map((r) => r.starts_at)).toEqual(['2026-12-03T14:00:00.000Z', '2026-12-09T14:00:00.000Z']);

  // The patient's upcoming appointments: move the new one to 9:30, cancel the other after confirming.
  const upcoming = page.getByRole('region', { name: 'Upcoming appointments' });
  const first = upcoming.getByRole('listitem').filter({ hasText: 'Thu, Dec 3, 9:00 AM' });
  await first.getByRole('button', { name: 'Move' }).click();
  await first.getByRole('group', { name: 'Open times to move it to' }).waitFor();
  await checkA11yAtBothWidths(page);
  await first.getByRole('button', { name: 'Move to Thu, Dec 3, 9:30 AM' }).click();
  await upcoming.getByText('Moved to Thu, Dec 3, 9:30 AM. The patient is told in Lantern.').waitFor();
  const later = upcoming.getByRole('listitem').filter({ hasText: 'Wed, Dec 9, 9:00 AM' });
  await later.getByRole('button', { name: 'Cancel appointment' }).click();
  const cancel = page.getByRole('dialog', { name: 'Cancel this appointment?' });
  await cancel.getByText(/will be cancelled and its time offered/).waitFor();
  await settled(page);
  await checkA11yAtBothWidths(page);
  await cancel.getByRole('button', { name: 'Cancel appointment' }).click();
  await upcoming.getByText('The appointment on Wed, Dec 9, 9:00 AM was cancelled.').waitFor();
  const now = await ctx.db.kysely
    .selectFrom('appointment')
    .select(['starts_at', 'status'])
    .where('patient_id', '=', elvina.patientId)
    .orderBy('starts_at')
    .execute();
  expect(now).toEqual([
    { starts_at: '2026-12-03T14:00:00.000Z', status: 'cancelled' },
    { starts_at: '2026-12-03T14:30:00.000Z', status: 'booked' },
    { starts_at: '2026-12-09T14:00:00.000Z', status: 'cancelled' },
  ]);
  expectNoProblems(front.problems);

  // A clinician signs a note on the patient's latest visit.
  const clinician = track(await openAsStaff(browser, server, 'clinician', 375, `/staff/patients/${elvina.patientId}`));
  const cp = clinician.page;
  await heading(cp, 'Elvina Lemke').waitFor();
  const section = cp.getByRole('region', { name: 'Visit note' });
  const visitSelect = section.getByLabel('Visit the note is about');
  const firstVisit = await visitSelect.locator('option').nth(1).getAttribute('value');
  await visitSelect.selectOption(firstVisit!);
  const note = 'Blood pressure well controlled.\nContinue the current dose.';
  await section.getByLabel('Note', { exact: true }).fill(note);
  await section.getByRole('button', { name: 'Sign note' }).click();
  const dialog = cp.getByRole('dialog', { name: 'Sign this note?' });
  await dialog.getByText(/the patient .* can read it at once/).waitFor();
  await settled(cp);
  await checkA11yAtBothWidths(cp);
  await dialog.getByRole('button', { name: 'Sign note' }).click();
  await section.getByText('Signed. The patient can read the note now.').waitFor();
  await section.getByText('Signed · released').waitFor();
  await checkA11yAtBothWidths(cp);
  const visit = (await elvina.client.get(`${base}/visits/${firstVisit!}`)).json() as VisitDetail;
  expect(visit.notes.map((n) => n.text)).toEqual([note]);
  expectNoProblems(clinician.problems);
});
