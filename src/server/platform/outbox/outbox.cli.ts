import type { Command } from 'commander';
import type { AppContext } from '../context.ts';
import type { DemoOutput } from '../demo-output.ts';
import { createMailer } from '../email/mailer.ts';
import { createSmsSender } from '../sms/sms.ts';
import { RecipientLimit } from './recipient-limit.ts';
import {
  consoleOutboxLogger,
  type Delivery,
  OutboxWorker,
  type OutboxLogger,
  type OutboxWorkerOptions,
} from './outbox.ts';

/** A running worker with its handlers' resources; `stop()` finishes the batch in flight, then releases them. */
export interface RunningOutboxWorker {
  worker: OutboxWorker;
  channels: { email: 'smtp' | 'log'; sms: 'twilio' | 'log' };
  stop(): Promise<void>;
}

/** The worker's options, and where the demo prints what it did not send (`serve --demo` only). */
export interface PlatformOutboxOptions extends OutboxWorkerOptions {
  /** Prints each unsent email and text in full; ignored in a production deployment, whose contents are never shown. */
  demoOutput?: DemoOutput;
}

/**
 * Builds the worker with every platform handler registered: `email.send` over SMTP (or noted in the log when
 * SMTP_URL is unset) and `sms.send` through the SMS gateway (or noted), both under the per-recipient hourly limit.
 * `serve` and `lantern worker` share it, so both deliver the same way.
 */
export function createOutboxWorker(ctx: AppContext, options: PlatformOutboxOptions = {}): RunningOutboxWorker {
  const logger = options.logger ?? consoleOutboxLogger(ctx.config.logLevel);
  const demoOutput = ctx.config.deployment.production ? undefined : options.demoOutput;
  const mailer = createMailer(ctx.config.mail, logger, demoOutput);
  const sms = createSmsSender(ctx.config.sms, logger, demoOutput);
  const limit = new RecipientLimit(
    ctx.db.kysely,
    ctx.clock,
    ctx.config.notifications.perRecipientPerHour,
    ctx.db.engine,
  );
  const worker = new OutboxWorker(ctx.outbox, ctx.clock, { ...options, logger });
  const limited =
    <P extends { to: string; urgent?: boolean }>(
      channel: 'email' | 'sms',
      send: (payload: P, delivery: Delivery) => Promise<void>,
    ) =>
    async (payload: P, delivery: Delivery): Promise<void> => {
      if (payload.urgent) return send(payload, delivery);
      const release = await limit.reserve(channel, payload.to);
      try {
        await send(payload, delivery);
      } catch (err) {
        await release();
        throw err;
      }
    };
  worker.register(
    'email.send',
    limited('email', (p, d) => mailer.send(p, d)),
  );
  worker.register(
    'sms.send',
    limited('sms', (p, d) => sms.send(p, d)),
  );
  return {
    worker,
    channels: { email: mailer.transport, sms: sms.transport },
    stop: async () => {
      await worker.stop();
      mailer.close();
    },
  };
}

/** How email and texts leave, for the startup banner and the admin page: `smtp`/`log`, `twilio`/`log`. */
export function deliveryChannels(ctx: AppContext): { email: 'smtp' | 'log'; sms: 'twilio' | 'log' } {
  return { email: ctx.config.mail.smtpUrl ? 'smtp' : 'log', sms: ctx.config.sms ? ctx.config.sms.provider : 'log' };
}

/** Creates and starts the outbox worker; call `stop()` on shutdown before closing the database. */
export function startOutboxWorker(ctx: AppContext, options: PlatformOutboxOptions = {}): RunningOutboxWorker {
  const running = createOutboxWorker(ctx, options);
  running.worker.start();
  return running;
}

/** What the commands need from main.ts: how to open the database and context, and (for tests) where output goes. */
export interface OutboxCliDeps {
  /** Opens the configured database and builds the context; `migrate` asks for pending migrations to be applied first. */
  openContext(options: { migrate: boolean }): Promise<{ ctx: AppContext; close(): Promise<void> }>;
  /** Resolves when the worker should stop; defaults to the first SIGINT or SIGTERM. */
  untilShutdown?: () => Promise<void>;
  /** Where command output goes; defaults to stdout. */
  print?: (line: string) => void;
  logger?: OutboxLogger;
}

/** Resolves on the first SIGINT or SIGTERM. */
export function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
}

/**
 * `lantern worker` (only the outbox worker, until SIGTERM: for nodes that deliver without serving),
 * `lantern outbox dead` (dead letters without payloads — they may name a patient or an address)
 * and `lantern outbox retry <id>`.
 */
export function registerOutboxCommands(program: Command, deps: OutboxCliDeps): void {
  const print = deps.print ?? ((line: string) => console.log(line));

  program
    .command('worker')
    .description('run only the outbox worker (email and other queued side effects) until SIGTERM')
    .action(async () => {
      const { ctx, close } = await deps.openContext({ migrate: true });
      // Signal listeners and the worker's unref'd timer do not keep Node alive; this does, until shutdown.
      const keepAlive = setInterval(() => undefined, 1 << 30);
      try {
        const running = startOutboxWorker(ctx, deps.logger ? { logger: deps.logger } : {});
        print(`Outbox worker ${running.worker.workerId} started (database: ${ctx.db.engine}).`);
        await (deps.untilShutdown ?? untilSignal)();
        await running.stop();
        print('Outbox worker stopped.');
      } finally {
        clearInterval(keepAlive);
        await close();
      }
    });

  const outbox = program.command('outbox').description('inspect and repair the outbox of queued side effects');

  outbox
    .command('dead')
    .description('list dead letters: id, topic, attempts, last error (never the payload)')
    .option('--limit <n>', 'how many to show', (v) => Number.parseInt(v, 10), 100)
    .action(async (opts: { limit: number }) => {
      const { ctx, close } = await deps.openContext({ migrate: false });
      try {
        const dead = await ctx.outbox.listDead(opts.limit);
        if (dead.length === 0) {
          print('No dead letters.');
          return;
        }
        for (const d of dead) {
          print(
            `${d.id}  ${d.topic}  attempts=${d.attempts}  died=${d.completed_at ?? '?'}  ${d.last_error ?? ''}`.trimEnd(),
          );
        }
      } finally {
        await close();
      }
    });

  outbox
    .command('retry')
    .description('put a dead letter back in the queue with a fresh set of attempts')
    .argument('<id>', 'the dead letter id, as `lantern outbox dead` shows it')
    .action(async (id: string) => {
      const { ctx, close } = await deps.openContext({ migrate: false });
      try {
        if (!(await ctx.outbox.retryDead(id))) throw new Error(`No dead letter has id ${id}.`);
        print(`Requeued ${id}.`);
      } finally {
        await close();
      }
    });
}
