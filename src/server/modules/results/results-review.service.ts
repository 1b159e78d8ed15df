import { confidentialForProxies } from '../../platform/access/confidentiality.ts';
import type { PatientScope } from '../../platform/access/scope.ts';
import type { AppContext } from '../../platform/context.ts';
import { badInput, notFound } from '../../platform/errors.ts';
import type { Session } from '../../platform/session/sessions.ts';
import type { StaffResultDetail, StaffResultList } from '../../../shared/results.ts';
import type { FhirService } from '../fhir/fhir.service.ts';
import type { NotificationService } from '../notifications/notifications.service.ts';
import {
  codesOf,
  componentsOf,
  decodeCursor,
  encodeCursor,
  presentStaffSummary,
  presentSummary,
  withFacts,
} from './results.presenter.ts';
import type { Handle } from './results.repository.ts';
import type { ResultsService } from './results.service.ts';

/** Items a page of the staff queue holds. */
export const QUEUE_PAGE = 25;
/** Results the release job tells patients about per run. */
const NOTICE_BATCH = 500;

/**
 * The clinicians' and nurses' side of test results: the review queue of their organisations, a result with its
 * release state, a note for the patient, an early release; and the release job. Releases are told through the outbox:
 * a clinician's in its own transaction, a rule's (and a fresh import's) by the job, exactly once either way.
 */
export class ResultsReviewService {
  constructor(
    private readonly ctx: AppContext,
    private readonly fhir: FhirService,
    private readonly notifications: NotificationService,
    private readonly results: ResultsService,
  ) {}

  private get repo() {
    return this.results.repo;
  }

  private now(): string {
    return this.results.now();
  }

  private noteAuthors(...args: Parameters<ResultsService['noteAuthors']>) {
    return this.results.noteAuthors(...args);
  }

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
    const [counts, observations] = await Promise.all([
      this.repo.valueCounts(db, scope, codesOf(values), null),
      this.results.observationsOf(scope, values),
    ]);
    const { isNew: _isNew, ...summary } = presentSummary(row, false, authors);
    const now = this.now();
    return {
      ...summary,
      ...presentStaffSummary(row, patient?.displayName ?? 'Patient', now, authors),
      components: componentsOf(
        this.results.ranges,
        values,
        observations.resources,
        counts,
        observations.patient,
        row.collected_at,
      ),
      performer: row.performer,
      conclusion: row.conclusion,
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
}
