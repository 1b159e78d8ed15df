import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Thread, ThreadList } from '../../../shared/messaging.ts';
import { signUpPatient, staffClient, type Client } from '../../../../test/helpers/identity-factories.ts';
import { importLabReports, organisationOf } from '../../../../test/helpers/result-fixtures.ts';
import { startTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';

describe('a conversation the care team starts with a patient about a result', () => {
  let t: TestApp;
  let louis: Awaited<ReturnType<typeof signUpPatient>>;
  let clinician: Client;
  let released: string;
  let held: string;
  const url = () => `/api/staff/patients/${louis.patientId}/messages`;
  const message = (over: Record<string, unknown> = {}) => ({
    subject: 'About your Glucose result',
    body: 'Your glucose was a little high. Please book a fasting test.',
    about: { type: 'DiagnosticReport', id: released },
    idempotencyKey: 'staff-conversation-0001',
    ...over,
  });

  beforeEach(async () => {
    t = await startTestApp({ now: '2026-12-02T15:00:00.000Z' });
    louis = await signUpPatient(t.app, t.ctx, 'Louis_Maggio', 'louis');
    const at = '2026-12-01T09:00:00.000Z';
    const glucose = { loinc: '2339-0', display: 'Glucose', value: 131, unit: 'mg/dL' };
    [released, held] = (await importLabReports(t.ctx, louis.patientId, [
      { loinc: '2339-0', display: 'Glucose', at, values: [glucose] },
      { loinc: '51969-4', display: 'Genetic analysis report', at, values: [], category: 'GE' },
    ])) as [string, string];
    clinician = await staffClient(t.app, t.ctx, 'clinician', [await organisationOf(t.ctx, louis.patientId)]);
  });
  afterEach(async () => t.close());

  it('reaches the patient once, about the result, and the answer comes back to the care team as work', async () => {
    const first = await clinician.post(url(), message());
    expect(first.statusCode, first.body).toBe(201);
    const again = await clinician.post(url(), message());
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    const { threadId } = first.json() as { threadId: string };

    const inbox = (await louis.client.get(`/api/patients/${louis.patientId}/messages?box=inbox`)).json() as ThreadList;
    expect(inbox.threads.filter((x) => x.id === threadId)).toHaveLength(1);
    const thread = (await louis.client.get(`/api/patients/${louis.patientId}/messages/${threadId}`)).json() as Thread;
    expect(thread.about).toMatchObject({ type: 'DiagnosticReport', id: released });
    expect(thread.messages.map((m) => m.body)).toEqual([message().body]);
    const bell = (await louis.client.get('/api/account/notifications')).json() as { items: { type: string }[] };
    expect(bell.items.filter((n) => n.type === 'message.new_reply')).toHaveLength(1);

    // The patient's answer is new work in the care team's queue, about that conversation.
    const answer = await louis.client.post(`/api/patients/${louis.patientId}/messages/${threadId}/replies`, {
      body: 'I will book it this week.',
      idempotencyKey: 'patient-answer-0001',
    });
    expect(answer.statusCode, answer.body).toBe(201);
    const work = (await clinician.get('/api/staff/work-items')).json() as {
      items: { type: string; details: { threadId?: string } }[];
    };
    expect(work.items.filter((i) => i.details.threadId === threadId)).toHaveLength(1);
  });

  it('refuses a result still held, an item of another record, other roles and other organisations', async () => {
    const aboutHeld = await clinician.post(url(), message({ about: { type: 'DiagnosticReport', id: held } }));
    expect(aboutHeld.statusCode).toBe(400);
    expect((aboutHeld.json() as { error: { field: string } }).error.field).toBe('about');
    const elsewhere = await clinician.post(
      url(),
      message({ about: { type: 'DiagnosticReport', id: 'not-in-record' } }),
    );
    expect(elsewhere.statusCode).toBe(400);
    for (const role of ['front_desk', 'him', 'billing', 'admin'] as const) {
      const c = await staffClient(t.app, t.ctx, role, [await organisationOf(t.ctx, louis.patientId)]);
      expect((await c.post(url(), message({ idempotencyKey: `role-${role}-000001` }))).statusCode, role).toBe(403);
    }
    const threads = (
      await louis.client.get(`/api/patients/${louis.patientId}/messages?box=inbox`)
    ).json() as ThreadList;
    expect(threads.threads).toHaveLength(0);
  });
});
