import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSmsGateway, type SmsGateway } from '../../../../test/helpers/sms-gateway.ts';
import { createTestDatabase, type TestDatabase } from '../../../../test/helpers/test-db.ts';
import { testConfig } from '../../../../test/helpers/test-app.ts';
import { ManualClock } from '../clock.ts';
import { createContext, type AppContext } from '../context.ts';
import { createOutboxWorker } from '../outbox/outbox.cli.ts';
import { createSmsSender } from './sms.ts';

const lines: { msg: string; fields: object }[] = [];
const logger = {
  info: (fields: object, msg: string) => lines.push({ fields, msg }),
  warn: (fields: object, msg: string) => lines.push({ fields, msg }),
  error: (fields: object, msg: string) => lines.push({ fields, msg }),
};

describe('texts through the SMS gateway (Twilio Messages API shape)', () => {
  let tdb: TestDatabase;
  let gateway: SmsGateway;
  let clock: ManualClock;
  let ctx: AppContext;
  beforeEach(async () => {
    lines.length = 0;
    tdb = await createTestDatabase();
    gateway = await startSmsGateway();
    clock = new ManualClock('2026-11-24T15:00:00.000Z');
    ctx = createContext(
      testConfig(tdb, { sms: gateway.config, notifications: { perRecipientPerHour: 2 } }),
      tdb.db,
      clock,
    );
  });
  afterEach(async () => {
    await gateway.close();
    await tdb.destroy();
  });

  const enqueue = (dedupeKey: string, to = '+15025550140') =>
    tdb.db.kysely.transaction().execute((trx) =>
      ctx.outbox.enqueue(trx, {
        topic: 'sms.send',
        dedupeKey,
        payload: { to, text: 'Portal: you have new information. Sign in: https://portal.example.org/' },
      }),
    );
  const status = async (id: string) =>
    tdb.db.kysely
      .selectFrom('outbox_message')
      .select(['status', 'attempts', 'last_error', 'available_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  it('posts To, From and Body with Basic auth and the dedupe key', async () => {
    await enqueue('n:test:1:acct:sms');
    const running = createOutboxWorker(ctx, { logger });
    expect((await running.worker.runOnce()).delivered.length).toBe(1);
    await running.stop();
    expect(gateway.texts).toEqual([
      {
        to: '+15025550140',
        from: '+15025550100',
        body: 'Portal: you have new information. Sign in: https://portal.example.org/',
        dedupeKey: 'n:test:1:acct:sms',
        accountSid: gateway.config.accountSid,
        authorised: true,
      },
    ]);
  });

  it('retries a gateway outage with backoff, and dead-letters a refused number without quoting it', async () => {
    const running = createOutboxWorker(ctx, { logger, backoff: { baseMs: 60_000 } });
    const outage = await enqueue('n:test:2:acct:sms');
    gateway.failNext(503);
    await running.worker.runOnce();
    const refused = await enqueue('n:test:3:acct:sms', '+15025550141');
    gateway.failNext(400);
    await running.worker.runOnce();
    expect(await status(outage.id)).toMatchObject({
      status: 'pending',
      attempts: 1,
      last_error: 'SMS gateway answered 503 (error 21211)',
      available_at: '2026-11-24T15:01:00.000Z',
    });
    expect(await status(refused.id)).toMatchObject({
      status: 'dead',
      attempts: 1,
      last_error: 'PermanentDeliveryError: SMS gateway answered 400 (error 21211)',
    });
    clock.advance(60_000);
    expect((await running.worker.runOnce()).delivered).toEqual([outage.id]);
    await running.stop();
    expect(gateway.texts.map((s) => s.dedupeKey)).toEqual(['n:test:2:acct:sms']);
    expect(JSON.stringify(lines)).not.toContain('+1502555014');
  });

  it('holds a recipient to the hourly limit: the rest wait for the window without using up attempts', async () => {
    // Three to one number and one to another, claimed in one batch and delivered concurrently.
    const ids = [];
    for (const k of ['a', 'b', 'c']) ids.push((await enqueue(`n:test:${k}:acct:sms`)).id);
    await enqueue('n:test:d:other:sms', '+15025550142');
    const running = createOutboxWorker(ctx, { logger });
    expect((await running.worker.runOnce()).delivered.length).toBe(3);
    expect(gateway.texts.filter((s) => s.to === '+15025550140').length).toBe(2);
    expect(gateway.texts.filter((s) => s.to === '+15025550142').length).toBe(1);
    // The third waits an hour (and a second) after the first delivery, and has not used up an attempt.
    const waiting = (await Promise.all(ids.map(status))).filter((s) => s.status === 'pending');
    expect(waiting).toEqual([
      {
        status: 'pending',
        attempts: 0,
        last_error: 'DeferDeliveryError: recipient reached 2 texts this hour',
        available_at: '2026-11-24T16:00:01.000Z',
      },
    ]);
    clock.set('2026-11-24T16:00:00.000Z');
    expect((await running.worker.runOnce()).claimed).toBe(0);
    clock.set('2026-11-24T16:00:01.000Z');
    await running.worker.runOnce();
    await running.stop();
    expect(gateway.texts.map((s) => s.dedupeKey)).toContain('n:test:c:acct:sms');
    expect(gateway.texts.length).toBe(4);
  });

  it('never holds back security alerts and codes (urgent) behind the hourly limit', async () => {
    for (const k of ['u1', 'u2', 'u3', 'u4'])
      await tdb.db.kysely.transaction().execute((trx) =>
        ctx.outbox.enqueue(trx, {
          topic: 'sms.send',
          dedupeKey: `n:test:${k}:sms`,
          payload: { to: '+15025550150', text: 'Portal: your code is 123456', urgent: true },
        }),
      );
    const running = createOutboxWorker(ctx, { logger });
    expect((await running.worker.runOnce()).delivered.length).toBe(4);
    await running.stop();
  });

  it('without a gateway, notes the text in the log by its dedupe key, never its number or words', async () => {
    const sender = createSmsSender(undefined, logger);
    expect(sender.transport).toBe('log');
    await sender.send(
      { to: '+15025550143', text: 'Portal: code 123456' },
      { dedupeKey: 'k', signal: new AbortController().signal },
    );
    expect(lines.at(-1)!.msg).toContain('no SMS gateway configured');
    expect(lines.at(-1)!.fields).toMatchObject({ dedupeKey: 'k' });
    expect(JSON.stringify(lines)).not.toContain('+15025550143');
    expect(JSON.stringify(lines)).not.toContain('123456');
  });

  it('without a gateway in the demo, also prints the whole text framed as demo output', async () => {
    const printed: string[] = [];
    const sender = createSmsSender(undefined, logger, (block) => void printed.push(block));
    await sender.send(
      { to: '+15025550143', text: 'Portal: code 123456' },
      { dedupeKey: 'k', signal: new AbortController().signal },
    );
    expect(printed).toHaveLength(1);
    expect(printed[0]).toMatch(/^=+ DEMO TEXT MESSAGE \(not sent — no SMS gateway configured\) =+$/m);
    expect(printed[0]).toContain('To: +15025550143');
    expect(printed[0]).toContain('Portal: code 123456');
    expect(JSON.stringify(lines)).not.toContain('123456');
  });
});
