import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NotificationInbox } from '../../../shared/notifications.ts';
import type { MessageOptions, Thread, ThreadList } from '../../../shared/messaging.ts';
import { Client, importPatient, signUpPatient, staffClient } from '../../../../test/helpers/identity-factories.ts';
import { accountIdOf, grantProxy } from '../../../../test/helpers/proxy-factories.ts';
import { startTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';

/** A valid 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);
/** The smallest PDF header file-type recognises. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

let keyCounter = 0;
const key = () => `test-key-${String(++keyCounter).padStart(8, '0')}`;

describe('secure messaging and the staff in-basket', () => {
  let t: TestApp;
  let louis: Awaited<ReturnType<typeof signUpPatient>>;
  let base: string;
  beforeEach(async () => {
    t = await startTestApp({ now: '2026-11-24T15:00:00.000Z' }); // Tuesday 10:00 Eastern time
    louis = await signUpPatient(t.app, t.ctx, 'Louis_Maggio', 'louis');
    base = `/api/patients/${louis.patientId}`;
  });
  afterEach(async () => t.close());

  async function careTeamId(c: Client = louis.client, b = base): Promise<string> {
    const options = (await c.get(`${b}/messages/options`)).json() as MessageOptions;
    expect(options.careTeam.length).toBeGreaterThan(0);
    return options.careTeam[0]!.id;
  }
  async function ask(extra: Record<string, unknown> = {}, c: Client = louis.client, b = base) {
    return c.post(`${b}/messages`, {
      kind: 'medical',
      recipientId: await careTeamId(c, b),
      subject: 'Cough',
      body: 'Still coughing after a week.',
      idempotencyKey: key(),
      ...extra,
    });
  }
  async function upload(bytes: Buffer, name: string, c: Client = louis.client, b = base) {
    return t.app.inject({
      method: 'POST',
      url: `${b}/attachments`,
      headers: {
        cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'x-csrf-token': c.csrf!,
        'content-type': 'application/octet-stream',
        'x-file-name': encodeURIComponent(name),
      },
      payload: bytes,
    });
  }
  const items = async (c: Client, pool?: string) =>
    (
      (await c.get(`/api/staff/work-items${pool ? `?pool=${encodeURIComponent(pool)}` : ''}`)).json() as {
        items: {
          id: string;
          type: string;
          pool: string;
          dueAt: string;
          patient: { id: string } | null;
          details: Record<string, unknown>;
        }[];
      }
    ).items.filter((i) => i.type === 'patient_message');

  it('offers the clinicians the patient has seen, and the reply time', async () => {
    const options = (await louis.client.get(`${base}/messages/options`)).json() as MessageOptions;
    expect(options.replyBusinessDays).toEqual({ min: 1, max: 3 });
    expect(options.canSend).toBe(true);
    expect(options.careTeam[0]).toMatchObject({
      id: expect.stringMatching(/^practitioner:/),
      name: expect.stringMatching(/^Dr\. /),
      organisation: expect.any(String),
    });
  });

  it('sends a medical question to the care team’s in-basket, due at closing time 3 business days later, past a weekend and the Thanksgiving holidays', async () => {
    const res = await ask();
    expect(res.statusCode).toBe(201);
    const thread = res.json() as Thread;
    expect(thread).toMatchObject({
      kind: 'medical',
      subject: 'Cough',
      status: 'open',
      patientId: louis.patientId,
      messages: [{ body: 'Still coughing after a week.', author: { kind: 'patient', isMe: true } }],
    });
    const clinician = await staffClient(t.app, t.ctx, 'clinician');
    const [item] = await items(clinician);
    // Tue 24 Nov: Wed 25 (1), Thu 26 and Fri 27 are holidays, weekend, Mon 30 (2), Tue 1 Dec (3) at 17:00 Eastern time.
    expect(item).toMatchObject({
      pool: expect.stringMatching(/^care_team:/),
      dueAt: '2026-12-01T22:00:00.000Z',
      patient: { id: louis.patientId },
      details: { threadId: thread.id, subject: 'Cough' },
    });
    const { pools, names } = (await clinician.get('/api/staff/work-items/pools')).json() as {
      pools: string[];
      names: Record<string, string>;
    };
    expect(pools).toContain(item!.pool);
    expect(names[item!.pool]).toEqual(expect.any(String));
    expect(names[item!.pool]).not.toContain('care_team');
    // Nobody else's pool.
    expect(await items(await staffClient(t.app, t.ctx, 'billing'))).toEqual([]);
    expect(
      (await (await staffClient(t.app, t.ctx, 'billing')).get(`/api/staff/work-items/${item!.id}/thread`)).statusCode,
    ).toBe(404);
  });

  it('counts a Friday question’s 3 business days past the weekend', async () => {
    t.clock.set('2026-11-20T20:00:00.000Z'); // Friday 15:00
    expect((await ask()).statusCode).toBe(201);
    const [item] = await items(await staffClient(t.app, t.ctx, 'nurse'));
    expect(item!.dueAt).toBe('2026-11-25T22:00:00.000Z'); // Mon, Tue, Wed at 17:00
  });

  it('sends once when the same send is retried or double-clicked', async () => {
    const body = {
      kind: 'medical',
      recipientId: await careTeamId(),
      subject: 'Once',
      body: 'Only once please.',
      idempotencyKey: 'double-click-key-0001',
    };
    const [a, b] = await Promise.all([
      louis.client.post(`${base}/messages`, body),
      louis.client.post(`${base}/messages`, body),
    ]);
    // Both answers are the first one, with its status; the repeat says it is a repeat.
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect([a.headers['idempotent-replayed'], b.headers['idempotent-replayed']].filter(Boolean)).toEqual(['true']);
    expect(a.json().id).toBe(b.json().id);
    const again = await louis.client.post(`${base}/messages`, body);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(a.json().id);
    expect(await t.ctx.db.kysely.selectFrom('message').select('id').execute()).toHaveLength(1);
    expect(
      await t.ctx.db.kysely.selectFrom('work_item').select('id').where('type', '=', 'patient_message').execute(),
    ).toHaveLength(1);
  });

  it('names the field of bad input and keeps nothing of it', async () => {
    const field = async (b: Record<string, unknown>) =>
      (await louis.client.post(`${base}/messages`, { subject: 'S', body: 'B', idempotencyKey: key(), ...b })).json()
        .error.field as string;
    expect(await field({ kind: 'medical' })).toBe('recipientId');
    expect(await field({ kind: 'medical', recipientId: 'practitioner:not-seen' })).toBe('recipientId');
    expect(await field({ kind: 'customer_service' })).toBe('topic');
    expect(await field({ kind: 'customer_service', topic: 'medical_record_request' })).toBe('recordRequest.records');
    expect(await field({ kind: 'customer_service', topic: 'chart_correction' })).toBe('chartCorrection.whatIsWrong');
    expect(await field({ kind: 'customer_service', topic: 'other', body: '   ' })).toBe('body');
    expect(
      await field({
        kind: 'medical',
        recipientId: await careTeamId(),
        about: { type: 'Observation', id: 'someone-elses' },
      }),
    ).toBe('about');
    expect(
      await field({
        kind: 'medical',
        recipientId: await careTeamId(),
        attachmentIds: ['00000000-0000-0000-0000-000000000000'],
      }),
    ).toBe('attachmentIds');
    expect(await t.ctx.db.kysely.selectFrom('message_thread').select('id').execute()).toEqual([]);
  });

  it('links a question to an item of the record, and keeps hostile text exactly as written', async () => {
    const [visit] = await t.ctx.db.kysely
      .selectFrom('fhir_resource')
      .select('id')
      .where('patient_id', '=', louis.patientId)
      .where('resource_type', '=', 'Encounter')
      .limit(1)
      .execute();
    const hostile = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
    const thread = (
      await ask({ subject: hostile, body: hostile, about: { type: 'Encounter', id: visit!.id } })
    ).json() as Thread;
    expect(thread.about).toMatchObject({ type: 'Encounter', id: visit!.id, label: expect.any(String) });
    expect(thread.subject).toBe(hostile);
    expect(thread.messages[0]!.body).toBe(hostile);
  });

  it('routes customer-service topics: record requests and chart corrections to HIM, billing to billing, other to customer service', async () => {
    const cs = (topic: string, extra: object = {}) =>
      louis.client.post(`${base}/messages`, {
        kind: 'customer_service',
        topic,
        subject: topic,
        body: 'Please help.',
        idempotencyKey: key(),
        ...extra,
      });
    expect(
      (
        await cs('medical_record_request', {
          recordRequest: { records: 'Immunizations', fromDate: '2020-01-01', toDate: '2019-01-01' },
        })
      ).json().error.field,
    ).toBe('recordRequest.toDate');
    expect(
      (
        await cs('medical_record_request', {
          recordRequest: { records: 'Immunizations', fromDate: '2019-01-01', toDate: '2020-01-01' },
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await cs('chart_correction', {
          chartCorrection: { whatIsWrong: 'Allergy to penicillin', shouldSay: 'No known allergies' },
        })
      ).statusCode,
    ).toBe(201);
    expect((await cs('billing_question')).statusCode).toBe(201);
    expect((await cs('other')).statusCode).toBe(201);
    const pools = (await t.ctx.db.kysely.selectFrom('work_item').select('pool').orderBy('created_at').execute()).map(
      (r) => r.pool,
    );
    expect(pools).toEqual(['him', 'him', 'billing', 'customer_service']);
    expect((await items(await staffClient(t.app, t.ctx, 'him'))).length).toBe(2);
    // General questions are the front desk's (customer service); they answer in the thread.
    const desk = await staffClient(t.app, t.ctx, 'front_desk');
    const general = await items(desk, 'customer_service');
    expect(general).toHaveLength(1);
    expect(
      (
        await desk.post(`/api/staff/work-items/${general[0]!.id}/thread/replies`, {
          idempotencyKey: crypto.randomUUID(),
          body: 'We can help with that.',
          done: true,
        })
      ).statusCode,
    ).toBe(201);
  });

  it('a chart correction accepted notes the amendment and tells the patient with the staff member’s name and role', async () => {
    await louis.client.post(`${base}/messages`, {
      kind: 'customer_service',
      topic: 'chart_correction',
      subject: 'Wrong allergy',
      body: 'Please fix.',
      chartCorrection: { whatIsWrong: 'Penicillin allergy', shouldSay: 'No allergy' },
      idempotencyKey: key(),
    });
    t.clock.advance(5 * 60_000);
    const him = await staffClient(t.app, t.ctx, 'him');
    const [item] = await items(him);
    expect(
      (
        await him.post(`/api/staff/work-items/${item!.id}/chart-correction`, { decision: 'accepted', amendment: '' })
      ).json().error.field,
    ).toBe('amendment');
    const decided = await him.post(`/api/staff/work-items/${item!.id}/chart-correction`, {
      decision: 'accepted',
      amendment: 'Penicillin allergy entered in error; patient has no known drug allergy.',
    });
    expect(decided.statusCode).toBe(200);
    expect(await t.ctx.db.kysely.selectFrom('record_amendment').select(['patient_id', 'amendment']).execute()).toEqual([
      {
        patient_id: louis.patientId,
        amendment: 'Penicillin allergy entered in error; patient has no known drug allergy.',
      },
    ]);
    const { threads } = (await louis.client.get(`${base}/messages?box=inbox`)).json() as ThreadList;
    expect(threads).toMatchObject([{ subject: 'Wrong allergy', unread: true, status: 'closed' }]);
    const thread = (await louis.client.get(`${base}/messages/${threads[0]!.id}`)).json() as Thread;
    expect(thread.outcome).toMatchObject({ decision: 'accepted' });
    expect(thread.messages[1]).toMatchObject({
      author: { kind: 'staff', name: 'Test him', role: 'Health information management', isMe: false },
      body: expect.stringContaining('accepted'),
    });
    expect(
      (await him.post(`/api/staff/work-items/${item!.id}/chart-correction`, { decision: 'denied', reason: 'x' })).json()
        .error.code,
    ).toBe('work_item_closed');
    const bell = (await louis.client.get('/api/account/notifications')).json() as NotificationInbox;
    expect(bell.items.map((i) => i.type)).toContain('message.new_reply');
    expect((await louis.client.post(`${base}/messages/${threads[0]!.id}/read`)).statusCode).toBe(204);
    expect(((await louis.client.get(`${base}/messages?box=inbox`)).json() as ThreadList).threads[0]!.unread).toBe(
      false,
    );
  });

  it('a chart correction denied gives the reason and notes nothing on the record', async () => {
    await louis.client.post(`${base}/messages`, {
      kind: 'customer_service',
      topic: 'chart_correction',
      subject: 'Wrong weight',
      body: 'Please fix.',
      chartCorrection: { whatIsWrong: 'Weight 90 kg', shouldSay: '80 kg' },
      idempotencyKey: key(),
    });
    t.clock.advance(5 * 60_000);
    const him = await staffClient(t.app, t.ctx, 'him');
    const [item] = await items(him);
    const decided = (
      await him.post(`/api/staff/work-items/${item!.id}/chart-correction`, {
        decision: 'denied',
        reason: 'The measurement was taken at your visit and is correct.',
      })
    ).json() as Thread;
    expect(decided.outcome).toMatchObject({
      decision: 'denied',
      note: 'The measurement was taken at your visit and is correct.',
    });
    expect(await t.ctx.db.kysely.selectFrom('record_amendment').select('id').execute()).toEqual([]);
    const closed = await t.ctx.db.kysely
      .selectFrom('work_item')
      .select(['status', 'outcome'])
      .where('id', '=', item!.id)
      .executeTakeFirstOrThrow();
    expect(closed).toEqual({ status: 'closed', outcome: 'correction_denied' });
  });

  it('a record request is marked fulfilled with the delivery method', async () => {
    await louis.client.post(`${base}/messages`, {
      kind: 'customer_service',
      topic: 'medical_record_request',
      subject: 'Records',
      body: 'For my new doctor.',
      recordRequest: { records: 'Everything from 2019' },
      idempotencyKey: key(),
    });
    t.clock.advance(5 * 60_000);
    const him = await staffClient(t.app, t.ctx, 'him');
    const [item] = await items(him);
    expect(
      (await him.post(`/api/staff/work-items/${item!.id}/record-request`, { method: 'pigeon' })).json().error.field,
    ).toBe('method');
    const done = (
      await him.post(`/api/staff/work-items/${item!.id}/record-request`, { method: 'mail' })
    ).json() as Thread;
    expect(done).toMatchObject({
      status: 'closed',
      recordRequest: { records: 'Everything from 2019' },
      outcome: { decision: 'fulfilled', method: 'mail' },
    });
    expect(done.messages.at(-1)!.body).toContain('by mail');
  });

  it('a reply after the question was answered is new work for the care team', async () => {
    const thread = (await ask()).json() as Thread;
    t.clock.advance(5 * 60_000);
    const clinician = await staffClient(t.app, t.ctx, 'clinician');
    const [item] = await items(clinician);
    expect(
      (
        await clinician.post(`/api/staff/work-items/${item!.id}/thread/replies`, {
          idempotencyKey: crypto.randomUUID(),
          body: 'Come in tomorrow.',
          done: true,
        })
      ).statusCode,
    ).toBe(201);
    expect(await items(clinician)).toEqual([]);
    t.clock.advance(5 * 60_000);
    const replied = await louis.client.post(`${base}/messages/${thread.id}/replies`, {
      body: 'Which time?',
      idempotencyKey: key(),
    });
    expect(replied.statusCode).toBe(201);
    expect((replied.json() as Thread).messages.map((m) => m.author.kind)).toEqual(['patient', 'staff', 'patient']);
    const open = await items(clinician);
    expect(open).toHaveLength(1);
    expect(open[0]!.details).toMatchObject({ threadId: thread.id, followUp: true });
    // Searching finds it by a word of any message.
    expect(
      ((await louis.client.get(`${base}/messages?box=inbox&q=TOMORROW`)).json() as ThreadList).threads.map((x) => x.id),
    ).toEqual([thread.id]);
    expect(
      ((await louis.client.get(`${base}/messages?box=inbox&q=nothing-like-this`)).json() as ThreadList).threads,
    ).toEqual([]);
  });

  it('two replies at once to an answered question make one new item, not two', async () => {
    const thread = (await ask()).json() as Thread;
    t.clock.advance(5 * 60_000);
    const clinician = await staffClient(t.app, t.ctx, 'clinician');
    const [item] = await items(clinician);
    await clinician.post(`/api/staff/work-items/${item!.id}/thread/replies`, {
      idempotencyKey: crypto.randomUUID(),
      body: 'Done.',
      done: true,
    });
    const replies = await Promise.all(
      [1, 2].map((i) =>
        louis.client.post(`${base}/messages/${thread.id}/replies`, { body: `Follow-up ${i}`, idempotencyKey: key() }),
      ),
    );
    expect(replies.map((r) => r.statusCode)).toEqual([201, 201]);
    expect(await items(clinician)).toHaveLength(1);
  });

  it('keeps a proxy’s question in the child’s record, and view-only proxies cannot send', async () => {
    const parent = await signUpPatient(t.app, t.ctx, 'Reyna_Ziemann', 'reyna');
    const child = await importPatient(t.ctx, 'Sherron_Kutch');
    await grantProxy(t.ctx, child.patientId, await accountIdOf(t.ctx, 'reyna'), 'minor', 'full');
    const childBase = `/api/patients/${child.patientId}`;
    const sent = await ask({}, parent.client, childBase);
    expect(sent.statusCode).toBe(201);
    expect(sent.json()).toMatchObject({
      patientId: child.patientId,
      messages: [{ author: { kind: 'proxy', name: 'Reyna Ziemann', role: 'Proxy' } }],
    });
    expect(
      ((await parent.client.get(`/api/patients/${parent.patientId}/messages?box=sent`)).json() as ThreadList).threads,
    ).toEqual([]);
    expect(((await parent.client.get(`${childBase}/messages?box=sent`)).json() as ThreadList).threads).toHaveLength(1);
    const [item] = await items(await staffClient(t.app, t.ctx, 'clinician'));
    expect(item!.patient).toMatchObject({ id: child.patientId });

    const friend = await signUpPatient(t.app, t.ctx, 'Filiberto_Ryan', 'filiberto');
    await grantProxy(t.ctx, louis.patientId, await accountIdOf(t.ctx, 'filiberto'), 'adult', 'view_only');
    expect(
      (
        await friend.client.post(`${base}/messages`, {
          kind: 'medical',
          recipientId: await careTeamId(),
          subject: 'S',
          body: 'B',
          idempotencyKey: key(),
        })
      ).statusCode,
    ).toBe(403);
    expect((await friend.client.get(`${base}/messages/options`)).json()).toMatchObject({ canSend: false });
  });

  it('answers 404 for another record’s conversation, even to someone who holds both', async () => {
    const other = await signUpPatient(t.app, t.ctx, 'Reyna_Ziemann', 'reyna');
    const theirs = (await ask({}, other.client, `/api/patients/${other.patientId}`)).json() as Thread;
    expect((await louis.client.get(`${base}/messages/${theirs.id}`)).statusCode).toBe(404);
    expect(
      (await louis.client.post(`${base}/messages/${theirs.id}/replies`, { body: 'hi', idempotencyKey: key() }))
        .statusCode,
    ).toBe(404);
    expect((await louis.client.post(`${base}/messages/${theirs.id}/read`)).statusCode).toBe(404);
  });

  it('accepts pictures and PDFs by their content, refuses anything else whatever its name, and serves files only through the guard', async () => {
    const png = await upload(PNG, 'rash.png');
    expect(png.statusCode).toBe(201);
    expect(png.json()).toMatchObject({ fileName: 'rash.png', contentType: 'image/png', size: PNG.length });
    expect((await upload(PDF, 'letter')).json()).toMatchObject({
      fileName: 'letter.pdf',
      contentType: 'application/pdf',
    });
    const fake = await upload(Buffer.from('<html><script>alert(1)</script></html>'), 'photo.png');
    expect(fake.statusCode).toBe(400);
    expect(fake.json().error).toMatchObject({ field: 'file', message: expect.stringContaining('picture') });
    const exe = await upload(Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'latin1'), 'scan.pdf');
    expect(exe.statusCode).toBe(400);
    expect((await upload(Buffer.alloc(5 * 1024 * 1024 + 1, 0), 'big.png')).statusCode).toBe(413);

    const sent = (await ask({ attachmentIds: [png.json().id] })).json() as Thread;
    expect(sent.messages[0]!.attachments).toEqual([
      { id: png.json().id, fileName: 'rash.png', contentType: 'image/png', size: PNG.length },
    ]);
    const file = await louis.client.get(`${base}/attachments/${png.json().id}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.headers['content-disposition']).toContain('attachment;');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.rawPayload.equals(PNG)).toBe(true);

    // The care team reads it through the item; another patient cannot, even naming their own record.
    const clinician = await staffClient(t.app, t.ctx, 'clinician');
    const [item] = await items(clinician);
    expect(
      (await clinician.get(`/api/staff/work-items/${item!.id}/attachments/${png.json().id}`)).rawPayload.equals(PNG),
    ).toBe(true);
    const other = await signUpPatient(t.app, t.ctx, 'Reyna_Ziemann', 'reyna');
    expect((await other.client.get(`/api/patients/${other.patientId}/attachments/${png.json().id}`)).statusCode).toBe(
      404,
    );
    // An upload cannot be sent twice, or by someone else.
    expect((await ask({ attachmentIds: [png.json().id] })).json().error.field).toBe('attachmentIds');
  });
});
