import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import type { HomeSummary } from '../../src/shared/records.ts';
import type { ResultList, ResultTrend } from '../../src/shared/results.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { openAsPatient, openAsStaff, type SignedInPage } from '../helpers/browser-sign-in.ts';
import { sampleBundle } from '../helpers/fhir-fixtures.ts';
import { signUpPatient } from '../helpers/identity-factories.ts';
import { importLabReports } from '../helpers/result-fixtures.ts';
import { checkA11yAtBothWidths, expectNoProblems, heading, settled } from '../helpers/page-checks.ts';
import { startWebServer, type WebServer } from '../helpers/web-server.ts';

/**
 * Test Results in a real browser against the real server and Elvina Lemke's sample record: the patient opens
 * Health → Test Results, reads the FAQ's notice, filters by name, checks "Show hospital results" (remembered after a
 * reload), opens a result by clicking in its row, reads a value with its unit, range and flag in words (expected
 * values from the FHIR bundle and the organisation's reference table, not from the app's code), opens the trend of
 * that test and reads its table, and asks a question about the result, whose conversation links back to it. Every page is checked with axe at 1280 px and
 * 375 px. Beside it, the clinician's part: a genetic report (findings in words, no values) is held for the clinician,
 * who notes and releases it from the results queue; the patient's bell says a new result is there, and the patient
 * follows it to the report and reads the note and the findings.
 */

let server: WebServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const password = 'violet harbour lantern';

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

interface BundleResource {
  resourceType: string;
  id: string;
  code?: { coding?: { code?: string }[] };
  effectiveDateTime?: string;
  valueQuantity?: { value: number; unit: string };
  result?: { reference: string }[];
}

const GLUCOSE = '2339-0';

/** The sample record's glucose values (oldest first) and the laboratory reports, straight from the FHIR bundle. */
function fromBundle() {
  const resources = sampleBundle('Elvina_Lemke').json.entry.map((e) => e.resource as unknown as BundleResource);
  const glucose = resources
    .filter((r) => r.resourceType === 'Observation' && r.code?.coding?.some((c) => c.code === GLUCOSE))
    .sort((a, b) => a.effectiveDateTime!.localeCompare(b.effectiveDateTime!));
  const reports = resources.filter((r) => r.resourceType === 'DiagnosticReport');
  const reportOf = (observationId: string) =>
    reports.find((r) => r.result?.some((ref) => ref.reference.endsWith(observationId)))!;
  return { glucose, reportOf };
}

test('a patient finds a test result, reads its values and their trend, and asks a question about it', async () => {
  const { app, ctx } = server.testApp;
  const tenant = ctx.config.tenant;
  const { client, patientId } = await signUpPatient(app, ctx, 'Elvina_Lemke', 'elvina.results', password);
  const api = async <T>(path: string): Promise<T> =>
    (await client.get(`/api/patients/${patientId}/${path}`)).json() as T;

  // Expected values come from the bundle and the organisation's reference table (config/tenant.demo.json).
  const { glucose, reportOf } = fromBundle();
  const latest = glucose[glucose.length - 1]!;
  const report = reportOf(latest.id);
  const table = tenant.results.tests.find((t) => t.loinc === GLUCOSE)!;
  const band = table.ranges[0]!;
  const value = latest.valueQuantity!.value;
  const expectedFlag =
    band.criticalHigh !== undefined && value > band.criticalHigh
      ? 'Critically high'
      : band.criticalLow !== undefined && value < band.criticalLow
        ? 'Critically low'
        : value > band.high!
          ? 'High'
          : value < band.low!
            ? 'Low'
            : 'In range';
  const shown = `${new Intl.NumberFormat('en-US', { maximumSignificantDigits: 4 }).format(value)} ${latest.valueQuantity!.unit}`;
  const collectedOn = new Intl.DateTimeFormat('en-US', {
    timeZone: tenant.organisation.timeZone,
    dateStyle: 'long',
  }).format(new Date(latest.effectiveDateTime!));

  // A metabolic panel from a hospital stay (made up here): hidden until "Show hospital results" is checked.
  await importLabReports(ctx, patientId, [
    {
      loinc: report.code!.coding![0]!.code!,
      display: 'Basic Metabolic Panel',
      at: '2011-05-10T08:00:00Z',
      encounterClass: 'IMP',
      values: [{ loinc: '2947-0', display: 'Sodium', value: 139, unit: 'mmol/L' }],
    },
  ]);

  const home = await api<HomeSummary>('home');
  const { page, problems } = track(await openAsPatient(browser, server, 1280, 'elvina.results', password));
  const main = page.getByRole('main');

  // Home: the Test Results tile, with the new results counted in words when the summary has the count.
  const tile = main.getByRole('listitem').filter({ hasText: 'Test Results' });
  await tile.getByRole('link', { name: 'Go to Test Results' }).waitFor();
  const card = home.cards.results as { newResults: number } | undefined;
  if (card)
    await tile
      .getByText(
        card.newResults === 0
          ? 'No new test results.'
          : `${card.newResults} new test result${card.newResults === 1 ? '' : 's'}.`,
      )
      .waitFor();

  // Health → Test Results, with the FAQ's notice.
  await page.getByRole('banner').getByRole('link', { name: 'Health', exact: true }).click();
  await heading(page, 'Health').waitFor();
  await page.getByRole('navigation', { name: 'Health pages' }).getByRole('link', { name: 'Test Results' }).click();
  await heading(page, 'Test Results').waitFor();
  const notice = page.getByRole('complementary', { name: 'About your test results' });
  await notice.getByText(/before your provider has reviewed them/).waitFor();
  await notice.getByRole('link', { name: 'Send a message to your care team' }).waitFor();
  const list = page.getByRole('list', { name: 'Test results' });
  const rows = list.getByRole('listitem');
  await rows.first().waitFor();
  await main.getByText('1 hospital result is hidden. Check Show hospital results to see it.').waitFor();
  await checkA11yAtBothWidths(page);

  // "Show older results" adds the next page (keyset) under what is shown.
  const firstPage = await api<ResultList>('results');
  expect(firstPage.nextCursor).not.toBeNull();
  const secondPage = await api<ResultList>(`results?cursor=${encodeURIComponent(firstPage.nextCursor!)}`);
  await expect.poll(() => rows.count()).toBe(firstPage.items.length);
  await page.getByRole('button', { name: 'Show older results' }).click();
  await expect.poll(() => rows.count()).toBe(firstPage.items.length + secondPage.items.length);
  await list.getByRole('link', { name: firstPage.items[0]!.name }).first().waitFor();

  // Filter by name: only metabolic panels, as many as the API finds.
  const byName = await api<ResultList>('results?name=metabolic');
  expect(byName.items.length).toBeGreaterThan(1);
  await page.getByLabel('Test name').fill('metabolic');
  await page.getByRole('button', { name: 'Find results' }).click();
  await expect.poll(() => rows.count()).toBe(byName.items.length);
  for (const name of await list.getByRole('heading').allTextContents()) expect(name).toMatch(/metabolic/i);

  // "Show hospital results": the hidden panel joins the list, and the choice outlives a reload.
  const hospitalBox = page.getByRole('checkbox', { name: 'Show hospital results' });
  await hospitalBox.check();
  await expect.poll(() => rows.count()).toBe(byName.items.length + 1);
  expect(await main.getByText(/hospital results? (is|are) hidden/).count()).toBe(0);
  await page.reload();
  await heading(page, 'Test Results').waitFor();
  await rows.first().waitFor();
  expect(await page.getByRole('checkbox', { name: 'Show hospital results' }).isChecked()).toBe(true);

  // A search that finds nothing says so, with the way back to every result.
  await page.getByLabel('Test name').fill('no such test');
  await page.getByRole('button', { name: 'Find results' }).click();
  await main.getByText('No test results match what you looked for.').waitFor();
  await page.getByRole('button', { name: 'Show all results' }).click();
  await rows.first().waitFor();
  expect(await page.getByLabel('Test name').inputValue()).toBe('');

  // Open the latest glucose's report by clicking within its row, away from the name's link.
  await page.getByLabel('Test name').fill('metabolic');
  await page.getByRole('button', { name: 'Find results' }).click();
  await expect.poll(() => rows.count()).toBe(byName.items.length + 1);
  const row = rows.filter({ hasText: `Collected ${collectedOn}` }).first();
  const box = (await row.boundingBox())!;
  await row.click({ position: { x: box.width - 16, y: box.height - 12 } }); // the row's far corner, away from its name
  await page.waitForURL(`**/health/test-results/${report.id}`);
  await page.getByRole('link', { name: 'Ask a question about this result' }).waitFor();
  await page.getByRole('complementary', { name: 'About your test results' }).waitFor();

  // The glucose value as the record has it, its unit, the table's range (and where it came from), the flag in words.
  const glucoseRow = main.getByRole('row').filter({ has: page.getByRole('rowheader', { name: table.name }) });
  await glucoseRow.getByText(shown, { exact: true }).waitFor();
  await glucoseRow.getByText(`${band.low}–${band.high} ${table.unit}`, { exact: true }).waitFor();
  await glucoseRow.getByText(`Range from ${tenant.organisation.name}'s reference table`).waitFor();
  await glucoseRow.getByText(expectedFlag, { exact: true }).waitFor();
  await checkA11yAtBothWidths(page);

  // Its trend: the table has one row per value the API reports, the latest last.
  const trend = await api<ResultTrend>(`results/trends/${GLUCOSE}`);
  expect(trend.points.length).toBeGreaterThan(1);
  await glucoseRow.getByRole('link', { name: `See trend of ${table.name}` }).click();
  await heading(page, `Trend of ${trend.name}`).waitFor();
  const values = page.getByRole('table', { name: `Values of ${trend.name}, oldest first` });
  await values.waitFor();
  expect(await values.locator('tbody tr').count()).toBe(trend.points.length);
  const last = values.locator('tbody tr').last();
  await last.getByText(shown, { exact: true }).waitFor();
  await last.getByText(expectedFlag, { exact: true }).waitFor();
  await page.getByRole('img', { name: new RegExp(`^${trend.name}, ${trend.points.length} values from `) }).waitFor();
  await checkA11yAtBothWidths(page);

  // Ask a question about the result: the question form is already about this test report.
  await last.getByRole('link').click();
  await page.waitForURL(`**/health/test-results/${report.id}`);
  await page.getByRole('link', { name: 'Ask a question about this result' }).click();
  await heading(page, 'Ask a Question').waitFor();
  expect(new URL(page.url()).searchParams.get('about')).toBe(`DiagnosticReport/${report.id}`);
  await main.getByText('About: a test report').waitFor();
  await page.getByLabel('To', { exact: true }).selectOption({ index: 1 });
  await page.getByLabel('Subject').fill('My metabolic panel');
  await page.getByLabel('Message', { exact: true }).fill('Is my potassium something to worry about?');
  await page.getByRole('button', { name: 'Send message' }).click();

  // The conversation links back to the result.
  await heading(page, 'My metabolic panel').waitFor();
  await main.getByRole('link', { name: 'Open the test result' }).click();
  await page.waitForURL(`**/health/test-results/${report.id}`);
  await page
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: table.name }) })
    .waitFor();
  expectNoProblems(problems);
});

test('a clinician notes and releases a held genetic report; the bell tells the patient, who reads the note and the findings', async () => {
  const { app, ctx } = server.testApp;
  const { patientId } = await signUpPatient(app, ctx, 'Louis_Maggio', 'louis.results', password);
  // Resulted yesterday; genetic tests wait for the clinician (the demo's release rules). Findings in words, no values.
  const display = 'Genetic analysis report';
  const conclusion =
    'One copy of the HFE C282Y variant was found.\nThis makes you a carrier. It does not cause iron overload on its own.';
  await importLabReports(ctx, patientId, [
    { category: 'GE', loinc: '51969-4', display, at: '2026-11-23T16:00:00.000Z', values: [], conclusion },
  ]);

  // The clinician, in a browser of their own: the Held view of the results queue, then the report beside the chart.
  const staff = track(await openAsStaff(browser, server, 'clinician', 1280, '/staff/results?view=held'));
  const desk = staff.page;
  const title = `${display} — Louis Maggio`;
  const row = desk
    .getByRole('list', { name: 'Held results' })
    .getByRole('listitem')
    .filter({ has: desk.getByRole('link', { name: title }) });
  await row.getByText('Held: Genetic tests — held until you release it').waitFor();
  await row.getByRole('link', { name: title }).click();
  await heading(desk, display).waitFor();
  const report = desk.getByRole('region', { name: 'Report', exact: true });
  expect(await report.getByText(/^One copy of the HFE C282Y variant/).innerText()).toBe(conclusion);
  expect(await desk.getByRole('main').getByRole('table').count()).toBe(0); // no empty values table
  await checkA11yAtBothWidths(desk);

  // A note for the patient, released with the report after confirming.
  const note = 'Being a carrier does not make you ill. Your children could be carriers too; we can talk about testing.';
  await desk.getByLabel('Note for the patient').fill(note);
  await desk.getByRole('button', { name: 'Release with note' }).click();
  const dialog = desk.getByRole('dialog', { name: `Release ${display} to Louis Maggio?` });
  await dialog.getByText('Your note is saved and released with it.').waitFor();
  await settled(desk);
  await dialog.getByRole('button', { name: 'Release with note' }).click();
  await desk.getByText('Released to the patient on November 24, 2026').waitFor();
  expectNoProblems(staff.problems);

  // The patient: the bell has the news (it names no test), and leads to Test Results.
  const { page, problems } = track(await openAsPatient(browser, server, 1280, 'louis.results', password));
  const bell = page.getByRole('banner').getByRole('link', { name: /^Notifications, \d+ unread$/ });
  await bell.click();
  await heading(page, 'Notifications').waitFor();
  const news = page
    .getByRole('list', { name: 'Notifications, newest first' })
    .getByRole('link', { name: 'You have a new test result (unread)' });
  await news.click();
  await heading(page, 'Test Results').waitFor();

  // The released report in the list; opened, the clinician's note and the findings, with their line breaks.
  await page.getByRole('list', { name: 'Test results' }).getByRole('link', { name: display }).click();
  await heading(page, display).waitFor();
  const main = page.getByRole('main');
  await main.getByRole('region', { name: 'Note from your provider' }).getByText(note).waitFor();
  const findings = main.getByRole('region', { name: 'What the report says' });
  expect(await findings.getByText(/^One copy of the HFE C282Y variant/).innerText()).toBe(conclusion);
  expect(await main.getByRole('table').count()).toBe(0);
  expect(await main.getByText('This report has no measured values.').count()).toBe(0);
  await checkA11yAtBothWidths(page);
  expectNoProblems(problems);
}, 120_000);
