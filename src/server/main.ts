import cluster from 'node:cluster';
import os from 'node:os';
import { Command, InvalidArgumentError } from 'commander';
import { buildApp } from './app.ts';
import { runWorkers, type WorkerReady } from './cluster.ts';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/connection.ts';
import { migrateToLatest } from './db/migrate.ts';
import { demoRefusal, prepareDemo, registerDemoCommand } from './demo.ts';
import { registerJobCommands, startPeriodicJobs } from './jobs.ts';
import { registerFhirCommands } from './modules/fhir/fhir.cli.ts';
import { demoAccountLines } from './modules/identity/demo-accounts.ts';
import { registerIdentityCommands } from './modules/identity/identity.cli.ts';
import { systemClock } from './platform/clock.ts';
import { registerOutboxCommands, startOutboxWorker } from './platform/outbox/outbox.cli.ts';
import { createContext, type AppContext } from './platform/context.ts';
import { printDemoOutput } from './platform/demo-output.ts';
import { createServices, type Services } from './services.ts';

/** The `lantern` command line. Returns the exit code instead of exiting, so it can be tested. */
export async function runCli(argv: string[]): Promise<number> {
  const program = new Command()
    .name('lantern')
    .description('Lantern patient portal. Configuration comes from the environment; see README.md.')
    .showHelpAfterError()
    .exitOverride();

  program
    .command('serve')
    .description('apply migrations and start the web server (and the outbox worker)')
    .option('--dev', 'development mode: Vite serves the web app with reload (one process)')
    .option(
      '--workers <n>',
      'processes serving the same port (default: one per CPU core); 1 serves from this process',
      (v: string) => {
        const n = Number(v);
        if (!Number.isInteger(n) || n < 1 || n > 64) throw new InvalidArgumentError('a whole number from 1 to 64');
        return n;
      },
    )
    .option(
      '--demo',
      'load the demo organisation, sample patients and demo sign-ins into an empty database (never in production)',
    )
    .action(async (opts: ServeOptions) => serve(opts));

  program
    .command('migrate')
    .description('apply database migrations and exit')
    .action(async () => {
      const config = loadConfig();
      const db = openDatabase(config.database);
      try {
        const applied = await migrateToLatest(db);
        console.log(
          applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'Database is up to date.',
        );
      } finally {
        await db.close();
      }
    });

  registerFhirCommands(program, openContext);
  registerDemoCommand(program, openContext);
  registerJobCommands(program, openContext);
  registerOutboxCommands(program, { openContext });
  registerIdentityCommands(program, openContext);

  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    return reportCliError(err);
  }
}

/** Loads config, opens and migrates the database, and builds the context commands share. */
async function openContext(): Promise<{ ctx: AppContext; services: Services; close(): Promise<void> }> {
  const config = loadConfig();
  const db = openDatabase(config.database);
  await migrateToLatest(db);
  const ctx = createContext(config, db, systemClock);
  return { ctx, services: createServices(ctx), close: () => db.close() };
}

interface ServeOptions {
  dev?: boolean;
  demo?: boolean;
  workers?: number;
}

/**
 * `lantern serve`: one process, or (`--workers N`, N > 1) a primary that prepares the database once and forks N
 * workers serving the same port (src/server/cluster.ts). Development mode is always one process.
 */
async function serve(opts: ServeOptions): Promise<void> {
  const workers = opts.dev ? 1 : (opts.workers ?? os.availableParallelism());
  if (cluster.isWorker) return serveProcess(opts, true);
  if (workers === 1) return serveProcess(opts, false);
  // The primary migrates and loads the demo once, so workers never race for it, then only supervises.
  const { ctx, services, close } = await openContext();
  const demo = opts.demo ? await prepareDemo(ctx, { force: false }, services) : false;
  await close();
  process.exitCode = await runWorkers(
    workers,
    (line) => console.log(`  ${line}`),
    (ready) => printBanner(ctx, ready.channels, demo, workers),
  );
  console.log(process.exitCode ? '  stopped with errors' : '  stopped cleanly');
}

/** Serves from this process: the whole app, the outbox worker and the periodic jobs. */
async function serveProcess(opts: ServeOptions, asWorker: boolean): Promise<void> {
  const { ctx, services, close } = await openContext();
  const demo = opts.demo && !asWorker ? await prepareDemo(ctx, { force: false }, services) : false;
  // A worker of `--workers N` finds the database its primary prepared (and marked) for the demo.
  const showsDemoOutput = demo || (opts.demo === true && asWorker && (await demoRefusal(ctx)) === null);
  const app = await buildApp(ctx, { web: opts.dev ? 'development' : 'production', logger: true, services });
  const outboxWorker = startOutboxWorker(ctx, {
    logger: app.log,
    ...(showsDemoOutput ? { demoOutput: printDemoOutput } : {}),
  });
  const stopJobs = startPeriodicJobs(ctx, services, (msg) => app.log.info(msg));
  // Graceful: stop accepting, let requests in flight finish (each is bounded by the request deadline), finish the
  // outbox batch in flight, close the pool. A rolling restart drops nothing; past the deadline the process exits.
  let stopping = false;
  const shutdown = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    const limit = setTimeout(() => {
      app.log.error('shutdown took too long; exiting with requests unfinished');
      process.exit(1);
    }, ctx.config.http.requestDeadlineMs + 5000);
    limit.unref();
    stopJobs();
    // Keep-alive connections that were busy when the stop began go idle later: close each as it does, so the
    // server does not wait out the keep-alive timeout for them.
    const sweep = setInterval(() => app.server.closeIdleConnections(), 100);
    await app.close();
    clearInterval(sweep);
    app.log.info('shutdown: requests finished');
    await outboxWorker.stop();
    app.log.info('shutdown: outbox stopped');
    await close();
    app.log.info('stopped cleanly');
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  const { host, port } = ctx.config.http;
  await app.listen({ host, port });
  const channels = outboxWorker.channels;
  if (asWorker) {
    const ready: WorkerReady = { type: 'lantern:listening', channels };
    process.send?.(ready);
  } else printBanner(ctx, channels, demo, 1);
}

function printBanner(ctx: AppContext, channels: WorkerReady['channels'], demo: boolean, workers: number): void {
  const { host, port } = ctx.config.http;
  const shown = host === '127.0.0.1' || host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  const where = ctx.config.database.engine === 'sqlite' ? `SQLite at ${ctx.config.database.file}` : 'PostgreSQL';
  console.log(`\n  ${ctx.config.tenant.organisation.portalName} (Lantern) is running at http://${shown}:${port}/`);
  console.log(`  Database: ${where}. ${workers > 1 ? `${workers} worker processes. ` : ''}Stop with Ctrl+C.`);
  // Unsent messages: the demo prints each in full (marked DEMO); anywhere else the log notes them without contents.
  const unsent = demo
    ? 'each one is printed here in full, framed as DEMO output'
    : 'the log notes each one, never its contents';
  console.log(
    `  Email: ${channels.email === 'smtp' ? 'sent over SMTP' : `not sent (SMTP_URL is not set) — ${unsent}`}.`,
  );
  console.log(
    `  Texts: ${channels.sms === 'log' ? `not sent (no SMS gateway: set SMS_TWILIO_ACCOUNT_SID, SMS_TWILIO_AUTH_TOKEN, SMS_FROM) — ${unsent}` : `sent through the SMS gateway at ${new URL(ctx.config.sms!.baseUrl).host}`}.\n`,
  );
  if (demo) {
    console.log(
      '  THIS IS A DEMO: sample patients and sign-ins whose password is published. Never put real patient data here;',
    );
    console.log(
      '  for a real deployment start without --demo and create the first administrator with `lantern staff add`.\n',
    );
    console.log(
      demoAccountLines(ctx.clock.now())
        .map((l) => `  ${l}`)
        .join('\n') + '\n',
    );
  }
}

function reportCliError(err: unknown): number {
  const e = err as { code?: string; exitCode?: number; message?: string };
  if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
  if (e.code?.startsWith('commander.')) return e.exitCode ?? 2;
  if (err instanceof ConfigError) {
    console.error(err.message);
    return 2;
  }
  console.error(`lantern: ${e.message ?? String(err)}`);
  return 1;
}
