import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { testConfig } from '../../../../test/helpers/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../../../test/helpers/test-db.ts';
import { ManualClock } from '../clock.ts';
import { createContext, type AppContext } from '../context.ts';
import { registerOutboxCommands, type OutboxCliDeps } from './outbox.cli.ts';
import { consoleOutboxLogger, OutboxWorker } from './outbox.ts';

describe('lantern worker / outbox commands', () => {
  let tdb: TestDatabase;
  let ctx: AppContext;
  let printed: string[];
  let logged: string[];

  beforeEach(async () => {
    tdb = await createTestDatabase();
    ctx = createContext(testConfig(tdb), tdb.db, new ManualClock('2026-11-24T15:00:00.000Z'));
    printed = [];
    logged = [];
  });
  afterEach(async () => tdb.destroy());

  function run(args: string[], extra: Partial<OutboxCliDeps> = {}): Promise<Command> {
    const program = new Command().exitOverride();
    const log = (fields: object, msg: string): void => void logged.push(`${msg} ${JSON.stringify(fields)}`);
    registerOutboxCommands(program, {
      openContext: async () => ({ ctx, close: async () => undefined }),
      print: (line) => printed.push(line),
      logger: { info: log, warn: log, error: log },
      ...extra,
    });
    return program.parseAsync(['node', 'lantern', ...args]);
  }

  async function makeDeadLetter(): Promise<string> {
    const payload = { to: 'jane.doe@example.org', subject: 'New message', text: 'Sign in to read it.' };
    const { id } = await ctx.outbox.enqueue(tdb.db.kysely, {
      topic: 'sms.send' as 'email.send',
      dedupeKey: 'sms:9',
      payload,
    });
    await new OutboxWorker(ctx.outbox, ctx.clock, { logger: consoleOutboxLogger('silent') }).runOnce();
    return id;
  }

  it('lists dead letters with id, topic, attempts and error, without the payload', async () => {
    await run(['outbox', 'dead']);
    expect(printed).toEqual(['No dead letters.']);

    const id = await makeDeadLetter();
    printed = [];
    await run(['outbox', 'dead']);
    expect(printed).toHaveLength(1);
    expect(printed[0]).toContain(id);
    expect(printed[0]).toContain('sms.send');
    expect(printed[0]).toContain('attempts=0');
    expect(printed[0]).toContain('no handler is registered');
    expect(printed[0]).not.toContain('jane.doe');
  });

  it('requeues a dead letter by id and refuses an id that is not dead', async () => {
    const id = await makeDeadLetter();
    await run(['outbox', 'retry', id]);
    expect(printed).toEqual([`Requeued ${id}.`]);
    expect(await ctx.outbox.repository.findById(id)).toMatchObject({ status: 'pending', attempts: 0 });
    await expect(run(['outbox', 'retry', id])).rejects.toThrow(`No dead letter has id ${id}.`);
  });

  it('runs the worker until shutdown, delivering queued email (logged without SMTP_URL)', async () => {
    const payload = { to: 'jane.doe@example.org', subject: 'New message', text: 'Sign in to read it.' };
    const { id } = await ctx.outbox.enqueue(tdb.db.kysely, {
      topic: 'email.send',
      dedupeKey: 'message-notice:m-1',
      payload,
    });

    await run(['worker'], {
      untilShutdown: () =>
        vi.waitFor(async () => expect(await ctx.outbox.counts()).toMatchObject({ done: 1 }), { timeout: 10_000 }),
    });

    expect(printed[0]).toMatch(/^Outbox worker \S+ started \(database: (sqlite|postgres)\)\.$/);
    expect(printed.at(-1)).toBe('Outbox worker stopped.');
    expect(await ctx.outbox.repository.findById(id)).toMatchObject({ status: 'done' });
    expect(logged.join('\n')).toContain('message-notice:m-1');
    expect(logged.join('\n')).not.toContain('jane.doe');
  });
});
