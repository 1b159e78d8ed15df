import { afterEach, describe, expect, it, vi } from 'vitest';
import { Client, signUpPatient } from '../../../test/helpers/identity-factories.ts';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import type { Config } from '../config.ts';
import { createOutboxWorker, type RunningOutboxWorker } from './outbox/outbox.cli.ts';

/**
 * Without SMTP or an SMS gateway, the demo prints each email and text in full, framed as demo output, so a new user
 * can verify an address and reset a password from what it prints. Anywhere else (not the demo, or a production
 * deployment even if asked) the contents reach neither the log nor standard output.
 */
describe('unsent email and texts: printed in full only in the demo', () => {
  let t: TestApp;
  let running: RunningOutboxWorker;
  const blocks: string[] = [];
  const logged: string[] = [];
  const logger = {
    info: (fields: object, msg: string) => void logged.push(`${msg} ${JSON.stringify(fields)}`),
    warn: (fields: object, msg: string) => void logged.push(`${msg} ${JSON.stringify(fields)}`),
    error: (fields: object, msg: string) => void logged.push(`${msg} ${JSON.stringify(fields)}`),
  };

  async function start(options: { demo: boolean; config?: Partial<Config> }): Promise<void> {
    blocks.length = 0;
    logged.length = 0;
    t = await startTestApp(options.config ? { config: options.config } : {});
    running = createOutboxWorker(t.ctx, {
      logger,
      ...(options.demo ? { demoOutput: (block: string) => void blocks.push(block) } : {}),
    });
  }
  afterEach(async () => {
    vi.restoreAllMocks();
    await running.stop();
    await t.close();
  });

  /** The payloads of the messages queued on a topic, newest last: the rows the app wrote, not what was printed. */
  async function queued(topic: 'email.send' | 'sms.send'): Promise<{ to: string; subject?: string; text: string }[]> {
    const rows = await t.ctx.db.kysely
      .selectFrom('outbox_message')
      .select('payload')
      .where('topic', '=', topic)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => JSON.parse(r.payload) as { to: string; subject?: string; text: string });
  }

  const codeIn = (block: string | undefined): string => /\b(\d{6})\b/.exec(block ?? '')?.[1] ?? 'none';

  it('in the demo, prints each email framed as demo output, and its codes verify an address and reset a password', async () => {
    await start({ demo: true });
    const user = await signUpPatient(t.app, t.ctx, 'Louis_Maggio', 'louis.demo');
    await user.client.post('/api/account/contact', { password: user.password, email: 'louis@example.org' });
    await running.worker.runOnce();

    const [email] = await queued('email.send');
    const verification = blocks.at(-1)!;
    expect(verification).toContain('DEMO EMAIL (not sent — no SMTP configured)');
    expect(verification).toContain('END OF DEMO EMAIL');
    expect(verification).toContain('To: louis@example.org');
    expect(verification).toContain(`Subject: ${email!.subject}`);
    expect(verification).toContain(email!.text.trimEnd());
    const verified = await user.client.post('/api/account/contact/verify', {
      channel: 'email',
      code: codeIn(verification),
    });
    expect(verified.json()).toMatchObject({ emailVerified: true });

    await new Client(t.app).post('/api/auth/forgot-password', { username: user.username });
    await running.worker.runOnce();
    const reset = blocks.at(-1)!;
    expect(reset).toContain('DEMO EMAIL');
    expect(reset).toContain(t.ctx.config.http.publicUrl); // the link to sign in
    const newPassword = 'amber meadow telescope';
    const res = await new Client(t.app).post('/api/auth/reset-password', {
      username: user.username,
      code: codeIn(reset),
      newPassword,
    });
    expect(res.statusCode).toBe(204);
    expect(
      (await new Client(t.app).post('/api/auth/signin', { username: user.username, password: newPassword })).statusCode,
    ).toBe(200);
    // The log itself still notes each email without its contents.
    expect(logged.join('\n')).not.toContain('louis@example.org');
  });

  it('in the demo, prints each text message framed as demo output', async () => {
    await start({ demo: true });
    const user = await signUpPatient(t.app, t.ctx, 'Louis_Maggio', 'louis.text');
    await user.client.post('/api/account/contact', { password: user.password, phone: '(502) 555-0143' });
    await running.worker.runOnce();
    const [sms] = await queued('sms.send');
    const block = blocks.find((b) => b.includes('DEMO TEXT MESSAGE'));
    expect(block).toContain('DEMO TEXT MESSAGE (not sent — no SMS gateway configured)');
    expect(block).toContain(sms!.text);
    expect(logged.join('\n')).not.toContain(sms!.text);
  });

  for (const [name, options] of [
    ['not the demo', { demo: false }],
    [
      'a production deployment, even when demo output is asked for',
      { demo: true, config: { deployment: { production: true, demoTenant: true, trustProxy: false } } },
    ],
  ] as const) {
    it(`in ${name}, never logs or prints an email's or text's contents`, async () => {
      const printed: string[] = [];
      vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
        printed.push(String(chunk));
        return true;
      });
      vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void printed.push(args.join(' ')));
      await start(options);
      const user = await signUpPatient(t.app, t.ctx, 'Louis_Maggio', 'louis.quiet');
      await user.client.post('/api/account/contact', {
        password: user.password,
        email: 'louis@example.org',
        phone: '(502) 555-0143',
      });
      await new Client(t.app).post('/api/auth/forgot-password', { username: user.username });
      await running.worker.runOnce();
      vi.restoreAllMocks();

      const emails = await queued('email.send');
      const texts = await queued('sms.send');
      expect(emails.length).toBeGreaterThan(0);
      expect(texts.length).toBeGreaterThan(0);
      expect(logged.some((l) => l.includes('email not sent'))).toBe(true);
      expect(logged.some((l) => l.includes('text not sent'))).toBe(true);
      const output = [...blocks, ...logged, ...printed].join('\n');
      expect(output).not.toContain('DEMO');
      for (const e of emails) {
        expect(output).not.toContain(e.subject ?? 'no subject');
        expect(output).not.toContain(e.to);
        for (const line of e.text.split('\n').filter((l) => l.trim())) expect(output).not.toContain(line);
      }
      for (const s of texts) expect(output).not.toContain(s.text);
      expect(output).not.toContain(t.ctx.config.http.publicUrl);
    });
  }
});
