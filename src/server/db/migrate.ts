import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './connection.ts';
import * as m0001 from './migrations/0001-platform.ts';
import * as m0002 from './migrations/0002-clinical-store.ts';
import * as m0003 from './migrations/0003-identity.ts';
import * as m0004 from './migrations/0004-access.ts';
import * as m0005 from './migrations/0005-notifications.ts';
import * as m0006 from './migrations/0006-messaging.ts';
import * as m0007 from './migrations/0007-records.ts';
import * as m0008 from './migrations/0008-account-security.ts';
import * as m0009 from './migrations/0009-uniqueness.ts';
import * as m0010 from './migrations/0010-organisations.ts';
import * as m0011 from './migrations/0011-list-indexes.ts';
import * as m0012 from './migrations/0012-staff-account-controls.ts';
import * as m0013 from './migrations/0013-documents.ts';
import * as m0014 from './migrations/0014-results.ts';
import * as m0015 from './migrations/0015-visits.ts';

/** Numbered, forward-only migrations, the same list for both engines. Add new ones at the end. */
const migrations = [
  ['0001-platform', m0001],
  ['0002-clinical-store', m0002],
  ['0003-identity', m0003],
  ['0004-access', m0004],
  ['0005-notifications', m0005],
  ['0006-messaging', m0006],
  ['0007-records', m0007],
  ['0008-account-security', m0008],
  ['0009-uniqueness', m0009],
  ['0010-organisations', m0010],
  ['0011-list-indexes', m0011],
  ['0012-staff-account-controls', m0012],
  ['0013-documents', m0013],
  ['0014-results', m0014],
  ['0015-visits', m0015],
] as const;

class StaticProvider implements MigrationProvider {
  constructor(private readonly db: Db) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const [name, m] of migrations) out[name] = { up: (k) => m.up(k, this.db.engine) };
    return out;
  }
}

/** Applies every migration not yet applied; returns the names applied now. Throws on the first failure. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db: db.kysely, provider: new StaticProvider(db) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
