import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MessageOptions, Thread } from '../src/shared/messaging.ts';
import { importPatient, signUpPatient, staffClient } from './helpers/identity-factories.ts';
import { startTestApp, type TestApp } from './helpers/test-app.ts';

/**
 * Twenty identical requests at the same instant (a double click, a retry storm, two tabs) make exactly one of each:
 * the database's unique indexes decide, not an `if` before the insert. Run on SQLite and on PostgreSQL.
 */
describe('exactly once under 20 identical requests at the same instant', () => {
  let t: TestApp;
  let parent: Awaited<ReturnType<typeof signUpPatient>>;
  beforeEach(async () => {
    t = await startTestApp({ now: '2026-11-24T15:00:00.000Z' });
    parent = await signUpPatient(t.app, t.ctx, 'Reyna_Ziemann', 'reyna');
  });
  afterEach(async () => t.close());

  const twenty = <T>(send: () => Promise<T>): Promise<T[]> => Promise.all(Array.from({ length: 20 }, send));

  it('a direct grant of a minor’s record: one active grant, the rest refused as already granted', async () => {
    const child = await importPatient(t.ctx, 'Sherron_Kutch'); // a minor
    const him = await staffClient(t.app, t.ctx, 'him');
    const answers = await twenty(() =>
      him.post(`/api/staff/patients/${child.patientId}/proxies`, {
        username: 'reyna',
        relationship: 'parent',
        reason: 'Came to the desk with ID.',
      }),
    );
    expect(answers.filter((r) => r.statusCode < 300)).toHaveLength(1);
    expect(answers.filter((r) => r.statusCode === 409).length).toBe(19);
    const grants = await t.ctx.db.kysely
      .selectFrom('proxy_grant')
      .select('id')
      .where('patient_id', '=', child.patientId)
      .where('status', '=', 'active')
      .execute();
    expect(grants).toHaveLength(1);
  });

  it('a share invitation: one invitation; every answer names it or is held back by the password-retry limit', async () => {
    await signUpPatient(t.app, t.ctx, 'Filiberto_Ryan', 'filiberto');
    const body = {
      idempotencyKey: 'invite-form-0000000001',
      password: parent.password,
      username: 'filiberto',
      level: 'view_only',
      relationship: 'friend',
    };
    const answers = await twenty(() =>
      parent.client.post(`/api/patients/${parent.patientId}/proxies/invitations`, body),
    );
    // Each one re-enters the password, and those tries are counted before the check (5 at a time): the rest get 429.
    const sent = answers.filter((r) => r.statusCode === 201);
    expect(sent.length).toBeGreaterThanOrEqual(1);
    expect(answers.filter((r) => r.statusCode !== 201).every((r) => r.statusCode === 429)).toBe(true);
    expect(new Set(sent.map((r) => r.json().id)).size).toBe(1);
    // A later repeat of the same form answers with the same invitation (before any limit is counted).
    expect((await parent.client.post(`/api/patients/${parent.patientId}/proxies/invitations`, body)).json().id).toBe(
      sent[0]!.json().id,
    );
    const rows = await t.ctx.db.kysely
      .selectFrom('proxy_invitation')
      .select('id')
      .where('patient_id', '=', parent.patientId)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('a parent’s proxy request: one request and one work item for staff', async () => {
    const child = await importPatient(t.ctx, 'Sherron_Kutch');
    const body = {
      idempotencyKey: 'proxy-request-form-0001',
      childFirstName: 'Sherron',
      childLastName: 'Kutch',
      childDateOfBirth: child.birthDate,
      relationship: 'parent',
      attestation: true,
    };
    const answers = await twenty(() => parent.client.post('/api/account/proxy-requests', body));
    expect(answers.map((r) => r.statusCode)).toEqual(Array(20).fill(202));
    expect((await parent.client.get('/api/account/proxy-requests')).json()).toHaveLength(1);
    const items = await t.ctx.db.kysely
      .selectFrom('work_item')
      .select('id')
      .where('type', '=', 'proxy_request')
      .execute();
    expect(items).toHaveLength(1);
  });

  it('a staff reply: one reply in the conversation, and every answer shows it', async () => {
    const options = (
      await parent.client.get(`/api/patients/${parent.patientId}/messages/options`)
    ).json() as MessageOptions;
    const asked = await parent.client.post(`/api/patients/${parent.patientId}/messages`, {
      kind: 'medical',
      recipientId: options.careTeam[0]!.id,
      subject: 'Cough',
      body: 'Still coughing.',
      idempotencyKey: 'patient-question-00001',
    });
    expect(asked.statusCode).toBe(201);
    const clinician = await staffClient(t.app, t.ctx, 'clinician');
    const list = (await clinician.get('/api/staff/work-items')).json() as { items: { id: string; type: string }[] };
    const item = list.items.find((i) => i.type === 'patient_message')!;
    const body = { idempotencyKey: 'staff-reply-form-00001', body: 'Come in tomorrow at 9.', done: false };
    const answers = await twenty(() => clinician.post(`/api/staff/work-items/${item.id}/thread/replies`, body));
    expect(answers.map((r) => r.statusCode)).toEqual(Array(20).fill(201));
    // One of them made the reply; the other 19 are marked as repeats of it.
    expect(answers.filter((a) => a.headers['idempotent-replayed'] === 'true')).toHaveLength(19);
    for (const a of answers)
      expect((a.json() as Thread).messages.filter((m) => m.body === 'Come in tomorrow at 9.')).toHaveLength(1);
    const rows = await t.ctx.db.kysely
      .selectFrom('message')
      .select('id')
      .where('body', '=', 'Come in tomorrow at 9.')
      .execute();
    expect(rows).toHaveLength(1);
  });
});
