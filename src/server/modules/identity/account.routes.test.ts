import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../../test/helpers/test-app.ts';
import { Client, signUpPatient } from '../../../../test/helpers/identity-factories.ts';
import { startMailingApp, type MailingApp } from '../../../../test/helpers/mailing-app.ts';
import type { SmtpSink } from '../../../../test/helpers/smtp-sink.ts';

describe('account: contact details, password, recovery, activity', () => {
  let mailing: MailingApp;
  let t: TestApp;
  let sink: SmtpSink;
  let user: Awaited<ReturnType<typeof signUpPatient>>;
  const lastCode = () => mailing.lastCode();

  beforeEach(async () => {
    mailing = await startMailingApp('2026-11-24T15:00:00.000Z');
    ({ t, sink } = mailing);
    user = await signUpPatient(t.app, t.ctx);
  });
  afterEach(async () => mailing.close());

  it('asks for the password before changing contact details, and verifies a new email with a code', async () => {
    expect(
      (
        await user.client.post('/api/account/contact', { password: 'not my password', email: 'louis@example.org' })
      ).json().error.field,
    ).toBe('password');
    const changed = await user.client.post('/api/account/contact', {
      password: user.password,
      email: 'louis@example.org',
      address: '1 Main St, Louisville KY',
    });
    expect(changed.json()).toMatchObject({
      email: 'louis@example.org',
      emailVerified: false,
      address: '1 Main St, Louisville KY',
    });
    const code = await lastCode();
    expect(sink.messages.at(-1)!.raw).toContain('louis@example.org');
    expect(
      (
        await user.client.post('/api/account/contact/verify', {
          channel: 'email',
          code: code === '123456' ? '654321' : '123456',
        })
      ).statusCode,
    ).toBe(400);
    const verified = await user.client.post('/api/account/contact/verify', { channel: 'email', code });
    expect(verified.json()).toMatchObject({ emailVerified: true });
  });

  it('refuses a verification code after 15 minutes', async () => {
    await user.client.post('/api/account/contact', { password: user.password, email: 'louis@example.org' });
    const code = await lastCode();
    t.clock.advance(14 * 60_000 + 59_000);
    await user.client.post('/api/session/keep-alive'); // stay signed in; the code itself has 1 s left
    t.clock.advance(1_000);
    const res = await user.client.post('/api/account/contact/verify', { channel: 'email', code });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'one_time_code_invalid', field: 'code' });
  });

  it('resets a forgotten password through the verified email, ending every session', async () => {
    await user.client.post('/api/account/contact', { password: user.password, email: 'louis@example.org' });
    await user.client.post('/api/account/contact/verify', { channel: 'email', code: await lastCode() });
    const anon = new Client(t.app);
    expect((await anon.post('/api/auth/forgot-password', { username: 'nobody-at-all' })).statusCode).toBe(202);
    expect((await anon.post('/api/auth/forgot-password', { username: user.username })).statusCode).toBe(202);
    const code = await lastCode();
    expect(sink.messages.at(-1)!.raw).not.toMatch(/Maggio|diagnos|result/i);
    const newPassword = 'amber meadow telescope';
    expect(
      (
        await anon.post('/api/auth/reset-password', { username: user.username, code, newPassword: 'password1234' })
      ).json().error.field,
    ).toBe('newPassword');
    expect(
      (await anon.post('/api/auth/reset-password', { username: user.username, code, newPassword })).statusCode,
    ).toBe(204);
    expect((await user.client.get('/api/account/profile')).statusCode).toBe(401);
    expect(
      (await new Client(t.app).post('/api/auth/signin', { username: user.username, password: newPassword })).statusCode,
    ).toBe(200);
  });

  it('sends the username to a verified email, and the same answer for an unknown one', async () => {
    await user.client.post('/api/account/contact', { password: user.password, email: 'louis@example.org' });
    await user.client.post('/api/account/contact/verify', { channel: 'email', code: await lastCode() });
    const before = sink.messages.length;
    expect(
      (await new Client(t.app).post('/api/auth/forgot-username', { contact: 'stranger@example.org' })).statusCode,
    ).toBe(202);
    expect(
      (await new Client(t.app).post('/api/auth/forgot-username', { contact: 'louis@example.org' })).statusCode,
    ).toBe(202);
    await mailing.deliver();
    expect(sink.messages.length).toBe(before + 1);
    expect(sink.messages.at(-1)!.raw).toContain(user.username);
  });

  it('changes the password with the current one, ending the other sessions but not this one', async () => {
    const other = new Client(t.app);
    await other.post('/api/auth/signin', { username: user.username, password: user.password });
    expect(
      (
        await user.client.post('/api/account/password', {
          currentPassword: 'wrong one here',
          newPassword: 'amber meadow telescope',
        })
      ).json().error.field,
    ).toBe('currentPassword');
    expect(
      (
        await user.client.post('/api/account/password', {
          currentPassword: user.password,
          newPassword: 'amber meadow telescope',
        })
      ).statusCode,
    ).toBe(204);
    expect((await other.get('/api/account/profile')).statusCode).toBe(401);
    expect((await user.client.get('/api/account/profile')).statusCode).toBe(200);
  });

  it('lists recent sign-ins and security changes on the activity page', async () => {
    await new Client(t.app).post('/api/auth/signin', { username: user.username, password: 'wrong password x' });
    await user.client.post('/api/account/password', {
      currentPassword: user.password,
      newPassword: 'amber meadow telescope',
    });
    const items = (await user.client.get('/api/account/activity')).json() as { action: string; outcome: string }[];
    expect(items.map((i) => i.action)).toEqual(
      expect.arrayContaining(['auth.signin.success', 'auth.signin.failed', 'account.password.changed']),
    );
    expect(items.find((i) => i.action === 'auth.signin.failed')!.outcome).toBe('failure');
  });
});
