import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { DatabaseConfig } from '../src/server/config.ts';

/**
 * Runs a benchmark on a fresh SQLite file, then on a fresh PostgreSQL database (created on BENCH_DATABASE_URL or
 * DATABASE_URL and dropped afterwards) unless `engine` names one. `work` is a scratch directory removed at the end.
 */
export async function onEachEngine(
  label: string,
  engine: string | undefined,
  run: (config: DatabaseConfig, work: string) => Promise<void>,
): Promise<void> {
  const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
  const work = mkdtempSync(path.join(os.tmpdir(), `lantern-bench-${label}-`));
  try {
    if (engine !== 'postgres') await run({ engine: 'sqlite', file: path.join(work, 'bench.sqlite') }, work);
    if (engine !== 'sqlite' && pgUrl?.startsWith('postgres')) {
      const name = `lantern_bench_${label}_${Date.now()}`;
      const admin = new pg.Client({ connectionString: pgUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      const url = new URL(pgUrl);
      url.pathname = `/${name}`;
      try {
        await run({ engine: 'postgres', url: url.toString() }, work);
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      }
    } else if (engine !== 'sqlite') {
      console.log('postgres (skipped: set BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test)');
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
