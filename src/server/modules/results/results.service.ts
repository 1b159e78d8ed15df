import { confidentialForProxies } from '../../platform/access/confidentiality.ts';
import type { PatientScope } from '../../platform/access/scope.ts';
import { toDbTime } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import { badInput, notFound } from '../../platform/errors.ts';
import type { Session } from '../../platform/session/sessions.ts';
import type {
  ResultDetail,
  ResultFlag,
  ResultList,
  ResultListQuery,
  ResultPreferences,
  ResultTrend,
  StaffResultDetail,
  StaffResultList,
} from '../../../shared/results.ts';
import type { FhirService } from '../fhir/fhir.service.ts';
import type { NotificationService } from '../notifications/notifications.service.ts';
import {
  componentsOf,
  decodeCursor,
  encodeCursor,
  presentStaffSummary,
  presentSummary,
  rangeOfTrend,
} from './results.presenter.ts';
import { ResultsRepository, type Handle, type ResultRow } from './results.repository.ts';
import { ReferenceRanges } from './reference-ranges.ts';

/** Results a page of the patient's list holds. */
export const RESULTS_PAGE = 20;
/** Items a page of the staff queue holds. */
export const QUEUE_PAGE = 25;
/** Results the release job tells patients about per run. */
const NOTICE_BATCH = 500;

/** Staff display names by account id (the identity module provides them). */
export type StaffNames = () => Promise<Map<string, string>>;

/**
 * Test results for patients and proxies (released ones only, through the scope's confidentiality filter), and for
 * the clinicians and nurses who review, note and release them. Releases are told through the outbox: a clinician's
 * release in its own transaction, a rule's (and a fresh import's) by the release job, exactly once either way.
 */
export class ResultsService {
  readonly repo = new ResultsRepository();
  private readonly ranges: ReferenceRanges;
  constructor(
    private readonly ctx: AppContext,
    private readonly fhir: FhirService,
    private readonly notifications: NotificationService,
    private readonly staffNames: StaffNames,
  ) {
    this.ranges = new ReferenceRanges(ctx.config.tenant.results);
  }

  private now(): string {
    return toDbTime(this.ctx.clock.now());
  }

  async list(scope: PatientScope, session: Session, query: ResultListQuery): Promise<ResultList> {
    if (query.from && query.to && query.from > query.to)
      throw badInput('to', 'The end date must be on or after the start date.');
    const db = this.ctx.db.kysely;
    const now = this.now();
    const cursor = query.cursor ? decodeCursor(query.cursor) : null;
    if (query.cursor && !cursor) throw badInput('cursor', 'This page of results is no longer available.');
    const [showHospital, hospital] = await Promise.all([
      this.repo.showsHospital(db, session.accountId),
      this.repo.countHospital(db, scope, now),
    ]);
    const rows = await this.repo.list(
      db,
      scope,
      { showHospital, name: query.name, from: query.from, to: query.to, cursor, limit: RESULTS_PAGE + 1 },
      now,
      session.accountId,
    );
    const page = rows.slice(0, RESULTS_PAGE);
    const notes = await this.noteAuthors(page);
    return {
      items: scope.visible(page.map(withFacts)).map((r) => presentSummary(r, r.viewed_by_me === null, notes)),
      nextCursor: rows.length > RESULTS_PAGE ? encodeCursor(page[page.length - 1]!) : null,
      showHospitalResults: showHospital,
      hiddenHospitalResults: showHospital ? 0 : scope.visible(hospital.map(withFacts)).length,
    };
  }

  async detail(scope: PatientScope, session: Session, id: string): Promise<ResultDetail> {
    const db = this.ctx.db.kysely;
    const row = await this.repo.visible(db, scope, id, this.now());
    if (!row || scope.hides(withFacts(row))) throw notFound();
    const [values, authors] = await Promise.all([this.repo.values(db, scope, id), this.noteAuthors([row])]);
    const counts = await this.repo.valueCounts(db, scope, codesOf(values), this.now());
    // The first opening by the patient or a proxy is what the clinician sees as "viewed"; staff reads are not.
    if (scope.relation !== 'staff') await this.repo.markViewed(db, scope, row.id, session.accountId, this.now());
    return {
      ...presentSummary(row, false, authors),
      components: await this.componentsWithRanges(scope, row, values, counts),
      performer: row.performer,
      note: row.note
        ? { text: row.note, by: authors.get(row.note_by ?? '') ?? 'Your care team', at: row.note_at! }
        : null,
      releasedAt: row.visible_from,
    };
  }

  async trend(scope: PatientScope, code: string): Promise<ResultTrend> {
    const rows = scope.visible(
      (await this.repo.trend(this.ctx.db.kysely, scope, code, this.now())).map((r) => ({
        ...r,
        codeSystem: r.code_system,
        code: r.result_code,
        securityLabels: r.security_labels,
      })),
    );
    if (!rows.length) throw notFound();
    const latest = rows[rows.length - 1]!;
    const patient = await this.fhir.resource('Patient', scope.patientId);
    return {
      code,
      name: latest.name,
      unit: latest.unit,
      range: rangeOfTrend(this.ranges, code, latest.unit, patient, latest.at),
      points: rows.map((r) => ({ resultId: r.result_id, at: r.at, value: r.value!, flag: parseFlag(r.flag) })),
    };
  }

  async newCount(scope: PatientScope, session: Session): Promise<number> {
    const rows = await this.repo.newFor(this.ctx.db.kysely, scope, session.accountId, this.now());
    return scope.visible(
      rows.map((r) => ({ codeSystem: r.code_system, code: r.code, securityLabels: r.security_labels })),
    ).length;
  }

  async preferences(session: Session): Promise<ResultPreferences> {
    return { showHospitalResults: await this.repo.showsHospital(this.ctx.db.kysely, session.accountId) };
  }

  async setPreferences(session: Session, prefs: ResultPreferences): Promise<ResultPreferences> {
    await this.ctx.db.kysely.transaction().execute(async (trx) => {
      await this.repo.setShowsHospital(trx, session.accountId, prefs.showHospitalResults, this.now());
      await this.ctx.audit.record(
        {
          actor: { type: 'patient', id: session.accountId },
          patientId: null,
          action: 'account.result_preferences.changed',
          detail: { showHospitalResults: prefs.showHospitalResults },
        },
        trx,
      );
    });
    return prefs;
  }

  /** Ids of the record's results not released yet: the access log leaves out events about them. */
  async heldIds(scope: PatientScope): Promise<Set<string>> {
    return new Set(await this.repo.heldIds(this.ctx.db.kysely, scope, this.now()));
  }

  // ----- staff

  async queue(
    session: Session,
    view: 'new' | 'held' | 'all',
    abnormalFirst: boolean,
    cursorText: string | undefined,
  ): Promise<StaffResultList> {
    const db = this.ctx.db.kysely;
    const now = this.now();
    const organisations = await this.ctx.access.grants.organisationsOf(session.accountId);
    const cursor = cursorText ? decodeCursor(cursorText) : null;
    if (cursorText && !cursor) throw badInput('cursor', 'This page of results is no longer available.');
    const [rows, counts] = await Promise.all([
      this.repo.queue(db, organisations, view, abnormalFirst, cursor, QUEUE_PAGE + 1, now),
      this.repo.queueCounts(db, organisations, now),
    ]);
    const page = rows.slice(0, QUEUE_PAGE);
    const [patients, authors] = await Promise.all([
      this.fhir.getPatients(page.map((r) => r.patient_id)),
      this.noteAuthors(page),
    ]);
    await this.ctx.audit.record({
      actor: { type: 'staff', id: session.accountId, role: session.staffRole ?? undefined },
      action: 'work_queue.item.listed',
      detail: { queue: 'results', view, count: page.length },
    });
    return {
      items: page.map((r) =>
        presentStaffSummary(r, patients.get(r.patient_id)?.displayName ?? 'Patient', now, authors),
      ),
      nextCursor: rows.length > QUEUE_PAGE ? encodeCursor(page[page.length - 1]!, abnormalFirst) : null,
      counts,
    };
  }

  async staffDetail(scope: PatientScope, id: string): Promise<StaffResultDetail> {
    const db = this.ctx.db.kysely;
    const row = await this.repo.any(db, scope, id);
    if (!row) throw notFound();
    const [values, authors, patient] = await Promise.all([
      this.repo.values(db, scope, id),
      this.noteAuthors([row]),
      this.fhir.getPatient(scope.patientId),
    ]);
    const counts = await this.repo.valueCounts(db, scope, codesOf(values), null);
    const { isNew: _isNew, ...summary } = presentSummary(row, false, authors);
    const now = this.now();
    return {
      ...summary,
      ...presentStaffSummary(row, patient?.displayName ?? 'Patient', now, authors),
      components: await this.componentsWithRanges(scope, row, values, counts),
      performer: row.performer,
      note: row.note ? { text: row.note, by: authors.get(row.note_by ?? '') ?? 'Care team', at: row.note_at! } : null,
      releasedAt: row.visible_from !== null && row.visible_from <= now ? row.visible_from : null,
    };
  }

  async saveNote(scope: PatientScope, session: Session, id: string, note: string): Promise<StaffResultDetail> {
    await this.ctx.db.kysely.transaction().execute(async (trx) => {
      const row = await this.repo.any(trx, scope, id);
      if (!row) throw notFound();
      await this.repo.setNote(trx, scope, id, note, session.accountId, this.now());
      await scope.audit({ action: 'record.result.note.saved', subject: { type: 'Result', id } }, trx);
    });
    return this.staffDetail(scope, id);
  }

  /** Releases a result now (with a note when given) and tells the patient, in one transaction. */
  async release(scope: PatientScope, session: Session, id: string, note?: string): Promise<StaffResultDetail> {
    const birthDate = (await this.fhir.getPatient(scope.patientId))?.birthDate ?? null;
    await this.ctx.db.kysely.transaction().execute(async (trx) => {
      const row = await this.repo.any(trx, scope, id);
      if (!row) throw notFound();
      const now = this.now();
      if (note) await this.repo.setNote(trx, scope, id, note, session.accountId, now);
      const released = await this.repo.release(trx, scope, id, session.accountId, now);
      if (released) {
        await scope.audit({ action: 'record.result.released', subject: { type: 'Result', id } }, trx);
        await this.tell(trx, scope.patientId, birthDate, [withFacts(row)], now);
      } else await this.repo.markReviewed(trx, scope, id, session.accountId, now);
    });
    return this.staffDetail(scope, id);
  }

  /**
   * The release job: tells patients (and proxies) of results released by a rule's waiting time or by an import, in
   * batches, one transaction per patient. Any node may run it at any time: each result is claimed by an UPDATE that
   * only an untold row passes, so a notice goes out exactly once.
   */
  async releaseDue(): Promise<number> {
    const db = this.ctx.db.kysely;
    const now = this.now();
    const due = await this.repo.dueNotices(db, now, NOTICE_BATCH);
    const byPatient = new Map<string, typeof due>();
    for (const r of due) byPatient.set(r.patient_id, [...(byPatient.get(r.patient_id) ?? []), r]);
    let told = 0;
    for (const [patientId, rows] of byPatient) {
      const birthDate = (await this.fhir.getPatient(patientId))?.birthDate ?? null;
      await db.transaction().execute(async (trx) => {
        const claimed = await this.repo.claimNotices(
          trx,
          patientId,
          rows.map((r) => r.id),
          now,
        );
        if (!claimed) return; // another node told them first
        told += claimed;
        for (const r of rows.filter((x) => x.released_by === null))
          await this.ctx.audit.record(
            {
              actor: { type: 'system', id: null, role: 'results-release' },
              patientId,
              action: 'record.result.released_by_rule',
              subject: { type: 'Result', id: r.id },
            },
            trx,
          );
        await this.tell(trx, patientId, birthDate, rows.map(withFacts), now, true);
      });
    }
    return told;
  }

  /** The notice of a release: "you have a new test result", never which or what (proxies only of what they may see). */
  private async tell(
    trx: Handle,
    patientId: string,
    birthDate: string | null,
    rows: { id: string; codeSystem: string | null; code: string | null; securityLabels: string | null }[],
    now: string,
    claimed = false,
  ): Promise<void> {
    if (
      !claimed &&
      !(await this.repo.claimNotices(
        trx,
        patientId,
        rows.map((r) => r.id),
        now,
      ))
    )
      return;
    const hiddenFromProxies = rows.every((r) =>
      confidentialForProxies(birthDate, r, this.ctx.config.tenant, this.ctx.clock.now()),
    );
    await this.notifications.toRecord(trx, {
      type: 'result.new',
      ref: `results:${rows.map((r) => r.id).sort()[0]}:${now}`,
      patientId,
      hiddenFromProxies,
    });
  }

  private async noteAuthors(rows: ResultRow[]): Promise<Map<string, string>> {
    if (!rows.some((r) => r.note_by || r.reviewed_by)) return new Map();
    return this.staffNames();
  }

  private async componentsWithRanges(
    scope: PatientScope,
    row: ResultRow,
    values: Awaited<ReturnType<ResultsRepository['values']>>,
    counts: Map<string, number>,
  ) {
    const [resources, patient] = await Promise.all([
      this.fhir.resources(
        'Observation',
        values.map((v) => v.id),
      ),
      this.fhir.resource('Patient', scope.patientId),
    ]);
    return componentsOf(this.ranges, values, resources, counts, patient, row.collected_at);
  }
}

const withFacts = <T extends { code_system: string | null; security_labels: string | null }>(r: T) => ({
  ...r,
  codeSystem: r.code_system,
  securityLabels: r.security_labels,
});

const codesOf = (values: { code: string | null }[]) => [
  ...new Set(values.map((v) => v.code).filter((c): c is string => c !== null)),
];

/** A flag as the index stored it (written from the same list). */
const parseFlag = (flag: string | null) => flag as ResultFlag | null;
