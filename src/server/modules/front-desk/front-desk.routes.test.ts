import { differenceInCalendarDays } from 'date-fns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffRole } from '../../db/schema.ts';
import { fhirImporter } from '../../services.ts';
import { createOutboxWorker } from '../../platform/outbox/outbox.cli.ts';
import { Client, createStaff, importPatient, signUpPatient } from '../../../../test/helpers/identity-factories.ts';
import { sampleBundle } from '../../../../test/helpers/fhir-fixtures.ts';
import { startSmtpSink, type SmtpSink } from '../../../../test/helpers/smtp-sink.ts';
import { startTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';

/** A client signed in as a new staff member of this role. */
async function staffClient(t: TestApp, role: StaffRole): Promise<Client & { accountId: string }> {
  const s = await createStaff(t.ctx, role);
  const c = new Client(t.app) as Client & { accountId: string };
  c.cookies.set('lantern_staff', s.cookie.split('=')[1]!);
  c.csrf = s.csrf;
  c.accountId = s.accountId;
  return c;
}

/** Imports a sample patient with their dates moved so that their last visit was on `lastVisitDate`. */
async function importWithLastVisitOn(
  t: TestApp,
  prefix: string,
  lastVisitDate: string,
): Promise<{ patientId: string; lastEncounterId: string }> {
  const b = sampleBundle(prefix);
  const encounters = b.json.entry.map((e) => e.resource).filter((r) => r.resourceType === 'Encounter') as unknown as {
    id: string;
    period: { start: string };
  }[];
  const last = encounters.sort((a, c) => a.period.start.localeCompare(c.period.start)).at(-1)!;
  const days = differenceInCalendarDays(new Date(lastVisitDate), new Date(last.period.start.slice(0, 10)));
  await fhirImporter(t.ctx).importBundle(b.file, b.json, {
    shift: { days },
  });
  return { patientId: b.json.entry[0]!.resource.id, lastEncounterId: last.id };
}

/** The mail body as the reader sees it (the sink keeps the quoted-printable wire form). */
function decodeQuotedPrintable(raw: string): string {
  return Buffer.from(
    raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');
}

const request = {
  firstName: 'Louis',
  lastName: 'Maggio',
  dateOfBirth: '1976-01-16',
  email: 'louis@example.org',
  phone: '(502) 555-0100',
};

describe('activation-code requests through the front desk', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let patientId: string;
  beforeAll(async () => {
    sink = await startSmtpSink();
    // Tuesday 24 November 2026, 10:00 Eastern time (the demo organisation's zone).
    t = await startTestApp({
      now: '2026-11-24T15:00:00.000Z',
      config: { mail: { smtpUrl: sink.url, from: 'Lantern <portal@example.org>' } },
    });
    ({ patientId } = await importPatient(t.ctx, 'Louis_Maggio'));
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  const submit = (body: object, ip = '198.51.100.7') =>
    t.app.inject({ method: 'POST', url: '/api/activation-code-requests', payload: body, remoteAddress: ip });

  it('files a request in the front-desk queue, due at the close of the next business day, and answers 202 with nothing', async () => {
    const res = await submit(request);
    expect(res.statusCode).toBe(202);
    expect(res.body).toBe('');
    const desk = await staffClient(t, 'front_desk');
    const list = await desk.get('/api/staff/work-items?pool=front_desk');
    expect(list.statusCode).toBe(200);
    const item = list.json().items.find((i: { details: { email?: string } }) => i.details.email === request.email);
    // Wednesday 25 November, 17:00 Eastern time (EST).
    expect(item).toMatchObject({
      type: 'activation_code_request',
      pool: 'front_desk',
      status: 'open',
      patient: null,
      dueAt: '2026-11-25T22:00:00.000Z',
      overdue: false,
      details: request,
    });
    expect(item.actions).toMatchObject({ canClaim: true, canIssueCode: true });
  });

  it('names the field when the form is incomplete', async () => {
    const res = await submit({ firstName: 'A', lastName: 'B', dateOfBirth: '1976-01-16' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('email');
  });

  it('takes 5 requests an hour from one address, then 429', async () => {
    for (let i = 0; i < 5; i++) expect((await submit(request, '203.0.113.9')).statusCode).toBe(202);
    expect((await submit(request, '203.0.113.9')).statusCode).toBe(429);
    expect((await submit(request, '203.0.113.10')).statusCode).toBe(202);
  });

  it('lets staff find the patient, issue a code from the request, and emails the requester only the code', async () => {
    await submit({ ...request, email: 'issue-me@example.org' }, '192.0.2.1');
    const desk = await staffClient(t, 'front_desk');
    const item = (await desk.get('/api/staff/work-items'))
      .json()
      .items.find((i: { details: { email?: string } }) => i.details.email === 'issue-me@example.org');

    const found = (await desk.get('/api/staff/patients?q=maggio%201976')).json().patients;
    expect(found).toEqual([{ id: patientId, displayName: 'Louis Maggio', birthDate: '1976-01-16' }]);

    const res = await desk.post(`/api/staff/work-items/${item.id}/activation-code`, { patientId });
    expect(res.statusCode).toBe(201);
    const issued = res.json();
    expect(issued).toMatchObject({
      visitDate: '2026-11-24',
      lastValidDate: '2027-01-08',
      sentTo: { email: true, phone: true },
    });
    expect(issued.item).toMatchObject({ status: 'closed', outcome: 'code_issued', patient: { id: patientId } });
    expect((await desk.post(`/api/staff/work-items/${item.id}/activation-code`, { patientId })).json().error.code).toBe(
      'work_item_closed',
    );

    const worker = createOutboxWorker(t.ctx);
    await worker.worker.runOnce();
    await worker.stop();
    const mail = sink.messages.find((m) => m.envelopeTo.includes('issue-me@example.org'));
    expect(mail?.subject).toBe(`Your ${t.ctx.config.tenant.organisation.portalName} activation code`);
    const body = decodeQuotedPrintable(mail!.raw);
    expect(body).toContain(issued.code);
    expect(body).toContain('through January 8, 2027');
    expect(body).not.toMatch(/diagnos|result|medication|Maggio/i);
    const sms = await t.ctx.db.kysely
      .selectFrom('outbox_message')
      .select('payload')
      .where('dedupe_key', '=', `n:activation.request_answered:${item.id}:code_issued:sms`)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(sms.payload)).toEqual({
      to: request.phone,
      text: expect.stringContaining(issued.code),
      urgent: true,
    });
    expect(JSON.parse(sms.payload).text.length).toBeLessThanOrEqual(160);

    // The emailed code really signs the patient up.
    const signup = await new Client(t.app).post('/api/auth/signup', {
      activationCode: issued.code,
      dateOfBirth: '1976-01-16',
      username: 'louis.m',
      password: 'violet harbour lantern',
    });
    expect(signup.statusCode).toBe(200);
    const view = (await desk.get(`/api/staff/patients/${patientId}`)).json();
    expect(view).toMatchObject({ hasAccount: true, actions: { canIssueCode: false } });
  });

  it('closes a request as not verified with a reason and asks the requester to call, saying nothing else', async () => {
    await submit({ ...request, email: 'nobody@example.org' }, '192.0.2.2');
    const desk = await staffClient(t, 'front_desk');
    const item = (await desk.get('/api/staff/work-items'))
      .json()
      .items.find((i: { details: { email?: string } }) => i.details.email === 'nobody@example.org');
    expect(
      (await desk.post(`/api/staff/work-items/${item.id}/activation-code/decline`, { reason: '' })).json().error.field,
    ).toBe('reason');
    const res = await desk.post(`/api/staff/work-items/${item.id}/activation-code/decline`, {
      reason: 'No patient with that name and birth date.',
    });
    expect(res.json()).toMatchObject({
      status: 'closed',
      outcome: 'not_verified',
      outcomeNote: 'No patient with that name and birth date.',
    });
    const email = await t.ctx.db.kysely
      .selectFrom('outbox_message')
      .select('payload')
      .where('dedupe_key', '=', `n:activation.request_answered:${item.id}:not_verified:email`)
      .executeTakeFirstOrThrow();
    const text = JSON.parse(email.payload).text as string;
    expect(text).toContain(t.ctx.config.tenant.contacts.portalSupport.phone);
    expect(text).not.toContain('No patient with that name');
  });

  it('answers 404 for an unknown patient and leaves the request open to work again', async () => {
    await submit({ ...request, email: 'typo@example.org' }, '192.0.2.3');
    const desk = await staffClient(t, 'front_desk');
    const item = (await desk.get('/api/staff/work-items'))
      .json()
      .items.find((i: { details: { email?: string } }) => i.details.email === 'typo@example.org');
    expect(
      (await desk.post(`/api/staff/work-items/${item.id}/activation-code`, { patientId: 'no-such-patient' }))
        .statusCode,
    ).toBe(404);
    const after = (await desk.get(`/api/staff/work-items/${item.id}`)).json();
    expect(after).toMatchObject({ status: 'in_progress', actions: { canIssueCode: true } });
    expect((await desk.get('/api/staff/patients/no-such-patient')).statusCode).toBe(404);
    expect((await desk.post('/api/staff/patients/no-such-patient/activation-codes', {})).statusCode).toBe(404);
    expect((await desk.get('/api/staff/work-items/no-such-item')).statusCode).toBe(404);
  });
});

describe('front-desk patient pages', () => {
  let t: TestApp;
  let patient: { patientId: string; lastEncounterId: string };
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-24T15:00:00.000Z' });
    patient = await importWithLastVisitOn(t, 'Elsa_Vargas', '2026-11-20');
  });
  afterAll(async () => t.close());

  it('shows the patient, their visits with each code’s last valid date, and audits the read', async () => {
    const desk = await staffClient(t, 'front_desk');
    const res = await desk.get(`/api/staff/patients/${patient.patientId}`);
    expect(res.statusCode).toBe(200);
    const view = res.json();
    expect(view).toMatchObject({
      patient: { displayName: 'Elsa Vargas', isMinor: false },
      hasAccount: false,
      todayLastValidDate: '2027-01-08',
      actions: { canIssueCode: true },
    });
    expect(view.visits[0]).toMatchObject({
      id: patient.lastEncounterId,
      visitDate: '2026-11-20',
      lastValidDate: '2027-01-04',
      codeEligible: true,
    });
    expect(view.visits.at(-1).codeEligible).toBe(false);
    const audit = await t.ctx.audit.forPatient(patient.patientId);
    expect(audit.map((e) => e.action)).toContain('staff.patient.read');
  });

  it('issues a code tied to a chosen visit, shown once; refuses a visit too long ago', async () => {
    const desk = await staffClient(t, 'front_desk');
    const res = await desk.post(`/api/staff/patients/${patient.patientId}/activation-codes`, {
      encounterId: patient.lastEncounterId,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({
      code: expect.stringMatching(/^[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}$/),
      visitDate: '2026-11-20',
      lastValidDate: '2027-01-04',
    });
    const old = (await desk.get(`/api/staff/patients/${patient.patientId}`)).json().visits.at(-1);
    const refused = await desk.post(`/api/staff/patients/${patient.patientId}/activation-codes`, {
      encounterId: old.id,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.field).toBe('encounterId');
  });

  it('marks a minor, who cannot be given a code', async () => {
    const { patientId } = await importPatient(t.ctx, 'Cletus_Schiller');
    const desk = await staffClient(t, 'front_desk');
    expect((await desk.get(`/api/staff/patients/${patientId}`)).json()).toMatchObject({
      patient: { isMinor: true },
      actions: { canIssueCode: false },
    });
    expect((await desk.post(`/api/staff/patients/${patientId}/activation-codes`, {})).json().error.code).toBe(
      'patient_is_minor',
    );
  });

  it('audits a search without naming a patient, and needs 2 characters', async () => {
    const nurse = await staffClient(t, 'nurse');
    expect((await nurse.get('/api/staff/patients?q=vargas')).json().patients).toHaveLength(1);
    expect((await nurse.get('/api/staff/patients?q=v')).json().error.field).toBe('querystring.q');
    const row = await t.ctx.db.kysely
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'staff.patients.searched')
      .where('actor_id', '=', nurse.accountId)
      .executeTakeFirstOrThrow();
    expect(row.patient_id).toBeNull();
  });

  it('lets a nurse look but not issue; refuses billing (403) and patients (401); needs the CSRF token', async () => {
    const nurse = await staffClient(t, 'nurse');
    expect((await nurse.post(`/api/staff/patients/${patient.patientId}/activation-codes`, {})).statusCode).toBe(403);
    expect((await nurse.get(`/api/staff/patients/${patient.patientId}`)).json().actions.canIssueCode).toBe(false);
    const billing = await staffClient(t, 'billing');
    expect((await billing.get('/api/staff/patients?q=vargas')).statusCode).toBe(403);
    expect((await billing.get(`/api/staff/patients/${patient.patientId}`)).statusCode).toBe(403);
    const { client: patientClient } = await signUpPatient(t.app, t.ctx, 'Louis_Maggio', 'louis-here');
    expect((await patientClient.get('/api/staff/patients?q=vargas')).statusCode).toBe(401);
    expect((await patientClient.get('/api/staff/work-items')).statusCode).toBe(401);
    const desk = await staffClient(t, 'front_desk');
    expect(
      (await desk.post(`/api/staff/patients/${patient.patientId}/activation-codes`, {}, { csrf: false })).statusCode,
    ).toBe(403);
  });
});
