import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/server/app.ts';
import { ManualClock } from '../src/server/platform/clock.ts';
import { createContext } from '../src/server/platform/context.ts';
import { createStaff, signUpPatient, type Client } from './helpers/identity-factories.ts';
import { testConfig } from './helpers/test-app.ts';
import { createTestDatabase, type TestDatabase } from './helpers/test-db.ts';

/**
 * How many SQL statements the main pages cost, counted on the real app: a query inside a loop (N+1) or a new
 * statement on the request path makes this fail. The ceilings are today's counts with five conversations on the
 * record (each list reads its threads' statistics and read marks in one statement each, whatever their number);
 * lower them when they drop.
 */
const CEILINGS: Record<string, number> = {
  summary: 3,
  home: 11, // with the count of new test results
  medications: 6, // + the amendments noted on the medications (one statement, whatever their number)
  'messages?box=inbox': 6,
};

/** The staff queue list: the same whatever the number of items (it was two statements per item). */
const STAFF_LIST_CEILING = 6;

describe('SQL statements per request', () => {
  let tdb: TestDatabase;
  let client: Client;
  let patientId: string;
  let close: () => Promise<void>;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let ctx: ReturnType<typeof createContext>;
  let count = 0;

  beforeAll(async () => {
    tdb = await createTestDatabase();
    const counter: KyselyPlugin = {
      transformQuery: (args) => args.node,
      // Counted as results come back: queries compiled once (db/reusable-query.ts) skip transformQuery.
      transformResult: async (args) => {
        count++;
        return args.result;
      },
    };
    const db = { ...tdb.db, kysely: tdb.db.kysely.withPlugin(counter) };
    ctx = createContext(testConfig(tdb), db, new ManualClock('2026-12-01T15:00:00.000Z'));
    app = await buildApp(ctx);
    await app.ready();
    ({ client, patientId } = await signUpPatient(app, ctx, 'Elvina_Lemke', 'elvina')); // many medications and visits
    // Five questions: the inbox and Home count real conversations, and the staff queue lists five work items.
    for (let i = 0; i < 5; i++) {
      const sent = await client.post(`/api/patients/${patientId}/messages`, {
        kind: 'customer_service',
        topic: 'billing_question',
        subject: `Question ${i}`,
        body: 'Why was I charged twice?',
        idempotencyKey: `statements-question-${String(i).padStart(6, '0')}`,
      });
      expect(sent.statusCode, sent.body).toBe(201);
    }
    close = async () => {
      await app.close();
      await tdb.destroy();
    };
  });
  afterAll(async () => close?.());

  it('lists a care-team queue in statements that do not grow with its items', async () => {
    const desk = await createStaff(ctx, 'admin'); // works every pool
    const list = () =>
      app.inject({ method: 'GET', url: '/api/staff/work-items?status=active', headers: { cookie: desk.cookie } });
    await list(); // warm
    count = 0;
    const res = await list();
    expect(res.statusCode).toBe(200);
    const { items } = res.json() as { items: unknown[] };
    expect(items.length).toBeGreaterThanOrEqual(5);
    console.info(`GET /api/staff/work-items: ${count} statements for ${items.length} items`);
    expect(count).toBeLessThanOrEqual(STAFF_LIST_CEILING);
  });

  it.each(Object.entries(CEILINGS))('GET %s stays within its statements', async (path, ceiling) => {
    await client.get(`/api/patients/${patientId}/${path}`); // warm: the session's last-seen write is behind us
    count = 0;
    const res = await client.get(`/api/patients/${patientId}/${path}`);
    expect(res.statusCode).toBe(200);
    console.info(`GET ${path}: ${count} statements`);
    expect(count).toBeLessThanOrEqual(ceiling);
  });
});
