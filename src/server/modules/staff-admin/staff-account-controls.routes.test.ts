import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Client, createStaff, currentTotp } from '../../../../test/helpers/identity-factories.ts';
import { startTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import type { StaffRole } from '../../db/schema.ts';
import { identityDeps } from '../identity/identity.deps.ts';
import { StaffAccountControlsService } from '../identity/staff-account-controls.service.ts';
import { StaffAccountsService } from '../identity/staff-accounts.service.ts';

/** The one message every failed sign-in gets (signin.service.ts): a disabled account is told nothing more. */
const WRONG_CREDENTIALS = /^That username and password did not work\./;

describe('admins manage staff accounts', () => {
  let t: TestApp;
  let admin: Client;
  let adminId: string;

  beforeEach(async () => {
    t = await startTestApp({ now: '2026-11-24T15:00:00.000Z' });
    const s = await createStaff(t.ctx, 'admin', 'the-admin');
    adminId = s.accountId;
    admin = signedIn(s);
  });
  afterEach(async () => t.close());

  function signedIn(s: { cookie: string; csrf: string }): Client {
    const c = new Client(t.app);
    c.cookies.set('lantern_staff', s.cookie.split('=')[1]!);
    c.csrf = s.csrf;
    return c;
  }

  /** A colleague who has enrolled an authenticator, signed in through the real routes. */
  async function enrolledColleague(role: StaffRole = 'front_desk', username = 'dana.desk') {
    const { initialPassword: password, accountId } = await new StaffAccountsService(identityDeps(t.ctx)).create(
      { type: 'system', id: null },
      { username, displayName: 'Dana Desk', role },
    );
    const c = new Client(t.app);
    await c.post('/api/staff/auth/signin', { username, password });
    const secret: string = (await c.post('/api/staff/account/two-step/setup', { password })).json().secret;
    const confirm = await c.post('/api/staff/account/two-step/confirm', { code: currentTotp(secret, t.clock.now()) });
    expect(confirm.statusCode).toBe(200);
    t.clock.advance(30_000); // a code's time step works once
    return { accountId, username, password, secret, recoveryCodes: confirm.json().recoveryCodes as string[], c };
  }

  async function auditRows(accountId: string, action: string) {
    return t.ctx.db.kysely
      .selectFrom('audit_event')
      .selectAll()
      .where('subject_id', '=', accountId)
      .where('action', '=', action)
      .execute();
  }

  it('resets a password: a one-time password once, the old one and open sessions stop working, audited', async () => {
    const dana = await enrolledColleague();
    const res = await admin.post(`/api/staff/admin/accounts/${dana.accountId}/reset-password`);
    expect(res.statusCode).toBe(200);
    const { oneTimePassword, expiresAt, account } = res.json();
    expect(oneTimePassword).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/);
    expect(Date.parse(expiresAt) - t.clock.now().getTime()).toBe(72 * 3_600_000);
    expect(account).toMatchObject({ username: 'dana.desk', mustChangePassword: true, status: 'active' });
    const stored = await t.ctx.db.kysely
      .selectFrom('account')
      .select('password_hash')
      .where('id', '=', dana.accountId)
      .executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^\$argon2id\$/);
    expect(stored.password_hash).not.toContain(oneTimePassword);
    expect(JSON.stringify((await admin.get('/api/staff/admin/accounts')).json())).not.toContain(oneTimePassword);

    expect((await dana.c.get('/api/staff/session')).statusCode).toBe(401);
    const old = await new Client(t.app).post('/api/staff/auth/signin', {
      username: 'dana.desk',
      password: dana.password,
    });
    expect(old.statusCode).toBe(401);
    const [row] = await auditRows(dana.accountId, 'staff.account.password_reset');
    expect(row).toMatchObject({ actor_type: 'staff', actor_id: adminId, outcome: 'success' });
    expect(row!.detail ?? '').not.toContain(oneTimePassword);
  });

  it('lets a one-time password do nothing but choose a new password, through the password policy', async () => {
    const dana = await enrolledColleague();
    const { oneTimePassword } = (await admin.post(`/api/staff/admin/accounts/${dana.accountId}/reset-password`)).json();
    const c = new Client(t.app);
    expect(
      (await c.post('/api/staff/auth/signin', { username: 'dana.desk', password: oneTimePassword })).json(),
    ).toMatchObject({ stage: 'second_factor', mustEnrolSecondFactor: false });
    const full = await c.post('/api/staff/auth/second-factor', { code: currentTotp(dana.secret, t.clock.now()) });
    expect(full.json()).toMatchObject({ stage: 'full', mustChangePassword: true });

    const refused = await c.get('/api/staff/work-items');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('password_change_required');
    expect((await c.post('/api/staff/auth/signout-everywhere')).statusCode).toBe(403);
    expect((await c.get('/api/staff/session')).json().mustChangePassword).toBe(true);

    const weak = await c.post('/api/staff/account/password', {
      currentPassword: oneTimePassword,
      newPassword: 'password1234',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.field).toBe('newPassword');
    const changed = await c.post('/api/staff/account/password', {
      currentPassword: oneTimePassword,
      newPassword: 'lantern harbour teacup',
    });
    expect(changed.statusCode).toBe(204);
    expect((await c.get('/api/staff/session')).json().mustChangePassword).toBe(false);
    expect((await c.get('/api/staff/work-items')).statusCode).toBe(200);
    const again = await new Client(t.app).post('/api/staff/auth/signin', {
      username: 'dana.desk',
      password: oneTimePassword,
    });
    expect(again.statusCode).toBe(401);
    expect((await admin.get('/api/staff/admin/accounts')).json().accounts).toEqual(
      expect.arrayContaining([expect.objectContaining({ username: 'dana.desk', mustChangePassword: false })]),
    );
  });

  it('refuses a one-time password 72 hours after the reset, with the wrong-credentials message', async () => {
    const dana = await enrolledColleague();
    const { oneTimePassword } = (await admin.post(`/api/staff/admin/accounts/${dana.accountId}/reset-password`)).json();
    t.clock.advance(72 * 3_600_000 - 1_000);
    const justInTime = await new Client(t.app).post('/api/staff/auth/signin', {
      username: 'dana.desk',
      password: oneTimePassword,
    });
    expect(justInTime.statusCode).toBe(200);
    t.clock.advance(1_000);
    const late = await new Client(t.app).post('/api/staff/auth/signin', {
      username: 'dana.desk',
      password: oneTimePassword,
    });
    expect(late.statusCode).toBe(401);
    expect(late.json().error.message).toMatch(WRONG_CREDENTIALS);
    expect(await auditRowsByActor(dana.accountId, 'auth.signin.refused_password_expired')).toHaveLength(1);
  });

  async function auditRowsByActor(accountId: string, action: string) {
    return t.ctx.db.kysely
      .selectFrom('audit_event')
      .selectAll()
      .where('actor_id', '=', accountId)
      .where('action', '=', action)
      .execute();
  }

  it('resets 2-step: the old app codes and recovery codes stop working and enrolment comes first', async () => {
    const dana = await enrolledColleague();
    const res = await admin.post(`/api/staff/admin/accounts/${dana.accountId}/reset-two-step`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ username: 'dana.desk', twoStepEnabled: false });
    expect(await auditRows(dana.accountId, 'staff.account.two_step_reset')).toHaveLength(1);
    expect((await dana.c.get('/api/staff/session')).statusCode).toBe(401);

    const c = new Client(t.app);
    const first = await c.post('/api/staff/auth/signin', { username: 'dana.desk', password: dana.password });
    expect(first.json()).toMatchObject({ stage: 'second_factor', mustEnrolSecondFactor: true });
    const oldCode = await c.post('/api/staff/auth/second-factor', { code: currentTotp(dana.secret, t.clock.now()) });
    expect(oldCode.statusCode).not.toBe(200);
    const oldRecovery = await c.post('/api/staff/auth/second-factor', { recoveryCode: dana.recoveryCodes[0] });
    expect(oldRecovery.statusCode).not.toBe(200);
    expect((await c.get('/api/staff/work-items')).statusCode).toBe(401);
    const recoveryRows = await t.ctx.db.kysely
      .selectFrom('recovery_code')
      .select('account_id')
      .where('account_id', '=', dana.accountId)
      .execute();
    expect(recoveryRows).toHaveLength(0);

    const setup = await c.post('/api/staff/account/two-step/setup', { password: dana.password });
    expect(setup.json().secret).not.toBe(dana.secret);
    const confirm = await c.post('/api/staff/account/two-step/confirm', {
      code: currentTotp(setup.json().secret, t.clock.now()),
    });
    expect(confirm.json().session).toMatchObject({ stage: 'full', account: { twoStepEnabled: true } });
    expect((await c.get('/api/staff/work-items')).statusCode).toBe(200);
  });

  it('disables an account: its open session is refused on its next request and it cannot sign in; enable restores it', async () => {
    const dana = await enrolledColleague();
    expect((await dana.c.get('/api/staff/work-items')).statusCode).toBe(200);
    const res = await admin.post(`/api/staff/admin/accounts/${dana.accountId}/disable`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'disabled' });
    const next = await dana.c.get('/api/staff/work-items');
    expect(next.statusCode).toBe(401);
    expect(next.json().error.code).toBe('not_signed_in');

    const wrong = await new Client(t.app).post('/api/staff/auth/signin', {
      username: 'dana.desk',
      password: 'not it at all',
    });
    const disabled = await new Client(t.app).post('/api/staff/auth/signin', {
      username: 'dana.desk',
      password: dana.password,
    });
    expect(disabled.statusCode).toBe(401);
    expect(disabled.json()).toEqual(wrong.json());
    expect(disabled.json().error.message).toMatch(WRONG_CREDENTIALS);
    expect(await auditRows(dana.accountId, 'staff.account.disabled')).toMatchObject([{ actor_id: adminId }]);

    const enabled = await admin.post(`/api/staff/admin/accounts/${dana.accountId}/enable`);
    expect(enabled.json()).toMatchObject({ status: 'active' });
    expect(await auditRows(dana.accountId, 'staff.account.enabled')).toHaveLength(1);
    const c = new Client(t.app);
    await c.post('/api/staff/auth/signin', { username: 'dana.desk', password: dana.password });
    const full = await c.post('/api/staff/auth/second-factor', { code: currentTotp(dana.secret, t.clock.now()) });
    expect(full.json()).toMatchObject({ stage: 'full' });
  });

  it('does not let an admin act on their own account, nor anyone disable the last enabled admin', async () => {
    for (const act of ['disable', 'reset-password', 'reset-two-step']) {
      const own = await admin.post(`/api/staff/admin/accounts/${adminId}/${act}`);
      expect(own.statusCode).toBe(409);
      expect(own.json().error.code).toBe('own_account');
    }
    const controls = new StaffAccountControlsService(identityDeps(t.ctx));
    const cli = { type: 'system', id: null, role: 'cli' } as const;
    await expect(controls.disable(cli, adminId)).rejects.toMatchObject({ code: 'last_admin' });
    expect((await admin.get('/api/staff/admin/accounts')).statusCode).toBe(200);

    const second = await createStaff(t.ctx, 'admin', 'second-admin');
    expect((await admin.post(`/api/staff/admin/accounts/${second.accountId}/disable`)).statusCode).toBe(200);
    await expect(controls.disable(cli, adminId)).rejects.toMatchObject({ code: 'last_admin' });
    expect((await admin.post(`/api/staff/admin/accounts/${second.accountId}/enable`)).statusCode).toBe(200);
    await controls.disable(cli, adminId); // another admin is enabled again
    expect((await admin.get('/api/staff/admin/accounts')).statusCode).toBe(401);
  });

  it('of two admins disabling each other at the same moment, one wins and an enabled admin remains', async () => {
    const second = await createStaff(t.ctx, 'admin', 'second-admin');
    const other = signedIn(second);
    const [a, b] = await Promise.all([
      admin.post(`/api/staff/admin/accounts/${second.accountId}/disable`),
      other.post(`/api/staff/admin/accounts/${adminId}/disable`),
    ]);
    expect([a.statusCode, b.statusCode].filter((s) => s === 200)).toHaveLength(1);
    const enabledAdmins = await t.ctx.db.kysely
      .selectFrom('account')
      .select('id')
      .where('staff_role', '=', 'admin')
      .where('status', '=', 'active')
      .execute();
    expect(enabledAdmins).toHaveLength(1);
  });

  it('is for admins only, and names an unknown account', async () => {
    const dana = await enrolledColleague();
    const desk = signedIn(await createStaff(t.ctx, 'front_desk'));
    for (const act of ['reset-password', 'reset-two-step', 'disable', 'enable']) {
      const res = await desk.post(`/api/staff/admin/accounts/${dana.accountId}/${act}`);
      expect(res.statusCode).toBe(403);
    }
    expect(await auditRows(dana.accountId, 'staff.account.disabled')).toHaveLength(0);
    expect((await dana.c.get('/api/staff/work-items')).statusCode).toBe(200);
    expect((await admin.post('/api/staff/admin/accounts/no-such-account/disable')).statusCode).toBe(404);
  });
});
