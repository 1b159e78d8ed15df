import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/server/db/connection.ts';
import type { DatabaseConfig } from '../src/server/config.ts';
import { createStaff, signUpPatient } from './helpers/identity-factories.ts';
import { prepareServedDatabase, servedEnv, startLantern, type LanternProcess } from './helpers/lantern-process.ts';
import { createEmptyDatabase } from './helpers/test-db.ts';

const QUESTIONS = 12;

/**
 * `lantern serve` as its own process on a real database: killed with SIGKILL while staff replies are in flight,
 * then restarted and every reply retried with its key (each is stored exactly once); and stopped with SIGTERM under
 * load (every answer that arrives is whole, and the process exits cleanly).
 */
describe('a server killed or stopped in the middle of work', () => {
  let config: DatabaseConfig;
  let drop: () => Promise<void>;
  let env: NodeJS.ProcessEnv;
  let staff: { cookie: string; csrf: string };
  let items: string[] = [];
  const running: LanternProcess[] = [];

  beforeAll(async () => {
    const empty = await createEmptyDatabase();
    config = empty.config;
    drop = empty.drop;
    ({ items, staff } = await prepareServedDatabase(config, async (app, ctx) => {
      const patient = await signUpPatient(app, ctx, 'Louis_Maggio', 'louis');
      for (let i = 0; i < QUESTIONS; i++) {
        const res = await patient.client.post(`/api/patients/${patient.patientId}/messages`, {
          kind: 'customer_service',
          topic: 'billing_question',
          subject: `Bill question ${i}`,
          body: 'Why was I charged twice?',
          idempotencyKey: `bill-question-${String(i).padStart(6, '0')}`,
        });
        expect(res.statusCode).toBe(201);
      }
      const ids = (await ctx.db.kysely.selectFrom('work_item').select('id').orderBy('created_at').execute()).map(
        (r) => r.id,
      );
      expect(ids).toHaveLength(QUESTIONS);
      const admin = await createStaff(ctx, 'admin');
      return { items: ids, staff: { cookie: admin.cookie, csrf: admin.csrf } };
    }));
    env = servedEnv(config, 'crash');
  }, 120_000);

  afterAll(async () => {
    for (const p of running) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    await Promise.all(running.map((p) => p.exited));
    await drop?.();
  });

  const reply = (node: LanternProcess, item: string, key: string, body: string) =>
    fetch(`${node.url}/api/staff/work-items/${item}/thread/replies`, {
      method: 'POST',
      headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ body, done: false, idempotencyKey: key }),
    });
  const storedReplies = async (body: string): Promise<number> => {
    const db = openDatabase(config);
    try {
      return (await db.kysely.selectFrom('message').select('id').where('body', '=', body).execute()).length;
    } finally {
      await db.close();
    }
  };
  const start = async () => {
    const node = await startLantern(env);
    running.push(node);
    return node;
  };

  it('stores each staff reply exactly once when the server is killed mid-flight and the replies are retried', async () => {
    const node = await start();
    const replies = items.map((item, i) => ({
      item,
      key: `crash-reply-${String(i).padStart(6, '0')}`,
      body: `Answer ${i}: you were charged once; the second line is a hold.`,
    }));
    const inFlight = replies.map((r) =>
      reply(node, r.item, r.key, r.body).then(
        (res) => res.status,
        () => 'no answer' as const,
      ),
    );
    await Promise.race(inFlight); // the first answer is back: the others are on their way or being written
    node.child.kill('SIGKILL');
    const firstTry = await Promise.all(inFlight);
    console.info(`before the kill: ${firstTry.filter((x) => x === 201).length} of ${QUESTIONS} replies answered`);
    await node.exited;

    const again = await start();
    for (const r of replies) {
      const res = await reply(again, r.item, r.key, r.body);
      expect(res.status, r.key).toBe(201);
      const thread = (await res.json()) as { messages: { body: string }[] };
      expect(
        thread.messages.filter((m) => m.body === r.body),
        r.key,
      ).toHaveLength(1);
      expect(await storedReplies(r.body), r.key).toBe(1);
    }
    // Some made it before the kill and some did not; either way each is there once now.
    expect(firstTry.filter((s) => s === 201).length).toBeLessThan(QUESTIONS + 1);
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  }, 120_000);

  it('on SIGTERM under load, answers every request it took whole, then exits cleanly', async () => {
    const node = await start();
    const requests: Promise<{ status: number; body: string } | 'refused'>[] = [];
    const fire = (i: number) => {
      const item = items[i % items.length]!;
      const p =
        i % 2 === 0
          ? fetch(`${node.url}/api/staff/work-items?status=active`, { headers: { cookie: staff.cookie } })
          : reply(node, item, `shutdown-reply-${String(i).padStart(6, '0')}`, `Load reply ${i}.`);
      requests.push(
        p.then(
          async (res) => ({ status: res.status, body: await res.text() }),
          () => 'refused' as const,
        ),
      );
    };
    for (let i = 0; i < 20; i++) fire(i);
    await requests[0];
    node.child.kill('SIGTERM');
    for (let i = 20; i < 40; i++) fire(i); // some of these arrive while it stops
    const outcomes = await Promise.all(requests);
    const answered = outcomes.filter((o): o is { status: number; body: string } => o !== 'refused');
    expect(answered.length).toBeGreaterThan(0);
    for (const a of answered) {
      expect([200, 201, 503]).toContain(a.status);
      expect(() => JSON.parse(a.body)).not.toThrow(); // whole, never cut mid-response
    }
    const code = await node.exited;
    if (code !== 0) {
      const out = node.output();
      console.info(
        'incoming',
        (out.match(/incoming request/g) ?? []).length,
        'completed',
        (out.match(/request completed/g) ?? []).length,
        outcomes.map((o) => (o === 'refused' ? 'x' : o.status)).join(' '),
      );
      console.info(
        out
          .split('\n')
          .filter((l) => /"level":[45]/.test(l))
          .slice(-8)
          .join('\n'),
      );
    }
    expect(code).toBe(0);
    expect(node.output()).toContain('stopped cleanly');
    // Every reply that was answered 201 is stored, once.
    for (const [i, o] of outcomes.entries())
      if (i % 2 === 1 && o !== 'refused' && o.status === 201) expect(await storedReplies(`Load reply ${i}.`)).toBe(1);
  }, 120_000);
});
