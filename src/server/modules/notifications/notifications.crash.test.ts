import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signUpPatient } from '../../../../test/helpers/identity-factories.ts';
import { accountIdOf } from '../../../../test/helpers/proxy-factories.ts';
import { startNotifyingApp, type NotifyingApp } from '../../../../test/helpers/notifying-app.ts';
import type { SmsGateway } from '../../../../test/helpers/sms-gateway.ts';
import type { SmtpSink } from '../../../../test/helpers/smtp-sink.ts';
import { repoRoot, type TestApp } from '../../../../test/helpers/test-app.ts';
import { createOutboxWorker } from '../../platform/outbox/outbox.cli.ts';

const crashingPortal = path.join(repoRoot, 'test/fixtures/notify-then-crash.ts');
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * The crash test: a portal process signs a patient in (the security notification is written to the outbox
 * in the sign-in's transaction) and is killed with SIGKILL before anything is delivered. After the restart, the
 * worker delivers the email and the text once each, carrying the dedupe key the receivers can use.
 */
describe('notification survives a crash between commit and delivery', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let gateway: SmsGateway;
  let running: NotifyingApp;
  beforeEach(async () => {
    running = await startNotifyingApp();
    ({ t, sink, gateway } = running);
  });
  afterEach(async () => running.close());

  it('is delivered exactly once after the restart, with its dedupe key', async () => {
    const p = await signUpPatient(t.app, t.ctx, 'Louis_Maggio', 'louis');
    const accountId = await accountIdOf(t.ctx, 'louis');
    const at = new Date().toISOString();
    await t.ctx.db.kysely
      .updateTable('account')
      .set({ email: 'louis@example.org', email_verified_at: at, phone: '+15025550130', phone_verified_at: at })
      .where('id', '=', accountId)
      .execute();

    const child = spawn(process.execPath, ['--import', 'tsx', crashingPortal], {
      cwd: repoRoot,
      env: { ...process.env, OUTBOX_DB: JSON.stringify(t.tdb.config), USERNAME: p.username, PASSWORD: p.password },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    expect(out).toContain('committed');
    expect(exit.signal).toBe('SIGKILL');

    // Written, not delivered.
    const rows = await t.ctx.db.kysely
      .selectFrom('outbox_message')
      .select(['dedupe_key', 'status'])
      .where('dedupe_key', 'like', 'n:security.new_sign_in:%')
      .orderBy('dedupe_key')
      .execute();
    expect(rows.map((r) => r.status)).toEqual(['pending', 'pending']);
    expect(sink.messages).toEqual([]);
    expect(gateway.texts).toEqual([]);

    // The restart: a fresh worker delivers each once; running again sends nothing more. (The child ran on the real clock.)
    t.clock.set(new Date(Date.now() + 1000));
    const running = createOutboxWorker(t.ctx, { logger: quiet });
    try {
      expect((await running.worker.runOnce()).delivered.length).toBe(2);
      expect((await running.worker.runOnce()).claimed).toBe(0);
    } finally {
      await running.stop();
    }
    const [emailKey, smsKey] = rows.map((r) => r.dedupe_key);
    expect(sink.messages.map((m) => m.dedupeKey)).toEqual([emailKey]);
    expect(gateway.texts.map((s) => s.dedupeKey)).toEqual([smsKey]);
    expect(sink.messages[0]!.envelopeTo).toEqual(['louis@example.org']);
    expect(gateway.texts[0]!.to).toBe('+15025550130');
  });
});
