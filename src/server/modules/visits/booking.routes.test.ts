import ICAL from 'ical.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Appointment, SchedulingOptions, SlotDays, VisitsOverview } from '../../../shared/appointments.ts';
import { signUpPatient, staffClient, type Client } from '../../../../test/helpers/identity-factories.ts';
import { startTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { defineSchedule, formKey, importVisit, providerOf } from '../../../../test/helpers/visit-fixtures.ts';

// The account is opened on Tuesday; the tests run on Wednesday 2 December 2026, 10:00 in New York (the demo
// organisation's zone). Hours: Mon–Fri 9:00–12:00 local.
const SIGNED_UP = '2026-12-01T15:00:00.000Z';
const NOW = '2026-12-02T15:00:00.000Z';
const MINUTE = 60_000;
/** Thursday 3 December 2026 at 9:00, 10:00 and 11:00 in New York (EST, UTC−5). */
const THU_9 = '2026-12-03T14:00:00.000Z';
const THU_10 = '2026-12-03T15:00:00.000Z';
const THU_11 = '2026-12-03T16:00:00.000Z';

type Provider = Awaited<ReturnType<typeof providerOf>>;

describe('scheduling: the FAQ rules, one booking per slot', () => {
  let t: TestApp;
  let louis: Awaited<ReturnType<typeof signUpPatient>>;
  let provider: Provider;
  let base: string;
  beforeEach(async () => {
    t = await startTestApp({ now: SIGNED_UP });
    louis = await signUpPatient(t.app, t.ctx, 'Louis_Maggio', 'louis');
    base = `/api/patients/${louis.patientId}`;
    provider = await providerOf(t.ctx, louis.patientId);
    await defineSchedule(t.ctx, provider);
    await travel(louis.client, 'louis', NOW);
  });
  afterEach(async () => t.close());

  /** Moves the clock and signs the client in again (sessions end after 15 idle minutes). */
  async function travel(client: Client, username: string, at: string) {
    t.clock.set(at);
    client.cookies.clear();
    const res = await client.post('/api/auth/signin', { username, password: louis.password });
    expect(res.statusCode, res.body).toBe(200);
  }
  const book = (client: Client, patientBase: string, start: string, key = formKey(), visitTypeId = 'office-visit') =>
    client.post(`${patientBase}/appointments`, {
      practitionerId: provider.practitionerId,
      visitTypeId,
      start,
      reason: 'Knee pain',
      idempotencyKey: key,
    });
  const seenAfterSignUp = async () => {
    await importVisit(t.ctx, louis.patientId, provider, new Date(Date.parse(NOW) - 30 * MINUTE).toISOString());
  };

  it('refuses self-scheduling until a visit with the provider after the account was opened, then allows it', async () => {
    // The sample record has many visits with this provider, all before the account existed.
    let options = (await louis.client.get(`${base}/scheduling`)).json() as SchedulingOptions;
    expect(options.providers).toEqual([]);
    expect(options.requestable.map((p) => p.id)).toContain(provider.practitionerId);
    expect(options.rule).toEqual({ firstVisitRequired: true, cancelNoticeHours: 2 });
    const refused = await book(louis.client, base, THU_9);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('first_visit_required');
    const slots = await louis.client.get(
      `${base}/scheduling/slots?practitionerId=${provider.practitionerId}&visitTypeId=office-visit`,
    );
    expect(slots.statusCode).toBe(403);

    // A visit a day before sign-up still does not count; one after it does.
    await importVisit(t.ctx, louis.patientId, provider, new Date(Date.parse(SIGNED_UP) - 86_400_000).toISOString());
    options = (await louis.client.get(`${base}/scheduling`)).json() as SchedulingOptions;
    expect(options.providers).toEqual([]);
    await seenAfterSignUp();
    options = (await louis.client.get(`${base}/scheduling`)).json() as SchedulingOptions;
    expect(options.providers.map((p) => p.id)).toEqual([provider.practitionerId]);
    // Only self-schedulable visit types are offered, with the self-pay estimate.
    expect(options.providers[0]!.visitTypes.map((v) => [v.id, v.minutes, v.priceCents])).toEqual([
      ['office-visit', 30, 12000],
      ['follow-up', 15, null],
    ]);
    expect((await book(louis.client, base, THU_9)).statusCode).toBe(201);
    // A staff-only visit type is refused to the patient, naming the field.
    const procedure = await book(louis.client, base, THU_11, formKey(), 'procedure');
    expect(procedure.statusCode).toBe(400);
    expect(procedure.json().error.field).toBe('visitTypeId');
  });

  it('derives slots from the weekly hours in the organisation time zone, and a booked slot leaves the list', async () => {
    await seenAfterSignUp();
    const url = `${base}/scheduling/slots?practitionerId=${provider.practitionerId}&visitTypeId=office-visit&from=2026-12-02&days=5`;
    let days = (await louis.client.get(url)).json() as SlotDays;
    expect(days.timeZone).toBe('America/New_York');
    expect(days.days.map((d) => d.date)).toEqual([
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
      '2026-12-05',
      '2026-12-06',
    ]);
    // Today: 10:00 local now, an hour's notice needed → 11:00 and 11:30 only. Weekend: none.
    expect(days.days[0]!.slots.map((s) => s.start)).toEqual(['2026-12-02T16:00:00.000Z', '2026-12-02T16:30:00.000Z']);
    expect(days.days[1]!.slots).toHaveLength(6);
    expect(days.days[1]!.slots[0]).toEqual({ start: THU_9, end: '2026-12-03T14:30:00.000Z' });
    expect(days.days[3]!.slots).toEqual([]);
    expect(days.days[4]!.slots).toEqual([]);

    expect((await book(louis.client, base, THU_9)).statusCode).toBe(201);
    days = (await louis.client.get(url)).json() as SlotDays;
    expect(days.days[1]!.slots.map((s) => s.start)).not.toContain(THU_9);
    expect(days.days[1]!.slots).toHaveLength(5);

    // A time off the provider's grid is refused, naming the field.
    const off = await book(louis.client, base, '2026-12-03T14:10:00.000Z');
    expect(off.statusCode).toBe(400);
    expect(off.json().error.field).toBe('start');
    // Closed for a holiday: the exception empties the day.
    await defineSchedule(t.ctx, provider, {
      exceptions: [{ date: '2026-12-04', kind: 'closed', reason: 'Staff training' }],
    });
    days = (await louis.client.get(url)).json() as SlotDays;
    expect(days.days[2]!.slots).toEqual([]);
  });

  it('answers a repeated submit with the first booking, and refuses the same or an overlapping time to others', async () => {
    await seenAfterSignUp();
    const key = formKey();
    const first = await book(louis.client, base, THU_9, key);
    expect(first.statusCode).toBe(201);
    const again = await book(louis.client, base, THU_9, key);
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect((again.json() as Appointment).id).toBe((first.json() as Appointment).id);

    const elvina = await signUpPatient(t.app, t.ctx, 'Elvina_Lemke', 'elvina');
    const desk = await staffClient(t.app, t.ctx, 'front_desk');
    const staffBook = (start: string, visitTypeId: string) =>
      desk.post(`/api/staff/patients/${elvina.patientId}/appointments`, {
        practitionerId: provider.practitionerId,
        visitTypeId,
        start,
        idempotencyKey: formKey(),
      });
    const taken = await staffBook(THU_9, 'office-visit');
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('slot_taken');
    // A 15-minute follow-up at 9:15 overlaps the 9:00–9:30 visit: refused by the provider's time, not only the slot.
    const overlap = await staffBook('2026-12-03T14:15:00.000Z', 'follow-up');
    expect(overlap.statusCode).toBe(409);
    // 9:30 is free; staff may book a visit type patients cannot.
    expect((await staffBook('2026-12-03T14:30:00.000Z', 'follow-up')).statusCode).toBe(201);
    const booked = await t.ctx.db.kysely
      .selectFrom('appointment')
      .select('id')
      .where('status', '=', 'booked')
      .execute();
    expect(booked).toHaveLength(2);
  });

  it('makes exactly one booking from 50 requests at once for one slot (two patients, distinct keys)', async () => {
    await seenAfterSignUp();
    const elvina = await signUpPatient(t.app, t.ctx, 'Elvina_Lemke', 'elvina');
    await importVisit(t.ctx, elvina.patientId, provider, NOW); // her account opened at NOW
    const elvinaBase = `/api/patients/${elvina.patientId}`;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        i % 2 ? book(louis.client, base, THU_10) : book(elvina.client, elvinaBase, THU_10),
      ),
    );
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    for (const r of results.filter((x) => x.statusCode === 409)) expect(r.json().error.code).toBe('slot_taken');
    const rows = await t.ctx.db.kysely.selectFrom('appointment').select(['id', 'starts_at']).execute();
    expect(rows).toEqual([{ id: expect.any(String), starts_at: THU_10 }]);
    const units = await t.ctx.db.kysely.selectFrom('provider_time').select('unit_start').execute();
    expect(units).toHaveLength(6); // 30 minutes in 5-minute units
  });

  it('cancels online 2 hours and 1 minute before, and refuses at 1 hour 59 minutes with the phone number', async () => {
    await seenAfterSignUp();
    const early = (await book(louis.client, base, THU_10)).json() as Appointment;
    const late = (await book(louis.client, base, THU_11)).json() as Appointment;
    expect(early.actions).toMatchObject({ canCancel: true, canReschedule: true, callToChange: false });
    expect(early.changeDeadline).toBe('2026-12-03T13:00:00.000Z');

    await travel(louis.client, 'louis', new Date(Date.parse(THU_10) - 2 * 3_600_000 - MINUTE).toISOString());
    const ok = await louis.client.post(`${base}/appointments/${early.id}/cancel`);
    expect(ok.statusCode, ok.body).toBe(200);
    expect((ok.json() as Appointment).status).toBe('cancelled');

    await travel(louis.client, 'louis', new Date(Date.parse(THU_11) - 2 * 3_600_000 + MINUTE).toISOString());
    const shown = (await louis.client.get(`${base}/appointments/${late.id}`)).json() as Appointment;
    expect(shown.actions).toMatchObject({ canCancel: false, canReschedule: false, callToChange: true });
    const refused = await louis.client.post(`${base}/appointments/${late.id}/cancel`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('cancel_notice_period');
    expect(refused.json().error.message).toContain('(555) 555-0160');
    expect(refused.json().error.message).toContain('2 hours');
    // Staff can still cancel for the patient.
    const desk = await staffClient(t.app, t.ctx, 'front_desk');
    expect((await desk.post(`/api/staff/patients/${louis.patientId}/appointments/${late.id}/cancel`)).statusCode).toBe(
      200,
    );
  });

  it('reschedules in one transaction: the new time is booked and the old one is open again', async () => {
    await seenAfterSignUp();
    const first = (await book(louis.client, base, THU_9)).json() as Appointment;
    const moved = await louis.client.post(`${base}/appointments/${first.id}/reschedule`, {
      start: THU_11,
      idempotencyKey: formKey(),
    });
    expect(moved.statusCode, moved.body).toBe(201);
    expect((moved.json() as Appointment).start).toBe(THU_11);
    const overview = (await louis.client.get(`${base}/visits`)).json() as VisitsOverview;
    expect(overview.upcoming.map((a) => a.start)).toEqual([THU_11]);
    const old = (await louis.client.get(`${base}/appointments/${first.id}`)).json() as Appointment;
    expect(old.status).toBe('cancelled');
    // The old time is bookable again; a reschedule into a taken time changes nothing.
    const elvina = await signUpPatient(t.app, t.ctx, 'Elvina_Lemke', 'elvina');
    const desk = await staffClient(t.app, t.ctx, 'front_desk');
    const taken = await desk.post(`/api/staff/patients/${elvina.patientId}/appointments`, {
      practitionerId: provider.practitionerId,
      visitTypeId: 'office-visit',
      start: THU_9,
      idempotencyKey: formKey(),
    });
    expect(taken.statusCode).toBe(201);
    const blocked = await louis.client.post(`${base}/appointments/${(moved.json() as Appointment).id}/reschedule`, {
      start: THU_9,
      idempotencyKey: formKey(),
    });
    expect(blocked.statusCode).toBe(409);
    const still = (await louis.client.get(`${base}/visits`)).json() as VisitsOverview;
    expect(still.upcoming.map((a) => [a.start, a.status])).toEqual([[THU_11, 'booked']]);
  });

  it('keeps another patient out: the same 404 for their appointment as for an unknown one', async () => {
    await seenAfterSignUp();
    const mine = (await book(louis.client, base, THU_9)).json() as Appointment;
    const elvina = await signUpPatient(t.app, t.ctx, 'Elvina_Lemke', 'elvina');
    const elvinaBase = `/api/patients/${elvina.patientId}`;
    const theirs = await elvina.client.get(`${elvinaBase}/appointments/${mine.id}`);
    const unknown = await elvina.client.get(`${elvinaBase}/appointments/00000000-0000-0000-0000-000000000000`);
    expect(theirs.statusCode).toBe(404);
    expect(theirs.body).toBe(unknown.body);
    expect((await elvina.client.post(`${elvinaBase}/appointments/${mine.id}/cancel`)).statusCode).toBe(404);
    expect((await elvina.client.get(`${base}/visits`)).statusCode).toBe(404);
  });

  it('writes an iCalendar file a maintained parser reads, in the organisation zone on both sides of DST', async () => {
    await seenAfterSignUp();
    const parse = async (id: string) => {
      const res = await louis.client.get(`${base}/appointments/${id}/calendar.ics`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/calendar');
      const component = new ICAL.Component(ICAL.parse(res.body));
      for (const tz of component.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(tz));
      const event = new ICAL.Event(component.getFirstSubcomponent('vevent')!);
      return { event, body: res.body };
    };
    const winter = (await book(louis.client, base, THU_10)).json() as Appointment;
    const { event, body } = await parse(winter.id);
    expect(event.startDate.zone.tzid).toBe('America/New_York');
    expect([event.startDate.hour, event.startDate.minute]).toEqual([10, 0]);
    expect(event.startDate.toJSDate().toISOString()).toBe(THU_10);
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-12-03T15:30:00.000Z');
    expect(event.location).toContain('Family Medicine');
    expect(body).not.toContain('Knee pain'); // the reason stays in the portal

    // Monday 15 March 2027, after the change to daylight time on 14 March: 10:00 local is 14:00 UTC.
    await travel(louis.client, 'louis', '2027-03-10T15:00:00.000Z');
    await seenAfterSignUp();
    const summer = await book(louis.client, base, '2027-03-15T14:00:00.000Z');
    expect(summer.statusCode, summer.body).toBe(201);
    const parsed = await parse((summer.json() as Appointment).id);
    expect([parsed.event.startDate.hour, parsed.event.startDate.minute]).toEqual([10, 0]);
    expect(parsed.event.startDate.toJSDate().toISOString()).toBe('2027-03-15T14:00:00.000Z');
  });
});
