import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import {
  Client,
  createStaff,
  importPatient,
  issueActivationCode,
} from '../../../../test/helpers/identity-factories.ts';

const PASSWORD = 'violet harbour lantern';

describe('sign-up with an activation code', () => {
  let t: TestApp;
  let patientId: string;
  let birthDate: string;
  let code: string;

  beforeEach(async () => {
    t = await startTestApp({ now: '2026-11-24T15:00:00.000Z' }); // 10:00 Eastern time: the visit is on 2026-11-24
    ({ patientId, birthDate } = await importPatient(t.ctx, 'Louis_Maggio'));
    const desk = await createStaff(t.ctx, 'front_desk');
    code = await issueActivationCode(t.ctx, desk.session, patientId);
  });
  afterEach(async () => t.close());

  const signUp = (client: Client, overrides: Record<string, unknown> = {}) =>
    client.post('/api/auth/signup', {
      activationCode: code,
      dateOfBirth: birthDate,
      username: 'lmaggio',
      password: PASSWORD,
      ...overrides,
    });

  it('creates the account, signs the patient in and audits it', async () => {
    const c = new Client(t.app);
    const res = await signUp(c, { activationCode: code.toLowerCase().replace(/-/g, ' ') });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      realm: 'patient',
      stage: 'full',
      account: { username: 'lmaggio', patientId, twoStepEnabled: false },
    });
    const cookie = res.cookies.find((k) => k.name === 'lantern')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect((await c.get('/api/account/profile')).json()).toMatchObject({
      username: 'lmaggio',
      displayName: 'Louis Maggio',
    });
    const events = await t.ctx.audit.forPatient(patientId);
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining(['identity.activation_code.issued', 'identity.account.created']),
    );
  });

  it('accepts the code on day 45 after the visit (last minute, local time)', async () => {
    t.clock.set('2027-01-09T04:59:00.000Z'); // 2027-01-08 23:59 Eastern time = visit + 45 days
    expect((await signUp(new Client(t.app))).statusCode).toBe(200);
  });

  it('refuses the code on day 46 after the visit', async () => {
    t.clock.set('2027-01-09T05:00:00.000Z'); // 2027-01-09 00:00 Eastern time
    const res = await signUp(new Client(t.app));
    expect(res.statusCode).toBe(410);
    expect(res.json().error).toMatchObject({ code: 'activation_code_expired', field: 'activationCode' });
  });

  it('refuses a code that was already used', async () => {
    expect((await signUp(new Client(t.app))).statusCode).toBe(200);
    const again = await signUp(new Client(t.app), { username: 'someone-else' });
    expect(again.statusCode).toBe(410);
    expect(again.json().error.code).toBe('activation_code_used');
  });

  it('refuses a wrong birth date with the same answer as a wrong code', async () => {
    const wrongDob = await signUp(new Client(t.app), { dateOfBirth: '1999-01-01' });
    const wrongCode = await signUp(new Client(t.app), { activationCode: 'AAAAA-BBBBB-CCCCC' });
    expect(wrongDob.statusCode).toBe(400);
    expect(wrongDob.json()).toEqual(wrongCode.json());
  });

  it('refuses a second account for the same patient', async () => {
    expect((await signUp(new Client(t.app))).statusCode).toBe(200);
    const desk = await createStaff(t.ctx, 'front_desk');
    await expect(issueActivationCode(t.ctx, desk.session, patientId)).rejects.toMatchObject({ code: 'account_exists' });
    // Even a code that slipped through (issued before) cannot make a second account: the unique index decides.
    await t.ctx.db.kysely
      .insertInto('activation_code')
      .values({
        id: 'x2',
        code_hash: 'h',
        patient_id: patientId,
        encounter_id: null,
        visit_date: '2026-11-24',
        expires_at: '2027-01-01T00:00:00.000Z',
        issued_by: desk.accountId,
        issued_at: '2026-11-24T00:00:00.000Z',
        used_at: null,
        used_by: null,
        revoked_at: null,
      })
      .execute();
    const { sha256, normaliseCode } = await import('../../platform/crypto.ts');
    await t.ctx.db.kysely
      .updateTable('activation_code')
      .set({ code_hash: sha256(normaliseCode('ZZZZZ-ZZZZZ-ZZZZZ')) })
      .where('id', '=', 'x2')
      .execute();
    const second = await signUp(new Client(t.app), { activationCode: 'ZZZZZ-ZZZZZ-ZZZZZ', username: 'spouse' });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('account_exists');
  });

  it('refuses a common password, naming the field', async () => {
    const res = await signUp(new Client(t.app), { password: 'password1234' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ field: 'password' });
    expect(res.json().error.message).toMatch(/too common/);
  });

  it('refuses a password with the patient’s own name, and a short one', async () => {
    expect((await signUp(new Client(t.app), { password: 'louis and his garden' })).json().error.field).toBe('password');
    expect((await signUp(new Client(t.app), { password: 'short pass' })).json().error.message).toMatch(/at least 12/);
  });

  it('accepts a 64+ character passphrase with spaces and symbols, and signs in with exactly it', async () => {
    const long = 'the quiet river ~ runs under the old stone bridge, past 7 willows & 1 heron';
    expect((await signUp(new Client(t.app), { password: long })).statusCode).toBe(200);
    expect((await new Client(t.app).post('/api/auth/signin', { username: 'lmaggio', password: long })).statusCode).toBe(
      200,
    );
    expect(
      (await new Client(t.app).post('/api/auth/signin', { username: 'lmaggio', password: long.slice(0, 64) }))
        .statusCode,
    ).toBe(401);
  });

  it('refuses a taken username, case-insensitively', async () => {
    expect((await signUp(new Client(t.app), { username: 'LMaggio' })).statusCode).toBe(200);
    const other = await importPatient(t.ctx, 'Elsa_Vargas');
    const desk = await createStaff(t.ctx, 'front_desk');
    const code2 = await issueActivationCode(t.ctx, desk.session, other.patientId);
    const res = await new Client(t.app).post('/api/auth/signup', {
      activationCode: code2,
      dateOfBirth: other.birthDate,
      username: 'lmaggio',
      password: PASSWORD,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'username_taken', field: 'username' });
  });

  it('works without an email address', async () => {
    const res = await signUp(new Client(t.app));
    expect(res.statusCode).toBe(200);
    expect(res.json().account).toBeDefined();
  });
});

describe('sign-up of a patient turning 18', () => {
  let t: TestApp;
  afterEach(async () => t.close());

  it('refuses the day before the 18th birthday and accepts on it', async () => {
    t = await startTestApp({ now: '2026-12-20T15:00:00.000Z' });
    const { patientId, birthDate } = await importPatient(t.ctx, 'Erminia_Ondricka');
    expect(birthDate).toBe('2009-01-19');
    const desk = await createStaff(t.ctx, 'front_desk');
    const code = await issueActivationCode(t.ctx, desk.session, patientId); // she is 18 before this code expires
    const body = { activationCode: code, dateOfBirth: birthDate, username: 'erminia', password: PASSWORD };
    t.clock.set('2027-01-19T04:59:00.000Z'); // 2027-01-18 23:59 Eastern time
    const before = await new Client(t.app).post('/api/auth/signup', body);
    expect(before.statusCode).toBe(403);
    expect(before.json().error.code).toBe('patient_is_minor');
    t.clock.set('2027-01-19T05:00:00.000Z'); // her 18th birthday, 00:00 local
    expect((await new Client(t.app).post('/api/auth/signup', body)).statusCode).toBe(200);
  });

  it('does not issue a code to a patient who is still a minor when it would expire', async () => {
    t = await startTestApp({ now: '2026-11-24T15:00:00.000Z' });
    const { patientId } = await importPatient(t.ctx, 'Sherron_Kutch');
    const desk = await createStaff(t.ctx, 'front_desk');
    await expect(issueActivationCode(t.ctx, desk.session, patientId)).rejects.toMatchObject({
      code: 'patient_is_minor',
    });
  });
});

describe('session cookie over HTTPS', () => {
  it('is Secure, HttpOnly, SameSite=Strict and __Host- prefixed', async () => {
    const t = await startTestApp({ now: '2026-11-24T15:00:00.000Z' });
    try {
      t.ctx.config.security.secureCookies = true;
      const { patientId, birthDate } = await importPatient(t.ctx, 'Louis_Maggio');
      const desk = await createStaff(t.ctx, 'front_desk');
      const code = await issueActivationCode(t.ctx, desk.session, patientId);
      const res = await new Client(t.app).post('/api/auth/signup', {
        activationCode: code,
        dateOfBirth: birthDate,
        username: 'lmaggio',
        password: PASSWORD,
      });
      const cookie = res.cookies.find((c) => c.name === '__Host-lantern');
      expect(cookie).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Strict', path: '/' });
      expect(cookie!.value.length).toBeGreaterThanOrEqual(43); // 256 bits, base64url
      expect(cookie).not.toHaveProperty('domain');
    } finally {
      await t.close();
    }
  });
});
