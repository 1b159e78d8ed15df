import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../platform/context.ts';
import { startTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { Client, createStaff, currentTotp, signUpPatient } from '../../../../test/helpers/identity-factories.ts';
import { startMailingApp, type MailingApp } from '../../../../test/helpers/mailing-app.ts';

/** Audit events of one account (as actor or subject) with this action. */
async function countEvents(ctx: AppContext, accountId: string, action: string): Promise<number> {
  const rows = await ctx.db.kysely
    .selectFrom('audit_event')
    .select('id')
    .where('action', '=', action)
    .where((eb) => eb.or([eb('actor_id', '=', accountId), eb('subject_id', '=', accountId)]))
    .execute();
  return rows.length;
}

async function accountIdOf(ctx: AppContext, username: string): Promise<string> {
  const row = await ctx.db.kysely
    .selectFrom('account')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Enrols 2-step for a signed-in patient client; returns the secret. */
async function enrolTwoStep(t: TestApp, c: Client, password: string): Promise<string> {
  const { secret } = (await c.post('/api/account/two-step/setup', { password })).json() as { secret: string };
  expect((await c.post('/api/account/two-step/confirm', { code: currentTotp(secret, t.clock.now()) })).statusCode).toBe(
    200,
  );
  t.clock.advance(30_000); // the next code is a new time step
  return secret;
}

describe('the second factor cannot be replaced with the password alone', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ now: '2026-11-24T15:00:00.000Z' });
  });
  afterEach(async () => t.close());

  it('refuses a password-only session setting up or confirming an authenticator on a patient account that has one', async () => {
    const user = await signUpPatient(t.app, t.ctx);
    const secret = await enrolTwoStep(t, user.client, user.password);
    const attacker = new Client(t.app);
    expect(
      (await attacker.post('/api/auth/signin', { username: user.username, password: user.password })).json().stage,
    ).toBe('second_factor');
    const setup = await attacker.post('/api/account/two-step/setup', { password: user.password });
    expect(setup.statusCode).toBe(403);
    expect(setup.json().error.code).toBe('two_step_already_enrolled');
    // Even with a pending secret of the attacker's own in place, confirming it is refused.
    const id = await accountIdOf(t.ctx, user.username);
    await t.ctx.db.kysely
      .updateTable('account')
      .set({ totp_pending_secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' })
      .where('id', '=', id)
      .execute();
    const confirm = await attacker.post('/api/account/two-step/confirm', {
      code: currentTotp('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', t.clock.now()),
    });
    expect(confirm.statusCode).toBe(403);
    expect((await attacker.get('/api/account/profile')).statusCode).toBe(401); // still not signed in
    const row = await t.ctx.db.kysely
      .selectFrom('account')
      .select('totp_secret')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.totp_secret).toBe(secret); // the owner's key is untouched
  });

  it('refuses the same on a staff account, while a new staff member still enrols at first sign-in', async () => {
    const staff = await createStaff(t.ctx, 'clinician');
    const first = new Client(t.app);
    expect(
      (await first.post('/api/staff/auth/signin', { username: staff.username, password: staff.password })).json(),
    ).toMatchObject({ stage: 'second_factor', mustEnrolSecondFactor: true });
    const { secret } = (await first.post('/api/staff/account/two-step/setup', { password: staff.password })).json() as {
      secret: string;
    };
    const confirmed = await first.post('/api/staff/account/two-step/confirm', {
      code: currentTotp(secret, t.clock.now()),
    });
    expect(confirmed.json().session.stage).toBe('full');
    t.clock.advance(30_000);
    const attacker = new Client(t.app);
    await attacker.post('/api/staff/auth/signin', { username: staff.username, password: staff.password });
    expect((await attacker.post('/api/staff/account/two-step/setup', { password: staff.password })).statusCode).toBe(
      403,
    );
    expect((await attacker.post('/api/staff/account/two-step/confirm', { code: '123456' })).statusCode).toBe(403);
    expect(
      (await attacker.post('/api/staff/auth/second-factor', { code: currentTotp(secret, t.clock.now()) })).json().stage,
    ).toBe('full');
  });

  it('replaces an authenticator only with the password and a current code, ending the other sessions', async () => {
    const user = await signUpPatient(t.app, t.ctx);
    const secret = await enrolTwoStep(t, user.client, user.password);
    const other = new Client(t.app);
    await other.post('/api/auth/signin', { username: user.username, password: user.password });
    await other.post('/api/auth/second-factor', { code: currentTotp(secret, t.clock.now()) });
    expect((await other.get('/api/account/profile')).statusCode).toBe(200);
    t.clock.advance(30_000);
    const noCode = await user.client.post('/api/account/two-step/setup', { password: user.password });
    expect(noCode.statusCode).toBe(400);
    expect(noCode.json().error.field).toBe('code');
    const wrong = currentTotp(secret, t.clock.now()) === '000000' ? '111111' : '000000';
    expect(
      (await user.client.post('/api/account/two-step/setup', { password: user.password, code: wrong })).json().error
        .field,
    ).toBe('code');
    const setup = await user.client.post('/api/account/two-step/setup', {
      password: user.password,
      code: currentTotp(secret, t.clock.now()),
    });
    expect(setup.statusCode).toBe(200);
    const fresh = (setup.json() as { secret: string }).secret;
    expect(
      (await user.client.post('/api/account/two-step/confirm', { code: currentTotp(fresh, t.clock.now()) })).statusCode,
    ).toBe(200);
    expect((await other.get('/api/account/profile')).statusCode).toBe(401);
    expect((await user.client.get('/api/account/profile')).statusCode).toBe(200);
    expect(await countEvents(t.ctx, await accountIdOf(t.ctx, user.username), 'account.two_step.replaced')).toBe(1);
  });
});

describe('password reset tells nothing without the code', () => {
  let mailing: MailingApp;
  let t: TestApp;
  let user: Awaited<ReturnType<typeof signUpPatient>>;
  const lastCode = () => mailing.lastCode();

  beforeEach(async () => {
    mailing = await startMailingApp('2026-11-24T15:00:00.000Z');
    t = mailing.t;
    user = await signUpPatient(t.app, t.ctx);
    await user.client.post('/api/account/contact', { password: user.password, email: 'louis@example.org' });
    await user.client.post('/api/account/contact/verify', { channel: 'email', code: await lastCode() });
  });
  afterEach(async () => mailing.close());

  it('answers a wrong code the same for the right password, a wrong one, a weak one and an unknown username', async () => {
    await new Client(t.app).post('/api/auth/forgot-password', { username: user.username });
    const code = await lastCode();
    const wrong = code === '123456' ? '654321' : '123456';
    const tries = [
      { username: user.username, code: wrong, newPassword: user.password }, // the current password
      { username: user.username, code: wrong, newPassword: 'some other long passphrase' },
      { username: user.username, code: wrong, newPassword: 'password1234' }, // weak
      { username: 'nobody-by-this-name', code: wrong, newPassword: user.password },
      { username: 'nobody-by-this-name', code: wrong, newPassword: 'password1234' },
    ];
    const answers = [];
    for (const body of tries) {
      const res = await new Client(t.app).post('/api/auth/reset-password', body);
      answers.push({ status: res.statusCode, body: res.json() });
    }
    for (const a of answers) expect(a).toEqual(answers[0]);
    expect(answers[0]).toMatchObject({
      status: 400,
      body: { error: { code: 'one_time_code_invalid', field: 'code' } },
    });
    // With the right code the password is judged, and the code is still good for a better one.
    const same = await new Client(t.app).post('/api/auth/reset-password', {
      username: user.username,
      code,
      newPassword: user.password,
    });
    expect(same.json().error.field).toBe('newPassword');
    expect(
      (
        await new Client(t.app).post('/api/auth/reset-password', {
          username: user.username,
          code,
          newPassword: 'amber meadow telescope',
        })
      ).statusCode,
    ).toBe(204);
  });

  it('lets one of two resets with the same code at the same instant win', async () => {
    await new Client(t.app).post('/api/auth/forgot-password', { username: user.username });
    const code = await lastCode();
    const both = await Promise.all(
      ['amber meadow telescope', 'copper lantern riverbank'].map((p) =>
        new Client(t.app).post('/api/auth/reset-password', { username: user.username, code, newPassword: p }),
      ),
    );
    expect(both.map((r) => r.statusCode).sort()).toEqual([204, 400]);
  });

  it('limits reset attempts per username, known or not, before looking at the code', async () => {
    for (const [n, username] of [user.username, 'nobody-by-this-name'].entries()) {
      const statuses = [];
      for (let i = 0; i < 6; i++)
        statuses.push(
          (
            await new Client(t.app, `192.0.2.${n * 10 + i}`).post('/api/auth/reset-password', {
              username,
              code: '000000',
              newPassword: 'some other long passphrase',
            })
          ).statusCode,
        );
      expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
    }
  });

  it('evaluates at most 5 of 300 parallel wrong one-time codes', async () => {
    await user.client.post('/api/account/contact', { password: user.password, email: 'other@example.org' });
    const code = await lastCode();
    const wrong = Array.from({ length: 300 }, (_, i) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0'));
    const answers = await Promise.all(
      wrong.map((c) => user.client.post('/api/account/contact/verify', { channel: 'email', code: c })),
    );
    expect(answers.filter((r) => r.statusCode === 200)).toHaveLength(0);
    const row = await t.ctx.db.kysely
      .selectFrom('one_time_code')
      .select('attempts')
      .where('purpose', '=', 'verify_email')
      .where('target', '=', 'other@example.org')
      .executeTakeFirstOrThrow();
    expect(row.attempts).toBe(5);
  });
});

describe('brute force: attempts are counted before the check, atomically', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ now: '2026-11-24T15:00:00.000Z' });
  });
  afterEach(async () => t.close());

  const signIn = (c: Client, username: string, password: string) => c.post('/api/auth/signin', { username, password });

  it('locks an account after 50 parallel wrong passwords exactly as after 50 sequential ones', async () => {
    const a = await signUpPatient(t.app, t.ctx, 'Louis_Maggio', 'sequential-user');
    const b = await signUpPatient(t.app, t.ctx, 'Reyna_Ziemann', 'parallel-user');
    // From 100 addresses, as a botnet would: the per-address limit is not what stops them here.
    for (let i = 0; i < 50; i++) await signIn(new Client(t.app, `192.0.2.${i}`), a.username, `wrong password ${i}`);
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        signIn(new Client(t.app, `198.51.100.${i}`), b.username, `wrong password ${i}`),
      ),
    );
    for (const u of [a, b]) {
      const id = await accountIdOf(t.ctx, u.username);
      expect(await countEvents(t.ctx, id, 'auth.signin.failed'), u.username).toBe(5); // passwords checked
      expect(await countEvents(t.ctx, id, 'auth.signin.refused_locked'), u.username).toBe(45);
      expect(await countEvents(t.ctx, id, 'auth.account.locked'), u.username).toBe(1);
      expect((await signIn(new Client(t.app), u.username, u.password)).statusCode, u.username).toBe(401);
    }
  });

  it('doubles the lock each time in a day: 15 minutes, then 30', async () => {
    const u = await signUpPatient(t.app, t.ctx);
    const lock = async () => {
      for (let i = 0; i < 5; i++) await signIn(new Client(t.app), u.username, `wrong password ${i}`);
    };
    await lock();
    t.clock.advance(15 * 60_000);
    await lock();
    t.clock.advance(30 * 60_000 - 1_000);
    expect((await signIn(new Client(t.app), u.username, u.password)).statusCode).toBe(401);
    t.clock.advance(1_000);
    expect((await signIn(new Client(t.app), u.username, u.password)).statusCode).toBe(200);
  });

  it('lets the owner sign in from a device they used before while strangers keep the account locked', async () => {
    const u = await signUpPatient(t.app, t.ctx);
    const owner = new Client(t.app);
    expect((await signIn(owner, u.username, u.password)).statusCode).toBe(200);
    expect(owner.cookies.get('lantern_device')).toBeTruthy();
    await owner.post('/api/auth/signout');
    for (let i = 0; i < 5; i++) await signIn(new Client(t.app), u.username, `wrong password ${i}`);
    expect((await signIn(new Client(t.app), u.username, u.password)).statusCode).toBe(401); // locked for a new device
    expect((await signIn(owner, u.username, u.password)).statusCode).toBe(200); // not for the owner's
    await owner.post('/api/auth/signout');
    for (let i = 0; i < 5; i++) await signIn(new Client(t.app), u.username, `wrong password ${i}`);
    expect((await signIn(owner, u.username, 'one wrong guess here')).statusCode).toBe(401); // a wrong password from it...
    expect((await signIn(owner, u.username, u.password)).statusCode).toBe(401); // ...and it is no longer known
  });

  it('checks at most 5 of 200 parallel wrong app codes; the rest are refused without a check', async () => {
    const u = await signUpPatient(t.app, t.ctx);
    const secret = await enrolTwoStep(t, u.client, u.password);
    const c = new Client(t.app);
    await signIn(c, u.username, u.password);
    const right = currentTotp(secret, t.clock.now());
    const wrong = Array.from({ length: 200 }, (_, i) => String((Number(right) + 1 + i) % 1_000_000).padStart(6, '0'));
    const answers = await Promise.all(wrong.map((code) => c.post('/api/auth/second-factor', { code })));
    expect(answers.filter((r) => r.statusCode === 400)).toHaveLength(5);
    expect(answers.filter((r) => r.statusCode === 429)).toHaveLength(195);
    expect(answers.find((r) => r.statusCode === 429)!.headers['retry-after']).toBeTruthy();
    expect(await countEvents(t.ctx, await accountIdOf(t.ctx, u.username), 'auth.second_factor.failed')).toBe(5);
    expect((await c.post('/api/auth/second-factor', { code: right })).statusCode).toBe(429); // even the right one, for now
  });

  it('counts sign-ins per address before the check: 40 parallel guesses at different usernames get 30 checks', async () => {
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => signIn(new Client(t.app), `someone-${i}`, 'wrong password here')),
    );
    expect(answers.filter((r) => r.statusCode === 401)).toHaveLength(30);
    expect(answers.filter((r) => r.statusCode === 429)).toHaveLength(10);
  });

  it('does not count successful sign-ins against the address', async () => {
    const u = await signUpPatient(t.app, t.ctx);
    for (let i = 0; i < 40; i++) expect((await signIn(new Client(t.app), u.username, u.password)).statusCode).toBe(200);
  });
});

describe('TRUST_PROXY', () => {
  const guess = (t: TestApp, forwardedFor: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/signin',
      remoteAddress: '127.0.0.1',
      headers: { 'x-forwarded-for': forwardedFor },
      payload: { username: 'nobody-here', password: 'wrong password here' },
    });

  it('counts each client behind a trusted proxy separately, and ignores the header from anyone else', async () => {
    const behind = await startTestApp({
      config: { deployment: { production: false, demoTenant: true, trustProxy: ['127.0.0.1'] } },
    });
    const direct = await startTestApp();
    try {
      for (let i = 0; i < 30; i++) await guess(behind, '203.0.113.7');
      expect((await guess(behind, '203.0.113.7')).statusCode).toBe(429);
      expect((await guess(behind, '198.51.100.9')).statusCode).toBe(401); // another patient behind the same proxy
      for (let i = 0; i < 30; i++) await guess(direct, `203.0.113.${i}`);
      expect((await guess(direct, '198.51.100.9')).statusCode).toBe(429); // a forged header changes nothing
    } finally {
      await behind.close();
      await direct.close();
    }
  });
});
