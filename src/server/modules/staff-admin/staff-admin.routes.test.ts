import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createStaff } from '../../../../test/helpers/identity-factories.ts';
import { startTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';

describe('staff admin routes', () => {
  let t: TestApp;
  let admin: Client;
  beforeAll(async () => {
    t = await startTestApp();
    const s = await createStaff(t.ctx, 'admin', 'the-admin');
    admin = new Client(t.app);
    admin.cookies.set('lantern_staff', s.cookie.split('=')[1]!);
    admin.csrf = s.csrf;
  });
  afterAll(async () => t.close());

  it('creates a staff account and returns its generated initial password once', async () => {
    const res = await admin.post('/api/staff/admin/accounts', {
      username: 'Dana.Desk',
      displayName: 'Dana Desk',
      role: 'front_desk',
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.account).toMatchObject({
      username: 'Dana.Desk',
      displayName: 'Dana Desk',
      role: 'front_desk',
      twoStepEnabled: false,
      status: 'active',
    });
    expect(body.initialPassword.length).toBeGreaterThanOrEqual(20);
    const list = (await admin.get('/api/staff/admin/accounts')).json().accounts;
    expect(list.map((a: { username: string }) => a.username)).toEqual(
      expect.arrayContaining(['the-admin', 'Dana.Desk']),
    );
    expect(JSON.stringify(list)).not.toContain(body.initialPassword);
    const signin = await new Client(t.app).post('/api/staff/auth/signin', {
      username: 'dana.desk',
      password: body.initialPassword,
    });
    expect(signin.statusCode).toBe(200);
  });

  it('names the field that is wrong, and refuses a taken username', async () => {
    const noRole = await admin.post('/api/staff/admin/accounts', {
      username: 'someone',
      displayName: 'Some One',
      role: 'janitor',
    });
    expect(noRole.statusCode).toBe(400);
    expect(noRole.json().error.field).toBe('role');
    const taken = await admin.post('/api/staff/admin/accounts', {
      username: 'the-admin',
      displayName: 'Other',
      role: 'nurse',
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.field).toBe('username');
  });

  it('is for admins only', async () => {
    const s = await createStaff(t.ctx, 'front_desk');
    const desk = new Client(t.app);
    desk.cookies.set('lantern_staff', s.cookie.split('=')[1]!);
    desk.csrf = s.csrf;
    expect((await desk.get('/api/staff/admin/accounts')).statusCode).toBe(403);
    expect(
      (await desk.post('/api/staff/admin/accounts', { username: 'x-y-z', displayName: 'X', role: 'admin' })).statusCode,
    ).toBe(403);
  });
});
