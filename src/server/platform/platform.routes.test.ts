import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { testEngine } from '../../../test/helpers/test-db.ts';

describe('platform routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  it('reports health with the engine in use', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: testEngine() });
  });

  it('serves the organisation facts from the tenant file', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/public/config' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const { tenant } = t.ctx.config;
    expect(body.organisationName).toBe(tenant.organisation.name);
    expect(body.contacts.healthInformationManagement).toMatchObject({
      phone: tenant.contacts.healthInformationManagement.phone,
      phoneOption: tenant.contacts.healthInformationManagement.phoneOption,
    });
  });

  it('answers an unknown route with the one error shape', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'not_found', message: 'The requested item was not found.' } });
  });

  it('sends strict security headers and no-store on API replies', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toContain('max-age=31536000');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('answers malformed JSON with a 400 in the error shape, never a stack trace', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/health',
      headers: { 'content-type': 'application/json' },
      payload: '{bad',
    });
    expect([400, 404]).toContain(res.statusCode);
    expect(res.json().error.code).toBeTypeOf('string');
    expect(res.body).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe('framework-level refusals', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  it('answers a malformed URL with the one error shape', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/%E0%A4%A' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: { code: 'bad_request', message: 'The request could not be understood.' } });
  });
});

describe('unknown API paths', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  it('answer 404 for every method, not a refusal that would reveal routing', async () => {
    for (const method of ['GET', 'POST', 'DELETE'] as const) {
      const res = await t.app.inject({ method, url: '/api/patients/00000000-0000-0000-0000-000000000000/secrets' });
      expect(res.statusCode, method).toBe(404);
    }
  });
});
