import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { testConfig } from '../../../../test/helpers/test-app.ts';
import { createTestDatabase, testEngine, type TestDatabase } from '../../../../test/helpers/test-db.ts';
import { startSmtpSink, type SmtpSink } from '../../../../test/helpers/smtp-sink.ts';
import { openDatabase } from '../../db/connection.ts';
import { ManualClock, toDbTime } from '../clock.ts';
import { createContext, type AppContext } from '../context.ts';
import { messageIdFor } from '../email/mailer.ts';
import { createOutboxWorker, type RunningOutboxWorker } from './outbox.cli.ts';
import { consoleOutboxLogger, OutboxWorker, type OutboxWorkerOptions } from './outbox.ts';

const FROM = 'Lantern <no-reply@lantern.test>';
const silent = consoleOutboxLogger('silent');
const email = (n = 1) => ({
  to: `patient${n}@example.org`,
  subject: 'You have new information',
  text: 'Sign in to see it.',
});

describe('transactional outbox', () => {
  let tdb: TestDatabase;
  let sink: SmtpSink;
  let clock: ManualClock;
  let ctx: AppContext;
  const workers: RunningOutboxWorker[] = [];

  function worker(options: OutboxWorkerOptions = {}): OutboxWorker {
    const running = createOutboxWorker(ctx, { logger: silent, ...options });
    workers.push(running);
    return running.worker;
  }

  beforeEach(async () => {
    tdb = await createTestDatabase();
    sink = await startSmtpSink();
    clock = new ManualClock('2026-11-24T15:00:00.000Z');
    ctx = createContext(testConfig(tdb, { mail: { smtpUrl: sink.url, from: FROM } }), tdb.db, clock);
  });
  afterEach(async () => {
    for (const w of workers.splice(0)) await w.stop();
    await sink.close();
    await tdb.destroy();
  });

  it('writes nothing when the enqueuing transaction rolls back', async () => {
    await expect(
      tdb.db.kysely.transaction().execute(async (trx) => {
        await ctx.outbox.enqueue(trx, { topic: 'email.send', dedupeKey: 'rolled-back:1', payload: email() });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');

    expect(await ctx.outbox.counts()).toEqual({ pending: 0, processing: 0, done: 0, dead: 0 });
    expect((await worker().runOnce()).claimed).toBe(0);
    expect(sink.messages).toHaveLength(0);
  });

  it('delivers a committed message over SMTP with the dedupe key and a Message-ID derived from it', async () => {
    const { id } = await tdb.db.kysely.transaction().execute((trx) =>
      ctx.outbox.enqueue(trx, {
        topic: 'email.send',
        dedupeKey: 'activation:acc-1',
        payload: { ...email(), html: '<p>Sign in to see it.</p>' },
      }),
    );

    const report = await worker().runOnce();

    expect(report).toMatchObject({ claimed: 1, delivered: [id], retried: [], dead: [] });
    expect(sink.messages).toHaveLength(1);
    const mail = sink.messages[0]!;
    expect(mail.dedupeKey).toBe('activation:acc-1');
    expect(mail.messageId).toBe(messageIdFor('activation:acc-1', FROM));
    expect(mail.messageId).toMatch(/^<[0-9a-f]{40}@lantern\.test>$/);
    expect(mail.envelopeTo).toEqual(['patient1@example.org']);
    expect(mail.headers.from).toContain('no-reply@lantern.test');
    expect(mail.raw).toContain('text/html');
    expect(await ctx.outbox.repository.findById(id)).toMatchObject({
      status: 'done',
      completed_at: toDbTime(clock.now()),
      locked_by: null,
    });
  });

  it('keeps one message when the same dedupe key is enqueued twice', async () => {
    const first = await ctx.outbox.enqueue(tdb.db.kysely, {
      topic: 'email.send',
      dedupeKey: 'reminder:appt-9',
      payload: email(1),
    });
    const second = await tdb.db.kysely
      .transaction()
      .execute((trx) =>
        ctx.outbox.enqueue(trx, { topic: 'email.send', dedupeKey: 'reminder:appt-9', payload: email(2) }),
      );

    expect(first.created).toBe(true);
    expect(second).toEqual({ id: first.id, created: false });
    expect(await ctx.outbox.counts()).toMatchObject({ pending: 1 });
    await worker().runOnce();
    expect(sink.messages.map((m) => m.envelopeTo)).toEqual([['patient1@example.org']]);
  });

  it('does not deliver before notBefore', async () => {
    await ctx.outbox.enqueue(tdb.db.kysely, {
      topic: 'email.send',
      dedupeKey: 'later:1',
      payload: email(),
      notBefore: new Date('2026-11-24T16:00:00.000Z'),
    });
    const w = worker();
    expect((await w.runOnce()).claimed).toBe(0);
    clock.set('2026-11-24T16:00:00.000Z');
    expect((await w.runOnce()).delivered).toHaveLength(1);
  });

  it('retries a refused email with growing, capped backoff, dead-letters it, and delivers it after a retry', async () => {
    sink.refuseNext(5);
    const { id } = await ctx.outbox.enqueue(tdb.db.kysely, {
      topic: 'email.send',
      dedupeKey: 'result-ready:r-7',
      payload: email(),
    });
    const w = worker({ backoff: { baseMs: 1_000, capMs: 4_000, maxAttempts: 5 } });

    const waits: number[] = [];
    for (let attempt = 1; attempt <= 4; attempt++) {
      const report = await w.runOnce();
      expect(report.retried).toEqual([{ id, attempts: attempt, nextAttemptAt: expect.any(String) }]);
      const wait = Date.parse(report.retried[0]!.nextAttemptAt) - clock.now().getTime();
      waits.push(wait);
      clock.advance(wait - 1);
      expect((await w.runOnce()).claimed).toBe(0); // not due a millisecond early
      clock.advance(1);
    }
    expect(waits).toEqual([1_000, 2_000, 4_000, 4_000]);

    const last = await w.runOnce();
    expect(last.dead).toEqual([{ id, attempts: 5, error: expect.stringContaining('451') }]);
    expect(sink.messages).toHaveLength(0);

    const dead = await ctx.outbox.listDead();
    expect(dead).toEqual([expect.objectContaining({ id, topic: 'email.send', attempts: 5 })]);
    expect(dead[0]!.last_error).not.toContain('patient1@example.org');
    clock.advance(24 * 3_600_000);
    expect((await w.runOnce()).claimed).toBe(0); // dead stays dead

    expect(await ctx.outbox.retryDead(id)).toBe(true);
    expect(await ctx.outbox.retryDead(id)).toBe(false); // no longer dead
    expect((await w.runOnce()).delivered).toEqual([id]);
    expect(sink.messages.map((m) => m.dedupeKey)).toEqual(['result-ready:r-7']);
    expect(await ctx.outbox.counts()).toEqual({ pending: 0, processing: 0, done: 1, dead: 0 });
  });

  it('dead-letters a message of an unknown topic with a clear reason', async () => {
    const { id } = await ctx.outbox.enqueue(tdb.db.kysely, {
      topic: 'fax.send' as 'email.send',
      dedupeKey: 'sms:1',
      payload: email(),
    });
    const report = await worker().runOnce();
    expect(report.dead).toEqual([{ id, attempts: 0, error: 'no handler is registered for topic "fax.send"' }]);
    expect((await ctx.outbox.listDead())[0]).toMatchObject({
      id,
      last_error: 'no handler is registered for topic "fax.send"',
    });
  });

  it('dead-letters a malformed email payload at once instead of retrying it', async () => {
    const { id } = await ctx.outbox.enqueue(tdb.db.kysely, {
      topic: 'email.send',
      dedupeKey: 'bad:1',
      payload: { ...email(), to: 'not an address' },
    });
    const report = await worker().runOnce();
    expect(report.dead).toEqual([
      { id, attempts: 1, error: expect.stringMatching(/^PermanentDeliveryError: email payload is invalid at: to$/) },
    ]);
  });

  it('lets a worker whose lease ran out neither complete nor fail the message another worker took over', async () => {
    const { id } = await ctx.outbox.enqueue(tdb.db.kysely, {
      topic: 'email.send',
      dedupeKey: 'slow:1',
      payload: email(),
    });
    let release: (() => void) | undefined;
    const slow = new OutboxWorker(ctx.outbox, clock, { workerId: 'slow', leaseMs: 60_000, logger: silent });
    slow.register('email.send', () => new Promise<void>((resolve) => (release = resolve)));
    const slowRun = slow.runOnce();
    await vi.waitFor(() => expect(release).toBeDefined());

    clock.advance(60_000);
    const takeover = await worker({ workerId: 'fast' }).runOnce();
    expect(takeover.delivered).toEqual([id]);
    expect(await ctx.outbox.repository.findById(id)).toMatchObject({
      status: 'done',
      attempts: 1,
      last_error: expect.stringContaining('lease expired'),
    });

    release!();
    expect(await slowRun).toMatchObject({ delivered: [], fenced: [id] });
    expect(await ctx.outbox.repository.findById(id)).toMatchObject({ status: 'done' });
  });

  it('dead-letters a message whose worker keeps dying instead of retrying it forever', async () => {
    const { id } = await ctx.outbox.enqueue(tdb.db.kysely, {
      topic: 'email.send',
      dedupeKey: 'poison:1',
      payload: email(),
    });
    for (let i = 0; i < 3; i++) {
      const until = toDbTime(new Date(clock.now().getTime() + 60_000));
      expect(
        await ctx.outbox.repository.claim({ workerId: `doomed-${i}`, until }, toDbTime(clock.now()), 10),
      ).toHaveLength(1);
      clock.advance(60_000); // the worker died; its lease runs out
    }
    const report = await worker({ backoff: { maxAttempts: 3 } }).runOnce();
    expect(report.dead).toEqual([
      { id, attempts: 3, error: expect.stringMatching(/^gave up after 3 attempts; last: lease expired/) },
    ]);
    expect(sink.messages).toHaveLength(0);
  });

  it.skipIf(testEngine() !== 'postgres')(
    'shares 50 messages between two workers on two pools, each delivered exactly once',
    async () => {
      for (let i = 0; i < 50; i++) {
        await ctx.outbox.enqueue(tdb.db.kysely, { topic: 'email.send', dedupeKey: `bulk:${i}`, payload: email(i) });
      }
      const pools = [openDatabase(tdb.config, { poolSize: 4 }), openDatabase(tdb.config, { poolSize: 4 })];
      try {
        const nodes = pools.map((db, n) => {
          const nodeCtx = createContext(ctx.config, db, clock);
          return createOutboxWorker(nodeCtx, { workerId: `node-${n}`, batchSize: 5, logger: silent });
        });
        workers.push(...nodes);
        const drain = async (w: OutboxWorker): Promise<string[]> => {
          const delivered: string[] = [];
          for (;;) {
            const r = await w.runOnce();
            expect(r.fenced).toEqual([]);
            if (r.claimed === 0) return delivered;
            delivered.push(...r.delivered);
          }
        };
        const [a, b] = await Promise.all(nodes.map((n) => drain(n.worker)));
        expect(new Set([...a!, ...b!]).size).toBe(50);
        expect(a!.length + b!.length).toBe(50);
        const keys = sink.messages.map((m) => m.dedupeKey);
        expect(keys).toHaveLength(50);
        expect(new Set(keys).size).toBe(50);
        expect(await ctx.outbox.counts()).toEqual({ pending: 0, processing: 0, done: 50, dead: 0 });
      } finally {
        for (const w of workers.splice(0)) await w.stop();
        for (const db of pools) await db.close();
      }
    },
  );
});
