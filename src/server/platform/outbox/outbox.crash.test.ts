import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repoRoot, testConfig } from '../../../../test/helpers/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../../../test/helpers/test-db.ts';
import { startSmtpSink, type SmtpSink } from '../../../../test/helpers/smtp-sink.ts';
import { ManualClock, systemClock } from '../clock.ts';
import { createContext, type AppContext } from '../context.ts';
import { createOutboxWorker } from './outbox.cli.ts';
import { consoleOutboxLogger } from './outbox.ts';

const crashWorker = path.join(repoRoot, 'test/fixtures/outbox-crash-worker.ts');

/**
 * The "done when": a worker process dies (SIGKILL) holding a claimed message; once its
 * lease has run out, a fresh worker delivers the email. Delivery is at least once, so when the
 * dead worker had already sent it, both copies carry the same dedupe key and Message-ID.
 */
describe('outbox worker crash', () => {
  let tdb: TestDatabase;
  let sink: SmtpSink;
  let ctx: AppContext;
  let child: ChildProcess | undefined;

  beforeEach(async () => {
    tdb = await createTestDatabase();
    sink = await startSmtpSink();
    ctx = createContext(
      testConfig(tdb, { mail: { smtpUrl: sink.url, from: 'Lantern <no-reply@lantern.test>' } }),
      tdb.db,
      systemClock,
    );
  });
  afterEach(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await sink.close();
    await tdb.destroy();
  });

  /** Starts the crashing worker and resolves with the id it printed once it holds the claim. */
  function startCrashingWorker(mode: 'before-send' | 'after-send'): Promise<string> {
    const proc = spawn(process.execPath, ['--import', 'tsx', crashWorker], {
      cwd: repoRoot,
      env: { ...process.env, OUTBOX_DB: JSON.stringify(tdb.config), SMTP_URL: sink.url, CRASH_MODE: mode },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    let stdout = '';
    let stderr = '';
    return new Promise((resolve, reject) => {
      proc.stdout!.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const claimed = /^claimed (\S+)$/m.exec(stdout);
        if (claimed) resolve(claimed[1]!);
      });
      proc.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      proc.once('exit', (code, signal) =>
        reject(new Error(`crash worker exited early (${code ?? signal}): ${stdout}${stderr}`)),
      );
    });
  }

  async function kill(proc: ChildProcess): Promise<void> {
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGKILL');
    await exited;
  }

  async function enqueueEmail(dedupeKey: string): Promise<string> {
    const payload = { to: 'patient@example.org', subject: 'You have new information', text: 'Sign in to see it.' };
    const { id } = await tdb.db.kysely
      .transaction()
      .execute((trx) => ctx.outbox.enqueue(trx, { topic: 'email.send', dedupeKey, payload }));
    return id;
  }

  /** A fresh worker in this process whose clock stands just past the dead worker's lease. */
  async function recoverAfterLease(id: string) {
    const row = await ctx.outbox.repository.findById(id);
    expect(row).toMatchObject({ status: 'processing', locked_by: 'crashing-worker' });
    const clock = new ManualClock(row!.locked_until!);
    const early = createOutboxWorker({ ...ctx, clock }, { logger: consoleOutboxLogger('silent') });
    clock.advance(-1);
    expect((await early.worker.runOnce()).claimed).toBe(0); // the lease still holds
    clock.advance(1);
    const report = await early.worker.runOnce();
    await early.stop();
    return report;
  }

  it('redelivers an email whose worker was killed after claiming it and before sending', async () => {
    const id = await enqueueEmail('activation:acc-crash-1');

    const claimedId = await startCrashingWorker('before-send');
    expect(claimedId).toBe(id);
    await kill(child!);
    expect(sink.messages).toHaveLength(0);

    const report = await recoverAfterLease(id);

    expect(report.delivered).toEqual([id]);
    expect(sink.messages.map((m) => m.dedupeKey)).toEqual(['activation:acc-crash-1']);
    expect(await ctx.outbox.repository.findById(id)).toMatchObject({ status: 'done', attempts: 1, locked_by: null });
  });

  it('redelivers an email whose worker was killed after sending and before recording it, with the same dedupe key', async () => {
    const id = await enqueueEmail('activation:acc-crash-2');

    await startCrashingWorker('after-send');
    await kill(child!);
    expect(sink.messages).toHaveLength(1);

    const report = await recoverAfterLease(id);

    expect(report.delivered).toEqual([id]);
    expect(sink.messages).toHaveLength(2);
    const [first, second] = sink.messages;
    expect(first!.dedupeKey).toBe('activation:acc-crash-2');
    expect(second!.dedupeKey).toBe(first!.dedupeKey);
    expect(second!.messageId).toBe(first!.messageId);
    expect(await ctx.outbox.repository.findById(id)).toMatchObject({ status: 'done' });
  });
});
