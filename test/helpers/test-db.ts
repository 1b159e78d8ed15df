import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createHash, randomBytes } from 'node:crypto';
import type { DatabaseConfig } from '../../src/server/config.ts';
import { openDatabase, type Db } from '../../src/server/db/connection.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';

/** A fresh, migrated database for one test suite, on the engine DATABASE_URL selects (SQLite when unset). */
export interface TestDatabase {
  db: Db;
  config: DatabaseConfig;
  /** Closes the handle and removes the database. */
  destroy(): Promise<void>;
}

/** The engine this test run uses: PostgreSQL when DATABASE_URL is a postgres URL, else SQLite. */
export function testEngine(): 'sqlite' | 'postgres' {
  return process.env.DATABASE_URL?.startsWith('postgres') ? 'postgres' : 'sqlite';
}

/** Creates an empty database (its own SQLite file, or its own PostgreSQL database) without opening it. */
export async function createEmptyDatabase(): Promise<{ config: DatabaseConfig; drop(): Promise<void> }> {
  const adminUrl = process.env.DATABASE_URL;
  if (adminUrl?.startsWith('postgres')) {
    const name = `lantern_t_${randomBytes(6).toString('hex')}`;
    await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return {
      config: { engine: 'postgres', url: url.toString() },
      drop: () => withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
    };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lantern-test-'));
  return {
    config: { engine: 'sqlite', file: path.join(dir, 'lantern.sqlite') },
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * A fresh migrated database; call `destroy()` in afterAll. It is a copy of a template migrated once (a copied file
 * on SQLite, `CREATE DATABASE … TEMPLATE` on PostgreSQL) instead of running every migration for every test.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const empty = await createMigratedDatabase();
  const db = openDatabase(empty.config, { poolSize: 5 });
  await migrateToLatest(db); // nothing to do on a current template; catches up a stale one
  return {
    db,
    config: empty.config,
    destroy: async () => {
      await db.close();
      await empty.drop();
    },
  };
}

/** What the migrations are: a new template is made whenever a migration file is added or changed. */
function migrationsFingerprint(): string {
  const dir = path.resolve(import.meta.dirname, '../../src/server/db/migrations');
  const hash = createHash('sha256');
  for (const f of readdirSync(dir).sort()) hash.update(f).update(readFileSync(path.join(dir, f)));
  return hash.digest('hex').slice(0, 12);
}

let sqliteTemplate: Promise<string> | null = null;

/** An empty database with every migration applied, copied from this run's template. */
async function createMigratedDatabase(): Promise<{ config: DatabaseConfig; drop(): Promise<void> }> {
  const adminUrl = process.env.DATABASE_URL;
  if (adminUrl?.startsWith('postgres')) {
    const template = await postgresTemplate(adminUrl);
    const name = `lantern_t_${randomBytes(6).toString('hex')}`;
    await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return {
      config: { engine: 'postgres', url: url.toString() },
      drop: () => withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
    };
  }
  sqliteTemplate ??= (async () => {
    const empty = await createEmptyDatabase();
    const db = openDatabase(empty.config);
    await migrateToLatest(db);
    await db.close(); // folds the WAL into the file, so the file alone is the database
    return (empty.config as { file: string }).file;
  })();
  const source = await sqliteTemplate;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lantern-test-'));
  const file = path.join(dir, 'lantern.sqlite');
  copyFileSync(source, file);
  return { config: { engine: 'sqlite', file }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The PostgreSQL template for the current migrations, made once for all test workers (under an advisory lock) and
 * kept between runs; templates of older migrations are dropped when a new one is made.
 */
async function postgresTemplate(adminUrl: string): Promise<string> {
  const name = `lantern_tpl_${migrationsFingerprint()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock(8675309)');
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount) return name;
    const old = await admin.query("SELECT datname FROM pg_database WHERE datname LIKE 'lantern_tpl_%'");
    for (const row of old.rows as { datname: string }[])
      await admin.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`);
    const building = `${name}_building`;
    await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${building}`);
    const url = new URL(adminUrl);
    url.pathname = `/${building}`;
    const db = openDatabase({ engine: 'postgres', url: url.toString() }, { poolSize: 1 });
    try {
      await migrateToLatest(db);
    } finally {
      await db.close();
    }
    await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`); // only a complete template gets the name
    return name;
  } finally {
    await admin.query('SELECT pg_advisory_unlock(8675309)').catch(() => undefined);
    await admin.end();
  }
}

async function withAdmin(url: string, fn: (c: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await fn(client);
  } finally {
    await client.end();
  }
}
