import { z } from 'zod';
import { idempotencyKeySchema } from './idempotency.ts';
import { visitKindSchema } from './visits.ts';

/**
 * Visits → Appointments and Visits, scheduling, the wait list and e-check-in. Past visits are the record's
 * encounters; upcoming ones are Lantern's own appointments, booked into slots derived from the providers' weekly
 * schedules. The FAQ's rules: a patient self-schedules with a provider only after a visit with them since the portal
 * account was opened (configuration); cancelling or rescheduling online closes 2 hours before the start (configuration)
 * and the department's phone number takes over.
 *
 * Patient routes (realm patient; reads audited before they leave):
 *   GET  /api/patients/:patientId/visits                                  → VisitsOverview
 *   GET  /api/patients/:patientId/visits/:encounterId                     → VisitDetail
 *   GET  /api/patients/:patientId/appointments/:appointmentId             → Appointment
 *   GET  /api/patients/:patientId/appointments/:appointmentId/calendar.ics → text/calendar
 *   GET  /api/patients/:patientId/scheduling                              → SchedulingOptions
 *   GET  /api/patients/:patientId/scheduling/slots?practitionerId=&visitTypeId=&from=&days= → SlotDays
 *   POST /api/patients/:patientId/appointments            BookRequest      → Appointment (201; a replay 200)
 *   POST /api/patients/:patientId/appointments/:id/cancel                  → Appointment
 *   POST /api/patients/:patientId/appointments/:id/reschedule RescheduleRequest → Appointment (the new one)
 *   POST /api/patients/:patientId/appointments/:id/wait-list  WaitListRequest → Appointment (with its waitList)
 *   DELETE /api/patients/:patientId/wait-list/:entryId                     → 204
 *   POST /api/patients/:patientId/wait-list-offers/:offerId/accept         → Appointment (the earlier one)
 *   POST /api/patients/:patientId/wait-list-offers/:offerId/decline        → 204
 *   POST /api/patients/:patientId/appointment-requests AppointmentRequestInput → AppointmentRequestSummary (201)
 *   GET  /api/patients/:patientId/appointments/:id/check-in                → CheckInForm
 *   POST /api/patients/:patientId/appointments/:id/check-in  CheckInInput  → Appointment
 *
 * Staff routes (realm staff):
 *   GET  /api/staff/schedule?practitionerId=&date=                         → DaySchedule (front desk, clinicians, nurses)
 *   GET  /api/staff/schedule/providers                                     → SchedulingProvider[]
 *   POST /api/staff/patients/:patientId/appointments   StaffBookRequest    → Appointment
 *   POST /api/staff/patients/:patientId/appointments/:id/cancel            → Appointment
 *   POST /api/staff/patients/:patientId/appointments/:id/reschedule  RescheduleRequest → Appointment (the new one)
 *   GET  /api/staff/patients/:patientId/appointments                       → Appointment[] (upcoming)
 *   GET  /api/staff/patients/:patientId/visits/:encounterId/note           → StaffVisitNote | null
 *   PUT  /api/staff/patients/:patientId/visits/:encounterId/note  VisitNoteInput → StaffVisitNote (draft or signed)
 */

const isoInstant = z.iso.datetime({ offset: true, error: 'Enter a date and time.' });
const isoDate = z.iso.date({ error: 'Enter a date like 2026-12-31.' });

export const visitModeSchema = z.enum(['in_person', 'video']);

export const visitTypeSchema = z.object({
  id: z.string(),
  name: z.string(),
  minutes: z.number(),
  mode: visitModeSchema,
  /** Self-pay estimate in cents, when the organisation gives one. */
  priceCents: z.number().nullable(),
});
export type VisitType = z.infer<typeof visitTypeSchema>;

export const departmentSchema = z.object({
  id: z.string(),
  name: z.string(),
  phone: z.string(),
  address: z.string().nullable(),
  instructions: z.string().nullable(),
});
export type Department = z.infer<typeof departmentSchema>;

export const schedulingProviderSchema = z.object({
  id: z.string(),
  name: z.string(),
  department: departmentSchema,
  visitTypes: z.array(visitTypeSchema),
});
export type SchedulingProvider = z.infer<typeof schedulingProviderSchema>;

/** What the patient may do next with an appointment (the server enforces each). */
export const appointmentActionsSchema = z.object({
  canCancel: z.boolean(),
  canReschedule: z.boolean(),
  canJoinWaitList: z.boolean(),
  canCheckIn: z.boolean(),
  /** Why Cancel and Reschedule are gone (within the notice period): call the department instead. */
  callToChange: z.boolean(),
});

export const waitListEntrySchema = z.object({
  id: z.string(),
  appointmentId: z.string(),
  weekdays: z.array(z.number().int().min(0).max(6)).nullable(),
  dayPart: z.enum(['any', 'morning', 'afternoon']),
  createdAt: z.string(),
});
export type WaitListEntry = z.infer<typeof waitListEntrySchema>;

export const waitListOfferSchema = z.object({
  id: z.string(),
  appointmentId: z.string(),
  start: z.string(),
  end: z.string(),
  expiresAt: z.string(),
  providerName: z.string(),
});
export type WaitListOffer = z.infer<typeof waitListOfferSchema>;

export const appointmentSchema = z.object({
  id: z.string(),
  start: z.string(),
  end: z.string(),
  status: z.enum(['booked', 'cancelled']),
  provider: z.object({ id: z.string(), name: z.string() }),
  department: departmentSchema,
  visitType: visitTypeSchema,
  reason: z.string().nullable(),
  /** When cancelling or rescheduling online stops (the notice rule). */
  changeDeadline: z.string(),
  /** When e-check-in opens; checkedInAt once it is done. */
  checkInOpensAt: z.string(),
  checkedInAt: z.string().nullable(),
  waitList: waitListEntrySchema.nullable(),
  actions: appointmentActionsSchema,
});
export type Appointment = z.infer<typeof appointmentSchema>;

export const pastVisitSchema = z.object({
  /** The encounter's id. */
  id: z.string(),
  start: z.string(),
  kind: visitKindSchema,
  reason: z.string().nullable(),
  provider: z.string().nullable(),
  location: z.string().nullable(),
  hasNotes: z.boolean(),
});
export type PastVisit = z.infer<typeof pastVisitSchema>;

export const appointmentRequestSummarySchema = z.object({
  id: z.string(),
  providerName: z.string().nullable(),
  reason: z.string(),
  status: z.enum(['open', 'booked', 'closed']),
  createdAt: z.string(),
});
export type AppointmentRequestSummary = z.infer<typeof appointmentRequestSummarySchema>;

export const visitsOverviewSchema = z.object({
  upcoming: z.array(appointmentSchema),
  past: z.array(pastVisitSchema),
  offers: z.array(waitListOfferSchema),
  requests: z.array(appointmentRequestSummarySchema),
  /** Whether this caller may book, cancel and join wait lists for this record (a view-only proxy may not). */
  canSchedule: z.boolean(),
});
export type VisitsOverview = z.infer<typeof visitsOverviewSchema>;

const labelled = z.object({ id: z.string(), text: z.string() });

export const visitNoteSchema = z.object({
  id: z.string(),
  author: z.string(),
  signedAt: z.string(),
  text: z.string(),
});
export type VisitNote = z.infer<typeof visitNoteSchema>;

export const visitDetailSchema = pastVisitSchema.extend({
  end: z.string().nullable(),
  diagnoses: z.array(labelled),
  procedures: z.array(labelled),
  medications: z.array(labelled),
  vitals: z.array(z.object({ id: z.string(), name: z.string(), value: z.string() })),
  results: z.array(z.object({ id: z.string(), name: z.string() })),
  notes: z.array(visitNoteSchema),
  /** After-visit instructions: the record's care plans from the visit and instructions staff added to it. */
  instructions: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      text: z.string(),
      activities: z.array(z.string()),
      author: z.string().nullable(),
    }),
  ),
  /** The patient's "Request this note" for this visit, when one was sent (a medical-record request). */
  noteRequest: z.object({ threadId: z.string(), status: z.string(), createdAt: z.string() }).nullable(),
  canRequestNote: z.boolean(),
});
export type VisitDetail = z.infer<typeof visitDetailSchema>;

export const schedulingOptionsSchema = z.object({
  /** Providers the patient may book with themselves (a visit with them since the account opened, if the rule is on). */
  providers: z.array(schedulingProviderSchema),
  /** Every provider, for "Request an appointment". */
  requestable: z.array(z.object({ id: z.string(), name: z.string(), department: z.string() })),
  rule: z.object({ firstVisitRequired: z.boolean(), cancelNoticeHours: z.number() }),
});
export type SchedulingOptions = z.infer<typeof schedulingOptionsSchema>;

export const slotsQuerySchema = z.object({
  practitionerId: z.string().min(1).max(128),
  visitTypeId: z.string().min(1).max(128),
  from: isoDate.optional(),
  days: z.coerce.number().int().min(1).max(28).default(7),
});
export const slotDaysSchema = z.object({
  timeZone: z.string(),
  days: z.array(z.object({ date: z.string(), slots: z.array(z.object({ start: z.string(), end: z.string() })) })),
  /** The next date with an open slot after the range, if any (for "next available"). */
  nextAvailable: z.string().nullable(),
});
export type SlotDays = z.infer<typeof slotDaysSchema>;

const reasonSchema = z.string().trim().max(500, 'Keep the reason under 500 characters.');

export const bookRequestSchema = z.object({
  practitionerId: z.string().min(1).max(128),
  visitTypeId: z.string().min(1).max(128),
  start: isoInstant,
  reason: reasonSchema.optional(),
  idempotencyKey: idempotencyKeySchema,
});
export type BookRequest = z.infer<typeof bookRequestSchema>;
/**
 * Staff book for any patient of their organisation (the first-visit rule is the patient's, not theirs); booking from
 * a patient's "Request an appointment" names it, and the request is then booked and its work item closed.
 */
export const staffBookRequestSchema = bookRequestSchema.extend({ requestId: z.string().max(128).optional() });

export const rescheduleRequestSchema = z.object({ start: isoInstant, idempotencyKey: idempotencyKeySchema });

export const waitListRequestSchema = z.object({
  weekdays: z.array(z.number().int().min(0).max(6)).max(7).nullable().default(null),
  dayPart: z.enum(['any', 'morning', 'afternoon']).default('any'),
});

export const appointmentRequestInputSchema = z.object({
  practitionerId: z.string().max(128).nullable(),
  reason: z.string().trim().min(1, 'Say what the visit is for.').max(500, 'Keep the reason under 500 characters.'),
  preferred: z.string().trim().max(300, 'Keep this under 300 characters.').optional(),
  idempotencyKey: idempotencyKeySchema,
});

export const visitNoteInputSchema = z.object({
  text: z.string().trim().min(1, 'Write the note.').max(20000),
  sign: z.boolean(),
  /** A Cures Act exception that keeps a signed note from the patient; null: released (open notes). */
  holdReason: z.enum(['preventing_harm', 'privacy', 'security', 'infeasibility', 'health_it_performance']).nullable(),
});
export type VisitNoteInput = z.infer<typeof visitNoteInputSchema>;

export const staffVisitNoteSchema = z.object({
  id: z.string(),
  text: z.string(),
  status: z.enum(['draft', 'signed']),
  holdReason: z.string().nullable(),
  author: z.string(),
  signedAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type StaffVisitNote = z.infer<typeof staffVisitNoteSchema>;

export const dayScheduleSchema = z.object({
  date: z.string(),
  provider: z.object({ id: z.string(), name: z.string() }),
  appointments: z.array(
    z.object({
      id: z.string(),
      start: z.string(),
      end: z.string(),
      patient: z.object({ id: z.string(), name: z.string() }),
      visitType: z.string(),
      reason: z.string().nullable(),
      checkedInOnline: z.boolean(),
    }),
  ),
});
export type DaySchedule = z.infer<typeof dayScheduleSchema>;
export const dayScheduleQuerySchema = z.object({ practitionerId: z.string().min(1).max(128), date: isoDate });

/** A question of a visit type's questionnaire (a FHIR Questionnaire item, the kinds e-check-in asks). */
export const checkInQuestionSchema = z.object({
  linkId: z.string(),
  text: z.string(),
  type: z.enum(['string', 'text', 'boolean', 'choice']),
  required: z.boolean(),
  options: z.array(z.string()),
});
export type CheckInQuestion = z.infer<typeof checkInQuestionSchema>;

const insuranceSchema = z.object({
  carrier: z.string().trim().min(1, 'Enter the insurance company.').max(120),
  memberId: z.string().trim().min(1, 'Enter the member ID on the card.').max(60),
  groupNumber: z.string().trim().max(60).optional(),
});

/** E-check-in: what the patient confirms before the visit (GET …/check-in). */
export const checkInFormSchema = z.object({
  appointmentId: z.string(),
  opensAt: z.string(),
  /** Check-in is open now (from `checkInOpensDays` before until the start) and not yet done. */
  open: z.boolean(),
  completedAt: z.string().nullable(),
  contact: z.object({ email: z.string().nullable(), phone: z.string().nullable(), address: z.string().nullable() }),
  medications: z.array(z.object({ id: z.string(), name: z.string() })),
  allergies: z.array(z.object({ id: z.string(), name: z.string() })),
  insurance: insuranceSchema.nullable(),
  questions: z.array(checkInQuestionSchema),
});
export type CheckInForm = z.infer<typeof checkInFormSchema>;

/**
 * The patient's answers (POST …/check-in). Medications and allergies: a mark and a note for the care team, never a
 * change to the record. Answers to the questionnaire are stored as a FHIR QuestionnaireResponse on the appointment.
 */
export const checkInInputSchema = z.object({
  contactConfirmed: z.literal(true, { error: 'Confirm your contact details, or change them in your profile first.' }),
  medications: z.array(
    z.object({ id: z.string().max(128), stillTaking: z.boolean(), note: z.string().trim().max(500).optional() }),
  ),
  newMedications: z.string().trim().max(1000).optional(),
  allergies: z.array(
    z.object({ id: z.string().max(128), stillAllergic: z.boolean(), note: z.string().trim().max(500).optional() }),
  ),
  newAllergies: z.string().trim().max(1000).optional(),
  insurance: insuranceSchema,
  answers: z.array(z.object({ linkId: z.string().max(64), value: z.union([z.string().max(2000), z.boolean()]) })),
});
export type CheckInInput = z.infer<typeof checkInInputSchema>;

const minuteOfDay = z
  .number()
  .int()
  .min(0)
  .max(24 * 60);
const idSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'Use lower-case letters, digits and hyphens (for example office-visit).');

/**
 * What an administrator defines for one provider (PUT /api/staff/admin/schedules/:practitionerId): the department,
 * the visit types offered, weekly hours (local minutes after midnight, 5-minute marks) over a range of dates, and
 * days off or extra hours. Open slots derive from it.
 */
export const providerScheduleInputSchema = z.object({
  department: z.object({
    id: idSchema,
    organisationId: z.string().min(1, 'Choose the clinic.').max(128),
    name: z.string().trim().min(1, 'Name the department.').max(200),
    phone: z.string().trim().min(7, 'Give the phone number patients call.').max(40),
    address: z.string().trim().max(300).optional(),
    instructions: z.string().trim().max(2000).optional(),
  }),
  visitTypes: z
    .array(
      z.object({
        id: idSchema,
        name: z.string().trim().min(1, 'Name the visit type.').max(120),
        minutes: z.number().int().min(5).max(480),
        mode: visitModeSchema,
        selfSchedulable: z.boolean(),
        priceCents: z.number().int().min(0).max(10_000_000).optional(),
      }),
    )
    .min(1, 'Offer at least one visit type.'),
  providerName: z.string().trim().min(1, "Give the provider's name as patients see it.").max(200),
  hours: z.array(z.object({ weekday: z.number().int().min(0).max(6), start: minuteOfDay, end: minuteOfDay })),
  validFrom: isoDate,
  validTo: isoDate.optional(),
  exceptions: z
    .array(
      z.object({
        date: isoDate,
        kind: z.enum(['closed', 'open']),
        start: minuteOfDay.optional(),
        end: minuteOfDay.optional(),
        reason: z.string().trim().max(200).optional(),
      }),
    )
    .default([]),
});
export type ProviderScheduleInput = z.input<typeof providerScheduleInputSchema>;

/** The administrator's view: the record's practitioners and clinics to choose from, and every defined schedule. */
export const scheduleAdminSchema = z.object({
  practitioners: z.array(z.object({ id: z.string(), name: z.string() })),
  organisations: z.array(z.object({ id: z.string(), name: z.string() })),
  visitTypes: z.array(visitTypeSchema.extend({ selfSchedulable: z.boolean() })),
  schedules: z.array(
    z.object({
      practitionerId: z.string(),
      providerName: z.string(),
      department: departmentSchema.extend({ organisationId: z.string() }),
      visitTypeIds: z.array(z.string()),
      hours: z.array(z.object({ weekday: z.number(), start: z.number(), end: z.number() })),
      validFrom: z.string().nullable(),
      validTo: z.string().nullable(),
    }),
  ),
});
export type ScheduleAdmin = z.infer<typeof scheduleAdminSchema>;
