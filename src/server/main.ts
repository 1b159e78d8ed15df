import { Command } from 'commander';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { openDatabase, type Db } from './db/connection.ts';
import { migrateToLatest } from './db/migrate.ts';
import { systemClock } from './platform/clock.ts';
import { createContext } from './platform/context.ts';

/** The `lantern` command line. Returns the exit code instead of exiting, so it can be tested. */
export async function runCli(argv: string[]): Promise<number> {
  const program = new Command()
    .name('lantern')
    .description('Lantern patient portal')
    .showHelpAfterError()
    .exitOverride();

  program
    .command('serve')
    .description('apply migrations and start the web server (and the outbox worker)')
    .option('--dev', 'development mode: Vite serves the web app with reload')
    .option('--demo', 'load the demo organisation and sample patients first if the database has no patients')
    .action(async (opts: { dev?: boolean; demo?: boolean }) => serve(opts));

  program
    .command('migrate')
    .description('apply database migrations and exit')
    .action(async () => withDb(async (_config, db) => {
      const applied = await migrateToLatest(db);
      console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'Database is up to date.');
    }));

  try {
    await program.parseAsync(argv);
    return 0;
  } catch (err) {
    return reportCliError(err);
  }
}

async function withDb<T>(fn: (config: Config, db: Db) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const db = openDatabase(config.database);
  try {
    return await fn(config, db);
  } finally {
    await db.close();
  }
}

async function serve(opts: { dev?: boolean; demo?: boolean }): Promise<void> {
  const config = loadConfig();
  const db = openDatabase(config.database);
  await migrateToLatest(db);
  const ctx = createContext(config, db, systemClock);
  const app = await buildApp(ctx, { web: opts.dev ? 'development' : 'production', logger: true });
  const shutdown = async (): Promise<void> => {
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  await app.listen({ host: config.http.host, port: config.http.port });
  const shown = config.http.host === '127.0.0.1' || config.http.host === '0.0.0.0' ? 'localhost' : config.http.host;
  console.log(`\n  ${config.tenant.organisation.portalName} (Lantern) is running at http://${shown}:${config.http.port}/`);
  console.log(`  database: ${db.engine}${db.engine === 'sqlite' ? ` (${config.database.engine === 'sqlite' ? config.database.file : ''})` : ''}\n`);
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

