import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig, DatabaseWaits } from '../config.ts';
import type { Database } from './schema.ts';

export type Engine = DatabaseConfig['engine'];

/** An open database: the Kysely handle, which engine it is, and how to close it. */
export interface Db {
  kysely: Kysely<Database>;
  engine: Engine;
  close(): Promise<void>;
}

export const DEFAULT_WAITS: DatabaseWaits = { connectMs: 3000, statementMs: 5000 };

/**
 * Opens SQLite (WAL, synchronous FULL, foreign keys, busy timeout) or a PostgreSQL pool, with every wait bounded
 * (`config.waits`): a database that is down or frozen turns into errors the app answers with 503, never a hang.
 * Opening is explicit: importing this file does nothing.
 */
export function openDatabase(config: DatabaseConfig, options: { poolSize?: number } = {}): Db {
  const waits = config.waits ?? DEFAULT_WAITS;
  if (config.engine === 'sqlite') {
    mkdirSync(path.dirname(config.file), { recursive: true });
    const sqlite = new SqliteDatabase(config.file);
    sqlite.pragma('journal_mode = WAL');
    // FULL: a commit is on disk (the WAL fsynced) before it is acknowledged, so a power cut cannot take it back;
    // NORMAL would survive a process crash only. docs/operations.md has the measured cost.
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma(`busy_timeout = ${Math.round(waits.statementMs)}`);
    const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    return { kysely, engine: 'sqlite', close: () => kysely.destroy() };
  }
  const pool = new pg.Pool({
    connectionString: config.url,
    max: options.poolSize ?? 10,
    // To connect, and to wait for a free connection from the pool.
    connectionTimeoutMillis: waits.connectMs,
    // The server cancels a statement that runs too long; the client gives up a little later on its own (a frozen
    // server cannot cancel anything).
    statement_timeout: waits.statementMs,
    query_timeout: waits.statementMs + 1000,
    // A broken connection is noticed by TCP keepalive rather than hanging forever.
    keepAlive: true,
  });
  // A client losing its server (failover, restart, a cut network) must not crash the process: idle clients report
  // through the pool, clients in use through themselves; the query in flight fails and the request answers 503.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { kysely, engine: 'postgres', close: () => kysely.destroy() };
}

/**
 * better-sqlite3 compiles a statement on every `prepare`; the portal runs the same few hundred SQL texts over and
 * over, so compiled statements are kept (least recently used dropped past 500). A statement still being iterated is
 * never handed out twice: a fresh one is compiled instead.
 */
function withStatementCache(sqlite: SqliteDatabase.Database): {
  close(): void;
  prepare(sql: string): SqliteDatabase.Statement;
} {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      const cached = cache.get(sql);
      if (cached && !cached.busy) {
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const statement = sqlite.prepare(sql);
      cache.set(sql, statement);
      if (cache.size > 500) cache.delete(cache.keys().next().value!);
      return statement;
    },
  };
}
