import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import type { DatabaseConfig } from '../../src/server/config.ts';
import { openDatabase } from '../../src/server/db/connection.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';
import { systemClock } from '../../src/server/platform/clock.ts';
import { createContext, type AppContext } from '../../src/server/platform/context.ts';
import { repoRoot, testConfig } from './test-app.ts';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface LanternProcess {
  url: string;
  child: ChildProcess;
  /** Everything it printed so far. */
  output(): string;
  /** Resolves with the exit code (or the signal's name) when the process ends. */
  exited: Promise<number | string>;
}

/**
 * Starts `lantern serve` as its own process (on `port` when given) and waits until it says it is running. One
 * process unless `args` asks for workers (`['--workers', '2']`).
 */
export async function startLantern(
  env: NodeJS.ProcessEnv,
  port?: number,
  args: string[] = ['--workers', '1'],
): Promise<LanternProcess> {
  const p = port ?? (await freePort());
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin/lantern.mjs'), 'serve', ...args], {
    env: { ...env, PORT: String(p) },
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`lantern serve did not start:\n${output}`)), 60_000);
    const poll = setInterval(() => {
      if (output.includes('is running at')) {
        clearTimeout(timer);
        clearInterval(poll);
        resolve();
      }
    }, 50);
    void exited.then((code) => {
      clearTimeout(timer);
      clearInterval(poll);
      reject(new Error(`lantern serve exited (${code}):\n${output}`));
    });
  });
  return { url: `http://127.0.0.1:${p}`, child, output: () => output, exited };
}

/** Migrates an empty database and lets `fill` put data in it through the real app, before a server process opens it. */
export async function prepareServedDatabase<T>(
  config: DatabaseConfig,
  fill: (app: FastifyInstance, ctx: AppContext) => Promise<T>,
): Promise<T> {
  const db = openDatabase(config);
  try {
    await migrateToLatest(db);
    const ctx = createContext(testConfig({ db, config, destroy: async () => undefined }), db, systemClock);
    const app = await buildApp(ctx);
    try {
      return await fill(app, ctx);
    } finally {
      await app.close();
    }
  } finally {
    await db.close();
  }
}

/** The environment of a `lantern serve` process on this database, listening on 127.0.0.1 and logging requests. */
export function servedEnv(config: DatabaseConfig, label: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    ...(config.engine === 'postgres'
      ? { DATABASE_URL: config.url, LANTERN_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), `lantern-${label}-`)) }
      : { LANTERN_DATA_DIR: path.dirname(config.file) }),
  };
}
