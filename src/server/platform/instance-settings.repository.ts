import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** Facts about this database itself (whether the demo created it), kept as key/value rows. */
export class InstanceSettingsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async get(key: string): Promise<string | null> {
    const row = await this.db.selectFrom('instance_setting').select('value').where('key', '=', key).executeTakeFirst();
    return row?.value ?? null;
  }

  async set(key: string, value: string): Promise<void> {
    await this.db
      .insertInto('instance_setting')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  }

  /** Whether the database holds no accounts and no clinical resources yet. */
  async isEmpty(): Promise<boolean> {
    const account = await this.db.selectFrom('account').select('id').limit(1).executeTakeFirst();
    const resource = await this.db.selectFrom('fhir_resource').select('id').limit(1).executeTakeFirst();
    return !account && !resource;
  }
}
