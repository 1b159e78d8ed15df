import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/server/db/connection.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { systemClock } from '../src/server/platform/clock.ts';
import { createContext } from '../src/server/platform/context.ts';
import { createStaff } from './helpers/identity-factories.ts';
import { testConfig } from './helpers/test-app.ts';
import { createEmptyDatabase, testEngine } from './helpers/test-db.ts';
import { startLantern } from './helpers/lantern-process.ts';

/** Starts `lantern serve` as its own process and waits until it says it is running. */
async function startNode(env: NodeJS.ProcessEnv): Promise<{ url: string; child: ChildProcess }> {
  const { url, child } = await startLantern(env);
  return { url, child };
}

/**
 * Two app nodes on one PostgreSQL, as a health system runs them behind a load balancer: a guesser spreading wrong
 * passwords over both nodes is counted once, in the database they share.
 */
describe.skipIf(testEngine() !== 'postgres')('attempt limits shared by two app processes on one PostgreSQL', () => {
  let nodes: { url: string; child: ChildProcess }[] = [];
  let drop: () => Promise<void>;
  let staff: { username: string; password: string; accountId: string };
  let dbUrl: string;

  beforeAll(async () => {
    const empty = await createEmptyDatabase();
    drop = empty.drop;
    if (empty.config.engine !== 'postgres') throw new Error('PostgreSQL only');
    dbUrl = empty.config.url;
    const db = openDatabase(empty.config, { poolSize: 2 });
    try {
      await migrateToLatest(db);
      const ctx = createContext(
        testConfig({ db, config: empty.config, destroy: async () => undefined }),
        db,
        systemClock,
      );
      staff = await createStaff(ctx, 'clinician');
    } finally {
      await db.close();
    }
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATABASE_URL: empty.config.url,
      HOST: '127.0.0.1',
      LANTERN_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'lantern-nodes-')),
      LOG_LEVEL: 'warn',
    };
    nodes = await Promise.all([startNode(env), startNode(env)]);
  }, 120_000);

  afterAll(async () => {
    for (const n of nodes) n.child.kill('SIGTERM');
    await Promise.all(
      nodes.map(
        (n) => new Promise((resolve) => (n.child.exitCode !== null ? resolve(null) : n.child.once('exit', resolve))),
      ),
    );
    await drop?.();
  });

  const signIn = (node: { url: string }, password: string) =>
    fetch(`${node.url}/api/staff/auth/signin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: staff.username, password }),
    });

  it('checks 5 of 24 wrong passwords sent at once to both nodes, then refuses the right one on both', async () => {
    const [a, b] = [nodes[0]!, nodes[1]!];
    const statuses = await Promise.all(
      Array.from({ length: 24 }, (_, i) => signIn(i % 2 ? b : a, `wrong password ${i}`).then((r) => r.status)),
    );
    expect(statuses.every((s) => s === 401)).toBe(true); // a lock answers like a wrong password
    const db = openDatabase({ engine: 'postgres', url: dbUrl }, { poolSize: 1 });
    try {
      const checked = await db.kysely
        .selectFrom('audit_event')
        .select('id')
        .where('actor_id', '=', staff.accountId)
        .where('action', '=', 'auth.signin.failed')
        .execute();
      expect(checked).toHaveLength(5);
    } finally {
      await db.close();
    }
    expect((await signIn(a, staff.password)).status).toBe(401);
    expect((await signIn(b, staff.password)).status).toBe(401);
  });

  it('counts one address across both nodes: 30 attempts in all, then 429 on either', async () => {
    const [a, b] = [nodes[0]!, nodes[1]!];
    // 26 attempts so far from this address (the test above); 4 more reach 30 whichever node they reach.
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await signIn(i % 2 ? b : a, `wrong password ${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401]);
    expect((await signIn(a, 'wrong password x')).status).toBe(429);
    expect((await signIn(b, 'wrong password y')).status).toBe(429);
  });
});
