import type { Kysely } from 'kysely';
import type { Engine } from '../connection.ts';

/**
 * Test results: an index of the record's laboratory results, kept by the import beside the FHIR JSON, with the
 * portal's own facts about each (release, the provider's note, who has seen it).
 * - lab_result: one row per DiagnosticReport and per laboratory Observation no report holds. visible_from: when
 *   the patient may see it (null: held until a clinician releases it); notified_at: the patient was told, or it
 *   was history needing no notice (exactly once, claimed by an UPDATE … WHERE notified_at IS NULL).
 * - lab_result_value: each numeric or text value (Observation) of a result, for trends by LOINC code.
 * - lab_result_view: the first time each account opened a result (the list's "new", the clinician's "viewed").
 * - result_preference: per account, whether hospital results are shown.
 */
// Migrations see the database as it was at their time, not today's typed schema.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  const real = engine === 'postgres' ? 'double precision' : 'real';
  await db.schema
    .createTable('lab_result')
    .addColumn('id', 'text', (c) => c.primaryKey()) // the FHIR id of the report or observation
    .addColumn('resource_type', 'text', (c) => c.notNull()) // 'DiagnosticReport' | 'Observation'
    .addColumn('patient_id', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull()) // lower-case names of the result and its values
    .addColumn('code', 'text')
    .addColumn('category', 'text')
    .addColumn('code_system', 'text')
    .addColumn('security_labels', 'text')
    .addColumn('collected_at', 'text')
    .addColumn('resulted_at', 'text')
    .addColumn('sort_at', 'text', (c) => c.notNull()) // collected, else resulted: the list's order
    .addColumn('encounter_id', 'text')
    .addColumn('hospital', 'integer', (c) => c.notNull())
    .addColumn('flag', 'text')
    .addColumn('out_of_range', 'integer', (c) => c.notNull())
    .addColumn('component_count', 'integer', (c) => c.notNull())
    .addColumn('ordered_by', 'text')
    .addColumn('performer', 'text')
    .addColumn('conclusion', 'text') // the report's words (a pathology diagnosis, a genetic finding)
    .addColumn('visible_from', 'text')
    .addColumn('hold_reason', 'text')
    .addColumn('news', 'integer', (c) => c.notNull()) // 1: its release is news to the patient (recent)
    .addColumn('notified_at', 'text')
    .addColumn('released_by', 'text') // staff account that released it early
    .addColumn('note', 'text')
    .addColumn('note_by', 'text')
    .addColumn('note_at', 'text')
    .addColumn('reviewed_by', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('viewed_at', 'text') // first opened by the patient or a proxy
    .addColumn('indexed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('lab_result_patient').on('lab_result').columns(['patient_id', 'sort_at', 'id']).execute();
  await db.schema.createIndex('lab_result_release').on('lab_result').columns(['notified_at', 'visible_from']).execute();
  await db.schema
    .createIndex('lab_result_review')
    .on('lab_result')
    .columns(['organisation_id', 'reviewed_at', 'sort_at'])
    .execute();

  await db.schema
    .createTable('lab_result_value')
    .addColumn('id', 'text', (c) => c.primaryKey()) // the Observation's FHIR id
    .addColumn('result_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull()) // its place in the report, as the laboratory listed it
    .addColumn('patient_id', 'text', (c) => c.notNull())
    .addColumn('code', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('value', real)
    .addColumn('value_text', 'text')
    .addColumn('unit', 'text')
    .addColumn('flag', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('lab_result_value_trend')
    .on('lab_result_value')
    .columns(['patient_id', 'code', 'at'])
    .execute();
  await db.schema.createIndex('lab_result_value_result').on('lab_result_value').column('result_id').execute();

  await db.schema
    .createTable('lab_result_view')
    .addColumn('result_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('viewed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('lab_result_view_pk', ['result_id', 'account_id'])
    .execute();

  await db.schema
    .createTable('result_preference')
    .addColumn('account_id', 'text', (c) => c.primaryKey())
    .addColumn('show_hospital', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
