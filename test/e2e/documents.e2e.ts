import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import type { Allergy } from '../../src/shared/records.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { openAsPatient, openAsStaff, type SignedInPage } from '../helpers/browser-sign-in.ts';
import { signUpPatient } from '../helpers/identity-factories.ts';
import { checkA11yAtBothWidths, expectNoProblems, heading } from '../helpers/page-checks.ts';
import { pdfText } from '../helpers/pdf-text.ts';
import { paths } from '../../src/web/paths.ts';
import { startWebServer, type WebServer } from '../helpers/web-server.ts';

/**
 * Where amendments and records land, in a real browser against the real server: health-information staff accept a
 * chart correction about an allergy and the patient finds the amendment under that allergy and in Health →
 * Documents; staff fulfil a record request "in the portal" and the patient downloads the records PDF from Documents.
 * Every page is checked with axe at 1280 px and 375 px.
 */

let server: WebServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const password = 'violet harbour lantern';
let keyCounter = 0;
const key = () => `documents-e2e-${String(++keyCounter).padStart(8, '0')}`;

beforeAll(async () => {
  // Wednesday 2 December 2026, 10:00 in Louisville.
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

function track(opened: SignedInPage): SignedInPage {
  contexts.push(opened.context);
  return opened;
}

test('a chart correction accepted by health information staff shows on the allergy it corrects and in Documents', async () => {
  const { app, ctx } = server.testApp;
  const louis = await signUpPatient(app, ctx, 'Louis_Maggio', 'louis.amend', password);
  const base = `/api/patients/${louis.patientId}`;
  const allergy = ((await louis.client.get(`${base}/allergies`)).json() as { items: Allergy[] }).items[0]!;
  // The patient asks from the allergy itself, so the question is about it and its amendment lands on it.
  const asking = track(await openAsPatient(browser, server, 375, 'louis.amend', password));
  await asking.page.goto(`${server.baseUrl}${paths.health.allergies}`);
  await heading(asking.page, 'Allergies').waitFor();
  await asking.page.getByRole('link', { name: `Ask for a correction of ${allergy.substance}` }).click();
  await heading(asking.page, 'Ask a question').waitFor();
  await asking.page.getByText(/^About: /).waitFor();
  await asking.page.getByLabel('What is wrong in your record?').fill('The reaction');
  await asking.page.getByLabel('What should it say?').fill('Hives only');
  await asking.page.getByLabel('Subject').fill('Allergy reaction is wrong');
  await asking.page.getByLabel('Message', { exact: true }).fill('The reaction listed is not what happened.');
  await checkA11yAtBothWidths(asking.page);
  await asking.page.getByRole('button', { name: 'Send message' }).click();
  await heading(asking.page, 'Allergy reaction is wrong').waitFor();
  expectNoProblems(asking.problems);
  const threadId = new URL(asking.page.url()).pathname.split('/').pop()!;
  const thread = (await louis.client.get(`${base}/messages/${threadId}`)).json() as {
    topic: string;
    about: { type: string; id: string } | null;
  };
  expect(thread).toMatchObject({ topic: 'chart_correction', about: { type: 'AllergyIntolerance', id: allergy.id } });

  const staff = track(await openAsStaff(browser, server, 'him', 1280, '/staff/queue'));
  const desk = staff.page;
  await desk.getByRole('link', { name: /^Patient message: Allergy reaction is wrong/ }).click();
  await heading(desk, /^Patient message: Allergy reaction is wrong/).waitFor();
  const correction = desk.getByRole('region', { name: 'Chart correction' });
  await correction.getByText(/If accepted, the amendment is shown on this item of the record: /).waitFor();
  await desk.getByLabel('Amendment to note on the record').fill('Reaction corrected to hives; no anaphylaxis.');
  await checkA11yAtBothWidths(desk);
  await desk.getByRole('button', { name: 'Accept correction' }).click();
  const dialog = desk.getByRole('dialog', { name: 'Accept this correction?' });
  await dialog.getByRole('button', { name: 'Accept correction' }).click();
  await correction.getByText('Correction accepted').waitFor();
  expectNoProblems(staff.problems);

  const patient = track(await openAsPatient(browser, server, 1280, 'louis.amend', password));
  const { page } = patient;
  await page.getByRole('link', { name: 'Health', exact: true }).first().click();
  await heading(page, 'Health').waitFor();
  await page.getByRole('link', { name: 'Allergies' }).click();
  await heading(page, 'Allergies').waitFor();
  const item = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: allergy.substance }) });
  await item.getByText('Amended December 2, 2026:').waitFor();
  await item.getByText('Reaction corrected to hives; no anaphylaxis.').waitFor();
  await checkA11yAtBothWidths(page);

  await page.getByRole('link', { name: 'Back to Health' }).click();
  await page.getByRole('link', { name: 'Documents' }).click();
  await heading(page, 'Documents').waitFor();
  const corrections = page.getByRole('list', { name: 'Corrections to your record' });
  await corrections.getByRole('heading', { name: allergy.substance }).waitFor();
  await corrections.getByText('Reaction corrected to hives; no anaphylaxis.').waitFor();
  await page.getByText('No documents yet.', { exact: false }).waitFor();
  await checkA11yAtBothWidths(page);
  await corrections.getByRole('link', { name: 'See it in Allergies' }).click();
  await heading(page, 'Allergies').waitFor();
  expectNoProblems(patient.problems);
}, 180_000); // two people signing in and three pages at two widths with axe: about 60 s on a busy machine

test('a record request fulfilled in the portal lands in Documents and downloads as a PDF of the record', async () => {
  const { app, ctx } = server.testApp;
  const elsa = await signUpPatient(app, ctx, 'Elsa_Vargas', 'elsa.records', password);
  const base = `/api/patients/${elsa.patientId}`;
  const allergy = ((await elsa.client.get(`${base}/allergies`)).json() as { items: Allergy[] }).items[0]!;
  const { displayName } = (await elsa.client.get(`${base}/home`)).json() as { displayName: string };
  const sent = await elsa.client.post(`${base}/messages`, {
    kind: 'customer_service',
    topic: 'medical_record_request',
    subject: 'Records for my new doctor',
    body: 'Please put them in the portal.',
    recordRequest: { records: 'Allergies and medications' },
    idempotencyKey: key(),
  });
  expect(sent.statusCode).toBe(201);

  const staff = track(await openAsStaff(browser, server, 'him', 1280, '/staff/queue'));
  const desk = staff.page;
  await desk.getByRole('link', { name: /^Patient message: Records for my new doctor/ }).click();
  await heading(desk, /^Patient message: Records for my new doctor/).waitFor();
  await desk.getByLabel('How the records were sent').selectOption('portal');
  await desk
    .getByText(/puts it in their Documents/)
    .first()
    .waitFor();
  await checkA11yAtBothWidths(desk);
  await desk.getByRole('button', { name: 'Mark fulfilled' }).click();
  const dialog = desk.getByRole('dialog', { name: 'Mark this request fulfilled?' });
  await dialog.getByText(/puts it in the patient's Documents/).waitFor();
  await dialog.getByRole('button', { name: 'Mark fulfilled' }).click();
  await desk.getByText('Closed: Fulfilled').waitFor();
  expectNoProblems(staff.problems);

  const patient = track(await openAsPatient(browser, server, 1280, 'elsa.records', password));
  const { page } = patient;
  // From the request's conversation, where the answer says where the records are.
  await page.goto(`${server.baseUrl}/messages/${(sent.json() as { id: string }).id}`);
  await heading(page, 'Records for my new doctor').waitFor();
  await page.getByRole('link', { name: 'Open your records in Documents' }).waitFor();
  await checkA11yAtBothWidths(page);
  await page.getByRole('link', { name: 'Open your records in Documents' }).click();
  await heading(page, 'Documents').waitFor();
  const documents = page.getByRole('list', { name: 'Letters and records' });
  await documents.getByRole('heading', { name: 'Medical records' }).waitFor();
  await documents.getByText('Released December 2, 2026').waitFor();
  await checkA11yAtBothWidths(page);

  const download = page.waitForEvent('download');
  await documents.getByRole('link', { name: 'Download Medical records, released December 2, 2026' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('medical-records-2026-12-02.pdf');
  const bytes = await readFile((await file.path())!);
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  const text = (await pdfText(bytes)).join('\n');
  expect(text).toContain('Medical records');
  expect(text).toContain(displayName);
  expect(text).toContain('Allergies and medications');
  expect(text).toContain(allergy.substance);
  const audited = await ctx.db.kysely
    .selectFrom('audit_event')
    .select('patient_id')
    .where('action', '=', 'record.document.downloaded')
    .execute();
  expect(audited).toEqual([{ patient_id: elsa.patientId }]);
  expectNoProblems(patient.problems);
}, 180_000); // two people signing in, two pages at two widths with axe and a download
