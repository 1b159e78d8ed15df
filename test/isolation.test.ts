import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './helpers/test-app.ts';
import { importPatient, signUpPatient, type Client } from './helpers/identity-factories.ts';
import { accountIdOf, grantProxy } from './helpers/proxy-factories.ts';

/**
 * Sweeps EVERY patient-data route the app has registered (app.patientRoutes, filled as routes are added, so routes
 * written later are included automatically): a stranger gets 404, a view-only proxy gets 403 on each write, and a
 * parent whose child turned 18 gets 404.
 */
describe('isolation of patient data across every patient-data route', () => {
  let t: TestApp;
  let owner: Awaited<ReturnType<typeof signUpPatient>>;
  let stranger: Client;
  let viewOnly: Client;
  let parent: Client;
  let childId: string;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-12-01T15:00:00.000Z' });
    owner = await signUpPatient(t.app, t.ctx, 'Louis_Maggio', 'owner');
    stranger = (await signUpPatient(t.app, t.ctx, 'Elsa_Vargas', 'stranger')).client;
    viewOnly = (await signUpPatient(t.app, t.ctx, 'Filiberto_Ryan', 'viewonly')).client;
    parent = (await signUpPatient(t.app, t.ctx, 'Reyna_Ziemann', 'parent')).client;
    ({ patientId: childId } = await importPatient(t.ctx, 'Erminia_Ondricka')); // born 2009-01-19
    await grantProxy(t.ctx, owner.patientId, await accountIdOf(t.ctx, 'viewonly'), 'adult', 'view_only');
    await grantProxy(t.ctx, childId, await accountIdOf(t.ctx, 'parent'), 'minor', 'full');
  });
  afterAll(async () => t.close());

  const routes = () => t.app.patientRoutes;
  const urlFor = (url: string, patientId: string) =>
    url.replace(':patientId', patientId).replace(/:[A-Za-z]+/g, 'some-id');
  const call = (c: Client, method: string, url: string) => (method === 'GET' ? c.get(url) : c.post(url, {}));

  it('finds the patient-data routes to sweep', () => {
    expect(routes().length).toBeGreaterThanOrEqual(5);
    expect(routes().some((r) => r.scope === 'write')).toBe(true);
  });

  it('answers a stranger 404 on every route, as for a patient that does not exist', async () => {
    for (const r of routes()) {
      const res = await call(stranger, r.method, urlFor(r.url, owner.patientId));
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(404);
      const none = await call(stranger, r.method, urlFor(r.url, 'no-such-patient'));
      expect(res.json(), `${r.method} ${r.url}`).toEqual(none.json());
    }
  });

  it('answers a view-only proxy 403 on every write', async () => {
    for (const r of routes().filter((x) => x.scope === 'write')) {
      const res = await call(viewOnly, r.method, urlFor(r.url, owner.patientId));
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(403);
      expect(res.json().error.code).toBe('proxy_view_only');
    }
  });

  it('lets the parent of a minor in the day before the 18th birthday, and answers 404 on every route from the birthday on', async () => {
    t.clock.set('2027-01-19T04:59:00.000Z'); // 2027-01-18 23:59 in Louisville
    expect(
      (await parent.post('/api/auth/signin', { username: 'parent', password: 'violet harbour lantern' })).statusCode,
    ).toBe(200);
    expect((await parent.get(`/api/patients/${childId}/summary`)).statusCode).toBe(200);
    t.clock.set('2027-01-19T05:00:00.000Z'); // the 18th birthday begins; the same session goes on
    for (const r of routes()) {
      const res = await call(parent, r.method, urlFor(r.url, childId));
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(404);
    }
  });

  it('refuses a patient-data route registered without the guard', async () => {
    const { buildApp } = await import('../src/server/app.ts');
    const app = await buildApp(t.ctx);
    expect(() =>
      app.get('/api/patients/:patientId/unguarded', { config: { auth: { realm: 'patient' } } }, async () => ({})),
    ).toThrow(/without config.patient/);
    await app.close();
  });
});
