import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Appointment, VisitsOverview } from '../../../shared/appointments.ts';
import { signUpPatient, staffClient, type Client } from '../../../../test/helpers/identity-factories.ts';
import { startTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { defineSchedule, formKey, importVisit, providerOf } from '../../../../test/helpers/visit-fixtures.ts';
import { accountIdOf, grantProxy } from '../../../../test/helpers/proxy-factories.ts';
import { createServices } from '../../services.ts';

// Accounts opened on Tuesday 1 December; the tests run on Wednesday 2 December 2026, 10:00 in New York.
const SIGNED_UP = '2026-12-01T15:00:00.000Z';
const NOW = '2026-12-02T15:00:00.000Z';
const MINUTE = 60_000;
/** Thursday 3 December at 9:00 and Friday 4 December at 9:00 and 10:00, New York (UTC−5). */
const THU_9 = '2026-12-03T14:00:00.000Z';
const FRI_9 = '2026-12-04T14:00:00.000Z';
const FRI_10 = '2026-12-04T15:00:00.000Z';

type Patient = Awaited<ReturnType<typeof signUpPatient>>;

describe('the wait list for an earlier appointment', () => {
  let t: TestApp;
  let louis: Patient;
  let elvina: Patient;
  let desk: Client;
  let provider: Awaited<ReturnType<typeof providerOf>>;
  beforeEach(async () => {
    t = await startTestApp({ now: SIGNED_UP });
    louis = await signUpPatient(t.app, t.ctx, 'Louis_Maggio', 'louis');
    elvina = await signUpPatient(t.app, t.ctx, 'Elvina_Lemke', 'elvina');
    provider = await providerOf(t.ctx, louis.patientId);
    // Only Thursday and Friday mornings, so no earlier free time exists unless someone cancels.
    await defineSchedule(t.ctx, provider, {
      hours: [4, 5].map((weekday) => ({ weekday, start: 9 * 60, end: 11 * 60 })),
    });
    t.clock.set(NOW);
    desk = await staffClient(t.app, t.ctx, 'front_desk');
    for (const p of [louis, elvina]) {
      await importVisit(t.ctx, p.patientId, provider, new Date(Date.parse(NOW) - 30 * MINUTE).toISOString());
      await signIn(p);
    }
  });
  afterEach(async () => t.close());

  async function signIn(p: Patient) {
    p.client.cookies.clear();
    const res = await p.client.post('/api/auth/signin', { username: p.username, password: p.password });
    expect(res.statusCode, res.body).toBe(200);
  }
  /** Fills every slot of both days (front desk for a third patient would need a record: the two patients share them). */
  async function fill(except: string[] = []) {
    const tz = ['14', '14:30', '15', '15:30'];
    const starts = ['2026-12-03', '2026-12-04'].flatMap((d) =>
      tz.map((h) => `${d}T${h.includes(':') ? h : `${h}:00`}:00.000Z`),
    );
    let i = 0;
    for (const start of starts.filter((s) => !except.includes(s))) await deskBook(i++ % 2 ? elvina : louis, start);
  }
  const deskBook = async (p: Patient, start: string) => {
    const res = await desk.post(`/api/staff/patients/${p.patientId}/appointments`, {
      practitionerId: provider.practitionerId,
      visitTypeId: 'office-visit',
      start,
      idempotencyKey: formKey(),
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Appointment;
  };
  const overview = async (p: Patient) =>
    (await p.client.get(`/api/patients/${p.patientId}/visits`)).json() as VisitsOverview;
  const join = (p: Patient, a: Appointment, body: object = { dayPart: 'any' }) =>
    p.client.post(`/api/patients/${p.patientId}/appointments/${a.id}/wait-list`, body);
  const cancel = (p: Patient, a: Appointment) =>
    p.client.post(`/api/patients/${p.patientId}/appointments/${a.id}/cancel`);
  const accept = (p: Patient, offerId: string) =>
    p.client.post(`/api/patients/${p.patientId}/wait-list-offers/${offerId}/accept`);

  it('offers a cancelled earlier time to the patient waiting, holds it, and two acceptances make one move', async () => {
    const earlier = await deskBook(elvina, THU_9);
    const later = await deskBook(louis, FRI_10);
    expect((await join(louis, later)).statusCode).toBe(200);
    expect((await overview(louis)).upcoming[0]!.waitList).toMatchObject({ dayPart: 'any', weekdays: null });

    expect((await cancel(elvina, earlier)).statusCode).toBe(200);
    const offers = (await overview(louis)).offers;
    expect(offers).toEqual([
      {
        id: expect.any(String),
        appointmentId: later.id,
        start: THU_9,
        end: '2026-12-03T14:30:00.000Z',
        expiresAt: new Date(Date.parse(NOW) + 120 * MINUTE).toISOString(),
        providerName: provider.name,
      },
    ]);
    // The offered time is held: nobody else can book it meanwhile.
    const grab = await desk.post(`/api/staff/patients/${elvina.patientId}/appointments`, {
      practitionerId: provider.practitionerId,
      visitTypeId: 'office-visit',
      start: THU_9,
      idempotencyKey: formKey(),
    });
    expect(grab.statusCode).toBe(409);
    // The patient's bell says an earlier time is there.
    const bell = (await louis.client.get('/api/account/notifications')).json() as { items: { type: string }[] };
    expect(bell.items.map((n) => n.type)).toContain('waitlist.offer');

    const [a, b] = await Promise.all([accept(louis, offers[0]!.id), accept(louis, offers[0]!.id)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect([a, b].find((r) => r.statusCode === 409)!.json().error.code).toBe('offer_gone');
    const after = await overview(louis);
    expect(after.upcoming.map((x) => x.start)).toEqual([THU_9]);
    expect(after.offers).toEqual([]);
    expect(after.upcoming[0]!.waitList).toBeNull();
    const rows = await t.ctx.db.kysely
      .selectFrom('appointment')
      .select(['starts_at', 'status', 'cancel_reason'])
      .where('patient_id', '=', louis.patientId)
      .orderBy('starts_at')
      .execute();
    expect(rows).toEqual([
      { starts_at: THU_9, status: 'booked', cancel_reason: null },
      { starts_at: FRI_10, status: 'cancelled', cancel_reason: 'moved_earlier' },
    ]);
    // The old Friday time is free again (nobody else waits): bookable.
    expect((await deskBook(elvina, FRI_10)).start).toBe(FRI_10);
  });

  it('moves an expired offer to the next patient in line, and the first one can no longer take it', async () => {
    await fill([THU_9, FRI_9, FRI_10]);
    const cancelled = await deskBook(elvina, THU_9);
    const louisFri = await deskBook(louis, FRI_9);
    const elvinaFri = await deskBook(elvina, FRI_10);
    expect((await join(louis, louisFri)).statusCode).toBe(200); // first in line
    t.clock.advance(MINUTE);
    expect((await join(elvina, elvinaFri)).statusCode).toBe(200);

    expect(
      (await desk.post(`/api/staff/patients/${elvina.patientId}/appointments/${cancelled.id}/cancel`)).statusCode,
    ).toBe(200);
    const first = (await overview(louis)).offers;
    expect(first.map((o) => o.start)).toEqual([THU_9]);
    expect((await overview(elvina)).offers).toEqual([]);

    // 2 hours minus a minute: still Louis's. Then it expires and goes to Elvina.
    t.clock.set(new Date(Date.parse(first[0]!.expiresAt) - MINUTE).toISOString());
    expect(await createServices(t.ctx).waitList.runDue()).toEqual({ expired: 0, offered: 0 });
    t.clock.set(first[0]!.expiresAt);
    const jobs = createServices(t.ctx).waitList;
    const [r1, r2] = await Promise.all([jobs.runDue(), createServices(t.ctx).waitList.runDue()]);
    expect(r1.expired + r2.expired).toBe(1);
    await signIn(louis);
    await signIn(elvina);
    const late = await accept(louis, first[0]!.id);
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('offer_gone');
    const second = (await overview(elvina)).offers;
    expect(second.map((o) => o.start)).toEqual([THU_9]);
    const offers = await t.ctx.db.kysely
      .selectFrom('wait_list_offer')
      .select(['patient_id', 'status'])
      .orderBy('created_at')
      .execute();
    expect(offers).toEqual([
      { patient_id: louis.patientId, status: 'expired' },
      { patient_id: elvina.patientId, status: 'open' },
    ]);
    expect((await accept(elvina, second[0]!.id)).statusCode).toBe(200);
    expect((await overview(elvina)).upcoming.map((a) => a.start)).toContain(THU_9);
  });

  it('offers free earlier time the schedule gains (extra hours), once, whatever the number of jobs', async () => {
    await fill([FRI_10]);
    const later = await deskBook(louis, FRI_10);
    expect((await join(louis, later, { dayPart: 'morning', weekdays: [4] })).statusCode).toBe(200);
    const jobs = () => createServices(t.ctx).waitList.runDue();
    expect((await jobs()).offered).toBe(0);
    // Thursday afternoon is added: not in the morning the patient asked for. Thursday 8:00 is.
    await defineSchedule(t.ctx, provider, {
      hours: [4, 5].map((weekday) => ({ weekday, start: 9 * 60, end: 11 * 60 })),
      exceptions: [
        { date: '2026-12-03', kind: 'open', start: 14 * 60, end: 15 * 60 },
        { date: '2026-12-03', kind: 'open', start: 8 * 60, end: 8 * 60 + 30 },
      ],
    });
    const results = await Promise.all([jobs(), jobs(), jobs()]);
    expect(results.reduce((n, r) => n + r.offered, 0)).toBe(1);
    const offers = (await overview(louis)).offers;
    expect(offers.map((o) => o.start)).toEqual(['2026-12-03T13:00:00.000Z']);
  });

  it('lets the patient leave the wait list, and a view-only proxy cannot join it', async () => {
    const later = await deskBook(louis, FRI_10);
    expect((await join(louis, later)).statusCode).toBe(200);
    const entry = (await overview(louis)).upcoming[0]!.waitList!;
    expect((await louis.client.delete(`/api/patients/${louis.patientId}/wait-list/${entry.id}`)).statusCode).toBe(204);
    expect((await overview(louis)).upcoming[0]!.waitList).toBeNull();
    expect((await louis.client.delete(`/api/patients/${louis.patientId}/wait-list/${entry.id}`)).statusCode).toBe(404);
    // Another record's appointment: the same 404 as an unknown one.
    expect((await join(elvina, later)).statusCode).toBe(404);
    // Elvina as a view-only proxy of Louis's record sees the appointment but cannot put it on the wait list.
    await grantProxy(t.ctx, louis.patientId, await accountIdOf(t.ctx, 'elvina'), 'adult', 'view_only');
    const seen = (await elvina.client.get(`/api/patients/${louis.patientId}/visits`)).json() as VisitsOverview;
    expect(seen.canSchedule).toBe(false);
    expect(seen.upcoming[0]!.actions).toMatchObject({ canCancel: false, canJoinWaitList: false, callToChange: false });
    const refused = await elvina.client.post(`/api/patients/${louis.patientId}/appointments/${later.id}/wait-list`, {
      dayPart: 'any',
    });
    expect(refused.statusCode).toBe(403);
    expect(
      (await elvina.client.post(`/api/patients/${louis.patientId}/appointments/${later.id}/cancel`)).statusCode,
    ).toBe(403);
  });
});
