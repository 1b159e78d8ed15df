import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import type { ResultDetail } from '../../src/shared/results.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { openAsStaff, type SignedInPage } from '../helpers/browser-sign-in.ts';
import { importPatient, signUpPatient } from '../helpers/identity-factories.ts';
import { checkA11yAtBothWidths, expectNoProblems, heading, settled } from '../helpers/page-checks.ts';
import { importLabReports, type LabReport } from '../helpers/result-fixtures.ts';
import { startWebServer, type WebServer } from '../helpers/web-server.ts';

/**
 * The clinician's side of Test Results in a real browser against the real server: a pathology report (a synthetic
 * bundle imported after the patient signed up, as a later EHR feed would bring it) is held by the release rules and
 * does not exist for the patient; a clinician finds it in the results queue's Held view, opens it beside the
 * patient's chart, writes a note and releases it after confirming; the queue then says it is released and the
 * patient's API returns it with the note and the bundle's values unchanged. Each page is checked with axe at 1280 px
 * and 375 px.
 */

let server: WebServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  // Tuesday 24 November 2026, 10:00 Eastern time.
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

test('a clinician notes and releases a held pathology result, which the patient can then read with the note', async () => {
  const { app, ctx } = server.testApp;
  const { client, patientId } = await signUpPatient(
    app,
    ctx,
    'Louis_Maggio',
    'louis.results',
    'violet harbour lantern',
  );
  // Resulted yesterday: pathology waits 3 days (the demo's release rules), so it releases by itself on the 26th.
  const report = {
    category: 'PAT',
    loinc: '60567-5',
    display: 'Skin biopsy pathology report',
    at: '2026-11-23T14:00:00.000Z',
    values: [
      { loinc: '29593-1', display: 'Proliferation index', value: 28, unit: '%', range: { high: 20 } },
      { loinc: '85337-4', display: 'Tumour cells in the margin', value: 0, unit: '%', range: { high: 0 } },
    ],
  } satisfies LabReport;
  const [reportId] = await importLabReports(ctx, patientId, [report]);
  const patientPath = `/api/patients/${patientId}/results/${reportId}`;
  expect((await client.get(patientPath)).statusCode).toBe(404);

  // From the staff home's tile, as a clinician would start.
  const staff = track(await openAsStaff(browser, server, 'clinician', 1280, '/staff'));
  const { page } = staff;
  await checkA11yAtBothWidths(page);
  await page.getByRole('main').getByRole('link', { name: 'Test results' }).click();
  await heading(page, 'Test results').waitFor();
  await page.getByRole('navigation', { name: 'Staff sections' }).getByRole('link', { name: 'Test results' }).waitFor();

  // The Held view, with its count said in words; the row says why it is held, until when, and that nobody saw it.
  await page.getByRole('tab', { name: /^Held \(\d+ results?\)$/ }).click();
  const held = page.getByRole('list', { name: 'Held results' });
  const title = `${report.display} — Louis Maggio`;
  const row = held.getByRole('listitem').filter({ has: page.getByRole('link', { name: title }) });
  await row.getByText('Held: Pathology — releases by itself on November 26, 2026').waitFor();
  await row.getByText('Not viewed yet').waitFor();
  await row.getByText('High: 1 of 2 values out of range').waitFor();
  await row.getByText('Resulted November 23, 2026').waitFor();
  await checkA11yAtBothWidths(page);

  // The result beside the patient's read-only chart: values and units as the bundle has them, the range's source.
  await row.getByRole('link', { name: title }).click();
  await heading(page, report.display).waitFor();
  await page.getByRole('region', { name: 'Chart: Louis Maggio' }).getByRole('heading', { name: 'Allergies' }).waitFor();
  const values = page.getByRole('table', { name: `Values of ${report.display}` });
  const index = values.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Proliferation index' }) });
  await index.getByRole('cell', { name: '28 %' }).waitFor();
  await index.getByText('20 % or less', { exact: true }).waitFor();
  await index.getByText('Range from the laboratory').waitFor();
  await index.getByRole('cell', { name: 'High' }).waitFor();
  const margin = values
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: 'Tumour cells in the margin' }) });
  await margin.getByRole('cell', { name: '0 %', exact: true }).waitFor();
  await margin.getByRole('cell', { name: 'In range' }).waitFor();
  await page.getByText('Held: Pathology — releases by itself on November 26, 2026').waitFor();
  await checkA11yAtBothWidths(page);

  // A note for the patient, saved; then the release, confirmed first.
  const note = 'The biopsy shows no cancer. The growth index is a little high; we will look again in a year.';
  await page.getByLabel('Note for the patient').fill(note);
  await page.getByRole('button', { name: 'Save note' }).click();
  await page.getByText('Note saved.').waitFor();
  await page.getByRole('button', { name: 'Release to patient' }).click();
  const dialog = page.getByRole('dialog', { name: `Release ${report.display} to Louis Maggio?` });
  await dialog
    .getByText(
      'The patient and their proxies will be able to see this result and will be told a new result is available.',
    )
    .waitFor();
  await settled(page);
  await checkA11yAtBothWidths(page);
  await dialog.getByRole('button', { name: 'Release', exact: true }).click();
  await page.getByText('Released to the patient on November 24, 2026').waitFor();
  expect(await page.getByRole('button', { name: 'Release to patient' }).count()).toBe(0);
  await checkA11yAtBothWidths(page);

  // A secure message about it: an empty one is refused next to the field; one with words reaches the patient.
  const talk = page.getByRole('region', { name: 'Talk to the patient about it' });
  await talk.getByRole('button', { name: 'Send message' }).click();
  await talk.getByText('Write the message first.').waitFor();
  await talk.getByLabel('Message').fill('The margin shows more cells than we expected. Please call to talk about it.');
  await talk.getByRole('button', { name: 'Send message' }).dblclick();
  await talk.getByText(/^Your message was sent\./).waitFor();
  const threads = await server.testApp.ctx.db.kysely
    .selectFrom('message_thread')
    .select(['subject', 'about_id'])
    .where('patient_id', '=', patientId)
    .execute();
  expect(threads).toEqual([{ subject: `About your ${report.display} result`, about_id: reportId }]);

  // The queue: no longer held; the All view says it is released and has a note.
  await page.getByRole('link', { name: 'Back to test results' }).click();
  await page.getByRole('tab', { name: /^Held/ }).click();
  await page
    .getByRole('list', { name: 'Held results' })
    .or(page.getByText(/^No results are held/))
    .first()
    .waitFor();
  expect(await page.getByRole('link', { name: title }).count()).toBe(0);
  await page.getByRole('tab', { name: 'All' }).click();
  const released = page
    .getByRole('list', { name: 'All results' })
    .getByRole('listitem')
    .filter({ has: page.getByRole('link', { name: title }) });
  await released.getByText('Released', { exact: true }).waitFor();
  await released.getByText('Has a note').waitFor();
  await checkA11yAtBothWidths(page);

  // The patient's API now has it, with the note and the bundle's values unchanged.
  const res = await client.get(patientPath);
  expect(res.statusCode).toBe(200);
  const detail = res.json() as ResultDetail;
  expect(detail.note?.text).toBe(note);
  expect(detail.releasedAt).not.toBeNull();
  for (const v of report.values) {
    const c = detail.components.find((x) => x.name === v.display || x.code === v.loinc);
    expect(c, v.display).toBeDefined();
    expect(c!.value).toBe(v.value);
    expect(c!.unit).toBe(v.unit);
  }

  // Opened by the patient: the clinician sees when.
  await page.reload();
  await released.getByText('Viewed by the patient on November 24, 2026').waitFor();
  expectNoProblems(staff.problems);
}, 180_000); // a sign-up and four pages (one a dialog) at two widths with axe

test('front desk, who do not review results, get no link to them and one "not allowed" page', async () => {
  const desk = track(await openAsStaff(browser, server, 'front_desk', 1280, '/staff/results'));
  await heading(desk.page, 'Not available to your role').waitFor();
  const nav = desk.page.getByRole('navigation', { name: 'Staff sections' });
  await nav.getByRole('link', { name: 'Work queue' }).waitFor();
  expect(await nav.getByRole('link', { name: 'Test results' }).count()).toBe(0);
  expectNoProblems(desk.problems);
});

test('the results queue shows older results a page at a time with "Show more"', async () => {
  const { ctx } = server.testApp;
  const { patientId } = await importPatient(ctx, 'Elsa_Vargas');
  // 30 small released reports, one a day, on top of the sample record's own: more than one page (25).
  const days = Array.from({ length: 30 }, (_, i) => i + 1);
  await importLabReports(
    ctx,
    patientId,
    days.map((d) => ({
      loinc: '2345-7',
      display: `Glucose check ${d}`,
      at: new Date(Date.UTC(2026, 9, d, 14)).toISOString(),
      values: [{ loinc: '2345-7', display: 'Glucose', value: 90 + d, unit: 'mg/dL' }],
    })),
  );
  const staff = track(await openAsStaff(browser, server, 'nurse', 1280, '/staff/results?view=all'));
  const { page } = staff;
  const list = page.getByRole('list', { name: 'All results' });
  await page.getByText('25 results shown.').waitFor();
  expect(await list.getByRole('listitem').count()).toBe(25);
  await page.getByRole('button', { name: 'Show more' }).click();
  await page.getByText(/^(?!25 )\d+ results shown\.$/).waitFor();
  const shown = Number((await page.getByText(/^\d+ results shown\.$/).textContent())!.split(' ')[0]);
  expect(shown).toBeGreaterThan(25);
  expect(await list.getByRole('listitem').count()).toBe(shown);
  // Newest first across the pages, with no result twice.
  const hrefs = await list.getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  expect(new Set(hrefs).size).toBe(shown);
  const links = await list.getByRole('link').allTextContents();
  expect(links.indexOf('Glucose check 30 — Elsa Vargas')).toBeLessThan(links.indexOf('Glucose check 1 — Elsa Vargas'));
  expectNoProblems(staff.problems);
}, 120_000);
