import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffRole } from '../src/server/db/schema.ts';
import { relationHolds } from '../src/server/platform/access/policy.ts';
import { startTestApp, type TestApp } from './helpers/test-app.ts';
import { Client, importPatient, signUpPatient, staffClient } from './helpers/identity-factories.ts';
import { accountIdOf, grantProxy } from './helpers/proxy-factories.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const NO_ID = '00000000-0000-4000-8000-000000000000';
const ROLES: StaffRole[] = ['clinician', 'nurse', 'front_desk', 'him', 'billing', 'admin'];

/**
 * Sweeps EVERY route that reaches patient data, as registered (app.patientRoutes: /api/patients/:patientId/… and
 * /api/staff/patients/:patientId/…; app.workItemRoutes: /api/staff/work-items/:id/…), so routes written later are
 * swept too. Each caller without access must get exactly the answer a patient or item that does not exist gets;
 * a view-only proxy writing gets 403. Foreign object ids under the caller's own patient id are 404 as well.
 */
describe('isolation of patient data across every patient-data and staff object route', () => {
  let t: TestApp;
  let owner: Awaited<ReturnType<typeof signUpPatient>>;
  let stranger: Awaited<ReturnType<typeof signUpPatient>>;
  let viewOnly: Client;
  let revoked: Client;
  let parent: Client;
  let childId: string;
  const staff = new Map<string, Client>();
  /** The owner's objects: a thread, an attachment, a medication, an invitation, a grant, work items. */
  const own: Record<string, string> = {};
  let ownerItems: string[] = [];

  const upload = (c: Client, patientId: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/patients/${patientId}/attachments`,
      headers: {
        cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'x-csrf-token': c.csrf!,
        'content-type': 'application/octet-stream',
        'x-file-name': 'letter.pdf',
      },
      payload: PDF,
    });

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-12-01T15:00:00.000Z' });
    owner = await signUpPatient(t.app, t.ctx, 'Louis_Maggio', 'owner');
    stranger = await signUpPatient(t.app, t.ctx, 'Elsa_Vargas', 'stranger');
    viewOnly = (await signUpPatient(t.app, t.ctx, 'Filiberto_Ryan', 'viewonly')).client;
    revoked = (await signUpPatient(t.app, t.ctx, 'Elvina_Lemke', 'revoked')).client;
    parent = (await signUpPatient(t.app, t.ctx, 'Reyna_Ziemann', 'parent')).client;
    ({ patientId: childId } = await importPatient(t.ctx, 'Erminia_Ondricka')); // born 2009-01-19
    own.grantId = await grantProxy(t.ctx, owner.patientId, await accountIdOf(t.ctx, 'viewonly'), 'adult', 'view_only');
    const revokedGrant = await grantProxy(t.ctx, owner.patientId, await accountIdOf(t.ctx, 'revoked'), 'adult', 'full');
    await t.ctx.db.kysely.transaction().execute((trx) => t.ctx.grants.revoke(trx, revokedGrant, 'test'));
    await grantProxy(t.ctx, childId, await accountIdOf(t.ctx, 'parent'), 'minor', 'full');

    // The owner's objects, made through the app as the owner would.
    const base = `/api/patients/${owner.patientId}`;
    const options = (await owner.client.get(`${base}/messages/options`)).json() as { careTeam: { id: string }[] };
    const file = (await upload(owner.client, owner.patientId)).json() as { id: string };
    own.attachmentId = file.id;
    const thread = await owner.client.post(`${base}/messages`, {
      kind: 'medical',
      recipientId: options.careTeam[0]!.id,
      subject: 'A question',
      body: 'Is this normal?',
      attachmentIds: [file.id],
      idempotencyKey: randomUUID(),
    });
    expect(thread.statusCode).toBe(201);
    own.threadId = thread.json().id;
    const meds = (await owner.client.get(`${base}/medications`)).json() as { current: { id: string }[] };
    own.medicationId = meds.current[0]!.id;
    const refill = await owner.client.post(`${base}/medications/${own.medicationId}/refill-requests`, {
      pharmacy: 'Main Street Pharmacy',
      idempotencyKey: randomUUID(),
    });
    expect(refill.statusCode).toBe(201);
    const invite = await owner.client.post(`${base}/proxies/invitations`, {
      username: 'parent',
      level: 'view_only',
      relationship: 'friend',
      idempotencyKey: randomUUID(),
    });
    own.id = invite.json().id;
    ownerItems = (
      await t.ctx.db.kysely.selectFrom('work_item').select('id').where('patient_id', '=', owner.patientId).execute()
    ).map((r) => r.id);
    expect(ownerItems.length).toBeGreaterThanOrEqual(2); // the question and the refill request

    for (const role of ROLES) staff.set(role, await staffClient(t.app, t.ctx, role));
    // Clinicians and nurses of an organisation the owner was never seen at.
    const ownerOrgs = new Set(
      (
        await t.ctx.db.kysely
          .selectFrom('patient_organisation')
          .select('organisation_id')
          .where('patient_id', '=', owner.patientId)
          .execute()
      ).map((r) => r.organisation_id),
    );
    const elsewhere = (
      await t.ctx.db.kysely.selectFrom('patient_organisation').select('organisation_id').distinct().execute()
    )
      .map((r) => r.organisation_id)
      .filter((o) => !ownerOrgs.has(o));
    expect(elsewhere.length).toBeGreaterThan(0);
    staff.set('clinician of another organisation', await staffClient(t.app, t.ctx, 'clinician', elsewhere));
    staff.set('nurse of another organisation', await staffClient(t.app, t.ctx, 'nurse', elsewhere));
  });
  afterAll(async () => t.close());

  /** A valid body for each write, so a refusal is the guard's and not validation's. */
  const bodyFor = (url: string): unknown => {
    if (url.endsWith('/replies')) return { body: 'More.', idempotencyKey: randomUUID(), attachmentIds: [] };
    if (url.endsWith('/refill-requests')) return { pharmacy: 'Main Street Pharmacy', idempotencyKey: randomUUID() };
    if (url.endsWith('/revoke')) return { password: 'violet harbour lantern' };
    if (url.endsWith('/messages'))
      return {
        kind: 'customer_service',
        topic: 'billing_question',
        subject: 'Hi',
        body: 'Hi',
        idempotencyKey: randomUUID(),
      };
    if (url.endsWith('/proxies/invitations'))
      return { username: 'stranger', level: 'view_only', relationship: 'friend', idempotencyKey: randomUUID() };
    if (url.endsWith('/proxies'))
      return { username: 'stranger', relationship: 'parent', reason: 'Came to the desk with ID.' };
    if (url.endsWith('/visit-instructions')) return { encounterId: 'x', title: 'Rest', text: 'Rest.' };
    if (url.endsWith('/activation-codes')) return {};
    if (url.endsWith('/assign')) return { assigneeId: 'x' };
    if (url.endsWith('/close')) return { outcome: 'duplicate' };
    if (url.endsWith('/refill')) return { decision: 'approved' };
    if (url.endsWith('/thread/replies')) return { body: 'Hi', done: false, idempotencyKey: randomUUID() };
    return {};
  };
  const fill = (url: string, patientId: string, objects: Record<string, string> = {}) =>
    url.replace(':patientId', patientId).replace(/:([A-Za-z]+)/g, (_, name: string) => objects[name] ?? NO_ID);
  const call = (c: Client, method: string, url: string): Promise<LightMyRequestResponse> =>
    method === 'GET'
      ? c.get(url)
      : c.request(method as 'POST', url, url.endsWith('/attachments') ? undefined : bodyFor(url));
  const same = (a: LightMyRequestResponse, b: LightMyRequestResponse, what: string) => {
    expect(a.statusCode, what).toBe(b.statusCode);
    expect(a.body, what).toBe(b.body);
  };

  it('finds the routes to sweep', () => {
    expect(t.app.patientRoutes.length).toBeGreaterThanOrEqual(25);
    expect(t.app.workItemRoutes.length).toBeGreaterThanOrEqual(12);
    expect(t.app.patientRoutes.some((r) => r.write)).toBe(true);
    console.info(
      `isolation sweep: ${t.app.patientRoutes.length} patient routes, ${t.app.workItemRoutes.length} work-item routes`,
    );
  });

  it('answers a stranger, a revoked proxy and anyone signed out as for a patient that does not exist', async () => {
    const callers: [string, Client][] = [
      ['stranger', stranger.client],
      ['revoked proxy', revoked],
      ['signed out', new Client(t.app)],
    ];
    for (const [who, c] of callers)
      for (const r of t.app.patientRoutes) {
        const what = `${who}: ${r.method} ${r.url}`;
        const res = await call(c, r.method, fill(r.url, owner.patientId, own));
        same(res, await call(c, r.method, fill(r.url, 'no-such-patient')), what);
        expect([401, 404], what).toContain(res.statusCode);
        if (who !== 'signed out' && r.url.startsWith('/api/patients/')) expect(res.statusCode, what).toBe(404);
      }
  });

  it('answers a view-only proxy 403 on every write a full-access proxy may make, and on what only the patient may do', async () => {
    const proxyWrites = t.app.patientRoutes.filter((x) => x.write && relationHolds('proxy_full', x.permission));
    expect(proxyWrites.length).toBeGreaterThanOrEqual(4);
    for (const r of proxyWrites) {
      const res = await call(viewOnly, r.method, fill(r.url, owner.patientId, own));
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(403);
      expect(res.json().error.code).toBe('proxy_view_only');
    }
    for (const r of t.app.patientRoutes.filter((x) => !relationHolds('proxy_view_only', x.permission))) {
      if (relationHolds('proxy_full', r.permission) && r.write) continue;
      const what = `${r.method} ${r.url}`;
      const res = await call(viewOnly, r.method, fill(r.url, owner.patientId, own));
      if (r.url.startsWith('/api/staff/'))
        same(res, await call(viewOnly, r.method, fill(r.url, 'no-such-patient')), what);
      else expect([res.statusCode, res.json().error.code], what).toEqual([403, 'only_the_patient']);
    }
  });

  it('lets the owner’s organisations’ clinician read the owner’s record and items, and not the other organisation’s', async () => {
    const mine = staff.get('clinician')!;
    const theirs = staff.get('clinician of another organisation')!;
    expect((await mine.get(`/api/staff/patients/${owner.patientId}`)).statusCode).toBe(200);
    expect((await theirs.get(`/api/staff/patients/${owner.patientId}`)).statusCode).toBe(404);
    const search = (c: Client) =>
      c.get('/api/staff/patients?q=maggio').then((r) => (r.json() as { patients: { id: string }[] }).patients);
    expect((await search(mine)).map((p) => p.id)).toContain(owner.patientId);
    expect((await search(theirs)).map((p) => p.id)).not.toContain(owner.patientId);
    const listed = async (c: Client) =>
      ((await c.get('/api/staff/work-items?status=active')).json() as { items: { id: string }[] }).items.map(
        (i) => i.id,
      );
    expect(await listed(mine)).toEqual(expect.arrayContaining(ownerItems));
    expect((await listed(theirs)).filter((i) => ownerItems.includes(i))).toEqual([]);
  });

  it('answers staff of every role, and clinicians and nurses of another organisation, as for what does not exist', async () => {
    for (const [who, c] of staff) {
      for (const r of t.app.patientRoutes) {
        const what = `${who}: ${r.method} ${r.url}`;
        const res = await call(c, r.method, fill(r.url, owner.patientId, own));
        if (res.statusCode < 400) {
          expect(who, what).not.toMatch(/another organisation/);
          continue;
        }
        if (res.statusCode === 400 || res.statusCode === 409) continue; // reached the record: the body's problem
        same(res, await call(c, r.method, fill(r.url, 'no-such-patient')), what);
      }
      for (const r of t.app.workItemRoutes)
        for (const item of ownerItems) {
          const what = `${who}: ${r.method} ${r.url} (${item})`;
          const res = await call(c, r.method, fill(r.url, '', { id: item, attachmentId: own.attachmentId! }));
          if (res.statusCode < 400 || res.statusCode === 400 || res.statusCode === 409) {
            expect(who, what).not.toMatch(/another organisation/);
            continue;
          }
          same(res, await call(c, r.method, fill(r.url, '', { id: NO_ID })), what);
        }
    }
  });

  it('answers 404 for another record’s object ids under the caller’s own patient id', async () => {
    const mine = `/api/patients/${stranger.patientId}`;
    const foreign = t.app.patientRoutes.filter(
      (r) => r.url.startsWith('/api/patients/') && /:(threadId|attachmentId|medicationId|id|grantId)\b/.test(r.url),
    );
    expect(foreign.length).toBeGreaterThanOrEqual(7);
    for (const r of foreign) {
      const what = `${r.method} ${r.url}`;
      const res = await call(stranger.client, r.method, fill(r.url, stranger.patientId, own));
      const none = await call(stranger.client, r.method, fill(r.url, stranger.patientId));
      expect(res.statusCode, what).toBe(404);
      same(res, none, what);
    }
    expect((await stranger.client.get(`${mine}/messages/${own.threadId}`)).statusCode).toBe(404);
  });

  it('lets the parent of a minor in the day before the 18th birthday, and answers 404 on every route from the birthday on', async () => {
    t.clock.set('2027-01-19T04:59:00.000Z'); // 2027-01-18 23:59 Eastern time
    expect(
      (await parent.post('/api/auth/signin', { username: 'parent', password: 'violet harbour lantern' })).statusCode,
    ).toBe(200);
    expect((await parent.get(`/api/patients/${childId}/summary`)).statusCode).toBe(200);
    t.clock.set('2027-01-19T05:00:00.000Z'); // the 18th birthday begins; the same session goes on
    for (const r of t.app.patientRoutes.filter((x) => x.url.startsWith('/api/patients/'))) {
      const res = await call(parent, r.method, fill(r.url, childId));
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(404);
    }
  });

  it('refuses a patient-data or work-item route registered without the guard', async () => {
    const { buildApp } = await import('../src/server/app.ts');
    const app = await buildApp(t.ctx);
    expect(() =>
      app.get('/api/patients/:patientId/unguarded', { config: { auth: { realm: 'patient' } } }, async () => ({})),
    ).toThrow(/without config.patient/);
    expect(() =>
      app.get('/api/staff/work-items/:id/unguarded', { config: { auth: { realm: 'staff' } } }, async () => ({})),
    ).toThrow(/without config.workItem/);
    await app.close();
  });
});
