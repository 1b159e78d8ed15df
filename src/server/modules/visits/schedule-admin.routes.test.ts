import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ScheduleAdmin, SlotDays } from '../../../shared/appointments.ts';
import { importPatient, staffClient, type Client } from '../../../../test/helpers/identity-factories.ts';
import { startTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { providerOf } from '../../../../test/helpers/visit-fixtures.ts';

// Wednesday 2 December 2026, 10:00 in New York.
const NOW = '2026-12-02T15:00:00.000Z';

describe('administrators define schedules', () => {
  let t: TestApp;
  let admin: Client;
  let provider: Awaited<ReturnType<typeof providerOf>>;
  let patientId: string;
  beforeEach(async () => {
    t = await startTestApp({ now: NOW });
    ({ patientId } = await importPatient(t.ctx, 'Louis_Maggio'));
    provider = await providerOf(t.ctx, patientId);
    admin = await staffClient(t.app, t.ctx, 'admin');
  });
  afterEach(async () => t.close());

  const body = (over: object = {}) => ({
    department: {
      id: 'family-medicine',
      organisationId: provider.organisationId,
      name: 'Family Medicine',
      phone: '(555) 555-0161',
    },
    visitTypes: [{ id: 'office-visit', name: 'Office visit', minutes: 20, mode: 'in_person', selfSchedulable: true }],
    providerName: provider.name,
    // Thursdays 13:00–14:00 local, and one extra Friday morning hour.
    hours: [{ weekday: 4, start: 13 * 60, end: 14 * 60 }],
    validFrom: '2026-12-01',
    exceptions: [{ date: '2026-12-04', kind: 'open', start: 8 * 60, end: 9 * 60 }],
    ...over,
  });

  it('saves a provider schedule whose slots staff then book from, and lists it back', async () => {
    const res = await admin.put(`/api/staff/admin/schedules/${provider.practitionerId}`, body());
    expect(res.statusCode, res.body).toBe(200);
    const overview = res.json() as ScheduleAdmin;
    expect(overview.practitioners.map((p) => p.id)).toContain(provider.practitionerId);
    expect(overview.schedules).toEqual([
      expect.objectContaining({
        practitionerId: provider.practitionerId,
        visitTypeIds: ['office-visit'],
        hours: [{ weekday: 4, start: 780, end: 840 }],
        validFrom: '2026-12-01',
        validTo: null,
      }),
    ]);
    const desk = await staffClient(t.app, t.ctx, 'front_desk');
    const slots = (
      await desk.get(
        `/api/staff/patients/${patientId}/scheduling/slots?practitionerId=${provider.practitionerId}&visitTypeId=office-visit&from=2026-12-03&days=2`,
      )
    ).json() as SlotDays;
    // Thursday 13:00, 13:20, 13:40 (EST = UTC−5); Friday 8:00, 8:20, 8:40.
    expect(slots.days.map((d) => d.slots.map((s) => s.start.slice(11, 16)))).toEqual([
      ['18:00', '18:20', '18:40'],
      ['13:00', '13:20', '13:40'],
    ]);
  });

  it('refuses hours off the 5-minute marks, an unknown practitioner, and anyone but an administrator', async () => {
    const off = await admin.put(
      `/api/staff/admin/schedules/${provider.practitionerId}`,
      body({ hours: [{ weekday: 4, start: 13 * 60 + 2, end: 14 * 60 }] }),
    );
    expect(off.statusCode).toBe(400);
    expect(off.json().error.field).toBe('hours');
    const unknown = await admin.put('/api/staff/admin/schedules/not-a-practitioner', body());
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.field).toBe('practitionerId');
    const noType = await admin.put(`/api/staff/admin/schedules/${provider.practitionerId}`, body({ visitTypes: [] }));
    expect(noType.json().error.field).toBe('visitTypes');
    const desk = await staffClient(t.app, t.ctx, 'front_desk');
    expect((await desk.put(`/api/staff/admin/schedules/${provider.practitionerId}`, body())).statusCode).toBe(403);
    expect((await desk.get('/api/staff/admin/schedules')).statusCode).toBe(403);
  });
});
