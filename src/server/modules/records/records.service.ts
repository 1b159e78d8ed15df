import { randomUUID } from 'node:crypto';
import type { Condition, Encounter, MedicationRequest } from '@medplum/fhirtypes';
import type { PatientScope } from '../../platform/access/scope.ts';
import type { RequestOrigin } from '../../platform/audit/audit.ts';
import { addBusinessDays, dateInZone } from '../../platform/calendar.ts';
import { toDbTime } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, isUniqueViolation, notFound } from '../../platform/errors.ts';
import type { Session } from '../../platform/session/sessions.ts';
import type {
  EducationTopic,
  HealthIssue,
  HomeSummary,
  ImmunizationGroup,
  MedicalHistory,
  Medication,
  MedicationList,
  RefillDecision,
  RefillRequest,
  VisitInstructions,
} from '../../../shared/records.ts';
import type { WorkItem } from '../../../shared/work-queue.ts';
import type { FhirService } from '../fhir/fhir.service.ts';
import type { MessagingService } from '../messaging/messaging.service.ts';
import type { NotificationService } from '../notifications/notifications.service.ts';
import type { WorkQueueService } from '../work-queue/work-queue.service.ts';
import type { ResultsService } from '../results/results.service.ts';
import type { Amendment } from '../../../shared/documents.ts';
import { AmendmentsRepository, presentAmendments, withAmendments } from './amendments.ts';
import {
  isSocialHistory,
  isSurgical,
  latestOfEach,
  presentFamilyHistory,
  presentProcedure,
  presentSocial,
} from './history.presenter.ts';
import { immunizationRecordPdf } from './immunization-pdf.ts';
import {
  conceptText,
  CURRENT_MEDICATION_STATUSES,
  day,
  groupImmunizations,
  isHealthIssue,
  presentAllergy,
  presentCarePlan,
  presentComposition,
  presentCondition,
  presentDocumentReference,
  presentImmunization,
  presentMedication,
} from './records.presenter.ts';
import { RecordsRepository, type RefillRow } from './records.repository.ts';

export const REFILL_REQUEST_TYPE = 'refill_request' as const;

/**
 * The patient's health record, readable by a person who is not a clinician: medications (with refill requests to
 * the care team), allergies, immunizations (and a printable record), health issues with education, medical,
 * surgical, family and social history, and visit instructions. Everything comes from the record system's FHIR data
 * through the fhir module; proxies never see items marked confidential.
 */
export class RecordsService {
  readonly repo = new RecordsRepository();
  private readonly amendmentRows = new AmendmentsRepository();
  constructor(
    private readonly ctx: AppContext,
    private readonly fhir: FhirService,
    private readonly queue: WorkQueueService,
    private readonly notifications: NotificationService,
    private readonly messaging: MessagingService,
    private readonly results: ResultsService,
  ) {}

  async home(access: PatientScope, session: Session): Promise<HomeSummary> {
    const [patient, messages, refills, currentMedications, activeHealthIssues, newResults] = await Promise.all([
      this.fhir.record(access).patient(),
      this.messaging.counts(access, session.accountId),
      this.countOpenRefills(access),
      this.fhir.record(access).count('MedicationRequest', CURRENT_MEDICATION_STATUSES),
      this.fhir.record(access).count('Condition', ['active', 'recurrence', 'relapse']),
      this.results.newCount(access, session),
    ]);
    if (!patient) throw notFound();
    return {
      patientId: access.patientId,
      displayName: patient.displayName,
      unreadMessages: messages.unread,
      requestsInProgress: { messages: messages.waiting, refills },
      currentMedications,
      activeHealthIssues,
      cards: { results: { newResults } },
    };
  }

  async medications(access: PatientScope): Promise<MedicationList> {
    const rows = await this.fhir.record(access).items('MedicationRequest');
    const names = await this.fhir.namesOf(
      rows.map((r) => (r.resource as unknown as MedicationRequest).requester?.reference),
    );
    const refills = latestByMedication(await this.repo.refillsOf(this.ctx.db.kysely, access));
    const meds = withAmendments(
      rows.map((row) => this.withRefill(presentMedication(row, names), refills.get(row.id), access)),
      await this.amendmentsOf(access, 'MedicationRequest'),
    );
    const byName = (a: Medication, b: Medication) => a.name.localeCompare(b.name);
    return { current: meds.filter((m) => m.current).sort(byName), past: meds.filter((m) => !m.current) };
  }

  async requestRefill(
    access: PatientScope,
    session: Session,
    medicationId: string,
    req: RefillRequest,
    origin: RequestOrigin,
  ): Promise<{ medication: Medication; replayed: boolean }> {
    const { ctx } = this;
    const db = ctx.db.kysely;
    const replay = await this.repo.refillByKey(db, access, session.accountId, req.idempotencyKey);
    if (replay) return { medication: await this.medicationById(access, replay.medication_id), replayed: true };
    const row = await this.fhir.record(access).item('MedicationRequest', medicationId);
    if (!row) throw notFound('The medication');
    const med = presentMedication(
      row,
      await this.fhir.namesOf([(row.resource as unknown as MedicationRequest).requester?.reference]),
    );
    if (!med.current)
      throw new AppError(
        'conflict',
        'medication_not_current',
        'Refills can be requested only for current prescriptions.',
      );
    const pool = await this.careTeamPool(access, (row.resource as unknown as MedicationRequest).encounter?.reference);
    const id = randomUUID();
    const now = ctx.clock.now();
    try {
      await db.transaction().execute(async (trx) => {
        await this.repo.insertRefill(trx, {
          id,
          patient_id: access.patientId,
          medication_id: medicationId,
          status: 'requested',
          pharmacy: req.pharmacy,
          comment: req.comment ?? null,
          requested_by: session.accountId,
          requested_at: toDbTime(now),
          idempotency_key: req.idempotencyKey,
          work_item_id: null,
          decided_by: null,
          decided_at: null,
          reason: null,
        });
        const itemId = await this.queue.create(trx, {
          type: REFILL_REQUEST_TYPE,
          pool,
          patientId: access.patientId,
          details: {
            refillId: id,
            medicationId,
            medication: med.name,
            pharmacy: req.pharmacy,
            comment: req.comment ?? null,
            requestedBy: session.displayName,
          },
          dueAt: addBusinessDays(now, ctx.config.tenant.rules.messageReplyBusinessDays.max, ctx.config.tenant),
          actor: access.actor,
          origin,
        });
        await this.repo.setRefillItem(trx, id, itemId);
        await access.audit(
          { action: 'medication.refill.requested', subject: { type: 'MedicationRequest', id: medicationId }, origin },
          trx,
        );
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const again = await this.repo.refillByKey(db, access, session.accountId, req.idempotencyKey);
      if (again) return { medication: await this.medicationById(access, again.medication_id), replayed: true };
      throw new AppError(
        'conflict',
        'refill_already_requested',
        'A refill of this medication is already requested. You will see the answer here.',
      );
    }
    return { medication: await this.medicationById(access, medicationId), replayed: false };
  }

  /** Care team: approve a refill request, or deny it with a reason the patient reads. */
  async decideRefill(
    scope: PatientScope,
    staff: Session,
    itemId: string,
    decision: RefillDecision,
    origin: RequestOrigin,
  ): Promise<WorkItem> {
    // Checked before the lease: taking the lease claims the item for the caller.
    if ((await this.queue.get(staff, itemId, origin)).type !== REFILL_REQUEST_TYPE)
      throw new AppError('conflict', 'not_a_refill_request', 'This item is not a refill request.');
    const refill = await this.repo.refillByItem(this.ctx.db.kysely, scope, itemId);
    if (!refill) throw notFound('The refill request');
    const hiddenFromProxies = await this.fhir
      .record(scope)
      .confidentialForProxies('MedicationRequest', refill.medication_id);
    const { token } = await this.queue.acquireLease(staff, itemId, origin);
    try {
      const approved = decision.decision === 'approved';
      const reason = decision.decision === 'denied' ? decision.reason : null;
      return await this.queue.complete(
        staff,
        itemId,
        { outcome: approved ? 'approved' : 'denied', note: reason },
        origin,
        token,
        async (trx) => {
          await this.repo.decideRefill(
            trx,
            refill.id,
            approved ? 'approved' : 'denied',
            staff.accountId,
            toDbTime(this.ctx.clock.now()),
            reason,
          );
          await this.notifications.toRecord(trx, {
            type: 'medication.refill_decided',
            ref: refill.id,
            patientId: scope.patientId,
            hiddenFromProxies,
          });
          await scope.audit(
            {
              action: approved ? 'medication.refill.approved' : 'medication.refill.denied',
              subject: { type: 'MedicationRequest', id: refill.medication_id },
              origin,
            },
            trx,
          );
        },
      );
    } catch (err) {
      await this.queue.releaseLease(itemId, token);
      throw err;
    }
  }

  async allergies(access: PatientScope) {
    const items = withAmendments(
      (await this.fhir.record(access).items('AllergyIntolerance')).map(presentAllergy),
      await this.amendmentsOf(access, 'AllergyIntolerance'),
    );
    // Active first, then by name.
    return {
      items: items.sort(
        (a, b) =>
          Number(b.status === 'active') - Number(a.status === 'active') || a.substance.localeCompare(b.substance),
      ),
    };
  }

  async immunizations(access: PatientScope): Promise<{ vaccines: ImmunizationGroup[] }> {
    return {
      vaccines: groupImmunizations(
        withAmendments(
          (await this.fhir.record(access).items('Immunization')).map(presentImmunization),
          await this.amendmentsOf(access, 'Immunization'),
        ),
      ),
    };
  }

  async immunizationPdf(access: PatientScope): Promise<Buffer> {
    const patient = await this.fhir.record(access).patient();
    if (!patient) throw notFound();
    const { vaccines } = await this.immunizations(access);
    const { name, portalName, timeZone } = this.ctx.config.tenant.organisation;
    return immunizationRecordPdf({
      patientName: patient.displayName,
      birthDate: patient.birthDate,
      organisationName: name,
      portalName,
      printedOn: dateInZone(this.ctx.clock.now(), timeZone),
      immunizations: vaccines.flatMap((v) => v.doses).filter((i) => i.status !== 'entered-in-error'),
    });
  }

  async healthIssues(access: PatientScope): Promise<{ active: HealthIssue[]; resolved: HealthIssue[] }> {
    const rows = (await this.fhir.record(access).items('Condition')).filter(isHealthIssue);
    const topics = await this.repo.topics(this.ctx.db.kysely);
    const issues = rows.map((row) => {
      const codes = ((row.resource as unknown as Condition).code?.coding ?? []).map((c) => `${c.system}|${c.code}`);
      return {
        ...presentCondition(row),
        education: topics
          .filter((t) => t.codes.some((c) => codes.includes(c)))
          .map((t) => ({ id: t.id, title: t.title })),
      };
    });
    const amended = withAmendments(issues, await this.amendmentsOf(access, 'Condition'));
    return { active: amended.filter((i) => i.active), resolved: amended.filter((i) => !i.active) };
  }

  async history(access: PatientScope): Promise<MedicalHistory> {
    const [conditions, procedures, family, observations] = await Promise.all([
      this.fhir.record(access).items('Condition'),
      this.fhir.record(access).items('Procedure'),
      this.fhir.record(access).items('FamilyMemberHistory'),
      this.fhir.record(access).items('Observation'),
    ]);
    const medical = conditions.map(presentCondition).filter((c) => !c.active);
    const [conditionAmendments, procedureAmendments] = await Promise.all([
      this.amendmentsOf(access, 'Condition'),
      this.amendmentsOf(access, 'Procedure'),
    ]);
    return {
      medical: withAmendments(
        medical.map((c) => ({
          id: c.id,
          name: c.name,
          date: c.onsetDate,
          resolvedDate: c.resolvedDate,
          detail: null,
          count: 1,
        })),
        conditionAmendments,
      ),
      surgical: withAmendments(procedures.filter(isSurgical).map(presentProcedure), procedureAmendments),
      procedures: withAmendments(
        latestOfEach(procedures.filter((p) => !isSurgical(p)).map(presentProcedure)),
        procedureAmendments,
      ),
      family: family.flatMap(presentFamilyHistory),
      social: latestOfEach(observations.filter(isSocialHistory).map(presentSocial)),
    };
  }

  async visitInstructions(access: PatientScope): Promise<{ visits: VisitInstructions[] }> {
    const [carePlans, documents, compositions, conditions] = await Promise.all([
      this.fhir.record(access).items('CarePlan'),
      this.fhir.record(access).items('DocumentReference'),
      this.fhir.record(access).items('Composition'),
      this.fhir.record(access).items('Condition'),
    ]);
    const conditionNames = new Map(conditions.map((c) => [c.id, presentCondition(c).name]));
    const plans = [
      ...documents.map(presentDocumentReference),
      ...compositions.map(presentComposition),
      ...carePlans.map((p) => presentCarePlan(p, conditionNames)),
    ];
    const added = await this.repo.instructionsOf(this.ctx.db.kysely, access);
    const encounterIds = new Set([
      ...plans.map((p) => p.encounterId).filter((e): e is string => e !== null),
      ...added.map((a) => a.encounter_id),
    ]);
    const encounters = new Map(
      (await this.fhir.record(access).items('Encounter')).filter((e) => encounterIds.has(e.id)).map((e) => [e.id, e]),
    );
    const visits: VisitInstructions[] = [];
    for (const [id, enc] of encounters) {
      const e = enc.resource as unknown as Encounter;
      visits.push({
        encounterId: id,
        visitDate: day(enc.effectiveDate),
        visitType: conceptText(e.type),
        items: [
          ...added
            .filter((a) => a.encounter_id === id)
            .map((a) => ({
              id: a.id,
              source: 'staff' as const,
              title: a.title,
              text: a.text,
              activities: [],
              author: a.author_name,
              date: day(a.created_at),
            })),
          ...plans
            .filter((p) => p.encounterId === id)
            .map((p) => ({
              id: p.id,
              source: 'record' as const,
              title: p.title,
              text: p.text,
              activities: p.activities,
              author: null,
              date: p.date,
            })),
        ],
      });
    }
    return { visits: visits.sort((a, b) => (b.visitDate ?? '').localeCompare(a.visitDate ?? '')) };
  }

  async addVisitInstructions(
    scope: PatientScope,
    staff: Session,
    input: { encounterId: string; title: string; text: string },
    origin: RequestOrigin,
  ): Promise<void> {
    if (!(await this.fhir.record(scope).item('Encounter', input.encounterId)))
      throw new AppError('validation_failed', 'unknown_visit', 'Choose one of this patient’s visits.', 'encounterId');
    await this.ctx.db.kysely.transaction().execute(async (trx) => {
      const id = randomUUID();
      await this.repo.insertInstruction(trx, {
        id,
        patient_id: scope.patientId,
        encounter_id: input.encounterId,
        title: input.title,
        text: input.text,
        author_account_id: staff.accountId,
        author_name: staff.displayName,
        created_at: toDbTime(this.ctx.clock.now()),
      });
      await scope.audit(
        { action: 'visit.instructions.added', subject: { type: 'Encounter', id: input.encounterId }, origin },
        trx,
      );
    });
  }

  topics(): Promise<EducationTopic[]> {
    return this.repo.topics(this.ctx.db.kysely);
  }

  /** Admin: creates or replaces an education topic, audited with the change. */
  async saveTopic(
    id: string,
    input: { title: string; body: string; codes: string[] },
    admin: Session,
    origin: RequestOrigin,
  ): Promise<EducationTopic> {
    await this.ctx.db.kysely.transaction().execute(async (trx) => {
      await this.repo.saveTopic(trx, { id, ...input, updatedAt: toDbTime(this.ctx.clock.now()) });
      await this.ctx.audit.record(
        {
          actor: { type: 'staff', id: admin.accountId, role: admin.staffRole ?? undefined },
          action: 'education.topic.saved',
          subject: { type: 'education_topic', id },
          origin,
        },
        trx,
      );
    });
    return this.topic(id);
  }

  async topic(id: string): Promise<EducationTopic> {
    const t = (await this.repo.topics(this.ctx.db.kysely)).find((x) => x.id === id);
    if (!t) throw notFound('The topic');
    return t;
  }

  /** The amendments noted on this record, newest first, minus those on items the caller may not see. */
  async amendments(access: PatientScope): Promise<Amendment[]> {
    return presentAmendments(this.fhir, access, await this.amendmentRows.of(this.ctx.db.kysely, access));
  }

  // ----- helpers

  /** Amendments noted on items of one FHIR type of this record. */
  private amendmentsOf(access: PatientScope, type: string) {
    return this.amendmentRows.of(this.ctx.db.kysely, access, type);
  }

  /** Refill requests waiting for the care team, on medications this caller may see. */
  private async countOpenRefills(access: PatientScope): Promise<number> {
    const open = await this.repo.openRefillMedications(this.ctx.db.kysely, access);
    if (!access.hideConfidential || open.length === 0) return open.length;
    const visible = new Set((await this.fhir.record(access).items('MedicationRequest')).map((r) => r.id));
    return open.filter((id) => visible.has(id)).length;
  }

  private async medicationById(access: PatientScope, medicationId: string): Promise<Medication> {
    const { current, past } = await this.medications(access);
    const found = [...current, ...past].find((m) => m.id === medicationId);
    if (!found) throw notFound('The medication');
    return found;
  }

  private withRefill(
    m: Omit<Medication, 'refill' | 'canRequestRefill'>,
    refill: RefillRow | undefined,
    access: PatientScope,
  ): Medication {
    return {
      ...m,
      refill: refill
        ? {
            status: refill.status,
            pharmacy: refill.pharmacy,
            requestedAt: refill.requested_at,
            decidedAt: refill.decided_at,
            reason: refill.reason,
          }
        : null,
      canRequestRefill: access.can('refill.request') && m.current && refill?.status !== 'requested',
    };
  }

  /** The pool of the care team behind a prescription: the organisation of the visit it was written at. */
  private async careTeamPool(scope: PatientScope, encounterRef: string | undefined): Promise<string> {
    const encounterId = encounterRef?.startsWith('Encounter/') ? encounterRef.slice('Encounter/'.length) : null;
    const visit = encounterId ? await this.fhir.record(scope).item('Encounter', encounterId) : undefined;
    const org = (visit?.resource as unknown as Encounter | undefined)?.serviceProvider?.reference;
    return `care_team:${org?.startsWith('Organization/') ? org.slice('Organization/'.length) : 'general'}`;
  }
}

function latestByMedication(rows: RefillRow[]): Map<string, RefillRow> {
  const out = new Map<string, RefillRow>();
  for (const r of rows) {
    const seen = out.get(r.medication_id);
    if (!seen || seen.requested_at < r.requested_at) out.set(r.medication_id, r);
  }
  return out;
}
