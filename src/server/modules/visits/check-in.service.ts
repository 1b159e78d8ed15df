import { formatAddress } from '@medplum/core';
import type { Address, ContactPoint, Questionnaire, QuestionnaireResponse } from '@medplum/fhirtypes';
import type { Appointment, CheckInForm, CheckInInput, CheckInQuestion } from '../../../shared/appointments.ts';
import type { PatientScope } from '../../platform/access/scope.ts';
import type { RequestOrigin } from '../../platform/audit/audit.ts';
import { toDbTime } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, badInput, notFound } from '../../platform/errors.ts';
import type { FhirService } from '../fhir/fhir.service.ts';
import type { RecordsService } from '../records/records.service.ts';
import { AppointmentsRepository, type AppointmentRow } from './appointments.repository.ts';
import type { ScheduleService } from './schedule.service.ts';
import type { VisitsService } from './visits.service.ts';

/** What e-check-in stores on the appointment (check_in): the answers, the questionnaire's as FHIR. */
interface StoredCheckIn {
  medications: CheckInInput['medications'];
  newMedications: string | null;
  allergies: CheckInInput['allergies'];
  newAllergies: string | null;
  insurance: CheckInInput['insurance'];
  questionnaireResponse: QuestionnaireResponse | null;
}

/**
 * E-check-in: opens `checkInOpensDays` before an appointment and closes at its start. The patient (or a full proxy)
 * confirms the contact details the clinic has, marks medications no longer taken and allergies no longer current
 * with a note for the care team (the record is not changed: the clinician reconciles it at the visit), gives the
 * insurance on file, and answers the visit type's questionnaire (FHIR Questionnaire → QuestionnaireResponse, kept
 * on the appointment). Staff see "checked in online" on the day's schedule.
 */
export class CheckInService {
  private readonly repo = new AppointmentsRepository();
  constructor(
    private readonly ctx: AppContext,
    private readonly fhir: FhirService,
    private readonly records: RecordsService,
    private readonly schedule: ScheduleService,
    private readonly visits: VisitsService,
  ) {}

  private async load(scope: PatientScope, id: string) {
    const row = await this.repo.get(this.ctx.db.kysely, scope, id);
    if (!row) throw notFound();
    const type = (await this.schedule.repo.visitTypes(this.ctx.db.kysely)).find((t) => t.id === row.visit_type_id);
    const questionnaire = type?.questionnaire ? (JSON.parse(type.questionnaire) as Questionnaire) : null;
    return { row, questionnaire };
  }

  private opensAt(row: AppointmentRow): Date {
    return new Date(Date.parse(row.starts_at) - this.ctx.config.tenant.visits.checkInOpensDays * 86_400_000);
  }

  async form(scope: PatientScope, id: string): Promise<CheckInForm> {
    const { row, questionnaire } = await this.load(scope, id);
    const now = this.ctx.clock.now().getTime();
    const [meds, allergies, patient] = await Promise.all([
      this.records.medications(scope),
      this.records.allergies(scope),
      this.fhir.resource('Patient', scope.patientId),
    ]);
    const stored = row.check_in ? (JSON.parse(row.check_in) as StoredCheckIn) : null;
    const telecom = ((patient as { telecom?: ContactPoint[] } | undefined)?.telecom ?? []) as ContactPoint[];
    const address = ((patient as { address?: Address[] } | undefined)?.address ?? [])[0];
    return {
      appointmentId: row.id,
      opensAt: this.opensAt(row).toISOString(),
      open: this.isOpen(row, now),
      completedAt: row.checked_in_at,
      contact: {
        email: telecom.find((t) => t.system === 'email')?.value ?? null,
        phone: telecom.find((t) => t.system === 'phone')?.value ?? null,
        address: address ? formatAddress(address) || null : null,
      },
      medications: meds.current.map((m) => ({ id: m.id, name: m.name })),
      allergies: allergies.items.filter((a) => a.status === 'active').map((a) => ({ id: a.id, name: a.substance })),
      insurance: stored?.insurance ?? null,
      questions: questionsOf(questionnaire),
    };
  }

  private isOpen(row: AppointmentRow, now: number): boolean {
    return (
      row.status === 'booked' &&
      !row.checked_in_at &&
      now >= this.opensAt(row).getTime() &&
      now < Date.parse(row.starts_at)
    );
  }

  async checkIn(scope: PatientScope, id: string, input: CheckInInput, origin: RequestOrigin): Promise<Appointment> {
    const { row, questionnaire } = await this.load(scope, id);
    const now = this.ctx.clock.now();
    if (row.checked_in_at)
      throw new AppError('conflict', 'already_checked_in', 'You have already checked in for this appointment.');
    if (!this.isOpen(row, now.getTime()))
      throw new AppError(
        'conflict',
        'check_in_closed',
        `Online check-in opens ${this.ctx.config.tenant.visits.checkInOpensDays} days before the appointment and closes when it starts.`,
      );
    const form = await this.form(scope, id);
    const known = (ids: Set<string>, items: { id: string }[], field: string) => {
      for (const i of items)
        if (!ids.has(i.id)) throw badInput(field, 'That item is not in your list. Reload the page.');
    };
    known(new Set(form.medications.map((m) => m.id)), input.medications, 'medications');
    known(new Set(form.allergies.map((a) => a.id)), input.allergies, 'allergies');
    const stored: StoredCheckIn = {
      medications: input.medications,
      newMedications: input.newMedications || null,
      allergies: input.allergies,
      newAllergies: input.newAllergies || null,
      insurance: input.insurance,
      questionnaireResponse: questionnaire
        ? responseOf(questionnaire, form.questions, input.answers, scope.patientId, now)
        : null,
    };
    await this.ctx.db.kysely.transaction().execute(async (trx) => {
      await this.repo.setCheckIn(trx, scope, id, toDbTime(now), JSON.stringify(stored));
      await scope.audit({ action: 'appointment.checked_in', subject: { type: 'appointment', id }, origin }, trx);
    });
    return this.visits.appointment(scope, id);
  }
}

/** The questions e-check-in asks: the Questionnaire's items of the kinds it knows, in order. */
export function questionsOf(q: Questionnaire | null): CheckInQuestion[] {
  return (q?.item ?? [])
    .filter((i) => ['string', 'text', 'boolean', 'choice'].includes(i.type))
    .map((i) => ({
      linkId: i.linkId,
      text: i.text ?? i.linkId,
      type: i.type as CheckInQuestion['type'],
      required: i.required === true,
      options: (i.answerOption ?? []).map((o) => o.valueString ?? o.valueCoding?.display ?? '').filter(Boolean),
    }));
}

/** The answers as a FHIR QuestionnaireResponse; a 400 naming the question when a required one is unanswered or wrong. */
export function responseOf(
  q: Questionnaire,
  questions: CheckInQuestion[],
  answers: CheckInInput['answers'],
  patientId: string,
  at: Date,
): QuestionnaireResponse {
  const byId = new Map(answers.map((a) => [a.linkId, a.value]));
  const item: NonNullable<QuestionnaireResponse['item']> = [];
  for (const question of questions) {
    const value = byId.get(question.linkId);
    const empty = value === undefined || (typeof value === 'string' && !value.trim());
    if (empty) {
      if (question.required) throw badInput(`answers.${question.linkId}`, 'Please answer this question.');
      continue;
    }
    if (question.type === 'boolean' && typeof value !== 'boolean')
      throw badInput(`answers.${question.linkId}`, 'Answer yes or no.');
    if (question.type === 'choice' && !question.options.includes(String(value)))
      throw badInput(`answers.${question.linkId}`, 'Choose one of the answers offered.');
    item.push({
      linkId: question.linkId,
      text: question.text,
      answer: [typeof value === 'boolean' ? { valueBoolean: value } : { valueString: value }],
    });
  }
  return {
    resourceType: 'QuestionnaireResponse',
    status: 'completed',
    ...(q.url ? { questionnaire: q.url } : {}),
    subject: { reference: `Patient/${patientId}` },
    authored: at.toISOString(),
    item,
  };
}
