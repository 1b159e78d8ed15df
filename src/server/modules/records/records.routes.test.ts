import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fhirImporter } from '../../services.ts';
import type {
  HealthIssue,
  HomeSummary,
  Medication,
  MedicationList,
  VisitInstructions,
} from '../../../shared/records.ts';
import { importPatient, signUpPatient, staffClient } from '../../../../test/helpers/identity-factories.ts';
import { pdfText } from '../../../../test/helpers/pdf-text.ts';
import { accountIdOf, grantProxy } from '../../../../test/helpers/proxy-factories.ts';
import { startTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';

let n = 0;
const key = () => `refill-key-${String(++n).padStart(8, '0')}`;

describe('the health record: refills, the immunization PDF, visit instructions, education, Home and proxies', () => {
  let t: TestApp;
  let louis: Awaited<ReturnType<typeof signUpPatient>>;
  let base: string;
  beforeEach(async () => {
    t = await startTestApp({ now: '2026-11-24T15:00:00.000Z' });
    louis = await signUpPatient(t.app, t.ctx, 'Louis_Maggio', 'louis');
    base = `/api/patients/${louis.patientId}`;
  });
  afterEach(async () => t.close());

  const meds = async () => (await louis.client.get(`${base}/medications`)).json() as MedicationList;
  const refillItems = async (c: Awaited<ReturnType<typeof staffClient>>) =>
    (
      (await c.get('/api/staff/work-items')).json() as {
        items: { id: string; type: string; pool: string; details: Record<string, unknown> }[];
      }
    ).items.filter((i) => i.type === 'refill_request');

  it('requests a refill once, idempotently; the care team approves it; then it can be asked again', async () => {
    const [med] = (await meds()).current;
    expect(med).toMatchObject({ canRequestRefill: true, refill: null, prescriber: expect.stringMatching(/^Dr\. /) });
    const url = `${base}/medications/${med!.id}/refill-requests`;
    expect((await louis.client.post(url, { pharmacy: '', idempotencyKey: key() })).json().error.field).toBe('pharmacy');
    const k = key();
    const [a, b] = await Promise.all([
      louis.client.post(url, { pharmacy: 'Corner Pharmacy', comment: 'Running low', idempotencyKey: k }),
      louis.client.post(url, { pharmacy: 'Corner Pharmacy', comment: 'Running low', idempotencyKey: k }),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect([a.headers['idempotent-replayed'], b.headers['idempotent-replayed']].filter(Boolean)).toEqual(['true']);
    const repeat = await louis.client.post(url, {
      pharmacy: 'Corner Pharmacy',
      comment: 'Running low',
      idempotencyKey: k,
    });
    expect([repeat.statusCode, repeat.headers['idempotent-replayed']]).toEqual([201, 'true']);
    expect((a.json() as Medication).refill).toMatchObject({ status: 'requested', pharmacy: 'Corner Pharmacy' });
    expect((a.json() as Medication).canRequestRefill).toBe(false);
    const other = await louis.client.post(url, { pharmacy: 'Another', idempotencyKey: key() });
    expect(other.statusCode).toBe(409);
    expect(other.json().error.code).toBe('refill_already_requested');
    expect(await t.ctx.db.kysely.selectFrom('refill_request').select('id').execute()).toHaveLength(1);

    expect(((await louis.client.get(`${base}/home`)).json() as HomeSummary).requestsInProgress.refills).toBe(1);
    const clinician = await staffClient(t.app, t.ctx, 'clinician');
    const [item] = await refillItems(clinician);
    expect(item).toMatchObject({
      pool: expect.stringMatching(/^care_team:/),
      details: { pharmacy: 'Corner Pharmacy', comment: 'Running low' },
    });
    expect(
      (
        await (
          await staffClient(t.app, t.ctx, 'billing')
        ).post(`/api/staff/work-items/${item!.id}/refill`, { decision: 'approved' })
      ).statusCode,
    ).toBe(403);
    expect(
      (await clinician.post(`/api/staff/work-items/${item!.id}/refill`, { decision: 'denied', reason: '' })).json()
        .error.field,
    ).toBe('reason');
    expect(
      (await clinician.post(`/api/staff/work-items/${item!.id}/refill`, { decision: 'approved' })).json(),
    ).toMatchObject({ status: 'closed', outcome: 'approved' });
    const after = (await meds()).current.find((m) => m.id === med!.id)!;
    expect(after).toMatchObject({
      canRequestRefill: true,
      refill: { status: 'approved', decidedAt: expect.any(String) },
    });
    expect(
      (await louis.client.get('/api/account/notifications')).json().items.map((i: { type: string }) => i.type),
    ).toContain('medication.refill_decided');
    expect((await louis.client.post(url, { pharmacy: 'Corner Pharmacy', idempotencyKey: key() })).statusCode).toBe(201);
  });

  it('shows a denial with its reason, refuses past prescriptions and another record’s medication', async () => {
    const { current, past } = await meds();
    const url = `${base}/medications/${current[0]!.id}/refill-requests`;
    await louis.client.post(url, { pharmacy: 'Corner Pharmacy', idempotencyKey: key() });
    const clinician = await staffClient(t.app, t.ctx, 'clinician');
    const [item] = await refillItems(clinician);
    await clinician.post(`/api/staff/work-items/${item!.id}/refill`, {
      decision: 'denied',
      reason: 'Please book a review visit first.',
    });
    expect((await meds()).current[0]!.refill).toMatchObject({
      status: 'denied',
      reason: 'Please book a review visit first.',
    });
    if (past[0])
      expect(
        (
          await louis.client.post(`${base}/medications/${past[0].id}/refill-requests`, {
            pharmacy: 'X',
            idempotencyKey: key(),
          })
        ).json().error.code,
      ).toBe('medication_not_current');
    const reyna = await signUpPatient(t.app, t.ctx, 'Reyna_Ziemann', 'reyna');
    const theirs = ((await reyna.client.get(`/api/patients/${reyna.patientId}/medications`)).json() as MedicationList)
      .current[0];
    if (theirs)
      expect(
        (
          await louis.client.post(`${base}/medications/${theirs.id}/refill-requests`, {
            pharmacy: 'X',
            idempotencyKey: key(),
          })
        ).statusCode,
      ).toBe(404);
    expect(
      (
        await louis.client.post(`${base}/medications/no-such-med/refill-requests`, {
          pharmacy: 'X',
          idempotencyKey: key(),
        })
      ).statusCode,
    ).toBe(404);
  });

  it('prints the immunization record as a PDF with the name, birth date, organisation and vaccines', async () => {
    const res = await louis.client.get(`${base}/immunizations/record.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain('attachment');
    const text = (await pdfText(res.rawPayload)).join('\n');
    expect(text).toContain('Louis Maggio');
    expect(text).toContain('January 16, 1976');
    expect(text).toContain(t.ctx.config.tenant.organisation.name);
    const { vaccines } = (await louis.client.get(`${base}/immunizations`)).json() as {
      vaccines: { vaccine: string }[];
    };
    expect(vaccines.length).toBeGreaterThan(0);
    expect(text).toContain(vaccines[0]!.vaccine.split(' ')[0]!);
  });

  it('links health issues to education topics, and admins edit topics', async () => {
    const reyna = await signUpPatient(t.app, t.ctx, 'Trenton_Turner', 'trenton');
    const all = (await reyna.client.get(`/api/patients/${reyna.patientId}/health-issues`)).json() as {
      active: HealthIssue[];
      resolved: HealthIssue[];
    };
    const withTopic = [...all.active, ...all.resolved].find((i) => i.education.length > 0);
    expect(withTopic).toBeDefined();
    const topic = (
      await reyna.client.get(`/api/patients/${reyna.patientId}/education/${withTopic!.education[0]!.id}`)
    ).json();
    expect(topic.body.length).toBeGreaterThan(100);

    const admin = await staffClient(t.app, t.ctx, 'admin');
    expect(
      (await (await staffClient(t.app, t.ctx, 'clinician')).get('/api/staff/admin/education-topics')).statusCode,
    ).toBe(403);
    expect(
      (
        await admin.post('/api/staff/admin/education-topics', {
          title: 'Epilepsy',
          body: 'Text',
          codes: ['not a code'],
        })
      ).json().error.field,
    ).toBe('codes.0');
    const created = await admin.post('/api/staff/admin/education-topics', {
      title: 'Epilepsy',
      body: '# Living with epilepsy\n\n<script>alert(1)</script> Take medicines daily.',
      codes: ['http://snomed.info/sct|84757009'],
    });
    expect(created.statusCode).toBe(201);
    expect(
      (
        await admin.request('PUT', `/api/staff/admin/education-topics/${created.json().id}`, {
          title: 'Epilepsy and seizures',
          body: 'Updated',
          codes: ['http://snomed.info/sct|84757009', 'http://snomed.info/sct|128613002'],
        })
      ).json(),
    ).toMatchObject({ title: 'Epilepsy and seizures' });
    const mine = (await louis.client.get(`${base}/health-issues`)).json() as { active: HealthIssue[] };
    expect(mine.active.find((i) => i.name === 'Seizure disorder')!.education).toEqual([
      { id: created.json().id, title: 'Epilepsy and seizures' },
    ]);
  });

  it('adds visit instructions from staff beside the record’s care plans', async () => {
    const [visit] = await t.ctx.db.kysely
      .selectFrom('fhir_resource')
      .select('id')
      .where('patient_id', '=', louis.patientId)
      .where('resource_type', '=', 'Encounter')
      .orderBy('effective_date', 'desc')
      .limit(1)
      .execute();
    const nurse = await staffClient(t.app, t.ctx, 'nurse');
    expect(
      (
        await nurse.post(`/api/staff/patients/${louis.patientId}/visit-instructions`, {
          encounterId: 'not-a-visit',
          title: 'T',
          text: 'X',
        })
      ).json().error.field,
    ).toBe('encounterId');
    expect(
      (
        await nurse.post(`/api/staff/patients/${louis.patientId}/visit-instructions`, {
          encounterId: visit!.id,
          title: 'After your visit',
          text: 'Rest for two days.',
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await (
          await staffClient(t.app, t.ctx, 'billing')
        ).post(`/api/staff/patients/${louis.patientId}/visit-instructions`, {
          encounterId: visit!.id,
          title: 'x',
          text: 'y',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await (
          await staffClient(t.app, t.ctx, 'admin')
        ).post(`/api/staff/patients/${louis.patientId}/visit-instructions`, {
          encounterId: visit!.id,
          title: 'x',
          text: 'y',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await nurse.post('/api/staff/patients/no-such-patient/visit-instructions', {
          encounterId: visit!.id,
          title: 'x',
          text: 'y',
        })
      ).statusCode,
    ).toBe(404);
    const { visits } = (await louis.client.get(`${base}/visit-instructions`)).json() as { visits: VisitInstructions[] };
    expect(visits.find((v) => v.encounterId === visit!.id)!.items[0]).toMatchObject({
      source: 'staff',
      title: 'After your visit',
      text: 'Rest for two days.',
      author: 'Test nurse',
    });
  });

  it('reads discharge instructions and visit summaries sent as a DocumentReference or a Composition, as text', async () => {
    const [visit] = await t.ctx.db.kysely
      .selectFrom('fhir_resource')
      .select(['id', 'effective_date'])
      .where('patient_id', '=', louis.patientId)
      .where('resource_type', '=', 'Encounter')
      .orderBy('effective_date', 'desc')
      .limit(1)
      .execute();
    const text = 'Keep the wrist in the splint for 2 weeks.\nReturn if the fingers go numb.';
    const bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        {
          resource: {
            resourceType: 'DocumentReference',
            id: 'discharge-doc-1',
            status: 'current',
            description: 'Discharge instructions',
            subject: { reference: `Patient/${louis.patientId}` },
            date: '2026-11-20T10:00:00Z',
            context: { encounter: [{ reference: `Encounter/${visit!.id}` }] },
            content: [
              { attachment: { contentType: 'text/plain; charset=utf-8', data: Buffer.from(text).toString('base64') } },
            ],
          },
        },
        {
          resource: {
            resourceType: 'Composition',
            id: 'avs-1',
            status: 'final',
            type: { text: 'After-visit summary' },
            title: 'After-visit summary',
            date: '2026-11-20T10:00:00Z',
            author: [{ display: 'Clinic' }],
            subject: { reference: `Patient/${louis.patientId}` },
            encounter: { reference: `Encounter/${visit!.id}` },
            section: [
              {
                title: 'Your plan',
                text: {
                  status: 'generated',
                  div: '<div xmlns="http://www.w3.org/1999/xhtml"><p>Rest &amp; ice.</p><script>alert(1)</script></div>',
                },
              },
            ],
          },
        },
      ],
    };
    await fhirImporter(t.ctx).importBundle('synthetic-visit-docs.json', bundle);
    const { visits } = (await louis.client.get(`${base}/visit-instructions`)).json() as { visits: VisitInstructions[] };
    const items = visits.find((v) => v.encounterId === visit!.id)!.items;
    expect(items.find((i) => i.id === 'discharge-doc-1')).toMatchObject({
      source: 'record',
      title: 'Discharge instructions',
      text,
    });
    expect(items.find((i) => i.id === 'avs-1')).toMatchObject({
      title: 'After-visit summary',
      text: 'Your plan\nRest & ice.',
    });
  });

  it('sums Home in one request', async () => {
    const home = (await louis.client.get(`${base}/home`)).json() as HomeSummary;
    const { current } = await meds();
    expect(home).toMatchObject({
      patientId: louis.patientId,
      displayName: 'Louis Maggio',
      unreadMessages: 0,
      requestsInProgress: { messages: 0, refills: 0 },
      currentMedications: current.length,
      cards: {},
    });
    expect(home.activeHealthIssues).toBeGreaterThan(0);
  });

  it('shows a proxy the child’s record minus confidential items', async () => {
    const parent = await signUpPatient(t.app, t.ctx, 'Reyna_Ziemann', 'reyna');
    const child = await importPatient(t.ctx, 'Erminia_Ondricka'); // 17: confidentiality applies from 12
    await grantProxy(t.ctx, child.patientId, await accountIdOf(t.ctx, 'reyna'), 'minor', 'full');
    const issues = async () => {
      const r = (await parent.client.get(`/api/patients/${child.patientId}/health-issues`)).json() as {
        active: HealthIssue[];
        resolved: HealthIssue[];
      };
      return [...r.active, ...r.resolved].map((i) => i.name);
    };
    const before = await issues();
    const all = await t.ctx.db.kysely
      .selectFrom('fhir_resource')
      .select(['id', 'code'])
      .where('patient_id', '=', child.patientId)
      .where('resource_type', '=', 'Condition')
      .execute();
    expect(before.length).toBe(all.length);
    const home = async () =>
      ((await parent.client.get(`/api/patients/${child.patientId}/home`)).json() as HomeSummary).activeHealthIssues;
    const activeBefore = await home();
    const restricted = all.find((c) => c.code !== null)!;
    // A question about that condition, asked before it was marked.
    const careTeam = (
      (await parent.client.get(`/api/patients/${child.patientId}/messages/options`)).json() as {
        careTeam: { id: string }[];
      }
    ).careTeam;
    const thread = (
      await parent.client.post(`/api/patients/${child.patientId}/messages`, {
        kind: 'medical',
        recipientId: careTeam[0]!.id,
        subject: 'About this',
        body: 'A question.',
        about: { type: 'Condition', id: restricted.id },
        idempotencyKey: 'proxy-about-key-0001',
      })
    ).json() as { id: string; about: { label: string | null } };
    expect(thread.about.label).not.toBeNull();
    // The item's date in the long form every page uses ("(June 9, 1975)"), never the stored ISO date.
    expect(thread.about.label).toMatch(/\([A-Z][a-z]+ \d{1,2}, \d{4}\)$/);
    expect(thread.about.label).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    // Mark one condition restricted (R), as the record system would: the parent no longer sees it.
    await t.ctx.db.kysely
      .updateTable('fhir_resource')
      .set({ security_labels: 'R' })
      .where('id', '=', restricted.id)
      .execute();
    const statusOf = (
      await t.ctx.db.kysely
        .selectFrom('fhir_resource')
        .select('status')
        .where('id', '=', restricted.id)
        .executeTakeFirstOrThrow()
    ).status;
    expect(await home()).toBe(
      ['active', 'recurrence', 'relapse'].includes(statusOf ?? '') ? activeBefore - 1 : activeBefore,
    );
    const reread = (await parent.client.get(`/api/patients/${child.patientId}/messages/${thread.id}`)).json() as {
      about: { label: string | null };
    };
    expect(reread.about.label).toBeNull();
    expect(
      (
        await parent.client.post(`/api/patients/${child.patientId}/messages`, {
          kind: 'medical',
          recipientId: careTeam[0]!.id,
          subject: 'Again',
          body: 'A question.',
          about: { type: 'Condition', id: restricted.id },
          idempotencyKey: 'proxy-about-key-0002',
        })
      ).json().error.field,
    ).toBe('about');
    expect((await issues()).length).toBe(before.length - 1);
    expect(
      (
        (await parent.client.get(`/api/patients/${child.patientId}/history`)).json() as { medical: { id: string }[] }
      ).medical.map((m) => m.id),
    ).not.toContain(restricted.id);
  });

  it('leaves a refill of a hidden medication out of a proxy’s Home count and access log, not the patient’s staff', async () => {
    const parent = await signUpPatient(t.app, t.ctx, 'Reyna_Ziemann', 'reyna');
    const child = await importPatient(t.ctx, 'Erminia_Ondricka');
    await grantProxy(t.ctx, child.patientId, await accountIdOf(t.ctx, 'reyna'), 'minor', 'full');
    const childBase = `/api/patients/${child.patientId}`;
    const { current } = (await parent.client.get(`${childBase}/medications`)).json() as MedicationList;
    const medication = current[0]!;
    await parent.client.post(`${childBase}/medications/${medication.id}/refill-requests`, {
      pharmacy: 'Corner Pharmacy',
      idempotencyKey: key(),
    });
    const refillsAtHome = async () =>
      ((await parent.client.get(`${childBase}/home`)).json() as HomeSummary).requestsInProgress.refills;
    const refillEvents = async () =>
      ((await parent.client.get(`${childBase}/access-log`)).json() as { entries: { action: string }[] }).entries.filter(
        (e) => e.action.startsWith('medication.refill'),
      );
    expect(await refillsAtHome()).toBe(1);
    expect(await refillEvents()).toHaveLength(1);
    // The record system marks the medication restricted (R): the parent is no longer told of it anywhere.
    await t.ctx.db.kysely
      .updateTable('fhir_resource')
      .set({ security_labels: 'R' })
      .where('id', '=', medication.id)
      .execute();
    expect(await refillsAtHome()).toBe(0);
    expect(await refillEvents()).toHaveLength(0);
    // The care team still sees the request in its queue.
    const clinician = await staffClient(t.app, t.ctx, 'clinician');
    expect(await refillItems(clinician)).toHaveLength(1);
  });

  it('does not tell a proxy about a refill decision on a medication hidden from them', async () => {
    const parent = await signUpPatient(t.app, t.ctx, 'Reyna_Ziemann', 'reyna');
    const child = await importPatient(t.ctx, 'Erminia_Ondricka');
    await grantProxy(t.ctx, child.patientId, await accountIdOf(t.ctx, 'reyna'), 'minor', 'full');
    const { current } = (
      await parent.client.get(`/api/patients/${child.patientId}/medications`)
    ).json() as MedicationList;
    expect(current.length).toBeGreaterThan(0);
    expect(
      (
        await parent.client.post(`/api/patients/${child.patientId}/medications/${current[0]!.id}/refill-requests`, {
          pharmacy: 'Corner Pharmacy',
          idempotencyKey: key(),
        })
      ).statusCode,
    ).toBe(201);
    await t.ctx.db.kysely
      .updateTable('fhir_resource')
      .set({ security_labels: 'R' })
      .where('id', '=', current[0]!.id)
      .execute();
    const clinician = await staffClient(t.app, t.ctx, 'clinician');
    const [item] = await refillItems(clinician);
    expect(
      (await clinician.post(`/api/staff/work-items/${item!.id}/refill`, { decision: 'approved' })).statusCode,
    ).toBe(200);
    expect(
      ((await parent.client.get('/api/account/notifications')).json() as { items: { type: string }[] }).items.map(
        (i) => i.type,
      ),
    ).not.toContain('medication.refill_decided');
    // A refill call on an item of another type is refused without claiming it.
    await louis.client.post(`${base}/messages`, {
      kind: 'medical',
      recipientId: ((await louis.client.get(`${base}/messages/options`)).json() as { careTeam: { id: string }[] })
        .careTeam[0]!.id,
      subject: 'Q',
      body: 'B',
      idempotencyKey: key(),
    });
    const message = (
      (await clinician.get('/api/staff/work-items')).json() as { items: { id: string; type: string; status: string }[] }
    ).items.find((i) => i.type === 'patient_message')!;
    expect(
      (await clinician.post(`/api/staff/work-items/${message.id}/refill`, { decision: 'approved' })).json().error.code,
    ).toBe('not_a_refill_request');
    expect(((await clinician.get(`/api/staff/work-items/${message.id}`)).json() as { status: string }).status).toBe(
      'open',
    );
  });

  it('does not tell a proxy of a reply in a conversation about an item hidden from them, and does tell of others', async () => {
    const parent = await signUpPatient(t.app, t.ctx, 'Reyna_Ziemann', 'reyna');
    const child = await importPatient(t.ctx, 'Erminia_Ondricka');
    await grantProxy(t.ctx, child.patientId, await accountIdOf(t.ctx, 'reyna'), 'minor', 'full');
    const childBase = `/api/patients/${child.patientId}`;
    const { active, resolved } = (await parent.client.get(`${childBase}/health-issues`)).json() as {
      active: { id: string }[];
      resolved: { id: string }[];
    };
    const condition = [...active, ...resolved][0]!;
    const recipientId = (
      (await parent.client.get(`${childBase}/messages/options`)).json() as {
        careTeam: { id: string }[];
      }
    ).careTeam[0]!.id;
    const ask = async (subject: string, about?: { type: string; id: string }) =>
      (
        await parent.client.post(`${childBase}/messages`, {
          kind: 'medical',
          recipientId,
          subject,
          body: 'A question.',
          ...(about ? { about } : {}),
          idempotencyKey: key(),
        })
      ).json() as { id: string };
    const secret = await ask('About that condition', { type: 'Condition', id: condition.id });
    const plain = await ask('Something else');
    await t.ctx.db.kysely
      .updateTable('fhir_resource')
      .set({ security_labels: 'R' })
      .where('id', '=', condition.id)
      .execute();
    const clinician = await staffClient(t.app, t.ctx, 'clinician');
    const items = (
      (await clinician.get('/api/staff/work-items')).json() as {
        items: { id: string; type: string; details: { threadId?: string } }[];
      }
    ).items;
    const replyTo = async (threadId: string) => {
      const item = items.find((i) => i.details.threadId === threadId)!;
      expect(
        (
          await clinician.post(`/api/staff/work-items/${item.id}/thread/replies`, {
            body: 'Here is the answer.',
            done: false,
            idempotencyKey: key(),
          })
        ).statusCode,
      ).toBe(201);
    };
    const replyNews = async () =>
      ((await parent.client.get('/api/account/notifications')).json() as { items: { type: string }[] }).items.filter(
        (i) => i.type === 'message.new_reply',
      ).length;
    await replyTo(secret.id);
    expect(await replyNews()).toBe(0);
    await replyTo(plain.id);
    expect(await replyNews()).toBe(1);
    // The parent's own question stays theirs, without the hidden item's label.
    const reread = (await parent.client.get(`${childBase}/messages/${secret.id}`)).json() as {
      about: { label: string | null };
    };
    expect(reread.about.label).toBeNull();
  });
});
