import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
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

/** A fresh migrated database; call `destroy()` in afterAll. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const empty = await createEmptyDatabase();
  const db = openDatabase(empty.config, { poolSize: 5 });
  await migrateToLatest(db);
  return {
    db,
    config: empty.config,
    destroy: async () => {
      await db.close();
      await empty.drop();
    },
  };
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
