import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { Database, RefillRequestTable, VisitInstructionTable } from '../../db/schema.ts';
import type { EducationTopic } from '../../../shared/records.ts';
import type { PatientScope } from '../../platform/access/scope.ts';

export type Handle = Kysely<Database> | Transaction<Database>;
export type RefillRow = Selectable<RefillRequestTable>;

/**
 * Refill requests, staff-added visit instructions and education topics. A patient's rows are read through a patient
 * scope, never by a bare id: a refill or work item of another record is simply not found.
 */
export class RecordsRepository {
  async insertRefill(trx: Handle, row: Insertable<RefillRequestTable>): Promise<void> {
    await trx.insertInto('refill_request').values(row).execute();
  }

  async setRefillItem(trx: Handle, id: string, itemId: string): Promise<void> {
    await trx.updateTable('refill_request').set({ work_item_id: itemId }).where('id', '=', id).execute();
  }

  refillsOf(trx: Handle, scope: PatientScope): Promise<RefillRow[]> {
    return trx.selectFrom('refill_request').selectAll().where('patient_id', '=', scope.patientId).execute();
  }

  refillByKey(trx: Handle, scope: PatientScope, accountId: string, key: string): Promise<RefillRow | undefined> {
    return trx
      .selectFrom('refill_request')
      .selectAll()
      .where('patient_id', '=', scope.patientId)
      .where('requested_by', '=', accountId)
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
  }

  refillByItem(trx: Handle, scope: PatientScope, itemId: string): Promise<RefillRow | undefined> {
    return trx
      .selectFrom('refill_request')
      .selectAll()
      .where('patient_id', '=', scope.patientId)
      .where('work_item_id', '=', itemId)
      .executeTakeFirst();
  }

  async decideRefill(
    trx: Handle,
    id: string,
    status: 'approved' | 'denied',
    by: string,
    at: string,
    reason: string | null,
  ): Promise<void> {
    await trx
      .updateTable('refill_request')
      .set({ status, decided_by: by, decided_at: at, reason })
      .where('id', '=', id)
      .where('status', '=', 'requested')
      .execute();
  }

  /** The medications of a patient with a refill request waiting for the care team. */
  async openRefillMedications(trx: Handle, scope: PatientScope): Promise<string[]> {
    const rows = await trx
      .selectFrom('refill_request')
      .select('medication_id')
      .where('patient_id', '=', scope.patientId)
      .where('status', '=', 'requested')
      .execute();
    return rows.map((r) => r.medication_id);
  }

  async insertInstruction(trx: Handle, row: Insertable<VisitInstructionTable>): Promise<void> {
    await trx.insertInto('visit_instruction').values(row).execute();
  }

  instructionsOf(trx: Handle, scope: PatientScope): Promise<Selectable<VisitInstructionTable>[]> {
    return trx
      .selectFrom('visit_instruction')
      .selectAll()
      .where('patient_id', '=', scope.patientId)
      .orderBy('created_at', 'desc')
      .execute();
  }

  async topics(trx: Handle): Promise<EducationTopic[]> {
    const rows = await trx.selectFrom('education_topic').selectAll().orderBy('title').execute();
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      body: r.body,
      codes: JSON.parse(r.codes) as string[],
      updatedAt: r.updated_at,
    }));
  }

  async saveTopic(
    trx: Handle,
    t: { id: string; title: string; body: string; codes: string[]; updatedAt: string },
  ): Promise<void> {
    const row = { id: t.id, title: t.title, body: t.body, codes: JSON.stringify(t.codes), updated_at: t.updatedAt };
    await trx
      .insertInto('education_topic')
      .values(row)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet({ title: row.title, body: row.body, codes: row.codes, updated_at: row.updated_at }),
      )
      .execute();
  }
}
