import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/server/app.ts';
import { openDatabase, type Db } from '../src/server/db/connection.ts';
import { ManualClock } from '../src/server/platform/clock.ts';
import { createContext } from '../src/server/platform/context.ts';
import { signUpPatient } from './helpers/identity-factories.ts';
import { startTcpProxy, type TcpProxy } from './helpers/tcp-proxy.ts';
import { testConfig } from './helpers/test-app.ts';
import { createTestDatabase, testEngine, type TestDatabase } from './helpers/test-db.ts';

const WAITS = { connectMs: 1000, statementMs: 1500 };
const DEADLINE_MS = 4000;

/**
 * PostgreSQL behind a TCP proxy the test controls: cut (connections dropped, new ones refused) and frozen (open but
 * silent, as a stopped server). Lantern must answer 503 with Retry-After and nothing internal within its deadline,
 * keep /api/health answering within a second, and recover by itself when the database is back, losing no
 * acknowledged write.
 */
describe.skipIf(testEngine() !== 'postgres')('a database outage', () => {
  let tdb: TestDatabase;
  let proxy: TcpProxy;
  let db: Db;
  let app: FastifyInstance;
  let patient: Awaited<ReturnType<typeof signUpPatient>>;
  const acknowledged: string[] = [];

  beforeAll(async () => {
    tdb = await createTestDatabase();
    if (tdb.config.engine !== 'postgres') throw new Error('PostgreSQL only');
    const direct = new URL(tdb.config.url);
    proxy = await startTcpProxy(direct.hostname, Number(direct.port || 5432));
    const viaProxy = new URL(tdb.config.url);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    db = openDatabase({ engine: 'postgres', url: viaProxy.toString(), waits: WAITS }, { poolSize: 4 });
    const base = testConfig(tdb);
    const ctx = createContext(
      { ...base, http: { ...base.http, requestDeadlineMs: DEADLINE_MS } },
      db,
      new ManualClock('2026-12-01T15:00:00.000Z'),
    );
    app = await buildApp(ctx);
    await app.ready();
    patient = await signUpPatient(app, ctx, 'Louis_Maggio', 'louis');
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
    await proxy?.close();
    await tdb?.destroy();
  });

  const home = () => patient.client.get(`/api/patients/${patient.patientId}/home`);
  const ask = async () => {
    const res = await patient.client.post(`/api/patients/${patient.patientId}/messages`, {
      kind: 'customer_service',
      topic: 'billing_question',
      subject: `Question ${acknowledged.length + 1}`,
      body: 'About my bill.',
      idempotencyKey: randomUUID(),
    });
    if (res.statusCode === 201) acknowledged.push(res.json().id as string);
    return res;
  };
  const timed = async <T>(f: () => Promise<T>): Promise<[T, number]> => {
    const start = Date.now();
    const out = await f();
    return [out, Date.now() - start];
  };
  const expectUnavailable = (res: Awaited<ReturnType<typeof home>>, ms: number, what: string) => {
    expect(res.statusCode, what).toBe(503);
    expect(res.headers['retry-after'], what).toBeDefined();
    expect(['database_unavailable', 'request_deadline'], what).toContain(res.json().error.code);
    expect(res.body, what).not.toMatch(/ECONN|timeout exceeded|Connection terminated|select|postgres|stack/i);
    expect(ms, what).toBeLessThan(DEADLINE_MS + 500);
  };

  it('answers normally while the database is there', async () => {
    expect((await home()).statusCode).toBe(200);
    expect((await ask()).statusCode).toBe(201);
  });

  it('answers 503 with Retry-After within the deadline while the connection is cut, and recovers by itself', async () => {
    proxy.cut();
    for (const f of [home, ask]) {
      const [res, ms] = await timed(f);
      expectUnavailable(res, ms, `cut: ${f === home ? 'read' : 'write'}`);
    }
    const [health, healthMs] = await timed(() => app.inject('/api/health'));
    expect(health.statusCode).toBe(503);
    expect(health.json().error).toMatchObject({ code: 'database_unavailable', field: 'database' });
    expect(healthMs).toBeLessThan(1500);

    proxy.restore();
    expect((await home()).statusCode).toBe(200);
    expect((await ask()).statusCode).toBe(201);
  });

  it('answers 503 within the deadline while the database is frozen, /api/health within a second, and recovers', async () => {
    proxy.freeze();
    const [results, ms] = await timed(() => Promise.all([home(), ask(), home()]));
    for (const res of results) expectUnavailable(res, ms, 'frozen');
    const [health, healthMs] = await timed(() => app.inject('/api/health'));
    expect(health.statusCode).toBe(503);
    expect(healthMs).toBeLessThan(1500);

    proxy.restore();
    let back = await home();
    for (let i = 0; i < 10 && back.statusCode !== 200; i++) back = await home(); // connections the freeze broke are replaced
    expect(back.statusCode).toBe(200);
    expect((await ask()).statusCode).toBe(201);
  });

  it('lost no acknowledged write across the episodes', async () => {
    expect(acknowledged.length).toBeGreaterThanOrEqual(3);
    const stored = await tdb.db.kysely
      .selectFrom('message_thread')
      .select('id')
      .where('id', 'in', acknowledged)
      .execute();
    expect(stored.map((r) => r.id).sort()).toEqual([...acknowledged].sort());
  });
});

/** SQLite's equivalent: the file held by another writer past the busy timeout is a 503, and passes when released. */
describe.skipIf(testEngine() !== 'sqlite')('an SQLite file locked by another writer', () => {
  let tdb: TestDatabase;
  let db: Db;
  let app: FastifyInstance;
  let patient: Awaited<ReturnType<typeof signUpPatient>>;

  beforeAll(async () => {
    tdb = await createTestDatabase();
    if (tdb.config.engine !== 'sqlite') throw new Error('SQLite only');
    db = openDatabase({ ...tdb.config, waits: { connectMs: 1000, statementMs: 300 } });
    const ctx = createContext(testConfig(tdb), db, new ManualClock('2026-12-01T15:00:00.000Z'));
    app = await buildApp(ctx);
    await app.ready();
    patient = await signUpPatient(app, ctx, 'Louis_Maggio', 'louis');
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
    await tdb?.destroy();
  });

  it('answers a write 503 with Retry-After while another process holds the write lock, and works once it lets go', async () => {
    const { default: Sqlite } = await import('better-sqlite3');
    if (tdb.config.engine !== 'sqlite') return;
    const other = new Sqlite(tdb.config.file);
    other.exec('BEGIN EXCLUSIVE');
    try {
      const start = Date.now();
      const res = await patient.client.post(`/api/patients/${patient.patientId}/messages`, {
        kind: 'customer_service',
        topic: 'billing_question',
        subject: 'Locked',
        body: 'A write that has to wait for the lock.',
        idempotencyKey: 'locked-file-write-000001',
      });
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('30');
      expect(res.json().error.code).toBe('database_unavailable');
      expect(res.body).not.toMatch(/SQLITE|locked|busy/i);
      expect(Date.now() - start).toBeLessThan(3000);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect((await patient.client.get(`/api/patients/${patient.patientId}/home`)).statusCode).toBe(200);
  });
});
