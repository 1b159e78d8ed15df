import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import type { SlotDays } from '../../src/shared/appointments.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { openAsStaff, type SignedInPage } from '../helpers/browser-sign-in.ts';
import { importPatient, signUpPatient, staffClient } from '../helpers/identity-factories.ts';
import { checkA11yAtBothWidths, expectNoProblems, heading, settled } from '../helpers/page-checks.ts';
import { formKey, providerOf } from '../helpers/visit-fixtures.ts';
import { startWebServer, type WebServer } from '../helpers/web-server.ts';

/**
 * Schedules in a real browser against the real server: an administrator adds a provider's schedule through the editor
 * (Thursdays 1:00–2:00 PM, a new 20-minute office visit) and the list shows it; editing shows what was saved, puts the
 * server's refusal next to its field and adds a day off; the front desk's slots API then offers Thursday's 1:00, 1:20
 * and 1:40 PM and nothing on the day off. A patient's appointment request reaches the front desk's queue, whose item
 * shows the reason and preferred times, leads to the patient's page to book, and then closes as booked. axe at 1280
 * and 375 px on each page.
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

/** Screenshots at both widths into .scratch/ when E2E_SHOTS is set (for looking at the pages, not for asserting). */
async function shots(page: Page, name: string): Promise<void> {
  if (!process.env.E2E_SHOTS) return;
  const wide = page.viewportSize();
  await page.screenshot({ path: `.scratch/${name}-1280.png`, fullPage: true });
  await page.setViewportSize({ width: 375, height: 900 });
  await page.screenshot({ path: `.scratch/${name}-375.png`, fullPage: true });
  if (wide) await page.setViewportSize(wide);
}

test('an administrator adds a provider’s schedule in the editor, and the front desk then sees its open times', async () => {
  const { app, ctx } = server.testApp;
  const { patientId } = await importPatient(ctx, 'Louis_Maggio');
  const provider = await providerOf(ctx, patientId);

  const admin = track(await openAsStaff(browser, server, 'admin', 1280, '/staff/admin'));
  const { page } = admin;
  await page.getByRole('link', { name: 'Manage schedules' }).click();
  await heading(page, 'Schedules').waitFor();
  await page.getByText('No schedules yet. Add a provider to start booking.').waitFor();
  await checkA11yAtBothWidths(page);

  await page.getByRole('button', { name: 'Add a provider' }).click();
  const editor = page.getByRole('region', { name: 'Add a provider’s schedule' });
  await editor.getByLabel('Practitioner').selectOption(provider.practitionerId);
  expect(await editor.getByLabel('Name as patients see it').inputValue()).toBe(provider.name);
  await editor.getByLabel('Clinic').selectOption(provider.organisationId);
  await editor.getByLabel('Department name').fill('Family Medicine');
  await editor.getByLabel('Department ID').fill('family-medicine');
  await editor.getByLabel('Phone patients call').fill('(555) 555-0161');
  await editor.getByRole('button', { name: 'Add a visit type' }).click();
  const type = editor.getByRole('group', { name: 'New visit type 1' });
  await type.getByLabel('Name', { exact: true }).fill('Office visit');
  await type.getByLabel('ID', { exact: true }).fill('office-visit');
  await type.getByLabel('Minutes').fill('20');
  await type.getByLabel('Self-pay price ($)').fill('45');
  const thursday = editor.getByRole('group', { name: 'Thursday' });
  await thursday.getByLabel('Open').check();
  // An open day without its times is refused next to the hours.
  await editor.getByRole('button', { name: 'Save schedule' }).click();
  await editor.getByText('Enter both times, or mark the day closed.').waitFor();
  await thursday.getByLabel('From').fill('13:00');
  await thursday.getByLabel('To').fill('14:00');
  await editor.getByLabel('Valid from').fill('2026-12-01');
  await shots(page, 'schedule-editor');
  await checkA11yAtBothWidths(page);

  await editor.getByRole('button', { name: 'Save schedule' }).click();
  await page.getByRole('status').getByText(`${provider.name}’s schedule is saved.`, { exact: false }).waitFor();
  const list = page.getByRole('region', { name: 'Defined schedules' });
  const row = list.getByRole('row').filter({ has: page.getByRole('rowheader', { name: provider.name }) });
  await row.getByText('Thu 1:00 PM–2:00 PM').waitFor();
  await row.getByText('Family Medicine').waitFor();
  await row.getByText('Office visit').waitFor();
  await row.getByText('From December 1, 2026').waitFor();
  await shots(page, 'schedules-list');
  await checkA11yAtBothWidths(page);

  // Editing shows what was saved; the server's refusal of the dates appears next to the field; a day off is added.
  await row.getByRole('button', { name: `Edit schedule for ${provider.name}` }).click();
  const edit = page.getByRole('region', { name: `Edit ${provider.name}’s schedule` });
  await edit.getByText(`Practitioner: ${provider.name}`).waitFor();
  expect(await edit.getByRole('checkbox', { name: /^Office visit · 20 min · In person · \$45\.00/ }).isChecked()).toBe(
    true,
  );
  expect(await edit.getByRole('group', { name: 'Thursday' }).getByLabel('From').inputValue()).toBe('13:00');
  await edit.getByLabel('Valid to (optional)').fill('2026-11-01');
  await edit.getByRole('button', { name: 'Save schedule' }).click();
  const confirm = page.getByRole('dialog', { name: `Replace ${provider.name}’s weekly hours?` });
  await confirm.getByRole('button', { name: 'Save schedule' }).click();
  await edit.getByText('The last day must be on or after the first.').waitFor();
  expect(await edit.getByLabel('Valid to (optional)').getAttribute('aria-invalid')).toBe('true');
  await edit.getByLabel('Valid to (optional)').fill('');
  await edit.getByRole('button', { name: 'Add a day off or extra hours' }).click();
  const dayOff = edit.getByRole('group', { name: 'Date 1' });
  await dayOff.getByLabel('Date', { exact: true }).fill('2026-12-10');
  await dayOff.getByLabel('Reason (optional)').fill('Training');
  await shots(page, 'schedule-edit');
  await checkA11yAtBothWidths(page);
  await edit.getByRole('button', { name: 'Save schedule' }).click();
  await confirm.getByText('open times for patients and the front desk follow them at once', { exact: false }).waitFor();
  await settled(page);
  await checkA11yAtBothWidths(page);
  await confirm.getByRole('button', { name: 'Save schedule' }).click();
  await page.getByRole('status').getByText(`${provider.name}’s schedule is saved.`, { exact: false }).waitFor();
  expectNoProblems(admin.problems, [400]);

  // The front desk's slots follow the schedule: Thursday 3 December 13:00, 13:20, 13:40 in New York.
  const desk = await staffClient(app, ctx, 'front_desk');
  const res = await desk.get(
    `/api/staff/patients/${patientId}/scheduling/slots?practitionerId=${encodeURIComponent(
      provider.practitionerId,
    )}&visitTypeId=office-visit&from=2026-12-03&days=1`,
  );
  expect(res.statusCode, res.body).toBe(200);
  const slots = res.json() as SlotDays;
  expect(slots.days.map((d) => [d.date, d.slots.map((s) => s.start.slice(11, 16))])).toEqual([
    ['2026-12-03', ['18:00', '18:20', '18:40']],
  ]);
  const dayOffSlots = await desk.get(
    `/api/staff/patients/${patientId}/scheduling/slots?practitionerId=${encodeURIComponent(
      provider.practitionerId,
    )}&visitTypeId=office-visit&from=2026-12-10&days=1`,
  );
  expect((dayOffSlots.json() as SlotDays).days.map((d) => d.slots.length)).toEqual([0]);
});

test('a patient’s appointment request reaches the front desk, who opens the patient’s page to book', async () => {
  const { app, ctx } = server.testApp;
  const elvina = await signUpPatient(app, ctx, 'Elvina_Lemke', 'elvina.request', 'violet harbour lantern');
  const sent = await elvina.client.post(`/api/patients/${elvina.patientId}/appointment-requests`, {
    practitionerId: null,
    reason: 'Yearly check-up',
    preferred: 'Mornings',
    idempotencyKey: formKey(),
  });
  expect(sent.statusCode, sent.body).toBe(201);

  const front = track(await openAsStaff(browser, server, 'front_desk', 1280, '/staff/queue'));
  const { page } = front;
  await heading(page, 'Work queue').waitFor();
  await page.getByRole('tab', { name: 'Front desk', selected: true }).waitFor();
  const link = page.getByRole('link', { name: 'Appointment request: Elvina Lemke' });
  await link.waitFor();
  await checkA11yAtBothWidths(page);

  await link.click();
  await heading(page, 'Appointment request: Elvina Lemke').waitFor();
  const details = page.getByRole('definition');
  await details.filter({ hasText: 'Yearly check-up' }).waitFor();
  await details.filter({ hasText: 'Mornings' }).waitFor();
  await details.filter({ hasText: 'Any provider' }).waitFor();
  await page.getByText('the patient is told in Lantern when an appointment is booked', { exact: false }).waitFor();
  const outcomes = await page.getByLabel('Outcome').locator('option').allInnerTexts();
  expect(outcomes).toEqual(expect.arrayContaining(['Appointment booked', 'Arranged by phone']));
  await shots(page, 'appointment-request');
  await checkA11yAtBothWidths(page);

  await page.getByRole('link', { name: 'Book for this patient' }).click();
  await heading(page, 'Elvina Lemke').waitFor();
  await page.getByRole('region', { name: 'Book an appointment' }).waitFor();
  await checkA11yAtBothWidths(page);

  // Once booked there, the request is closed with the existing close action.
  await page.goBack();
  await heading(page, 'Appointment request: Elvina Lemke').waitFor();
  await page.getByLabel('Outcome').selectOption({ label: 'Appointment booked' });
  await page.getByRole('button', { name: 'Close item' }).click();
  await page.getByText('Closed: Appointment booked').waitFor();
  expect(await page.getByRole('link', { name: 'Book for this patient' }).count()).toBe(0);
  expectNoProblems(front.problems);
});
