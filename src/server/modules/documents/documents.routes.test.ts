import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentCenter } from '../../../shared/documents.ts';
import type { Thread } from '../../../shared/messaging.ts';
import type { NotificationInbox } from '../../../shared/notifications.ts';
import type { Allergy, HealthIssue } from '../../../shared/records.ts';
import { Client, importPatient, signUpPatient, staffClient } from '../../../../test/helpers/identity-factories.ts';
import { pdfText } from '../../../../test/helpers/pdf-text.ts';
import { accountIdOf, grantProxy } from '../../../../test/helpers/proxy-factories.ts';
import { startTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';

type AllergyListBody = { items: Allergy[] };

let keyCounter = 0;
const key = () => `documents-key-${String(++keyCounter).padStart(8, '0')}`;

describe('amendments on the record and the Document center', () => {
  let t: TestApp;
  let louis: Awaited<ReturnType<typeof signUpPatient>>;
  let base: string;
  beforeEach(async () => {
    t = await startTestApp({ now: '2026-12-02T15:00:00.000Z' });
    louis = await signUpPatient(t.app, t.ctx, 'Louis_Maggio', 'louis');
    base = `/api/patients/${louis.patientId}`;
  });
  afterEach(async () => t.close());

  /** The open patient-message work items HIM sees. */
  async function himItems(him: Client): Promise<{ id: string; details: Record<string, unknown> }[]> {
    const body = (await him.get('/api/staff/work-items')).json() as {
      items: { id: string; type: string; details: Record<string, unknown> }[];
    };
    return body.items.filter((i) => i.type === 'patient_message');
  }

  async function askCorrection(
    about: { type: string; id: string } | null,
    c: Client = louis.client,
    b = base,
  ): Promise<void> {
    const res = await c.post(`${b}/messages`, {
      kind: 'customer_service',
      topic: 'chart_correction',
      subject: 'Wrong entry',
      body: 'Please correct this.',
      chartCorrection: { whatIsWrong: 'This entry is wrong', shouldSay: 'It should say otherwise' },
      ...(about ? { about } : {}),
      idempotencyKey: key(),
    });
    expect(res.statusCode).toBe(201);
    t.clock.advance(5 * 60_000);
  }

  async function askRecords(c: Client = louis.client, b = base): Promise<void> {
    const res = await c.post(`${b}/messages`, {
      kind: 'customer_service',
      topic: 'medical_record_request',
      subject: 'My records',
      body: 'For my new doctor.',
      recordRequest: { records: 'Medications and allergies' },
      idempotencyKey: key(),
    });
    expect(res.statusCode).toBe(201);
    t.clock.advance(5 * 60_000);
  }

  const firstAllergy = async () => {
    const { items } = (await louis.client.get(`${base}/allergies`)).json() as AllergyListBody;
    expect(items.length).toBeGreaterThan(0);
    return items[0]!;
  };

  it('an accepted correction is stored with its item and the decision, and shows on the item and in the list', async () => {
    const allergy = await firstAllergy();
    expect(allergy.amendments).toBeUndefined();
    await askCorrection({ type: 'AllergyIntolerance', id: allergy.id });
    const him = await staffClient(t.app, t.ctx, 'him');
    const [item] = await himItems(him);
    const text = 'Reaction corrected: hives, not anaphylaxis.';
    expect(
      (await him.post(`/api/staff/work-items/${item!.id}/chart-correction`, { decision: 'accepted', amendment: text }))
        .statusCode,
    ).toBe(200);

    const rows = await t.ctx.db.kysely
      .selectFrom('record_amendment')
      .select(['patient_id', 'item_type', 'item_id', 'amendment'])
      .execute();
    expect(rows).toEqual([
      { patient_id: louis.patientId, item_type: 'AllergyIntolerance', item_id: allergy.id, amendment: text },
    ]);
    const after = ((await louis.client.get(`${base}/allergies`)).json() as AllergyListBody).items;
    expect(after.find((a) => a.id === allergy.id)!.amendments).toEqual([
      { id: expect.any(String), text, amendedAt: '2026-12-02T15:05:00.000Z' },
    ]);
    expect(after.filter((a) => a.id !== allergy.id).every((a) => a.amendments === undefined)).toBe(true);
    const center = (await louis.client.get(`${base}/documents`)).json() as DocumentCenter;
    expect(center.amendments).toEqual([
      {
        id: expect.any(String),
        text,
        amendedAt: '2026-12-02T15:05:00.000Z',
        item: { type: 'AllergyIntolerance', id: allergy.id, label: expect.stringContaining(allergy.substance) },
      },
    ]);
  });

  it('writes no amendment when the decision cannot be committed (one transaction)', async () => {
    const allergy = await firstAllergy();
    await askCorrection({ type: 'AllergyIntolerance', id: allergy.id });
    const him = await staffClient(t.app, t.ctx, 'him');
    const [item] = await himItems(him);
    // The decision's audit event cannot be written: everything of the decision must roll back with it.
    if (t.tdb.config.engine === 'sqlite') {
      await sql`CREATE TRIGGER refuse_amendment BEFORE INSERT ON audit_event WHEN NEW.action = 'record.amendment.accepted'
        BEGIN SELECT RAISE(ABORT, 'refused'); END`.execute(t.ctx.db.kysely);
    } else {
      await sql`CREATE FUNCTION refuse_amendment() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.action = 'record.amendment.accepted' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$`.execute(
        t.ctx.db.kysely,
      );
      await sql`CREATE TRIGGER refuse_amendment BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION refuse_amendment()`.execute(
        t.ctx.db.kysely,
      );
    }
    const res = await him.post(`/api/staff/work-items/${item!.id}/chart-correction`, {
      decision: 'accepted',
      amendment: 'Entered in error.',
    });
    expect(res.statusCode).toBe(500);
    expect(await t.ctx.db.kysely.selectFrom('record_amendment').select('id').execute()).toEqual([]);
    const thread = await t.ctx.db.kysely.selectFrom('message_thread').select(['status']).executeTakeFirstOrThrow();
    expect(thread.status).toBe('open');
    expect((await firstAllergy()).amendments).toBeUndefined();
  });

  it('hides an amendment from a proxy when the item it corrects is confidential, like the item', async () => {
    const parent = await signUpPatient(t.app, t.ctx, 'Reyna_Ziemann', 'reyna');
    const child = await importPatient(t.ctx, 'Erminia_Ondricka'); // 17: confidentiality applies from 12
    await grantProxy(t.ctx, child.patientId, await accountIdOf(t.ctx, 'reyna'), 'minor', 'full');
    const childBase = `/api/patients/${child.patientId}`;
    const issues = async () => {
      const r = (await parent.client.get(`${childBase}/health-issues`)).json() as {
        active: HealthIssue[];
        resolved: HealthIssue[];
      };
      return [...r.active, ...r.resolved];
    };
    const issue = (await issues())[0]!;
    await askCorrection({ type: 'Condition', id: issue.id }, parent.client, childBase);
    const him = await staffClient(t.app, t.ctx, 'him');
    const [item] = await himItems(him);
    await him.post(`/api/staff/work-items/${item!.id}/chart-correction`, {
      decision: 'accepted',
      amendment: 'Onset date corrected.',
    });
    const center = async () => (await parent.client.get(`${childBase}/documents`)).json() as DocumentCenter;
    // Visible while the item is.
    expect((await issues()).find((i) => i.id === issue.id)!.amendments).toMatchObject([
      { text: 'Onset date corrected.' },
    ]);
    expect((await center()).amendments).toMatchObject([{ item: { id: issue.id } }]);
    // The record system marks the condition restricted: the parent sees neither it nor its amendment.
    await t.ctx.db.kysely
      .updateTable('fhir_resource')
      .set({ security_labels: 'R' })
      .where('id', '=', issue.id)
      .execute();
    expect((await issues()).map((i) => i.id)).not.toContain(issue.id);
    expect((await center()).amendments).toEqual([]);
    expect(JSON.stringify(await center())).not.toContain('Onset date corrected.');
  });

  it('a record request fulfilled through the portal lands in Documents as a PDF whose download is audited', async () => {
    await askRecords();
    const him = await staffClient(t.app, t.ctx, 'him');
    const [item] = await himItems(him);
    const empty = (await louis.client.get(`${base}/documents`)).json() as DocumentCenter;
    expect(empty.documents).toEqual([]);
    const done = (
      await him.post(`/api/staff/work-items/${item!.id}/record-request`, { method: 'portal' })
    ).json() as Thread;
    expect(done.status).toBe('closed');
    expect(done.messages.at(-1)!.body).toContain('Documents');

    const { documents, canAsk } = (await louis.client.get(`${base}/documents`)).json() as DocumentCenter;
    expect(canAsk).toBe(true);
    expect(documents).toEqual([
      {
        id: expect.any(String),
        kind: 'records',
        title: 'Medical records, prepared December 2, 2026',
        fileName: 'medical-records-2026-12-02.pdf',
        contentType: 'application/pdf',
        size: expect.any(Number),
        releasedAt: '2026-12-02T15:05:00.000Z',
      },
    ]);
    const audited = () =>
      t.ctx.db.kysely
        .selectFrom('audit_event')
        .select(['action', 'patient_id'])
        .where('action', '=', 'record.document.downloaded')
        .execute();
    expect(await audited()).toEqual([]);
    const file = await louis.client.get(`${base}/documents/${documents[0]!.id}/file`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toContain('attachment');
    expect(file.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = (await pdfText(file.rawPayload)).join('\n');
    expect(text).toContain('Medical records');
    expect(text).toContain('Medications and allergies');
    const { items: allergies } = (await louis.client.get(`${base}/allergies`)).json() as AllergyListBody;
    expect(text).toContain(allergies[0]!.substance);
    expect(await audited()).toEqual([{ action: 'record.document.downloaded', patient_id: louis.patientId }]);
    // The patient is told (the bell, and email or text by their choices through the outbox), without health details.
    const bell = (await louis.client.get('/api/account/notifications')).json() as NotificationInbox;
    expect(bell.items.map((i) => i.type)).toContain('message.new_reply');
    const outbox = await t.ctx.db.kysely.selectFrom('outbox_message').selectAll().execute();
    expect(JSON.stringify(outbox)).not.toContain(allergies[0]!.substance);
    expect(JSON.stringify(outbox)).not.toContain('Medications and allergies');
  });

  it('answers another patient’s document id, a stranger and a missing id with the same 404', async () => {
    await askRecords();
    const him = await staffClient(t.app, t.ctx, 'him');
    const [item] = await himItems(him);
    await him.post(`/api/staff/work-items/${item!.id}/record-request`, { method: 'portal' });
    const [doc] = ((await louis.client.get(`${base}/documents`)).json() as DocumentCenter).documents;
    const other = await signUpPatient(t.app, t.ctx, 'Reyna_Ziemann', 'reyna');
    const otherBase = `/api/patients/${other.patientId}`;
    const viaOwnRecord = await other.client.get(`${otherBase}/documents/${doc!.id}/file`);
    const missing = await other.client.get(`${otherBase}/documents/00000000-0000-4000-8000-000000000000/file`);
    const viaTheirRecord = await other.client.get(`${base}/documents/${doc!.id}/file`);
    expect(viaOwnRecord.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(viaOwnRecord.json()).toEqual(missing.json());
    expect(viaTheirRecord.statusCode).toBe(404);
    expect((await other.client.get(`${base}/documents`)).statusCode).toBe(404);
    expect(((await other.client.get(`${otherBase}/documents`)).json() as DocumentCenter).documents).toEqual([]);
  });

  it('a view-only proxy reads and downloads documents but cannot ask for records', async () => {
    await askRecords();
    const him = await staffClient(t.app, t.ctx, 'him');
    const [item] = await himItems(him);
    await him.post(`/api/staff/work-items/${item!.id}/record-request`, { method: 'portal' });
    const friend = await signUpPatient(t.app, t.ctx, 'Reyna_Ziemann', 'reyna');
    await grantProxy(t.ctx, louis.patientId, await accountIdOf(t.ctx, 'reyna'), 'adult', 'view_only');
    const center = (await friend.client.get(`${base}/documents`)).json() as DocumentCenter;
    expect(center.canAsk).toBe(false);
    expect(center.documents).toHaveLength(1);
    expect((await friend.client.get(`${base}/documents/${center.documents[0]!.id}/file`)).statusCode).toBe(200);
    const asked = await friend.client.post(`${base}/messages`, {
      kind: 'customer_service',
      topic: 'medical_record_request',
      subject: 'Records',
      body: 'Please.',
      recordRequest: { records: 'All' },
      idempotencyKey: key(),
    });
    expect(asked.statusCode).toBe(403);
  });

  it('keeps a records document holding a confidential item from proxies', async () => {
    const parent = await signUpPatient(t.app, t.ctx, 'Reyna_Ziemann', 'reyna');
    const child = await importPatient(t.ctx, 'Erminia_Ondricka');
    await grantProxy(t.ctx, child.patientId, await accountIdOf(t.ctx, 'reyna'), 'minor', 'full');
    const childBase = `/api/patients/${child.patientId}`;
    const condition = await t.ctx.db.kysely
      .selectFrom('fhir_resource')
      .select('id')
      .where('patient_id', '=', child.patientId)
      .where('resource_type', '=', 'Condition')
      .executeTakeFirstOrThrow();
    await t.ctx.db.kysely
      .updateTable('fhir_resource')
      .set({ security_labels: 'R' })
      .where('id', '=', condition.id)
      .execute();
    await askRecords(parent.client, childBase);
    const him = await staffClient(t.app, t.ctx, 'him');
    const [item] = await himItems(him);
    await him.post(`/api/staff/work-items/${item!.id}/record-request`, { method: 'portal' });
    const [row] = await t.ctx.db.kysely.selectFrom('patient_document').select(['id', 'hidden_from_proxies']).execute();
    expect(Number(row!.hidden_from_proxies)).toBe(1);
    expect(((await parent.client.get(`${childBase}/documents`)).json() as DocumentCenter).documents).toEqual([]);
    expect((await parent.client.get(`${childBase}/documents/${row!.id}/file`)).statusCode).toBe(404);
  });
});
