import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config.ts';
import type { Database } from './schema.ts';

export type Engine = DatabaseConfig['engine'];

/** An open database: the Kysely handle, which engine it is, and how to close it. */
export interface Db {
  kysely: Kysely<Database>;
  engine: Engine;
  close(): Promise<void>;
}

/** Opens SQLite (WAL, foreign keys, busy timeout) or a PostgreSQL pool. Opening is explicit: importing this file does nothing. */
export function openDatabase(config: DatabaseConfig, options: { poolSize?: number } = {}): Db {
  if (config.engine === 'sqlite') {
    mkdirSync(path.dirname(config.file), { recursive: true });
    const sqlite = new SqliteDatabase(config.file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    return { kysely, engine: 'sqlite', close: () => kysely.destroy() };
  }
  const pool = new pg.Pool({ connectionString: config.url, max: options.poolSize ?? 10 });
  // An idle client losing its server (failover, restart) must not crash the process.
  pool.on('error', () => undefined);
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
