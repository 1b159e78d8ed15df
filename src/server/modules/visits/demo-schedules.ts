import { randomUUID } from 'node:crypto';
import { addDaysToDate, dateInZone } from '../../platform/calendar.ts';
import { toDbTime } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import type { FhirService } from '../fhir/fhir.service.ts';
import { AppointmentsRepository } from './appointments.repository.ts';
import type { ProviderSchedule, ScheduleService } from './schedule.service.ts';
import { localInstant, weekdayOf } from './slots.ts';

/** The demo organisation's visit types (fictional prices; the questionnaire is the demo's own). */
const VISIT_TYPES: ProviderSchedule['visitTypes'] = [
  {
    id: 'office-visit',
    name: 'Office visit',
    minutes: 30,
    mode: 'in_person',
    selfSchedulable: true,
    priceCents: 15000,
    questionnaire: {
      resourceType: 'Questionnaire',
      url: 'https://example.org/lantern-valley/Questionnaire/office-visit',
      status: 'active',
      title: 'Before your office visit',
      item: [
        { linkId: 'concern', text: 'What would you like to talk about at this visit?', type: 'text', required: true },
        { linkId: 'new-symptoms', text: 'Do you have any new symptoms since your last visit?', type: 'boolean' },
        {
          linkId: 'pain',
          text: 'How would you rate any pain you have today?',
          type: 'choice',
          answerOption: [
            { valueString: 'No pain' },
            { valueString: 'Mild' },
            { valueString: 'Moderate' },
            { valueString: 'Severe' },
          ],
        },
      ],
    },
  },
  { id: 'follow-up', name: 'Follow-up visit', minutes: 15, mode: 'in_person', selfSchedulable: true, priceCents: 9500 },
  { id: 'video-visit', name: 'Video visit', minutes: 20, mode: 'video', selfSchedulable: true, priceCents: 7500 },
  {
    id: 'annual-physical',
    name: 'Annual physical',
    minutes: 60,
    mode: 'in_person',
    selfSchedulable: false,
    priceCents: 22500,
  },
];

/** The demo patients whose clinicians get schedules (their care teams' latest clinicians). */
const DEMO_PATIENTS = [
  'bf823ea4-d765-40f8-b243-bdfdb6521408', // Elvina Lemke (the demo adult)
  'dbaeb336-8fb6-44dd-9606-6ccb4114074b', // Elsa Vargas (the demo parent)
  'cb0a84bd-b04c-458e-baa3-c9f89ca767d7', // Erminia Ondricka (the demo minor)
];

/**
 * The demo's schedules, once: the demo patients' clinicians at their clinics, Monday to Friday 8:00–12:00 and
 * 13:00–17:00 (every third one without Tuesday and Thursday afternoons), for the next 8 weeks, closed on the
 * organisation's holidays in that time. Departments take the clinic's name; phone numbers are 555-01xx (fiction).
 * The demo adult gets two upcoming office visits with her clinician: in 4 days (e-check-in open) and in 3 weeks.
 */
export async function ensureDemoSchedules(
  ctx: AppContext,
  fhir: FhirService,
  schedule: ScheduleService,
): Promise<number> {
  if (await schedule.repo.hasAnySchedule(ctx.db.kysely)) return 0;
  const today = dateInZone(ctx.clock.now(), ctx.config.tenant.organisation.timeZone);
  const until = addDaysToDate(today, 56);
  const holidays = ctx.config.tenant.holidays.filter((d) => d >= today && d <= until);
  const seen = new Set<string>();
  let adultsClinician: string | null = null;
  let n = 0;
  for (const patientId of DEMO_PATIENTS) {
    for (const member of await fhir.careTeamOf(patientId, 3)) {
      if (!member.organisationId || seen.has(member.practitionerId)) continue;
      seen.add(member.practitionerId);
      if (patientId === DEMO_PATIENTS[0] && !adultsClinician) adultsClinician = member.practitionerId;
      const shortWeek = n % 3 === 2;
      const weekdays = [1, 2, 3, 4, 5];
      await schedule.define({
        department: {
          id: `demo-dept-${member.organisationId.slice(0, 8)}`,
          organisationId: member.organisationId,
          name: `${member.organisation ?? 'Lantern Valley Health Center'} — Primary care`,
          phone: `(555) 555-01${String(50 + n).padStart(2, '0')}`,
          address: `${100 + n * 12} Lantern Valley Road, Suite ${n + 1}`,
          instructions: 'Please arrive 15 minutes early with your insurance card and a list of your medications.',
        },
        visitTypes: VISIT_TYPES,
        provider: { practitionerId: member.practitionerId, name: member.name },
        hours: weekdays.flatMap((weekday) => [
          { weekday, start: 8 * 60, end: 12 * 60 },
          ...(shortWeek && (weekday === 2 || weekday === 4) ? [] : [{ weekday, start: 13 * 60, end: 17 * 60 }]),
        ]),
        validFrom: today,
        validTo: until,
        exceptions: holidays.map((date) => ({ date, kind: 'closed' as const, reason: 'Holiday' })),
      });
      n += 1;
    }
  }
  if (adultsClinician) await bookDemoAppointments(ctx, schedule, today, adultsClinician);
  return n;
}

/** Two office visits for the demo adult with her latest clinician, at 10:00 local, in 4 and 21 days (weekdays). */
async function bookDemoAppointments(
  ctx: AppContext,
  schedule: ScheduleService,
  today: string,
  practitionerId: string,
): Promise<void> {
  const patientId = DEMO_PATIENTS[0]!;
  const provider = await schedule.bookableProvider(practitionerId);
  if (!provider) return;
  const tz = ctx.config.tenant.organisation.timeZone;
  const repo = new AppointmentsRepository();
  for (const [i, days] of [4, 21].entries()) {
    let date = addDaysToDate(today, days);
    while ([0, 6].includes(weekdayOf(date))) date = addDaysToDate(date, 1);
    const start = localInstant(date, 10 * 60, tz);
    const id = randomUUID();
    await ctx.db.kysely.transaction().execute(async (trx) => {
      await repo.insert(trx, {
        id,
        patient_id: patientId,
        practitioner_id: provider.row.practitioner_id,
        department_id: provider.department.id,
        organisation_id: provider.row.organisation_id,
        visit_type_id: 'office-visit',
        starts_at: toDbTime(start),
        ends_at: toDbTime(new Date(start.getTime() + 30 * 60_000)),
        status: 'booked',
        reason: i === 0 ? 'Follow-up on blood pressure' : 'Check-up',
        booked_by: 'seed-demo',
        booked_at: toDbTime(ctx.clock.now()),
        idempotency_key: `demo-${i}`,
        cancelled_at: null,
        cancelled_by: null,
        cancel_reason: null,
        replaced_by: null,
        checked_in_at: null,
        check_in: null,
      });
      await ctx.audit.record(
        {
          actor: { type: 'system', id: null, role: 'seed-demo' },
          patientId,
          action: 'appointment.booked',
          subject: { type: 'appointment', id },
        },
        trx,
      );
    });
  }
}
