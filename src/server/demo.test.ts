import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import { staffClient, Client, currentTotp, importPatient } from '../../test/helpers/identity-factories.ts';
import { sampleBundles } from '../../test/helpers/fhir-fixtures.ts';
import type { MedicationList } from '../shared/records.ts';
import type { SchedulingOptions, SlotDays, VisitsOverview } from '../shared/appointments.ts';
import { FhirService } from './modules/fhir/fhir.service.ts';
import { prepareDemo } from './demo.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_TOTP_SECRET } from './modules/identity/demo-accounts.ts';

describe('the demo organisation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-24T15:00:00.000Z' });
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    await prepareDemo(t.ctx, { force: false });
    await prepareDemo(t.ctx, { force: false }); // idempotent
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await t.close();
  });

  it('lets every demo patient sign in with the README password', async () => {
    for (const a of DEMO_ACCOUNTS.filter((x) => x.realm === 'patient')) {
      const res = await new Client(t.app).post('/api/auth/signin', { username: a.username, password: DEMO_PASSWORD });
      expect(res.statusCode, a.username).toBe(200);
      expect(res.json().account.patientId).toBe(a.patientId);
    }
  });

  it('gives the demo adult clinicians she can book with online, two upcoming visits, and e-check-in for the first', async () => {
    const c = new Client(t.app);
    await c.post('/api/auth/signin', { username: 'elvina', password: DEMO_PASSWORD });
    const base = `/api/patients/${DEMO_ACCOUNTS[0]!.patientId!}`;
    const options = (await c.get(`${base}/scheduling`)).json() as SchedulingOptions;
    expect(options.providers.length).toBeGreaterThan(0);
    const [provider] = options.providers;
    const slots = (
      await c.get(`${base}/scheduling/slots?practitionerId=${provider!.id}&visitTypeId=office-visit&days=14`)
    ).json() as SlotDays;
    expect(slots.days.reduce((n, d) => n + d.slots.length, 0)).toBeGreaterThan(50);
    const overview = (await c.get(`${base}/visits`)).json() as VisitsOverview;
    expect(overview.upcoming).toHaveLength(2);
    expect(overview.upcoming[0]!.actions).toMatchObject({ canCancel: true, canCheckIn: true });
    expect(overview.upcoming[1]!.actions.canCheckIn).toBe(false);
    // Every department phone number is one reserved for fiction.
    for (const p of options.requestable) expect(p.department).not.toMatch(/\d{3}-\d{4}/);
    for (const a of overview.upcoming) expect(a.department.phone).toMatch(/^\(555\) 555-01\d\d$/);
  });

  it('lets every demo staff member sign in with the password and the demo 2-step key', async () => {
    for (const a of DEMO_ACCOUNTS.filter((x) => x.realm === 'staff')) {
      const c = new Client(t.app);
      const first = await c.post('/api/staff/auth/signin', { username: a.username, password: DEMO_PASSWORD });
      expect(first.json(), a.username).toMatchObject({ stage: 'second_factor', mustEnrolSecondFactor: false });
      t.clock.advance(30_000); // one code per time step
      const second = await c.post('/api/staff/auth/second-factor', {
        code: currentTotp(DEMO_TOTP_SECRET, t.clock.now()),
      });
      expect(second.json(), a.username).toMatchObject({ stage: 'full', account: { staffRole: a.role } });
    }
  });
});

describe('the demo parent', () => {
  it('has proxy access to a minor when the sample dates are shifted to now', async () => {
    const t = await startTestApp({ now: '2026-11-24T15:00:00.000Z' });
    try {
      vi.spyOn(console, 'log').mockImplementation(() => undefined);
      await prepareDemo(t.ctx, { force: true }); // dates shifted to the test clock: Erminia is about 12
      const c = new Client(t.app);
      await c.post('/api/auth/signin', { username: 'elsa', password: DEMO_PASSWORD });
      const records = (await c.get('/api/account/records')).json().records as {
        displayName: string;
        relation: string;
      }[];
      expect(records.map((r) => [r.displayName, r.relation])).toEqual([
        ['Elsa Vargas', 'self'],
        ['Erminia Ondricka', 'proxy_full'],
      ]);
      // The synthetic restricted items (demo/synthea/zz-synthetic-confidential-erminia.json) are in her record,
      // marked restricted, and hidden from her parent.
      const child = 'cb0a84bd-b04c-458e-baa3-c9f89ca767d7';
      const fhir = new FhirService(t.ctx.db.kysely);
      const stored = [
        ...(await fhir.recordItems(child, 'Condition')),
        ...(await fhir.recordItems(child, 'MedicationRequest')),
      ];
      const restricted = stored.filter((r) => r.securityLabels === 'R').map((r) => JSON.stringify(r.resource));
      expect(restricted.join(' ')).toMatch(/Depressive disorder/);
      expect(restricted.join(' ')).toMatch(/sertraline/);
      const issues = (await c.get(`/api/patients/${child}/health-issues`)).json() as {
        active: { name: string }[];
        resolved: { name: string }[];
      };
      const meds = (await c.get(`/api/patients/${child}/medications`)).json() as MedicationList;
      const parentSees = [...issues.active, ...issues.resolved, ...meds.current, ...meds.past]
        .map((i) => i.name)
        .join(' | ');
      expect(parentSees.length).toBeGreaterThan(0);
      expect(parentSees).not.toMatch(/depressive|sertraline/i);
      // Her confidential question to the care team: in the clinician's in-basket, not in her parent's view.
      const threads = (await c.get(`/api/patients/${child}/messages?box=sent`)).json() as {
        threads: { subject: string }[];
      };
      expect(threads.threads.map((x) => x.subject)).not.toContain('Question about my new prescription');
      expect((await c.get(`/api/patients/${child}/messages/7d2e9a4c-5b1f-4c8e-9a3d-6e0f1b2c3d4e`)).statusCode).toBe(
        404,
      );
      const home = (await c.get(`/api/patients/${child}/home`)).json() as { requestsInProgress: { messages: number } };
      expect(home.requestsInProgress.messages).toBe(0);
      const clinician = await staffClient(t.app, t.ctx, 'clinician');
      const items = (await clinician.get('/api/staff/work-items')).json() as {
        items: { details: { subject?: string } }[];
      };
      expect(items.items.map((i) => i.details.subject)).toContain('Question about my new prescription');
    } finally {
      vi.restoreAllMocks();
      await t.close();
    }
  });
});

describe('the demo never plants its published sign-ins on a real database', () => {
  const accounts = async (t: TestApp) =>
    (await t.ctx.db.kysely.selectFrom('account').select('username').execute()).map((r) => r.username);

  it('creates no accounts on a database that already holds patients the demo did not load', async () => {
    const t = await startTestApp();
    try {
      vi.spyOn(console, 'log').mockImplementation(() => undefined);
      await importPatient(t.ctx, 'Louis_Maggio');
      expect(await prepareDemo(t.ctx, { force: false })).toBe(false);
      expect(await prepareDemo(t.ctx, { force: true })).toBe(false); // `lantern seed-demo` too
      expect(await accounts(t)).toEqual([]);
    } finally {
      vi.restoreAllMocks();
      await t.close();
    }
  });

  it('creates nothing in production or with another organisation, even on an empty database', async () => {
    for (const deployment of [
      { production: true, demoTenant: true, trustProxy: false },
      { production: false, demoTenant: false, trustProxy: false },
    ]) {
      const t = await startTestApp({ config: { deployment } });
      try {
        vi.spyOn(console, 'log').mockImplementation(() => undefined);
        expect(await prepareDemo(t.ctx, { force: false })).toBe(false);
        expect(await accounts(t)).toEqual([]);
      } finally {
        vi.restoreAllMocks();
        await t.close();
      }
    }
  });
});

describe('the demo sample bundles', () => {
  it('name only fictional organisations, with phone numbers reserved for fiction (Synthea ships real facilities)', () => {
    const organisations = sampleBundles()
      .flatMap((b) => b.json.entry.map((e) => e.resource))
      .filter((r) => r.resourceType === 'Organization') as unknown as {
      name: string;
      telecom?: { value: string }[];
    }[];
    expect(organisations.length).toBeGreaterThan(0);
    for (const o of organisations) {
      expect(o.name).toMatch(/^Lantern Valley /);
      // 555-0100 to 555-0199 are the North American numbers reserved for fiction.
      for (const t of o.telecom ?? []) expect(t.value.replace(/\D/g, '')).toMatch(/^\d{3}55501\d\d$/);
    }
  });
});
