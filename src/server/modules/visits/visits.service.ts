import { formatCodeableConcept } from '@medplum/core';
import type { Quantity } from '@medplum/fhirtypes';
import type { Appointment, VisitDetail, VisitsOverview, WaitListEntry } from '../../../shared/appointments.ts';
import { displayUnit, formatValue } from '../../../shared/units.ts';
import type { PatientScope } from '../../platform/access/scope.ts';
import { toDbTime } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { codeableText, type FhirService, type RecordRow } from '../fhir/fhir.service.ts';
import type { MessagingService } from '../messaging/messaging.service.ts';
import type { RecordsService } from '../records/records.service.ts';
import type { ResultsService } from '../results/results.service.ts';
import { AppointmentsRepository, type AppointmentRow } from './appointments.repository.ts';
import { appointmentCalendar } from './calendar.ts';
import type { ScheduleService } from './schedule.service.ts';
import type { AppointmentRequestsService } from './appointment-requests.service.ts';
import { presentAppointment, presentPastVisit, visitNameRefs, type Catalogue } from './visits.presenter.ts';
import { presentEntry, type WaitListService } from './wait-list.service.ts';

const PAST_LIMIT = 200;

/**
 * Visits → Appointments and Visits for patients and proxies: upcoming appointments (Lantern's own) with what the
 * caller may do with each, past visits (the record's encounters, through the scope's confidentiality filter), a
 * visit's Summary and released Notes, and the wait-list offers waiting for an answer.
 */
export class VisitsService {
  private readonly repo = new AppointmentsRepository();
  constructor(
    private readonly ctx: AppContext,
    private readonly fhir: FhirService,
    private readonly schedule: ScheduleService,
    private readonly waitList: WaitListService,
    private readonly results: ResultsService,
    private readonly messaging: MessagingService,
    private readonly requests: AppointmentRequestsService,
    private readonly records: RecordsService,
  ) {}

  async catalogue(): Promise<Catalogue> {
    const db = this.ctx.db.kysely;
    const [providers, departments, types] = await Promise.all([
      this.schedule.repo.providers(db),
      this.schedule.repo.departments(db),
      this.schedule.repo.visitTypes(db),
    ]);
    return {
      providers: new Map(providers.map((p) => [p.practitioner_id, p])),
      departments: new Map(departments.map((d) => [d.id, d])),
      visitTypes: new Map(types.map((t) => [t.id, t])),
    };
  }

  /** Appointments as the caller may see and act on them; a list that has the catalogue and wait list passes them. */
  async present(
    scope: PatientScope,
    rows: AppointmentRow[],
    loaded?: { catalogue: Catalogue; entries: Map<string, WaitListEntry> },
  ): Promise<Appointment[]> {
    const [catalogue, entries] = loaded
      ? [loaded.catalogue, loaded.entries]
      : await Promise.all([this.catalogue(), this.waitList.entries(scope)]);
    const { rules, visits } = this.ctx.config.tenant;
    const context = {
      now: this.ctx.clock.now().getTime(),
      cancelNoticeHours: rules.cancelNoticeHours,
      checkInOpensDays: visits.checkInOpensDays,
      canWrite: scope.can('appointment.book'),
    };
    return rows.map((a) => presentAppointment(a, catalogue, entries.get(a.id) ?? null, context));
  }

  async appointment(scope: PatientScope, id: string): Promise<Appointment> {
    const row = await this.repo.get(this.ctx.db.kysely, scope, id);
    if (!row) throw notFound();
    return (await this.present(scope, [row]))[0]!;
  }

  /** "Add to calendar": the appointment as an iCalendar file in the organisation's time zone. */
  async calendar(scope: PatientScope, id: string): Promise<string> {
    const appointment = await this.appointment(scope, id);
    const { organisation } = this.ctx.config.tenant;
    return appointmentCalendar(appointment, {
      timeZone: organisation.timeZone,
      organisation: organisation.name,
      portalUrl: this.ctx.config.http.publicUrl,
    });
  }

  /** The record's upcoming appointments, soonest first (the staff patient page lists them to cancel or move). */
  async upcoming(scope: PatientScope): Promise<Appointment[]> {
    return this.present(scope, await this.repo.upcoming(this.ctx.db.kysely, scope, toDbTime(this.ctx.clock.now())));
  }

  async overview(scope: PatientScope): Promise<VisitsOverview> {
    const db = this.ctx.db.kysely;
    const now = toDbTime(this.ctx.clock.now());
    const record = this.fhir.record(scope);
    const [upcoming, encounters, offers, requests, withNotes, catalogue, entryRows] = await Promise.all([
      this.repo.upcoming(db, scope, now),
      record.items('Encounter', PAST_LIMIT),
      this.waitList.repo.openOffers(db, scope, now),
      this.repo.requests(db, scope),
      this.repo.encountersWithReleasedNotes(db, scope),
      this.catalogue(),
      this.waitList.repo.entriesOf(db, scope),
    ]);
    const past = encounters.filter((e) => (e.effectiveDate ?? '') <= now);
    const [names, requestStatus] = await Promise.all([
      this.fhir.namesOf(visitNameRefs(past)),
      this.requests.requestStatuses(requests),
    ]);
    const offerEntries = new Map(entryRows.map((e) => [e.id, e]));
    const entries = new Map(entryRows.map((e) => [e.appointment_id, presentEntry(e)]));
    return {
      upcoming: await this.present(scope, upcoming, { catalogue, entries }),
      past: past.map((e) => presentPastVisit(e, names, withNotes)),
      offers: offers.map((o) => ({
        id: o.id,
        appointmentId: offerEntries.get(o.entry_id)?.appointment_id ?? '',
        start: o.starts_at,
        end: o.ends_at,
        expiresAt: o.expires_at,
        providerName: catalogue.providers.get(o.practitioner_id)?.display_name ?? 'Your provider',
      })),
      requests: requests.map((r) => ({
        id: r.id,
        providerName: r.practitioner_id ? (catalogue.providers.get(r.practitioner_id)?.display_name ?? null) : null,
        reason: r.reason,
        status: requestStatus.get(r.id) ?? r.status,
        createdAt: r.created_at,
      })),
      canSchedule: scope.can('appointment.book'),
    };
  }

  /** A past visit: its Summary (what the record holds from it), released notes, and any request for the note. */
  async visit(scope: PatientScope, encounterId: string): Promise<VisitDetail> {
    const record = this.fhir.record(scope);
    const encounter = await record.item('Encounter', encounterId);
    if (!encounter) throw notFound();
    const ref = `Encounter/${encounterId}`;
    const fromVisit = (rows: RecordRow[]) =>
      rows.filter((r) => (r.resource as { encounter?: { reference?: string } }).encounter?.reference === ref);
    const [conditions, procedures, medications, observations, results, notes, noteRequest, instructions] =
      await Promise.all([
        record.items('Condition').then(fromVisit),
        record.items('Procedure').then(fromVisit),
        record.items('MedicationRequest').then(fromVisit),
        record.items('Observation').then(fromVisit),
        this.results.ofVisit(scope, encounterId),
        this.repo.notes(this.ctx.db.kysely, scope, [encounterId]),
        this.messaging.recordRequestAbout(scope, { type: 'Encounter', id: encounterId }),
        this.records.visitInstructions(scope).then((all) => all.visits.find((v) => v.encounterId === encounterId)),
      ]);
    const released = notes.filter((n) => n.status === 'signed' && n.hold_reason === null);
    const names = await this.fhir.namesOf(visitNameRefs([encounter]));
    const label = (r: RecordRow) => ({ id: r.id, text: textOf(r) });
    return {
      ...presentPastVisit(encounter, names, new Set(released.map((n) => n.encounter_id))),
      end: (encounter.resource as { period?: { end?: string } }).period?.end ?? null,
      diagnoses: conditions.map(label),
      procedures: procedures.map(label),
      medications: medications.map(label),
      vitals: observations.filter(isVitalSign).map((o) => ({ id: o.id, name: textOf(o), value: valueOf(o) })),
      results,
      notes: released.map((n) => ({ id: n.id, author: n.author_name, signedAt: n.signed_at!, text: n.text })),
      instructions: (instructions?.items ?? []).map((i) => ({
        id: i.id,
        title: i.title,
        text: i.text,
        activities: i.activities,
        author: i.author,
      })),
      noteRequest,
      canRequestNote: released.length === 0 && scope.can('message.send') && noteRequest?.status !== 'open',
    };
  }
}

function textOf(r: RecordRow): string {
  const res = r.resource as { code?: unknown; medicationCodeableConcept?: unknown };
  const concept = res.medicationCodeableConcept ?? res.code;
  return (concept ? formatCodeableConcept(concept as never) : codeableText(concept)) || 'Unnamed item';
}

function isVitalSign(r: RecordRow): boolean {
  const cats = (r.resource as { category?: { coding?: { code?: string }[] }[] }).category ?? [];
  return cats.some((c) => (c.coding ?? []).some((x) => x.code === 'vital-signs'));
}

/** Systolic before diastolic, as blood pressure is said ("122/84 mmHg"). */
const COMPONENT_ORDER = ['8480-6', '8462-4'];

function valueOf(r: RecordRow): string {
  type Part = { code?: { coding?: { code?: string }[] }; valueQuantity?: Quantity };
  const o = r.resource as { valueQuantity?: Quantity; component?: Part[] };
  const say = (q: Quantity) => formatValue(q.value ?? 0, 'en-US');
  const unitOf = (q: Quantity) => displayUnit(q.code ?? q.unit ?? '');
  if (o.valueQuantity?.value !== undefined) return `${say(o.valueQuantity)} ${unitOf(o.valueQuantity)}`.trim();
  const rank = (p: Part) => {
    const i = COMPONENT_ORDER.indexOf(p.code?.coding?.[0]?.code ?? '');
    return i === -1 ? COMPONENT_ORDER.length : i;
  };
  const parts = (o.component ?? [])
    .filter((c) => c.valueQuantity?.value !== undefined)
    .sort((a, b) => rank(a) - rank(b))
    .map((c) => c.valueQuantity!);
  if (!parts.length) return '';
  return `${parts.map(say).join('/')} ${unitOf(parts[0]!)}`.trim();
}
