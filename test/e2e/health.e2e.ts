import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import type {
  Allergy,
  HealthIssue,
  ImmunizationGroup,
  HomeSummary,
  MedicalHistory,
  MedicationList,
  VisitInstructions,
} from '../../src/shared/records.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { openAsPatient, openAsStaff, type SignedInPage } from '../helpers/browser-sign-in.ts';
import { importPatient, signUpPatient } from '../helpers/identity-factories.ts';
import { pdfText } from '../helpers/pdf-text.ts';
import { accountIdOf, grantProxy } from '../helpers/proxy-factories.ts';
import { startWebServer, type WebServer } from '../helpers/web-server.ts';
import { checkA11yAtBothWidths, expectNoProblems, heading } from '../helpers/page-checks.ts';

/**
 * My health record in a real browser against the real server and the sample records: a patient opens Home and every
 * Health page and sees their own data (names taken from the API), asks for a refill, which a clinician approves from
 * the in-basket, downloads the immunization record and finds their name and a vaccine in the PDF's text, and reads an
 * education topic rendered from Markdown. A parent sees a child's Health pages minus a confidential health issue. A
 * stranger asking for someone else's record gets 404. Every page is checked with axe at 1280 px and 375 px.
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

/**
 * Shows the queue tab holding the patient's refill request (its pool read from the database), as a clinician who
 * works several care teams would pick it, and waits for the request in that tab's list.
 */
async function openItemsPool(desk: Page, patientId: string): Promise<void> {
  const { pool } = await server.testApp.ctx.db.kysely
    .selectFrom('work_item')
    .select('pool')
    .where('type', '=', 'refill_request')
    .where('patient_id', '=', patientId)
    .executeTakeFirstOrThrow();
  await desk.goto(`${server.baseUrl}/staff/queue?pool=${encodeURIComponent(pool)}`);
  await desk.getByRole('tab', { selected: true }).waitFor();
}

/** Opens a Health page from the Health overview, as a patient would. */
async function openHealthPage(page: Page, name: string): Promise<void> {
  await page.getByRole('banner').getByRole('link', { name: 'Health', exact: true }).click();
  await heading(page, 'Health').waitFor();
  await page.getByRole('navigation', { name: 'Health pages' }).getByRole('link', { name, exact: true }).click();
  await heading(page, name).waitFor();
}

test('a patient reads each Health page, asks for a refill a clinician approves, downloads the immunization record and reads an education topic', async () => {
  const { app, ctx } = server.testApp;
  const { client, patientId } = await signUpPatient(app, ctx, 'Louis_Maggio', 'louis.health', password);
  const api = async <T>(path: string): Promise<T> =>
    (await client.get(`/api/patients/${patientId}/${path}`)).json() as T;
  const home = await api<HomeSummary>('home');
  const medications = await api<MedicationList>('medications');
  const allergies = await api<{ items: Allergy[] }>('allergies');
  const immunizations = await api<{ vaccines: ImmunizationGroup[] }>('immunizations');
  const issues = await api<{ active: HealthIssue[]; resolved: HealthIssue[] }>('health-issues');
  const history = await api<MedicalHistory>('history');
  const visits = await api<{ visits: VisitInstructions[] }>('visit-instructions');
  expect(medications.current.length).toBeGreaterThan(0);
  expect(allergies.items.length).toBeGreaterThan(0);
  expect(immunizations.vaccines.length).toBeGreaterThan(0);
  expect(visits.visits.length).toBeGreaterThan(0);

  const patient = track(await openAsPatient(browser, server, 1280, 'louis.health', password));
  const { page } = patient;
  const main = page.getByRole('main');

  // Home: the summary from one request, with the counts in words.
  await main.getByText(`${home.currentMedications} current medications.`).waitFor();
  await main.getByText(`${home.activeHealthIssues} active health issues.`).waitFor();
  // Only what the portal does: no "coming soon" promises of pages that do not exist yet.
  await main.getByRole('link', { name: 'Ask a Question' }).waitFor();
  expect(await main.getByText(/coming soon/i).count()).toBe(0);
  await checkA11yAtBothWidths(page);

  // Health overview, then Medications: current and past, as a compact list that leaves out what the record lacks.
  await page.getByRole('banner').getByRole('link', { name: 'Health', exact: true }).click();
  await heading(page, 'Health').waitFor();
  await page.getByRole('complementary', { name: "Why isn't all my information here?" }).waitFor();
  await checkA11yAtBothWidths(page);
  await openHealthPage(page, 'Medications');
  const current = page.getByRole('list', { name: 'Current medications' });
  const medication = medications.current[0]!;
  await current.getByRole('heading', { name: medication.name }).waitFor();
  if (medications.past[0])
    await page
      .getByRole('list', { name: 'Past medications' })
      .getByRole('heading', { name: medications.past[0].name })
      .first()
      .waitFor();
  if (medication.prescriber) await current.getByText(`Prescribed by ${medication.prescriber}`).first().waitFor();
  expect(await main.getByText('Not recorded').count()).toBe(0);
  await checkA11yAtBothWidths(page);

  // A refill: pharmacy and comment, what happens next said before sending.
  const item = current.getByRole('listitem').filter({ has: page.getByRole('heading', { name: medication.name }) });
  await item.getByRole('button', { name: `Request a refill of ${medication.name}` }).click();
  await item.getByLabel('Pharmacy').fill('Walgreens, 1200 Bardstown Rd');
  await item.getByLabel('Comment (optional)').fill('Three doses left.');
  await item.getByText(/^Your request goes to your care team\./).waitFor();
  await item.getByText(/You can expect a reply within/).waitFor();
  await checkA11yAtBothWidths(page);
  await item.getByRole('button', { name: 'Send refill request' }).dblclick();
  await main.getByText(`Your refill request for ${medication.name} was sent to your care team.`).waitFor();
  await item.getByText('Refill requested on November 24, 2026 for Walgreens, 1200 Bardstown Rd.').waitFor();
  await item.getByText('Requested', { exact: true }).waitFor();
  expect(await item.getByRole('button', { name: /^Request a refill/ }).count()).toBe(0);
  const refills = await ctx.db.kysely
    .selectFrom('work_item')
    .select('id')
    .where('type', '=', 'refill_request')
    .where('patient_id', '=', patientId)
    .execute();
  expect(refills).toHaveLength(1);

  // Allergies, Immunizations, Health issues, Medical history, Visit instructions: each shows the record's items.
  await openHealthPage(page, 'Allergies');
  const allergy = page
    .getByRole('list', { name: 'Allergies and intolerances' })
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: allergies.items[0]!.substance }) });
  // Criticality in FHIR's sense: the risk of a severe reaction, not the severity of one.
  if (allergies.items[0]!.criticality === 'low') await allergy.getByText('Risk of a severe reaction: low').waitFor();
  expect(await main.getByText(/Severity/i).count()).toBe(0);
  await checkA11yAtBothWidths(page);

  await openHealthPage(page, 'Immunizations');
  // Grouped by vaccine: one item per vaccine, with the number of doses and their dates.
  const vaccineList = page.getByRole('list', { name: 'Vaccines received' });
  await vaccineList.getByRole('heading', { name: immunizations.vaccines[0]!.vaccine }).waitFor();
  expect(await vaccineList.getByRole('listitem').count()).toBe(immunizations.vaccines.length);
  const most = [...immunizations.vaccines].sort((a, b) => b.doses.length - a.doses.length)[0]!;
  await vaccineList
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: most.vaccine }) })
    .getByText(new RegExp(`^${most.doses.length} doses: `))
    .waitFor();
  await checkA11yAtBothWidths(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download immunization record (PDF)' }).click(),
  ]);
  const text = (await pdfText(new Uint8Array(await readFile((await download.path())!)))).join('\n');
  expect(text).toContain('Louis Maggio');
  const shortest = [...immunizations.vaccines].sort((a, b) => a.vaccine.length - b.vaccine.length)[0]!.vaccine;
  expect(text).toContain(shortest);

  await openHealthPage(page, 'Health issues');
  await page
    .getByRole('list', { name: 'Active health issues' })
    .getByRole('heading', { name: issues.active[0]!.name })
    .first()
    .waitFor();
  if (issues.resolved[0])
    await page
      .getByRole('list', { name: 'Resolved health issues' })
      .getByRole('heading', { name: issues.resolved[0].name })
      .first()
      .waitFor();
  await checkA11yAtBothWidths(page);
  // The filter narrows the list as you type.
  await page.getByLabel('Filter health issues').fill(issues.active[0]!.name.slice(0, 6));
  await page
    .getByRole('list', { name: 'Active health issues' })
    .getByRole('heading', { name: issues.active[0]!.name })
    .first()
    .waitFor();
  await page.getByLabel('Filter health issues').fill('zzzz');
  await main.getByText('Nothing here matches “zzzz”.').first().waitFor();
  await page.getByLabel('Filter health issues').fill('');

  // An education topic from a health issue, rendered from Markdown as headings and a list.
  const withTopic =
    issues.active.find((i) => i.education.length > 0) ?? issues.resolved.find((i) => i.education.length > 0);
  expect(withTopic).toBeDefined();
  const topic = withTopic!.education[0]!;
  await page
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: withTopic!.name }) })
    .first()
    .getByRole('link', { name: topic.title })
    .click();
  await heading(page, topic.title).waitFor();
  const topicBody = (await client.get(`/api/patients/${patientId}/education/${topic.id}`)).json() as { body: string };
  const subheading = /^##\s+(.+)$/m.exec(topicBody.body)![1]!;
  const bullet = /^-\s+(.+)$/m.exec(topicBody.body)![1]!;
  await heading(page, subheading, 2).waitFor();
  await main.getByRole('listitem').filter({ hasText: bullet }).first().waitFor();
  expect(await main.locator('.markdown-text').innerHTML()).not.toContain('##');
  await checkA11yAtBothWidths(page);

  await openHealthPage(page, 'Medical history');
  if (history.medical[0])
    await page.getByRole('list', { name: 'Past medical history' }).getByText(history.medical[0].name).first().waitFor();
  if (history.family.length === 0) await main.getByText('No family history is recorded.').waitFor();
  // Social history: each observation once, with its latest value.
  expect(await page.getByRole('list', { name: 'Social history' }).getByRole('listitem').count()).toBe(
    history.social.length,
  );
  await page.getByRole('heading', { level: 2, name: 'Other procedures' }).waitFor();
  await checkA11yAtBothWidths(page);

  await openHealthPage(page, 'Visit instructions');
  await main.getByRole('heading', { level: 3, name: visits.visits[0]!.items[0]!.title }).first().waitFor();
  await checkA11yAtBothWidths(page);

  // "Why isn't all my information here?" leads to a Medical Record Request.
  await page.getByRole('link', { name: 'Request your medical records' }).click();
  await heading(page, 'Ask a Question').waitFor();
  expect(await page.getByRole('radio', { name: 'Customer Service Question' }).isChecked()).toBe(true);
  expect(await page.getByLabel('Topic').inputValue()).toBe('medical_record_request');
  expectNoProblems(patient.problems);

  // The clinician approves the refill from the care team's queue, after confirming.
  const staff = track(await openAsStaff(browser, server, 'clinician', 1280, '/staff/queue'));
  const desk = staff.page;
  const title = `Refill request: ${medication.name} (Louis Maggio)`;
  await desk
    .getByRole('tab', { name: /^Care team: / })
    .first()
    .waitFor();
  await openItemsPool(desk, patientId);
  await desk.getByRole('link', { name: title }).click();
  await heading(desk, title).waitFor();
  await desk.getByText('Walgreens, 1200 Bardstown Rd').waitFor();
  await desk.getByText('Three doses left.').waitFor();
  await checkA11yAtBothWidths(desk);
  await desk.getByRole('button', { name: 'Deny refill' }).click();
  await desk.getByText('Give the reason the patient will read.').waitFor();
  await desk.getByRole('button', { name: 'Approve refill' }).click();
  const dialog = desk.getByRole('dialog', { name: 'Approve this refill?' });
  await dialog.getByText(`Louis Maggio is told that the refill of`).waitFor();
  await dialog.getByRole('button', { name: 'Approve' }).click();
  await desk.getByText('Closed: Approved').waitFor();

  // Visit instructions added from the patient page, which the patient reads with the author's name.
  await desk.goto(`${server.baseUrl}/staff/patients/${patientId}`);
  await heading(desk, 'Louis Maggio').waitFor();
  await desk.getByLabel('Visit', { exact: true }).selectOption({ index: 1 });
  await desk.getByLabel('Title').fill('After your visit');
  await desk.getByLabel('Instructions', { exact: true }).fill('Rest your hand for a week.\nIce twice a day.');
  await desk.getByRole('button', { name: 'Add instructions' }).click();
  await desk.getByText('“After your visit” was added. The patient can read it now.').waitFor();
  await checkA11yAtBothWidths(desk);
  expectNoProblems(staff.problems);

  await page.goto(`${server.baseUrl}/health/medications`);
  await item.getByText('Approved', { exact: true }).waitFor();
  await item.getByText(/^Refill approved on November 24, 2026/).waitFor();
  await page.goto(`${server.baseUrl}/health/visit-instructions`);
  const added = main.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'After your visit' }) });
  await added.getByText(/^Added by /).waitFor();
  expect(await added.innerText()).toContain('Rest your hand for a week.\nIce twice a day.');
  expectNoProblems(patient.problems);
}, 180_000); // every Health page at two widths with axe, and a clinician in a second browser: about 70 s here

test('a clinician decides a refill with the patient’s chart beside it, and the closed item says who closed it', async () => {
  const { app, ctx } = server.testApp;
  const { client, patientId } = await signUpPatient(app, ctx, 'Elsa_Vargas', 'elsa.chart', password);
  const medications = (await client.get(`/api/patients/${patientId}/medications`)).json() as MedicationList;
  const allergies = (await client.get(`/api/patients/${patientId}/allergies`)).json() as { items: Allergy[] };
  const medication = medications.current[0]!;
  const asked = await client.post(`/api/patients/${patientId}/medications/${medication.id}/refill-requests`, {
    pharmacy: 'Main Street Pharmacy',
    idempotencyKey: 'chart-journey-refill-0001',
  });
  expect(asked.statusCode, asked.body).toBe(201);

  // The queue opens on a tab with work waiting; every tab says how much.
  const staff = track(await openAsStaff(browser, server, 'clinician', 1280, '/staff/queue'));
  const desk = staff.page;
  const tabs = desk.getByRole('tab', { name: /^Care team: .*, \d+ open$/ });
  await tabs.first().waitFor();
  expect(await desk.getByRole('tab', { selected: true }).textContent()).not.toContain(', 0 open');
  expect(await desk.getByText('Your role does not work any queue').count()).toBe(0);
  const title = `Refill request: ${medication.name} (Elsa Vargas)`;
  await openItemsPool(desk, patientId);
  await desk.getByRole('link', { name: title }).waitFor();
  await checkA11yAtBothWidths(desk);
  await desk.getByRole('link', { name: title }).click();
  await heading(desk, title).waitFor();

  // The chart, read-only, beside the decision: the record's medications and allergies, visits in plain words.
  const chart = desk.getByRole('region', { name: 'Chart: Elsa Vargas' });
  await chart.waitFor();
  const meds = chart.getByRole('region', { name: 'Current medications' });
  for (const m of medications.current) await meds.getByText(m.name, { exact: true }).first().waitFor();
  const inForce = allergies.items.filter((a) => a.status !== 'inactive' && a.status !== 'resolved');
  expect(inForce.length).toBeGreaterThan(0);
  for (const a of inForce)
    await chart.getByRole('region', { name: 'Allergies' }).getByText(a.substance, { exact: true }).first().waitFor();
  await chart.getByRole('region', { name: 'Active problems' }).waitFor();
  const visits = await chart.getByRole('region', { name: 'Recent visits' }).getByRole('listitem').allInnerTexts();
  expect(visits).toHaveLength(5);
  for (const v of visits) {
    expect(v).toMatch(/^[A-Z][a-z]+ \d{1,2}, \d{4}\n+(Office visit|Hospital stay|Emergency|Visit)/);
    expect(v).not.toMatch(/\(procedure\)|\(disorder\)|Encounter|\bAMB\b|\bEMER\b|\bIMP\b/);
  }
  const decision = desk.getByRole('region', { name: 'Decision', exact: true });
  const [workBox, chartBox] = [await decision.boundingBox(), await chart.boundingBox()];
  expect(chartBox!.x).toBeGreaterThan(workBox!.x + workBox!.width - 1); // beside it at 1280 px
  await checkA11yAtBothWidths(desk);
  await desk.setViewportSize({ width: 375, height: 900 });
  const [narrowWork, narrowChart] = [await decision.boundingBox(), await chart.boundingBox()];
  expect(narrowChart!.y).toBeGreaterThan(narrowWork!.y); // below it on a phone
  await desk.setViewportSize({ width: 1280, height: 900 });
  const reads = await ctx.audit.forPatient(patientId);
  expect(reads.some((e) => e.action === 'record.chart.read' && e.actorType === 'staff')).toBe(true);

  await desk.getByRole('button', { name: 'Approve refill' }).click();
  await desk.getByRole('dialog', { name: 'Approve this refill?' }).getByRole('button', { name: 'Approve' }).click();
  await desk.getByText('Closed: Approved').waitFor();
  await desk.getByText('Closed by Test clinician, November 24, 2026').waitFor();
  expect(await desk.getByText(/^Being worked by/).count()).toBe(0);
  expectNoProblems(staff.problems);
}, 120_000);

test('a parent sees a child’s Health pages without the health issue marked confidential', async () => {
  const { app, ctx } = server.testApp;
  const child = await importPatient(ctx, 'Sherron_Kutch');
  const { client } = await signUpPatient(app, ctx, 'Reyna_Ziemann', 'reyna.health', password);
  await grantProxy(ctx, child.patientId, await accountIdOf(ctx, 'reyna.health'), 'minor', 'full');
  const issuesOf = async () =>
    (await client.get(`/api/patients/${child.patientId}/health-issues`)).json() as {
      active: HealthIssue[];
      resolved: HealthIssue[];
    };
  const all = [...(await issuesOf()).active, ...(await issuesOf()).resolved];
  const names = all.map((i) => i.name);
  const unique = all.filter((i) => names.filter((n) => n === i.name).length === 1);
  expect(unique.length).toBeGreaterThanOrEqual(2);
  const [secret, visible] = unique as [HealthIssue, HealthIssue];
  await ctx.db.kysely.updateTable('fhir_resource').set({ security_labels: 'R' }).where('id', '=', secret.id).execute();
  const after = await issuesOf();
  expect([...after.active, ...after.resolved].map((i) => i.name)).not.toContain(secret.name);

  const parent = track(await openAsPatient(browser, server, 1280, 'reyna.health', password));
  const { page } = parent;
  await page.getByRole('button', { name: /^Viewing: / }).click();
  await page.getByRole('menuitem', { name: /Sherron Kutch/ }).click();
  await page.getByRole('heading', { level: 2, name: "Sherron Kutch's record" }).waitFor();
  const home = (await client.get(`/api/patients/${child.patientId}/home`)).json() as HomeSummary;
  await page
    .getByRole('main')
    .getByText(
      home.activeHealthIssues === 1 ? '1 active health issue.' : `${home.activeHealthIssues} active health issues.`,
    )
    .waitFor();
  await checkA11yAtBothWidths(page);

  await openHealthPage(page, 'Health issues');
  await page.getByText("Showing Sherron Kutch's record.").waitFor();
  await page.getByRole('main').getByRole('heading', { name: visible.name }).waitFor();
  expect(await page.getByRole('main').getByText(secret.name).count()).toBe(0);
  await checkA11yAtBothWidths(page);

  for (const name of ['Medications', 'Allergies', 'Immunizations', 'Medical history', 'Visit instructions']) {
    await openHealthPage(page, name);
    await page.getByText("Showing Sherron Kutch's record.").waitFor();
    await page.getByRole('complementary', { name: "Why isn't all my information here?" }).waitFor();
    await checkA11yAtBothWidths(page);
  }
  expectNoProblems(parent.problems);
}, 120_000); // about 45 s here

test('a stranger asking for someone else’s record gets 404, and an unknown topic shows the not-found state', async () => {
  const { app, ctx } = server.testApp;
  const other = await importPatient(ctx, 'Elsa_Vargas');
  await signUpPatient(app, ctx, 'Trenton_Turner', 'trenton.health', password);
  const stranger = track(await openAsPatient(browser, server, 1280, 'trenton.health', password));
  const { page } = stranger;
  for (const path of [
    'medications',
    'allergies',
    'immunizations',
    'immunizations/record.pdf',
    'health-issues',
    'history',
    'visit-instructions',
    'home',
    'education/diabetes',
  ]) {
    const res = await page.request.get(`${server.baseUrl}/api/patients/${other.patientId}/${path}`);
    expect(res.status(), path).toBe(404);
  }
  await page.goto(`${server.baseUrl}/health/education/no-such-topic`);
  await page
    .getByRole('main')
    .getByText('This is not in the record you are looking at, or you do not have access to it.')
    .waitFor();
  await checkA11yAtBothWidths(page);
  expectNoProblems(stranger.problems, [404]);
});

test('while the database is unavailable a page says the problem is temporary, and its retry brings the page back', async () => {
  const { app, ctx } = server.testApp;
  await signUpPatient(app, ctx, 'Blaine_Schroeder', 'blaine.health', password);
  const signedIn = track(await openAsPatient(browser, server, 375, 'blaine.health', password));
  const { page } = signedIn;
  // The server answers as it does when its database is down (test/database-outage.test.ts shows it does).
  await page.route('**/api/patients/*/medications', (route) =>
    route.fulfill({
      status: 503,
      headers: { 'content-type': 'application/json', 'retry-after': '30' },
      body: JSON.stringify({
        error: { code: 'database_unavailable', message: 'Lantern can’t reach its database right now.' },
      }),
    }),
  );
  await page.goto(`${server.baseUrl}/health/medications`);
  const problem = page.getByRole('main').getByText(/temporary problem on our side/);
  await problem.waitFor();
  await checkA11yAtBothWidths(page);
  await page.unroute('**/api/patients/*/medications');
  await page.getByRole('main').getByRole('button', { name: 'Try again' }).click();
  await heading(page, 'Medications').waitFor();
  await problem.waitFor({ state: 'detached' });
  expectNoProblems(signedIn.problems, [503]);
});
