import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { signUpPatient } from '../../../test/helpers/identity-factories.ts';

describe('text no engine can store', () => {
  let t: TestApp;
  let user: Awaited<ReturnType<typeof signUpPatient>>;
  beforeAll(async () => {
    t = await startTestApp();
    user = await signUpPatient(t.app, t.ctx);
  });
  afterAll(async () => t.close());

  it('refuses a NUL character or a lone surrogate with a 400 naming the field, anonymously and signed in', async () => {
    const signin = await t.app.inject({
      method: 'POST',
      url: '/api/auth/signin',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":"a\\u0000b","password":"whatever it is"}',
    });
    expect(signin.statusCode).toBe(400);
    expect(signin.json().error.field).toBe('username');
    const reminder = await t.app.inject({
      method: 'POST',
      url: '/api/auth/forgot-username',
      headers: { 'content-type': 'application/json' },
      payload: '{"contact":"me\\ud800@example.org"}',
    });
    expect(reminder.json().error).toMatchObject({ code: 'validation_failed', field: 'contact' });
    const search = await user.client.get(`/api/patients/${user.patientId}/messages?q=a%00b`);
    expect(search.statusCode).toBe(400);
    expect(search.json().error.field).toBe('query.q');
  });

  it('keeps well-formed text with emoji and accents as it was sent', async () => {
    const res = await user.client.post('/api/account/contact', {
      password: user.password,
      address: '12 Rue de l’Église 🏠',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().address).toBe('12 Rue de l’Église 🏠');
  });
});
