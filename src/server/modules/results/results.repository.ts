import {
  sql,
  type ExpressionBuilder,
  type Insertable,
  type Kysely,
  type Selectable,
  type Transaction,
  type Updateable,
} from 'kysely';
import type { Database, LabResultTable, LabResultValueTable } from '../../db/schema.ts';
import type { PatientScope } from '../../platform/access/scope.ts';

export type Handle = Kysely<Database> | Transaction<Database>;
export type ResultRow = Selectable<LabResultTable>;
export type ValueRow = Selectable<LabResultValueTable>;

/** Where a page of a newest-first list ended: the last row's order key. */
export interface ListCursor {
  sortAt: string;
  id: string;
  /** With "abnormal first", which half the page ended in (1 out of range, 0 not). */
  abnormal?: number;
}

export interface PatientListFilter {
  showHospital: boolean;
  name?: string | undefined;
  /** Dates (YYYY-MM-DD), inclusive. */
  from?: string | undefined;
  to?: string | undefined;
  cursor: ListCursor | null;
  limit: number;
}

/** What a patient may see now: released (visible_from reached), in their record. */
function visibleNow(eb: ExpressionBuilder<Database, 'lab_result'>, now: string) {
  return eb.and([eb('lab_result.visible_from', 'is not', null), eb('lab_result.visible_from', '<=', now)]);
}

/** `%` and `_` in a search are the letters typed, not wildcards. */
const likeEscaped = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Results SQL. A patient's results are read through a patient scope (its patientId is the only way to a record),
 * and what a patient or proxy reads is limited to released results; staff lists are limited to their organisations.
 */
export class ResultsRepository {
  // ----- the index (written by the import's listener, in its transaction)

  async indexedIds(trx: Handle, patientId: string): Promise<string[]> {
    const rows = await trx.selectFrom('lab_result').select('id').where('patient_id', '=', patientId).execute();
    return rows.map((r) => r.id);
  }

  /** The record's facts of an indexed result, again; its release, note and review stay. */
  async updateFacts(trx: Handle, row: { id: string } & Updateable<LabResultTable>): Promise<void> {
    const { id, ...facts } = row;
    await trx.updateTable('lab_result').set(facts).where('id', '=', id).execute();
  }

  async insertIndexed(trx: Handle, row: Insertable<LabResultTable>): Promise<void> {
    await trx
      .insertInto('lab_result')
      .values(row)
      // Another node building the same patient's index at once (the first start of several workers): theirs stands.
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }

  async replaceValues(trx: Handle, resultId: string, values: Insertable<LabResultValueTable>[]): Promise<void> {
    await trx.deleteFrom('lab_result_value').where('result_id', '=', resultId).execute();
    if (values.length)
      await trx
        .insertInto('lab_result_value')
        .values(values)
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
  }

  async anyIndexed(db: Handle): Promise<boolean> {
    return (await db.selectFrom('lab_result').select('id').limit(1).executeTakeFirst()) !== undefined;
  }

  /** A page of the released results of the scope's record, newest first (keyset on sort_at, id). */
  async list(trx: Handle, scope: PatientScope, f: PatientListFilter, now: string, accountId: string) {
    let q = trx
      .selectFrom('lab_result')
      .leftJoin('lab_result_view as v', (j) =>
        j.onRef('v.result_id', '=', 'lab_result.id').on('v.account_id', '=', accountId),
      )
      .selectAll('lab_result')
      .select('v.viewed_at as viewed_by_me')
      .where('lab_result.patient_id', '=', scope.patientId)
      .where((eb) => visibleNow(eb, now));
    if (!f.showHospital) q = q.where('lab_result.hospital', '=', 0);
    if (f.name) q = q.where(sql<boolean>`lab_result.search_text like ${likeEscaped(f.name)} escape '\\'`);
    if (f.from) q = q.where('lab_result.sort_at', '>=', f.from);
    if (f.to) q = q.where('lab_result.sort_at', '<', nextDay(f.to));
    if (f.cursor) {
      const c = f.cursor;
      q = q.where((eb) =>
        eb.or([
          eb('lab_result.sort_at', '<', c.sortAt),
          eb.and([eb('lab_result.sort_at', '=', c.sortAt), eb('lab_result.id', '<', c.id)]),
        ]),
      );
    }
    return q.orderBy('lab_result.sort_at', 'desc').orderBy('lab_result.id', 'desc').limit(f.limit).execute();
  }

  /** Released hospital results of the record (what the unchecked box leaves out). */
  async countHospital(trx: Handle, scope: PatientScope, now: string): Promise<ResultRow[]> {
    return trx
      .selectFrom('lab_result')
      .selectAll()
      .where('patient_id', '=', scope.patientId)
      .where('hospital', '=', 1)
      .where((eb) => visibleNow(eb, now))
      .execute();
  }

  /** Released results from one visit of the record (a visit's Summary links to them). */
  async ofVisit(trx: Handle, scope: PatientScope, encounterId: string, now: string): Promise<ResultRow[]> {
    return trx
      .selectFrom('lab_result')
      .selectAll()
      .where('patient_id', '=', scope.patientId)
      .where('encounter_id', '=', encounterId)
      .where((eb) => visibleNow(eb, now))
      .orderBy('sort_at')
      .execute();
  }

  /** One released result of the record, or undefined (another record's, unknown or held: all the same). */
  visible(trx: Handle, scope: PatientScope, id: string, now: string, accountId: string) {
    return trx
      .selectFrom('lab_result')
      .leftJoin('lab_result_view as v', (j) =>
        j.onRef('v.result_id', '=', 'lab_result.id').on('v.account_id', '=', accountId),
      )
      .selectAll('lab_result')
      .select('v.viewed_at as viewed_by_me')
      .where('lab_result.patient_id', '=', scope.patientId)
      .where('lab_result.id', '=', id)
      .where((eb) => visibleNow(eb, now))
      .executeTakeFirst();
  }

  /** One result of the record whatever its release (staff). */
  any(trx: Handle, scope: PatientScope, id: string): Promise<ResultRow | undefined> {
    return trx
      .selectFrom('lab_result')
      .selectAll()
      .where('patient_id', '=', scope.patientId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  values(trx: Handle, scope: PatientScope, resultId: string): Promise<ValueRow[]> {
    return trx
      .selectFrom('lab_result_value')
      .selectAll()
      .where('patient_id', '=', scope.patientId)
      .where('result_id', '=', resultId)
      .orderBy('position')
      .execute();
  }

  /** How many values of each of these tests the record has in results the caller may see (trend links). */
  async valueCounts(trx: Handle, scope: PatientScope, codes: string[], now: string | null) {
    if (!codes.length) return new Map<string, number>();
    let q = trx
      .selectFrom('lab_result_value as x')
      .innerJoin('lab_result', 'lab_result.id', 'x.result_id')
      .select(['x.code', (eb) => eb.fn.countAll<number>().as('n')])
      .where('x.patient_id', '=', scope.patientId)
      .where('x.code', 'in', codes)
      .where('x.value', 'is not', null);
    if (now !== null) q = q.where((eb) => visibleNow(eb, now));
    const rows = await q.groupBy('x.code').execute();
    return new Map(rows.map((r) => [r.code!, Number(r.n)]));
  }

  /** The values of one test in the record's released results, oldest first, with each result's facts. */
  trend(trx: Handle, scope: PatientScope, code: string, now: string) {
    return trx
      .selectFrom('lab_result_value as x')
      .innerJoin('lab_result', 'lab_result.id', 'x.result_id')
      .select([
        'x.result_id',
        'x.name',
        'x.value',
        'x.unit',
        'x.flag',
        'x.at',
        'lab_result.code_system',
        'lab_result.code as result_code',
        'lab_result.security_labels',
      ])
      .where('x.patient_id', '=', scope.patientId)
      .where('x.code', '=', code)
      .where('x.value', 'is not', null)
      .where((eb) => visibleNow(eb, now))
      .orderBy('x.at')
      .orderBy('x.id')
      .execute();
  }

  /** Released results the account has not opened that were news when released (Home's count). */
  newFor(trx: Handle, scope: PatientScope, accountId: string, now: string) {
    return trx
      .selectFrom('lab_result')
      .leftJoin('lab_result_view as v', (j) =>
        j.onRef('v.result_id', '=', 'lab_result.id').on('v.account_id', '=', accountId),
      )
      .select(['lab_result.id', 'lab_result.code_system', 'lab_result.code', 'lab_result.security_labels'])
      .where('lab_result.patient_id', '=', scope.patientId)
      .where('lab_result.news', '=', 1)
      .where('v.result_id', 'is', null)
      .where((eb) => visibleNow(eb, now))
      .execute();
  }

  /** The first opening by each account (idempotent); the result's own viewed_at is the first by anyone. */
  async markViewed(trx: Handle, scope: PatientScope, id: string, accountId: string, at: string): Promise<void> {
    await trx
      .insertInto('lab_result_view')
      .values({ result_id: id, account_id: accountId, viewed_at: at })
      .onConflict((oc) => oc.columns(['result_id', 'account_id']).doNothing())
      .execute();
    await trx
      .updateTable('lab_result')
      .set({ viewed_at: at })
      .where('patient_id', '=', scope.patientId)
      .where('id', '=', id)
      .where('viewed_at', 'is', null)
      .execute();
  }

  async showsHospital(trx: Handle, accountId: string): Promise<boolean> {
    const row = await trx
      .selectFrom('result_preference')
      .select('show_hospital')
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    return row?.show_hospital === 1;
  }

  async setShowsHospital(trx: Handle, accountId: string, show: boolean, at: string): Promise<void> {
    await trx
      .insertInto('result_preference')
      .values({ account_id: accountId, show_hospital: show ? 1 : 0, updated_at: at })
      .onConflict((oc) => oc.column('account_id').doUpdateSet({ show_hospital: show ? 1 : 0, updated_at: at }))
      .execute();
  }

  /** Ids of the record's results the patient may not see yet (held), for the access log. */
  async heldIds(trx: Handle, scope: PatientScope, now: string): Promise<string[]> {
    const rows = await trx
      .selectFrom('lab_result')
      .select('id')
      .where('patient_id', '=', scope.patientId)
      .where((eb) => eb.or([eb('visible_from', 'is', null), eb('visible_from', '>', now)]))
      .execute();
    return rows.map((r) => r.id);
  }

  async setNote(trx: Handle, scope: PatientScope, id: string, note: string, by: string, at: string): Promise<void> {
    await trx
      .updateTable('lab_result')
      .set({ note, note_by: by, note_at: at, reviewed_by: by, reviewed_at: at })
      .where('patient_id', '=', scope.patientId)
      .where('id', '=', id)
      .execute();
  }

  /** Releases a held result now; false when it was already released (a second click, a colleague, the rule). */
  async release(trx: Handle, scope: PatientScope, id: string, by: string, at: string): Promise<boolean> {
    const done = await trx
      .updateTable('lab_result')
      .set({ visible_from: at, released_by: by, reviewed_by: by, reviewed_at: at })
      .where('patient_id', '=', scope.patientId)
      .where('id', '=', id)
      .where((eb) => eb.or([eb('visible_from', 'is', null), eb('visible_from', '>', at)]))
      .executeTakeFirst();
    return Number(done.numUpdatedRows) > 0;
  }

  async markReviewed(trx: Handle, scope: PatientScope, id: string, by: string, at: string): Promise<void> {
    await trx
      .updateTable('lab_result')
      .set({ reviewed_by: by, reviewed_at: at })
      .where('patient_id', '=', scope.patientId)
      .where('id', '=', id)
      .where('reviewed_at', 'is', null)
      .execute();
  }

  /** Released results nobody has been told of yet (the release job's work), oldest release first. */
  dueNotices(trx: Handle, now: string, limit: number) {
    return trx
      .selectFrom('lab_result')
      .select(['id', 'patient_id', 'code_system', 'code', 'security_labels', 'released_by'])
      .where('notified_at', 'is', null)
      .where('visible_from', '<=', now)
      .orderBy('visible_from')
      .limit(limit)
      .execute();
  }

  /** Claims the telling of these results: only the rows still untold are claimed (exactly once across nodes). */
  async claimNotices(trx: Handle, patientId: string, ids: string[], at: string): Promise<number> {
    const done = await trx
      .updateTable('lab_result')
      .set({ notified_at: at })
      .where('patient_id', '=', patientId)
      .where('id', 'in', ids)
      .where('notified_at', 'is', null)
      .executeTakeFirst();
    return Number(done.numUpdatedRows);
  }

  /** A page of a staff member's results queue (their organisations), newest first; "abnormal first" optional. */
  async queue(
    trx: Handle,
    organisations: string[],
    view: 'new' | 'held' | 'all',
    abnormalFirst: boolean,
    cursor: ListCursor | null,
    limit: number,
    now: string,
  ): Promise<ResultRow[]> {
    if (!organisations.length) return [];
    let q = trx.selectFrom('lab_result').selectAll().where('organisation_id', 'in', organisations);
    if (view !== 'all') q = q.where((eb) => inView(eb, view, now));
    const abnormal = sql<number>`case when out_of_range > 0 then 1 else 0 end`;
    if (cursor) {
      const c = cursor;
      const older = (eb: ExpressionBuilder<Database, 'lab_result'>) =>
        eb.or([eb('sort_at', '<', c.sortAt), eb.and([eb('sort_at', '=', c.sortAt), eb('id', '<', c.id)])]);
      q = abnormalFirst
        ? q.where((eb) =>
            eb.or([eb(abnormal, '<', c.abnormal ?? 0), eb.and([eb(abnormal, '=', c.abnormal ?? 0), older(eb)])]),
          )
        : q.where(older);
    }
    if (abnormalFirst) q = q.orderBy(abnormal, 'desc');
    return q.orderBy('sort_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  }

  async queueCounts(trx: Handle, organisations: string[], now: string): Promise<{ new: number; held: number }> {
    if (!organisations.length) return { new: 0, held: 0 };
    const count = async (view: 'new' | 'held') => {
      const row = await trx
        .selectFrom('lab_result')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('organisation_id', 'in', organisations)
        .where((eb) => inView(eb, view, now))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    };
    const [n, h] = await Promise.all([count('new'), count('held')]);
    return { new: n, held: h };
  }
}

/** New: resulted recently (or held) and nobody has reviewed it; held: not released yet. */
function inView(eb: ExpressionBuilder<Database, 'lab_result'>, view: 'new' | 'held', now: string) {
  const held = eb.or([eb('visible_from', 'is', null), eb('visible_from', '>', now)]);
  return view === 'held' ? held : eb.and([eb('reviewed_at', 'is', null), eb.or([eb('news', '=', 1), held])]);
}

/** The day after a date (YYYY-MM-DD), so "to" includes its whole day in the text order of ISO times. */
function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
