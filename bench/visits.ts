import { randomUUID } from 'node:crypto';
import { loadConfig, type DatabaseConfig } from '../src/server/config.ts';
import type { Db } from '../src/server/db/connection.ts';
import { AppointmentsRepository } from '../src/server/modules/visits/appointments.repository.ts';
import { localInstant } from '../src/server/modules/visits/slots.ts';
import { addDaysToDate, dateInZone } from '../src/server/platform/calendar.ts';
import { systemClock, toDbTime } from '../src/server/platform/clock.ts';
import { createContext } from '../src/server/platform/context.ts';
import { createServices, fhirImporter } from '../src/server/services.ts';

/** What the visits scenarios need: the contended provider and the few slots everyone races for. */
export interface VisitsBench {
  practitionerId: string;
  starts: string[];
  /** Counts the bookings made into the contended slots (must equal the number of slots). */
  countBookings(db: Db): Promise<number>;
}

/**
 * Scheduling for the visits scenarios, written before the server starts: a provider with weekday hours for the next
 * 8 weeks and three upcoming appointments for each benchmark patient ("list my appointments"), and a second provider
 * with only a few slots that every patient may self-schedule with (a finished visit after their account opened), for
 * "book a contended slot".
 */
export async function prepareVisits(
  db: Db,
  config: DatabaseConfig,
  patientIds: string[],
  accountsOpenedAt: string,
): Promise<VisitsBench> {
  const ctx = createContext({ ...loadConfig({ LOG_LEVEL: 'silent' }), database: config }, db, systemClock);
  const services = createServices(ctx);
  const tz = ctx.config.tenant.organisation.timeZone;
  const [busy, contended] = await db.kysely
    .selectFrom('fhir_resource')
    .select('id')
    .where('resource_type', '=', 'Practitioner')
    .orderBy('id')
    .limit(2)
    .execute();
  const org = await db.kysely
    .selectFrom('patient_organisation')
    .select('organisation_id')
    .limit(1)
    .executeTakeFirstOrThrow();
  const today = dateInZone(new Date(), tz);
  const visitTypes = [
    { id: 'office-visit', name: 'Office visit', minutes: 30, mode: 'in_person' as const, selfSchedulable: true },
  ];
  const department = { organisationId: org.organisation_id, name: 'Bench clinic', phone: '(555) 555-0199' };
  const weekdays = [1, 2, 3, 4, 5];
  await services.schedule.define({
    department: { id: 'bench-busy', ...department },
    visitTypes,
    provider: { practitionerId: busy!.id, name: 'Dr. Busy' },
    hours: weekdays.map((weekday) => ({ weekday, start: 8 * 60, end: 18 * 60 })),
    validFrom: today,
    validTo: addDaysToDate(today, 56),
  });
  // A few slots: 9:00–11:00 on the second weekday from today (four 30-minute visits).
  let day = addDaysToDate(today, 2);
  while ([0, 6].includes(new Date(`${day}T12:00:00Z`).getUTCDay())) day = addDaysToDate(day, 1);
  await services.schedule.define({
    department: { id: 'bench-contended', ...department },
    visitTypes,
    provider: { practitionerId: contended!.id, name: 'Dr. Popular' },
    hours: [],
    validFrom: today,
    exceptions: [{ date: day, kind: 'open', start: 9 * 60, end: 11 * 60 }],
  });
  const starts = [0, 30, 60, 90].map((m) => toDbTime(localInstant(day, 9 * 60 + m, tz)));

  // Three upcoming appointments each with the busy provider, at distinct times (the provider's time is unique).
  const repo = new AppointmentsRepository();
  let slot = 0;
  for (const patientId of patientIds)
    await db.kysely.transaction().execute(async (trx) => {
      for (let k = 0; k < 3; k++, slot++) {
        const date = nthWeekday(addDaysToDate(today, 3), Math.floor(slot / 20));
        const start = localInstant(date, 8 * 60 + (slot % 20) * 30, tz);
        await repo.insert(trx, {
          id: randomUUID(),
          patient_id: patientId,
          practitioner_id: busy!.id,
          department_id: 'bench-busy',
          organisation_id: org.organisation_id,
          visit_type_id: 'office-visit',
          starts_at: toDbTime(start),
          ends_at: toDbTime(new Date(start.getTime() + 30 * 60_000)),
          status: 'booked',
          reason: 'Check-up',
          booked_by: 'bench',
          booked_at: accountsOpenedAt,
          idempotency_key: `bench-${patientId}-${k}`,
          cancelled_at: null,
          cancelled_by: null,
          cancel_reason: null,
          replaced_by: null,
          checked_in_at: null,
          check_in: null,
        });
      }
    });

  // Every patient saw the popular provider once since opening the account (the FAQ's rule), in one import.
  const seenAt = new Date(Date.parse(accountsOpenedAt) + 60_000).toISOString();
  await fhirImporter(ctx).importBundle('bench-visits.json', {
    resourceType: 'Bundle',
    type: 'collection',
    entry: patientIds.map((patientId) => ({
      resource: {
        resourceType: 'Encounter',
        id: randomUUID(),
        status: 'finished',
        class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
        subject: { reference: `Patient/${patientId}` },
        participant: [{ individual: { reference: `Practitioner/${contended!.id}` } }],
        period: { start: seenAt, end: seenAt },
        serviceProvider: { reference: `Organization/${org.organisation_id}` },
      },
    })),
  });
  return {
    practitionerId: contended!.id,
    starts,
    countBookings: async (d: Db) =>
      (
        await d.kysely
          .selectFrom('appointment')
          .select('id')
          .where('practitioner_id', '=', contended!.id)
          .where('status', '=', 'booked')
          .execute()
      ).length,
  };
}

/** The n-th weekday (Monday–Friday) on or after a date. */
function nthWeekday(from: string, n: number): string {
  let date = from;
  let left = n;
  for (;;) {
    const weekend = [0, 6].includes(new Date(`${date}T12:00:00Z`).getUTCDay());
    if (!weekend && left-- === 0) return date;
    date = addDaysToDate(date, 1);
  }
}
