import type { Kysely } from 'kysely';

/**
 * Organisations in the access rules: which organisations a staff member works for (clinicians and nurses reach only
 * those organisations' patients and care-team pools), and which organisations a patient was seen at (from the
 * record's encounters, kept up to date by the import; filled here from what is already stored). A direct grant of
 * a minor's record by staff keeps the reason it was given.
 */
// Migrations see the database as it was at their time, not today's typed schema.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('staff_organisation')
    .addColumn('account_id', 'text', (c) => c.notNull().references('account.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('staff_organisation_pk', ['account_id', 'organisation_id'])
    .execute();
  await db.schema
    .createTable('patient_organisation')
    .addColumn('patient_id', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('patient_organisation_pk', ['patient_id', 'organisation_id'])
    .execute();
  await db.schema
    .createIndex('patient_organisation_by_org')
    .on('patient_organisation')
    .columns(['organisation_id', 'patient_id'])
    .execute();
  await db.schema.alterTable('proxy_grant').addColumn('reason', 'text').execute();

  let after = '';
  for (;;) {
    const rows = (await db
      .selectFrom('fhir_resource')
      .select(['id', 'patient_id', 'content'])
      .where('resource_type', '=', 'Encounter')
      .where('id', '>', after)
      .orderBy('id')
      .limit(1000)
      .execute()) as { id: string; patient_id: string | null; content: unknown }[];
    if (!rows.length) break;
    after = rows[rows.length - 1]!.id;
    const pairs = new Map<string, { patient_id: string; organisation_id: string }>();
    for (const r of rows) {
      const content = (typeof r.content === 'string' ? JSON.parse(r.content) : r.content) as {
        serviceProvider?: { reference?: unknown };
      };
      const ref = content.serviceProvider?.reference;
      if (!r.patient_id || typeof ref !== 'string' || !ref.startsWith('Organization/')) continue;
      const org = ref.slice('Organization/'.length);
      pairs.set(`${r.patient_id} ${org}`, { patient_id: r.patient_id, organisation_id: org });
    }
    if (pairs.size)
      await db
        .insertInto('patient_organisation')
        .values([...pairs.values()])
        .onConflict((oc) => oc.columns(['patient_id', 'organisation_id']).doNothing())
        .execute();
  }
}
