import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp, type BuildOptions } from '../../src/server/app.ts';
import { loadTenant, type Config } from '../../src/server/config.ts';
import { ManualClock } from '../../src/server/platform/clock.ts';
import { createContext, type AppContext } from '../../src/server/platform/context.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';

/** argon2id at its smallest cost: tests hash thousands of passwords; the cost itself is not what they test. */
const TEST_HASH_COST = { memoryCost: 1024, timeCost: 1 };

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const sampleDataDir = path.resolve(repoRoot, '../shared/data/synthea');

/** A config for tests: the demo tenant, a throwaway data directory, mail logged unless a test sets SMTP. */
export function testConfig(tdb: TestDatabase, overrides: Partial<Config> = {}): Config {
  return {
    // Uploaded files land here: beside the SQLite file, or a throwaway directory on PostgreSQL (never the repo).
    dataDir:
      tdb.config.engine === 'sqlite'
        ? path.dirname(tdb.config.file)
        : mkdtempSync(path.join(os.tmpdir(), 'lantern-test-data-')),
    database: tdb.config,
    tenant: loadTenant(path.join(repoRoot, 'config/tenant.demo.json')),
    http: { host: '127.0.0.1', port: 0, publicUrl: 'http://localhost:3000', requestDeadlineMs: 30_000 },
    mail: { smtpUrl: undefined, from: 'Lantern <no-reply@localhost>' },
    sms: undefined,
    notifications: { perRecipientPerHour: 20 },
    security: {
      sessionIdleMinutes: 15,
      sessionMaxHours: 12,
      passwordMinLength: 12,
      lockAfterFailures: 5,
      lockMinutes: 15,
      secureCookies: false,
      passwordHashCost: TEST_HASH_COST,
    },
    logLevel: 'silent',
    deployment: { production: false, demoTenant: true, trustProxy: false },
    ...overrides,
  };
}

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  clock: ManualClock;
  tdb: TestDatabase;
  close(): Promise<void>;
}

/** The real app on a fresh real database (engine chosen by DATABASE_URL), with a manual clock. */
export async function startTestApp(
  options: BuildOptions & { now?: string; config?: Partial<Config> } = {},
): Promise<TestApp> {
  const tdb = await createTestDatabase();
  const clock = new ManualClock(options.now ?? '2026-11-24T15:00:00.000Z');
  const ctx = createContext(testConfig(tdb, options.config), tdb.db, clock);
  const app = await buildApp(ctx, { web: options.web ?? 'none' });
  await app.ready();
  return {
    app,
    ctx,
    clock,
    tdb,
    close: async () => {
      await app.close();
      await tdb.destroy();
    },
  };
}
