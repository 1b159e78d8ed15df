import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import type { Appointment, CheckInForm } from '../../src/shared/appointments.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { openAsPatient, openAsStaff, type SignedInPage } from '../helpers/browser-sign-in.ts';
import { signUpPatient, staffClient } from '../helpers/identity-factories.ts';
import { checkA11yAtBothWidths, expectNoProblems, heading } from '../helpers/page-checks.ts';
import { defineSchedule, formKey, providerOf } from '../helpers/visit-fixtures.ts';
import { startWebServer, type WebServer } from '../helpers/web-server.ts';

/**
 * E-check-in in a real browser against the real server, on Wednesday 2 December 2026, 10:00 in New York. The front
 * desk books Elvina for Wednesday 9 December at 9:00 (check-in opened an hour ago, 7 days before) and for Wednesday
 * 16 December (not open yet); the office visit carries a FHIR Questionnaire (a required text question, a yes/no and a
 * choice). Elvina goes Visits → the appointment → "Check in online", finishes once without answering the required
 * question and sees the server's refusal next to it, marks a medication "No longer taking" with a note, answers and
 * finishes: "You're checked in", and the appointment page says so. The stored QuestionnaireResponse holds her answers,
 * the record's medications are unchanged, and the front desk's day view says "Checked in online". The later
 * appointment's page and its check-in page say when check-in opens. axe at 1280 and 375 px on every page.
 */

const NOW = '2026-12-02T15:00:00.000Z';
const password = 'violet harbour lantern';
const questionnaire = {
  resourceType: 'Questionnaire',
  url: 'https://example.org/Questionnaire/office-visit',
  status: 'active',
  item: [
    { linkId: 'concern', text: 'What would you like to talk about?', type: 'text', required: true },
    { linkId: 'fever', text: 'Have you had a fever this week?', type: 'boolean' },
    {
      linkId: 'pain',
      text: 'How bad is your pain?',
      type: 'choice',
      answerOption: [{ valueString: 'None' }, { valueString: 'Mild' }, { valueString: 'Severe' }],
    },
  ],
};

let server: WebServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await startWebServer({ now: NOW });
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

test('a patient checks in online the week before; the answers are stored and the front desk sees it', async () => {
  const { app, ctx } = server.testApp;
  const elvina = await signUpPatient(app, ctx, 'Elvina_Lemke', 'elvina.checkin', password);
  const base = `/api/patients/${elvina.patientId}`;
  const provider = await providerOf(ctx, elvina.patientId);
  const spec = await defineSchedule(ctx, provider);
  await defineSchedule(ctx, provider, {
    visitTypes: spec.visitTypes.map((v) => (v.id === 'office-visit' ? { ...v, questionnaire } : v)),
  });
  const desk = await staffClient(app, ctx, 'front_desk');
  const book = async (start: string, reason: string) => {
    const res = await desk.post(`/api/staff/patients/${elvina.patientId}/appointments`, {
      practitionerId: provider.practitionerId,
      visitTypeId: 'office-visit',
      start,
      reason,
      idempotencyKey: formKey(),
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Appointment;
  };
  const soon = await book('2026-12-09T14:00:00.000Z', 'Knee pain'); // check-in opened 2 December, 9:00
  const later = await book('2026-12-16T14:00:00.000Z', 'Follow-up'); // opens 9 December, 9:00
  const before = (await elvina.client.get(`${base}/appointments/${soon.id}/check-in`)).json() as CheckInForm;
  expect(before.medications.length).toBeGreaterThan(0);
  const stopped = before.medications[0]!;

  const patient = track(await openAsPatient(browser, server, 1280, 'elvina.checkin', password));
  const { page } = patient;
  const main = page.getByRole('main');

  // Appointments and Visits: "Check in" on the open one only.
  await page.getByRole('banner').getByRole('link', { name: 'Visits', exact: true }).click();
  const upcoming = main.getByRole('list', { name: 'Upcoming appointments' });
  const soonRow = upcoming.getByRole('listitem').filter({ hasText: /December 9, 2026/ });
  const laterRow = upcoming.getByRole('listitem').filter({ hasText: /December 16, 2026/ });
  await soonRow.getByRole('link', { name: 'Check in', exact: true }).waitFor();
  await laterRow.waitFor();
  expect(await laterRow.getByRole('link', { name: /^Check in/ }).count()).toBe(0);
  await checkA11yAtBothWidths(page);

  // The appointment → "Check in online".
  await soonRow.getByRole('link', { name: /^Wednesday, December 9, 2026/ }).click();
  await heading(page, 'Your appointment').waitFor();
  await checkA11yAtBothWidths(page);
  await main.getByRole('link', { name: 'Check in online' }).click();
  await heading(page, 'Check in for your visit').waitFor();
  await main.getByText(/Your visit: .*December 9, 2026.*9:00\sAM/).waitFor();
  await main.getByRole('link', { name: 'Change them in Profile → Contact details' }).waitFor();
  await main.getByText(/Your medication list does not change/).waitFor();
  await checkA11yAtBothWidths(page);

  // Everything but the required question, then Finish: the server's refusal next to the question.
  await main.getByRole('checkbox', { name: 'These details are correct' }).check();
  const medication = main.getByRole('radiogroup', { name: stopped.name, exact: true });
  await medication.getByRole('radio', { name: 'No longer taking' }).check();
  await main.getByLabel(`Note for your care team about ${stopped.name} (optional)`).fill('Stopped in November');
  await main.getByLabel('Insurance company').fill('Example Health Plan');
  await main.getByLabel('Member ID').fill('EX-1234');
  await main
    .getByRole('radiogroup', { name: 'Have you had a fever this week?' })
    .getByRole('radio', { name: 'No' })
    .check();
  await main.getByRole('button', { name: 'Finish check-in' }).click();
  const concern = main.getByLabel(/What would you like to talk about\?/);
  await main.getByText('Please answer this question.').waitFor();
  expect(await concern.getAttribute('aria-invalid')).toBe('true');
  const describedBy = (await concern.getAttribute('aria-describedby')) ?? '';
  const errorId = await main.getByText('Please answer this question.').getAttribute('id');
  expect(describedBy.split(' ')).toContain(errorId);
  await checkA11yAtBothWidths(page);

  // Answer it and finish.
  await concern.fill('My knee hurts on the stairs.');
  await main.getByRole('radiogroup', { name: 'How bad is your pain?' }).getByRole('radio', { name: 'Mild' }).check();
  await main.getByRole('button', { name: 'Finish check-in' }).click();
  await main.getByText("You're checked in").waitFor();
  expect(await page.evaluate(() => document.activeElement?.textContent ?? '')).toContain("You're checked in");
  await main.getByText(/your visit on .*December 9, 2026.*9:00\sAM/).waitFor();
  await checkA11yAtBothWidths(page);
  await main.getByRole('link', { name: 'Back to your appointment' }).last().click();
  await heading(page, 'Your appointment').waitFor();
  await main.getByText(/^You checked in online on .*December 2, 2026/).waitFor();
  expect(await main.getByRole('link', { name: 'Check in online' }).count()).toBe(0);
  await checkA11yAtBothWidths(page);

  // What was stored: the questionnaire's answers and the notes for the care team; the record is not changed.
  const row = await ctx.db.kysely
    .selectFrom('appointment')
    .select(['check_in', 'checked_in_at'])
    .where('id', '=', soon.id)
    .executeTakeFirstOrThrow();
  expect(row.checked_in_at).not.toBeNull();
  const stored = JSON.parse(row.check_in!) as {
    medications: { id: string; stillTaking: boolean; note?: string }[];
    insurance: { carrier: string; memberId: string };
    questionnaireResponse: { item: { linkId: string; answer: Record<string, unknown>[] }[] };
  };
  expect(stored.questionnaireResponse.item.map((i) => [i.linkId, i.answer[0]])).toEqual([
    ['concern', { valueString: 'My knee hurts on the stairs.' }],
    ['fever', { valueBoolean: false }],
    ['pain', { valueString: 'Mild' }],
  ]);
  expect(stored.medications.find((m) => m.id === stopped.id)).toEqual({
    id: stopped.id,
    stillTaking: false,
    note: 'Stopped in November',
  });
  expect(stored.medications.filter((m) => m.id !== stopped.id).every((m) => m.stillTaking)).toBe(true);
  expect(stored.insurance).toEqual({ carrier: 'Example Health Plan', memberId: 'EX-1234' });
  const after = (await elvina.client.get(`${base}/appointments/${later.id}/check-in`)).json() as CheckInForm;
  expect(after.medications.map((m) => m.id)).toContain(stopped.id);

  // The later appointment: when check-in opens, on its page and on its check-in page, and no form.
  await page.getByRole('banner').getByRole('link', { name: 'Visits', exact: true }).click();
  await laterRow.getByRole('link', { name: /^Wednesday, December 16, 2026/ }).click();
  await heading(page, 'Your appointment').waitFor();
  await main.getByText(/^Online check-in opens on .*December 9, 2026.*9:00\sAM/).waitFor();
  expect(await main.getByRole('link', { name: 'Check in online' }).count()).toBe(0);
  await checkA11yAtBothWidths(page);
  await page.goto(`${server.baseUrl}/visits/appointments/${later.id}/check-in`);
  await heading(page, 'Check in for your visit').waitFor();
  await main.getByText(/^Online check-in opens on .*December 9, 2026/).waitFor();
  expect(await main.getByRole('button', { name: 'Finish check-in' }).count()).toBe(0);
  await checkA11yAtBothWidths(page);
  expectNoProblems(patient.problems, [400]);

  // The front desk's day view.
  const front = track(await openAsStaff(browser, server, 'front_desk', 1280, '/staff/schedule'));
  const fp = front.page;
  await heading(fp, 'Schedule').waitFor();
  await fp.getByLabel('Day').fill('2026-12-09');
  const table = fp.getByRole('table', { name: `Appointments with ${provider.name}` });
  const deskRow = table.getByRole('row').filter({ has: fp.getByRole('link', { name: 'Elvina Lemke' }) });
  await deskRow.getByRole('cell', { name: '9:00 AM–9:30 AM' }).waitFor();
  await deskRow.getByText('Checked in online').waitFor();
  await checkA11yAtBothWidths(fp);
  expectNoProblems(front.problems);
});
