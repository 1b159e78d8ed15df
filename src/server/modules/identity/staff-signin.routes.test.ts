import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { Client, currentTotp } from '../../../../test/helpers/identity-factories.ts';
import { identityDeps } from './identity.deps.ts';
import { StaffAccountsService } from './staff-accounts.service.ts';

describe('staff sign-in', () => {
  let t: TestApp;
  let password: string;
  beforeEach(async () => {
    t = await startTestApp({ now: '2026-11-24T15:00:00.000Z' });
    ({ initialPassword: password } = await new StaffAccountsService(identityDeps(t.ctx)).create(
      { type: 'system', id: null },
      { username: 'nurse.nia', displayName: 'Nia Nurse', role: 'nurse' },
    ));
  });
  afterEach(async () => t.close());

  it('must enrol 2-step verification before anything else, then gets a new full session', async () => {
    const c = new Client(t.app);
    const first = await c.post('/api/staff/auth/signin', { username: 'nurse.nia', password });
    expect(first.json()).toMatchObject({ realm: 'staff', stage: 'second_factor', mustEnrolSecondFactor: true });
    const waitingCookie = c.cookies.get('lantern_staff');
    expect((await c.post('/api/staff/auth/signout-everywhere')).statusCode).toBe(401); // nothing but enrolment yet
    const setup = await c.post('/api/staff/account/two-step/setup', { password });
    expect(setup.statusCode).toBe(200);
    const confirm = await c.post('/api/staff/account/two-step/confirm', {
      code: currentTotp(setup.json().secret, t.clock.now()),
    });
    expect(confirm.statusCode).toBe(200);
    expect(confirm.json().session).toMatchObject({
      stage: 'full',
      account: { staffRole: 'nurse', twoStepEnabled: true },
    });
    expect(c.cookies.get('lantern_staff')).not.toBe(waitingCookie);
    const session = (await c.get('/api/staff/session')).json();
    expect(session.stage).toBe('full');
    // What the nurse may do, as the policy table says: decide refills and read the chart, never manage staff or
    // issue activation codes (the staff pages show and hide by these).
    expect(session.account.staffPermissions).toEqual(expect.arrayContaining(['refill.decide', 'chart.read']));
    expect(session.account.staffPermissions).not.toContain('staff.manage');
    expect(session.account.staffPermissions).not.toContain('activation_code.issue');
  });

  it('cannot turn 2-step off', async () => {
    const res = await new Client(t.app).post('/api/account/two-step/disable', { password });
    expect(res.statusCode).toBe(401); // a staff member has no patient session
  });

  it('refuses staff-only staff routes to a staff session of the wrong realm cookie', async () => {
    const c = new Client(t.app);
    await c.post('/api/staff/auth/signin', { username: 'nurse.nia', password });
    const asPatient = await t.app.inject({
      method: 'GET',
      url: '/api/session',
      headers: { cookie: `lantern=${c.cookies.get('lantern_staff')}` },
    });
    expect(asPatient.statusCode).toBe(401);
  });
});
