import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { Client, currentTotp, signUpPatient } from '../../../../test/helpers/identity-factories.ts';
import type { NotificationInbox } from '../../../shared/notifications.ts';

describe('sign-in, lock and sessions', () => {
  let t: TestApp;
  let user: Awaited<ReturnType<typeof signUpPatient>>;
  beforeEach(async () => {
    t = await startTestApp({ now: '2026-11-24T15:00:00.000Z' });
    user = await signUpPatient(t.app, t.ctx);
  });
  afterEach(async () => t.close());

  const signIn = (c: Client, password = user.password, username = user.username) =>
    c.post('/api/auth/signin', { username, password });

  it('gives the same answer for an unknown username and a wrong password', async () => {
    const unknown = await signIn(new Client(t.app), 'whatever password', 'nobody-here');
    const wrong = await signIn(new Client(t.app), 'not the password at all');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
  });

  it('locks the account after 5 failures in a row, audits it, and releases it after 15 minutes', async () => {
    for (let i = 0; i < 4; i++) expect((await signIn(new Client(t.app), 'wrong password ' + i)).statusCode).toBe(401);
    expect((await signIn(new Client(t.app))).statusCode).toBe(200); // 4 failures then success: not locked, counter reset
    for (let i = 0; i < 5; i++) await signIn(new Client(t.app), 'wrong password ' + i);
    const locked = await signIn(new Client(t.app));
    expect(locked.statusCode).toBe(401);
    const actions = (await t.ctx.audit.forPatient(user.patientId)).map((e) => e.action);
    expect(actions).toContain('auth.account.locked');
    expect(actions).toContain('auth.signin.refused_locked');
    t.clock.advance(14 * 60_000 + 59_000);
    expect((await signIn(new Client(t.app))).statusCode).toBe(401);
    t.clock.advance(1_000);
    expect((await signIn(new Client(t.app))).statusCode).toBe(200);
  });

  it('limits failed sign-ins per address, whatever the username', async () => {
    for (let i = 0; i < 30; i++) await signIn(new Client(t.app), 'x wrong password', `user-${i}`);
    const res = await signIn(new Client(t.app));
    expect(res.statusCode).toBe(429);
    expect(res.json().error.code).toBe('rate_limited');
  });

  it('refuses a state-changing request without the CSRF token, and one from another origin', async () => {
    const noToken = await user.client.post('/api/auth/signout-everywhere', {}, { csrf: false });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error.code).toBe('csrf_token');
    const cookie = [...user.client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const foreign = await t.app.inject({
      method: 'POST',
      url: '/api/auth/signout',
      headers: { cookie, origin: 'https://evil.example', 'x-csrf-token': user.client.csrf! },
      payload: {},
    });
    expect(foreign.statusCode).toBe(403);
    expect((await user.client.get('/api/account/profile')).statusCode).toBe(200); // still signed in
  });

  it('refuses a form post (not JSON) to sign-in: no login CSRF', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/signin',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `username=${user.username}&password=x`,
    });
    expect([403, 415]).toContain(res.statusCode);
  });

  it('gives a new session id at sign-in: the one from before is useless after it', async () => {
    const c = new Client(t.app);
    expect((await signIn(c)).statusCode).toBe(200);
    const before = c.cookies.get('lantern')!;
    expect((await signIn(c)).statusCode).toBe(200);
    const after = c.cookies.get('lantern')!;
    expect(after).not.toBe(before);
    const old = await t.app.inject({
      method: 'GET',
      url: '/api/account/profile',
      headers: { cookie: `lantern=${before}` },
    });
    expect(old.statusCode).toBe(401);
  });

  it('signs out after 15 minutes without activity; session polling does not count; keep-alive does', async () => {
    const c = user.client;
    t.clock.advance(14 * 60_000);
    expect((await c.get('/api/session')).statusCode).toBe(200); // polling, not activity
    const kept = await c.post('/api/session/keep-alive');
    expect(kept.statusCode).toBe(200);
    expect(kept.json().idleExpiresAt).toBe(new Date(t.clock.now().getTime() + 15 * 60_000).toISOString());
    t.clock.advance(14 * 60_000 + 59_000);
    expect((await c.get('/api/account/profile')).statusCode).toBe(200); // activity at 14:59 after keep-alive
    t.clock.advance(15 * 60_000);
    const expired = await c.get('/api/account/profile');
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe('not_signed_in');
  });

  it('ends a session after its absolute lifetime even with constant activity', async () => {
    const c = user.client;
    for (let i = 0; i < 12 * 6; i++) {
      t.clock.advance(10 * 60_000);
      const res = await c.get('/api/account/profile');
      if (res.statusCode !== 200) {
        expect(i).toBe(12 * 6 - 1);
        return;
      }
    }
    throw new Error('the session outlived its absolute lifetime');
  });

  it('signs out everywhere', async () => {
    const other = new Client(t.app);
    await signIn(other);
    expect((await user.client.post('/api/auth/signout-everywhere')).statusCode).toBe(204);
    expect((await other.get('/api/account/profile')).statusCode).toBe(401);
    expect((await user.client.get('/api/account/profile')).statusCode).toBe(401);
  });

  it('rings the bell for a sign-in from a new device or browser only, not again from the same one', async () => {
    const signInNotices = async () =>
      ((await user.client.get('/api/account/notifications')).json() as NotificationInbox).items.filter(
        (n) => n.type === 'security.new_sign_in',
      ).length;
    // The browser the account was made in is known: signing in there again is not news.
    expect((await signIn(user.client)).statusCode).toBe(200);
    expect(await signInNotices()).toBe(0);

    const laptop = new Client(t.app);
    expect((await signIn(laptop)).statusCode).toBe(200);
    expect(await signInNotices()).toBe(1);
    // The second sign-in from that laptop (it keeps its device cookie, as a browser does) adds nothing.
    await laptop.post('/api/auth/signout');
    expect((await signIn(laptop)).statusCode).toBe(200);
    expect(await signInNotices()).toBe(1);

    // Another browser (no device cookie) is new again.
    expect((await signIn(new Client(t.app))).statusCode).toBe(200);
    expect(await signInNotices()).toBe(2);
  });

  it('keeps patient and staff sessions apart', async () => {
    const cookie = [...user.client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const asStaff = await t.app.inject({
      method: 'GET',
      url: '/api/staff/session',
      headers: { cookie: cookie.replace(/^lantern=/, 'lantern_staff=') },
    });
    expect(asStaff.statusCode).toBe(401);
    expect(
      (await user.client.post('/api/staff/auth/signin', { username: user.username, password: user.password }))
        .statusCode,
    ).toBe(401);
  });
});

describe('2-step verification', () => {
  let t: TestApp;
  let user: Awaited<ReturnType<typeof signUpPatient>>;
  beforeEach(async () => {
    t = await startTestApp({ now: '2026-11-24T15:00:00.000Z' });
    user = await signUpPatient(t.app, t.ctx);
  });
  afterEach(async () => t.close());

  async function enrol(): Promise<{ secret: string; recoveryCodes: string[] }> {
    expect(
      (await user.client.post('/api/account/two-step/setup', { password: 'wrong password here' })).json().error.field,
    ).toBe('password');
    const setup = await user.client.post('/api/account/two-step/setup', { password: user.password });
    expect(setup.statusCode).toBe(200);
    const { secret, qrCodeDataUrl, uri } = setup.json();
    expect(qrCodeDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    const confirm = await user.client.post('/api/account/two-step/confirm', {
      code: currentTotp(secret, t.clock.now()),
    });
    expect(confirm.statusCode).toBe(200);
    return { secret, recoveryCodes: confirm.json().recoveryCodes };
  }

  it('asks for the app code at sign-in once enrolled; the code works once', async () => {
    const { secret, recoveryCodes } = await enrol();
    expect(recoveryCodes).toHaveLength(10);
    t.clock.advance(60_000);
    const c = new Client(t.app);
    const first = await c.post('/api/auth/signin', { username: user.username, password: user.password });
    expect(first.json()).toMatchObject({ stage: 'second_factor', mustEnrolSecondFactor: false });
    expect((await c.get('/api/account/profile')).statusCode).toBe(401); // not yet
    const code = currentTotp(secret, t.clock.now());
    expect(
      (await c.post('/api/auth/second-factor', { code: '000000' === code ? '111111' : '000000' })).statusCode,
    ).toBe(400);
    const ok = await c.post('/api/auth/second-factor', { code });
    expect(ok.json().stage).toBe('full');
    expect((await c.get('/api/account/profile')).statusCode).toBe(200);
    // The same code again (a replay) is refused.
    const c2 = new Client(t.app);
    await c2.post('/api/auth/signin', { username: user.username, password: user.password });
    expect((await c2.post('/api/auth/second-factor', { code })).statusCode).toBe(400);
  });

  it('accepts each recovery code once', async () => {
    const { recoveryCodes } = await enrol();
    const use = async () => {
      const c = new Client(t.app);
      await c.post('/api/auth/signin', { username: user.username, password: user.password });
      return c.post('/api/auth/second-factor', { recoveryCode: recoveryCodes[0] });
    };
    expect((await use()).statusCode).toBe(200);
    expect((await use()).statusCode).toBe(400);
  });

  it('can be turned off by a patient with the password', async () => {
    await enrol();
    expect((await user.client.post('/api/account/two-step/disable', { password: user.password })).statusCode).toBe(204);
    const c = new Client(t.app);
    expect((await c.post('/api/auth/signin', { username: user.username, password: user.password })).json().stage).toBe(
      'full',
    );
  });
});
