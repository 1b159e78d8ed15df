import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { Database, PatientDocumentTable } from '../../db/schema.ts';
import type { PatientScope } from '../../platform/access/scope.ts';

export type Handle = Kysely<Database> | Transaction<Database>;
export type DocumentRow = Selectable<PatientDocumentTable>;

/**
 * Documents released to patients. A patient's documents are read through a patient scope, never by a bare id: a
 * document of another record is simply not found.
 */
export class DocumentsRepository {
  async insert(trx: Handle, row: Insertable<PatientDocumentTable>): Promise<void> {
    await trx.insertInto('patient_document').values(row).execute();
  }

  /** The scope's patient's documents, newest first. */
  of(db: Handle, scope: PatientScope): Promise<DocumentRow[]> {
    return db
      .selectFrom('patient_document')
      .selectAll()
      .where('patient_id', '=', scope.patientId)
      .orderBy('released_at', 'desc')
      .orderBy('id')
      .execute();
  }

  /** One document of the scope's patient; another record's is not found. */
  find(db: Handle, scope: PatientScope, id: string): Promise<DocumentRow | undefined> {
    return db
      .selectFrom('patient_document')
      .selectAll()
      .where('patient_id', '=', scope.patientId)
      .where('id', '=', id)
      .executeTakeFirst();
  }
}
