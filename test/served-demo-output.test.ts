import { afterEach, describe, expect, it } from 'vitest';
import type { DatabaseConfig } from '../src/server/config.ts';
import { DEMO_PASSWORD } from '../src/server/modules/identity/demo-accounts.ts';
import { signUpPatient } from './helpers/identity-factories.ts';
import { prepareServedDatabase, servedEnv, startLantern, type LanternProcess } from './helpers/lantern-process.ts';
import { createEmptyDatabase } from './helpers/test-db.ts';

/** A browser-like client of a served process: cookies and the CSRF token carried from answer to answer. */
function client(base: string) {
  let cookie = '';
  let csrf = '';
  return async (method: string, url: string, body?: unknown): Promise<{ status: number; json: unknown }> => {
    const res = await fetch(base + url, {
      method,
      headers: {
        'content-type': 'application/json',
        connection: 'close',
        ...(cookie ? { cookie } : {}),
        ...(csrf ? { 'x-csrf-token': csrf } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const set = res.headers.getSetCookie().map((c) => c.split(';')[0]!);
    if (set.length) cookie = set.join('; ');
    const text = await res.text();
    const json: unknown = text ? JSON.parse(text) : null;
    const token = (json as { csrfToken?: string; session?: { csrfToken?: string } } | null) ?? {};
    csrf = token.csrfToken ?? token.session?.csrfToken ?? csrf;
    return { status: res.status, json };
  };
}

async function until(what: () => boolean, label: string, output: () => string): Promise<void> {
  for (let i = 0; i < 200 && !what(); i++) await new Promise((r) => setTimeout(r, 100));
  if (!what()) throw new Error(`${label} did not happen:\n${output()}`);
}

/**
 * `lantern serve --demo` without SMTP, as `npm start` runs it: each email is printed in full, framed as demo output,
 * and the code in it works. A production deployment started with `--demo` all the same prints no contents.
 */
describe('demo emails in the output of lantern serve', () => {
  let node: LanternProcess | undefined;
  let drop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    if (node && node.child.exitCode === null && node.child.signalCode === null) node.child.kill('SIGKILL');
    await node?.exited;
    await drop?.();
    node = undefined;
  });

  async function emptyDatabase(): Promise<DatabaseConfig> {
    const empty = await createEmptyDatabase();
    drop = empty.drop;
    return empty.config;
  }

  it('with --demo, prints a verification email in full, marked demo, and its code verifies the address', async () => {
    const config = await emptyDatabase();
    node = await startLantern(servedEnv(config, 'demo-mail'), undefined, ['--workers', '1', '--demo']);
    await until(
      () => node!.output().includes('each one is printed here in full, framed as DEMO output'),
      'the banner',
      node.output,
    );
    const call = client(node.url);
    expect((await call('POST', '/api/auth/signin', { username: 'elvina', password: DEMO_PASSWORD })).status).toBe(200);
    const changed = await call('POST', '/api/account/contact', {
      password: DEMO_PASSWORD,
      email: 'elvina@example.org',
    });
    expect(changed.status).toBe(200);

    await until(() => node!.output().includes('END OF DEMO EMAIL'), 'the demo email', node.output);
    const block = /=+ DEMO EMAIL \(not sent — no SMTP configured\) =+\n([\s\S]*?)\n=+ END OF DEMO EMAIL =+/.exec(
      node.output(),
    )?.[1];
    expect(block).toContain('To: elvina@example.org');
    expect(block).toMatch(/^Subject: .*verification code$/m);
    const code = /\b(\d{6})\b/.exec(block ?? '')?.[1];
    const verified = await call('POST', '/api/account/contact/verify', { channel: 'email', code });
    expect(verified.json).toMatchObject({ emailVerified: true });
  }, 120_000);

  it('in production (NODE_ENV=production), even with --demo, logs that an email was not sent but never its contents', async () => {
    const config = await emptyDatabase();
    const patient = await prepareServedDatabase(config, (app, ctx) => signUpPatient(app, ctx, 'Louis_Maggio', 'louis'));
    node = await startLantern({ ...servedEnv(config, 'prod-mail'), NODE_ENV: 'production' }, undefined, [
      '--workers',
      '1',
      '--demo',
    ]);
    expect(node.output()).toContain('Not loading the demo: this is a production deployment');
    // The banner's lines may arrive a moment after the line the start waited for.
    await until(() => node!.output().includes('the log notes each one, never its contents'), 'the banner', node.output);
    const call = client(node.url);
    expect(
      (await call('POST', '/api/auth/signin', { username: patient.username, password: patient.password })).status,
    ).toBe(200);
    const changed = await call('POST', '/api/account/contact', {
      password: patient.password,
      email: 'louis.private@example.org',
    });
    expect(changed.status).toBe(200);

    await until(() => node!.output().includes('email not sent'), 'the note of the unsent email', node.output);
    const output = node.output();
    expect(output).not.toContain('DEMO EMAIL');
    expect(output).not.toContain('louis.private');
    expect(output).not.toMatch(/verification code|confirm this email/i);
  }, 120_000);
});
