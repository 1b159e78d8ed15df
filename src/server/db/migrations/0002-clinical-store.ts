import type { Kysely } from 'kysely';
import type { Engine } from '../connection.ts';

/** The clinical store: FHIR JSON as it arrived, plus the indexed columns the portal lists and filters by. */
// Migrations see the database as it was at their time, not today's typed schema.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('fhir_resource')
    .addColumn('resource_type', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('patient_id', 'text')
    .addColumn('effective_date', 'text')
    .addColumn('status', 'text')
    .addColumn('category', 'text')
    .addColumn('code_system', 'text')
    .addColumn('code', 'text')
    .addColumn('security_labels', 'text')
    .addColumn('search_text', 'text')
    .addColumn('content', engine === 'postgres' ? 'jsonb' : 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('fhir_resource_pk', ['resource_type', 'id'])
    .execute();
  await db.schema
    .createIndex('fhir_resource_patient_type_date')
    .on('fhir_resource')
    .columns(['patient_id', 'resource_type', 'effective_date'])
    .execute();
  await db.schema
    .createIndex('fhir_resource_type_code')
    .on('fhir_resource')
    .columns(['resource_type', 'code'])
    .execute();
  await db.schema.createIndex('fhir_resource_id').on('fhir_resource').column('id').execute();

  // References to resources not imported yet (other bundle, any order); resolved when the target arrives.
  await db.schema
    .createTable('fhir_pending_reference')
    .addColumn('source_type', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('fhir_pending_reference_pk', ['target_id', 'source_type', 'source_id'])
    .execute();
}
