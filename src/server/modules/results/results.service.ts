import type { PatientScope } from '../../platform/access/scope.ts';
import { toDbTime } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import { badInput, notFound } from '../../platform/errors.ts';
import type { Session } from '../../platform/session/sessions.ts';
import type {
  ResultDetail,
  ResultList,
  ResultListQuery,
  ResultPreferences,
  ResultTrend,
} from '../../../shared/results.ts';
import type { FhirService } from '../fhir/fhir.service.ts';
import {
  codesOf,
  componentsOf,
  parseFlag,
  withFacts,
  decodeCursor,
  encodeCursor,
  presentSummary,
  rangeOfTrend,
} from './results.presenter.ts';
import { ResultsRepository, type ResultRow } from './results.repository.ts';
import { ReferenceRanges } from './reference-ranges.ts';

/** Results a page of the patient's list holds. */
export const RESULTS_PAGE = 20;

/** Staff display names by account id (the identity module provides them). */
export type StaffNames = () => Promise<Map<string, string>>;

/**
 * Test results for patients and proxies: released ones only, through the scope's confidentiality filter — the list,
 * a result with its ranges and note, a test's trend, Home's count, the hospital-results choice. The clinicians' side
 * and the release job are ResultsReviewService (results-review.service.ts).
 */
export class ResultsService {
  readonly repo = new ResultsRepository();
  readonly ranges: ReferenceRanges;
  constructor(
    private readonly ctx: AppContext,
    private readonly fhir: FhirService,
    private readonly staffNames: StaffNames,
  ) {
    this.ranges = new ReferenceRanges(ctx.config.tenant.results);
  }

  now(): string {
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

  /** The released results of one visit the caller may see, by name (a visit's Summary tab links to them). */
  async ofVisit(scope: PatientScope, encounterId: string): Promise<{ id: string; name: string }[]> {
    const rows = await this.repo.ofVisit(this.ctx.db.kysely, scope, encounterId, this.now());
    return scope.visible(rows.map(withFacts)).map((r) => ({ id: r.id, name: r.name }));
  }

  async detail(scope: PatientScope, session: Session, id: string): Promise<ResultDetail> {
    const db = this.ctx.db.kysely;
    const row = await this.repo.visible(db, scope, id, this.now(), session.accountId);
    if (!row || scope.hides(withFacts(row))) throw notFound();
    const [values, authors] = await Promise.all([this.repo.values(db, scope, id), this.noteAuthors([row])]);
    const [counts, components] = await Promise.all([
      this.repo.valueCounts(db, scope, codesOf(values), this.now()),
      this.observationsOf(scope, values),
      // The first opening by the patient or a proxy is what the clinician sees as "viewed"; staff reads are not.
      scope.relation !== 'staff' && row.viewed_by_me === null
        ? this.repo.markViewed(db, scope, row.id, session.accountId, this.now())
        : null,
    ]);
    return {
      ...presentSummary(row, false, authors),
      components: componentsOf(this.ranges, values, components.resources, counts, components.patient, row.collected_at),
      performer: row.performer,
      conclusion: row.conclusion,
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

  /** Staff names for the notes and reviews of these rows (asked only when one has a note or a review). */
  async noteAuthors(rows: ResultRow[]): Promise<Map<string, string>> {
    if (!rows.some((r) => r.note_by || r.reviewed_by)) return new Map();
    return this.staffNames();
  }

  /** The values' Observations as the record has them, and the patient (whose sex and age choose a range). */
  async observationsOf(scope: PatientScope, values: { id: string }[]) {
    const [resources, patient] = await Promise.all([
      this.fhir.resources(
        'Observation',
        values.map((v) => v.id),
      ),
      this.fhir.resource('Patient', scope.patientId),
    ]);
    return { resources, patient };
  }
}
